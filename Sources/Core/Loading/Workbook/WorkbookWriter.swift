import Foundation
internal import ZIPFoundation

/// Writes an Excel workbook (.xlsx) from grids of typed cells: what `--format xlsx` and
/// `regctl export --as xlsx` write. It lives beside the reader so that the two agree on the parts
/// and so that Core's exporter and the command line's renderer share one writer (docs/excel.md,
/// "Writing workbooks").
///
/// The package is the smallest one Excel, WPS, LibreOffice and openpyxl open without a repair:
/// content types, relationships, the workbook, one part per sheet, shared strings and styles. All XML
/// is written here and escaped through `Markup.escape`; the zip by ZIPFoundation. Every entry has one
/// fixed modification time, so that the same grid gives the same bytes (an export written twice is the
/// same file, and loading it again finds it unchanged by its hash).
package enum WorkbookWriter {
    /// One cell. Text is always a string cell, never a number, so codes keep their digits.
    package enum Cell: Sendable, Hashable {
        case empty
        case text(String)
        /// A number in the General format.
        case number(Double)
        /// An amount of money: a number with two decimals (`#,##0.00`).
        case money(Double)
        /// A date: its 1900-system serial with a `yyyy-mm-dd` format.
        case date(Day)
    }

    /// One sheet.
    package struct Sheet: Sendable, Hashable {
        /// Its tab's name (made fit for Excel: at most 31 characters, none of `[]:*?/\`).
        package var name: String
        package var rows: [[Cell]]
        /// Leading rows drawn bold and frozen (kept in view when scrolling): the header.
        package var headerRows: Int
        /// Column widths in Excel's units (characters of the default font); nil fits them to the cells.
        package var widths: [Double]?
        /// Leading columns drawn bold (the labels of a sheet of name–value pairs).
        package var boldColumns: Int
        /// Merged ranges (`A1:C1`), their value in the top-left cell.
        package var merges: [String]

        package init(name: String, rows: [[Cell]], headerRows: Int = 1, widths: [Double]? = nil, boldColumns: Int = 0, merges: [String] = []) {
            self.name = name
            self.rows = rows
            self.headerRows = headerRows
            self.widths = widths
            self.boldColumns = boldColumns
            self.merges = merges
        }
    }

    /// The widest a fitted column becomes, in characters: longer text wraps off the edge, as in Excel.
    package static let maximumWidth = 80.0

    /// Column widths fitted to the cells' text, `measure` giving a text's width in columns (a Chinese
    /// character two), plus a margin.
    package static func fittedWidths(_ rows: [[Cell]], measure: (String) -> Int = WorkbookWriter.approximateWidth) -> [Double] {
        var widths: [Int] = []
        for row in rows {
            if widths.count < row.count { widths += Array(repeating: 0, count: row.count - widths.count) }
            for (i, cell) in row.enumerated() {
                let w: Int
                switch cell {
                case .empty: w = 0
                case .text(let s): w = s.split(separator: "\n", omittingEmptySubsequences: false).map { measure(String($0)) }.max() ?? 0
                case .number(let d): w = numberText(d).count
                case .money(let d): w = String(format: "%.2f", d).count + Int(log10(max(1, abs(d))) / 3)
                case .date: w = 10
                }
                widths[i] = max(widths[i], w)
            }
        }
        return widths.map { min(maximumWidth, Double(max($0, 4)) + 2) }
    }

    /// A text's width in columns when the caller has no better measure: East Asian characters two,
    /// others one.
    package static func approximateWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, c in
            let v = c.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return w + (wide ? 2 : 1)
        }
    }

    /// The workbook's bytes.
    package static func data(_ sheets: [Sheet]) throws -> Data {
        precondition(!sheets.isEmpty, "a workbook has at least one sheet")
        let names = sheetNames(sheets.map(\.name))
        var strings = SharedStringTable()
        var parts: [(String, Data)] = []
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", Data(sheetXML(sheet, strings: &strings).utf8)))
        }
        parts.insert(contentsOf: [
            ("[Content_Types].xml", Data(contentTypes(sheets.count).utf8)),
            ("_rels/.rels", Data(rootRelationships.utf8)),
            ("xl/workbook.xml", Data(workbookXML(names).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRelationships(sheets.count).utf8)),
            ("xl/styles.xml", Data(styles.utf8)),
            ("xl/sharedStrings.xml", Data(strings.xml.utf8)),
        ], at: 0)
        let archive = try Archive(accessMode: .create)
        for (path, bytes) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// 1 January 2000, 00:00 local time: every entry's time, so that equal grids give equal bytes.
    private static let fixedDate = Date(timeIntervalSince1970: 946_684_800)

    // MARK: Parts

    /// Style indices in `cellXfs` below.
    private enum Style: Int {
        case plain = 0, bold = 1, money = 2, date = 3, boldDate = 4
    }

    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    private static func contentTypes(_ sheets: Int) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
            """
        for i in 1...sheets {
            out += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return out + "</Types>"
    }

    private static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    private static func workbookXML(_ names: [String]) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (i, name) in names.enumerated() {
            out += "<sheet name=\"\(Markup.escape(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return out + "</sheets></workbook>"
    }

    private static func workbookRelationships(_ sheets: Int) -> String {
        let ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for i in 1...sheets {
            out += "<Relationship Id=\"rId\(i)\" Type=\"\(ns)/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        out += "<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(ns)/styles\" Target=\"styles.xml\"/>"
        out += "<Relationship Id=\"rId\(sheets + 2)\" Type=\"\(ns)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return out + "</Relationships>"
    }

    private static func sheetXML(_ sheet: Sheet, strings: inout SharedStringTable) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            """
        let columns = sheet.rows.map(\.count).max() ?? 0
        if columns > 0, !sheet.rows.isEmpty {
            out += "<dimension ref=\"A1:\(CellReference.letters(column: columns))\(sheet.rows.count)\"/>"
        }
        let frozen = min(sheet.headerRows, sheet.rows.count)
        if frozen > 0 {
            let topLeft = "A\(frozen + 1)"
            out += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(frozen)\" topLeftCell=\"\(topLeft)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            out += "<selection pane=\"bottomLeft\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/></sheetView></sheetViews>"
        }
        let widths = sheet.widths ?? fittedWidths(sheet.rows)
        if !widths.isEmpty {
            out += "<cols>"
            for (i, w) in widths.enumerated() {
                out += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(numberText((w * 100).rounded() / 100))\" customWidth=\"1\"/>"
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let bold = r < sheet.headerRows || c < sheet.boldColumns
                let ref = CellReference.letters(column: c + 1) + String(r + 1)
                switch cell {
                case .empty, .text(""):
                    // An empty text is no value (a reader sees none): no string for it.
                    if bold { out += "<c r=\"\(ref)\" s=\"\(Style.bold.rawValue)\"/>" }
                case .text(let s):
                    let style = bold ? " s=\"\(Style.bold.rawValue)\"" : ""
                    out += "<c r=\"\(ref)\"\(style) t=\"s\"><v>\(strings.index(of: s))</v></c>"
                case .number(let d):
                    guard d.isFinite else { continue }
                    let style = bold ? " s=\"\(Style.bold.rawValue)\"" : ""
                    out += "<c r=\"\(ref)\"\(style)><v>\(numberText(d))</v></c>"
                case .money(let d):
                    guard d.isFinite else { continue }
                    out += "<c r=\"\(ref)\" s=\"\(Style.money.rawValue)\"><v>\(numberText(d))</v></c>"
                case .date(let day):
                    if let serial = ExcelDate.serial(of: day) {
                        out += "<c r=\"\(ref)\" s=\"\((bold ? Style.boldDate : Style.date).rawValue)\"><v>\(serial)</v></c>"
                    } else {
                        // Before 1 March 1900 Excel's serials are not dates anyone can trust: the text.
                        out += "<c r=\"\(ref)\" t=\"s\"><v>\(strings.index(of: day.description))</v></c>"
                    }
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        if !sheet.merges.isEmpty {
            out += "<mergeCells count=\"\(sheet.merges.count)\">" + sheet.merges.map { "<mergeCell ref=\"\(Markup.escape($0))\"/>" }.joined() + "</mergeCells>"
        }
        return out + "</worksheet>"
    }

    /// A number as `<v>` holds it: integers without a fraction, others in the shortest form that reads
    /// back as the same double.
    static func numberText(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, not blank, no two equal
    /// (ignoring case).
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used: Set<String> = []
        return wanted.enumerated().map { i, name in
            var base = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }).trimmingCharacters(in: .whitespaces)
            if base.hasPrefix("'") { base = "_" + base.dropFirst() }
            if base.isEmpty { base = "Sheet\(i + 1)" }
            var candidate = String(base.prefix(31))
            var n = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}

/// The shared-string table being written: each distinct text once, in order of first use.
private struct SharedStringTable {
    private var indices: [String: Int] = [:]
    private var body = ""
    private var uses = 0

    mutating func index(of s: String) -> Int {
        uses += 1
        if let i = indices[s] { return i }
        let i = indices.count
        indices[s] = i
        let escaped = Markup.escape(Self.excelEscaped(s))
        // Spaces at either end are data; without `xml:space` a reader may drop them.
        let keep = s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true
        body += keep ? "<si><t xml:space=\"preserve\">\(escaped)</t></si>" : "<si><t>\(escaped)</t></si>"
        return i
    }

    var xml: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(uses)" uniqueCount="\(indices.count)">\(body)</sst>
        """
    }

    /// Text whose `_xHHHH_` sequences a reader would decode as escapes keeps them as text: the
    /// underscore is written `_x005F_`, as Excel does.
    static func excelEscaped(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "_x") {
            let after = rest[r.upperBound...]
            let hex = after.prefix(5)
            let isEscape = hex.count == 5 && hex.last == "_" && hex.dropLast().allSatisfy(\.isHexDigit)
            out += rest[..<r.lowerBound]
            out += isEscape ? "_x005F_x" : "_x"
            rest = after
        }
        return out + rest
    }
}
