import Core

/// Incubators' cells that are words rather than data, as messages of its catalogue: a reader of
/// either language reads them in theirs, JSON and CSV keep the English (docs/plugins.md, "Words").
extension IncubatorsWords {
    /// A criterion's outcome: pass, fail, or n/a when a figure is missing.
    static func verdict(_ ok: Bool?) -> Report.Value {
        .words(Message("incubators.cell.\(ok.map { $0 ? "pass" : "fail" } ?? "na")"), catalogue: IncubatorsMessages.catalogue)
    }
}

extension IncubatorsWords {
    /// An enumeration value as a cell: its raw value in English (what JSON and CSV keep), the
    /// catalogue's word in Chinese (`incubators.kind.maker-space` → 众创空间).
    static func value<E: RawRepresentable>(_ group: String, _ value: E) -> Report.Value where E.RawValue == String {
        .words(Message("incubators.\(group).\(value.rawValue)"), catalogue: IncubatorsMessages.catalogue)
    }
}
