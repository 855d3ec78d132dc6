import Core

/// Growth's cells that are words rather than data, as messages of its catalogue: a reader of either
/// language reads them in theirs, JSON and CSV keep the English (docs/plugins.md, "Words").
extension GrowthWords {
    /// Whether a firm is a gazelle: yes or no.
    static func yesNo(_ yes: Bool) -> Report.Value {
        .words(Message("growth.cell.\(yes ? "yes" : "no")"), catalogue: GrowthMessages.catalogue)
    }
}

extension Grouping {
    /// The name cell beside a unit code: `--by all` without a scope is "all firms" in the reader's
    /// language; a unit's, park's or region's name is data.
    func nameCell(of code: String) -> Report.Value {
        if case .all = by, within == nil { return .words(Message("growth.grouping.all"), catalogue: GrowthMessages.catalogue) }
        return .text(name(of: code))
    }
}
