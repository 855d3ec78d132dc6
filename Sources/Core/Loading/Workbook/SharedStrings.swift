import Foundation

/// The shared-string table (`xl/sharedStrings.xml`): each `<si>` is one string, plain (`<t>`) or rich
/// text (runs `<r><t>…</t></r>`, joined); phonetic runs (`<rPh>`, furigana or pinyin guides) are
/// not part of the text.
enum SharedStrings {
    static func parse(_ data: Data, file: String, part: String, limits: WorkbookLimits) throws -> [String] {
        try XMLPartReader.read(data, file: file, part: part) { xml in
            var strings: [String] = []
            var bytes = 0
            var current = ""
            var inItem = false, inText = false, phoneticDepth = 0
            while try xml.next() {
                switch xml.nodeType {
                case XMLPartReader.Node.element:
                    if xml.named("si") {
                        current = ""
                        inItem = !xml.isEmptyElement
                        if !inItem { try append("") }
                    } else if xml.named("rPh") {
                        if !xml.isEmptyElement { phoneticDepth += 1 }
                    } else if xml.named("t") {
                        inText = inItem && phoneticDepth == 0 && !xml.isEmptyElement
                    }
                case XMLPartReader.Node.endElement:
                    if xml.named("si") {
                        inItem = false
                        try append(InlineText.unescape(current))
                    } else if xml.named("rPh") {
                        phoneticDepth = max(0, phoneticDepth - 1)
                    } else if xml.named("t") {
                        inText = false
                    }
                default:
                    if inText, xml.isText { current += xml.value }
                }
            }
            return strings

            func append(_ s: String) throws {
                strings.append(s)
                bytes += s.utf8.count
                if strings.count > limits.maxSharedStrings {
                    throw WorkbookError(.tooManySharedStrings, file: file, part: part, words: .core(.workbookTooManySharedStrings, ["limit": .integer(limits.maxSharedStrings)]))
                }
                if bytes > limits.maxSharedStringBytes {
                    throw WorkbookError(.tooManySharedStrings, file: file, part: part, words: .core(.workbookSharedStringBytes, ["mib": .integer(Int(limits.maxSharedStringBytes >> 20))]))
                }
            }
        }
    }
}

/// Text as OOXML stores it in `<t>`: characters XML cannot hold are escaped `_xHHHH_` (`_x000D_`
/// for a carriage return), and a literal `_x` sequence is itself escaped as `_x005F_`.
enum InlineText {
    static func unescape(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
               let code = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }
}
