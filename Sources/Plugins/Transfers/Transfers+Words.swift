import Core

/// Transfers' words as messages of the Transfers catalogue (Messages/en.json, zh.json): the title,
/// notes, column titles, chart labels and errors, with the English the plugin always wrote
/// (docs/plugins.md, "Words").
enum TransfersWords {
    /// `key` (without the `transfers.` prefix) with `arguments`, English as its text.
    static func text(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Wording {
        Wording(Message("transfers.\(key)", arguments), catalogue: TransfersMessages.catalogue)
    }

    static func message(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Message.Argument {
        .message(Message("transfers.\(key)", arguments))
    }

    /// A column titled by the catalogue (`transfers.column.<name>`).
    static func column(_ name: String, _ type: Report.ColumnType) -> Report.Column {
        Report.Column(name, type, title: text("column.\(name)"))
    }

    /// What the rows are grouped by: park, source kind, year.
    static func by(_ g: TransfersPlugin.Grouping) -> Message.Argument { message("by.\(g.rawValue)") }

    /// A column of `--stack`: its title the value's Chinese label in both languages, as before.
    static func stackColumn(_ name: String) -> Report.Column { column(name, .integer) }

    /// The stack's columns as a note lists them: their names in English, their labels in Chinese.
    static func stackColumns(_ names: [String]) -> Message.Argument {
        let items = names.map { message("stack.item.\($0)") }
        guard let first = items.first else { return "" }
        return items.dropFirst().reduce(first) { message("list", ["a": $0, "b": $1]) }
    }
}
