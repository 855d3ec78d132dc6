import Foundation
import Testing
@testable import Core

/// The workbook fixtures, written by tools/gen-xlsx-fixtures.py.
enum XLSXFixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("xlsx")
    static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    static func open(_ name: String, limits: WorkbookLimits = .default) throws -> WorkbookReader {
        try WorkbookReader(path: path(name), displayName: name, limits: limits)
    }

    /// Every row of the named sheet as cell texts keyed by Excel name (`B4` → "北京市").
    static func cells(_ name: String, sheet: String) throws -> [String: CellValue] {
        var reader = try open(name)
        let s = try #require(reader.sheet(named: sheet))
        var out: [String: CellValue] = [:]
        for row in try reader.rows(of: s) {
            for c in row.cells { out[CellReference.name(row: c.row, column: c.column)] = c.value }
        }
        return out
    }
}

@Suite("Workbook reader: sheets, cell types, dates, merges")
struct WorkbookReaderTests {
    @Test("sheets are listed in workbook order with their state and part")
    func sheets() throws {
        let reader = try XLSXFixtures.open("types.xlsx")
        #expect(reader.sheets.map(\.name) == ["Types", "Hidden"])
        #expect(reader.sheets.map(\.state) == [.visible, .hidden])
        #expect(reader.sheets[0].part == "xl/worksheets/sheet1.xml")
        #expect(reader.date1904 == false)
    }

    @Test("shared strings, rich text runs without phonetic runs, inline strings and escapes")
    func strings() throws {
        let c = try XLSXFixtures.cells("types.xlsx", sheet: "Types")
        #expect(c["A1"] == .text("文本"))
        #expect(c["B1"] == .text("湖南示例科技"))
        #expect(c["C1"] == .text("内联富文本"))
        #expect(c["D1"] == .text("plain inline"))
        #expect(c["E1"] == .text("第一行\r\n第二行"))
        #expect(c["A5"] == .text("  全角　ＡＢＣ  "))
    }

    @Test("numbers stay numbers; a USCC Excel turned into a number is reported as the number it is")
    func numbers() throws {
        let c = try XLSXFixtures.cells("types.xlsx", sheet: "Types")
        #expect(c["A2"] == .number(42))
        #expect(c["B2"] == .number(3.5))
        #expect(c["C2"] == .number(914_302_000_000_000_000))
        // Its text is what Excel shows, which no USCC check can take for a code.
        #expect(c["C2"]?.text == "9.14302E+17")
        #expect(c["D2"] == .number(-7))
        // A [Red] format is no date though it has a 'd' in brackets.
        #expect(c["E2"] == .number(1_250_000))
    }

    @Test("date styles: built-in 14 and 22, a custom 年月日 format, an undeclared East Asian one")
    func dates1900() throws {
        let c = try XLSXFixtures.cells("types.xlsx", sheet: "Types")
        let newYear = try #require(Day(year: 2024, month: 1, day: 1))
        #expect(c["A3"] == .date(newYear))
        #expect(c["B3"] == .date(newYear))
        #expect(c["C3"] == .dateTime(newYear, secondsOfDay: 43_200))
        #expect(c["C3"]?.text == "2024-01-01 12:00:00")
        #expect(c["D3"] == .date(newYear))
    }

    @Test("the 1900 system keeps Lotus's 29 February 1900: serial 60 is no date, 59 and 61 are")
    func leapBug() throws {
        let c = try XLSXFixtures.cells("types.xlsx", sheet: "Types")
        #expect(c["E3"] == .number(60))
        #expect(c["A6"] == .date(Day(year: 1900, month: 1, day: 1)!))
        #expect(c["B6"] == .date(Day(year: 1900, month: 2, day: 28)!))
        #expect(c["C6"] == .date(Day(year: 1900, month: 3, day: 1)!))
        // A time alone (a fraction of day 0) is a date-time on Excel's day 0.
        #expect(c["D6"] == .dateTime(Day(year: 1899, month: 12, day: 31)!, secondsOfDay: 64_800))
    }

    @Test("the 1904 system counts from 1904-01-01")
    func dates1904() throws {
        let reader = try XLSXFixtures.open("date1904.xlsx")
        #expect(reader.date1904)
        let c = try XLSXFixtures.cells("date1904.xlsx", sheet: "Sheet1")
        #expect(c["A1"] == .date(Day(year: 1904, month: 1, day: 1)!))
        // 43830 + 1462 = 45292, 2024-01-01 in the 1900 system.
        #expect(c["B1"] == .date(Day(year: 2024, month: 1, day: 1)!))
        #expect(c["C1"] == .dateTime(Day(year: 2024, month: 1, day: 1)!, secondsOfDay: 21_600))
    }

    @Test("serials convert at the edges of both systems", arguments: [
        (45292.0, false, "2024-01-01"), (1.0, false, "1900-01-01"), (61.0, false, "1900-03-01"),
        (2_958_465.0, false, "9999-12-31"), (0.0, true, "1904-01-01"), (1462.0, true, "1908-01-02"),
    ])
    func serials(serial: Double, date1904: Bool, expected: String) {
        #expect(ExcelDate.value(serial: serial, date1904: date1904)?.text == expected)
    }

    @Test("serials that are no date stay numbers")
    func notDates() {
        #expect(ExcelDate.value(serial: -1, date1904: false) == nil)
        #expect(ExcelDate.value(serial: 60, date1904: false) == nil)
        #expect(ExcelDate.value(serial: 2_958_466, date1904: false) == nil)
        #expect(ExcelDate.value(serial: .nan, date1904: false) == nil)
    }

    @Test("formulas give their cached values; booleans and errors keep their type")
    func formulas() throws {
        let c = try XLSXFixtures.cells("types.xlsx", sheet: "Types")
        #expect(c["A4"] == .text("ab"))
        #expect(c["B4"] == .number(2))
        #expect(c["C4"] == .bool(true))
        #expect(c["D4"] == .bool(false))
        #expect(c["E4"] == .error("#DIV/0!"))
        // A styled empty cell and an empty formula result are no values.
        #expect(c["C5"] == nil)
        #expect(c["D5"] == nil)
    }

    @Test("a merged title and a province merged down over its firms reach every covered cell")
    func merges() throws {
        var reader = try XLSXFixtures.open("miit-list.xlsx")
        let sheet = try #require(reader.sheet(named: "第六批"))
        let rows = try reader.rows(of: sheet)
        let byRow = Dictionary(uniqueKeysWithValues: rows.map { ($0.number, $0.texts) })
        #expect(byRow[1] == Array(repeating: #"第六批专精特新"小巨人"企业名单"#, count: 3))
        #expect(byRow[2] == nil) // the blank row is not yielded
        #expect(byRow[3] == ["序号", "省份", "企业名称"])
        #expect(byRow[4] == ["1", "北京市", "北京示例精密机械有限公司"])
        #expect(byRow[5] == ["2", "北京市", "北京示例微电子股份有限公司"])
        #expect(byRow[6] == ["3", "北京市", "北京示例生物科技有限公司"])
        #expect(byRow[7] == ["4", "宁波市", "宁波示例模具有限公司"])
        #expect(byRow[9] == ["6", "新疆生产建设兵团", "石河子示例材料有限公司"])
        #expect(byRow[10] == ["合计", "", "6"])
        #expect(byRow[11]?.allSatisfy { $0.hasPrefix("注：") } == true)
        let total = try #require(rows.first { $0.number == 10 })
        #expect(total.value(column: 1) == .text("合计"))
        #expect(total.value(column: 2) == nil)
        #expect(total.value(column: 3) == .number(6))
        #expect(total.value(column: 4) == nil)
    }

    @Test("rows left out of the part but covered by a merge are yielded filled")
    func mergeOverMissingRows() {
        var filler = MergeFiller(merges: [SheetReader.Merge(firstRow: 2, firstColumn: 1, lastRow: 4, lastColumn: 1)])
        var scanned = 0
        var emitted: [WorkbookRow] = []
        var top = [Cell(row: 2, column: 1, value: .text("湖南省")), Cell(row: 2, column: 2, value: .text("甲"))]
        try? filler.fill(row: 2, cells: &top, scanned: &scanned, limit: 100, error: { WorkbookError(.tooManyCells, file: "f", detail: "") })
        try? filler.emitCoveredRows(before: 6, scanned: &scanned, limit: 100, error: { WorkbookError(.tooManyCells, file: "f", detail: "") }) { emitted.append($0) }
        #expect(emitted.map(\.number) == [3, 4])
        #expect(emitted.map(\.texts) == [["湖南省"], ["湖南省"]])
        #expect(scanned == 2)
    }

    @Test("as WPS saves: absolute part names, no r attributes, prefixed elements, notes sheet first")
    func wps() throws {
        var reader = try XLSXFixtures.open("wps-list.xlsx")
        #expect(reader.sheets.map(\.name) == ["说明", "名单"])
        #expect(reader.sheets[1].part == "xl/worksheets/sheet2.xml")
        let rows = try reader.rows(of: reader.sheets[1])
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(rows[1].texts == ["序号", "市州", "企业名称", "统一社会信用代码", "所属领域"])
        #expect(rows[3].texts == ["2", "长沙市", "长沙示例新材料有限公司", "91430100MA4L123456", "新材料"])
        #expect(rows[4].cells.map(\.column) == [1, 2, 3, 4, 5])
    }

    @Test("a workbook openpyxl wrote (tools/gen-openpyxl-fixture.py) reads as openpyxl reads it back")
    func openpyxl() throws {
        var reader = try XLSXFixtures.open("openpyxl.xlsx")
        #expect(reader.sheets.map(\.name) == ["名单", "说明"])
        let rows = try reader.rows(of: reader.sheets[0])
        let byRow = Dictionary(uniqueKeysWithValues: rows.map { ($0.number, $0.cells.map(\.value)) })
        #expect(byRow[3] == ["序号", "地区", "企业名称", "认定日期", "营业收入"].map { CellValue.text($0) })
        #expect(byRow[4] == [.number(1), .text("湖南省"), .text("长沙示例科技有限公司"), .date(Day(year: 2024, month: 1, day: 1)!), .number(1_250_000.5)])
        // openpyxl writes no cell for B5, which B4:B5 covers; the merge fills it all the same.
        #expect(byRow[5] == [.number(2), .text("湖南省"), .text("株洲示例有限公司"), .dateTime(Day(year: 2024, month: 3, day: 1)!, secondsOfDay: 30_600), .number(0)])
        #expect(byRow[6] == [.number(3), .text("广东省"), .text("深圳示例股份有限公司"), .bool(true)])
        #expect(byRow[7] == [.text("合计"), .number(3)])
        #expect(byRow[2] == nil)
    }

    @Test("Excel locations", arguments: [
        (1, 1, "A1"), (9, 26, "Z9"), (10, 27, "AA10"), (3, 52, "AZ3"), (1, 703, "AAA1"), (1_048_576, 16_384, "XFD1048576"),
    ])
    func locations(row: Int, column: Int, name: String) {
        #expect(CellReference.name(row: row, column: column) == name)
        #expect(CellReference.parse(name)?.row == row)
        #expect(CellReference.parse(name)?.column == column)
    }

    @Test("locations name the sheet, quoted when Excel would")
    func sheetLocations() {
        #expect(CellReference.location(sheet: "Sheet1", row: 12, column: 3) == "Sheet1!C12")
        #expect(CellReference.location(sheet: "第六批", row: 4, column: 2) == "第六批!B4")
        #expect(CellReference.location(sheet: "第 1 批", row: 4, column: 2) == "'第 1 批'!B4")
        #expect(CellReference.location(sheet: "O'Neil", row: 1, column: 1) == "'O''Neil'!A1")
        #expect(CellReference.parse("$C$12")?.column == 3)
        #expect(CellReference.parse("12C") == nil)
        #expect(CellReference.parse("C0") == nil)
        #expect(CellReference.parse("ABCDE1") == nil)
    }

    @Test("date formats: y/m/d/h outside quotes, brackets and escapes", arguments: [
        ("yyyy-mm-dd", true), (#"yyyy"年"m"月"d"日""#, true), ("h:mm", true), ("[$-804]yyyy/m/d", true),
        ("General", false), ("0.00_);[Red](0.00)", false), (#"#,##0"元""#, false), (#"0\d"#, false), (#""day"0"#, false),
    ])
    func dateFormats(code: String, isDate: Bool) {
        #expect(DateStyles.isDateFormat(code) == isDate)
    }

    @Test("_xHHHH_ escapes are decoded, other underscores kept")
    func escapes() {
        #expect(InlineText.unescape("a_x000D_b") == "a\rb")
        #expect(InlineText.unescape("_x005F_x000D_") == "_x000D_")
        #expect(InlineText.unescape("x_y_z") == "x_y_z")
    }

    @Test("relationship targets resolve within the package and never outside it")
    func targets() throws {
        #expect(try PackageParts.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml", file: "f") == "xl/worksheets/sheet1.xml")
        #expect(try PackageParts.resolve("/xl/worksheets/sheet1.xml", from: "xl/workbook.xml", file: "f") == "xl/worksheets/sheet1.xml")
        #expect(try PackageParts.resolve("../xl/./styles.xml", from: "xl/workbook.xml", file: "f") == "xl/styles.xml")
        #expect(throws: WorkbookError.self) { try PackageParts.resolve("../../etc/passwd", from: "xl/workbook.xml", file: "f") }
        #expect(PackageParts.relationshipsPart(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
        // The package's own relationships resolve from its root.
        #expect(try PackageParts.resolve("xl/workbook.xml", from: "", file: "f") == "xl/workbook.xml")
        #expect(try PackageParts.resolve("/xl/workbook.xml", from: "", file: "f") == "xl/workbook.xml")
        #expect(throws: WorkbookError.self) { try PackageParts.resolve("../workbook.xml", from: "", file: "f") }
    }
}

@Suite("Workbook reader: merged ranges read from the part's tail")
struct WorkbookMergeTests {
    static let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let reader = SheetReader(file: "f.xlsx", part: "xl/worksheets/sheet1.xml", sharedStrings: [], dateStyles: [], date1904: false, limits: .default)

    static func sheet(prefix: String = "", _ tail: String) -> Data {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let decl = prefix.isEmpty ? #"xmlns="\#(ns)""# : #"xmlns:\#(prefix)="\#(ns)""#
        return Data(#"<\#(p)worksheet \#(decl)><\#(p)sheetData><\#(p)row r="1"><\#(p)c r="A1"><\#(p)v>1</\#(p)v></\#(p)c></\#(p)row></\#(p)sheetData>\#(tail)</\#(p)worksheet>"#.utf8)
    }

    @Test("the tail slice and the full pass find the same ranges, prefixed or not", arguments: ["", "x"])
    func sliceAgreesWithFullPass(prefix: String) throws {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let data = Self.sheet(prefix: prefix, #"<\#(p)mergeCells count="2"><\#(p)mergeCell ref="A1:C1"/><\#(p)mergeCell ref="B4:B9"/></\#(p)mergeCells><\#(p)pageMargins left="0.7"/>"#)
        let slice = try Self.reader.mergedRanges(data)
        #expect(slice == [SheetReader.Merge(firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 3), SheetReader.Merge(firstRow: 4, firstColumn: 2, lastRow: 9, lastColumn: 2)])
        #expect(try Self.reader.mergedRangesByFullPass(data) == slice)
    }

    @Test("an empty merge list, and none at all")
    func none() throws {
        #expect(try Self.reader.mergedRanges(Self.sheet(#"<mergeCells count="0"/>"#)).isEmpty)
        #expect(try Self.reader.mergedRanges(Self.sheet("")).isEmpty)
    }

    @Test("a slice that does not parse falls back to the whole part, whose fault is reported")
    func fallback() {
        let data = Self.sheet(#"<mergeCells count="1"><mergeCell ref="A1:&e;"/></mergeCells>"#)
        #expect { try Self.reader.mergedRanges(data) } throws: { ($0 as? WorkbookError)?.kind == .malformedXML }
        // Text mentioning mergeCells without such an element finds no ranges.
        let words = Self.sheet(#"<extLst><ext uri="mergeCells"/></extLst>"#)
        #expect((try? Self.reader.mergedRanges(words))?.isEmpty == true)
    }

    @Test("a DOCTYPE before a merge list with an entity is refused as a DOCTYPE")
    func doctypeWithMerges() {
        let text = #"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "A1:B2">]><worksheet xmlns="\#(Self.ns)"><sheetData/><mergeCells><mergeCell ref="&e;"/></mergeCells></worksheet>"#
        var scanned = 0
        #expect { try Self.reader.read(Data(text.utf8), scanned: &scanned) { _ in } } throws: { ($0 as? WorkbookError)?.kind == .doctype }
    }
}
