extension FirmPlacement {
    /// The first `count` characters of a region code, as SQLite's `substr(code, 1, count)` gives
    /// them (the `province` and `prefecture` columns of `firm`): by bytes for the ASCII digits codes
    /// are, by characters otherwise.
    static func regionPrefix(_ code: String, _ count: Int) -> String {
        let utf8 = code.utf8
        if utf8.count <= count { return code }
        if utf8.prefix(count).allSatisfy({ $0 < 0x80 }) { return String(code.utf8.prefix(count))! }
        return String(code.prefix(count))
    }
}
