import Foundation
import Testing
import Core
@testable import regctl

/// A report whose rows are streamed (`Report.RowSource`) renders byte for byte as the same report
/// with its rows held, and CSV and JSON written a row at a time read as the whole-string renderings
/// they replaced (issue #19, item 4).
@Suite("Streamed rows: the same bytes as rows held")
struct StreamedRowsTests {
    static let columns: [Report.Column] = [
        .init("code", .text), .init("name", .text), .init("count", .integer), .init("value", .money), .init("share", .number), .init("note", .text),
    ]

    /// Cells that need quoting in CSV and escaping in JSON, numbers, money, empty cells and words.
    static let rows: [[Report.Value]] = [
        [.text("91430211758303291K"), .text("株洲, \"千金\" 药业"), .integer(1_486), .number(264_581_167.14), .number(0.125), .null],
        [.text("a/b"), .text("line\nbreak\r\nand \\ back"), .integer(-3), .integer(12), .number(1e-7), .words(Wording("pass: 72.4% (≥ 70%)"))],
        [.text(""), .text("é\u{301}, combined"), .integer(0), .null, .number(3), .text("tab\there")],
    ]

    static func reports() -> (held: Report, streamed: Report) {
        let held = Report(title: "t", asOf: Day("2024-12-31")!, asOfSource: "given", columns: columns, rows: rows, notes: ["a note"], filings: ["f1"])
        let rows = rows
        let streamed = Report(title: Wording("t"), asOf: Day("2024-12-31")!, asOfSource: "given", columns: columns,
                              rowSource: Report.RowSource(count: rows.count) { body in for row in rows { try body(row) } },
                              notes: [Wording("a note")], filings: ["f1"])
        return (held, streamed)
    }

    @Test("a streamed report equals, encodes and counts as the report with its rows held")
    func sameReport() throws {
        let (held, streamed) = Self.reports()
        #expect(streamed.rowSource != nil)
        #expect(streamed == held)
        #expect(streamed.rowCount == 3 && streamed.rows == Self.rows)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(streamed) == (try encoder.encode(held)))
        #expect(try streamed.materialized().rowSource == nil)
        var again: [[Report.Value]] = []
        try streamed.forEachRow { again.append($0) }
        #expect(again == Self.rows)
    }

    @Test("CSV, JSON and Markdown of a streamed report are those of the held report")
    func sameBytes() {
        let (held, streamed) = Self.reports()
        for format in [OutputFormat.csv, .json, .md, .table] {
            #expect(format.renderer.render(streamed) == format.renderer.render(held), "\(format)")
        }
    }

    @Test("CSV written a row at a time is RFC 4180 as Exporter.csvField quotes it")
    func csvAsBefore() {
        let (held, _) = Self.reports()
        var expected = held.columns.map { Exporter.csvField($0.name) }.joined(separator: ",") + "\r\n"
        for row in held.rows {
            expected += row.enumerated().map { i, v in Exporter.csvField(v.formatted(as: held.columns[i].type)) }.joined(separator: ",") + "\r\n"
        }
        #expect(CSVFormat().render(held) == expected)
    }

    @Test("a field is quoted on its bytes exactly when Exporter.csvField quotes it", arguments: [
        "plain", "", "a,b", "fail: ¥85.00M, 2022 not stated", "say \"hi\"", ",", "\"", "x\ny", "x\ry", "x\r\ny", "\r\n",
        ",\u{301}x", "é\u{301},x", "\u{600},x", "株洲，千金", "株洲, 千金", "a,\u{200D}b", "end,",
        "é\"x", "\"é\"", "株\"洲, 千金", "\"\u{301}", "\u{301}\"", "é\r\n", "\r\né", "é\n,", ",é,", "\n", "\r", "\"\"",
    ])
    func csvField(field: String) throws {
        let sink = TextSink()
        try sink.writeCSVField(field)
        #expect(sink.text == Exporter.csvField(field))
    }

    @Test("JSON written a row at a time is the whole object serialised at once", arguments: [0, 1, 3])
    func jsonAsBefore(count: Int) throws {
        var (held, _) = Self.reports()
        held.rows = Array(Self.rows.prefix(count))
        var object: [String: Any] = [
            "title": held.title, "as_of": held.asOf.description, "as_of_source": held.asOfSource,
            "columns": held.columns.map { ["name": $0.name, "type": $0.type.rawValue] }, "notes": held.notes, "filings": held.filings,
        ]
        object["rows"] = held.rows.map { row in
            var o: [String: Any] = [:]
            for (i, c) in held.columns.enumerated() {
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
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        #expect(JSONFormat().render(held) == String(decoding: data, as: UTF8.self) + "\n")
    }

    @Test("-o FILE streams into the file, replaced whole, with the byte-order mark asked for")
    func intoFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        let (held, streamed) = Self.reports()
        try ReportOutput(shape: .text(.csv), file: path, bom: true).write(streamed)
        // As bytes: reading the file as a String would drop the byte-order mark.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(("\u{FEFF}" + CSVFormat().render(held)).utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        // A folder that does not exist is named as the file's, and nothing is left behind.
        let missing = dir.appendingPathComponent("no/such/out.csv").path
        #expect {
            try ReportOutput(shape: .text(.json), file: missing).write(streamed)
        } throws: { ($0 as? FileProblem)?.path == missing && ($0 as? FileProblem)?.reason == .noSuchFolder }
    }
}
