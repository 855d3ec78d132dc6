import Core

/// Transfers' words as messages of the Transfers catalogue (Messages/en.json, zh.json): the title,
/// notes, column titles, chart labels and errors, with the English the plugin always wrote
/// (docs/plugins.md, "Words").
enum TransfersWords: CatalogueWords {
    static let prefix = "transfers"
    static var catalogue: Catalogue { TransfersMessages.catalogue }

    /// What the rows are grouped by: park, source kind, year.
    static func by(_ g: TransfersPlugin.Grouping) -> Message.Argument { message("by.\(g.rawValue)") }

    /// A column of `--stack`, titled by the catalogue in the reader's language.
    static func stackColumn(_ name: String) -> Report.Column { column(name, .integer) }

    /// The stack's columns as a note lists them: their names in English, their labels in Chinese.
    static func stackColumns(_ names: [String]) -> Message.Argument {
        let items = names.map { message("stack.item.\($0)") }
        guard let first = items.first else { return "" }
        return items.dropFirst().reduce(first) { message("list", ["a": $0, "b": $1]) }
    }
}
