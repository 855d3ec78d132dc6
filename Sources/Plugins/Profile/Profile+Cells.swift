import Core

/// Profile's cells that are words rather than data — each figure's unit and the detail that says what
/// it counts — as messages of its catalogue: a reader of either language reads them in theirs, JSON
/// and CSV keep the English (docs/plugins.md, "Words"). A label is the figure's Chinese name, as newspapers
/// print it: that is its text, in JSON and CSV, and what a Chinese reader reads; an English reader reads
/// its English name.
enum ProfileCells {
    /// `profile.cell.<key>` with `arguments`, English as its text.
    static func words(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Wording {
        Wording(Message("profile.cell.\(key)", arguments), catalogue: ProfileMessages.catalogue)
    }

    static func message(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Message.Argument {
        .message(Message("profile.cell.\(key)", arguments))
    }

    /// A figure's label: its Chinese name as data, its words in the reader's language.
    static func label(_ figure: String, _ chinese: String) -> Report.Value {
        .words(Wording(chinese, message: Message("profile.cell.label.\(figure)")))
    }

    /// A figure's unit: firms, rank, incubators, m², projects, transfers, yuan.
    static func unit(_ key: String) -> Report.Value { .words(words("unit.\(key)")) }
}
