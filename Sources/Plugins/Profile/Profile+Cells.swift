import Core

/// Profile's cells that are words rather than data — each figure's unit and the detail that says what
/// it counts — as messages of its catalogue: a reader of either language reads them in theirs, JSON
/// and CSV keep the English (docs/plugins.md, "Words"). The labels are the figures' Chinese names, as
/// newspapers print them, in both languages.
enum ProfileCells {
    /// `profile.cell.<key>` with `arguments`, English as its text.
    static func words(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Wording {
        Wording(Message("profile.cell.\(key)", arguments), catalogue: ProfileMessages.catalogue)
    }

    static func message(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Message.Argument {
        .message(Message("profile.cell.\(key)", arguments))
    }

    /// A figure's unit: firms, rank, incubators, m², projects, transfers, yuan.
    static func unit(_ key: String) -> Report.Value { .words(words("unit.\(key)")) }
}
