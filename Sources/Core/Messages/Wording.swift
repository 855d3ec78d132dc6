/// Text a reader reads, which a renderer can put in the reader's language: the text as written
/// (English for regctl's own plugins: what callers that know no catalogue print, and what older code
/// and tests read) and, when the writer gave one, the ``Message`` it was made from.
///
/// It encodes as a plain string when it carries no message, and decodes from a plain string too, so
/// that an external plugin's `"notes": ["…"]` and reports written before messages existed still read.
public struct Wording: Sendable, Hashable, Codable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var text: String
    public var message: Message? {
        get {
            switch source {
            case .given(let m)?: m
            case .deferred(let make)?: make()
            case nil: nil
            }
        }
        set { source = newValue.map(Source.given) }
    }

    /// The message, or how to make it: a cell of words in a CSV or JSON of a million rows is read as
    /// its text only, and its message, a tree of dictionaries, would be made for nothing.
    private var source: Source?

    private enum Source: Sendable {
        case given(Message)
        case deferred(@Sendable () -> Message)
    }

    public init(_ text: String, message: Message? = nil) {
        self.text = text
        self.source = message.map(Source.given)
    }

    /// Words whose message is made when it is read; `text` must be what `message` says as written
    /// (its English, for regctl's plugins).
    public init(_ text: String, message: @escaping @Sendable () -> Message) {
        self.text = text
        self.source = .deferred(message)
    }

    /// The message with its English words as the text.
    public init(_ message: Message, catalogue: Catalogue) {
        self.init(catalogue.words(message, in: .en), message: message)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { text }

    /// Two wordings are equal when they say the same as written (in English, for regctl's plugins),
    /// whether or not a message says how to word them again: a report compares equal to one whose
    /// title or chart label was given as plain text, as reports and tests compared before messages.
    public static func == (a: Wording, b: Wording) -> Bool { a.text == b.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The words in `language`: the message's when the catalogue has them, else the text as written.
    public func words(in language: Language, catalogue: Catalogue) -> String {
        guard let message, catalogue.has(message.key) else { return text }
        return catalogue.words(message, in: language)
    }

    private enum CodingKeys: String, CodingKey { case text, message }

    public init(from decoder: any Decoder) throws {
        if let s = try? decoder.singleValueContainer().decode(String.self) {
            self.init(s)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .text), message: try c.decodeIfPresent(Message.self, forKey: .message))
    }

    public func encode(to encoder: any Encoder) throws {
        guard let message else {
            var c = encoder.singleValueContainer()
            try c.encode(text)
            return
        }
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(message, forKey: .message)
    }
}
