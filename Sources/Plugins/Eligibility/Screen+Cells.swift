import Core

/// Screen's cells that are words rather than data — each criterion's finding and the verdict — as
/// messages of the Eligibility catalogue: a reader of either language reads them in theirs, JSON and
/// CSV keep the English (`pass: 72.4% (≥ 70%)`, `not eligible`; docs/plugins.md, "Words").
///
/// A finding's English is written from the catalogue's templates straight from its phrase, and its
/// message is made only when a renderer asks for it (a table, Markdown, another language): CSV and
/// JSON read the text alone, for 131k rows of seven findings at 1M firms.
enum ScreenCells {
    /// A criterion's cell: its outcome and the figures that decided it.
    static func finding(_ f: Finding) -> Report.Value {
        let outcome = f.outcome
        guard let phrase = f.phrase, let cell = english.cell else {
            return .words(message(outcome, f.figuresArgument), catalogue: EligibilityMessages.catalogue)
        }
        var text = ""
        text.reserveCapacity(96)
        cell.write(into: &text) { _ in nil } fill: { name, out in
            switch name {
            case "outcome":
                guard let template = english.outcomes[outcome] else { out += "screen.cell.outcome.\(outcome.rawValue)"; return true }
                template.write(into: &out, count: { _ in nil }, fill: { _, _ in false })
            case "figures": phrase.writeEnglish(into: &out)
            default: return false
            }
            return true
        }
        return .words(Wording(text) { message(outcome, .message(phrase.message)) })
    }

    static func verdict(_ v: Verdict) -> Report.Value { verdicts[v]! }

    private static let verdicts: [Verdict: Report.Value] = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { v in
        (v, .words(Message("screen.cell.verdict.\(v.rawValue)"), catalogue: EligibilityMessages.catalogue))
    })

    private static func message(_ outcome: Outcome, _ figures: Message.Argument) -> Message {
        Message("screen.cell.finding", ["outcome": .message(Message("screen.cell.outcome.\(outcome.rawValue)")), "figures": figures])
    }

    /// The English templates of a finding's cell, parsed once.
    private static let english = (
        cell: EligibilityMessages.catalogue.template("screen.cell.finding", in: .en),
        outcomes: Dictionary(uniqueKeysWithValues: [Outcome.pass, .fail, .missing].compactMap { o in
            EligibilityMessages.catalogue.template("screen.cell.outcome.\(o.rawValue)", in: .en).map { (o, $0) }
        })
    )
}

extension Finding {
    /// The figures as a message argument (as written when the finding was made without a message).
    var figuresArgument: Message.Argument { message.map { .message($0) } ?? .text(figures) }
}
