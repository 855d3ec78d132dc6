/// A character encoding that regctl can read text input (such as CSV filings) in.
///
/// The raw values (`"utf8"`, `"gb18030"`) are the canonical spellings used in
/// configuration files and command-line output; ``init(name:)`` also accepts common aliases.
package enum TextEncoding: String, Sendable, CaseIterable, Codable {
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// GB18030, the Chinese national standard encoding. It is a superset of GBK and GB2312,
    /// so files in those encodings (including Windows code page 936) are read with it too.
    case gb18030

    /// Parses an encoding name as a user would type it, ignoring case and surrounding spaces.
    ///
    /// Accepts `utf8` and `utf-8` for ``utf8``; `gb18030`, `gbk`, `gb2312` and `cp936` for
    /// ``gb18030``. Returns `nil` for any other name.
    package init?(name: String) {
        var trimmed = Substring(name)
        while let first = trimmed.first, first.isWhitespace { trimmed.removeFirst() }
        while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        switch trimmed.lowercased() {
        case "utf8", "utf-8":
            self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936":
            self = .gb18030
        default:
            return nil
        }
    }

    /// The names ``init(name:)`` accepts, canonical names first; useful for help texts and
    /// error messages ("expected one of …").
    package static let acceptedNames: [String] = ["utf8", "gb18030", "utf-8", "gbk", "gb2312", "cp936"]
}
