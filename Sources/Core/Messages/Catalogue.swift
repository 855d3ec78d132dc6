/// The words of every message, per language: language → key → template. Data, not code: each module
/// (regctl, each built-in plugin, an external plugin's descriptor) carries its own entries, one JSON
/// file per language, and callers merge them (docs/architecture.md, "Words").
///
/// A template is a string with named placeholders, `{file}: filing refused`, or for words that agree
/// with a count, an object of English plural forms, `{"one": "{count} firm", "other": "{count} firms"}`
/// (`"by": "n"` names another argument than `count`). `{{` and `}}` are literal braces.
///
/// A missing key is a test failure (``problems(expecting:)``); at run time it falls back to English,
/// then to the key itself, so that a reader never gets nothing.
public struct Catalogue: Sendable, Hashable {
    /// One key's words in one language, parsed.
    public struct Template: Sendable, Hashable {
        enum Segment: Sendable, Hashable {
            case literal(String)
            case argument(String)
        }

        /// The singular (`one`) and the general (`other`) form; a template without plurals has `other` only.
        var one: [Segment]?
        var other: [Segment]
        /// The argument whose count picks the form.
        var pluralBy: String

        /// Appends the words: the `one` form when `count` gives 1 for the argument that picks the
        /// form, and each placeholder as `fill` writes it, or as `{name}` when `fill` has no such
        /// argument (returns false). ``Catalogue/words(_:in:)`` is this with a message's arguments;
        /// a caller that keeps its arguments in another shape writes the same words without making
        /// a ``Message``.
        public func write(into out: inout String, count: (String) -> Int?, fill: (String, inout String) -> Bool) {
            var form = other
            if let one = one, count(pluralBy) == 1 { form = one }
            for segment in form {
                switch segment {
                case .literal(let s): out += s
                case .argument(let name):
                    if !fill(name, &out) { out += "{\(name)}" }
                }
            }
        }

        /// The names of the arguments it uses, in every form (a plural's count included).
        public var placeholders: Set<String> {
            var names = Set((one ?? []) + other).compactMap { s -> String? in
                if case .argument(let n) = s { n } else { nil }
            }
            if one != nil { names.append(pluralBy) }
            return Set(names)
        }
    }

    /// Why a catalogue file cannot be read; says which file and key.
    public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
        public var source: String
        public var key: String?
        public var reason: String
        public var description: String { "\(source)\(key.map { ": \($0)" } ?? ""): \(reason)" }
    }

    /// What a test finds wrong with a catalogue.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// A key the code uses (or another language has) that `language` lacks.
        case missing(key: String, language: Language)
        /// The languages' templates of `key` name different arguments.
        case placeholdersDiffer(key: String, byLanguage: [Language: Set<String>])
        /// A key in the catalogue that no code uses.
        case unused(key: String)

        public var description: String {
            switch self {
            case let .missing(key, language): "\(key): missing in \(language.rawValue)"
            case let .placeholdersDiffer(key, byLanguage):
                "\(key): placeholders differ: " + byLanguage.sorted { $0.key.rawValue < $1.key.rawValue }
                    .map { "\($0.key.rawValue) {\($0.value.sorted().joined(separator: ", "))}" }.joined(separator: " vs ")
            case let .unused(key): "\(key): in the catalogue but used by no code"
            }
        }
    }

    private var entries: [Language: [String: Template]]

    /// An empty catalogue.
    public init() { entries = [:] }

    /// A catalogue from one JSON object per language (`{"key": "template", …}`), as embedded files
    /// hold them; `source` names the module in errors.
    public init(json: [Language: [UInt8]], source: String) throws {
        entries = [:]
        for (language, bytes) in json {
            let file = "\(source)/\(language.rawValue).json"
            var reader = JSONReader(bytes, file: file)
            var parsed: [String: Template] = [:]
            for (key, value) in try reader.entries() { parsed[key] = try value.template(key: key, source: file) }
            entries[language] = parsed
        }
    }

    /// A catalogue from decoded JSON values per language, as an external plugin's descriptor carries
    /// them (`"messages": {"en": {…}, "zh": {…}}`).
    public init(entries: [Language: [String: Source]], source: String) throws {
        self.entries = [:]
        for (language, values) in entries {
            var parsed: [String: Template] = [:]
            for (key, value) in values {
                parsed[key] = try value.template(key: key, source: "\(source)/\(language.rawValue)")
            }
            self.entries[language] = parsed
        }
    }

    /// A catalogue from embedded files, for a module's static catalogue: a file that does not parse
    /// gives an empty catalogue here, and fails the module's catalogue test instead.
    public static func embedded(_ json: [Language: [UInt8]], source: String) -> Catalogue {
        (try? Catalogue(json: json, source: source)) ?? Catalogue()
    }

    /// This catalogue with `other`'s entries added; a key both have takes `other`'s words.
    public func merging(_ other: Catalogue) -> Catalogue {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// Adds `other`'s entries in place; a key both have takes `other`'s words.
    public mutating func merge(_ other: Catalogue) {
        for (language, values) in other.entries {
            entries[language, default: [:]].merge(values) { _, new in new }
        }
    }

    /// Whether any language has `key`.
    public func has(_ key: String) -> Bool { entries.values.contains { $0[key] != nil } }

    /// The keys `language` has.
    public func keys(in language: Language) -> Set<String> { Set(entries[language]?.keys ?? [:].keys) }

    /// `key`'s template in `language`, without falling back.
    public func template(_ key: String, in language: Language) -> Template? { entries[language]?[key] }

    /// The message's words in `language`; in English when `language` lacks the key, the key itself when
    /// English lacks it too. An argument the message does not give stays as `{name}`.
    public func words(_ message: Message, in language: Language) -> String {
        var out = ""
        write(message, in: language, into: &out)
        return out
    }

    /// The message's words in `language` appended to `out`, a nested message's in place: what
    /// ``words(_:in:)`` returns, without a string per message.
    public func write(_ message: Message, in language: Language, into out: inout String) {
        guard let template = template(message.key, in: language) ?? template(message.key, in: .en) else {
            out += message.key
            return
        }
        template.write(into: &out) { name in
            switch message.arguments[name] {
            case .integer(let n)?, .count(let n)?: n
            default: nil
            }
        } fill: { name, out in
            switch message.arguments[name] {
            case .text(let s)?: out += s
            case .integer(let i)?: out += String(i)
            case .message(let m)?: write(m, in: language, into: &out)
            case .count(let n)?: out += NumberStyle.grouped(String(n))
            case .date(let d)?: out += NumberStyle.date(d, in: language)
            case nil: return false
            }
            return true
        }
    }

    /// `key` with `arguments` in `language`: `catalogue.words("load.refused", ["file": path], in: .zh)`.
    public func words(_ key: String, _ arguments: [String: Message.Argument] = [:], in language: Language) -> String {
        words(Message(key, arguments), in: language)
    }

    /// What is wrong with the catalogue: keys of `expected` (the keys its code uses) or of any language
    /// missing in one of `Language.allCases`, templates whose placeholders differ between languages, and,
    /// when `expected` is given, keys no code uses. Empty for a sound catalogue.
    public func problems(expecting expected: Set<String>? = nil) -> [Problem] {
        var problems: [Problem] = []
        let all = Language.allCases.reduce(into: expected ?? []) { $0.formUnion(keys(in: $1)) }
        for key in all.sorted() {
            var byLanguage: [Language: Set<String>] = [:]
            for language in Language.allCases {
                if let t = template(key, in: language) { byLanguage[language] = t.placeholders }
                else { problems.append(.missing(key: key, language: language)) }
            }
            if Set(byLanguage.values).count > 1 { problems.append(.placeholdersDiffer(key: key, byLanguage: byLanguage)) }
            if let expected, !expected.contains(key) { problems.append(.unused(key: key)) }
        }
        return problems
    }
}

extension Catalogue {
    /// A template as JSON holds it: a string, or an object of plural forms.
    public enum Source: Sendable, Hashable, Codable {
        case text(String)
        case plural(one: String, other: String, by: String?)

        private enum CodingKeys: String, CodingKey { case one, other, by }

        public init(from decoder: any Decoder) throws {
            if let s = try? decoder.singleValueContainer().decode(String.self) {
                self = .text(s)
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self = .plural(one: try c.decode(String.self, forKey: .one), other: try c.decode(String.self, forKey: .other),
                           by: try c.decodeIfPresent(String.self, forKey: .by))
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .text(let s):
                var c = encoder.singleValueContainer()
                try c.encode(s)
            case let .plural(one, other, by):
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(one, forKey: .one)
                try c.encode(other, forKey: .other)
                try c.encodeIfPresent(by, forKey: .by)
            }
        }

        func template(key: String, source: String) throws -> Template {
            switch self {
            case .text(let s):
                return Template(one: nil, other: try Catalogue.segments(s, key: key, source: source), pluralBy: "count")
            case let .plural(one, other, by):
                return Template(one: try Catalogue.segments(one, key: key, source: source),
                                other: try Catalogue.segments(other, key: key, source: source), pluralBy: by ?? "count")
            }
        }
    }

    /// `text` cut into literals and `{name}` placeholders; `{{` and `}}` are braces.
    static func segments(_ text: String, key: String, source: String) throws -> [Template.Segment] {
        // Scanned as UTF-8 bytes, not Characters, and copied in runs: the braces are ASCII and never
        // part of a longer UTF-8 sequence, and every process cuts every template at start-up, where
        // walking grapheme clusters cost `regctl --help` 17% of its time (benchmarks/catalogue).
        var text = text
        return try text.withUTF8 { bytes in
            let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
            if !bytes.contains(where: { $0 == open || $0 == close }) { return bytes.isEmpty ? [] : [.literal(String(decoding: bytes, as: UTF8.self))] }
            var segments: [Template.Segment] = []
            var literal: [UInt8] = []
            var run = 0, i = 0
            func flush() {
                if !literal.isEmpty { segments.append(.literal(String(decoding: literal, as: UTF8.self))) }
                literal.removeAll(keepingCapacity: true)
            }
            while i < bytes.count {
                let c = bytes[i]
                guard c == open || c == close else { i += 1; continue }
                literal += bytes[run..<i]
                if i + 1 < bytes.count, bytes[i + 1] == c {
                    literal.append(c)
                    i += 2
                    run = i
                    continue
                }
                if c == close { throw FormatError(source: source, key: key, reason: "a lone '}' (write '}}' for a brace)") }
                guard let end = bytes[(i + 1)...].firstIndex(of: close) else {
                    throw FormatError(source: source, key: key, reason: "a '{' that is not closed (write '{{' for a brace)")
                }
                let nameBytes = bytes[(i + 1)..<end]
                let name = String(decoding: nameBytes, as: UTF8.self)
                // ASCII names (all of ours) checked by byte; Character properties only for the rest.
                let valid = nameBytes.allSatisfy { b in
                    (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == UInt8(ascii: "_")
                } || name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
                guard !name.isEmpty, valid else {
                    throw FormatError(source: source, key: key, reason: "'{\(name)}' is not a placeholder (letters, digits and _)")
                }
                flush()
                segments.append(.argument(name))
                i = end + 1
                run = i
            }
            literal += bytes[run..<bytes.count]
            flush()
            return segments
        }
    }
}
