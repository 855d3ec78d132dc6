/// Words to be written in the reader's language: a catalogue key and named arguments, as data.
///
/// A report's notes and titles and a problem can carry a message instead of finished English; the
/// renderer, given a language, turns it into words with a ``Catalogue`` (`catalogue.words(message, in:)`).
public struct Message: Sendable, Hashable, Codable {
    /// A named argument: text (a name, a code, a date), a count (which also picks an English plural
    /// form), or another message (a remedy inside an error).
    public indirect enum Argument: Sendable, Hashable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
        ExpressibleByStringInterpolation {
        case text(String)
        case integer(Int)
        case message(Message)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .integer(value) }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { self = .integer(i) }
            else if let s = try? c.decode(String.self) { self = .text(s) }
            else { self = .message(try c.decode(Message.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .integer(let i): try c.encode(i)
            case .message(let m): try c.encode(m)
            }
        }
    }

    /// The catalogue key (`load.summary`, `rank.title`).
    public var key: String
    public var arguments: [String: Argument]

    public init(_ key: String, _ arguments: [String: Argument] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    /// A message whose key is one of a module's typed keys.
    public init<Key: MessageKey>(_ key: Key, _ arguments: [String: Argument] = [:]) {
        self.init(key.rawValue, arguments)
    }

    private enum CodingKeys: String, CodingKey { case key, arguments }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        arguments = try c.decodeIfPresent([String: Argument].self, forKey: .arguments) ?? [:]
    }
}

/// A module's catalogue keys as a type, so that code names no key the compiler cannot check and a test
/// can enumerate every key a module uses (`enum CLIKey: String, MessageKey { case loadAbstract … }`).
public protocol MessageKey: RawRepresentable, CaseIterable, Sendable where RawValue == String {}
