/// Words to be written in the reader's language: a catalogue key and named arguments, as data.
///
/// A report's notes and titles and a problem can carry a message instead of finished English; the
/// renderer, given a language, turns it into words with a ``Catalogue`` (`catalogue.words(message, in:)`).
public struct Message: Sendable, Hashable, Codable {
    /// A named argument: text (a name, a code), a whole number written as its digits (a year, a line,
    /// a percentage), a count people read, a date, or another message (a remedy inside an error).
    /// `integer` and `count` both pick an English plural form.
    public indirect enum Argument: Sendable, Hashable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
        ExpressibleByStringInterpolation {
        case text(String)
        case integer(Int)
        case message(Message)
        /// A count people read: with thousands separators in every language (1,486), as table cells
        /// have them (`NumberStyle`); years, lines and codes are `integer` or `text`.
        case count(Int)
        /// A day, as the reader's language writes it: 2024-12-31, 2024年12月31日.
        case date(Day)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .integer(value) }

        /// A count and a date are objects of one member (`{"count": 1486}`, `{"date": "2024-12-31"}`),
        /// so that they never read as a message, a number or text.
        private enum KindKeys: String, CodingKey { case count, date }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { self = .integer(i) }
            else if let s = try? c.decode(String.self) { self = .text(s) }
            else if let k = try? decoder.container(keyedBy: KindKeys.self), k.allKeys.count == 1 {
                if let n = try k.decodeIfPresent(Int.self, forKey: .count) { self = .count(n) }
                else { self = .date(try k.decode(Day.self, forKey: .date)) }
            }
            else { self = .message(try c.decode(Message.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .text(let s):
                var c = encoder.singleValueContainer()
                try c.encode(s)
            case .integer(let i):
                var c = encoder.singleValueContainer()
                try c.encode(i)
            case .message(let m):
                var c = encoder.singleValueContainer()
                try c.encode(m)
            case .count(let n):
                var k = encoder.container(keyedBy: KindKeys.self)
                try k.encode(n, forKey: .count)
            case .date(let d):
                var k = encoder.container(keyedBy: KindKeys.self)
                try k.encode(d, forKey: .date)
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
