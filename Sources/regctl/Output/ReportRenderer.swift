import Core
import Foundation

/// Renders a plugin's report in one of the output formats.
protocol ReportFormat {
    func render(_ report: Report) -> String
}

extension OutputFormat {
    var renderer: any ReportFormat { renderer(NumberStyle()) }

    /// The renderer, with numbers people read (table, md, svg) in `style` and their words in `words`'
    /// language; CSV and JSON keep plain numbers and English (an API is stable).
    func renderer(_ style: NumberStyle, words: Words = Words(.en)) -> any ReportFormat {
        switch self {
        case .table: TableFormat(maxWidth: Terminal.outputWidth(), style: style, words: words)
        case .csv: CSVFormat()
        case .json: JSONFormat()
        case .md: MarkdownFormat(style: style, words: words)
        case .svg: SVGFormat(style: style, words: words)
        }
    }
}

private func isNumeric(_ t: Report.ColumnType) -> Bool { t == .integer || t == .number || t == .money }

/// A row's cells as people read them: thousands separators, money in the style's unit, percentages,
/// words in the reader's language.
func readableCells(_ row: [Report.Value], _ report: Report, _ style: NumberStyle, _ words: Words) -> [String] {
    row.enumerated().map { i, v in i < report.columns.count ? words.cell(v, in: report.columns[i], style) : words.label(v) }
}

/// Aligned columns for a terminal, with a header line saying what and as of when.
///
/// With `maxWidth` (the terminal's width when standard output is a terminal), a table wider than it
/// has its widest text columns shortened, each cell cut at a character boundary with "…"; numbers and
/// columns of codes (USCCs, ids) are never cut. Without it (pipes, files) nothing is cut.
struct TableFormat: ReportFormat {
    var maxWidth: Int?
    var style: NumberStyle
    var words: Words

    init(maxWidth: Int? = nil, style: NumberStyle = NumberStyle(), words: Words = Words(.en)) {
        self.maxWidth = maxWidth
        self.style = style
        self.words = words
    }

    func render(_ report: Report) -> String {
        var out = words(.outputAsOf, ["title": .text(words.title(report)), "date": .text(words.date(report.asOf)),
                                      "source": .text(words.asOfSource(report.asOfSource))]) + "\n\n"
        out += TableFormat.table(headers: report.columns.map { words.heading($0, style) },
                                 rightAligned: report.columns.map { isNumeric($0.type) },
                                 rows: report.rows.map { readableCells($0, report, style, words) }, maxWidth: maxWidth)
        if report.rows.isEmpty { out += words(.outputNoRows) + "\n" }
        let notes = words.notes(report)
        if !notes.isEmpty { out += "\n" + notes.map { "· " + $0 }.joined(separator: "\n") + "\n" }
        return out
    }

    /// The narrowest a shortened column becomes, in columns.
    static let minimumColumnWidth = 6

    static func table(headers: [String], rightAligned: [Bool], rows: [[String]], maxWidth: Int? = nil) -> String {
        var widths = headers.map(DisplayWidth.of)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        if let maxWidth {
            // Numbers and codes (USCCs, ids, dates) keep their width: a cut one reads as another.
            let whole = widths.indices.map { i in
                (rightAligned.indices.contains(i) && rightAligned[i]) || rows.allSatisfy { i >= $0.count || isCode($0[i]) }
            }
            widths = fit(widths, fixed: whole, into: maxWidth)
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                DisplayWidth.pad(DisplayWidth.of(c) > widths[i] ? DisplayWidth.truncate(c, to: widths[i]) : c, to: widths[i], right: rightAligned[i])
            }
                .joined(separator: "  ").droppingTrailingSpace() + "\n"
        }
        var out = line(headers)
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) }
        return out
    }

    /// Whether a cell is a code rather than words: empty, or one token of ASCII letters, digits and
    /// `-_.#`, as USCCs, region codes, park and filing ids and dates are.
    static func isCode(_ cell: String) -> Bool {
        cell.utf8.count <= 40 && cell.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x23
        }
    }

    /// Column widths that fit `total` columns (with two spaces between columns): the widest text
    /// column loses a column at a time, down to `minimumColumnWidth`; columns marked in `fixed`
    /// (numbers, codes) keep their width. A table that cannot fit even so is left as wide as it must be.
    static func fit(_ widths: [Int], fixed: [Bool], into total: Int) -> [Int] {
        var w = widths
        var excess = w.reduce(0, +) + 2 * max(0, w.count - 1) - total
        while excess > 0 {
            guard let i = w.indices.filter({ !(fixed.indices.contains($0) && fixed[$0]) && w[$0] > minimumColumnWidth })
                .max(by: { w[$0] < w[$1] }) else { break }
            w[i] -= 1
            excess -= 1
        }
        return w
    }
}

/// RFC 4180 CSV with a header line, written a row at a time.
struct CSVFormat: StreamingReportFormat {
    func write(_ report: Report, to sink: TextSink) throws {
        try sink.write(report.columns.map { Exporter.csvField($0.name) }.joined(separator: ",") + "\r\n")
        let types = report.columns.map(\.type)
        try report.forEachRow { row in
            for (i, v) in row.enumerated() {
                if i > 0 { sink.write(byte: 0x2C) }
                try sink.writeCSVField(v.formatted(as: i < types.count ? types[i] : .text))
            }
            sink.write(byte: 0x0D)
            sink.write(byte: 0x0A)
        }
    }
}

/// One JSON object: title, as_of, columns, rows as objects keyed by column name, notes, filings.
///
/// Written a row at a time: the object is serialised with a stand-in for its rows, and each row is
/// serialised alone and indented to its place, byte for byte what serialising the whole object gives.
struct JSONFormat: StreamingReportFormat {
    private static let standIn = "regctl.rows.written.one.at.a.time"
    private static let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]

    func write(_ report: Report, to sink: TextSink) throws {
        var object: [String: Any] = [
            "title": report.title,
            "as_of": report.asOf.description,
            "as_of_source": report.asOfSource,
            "columns": report.columns.map { ["name": $0.name, "type": $0.type.rawValue] },
            "notes": report.notes,
            "filings": report.filings,
        ]
        // An empty array or object is laid out apart from the rest: those are serialised whole.
        guard report.rowCount > 0, !report.columns.isEmpty else {
            object["rows"] = report.rows.map { JSONFormat.object($0, report.columns) }
            return try sink.write(JSONFormat.serialized(object) + "\n")
        }
        object["rows"] = [JSONFormat.standIn]
        let whole = JSONFormat.serialized(object)
        let marker = "    \"\(JSONFormat.standIn)\"\n"
        guard let at = whole.range(of: marker) else {
            object["rows"] = report.rows.map { JSONFormat.object($0, report.columns) }
            return try sink.write(JSONFormat.serialized(object) + "\n")
        }
        try sink.write(String(whole[..<at.lowerBound]))
        var first = true
        try report.forEachRow { row in
            if !first { try sink.write(",\n") }
            first = false
            let text = JSONFormat.serialized(JSONFormat.object(row, report.columns))
            try sink.write("    " + text.replacingOccurrences(of: "\n", with: "\n    "))
        }
        try sink.write("\n" + String(whole[at.upperBound...]) + "\n")
    }

    private static func object(_ row: [Report.Value], _ columns: [Report.Column]) -> [String: Any] {
        var o: [String: Any] = [:]
        for (i, c) in columns.enumerated() where i < row.count {
            switch row[i] {
            case .text(let s): o[c.name] = s
            case .words(let w): o[c.name] = w.text
            case .integer(let n): o[c.name] = n
            case .number(let d): o[c.name] = d
            case .null: o[c.name] = NSNull()
            }
        }
        return o
    }

    private static func serialized(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A Markdown table under a heading, notes as a list, written a row at a time.
struct MarkdownFormat: StreamingReportFormat {
    var style = NumberStyle()
    var words = Words(.en)

    func write(_ report: Report, to sink: TextSink) throws {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "### \(words.title(report))\n\n"
            + words(.outputMarkdownAsOf, ["date": .text(words.date(report.asOf)), "source": .text(words.asOfSource(report.asOfSource))]) + "\n\n"
        out += "| " + report.columns.map { esc(words.heading($0, style)) }.joined(separator: " | ") + " |\n"
        out += "|" + report.columns.map { isNumeric($0.type) ? "---:" : "---" }.joined(separator: "|") + "|\n"
        try sink.write(out)
        try report.forEachRow { row in try sink.write("| " + readableCells(row, report, style, words).map(esc).joined(separator: " | ") + " |\n") }
        let notes = words.notes(report)
        if !notes.isEmpty { try sink.write("\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n") }
    }
}

extension String {
    /// The string without trailing white space as ICU's `\s` defines it ([\t\n\f\r\p{Z}]): what
    /// `\s+$` removed, without running a regular expression per table line (half of the time of a
    /// 40,000-row table).
    func droppingTrailingSpace() -> String {
        var scalars = unicodeScalars
        while let last = scalars.last {
            let v = last.value
            let space = v == 0x09 || v == 0x0A || v == 0x0C || v == 0x0D || v == 0x20
                || (v > 0x7F && [.spaceSeparator, .lineSeparator, .paragraphSeparator].contains(last.properties.generalCategory))
            guard space else { break }
            scalars.removeLast()
        }
        return String(scalars)
    }
}
