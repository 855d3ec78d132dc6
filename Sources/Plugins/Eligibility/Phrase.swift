import Core

/// The figures of a finding as data: a key of the Eligibility catalogue under `screen.figures.` and
/// its arguments in order, some of them phrases again. It becomes a ``Message`` for a reader of any
/// language, and is written in English straight from the catalogue's templates (each parsed once),
/// which are the words the message has in English: a screen at 1M firms words seven findings for each
/// of 131k firms, and a message's dictionaries and keys were most of that time.
struct Phrase: Sendable {
    /// The key without `screen.figures.`.
    let key: String
    let arguments: KeyValuePairs<String, Part>

    init(_ key: String, _ arguments: KeyValuePairs<String, Part> = [:]) {
        self.key = key
        self.arguments = arguments
    }

    /// An argument of a phrase.
    enum Part: Sendable, ExpressibleByStringLiteral {
        case text(String)
        case integer(Int)
        case date(Day)
        case phrase(Phrase)

        init(stringLiteral value: String) { self = .text(value) }

        var argument: Message.Argument {
            switch self {
            case .text(let s): .text(s)
            case .integer(let n): .integer(n)
            case .date(let d): .date(d)
            case .phrase(let p): .message(p.message)
            }
        }
    }

    /// The phrase as a message of the Eligibility catalogue.
    var message: Message {
        Message("screen.figures.\(key)", Dictionary(arguments.map { ($0.key, $0.value.argument) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Appends the English words, as `EligibilityMessages.catalogue.words(message, in: .en)` writes them.
    func writeEnglish(into out: inout String) {
        guard let template = Phrase.englishTemplates[key] else {
            out += "screen.figures.\(key)"
            return
        }
        let arguments = arguments
        template.write(into: &out) { name in
            switch arguments.first(where: { $0.key == name })?.value {
            case .integer(let n)?: n
            default: nil
            }
        } fill: { name, out in
            guard let part = arguments.first(where: { $0.key == name })?.value else { return false }
            switch part {
            case .text(let s): out += s
            case .integer(let n): out += String(n)
            case .date(let d): out += NumberStyle.date(d, in: .en)
            case .phrase(let p): p.writeEnglish(into: &out)
            }
            return true
        }
    }

    /// The English template of every key under `screen.figures.`, by the key without it.
    private static let englishTemplates: [String: Catalogue.Template] = {
        let catalogue = EligibilityMessages.catalogue, prefix = "screen.figures."
        var templates: [String: Catalogue.Template] = [:]
        for key in catalogue.keys(in: .en) where key.hasPrefix(prefix) {
            templates[String(key.dropFirst(prefix.count))] = catalogue.template(key, in: .en)
        }
        return templates
    }()
}

/// Words inside the figures: `screen.figures.<key>` with arguments.
func figureWords(_ key: String, _ arguments: KeyValuePairs<String, Phrase.Part> = [:]) -> Phrase.Part {
    .phrase(Phrase(key, arguments))
}
