extension Catalogue {
    /// Reads a catalogue file, one JSON object of key → template (a string, or an object of plural
    /// forms `one`, `other` and optionally `by`), straight from its UTF-8 bytes.
    ///
    /// Why by hand: every regctl process reads every module's catalogue in both languages before it
    /// does anything else. Through JSONSerialization (an `Any` tree of bridged Foundation objects,
    /// cast key by key) and JSONDecoder that was 9–14 ms of a 31 ms `regctl --help`, and most of
    /// what made `rank` slower than before the catalogue existed; this reader takes a fraction of a
    /// millisecond (benchmarks/startup, docs/benchmarks.md "Start-up"). It reads only this shape:
    /// anything else is refused with the byte offset and, when known, the key.
    struct JSONReader {
        private let bytes: [UInt8]
        private let file: String
        private var i = 0

        init(_ bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
        }

        /// Every key with its template source, in the file's order (a repeated key: the last one wins).
        mutating func entries() throws -> [(key: String, source: Source)] {
            skipSpace()
            guard peek == UInt8(ascii: "{") else { throw error(nil, "not a JSON object of key → template") }
            i += 1
            var out: [(key: String, source: Source)] = []
            var first = true
            while let key = try nextKey(&first) {
                switch peek {
                case UInt8(ascii: "\""): out.append((key, .text(try string(key))))
                case UInt8(ascii: "{"): out.append((key, try plural(key)))
                default: throw error(key, "a template is a string or {\"one\": …, \"other\": …}")
                }
            }
            skipSpace()
            guard i == bytes.count else { throw error(nil, "not JSON: text after the object at byte \(i)") }
            return out
        }

        /// `{"one": …, "other": …, "by": …}` with `one` and `other` required, nothing else allowed.
        private mutating func plural(_ key: String) throws -> Source {
            i += 1
            var forms: [String: String] = [:]
            var first = true
            while let name = try nextKey(&first) {
                guard ["one", "other", "by"].contains(name), peek == UInt8(ascii: "\"") else {
                    throw error(key, "a template is a string or {\"one\": …, \"other\": …}")
                }
                forms[name] = try string(key)
            }
            guard let one = forms["one"], let other = forms["other"] else {
                throw error(key, "a template is a string or {\"one\": …, \"other\": …}")
            }
            return .plural(one: one, other: other, by: forms["by"])
        }

        /// The next member's key of an object whose `{` is read, with `i` left at its value; nil at
        /// the closing `}`. `first` is true before the first member (no comma to read).
        private mutating func nextKey(_ first: inout Bool) throws -> String? {
            skipSpace()
            if peek == UInt8(ascii: "}") && first { i += 1; return nil }
            if !first {
                switch peek {
                case UInt8(ascii: ","): i += 1
                case UInt8(ascii: "}"): i += 1; return nil
                default: throw error(nil, "not JSON: ',' or '}' expected at byte \(i)")
                }
                skipSpace()
            }
            first = false
            guard peek == UInt8(ascii: "\"") else { throw error(nil, "not JSON: a key expected at byte \(i)") }
            let key = try string(nil)
            skipSpace()
            guard peek == UInt8(ascii: ":") else { throw error(key, "not JSON: ':' expected at byte \(i)") }
            i += 1
            skipSpace()
            return key
        }

        /// A string whose opening quote is at `i`, unescaped.
        private mutating func string(_ key: String?) throws -> String {
            i += 1
            var out: [UInt8] = []
            var start = i
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    out += bytes[start..<i]
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    out += bytes[start..<i]
                    try escape(into: &out, key)
                    start = i
                case 0..<0x20:
                    throw error(key, "not JSON: a control character in a string at byte \(i)")
                default:
                    i += 1
                }
            }
            throw error(key, "not JSON: a string that is not closed")
        }

        /// The escape at `i` (its backslash), appended as UTF-8.
        private mutating func escape(into out: inout [UInt8], _ key: String?) throws {
            guard i + 1 < bytes.count else { throw error(key, "not JSON: an escape that is not finished") }
            let c = bytes[i + 1]
            i += 2
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(c)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(key)
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by `\u` and a low one.
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error(key, "not JSON: a lone surrogate at byte \(i)")
                    }
                    i += 2
                    let low = try hex4(key)
                    guard (0xDC00..<0xE000).contains(low) else { throw error(key, "not JSON: a lone surrogate at byte \(i)") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let s = Unicode.Scalar(scalar) else { throw error(key, "not JSON: a lone surrogate at byte \(i)") }
                out += Array(String(Character(s)).utf8)
            default:
                throw error(key, "not JSON: an unknown escape at byte \(i - 2)")
            }
        }

        private mutating func hex4(_ key: String?) throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw error(key, "not JSON: \\u without four hex digits") }
            var v: UInt32 = 0
            for b in bytes[i..<(i + 4)] {
                guard let d = Character(Unicode.Scalar(b)).hexDigitValue else {
                    throw error(key, "not JSON: \\u without four hex digits at byte \(i)")
                }
                v = v << 4 | UInt32(d)
            }
            i += 4
            return v
        }

        private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        private mutating func skipSpace() {
            while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 }
        }

        private func error(_ key: String?, _ reason: String) -> FormatError {
            FormatError(source: file, key: key, reason: reason)
        }
    }
}
