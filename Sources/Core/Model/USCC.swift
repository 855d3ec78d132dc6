/// The Unified Social Credit Code of GB 32100-2015.
///
/// Eighteen characters over a 31-letter alphabet; characters 3–8 are a GB/T 2260 division
/// code and the last one is a check character over the first seventeen.
public enum USCC {
    /// The code alphabet: digits and upper-case letters without I, O, S, V, Z.
    public static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    private static let values: [Int8] = {
        var t = [Int8](repeating: -1, count: 128)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = Int8(i) }
        return t
    }()

    private static let weights: [Int] = (0..<17).map { i in
        var w = 1
        for _ in 0..<i { w = w * 3 % 31 }
        return w
    }

    /// Upper-cases, folds full-width characters to half-width and trims white space.
    public static func normalize(_ raw: String) -> String {
        // Codes as lists print them (digits and capitals only) are already normal: no copy.
        if raw.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) { return raw }
        var out = String.UnicodeScalarView()
        for s in raw.unicodeScalars {
            var v = s.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            if v == 0x3000 || v == 0x20 || v == 0x09 { continue }
            if v >= 0x61 && v <= 0x7A { v -= 0x20 }
            out.append(Unicode.Scalar(v)!)
        }
        return String(out)
    }

    /// What is wrong with a normalised code, or nil when it is well-formed and its check character agrees.
    public static func problem(_ code: String) -> String? { problemWords(code)?.english }

    /// What is wrong with a normalised code, as a message of Core's catalogue (``CoreKey/usccCheck``
    /// alone is a misprint a real list may carry; the others are a wrong structure).
    package static func problemWords(_ code: String) -> Message? {
        let u = Array(code.utf8)
        guard u.count == 18 else { return .core(.usccLength, ["count": .integer(u.count)]) }
        var sum = 0
        for i in 0..<18 {
            let c = u[i]
            guard c < 128, values[Int(c)] >= 0 else {
                return .core(.usccAlphabet, ["position": .integer(i + 1), "character": .text(String(Character(Unicode.Scalar(c))))])
            }
            if i < 17 { sum += Int(values[Int(c)]) * weights[i] }
        }
        for i in 2..<8 where u[i] > 57 {
            return .core(.usccDivision)
        }
        let expected = (31 - sum % 31) % 31
        if Int(values[Int(u[17])]) != expected {
            return .core(.usccCheck, ["found": .text(String(Character(Unicode.Scalar(u[17])))),
                                      "expected": .text(String(Character(Unicode.Scalar(alphabet[expected]))))])
        }
        return nil
    }

    /// Whether a normalised code passes the check.
    public static func isValid(_ code: String) -> Bool { problem(code) == nil }

    /// The check character for 17 leading characters, or nil if one is outside the alphabet.
    public static func checkCharacter(for first17: String) -> Character? {
        let u = Array(first17.utf8)
        guard u.count == 17 else { return nil }
        var sum = 0
        for i in 0..<17 {
            guard u[i] < 128, values[Int(u[i])] >= 0 else { return nil }
            sum += Int(values[Int(u[i])]) * weights[i]
        }
        return Character(Unicode.Scalar(alphabet[(31 - sum % 31) % 31]))
    }

    /// The GB/T 2260 division code inside a code (characters 3–8).
    public static func divisionCode(_ code: String) -> String? {
        let u = Array(code.utf8)
        guard u.count == 18 else { return nil }
        return String(decoding: u[2..<8], as: UTF8.self)
    }
}
