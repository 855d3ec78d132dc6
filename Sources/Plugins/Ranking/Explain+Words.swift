import Core

/// Explain's words, as messages of the Ranking catalogue beside rank's (``RankWords``): its title,
/// note, column titles and the error for a unit not in the ranking.
extension RankWords {
    /// "株洲高新区 (zz-htz): 专精特新“小巨人” national level by park".
    func explainTitle(name: String, code: String) -> Wording {
        note(.init("explain.title", ["name": .text(name), "code": .text(code), "title": title.message.map { .message($0) } ?? .text(title.text)]))
    }

    func explainColumn(_ name: String, _ type: Report.ColumnType) -> Report.Column {
        Report.Column(name, type, title: note(.init("explain.column.\(name)")))
    }

    /// How many firms, designations and filings the row rests on.
    func explainNote(firms: Int, rank: Int?, designations: Int, filings: Int, provisional: Int) -> Wording {
        note(.init("explain.note", [
            "firms": .message(.init("explain.firms", ["count": .count(firms)])), "rank": .text(rank.map { String($0) } ?? "–"),
            "count": .count(firms), "designations": .message(.init("explain.designations", ["count": .count(designations)])),
            "filings": .message(.init("explain.filings", ["count": .count(filings)])),
            "provisional": provisional == 0 ? "" : .message(.init("explain.provisional", ["count": .count(provisional)])),
        ]))
    }

    /// The unit asked for is not a row of the ranking; `near` are the nearest units ("a (甲园区)").
    func notInRanking(_ given: String, asOf: Day, near: [String]) -> Wording {
        let hint: Message.Argument = near.isEmpty ? .message(.init("explain.hint.rank"))
            : .message(.init("explain.hint.didYouMean", ["options": orList(near)]))
        return note(.init("explain.notFound", [
            "unit": unit, "given": .text(given), "program": program, "level": .message(.init("explain.level.\(query.level.rawValue)")),
            "above": query.exact ? "" : .message(.init("explain.orAbove")), "scope": scope(asOf), "within": within, "hint": hint,
        ]))
    }

    /// "a, b or c" in the reader's language.
    func orList(_ items: [String]) -> Message.Argument {
        guard let last = items.last else { return "" }
        let head = items.dropLast()
        guard let first = head.first else { return .text(last) }
        let joined = head.dropFirst().reduce(Message.Argument.text(first)) { .message(.init("explain.comma", ["a": $0, "b": .text($1)])) }
        return .message(.init("explain.or", ["a": joined, "b": .text(last)]))
    }
}
