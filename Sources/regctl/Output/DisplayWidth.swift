/// Terminal column width of text: East Asian wide and full-width characters take two columns,
/// combining marks none, so that Chinese names line up in tables.
enum DisplayWidth {
    static func of(_ s: String) -> Int {
        var w = 0
        for scalar in s.unicodeScalars { w += width(scalar) }
        return w
    }

    static func width(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 || (v >= 0x300 && v <= 0x36F) || (v >= 0x200B && v <= 0x200F) || v == 0xFE0F { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            || (0x1F300...0x1F64F).contains(v) {
            return 2
        }
        return 1
    }

    /// Pads to `width` columns, on the right (left-aligned) or on the left (right-aligned).
    static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(s)))
        return right ? fill + s : s + fill
    }

    /// Shortens `s` to at most `width` columns, ending in "…" when anything was cut. Cuts between
    /// characters (grapheme clusters), so a Chinese character or a combined sequence is never split.
    static func truncate(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        for c in s {
            let w = c.unicodeScalars.reduce(0) { $0 + self.width($1) }
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }
}
