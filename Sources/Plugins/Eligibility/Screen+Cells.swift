import Core

/// Screen's cells that are words rather than data — each criterion's finding and the verdict — as
/// messages of the Eligibility catalogue: a reader of either language reads them in theirs, JSON and
/// CSV keep the English (`pass: 72.4% (≥ 70%)`, `not eligible`; docs/plugins.md, "Words").
enum ScreenCells {
    /// A criterion's cell: its outcome and the figures that decided it.
    static func finding(_ f: Finding) -> Report.Value {
        .words(Message("screen.cell.finding", ["outcome": .message(Message("screen.cell.outcome.\(f.outcome.rawValue)")), "figures": f.figuresArgument]),
               catalogue: EligibilityMessages.catalogue)
    }

    static func verdict(_ v: Verdict) -> Report.Value {
        .words(Message("screen.cell.verdict.\(v.rawValue)"), catalogue: EligibilityMessages.catalogue)
    }
}

extension Finding {
    /// The figures as a message argument (as written when the finding was made without a message).
    var figuresArgument: Message.Argument { message.map { .message($0) } ?? .text(figures) }
}
