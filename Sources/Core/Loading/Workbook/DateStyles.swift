import Foundation

/// Which cell styles show numbers as dates (`xl/styles.xml`): a cell's `s` indexes `cellXfs`, whose
/// `numFmtId` is a built-in format or one of the workbook's `numFmts`.
enum DateStyles {
    /// Built-in date and time formats: 14–22 and 45–47 in every locale, and the East Asian ones
    /// (27–36, 50–58: `yyyy"年"m"月"d"日"` and the like) that workbooks saved on Chinese systems use
    /// without declaring them (ECMA-376 part 1, 18.8.30).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// For each entry of `cellXfs`, whether it formats numbers as dates.
    static func parse(_ data: Data, file: String, part: String) throws -> [Bool] {
        try XMLPartReader.read(data, file: file, part: part) { xml in
            var customDates: [Int: Bool] = [:]
            var formats: [Int] = []
            var inCellXfs = false
            while try xml.next() {
                let type = xml.nodeType
                if type == XMLPartReader.Node.element {
                    if xml.named("numFmt") {
                        let a = xml.attributeMap()
                        if let id = a["numFmtId"].flatMap({ Int($0) }) {
                            customDates[id] = isDateFormat(a["formatCode"] ?? "")
                        }
                    } else if xml.named("cellXfs") {
                        inCellXfs = !xml.isEmptyElement
                    } else if inCellXfs, xml.named("xf") {
                        formats.append(xml.attributeMap()["numFmtId"].flatMap { Int($0) } ?? 0)
                    }
                } else if type == XMLPartReader.Node.endElement, xml.named("cellXfs") {
                    inCellXfs = false
                }
            }
            return formats.map { customDates[$0] ?? builtInDateFormats.contains($0) }
        }
    }

    /// True when a format code shows a date or time: it has y, m, d or h outside quoted text
    /// (`"年"`), brackets (`[Red]`, `[$-804]`) and escaped characters (`\d`).
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket { if ch == "]" { inBracket = false }; continue }
            switch ch {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escaped = true // _x and *x take the next character as padding
            case "y", "Y", "m", "M", "d", "D", "h", "H": return true
            default: break
            }
        }
        return false
    }
}
