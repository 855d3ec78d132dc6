/// A plugin's words: messages of its catalogue under one key prefix (`growth.`), their English the
/// text (docs/plugins.md, "Words"). A conforming type names its prefix and catalogue and gets the
/// wording, the argument and the titled column.
public protocol CatalogueWords {
    /// The keys' prefix, without its dot: `growth` for `growth.title`.
    static var prefix: String { get }
    static var catalogue: Catalogue { get }
}

extension CatalogueWords {
    /// `key` (without the prefix) with `arguments`, English as its text.
    public static func text(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Wording {
        Wording(Message("\(prefix).\(key)", arguments), catalogue: catalogue)
    }

    /// `key` (without the prefix) as an argument of another message.
    public static func message(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Message.Argument {
        .message(Message("\(prefix).\(key)", arguments))
    }

    /// A column titled by the catalogue (`<prefix>.column.<key>`, the name unless given).
    public static func column(_ name: String, _ type: Report.ColumnType, _ key: String? = nil,
                              _ arguments: [String: Message.Argument] = [:]) -> Report.Column {
        Report.Column(name, type, title: text("column.\(key ?? name)", arguments))
    }
}
