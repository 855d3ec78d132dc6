import Foundation
import Testing
@testable import Core

/// The workbook writer (`WorkbookWriter`): what it writes reads back through regctl's own reader with
/// the same values and types, and carries the looks a user sees in Excel (bold, frozen header, widths).
@Suite("Workbook writer: cells, types, header, widths, read back")
struct WorkbookWriterTests {
    static let newYear = Day(year: 2024, month: 1, day: 1)!

    static let grid: [[WorkbookWriter.Cell]] = [
        [.text("统一社会信用代码"), .text("企业名称"), .text("region"), .text("count"), .text("share"), .text("revenue"), .text("issued")],
        [.text("91430200MA4LQM6DXF"), .text("湖南示例科技有限公司"), .text("430000"), .number(42), .number(0.125), .money(1_250_000.5), .date(newYear)],
        [.text("914302007453219174"), .text("  a & <b> \"c\" 'd'\nline  "), .text("_x000D_ stays"), .number(-7), .text(""), .money(0), .date(Day(year: 1900, month: 2, day: 1)!)],
    ]

    static func write(_ sheets: [WorkbookWriter.Sheet]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("out.xlsx").path
        try WorkbookWriter.data(sheets).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func part(_ path: String, _ name: String) throws -> String {
        var package = try WorkbookPackage(path: path, displayName: "out.xlsx", limits: .default)
        return String(decoding: try #require(try package.read(name)), as: UTF8.self)
    }

    @Test("cells read back with their types: codes stay text, numbers and money numbers, dates dates")
    func readBack() throws {
        let path = try Self.write([WorkbookWriter.Sheet(name: "名单", rows: Self.grid)])
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var reader = try WorkbookReader(path: path, displayName: "out.xlsx")
        #expect(reader.sheets.map(\.name) == ["名单"])
        let rows = try reader.rows(of: reader.sheets[0])
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[0].texts == ["统一社会信用代码", "企业名称", "region", "count", "share", "revenue", "issued"])
        #expect(rows[1].cells.map(\.value) == [.text("91430200MA4LQM6DXF"), .text("湖南示例科技有限公司"), .text("430000"), .number(42), .number(0.125),
                                               .number(1_250_000.5), .date(Self.newYear)])
        // Spaces at the ends, markup characters, a line break and Excel's own escape syntax survive;
        // an empty text is no cell (not an empty shared string); a day before 1 March 1900 is written as its text.
        #expect(rows[2].cells.map(\.value) == [.text("914302007453219174"), .text("  a & <b> \"c\" 'd'\nline  "), .text("_x000D_ stays"), .number(-7),
                                               .number(0), .text("1900-02-01")])
        #expect(rows[2].value(column: 5) == nil)
        let sheet = try Self.part(path, "xl/worksheets/sheet1.xml")
        #expect(!sheet.contains(#"r="E3""#))
    }

    @Test("the header row is bold and frozen; money has two decimals, dates a date format")
    func looks() throws {
        let path = try Self.write([WorkbookWriter.Sheet(name: "Report", rows: Self.grid)])
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let sheet = try Self.part(path, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<c r="A1" s="1" t="s">"#) && sheet.contains(#"<c r="G1" s="1" t="s">"#))
        #expect(sheet.contains(#"<c r="A2" t="s">"#), "a body cell is not bold")
        #expect(sheet.contains(#"<c r="F2" s="2"><v>1250000.5</v></c>"#))
        #expect(sheet.contains(#"<c r="G2" s="3"><v>45292</v></c>"#))
        let styles = try Self.part(path, "xl/styles.xml")
        #expect(styles.contains(#"<font><b/>"#))
        #expect(styles.contains(#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#))
        #expect(styles.contains(#"<xf numFmtId="4" "#), "money: #,##0.00")
        #expect(styles.contains(#"formatCode="yyyy\-mm\-dd""#))
    }

    @Test("column widths fit the text, a Chinese character counting two")
    func widths() throws {
        let widths = WorkbookWriter.fittedWidths(Self.grid)
        // 企业名称's column: 湖南示例科技有限公司 is 10 characters, 20 columns, plus a margin of 2;
        // the header 统一社会信用代码 (16 columns) is narrower than the 18-character code under it.
        #expect(widths[0] == 20)
        #expect(widths[1] == 22)
        #expect(widths[3] == 7, "count: the title is wider than 42")
        #expect(WorkbookWriter.fittedWidths([[.text(String(repeating: "长", count: 100))]]) == [WorkbookWriter.maximumWidth])
        let path = try Self.write([WorkbookWriter.Sheet(name: "Report", rows: Self.grid)])
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        #expect(try Self.part(path, "xl/worksheets/sheet1.xml").contains(#"<col min="2" max="2" width="22" customWidth="1"/>"#))
    }

    @Test("the same grid gives the same bytes")
    func deterministic() throws {
        let sheet = WorkbookWriter.Sheet(name: "a", rows: Self.grid)
        #expect(try WorkbookWriter.data([sheet]) == WorkbookWriter.data([sheet]))
    }

    @Test("sheet names are made fit for Excel: 31 characters, no []:*?/\\, none twice")
    func sheetNames() {
        #expect(WorkbookWriter.sheetNames(["a/b", "A/B", "", String(repeating: "名", count: 40), "x"]) ==
            ["a_b", "A_B (2)", "Sheet3", String(repeating: "名", count: 31), "x"])
    }

    @Test("merged ranges are written and the reader fills them")
    func merges() throws {
        let rows: [[WorkbookWriter.Cell]] = [[.text("标题"), .empty, .empty], [.text("a"), .text("b"), .text("c")]]
        let path = try Self.write([WorkbookWriter.Sheet(name: "S", rows: rows, headerRows: 0, merges: ["A1:C1"])])
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var reader = try WorkbookReader(path: path, displayName: "out.xlsx")
        #expect(try reader.rows(of: reader.sheets[0]).first?.texts == ["标题", "标题", "标题"])
    }
}
