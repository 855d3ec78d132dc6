import Core

/// Changes' cells that are words rather than data — the change, its reason and the detail that
/// explains it — as messages of its catalogue: a reader of either language reads them in theirs, JSON
/// and CSV keep the English (docs/plugins.md, "Words").
enum ChangesCells {
    static func wording(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Wording {
        Wording(Message("changes.cell.\(key)", arguments), catalogue: ChangesMessages.catalogue)
    }

    static func change(gained: Bool) -> Report.Value { .words(wording(gained ? "gained" : "lost")) }

    static func reason(_ r: Comparison.Reason) -> Report.Value { .words(wording("reason.\(r.rawValue)")) }

    /// "national 2023 batch 2", "国家级 2023年第2批".
    static func designation(_ d: Designation) -> Message.Argument {
        .message(Message("changes.cell.designation", ["level": .message(Message("changes.cell.level.\(d.level.rawValue)")), "year": .integer(d.year),
                                                      "batch": d.batch.map { .message(Message("changes.cell.batch", ["batch": .text($0)])) } ?? ""]))
    }

    /// Gained by a designation: "national 2023, from 2023-07-01".
    static func designated(_ d: Designation) -> Wording { wording("designated", ["designation": designation(d), "date": .date(d.start)]) }

    /// Moved into the unit by an incubation entered between the dates, or counted in it on one date only.
    static func moved(unit: String, entered: Day?, by: UnitKind) -> Wording {
        guard let entered else { return wording("bothDates", ["by": ChangesWords.unit(by)]) }
        return wording("entered", ["unit": .text(unit), "date": .date(entered)])
    }

    /// Lost when the designation was revoked or lapsed; with the designation at another level still
    /// active when the firm changed level.
    static func ended(_ d: Designation, revoked: Bool, on date: Day, remaining: DesignationFact?) -> Wording {
        let ended = wording(revoked ? "revokedOn" : "validTo", ["designation": designation(d), "date": .date(date)])
        guard let remaining else { return ended }
        return wording("levelChanged", ["ended": .message(ended.message!), "designation": designation(remaining.designation),
                                        "filing": .text(remaining.filing), "line": .integer(remaining.line)])
    }
}
