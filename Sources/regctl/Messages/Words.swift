import Core

/// regctl's words in one language: its own catalogue (Messages/en.json and zh.json, embedded in the
/// binary) merged with every built-in plugin's. Renderers and the server take a `Words` (or its
/// language) as a parameter; only the command line's wiring keeps a process-wide one, `Words.current`.
struct Words: Sendable {
    let language: Language
    let catalogue: Catalogue

    init(_ language: Language, catalogue: Catalogue = Words.catalogue) {
        self.language = language
        self.catalogue = catalogue
    }

    /// regctl's own entries.
    static let cli = Catalogue.embedded([.en: PackageResources.en_json, .zh: PackageResources.zh_json], source: "Sources/regctl/Messages")

    /// Core's entries (its diagnostics and errors), regctl's and every built-in plugin's.
    static let catalogue = (BuiltInPlugins.all + BuiltInPlugins.commands).reduce(into: CoreWords.catalogue.merging(cli)) { $0.merge($1.plugin.messages) }

    /// The language this process speaks: `--lang`, else the environment, else English
    /// (`CommandLineLanguage`). Known before argument-parser builds any help, which it words.
    static let current = Words(CommandLineLanguage.chosen)

    /// The words of `key` with `arguments`.
    func callAsFunction(_ key: CLIKey, _ arguments: [String: Message.Argument] = [:]) -> String {
        catalogue.words(Message(key, arguments), in: language)
    }

    func callAsFunction(_ message: Message) -> String { catalogue.words(message, in: language) }

    /// A plugin's or report's wording in this language (its text as written when it has no message).
    func callAsFunction(_ wording: Wording) -> String { wording.words(in: language, catalogue: catalogue) }

    /// `key`'s words in the process's language, for help texts, which argument-parser reads from
    /// static properties; Chinese is wrapped at `width` columns here, since argument-parser wraps only
    /// at spaces and counts characters (`HelpText.fit`).
    static func help(_ key: CLIKey, _ arguments: [String: Message.Argument] = [:], width: Int = HelpText.width) -> String {
        fitted(current(key, arguments), width: width)
    }

    /// Help text in the process's language, wrapped for argument-parser unless English (which
    /// argument-parser wraps itself, as it always has).
    static func fitted(_ text: String, width: Int = HelpText.width) -> String {
        current.language == .en ? text : HelpText.fit(text, width: width)
    }

    /// An option's or argument's help in the process's language, fitted to argument-parser's help column.
    static func option(_ key: CLIKey, _ arguments: [String: Message.Argument] = [:]) -> String {
        help(key, arguments, width: HelpText.optionHelpWidth)
    }
}

extension Words {
    /// `key`'s words in this language as a report's text, with the message a renderer in another
    /// language words again.
    func wording(_ key: CLIKey, _ arguments: [String: Message.Argument] = [:]) -> Wording {
        Wording(self(key, arguments), message: Message(key, arguments))
    }
}
