/// Escaping for XML and HTML: the one place that turns text into markup, for filings written by the
/// exporter, rejects files, SVG charts and the HTML report.
public enum Markup {
    /// `s` as XML or HTML character data, safe both between tags and inside a quoted attribute value
    /// (double or single quotes).
    ///
    /// Tabs and line breaks become character references, because an XML parser normalises them to
    /// spaces in attribute values and a value must read back as it was written. Characters that XML 1.0
    /// forbids (other C0 controls, U+FFFE, U+FFFF) are dropped: no parser would accept them, escaped
    /// or not.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
