import Foundation
import RegistryTesting
import Testing
@testable import Core

/// Two-row headers (group titles merged over sub-titles) and a sheet's kind from its name: workbooks
/// built in the test with `WorkbookWriter`.
@Suite("Workbook tables: two-row headers, kind from the sheet name")
struct WorkbookTwoRowHeaderTests {
    static let listWide = ["program": "little-giant", "level": "national", "year": "2024"]

    static func feed(_ locator: inout TableLocator, _ rows: [[String]], from first: Int = 1) -> [TableLocator.Disposition] {
        rows.enumerated().map { i, texts in locator.feed(number: first + i, texts: texts) }
    }

    @Test("a header that is one by itself takes the sub-titles under its merged group title; they win")
    func subTitlesUnderHeader() {
        var locator = TableLocator(kind: .designation, preset: Set(Self.listWide.keys))
        let d = Self.feed(&locator, [
            ["2024年名单", "2024年名单", "2024年名单", "2024年名单", "2024年名单"],
            ["序号", "企业名称", "统一社会信用代码", "所在地区", "所在地区"],
            ["序号", "企业名称", "统一社会信用代码", "省份", "城市"],
            ["1", "甲示例有限公司", "x", "湖南省", "长沙市"],
        ])
        #expect(d == [.title, .header, .header, .record])
        let h = locator.header
        #expect(h?.row == 3 && h?.groupRow == 2)
        #expect(h?.fields == [2: "firm", 3: "uscc", 4: "region"])
        #expect(h?.unknown == [5: "城市"])
        #expect(locator.headerTexts == ["序号", "企业名称", "统一社会信用代码", "省份", "城市"])
        #expect(locator.title == "2024年名单")
    }

    @Test("sub-titles complete a group row that alone is no header")
    func groupRowAloneNoHeader() {
        // The year is a column here: neither row alone names both the firm and the year.
        var locator = TableLocator(kind: .designation, preset: ["program", "level"])
        let d = Self.feed(&locator, [
            ["名单"],
            ["序号", "企业名称", "认定信息", "认定信息"],
            ["", "", "年度", "批次"],
            ["1", "甲示例有限公司", "2024", "6"],
        ])
        #expect(d == [.title, .title, .header, .record])
        #expect(locator.header?.fields == [2: "firm", 3: "year", 4: "batch"])
        #expect(locator.header?.row == 3 && locator.header?.groupRow == 2)
        #expect(locator.titleLines == ["名单"], "the group row is part of the header, not of the title")
    }

    @Test("a record under a header is never taken for sub-titles")
    func recordIsNoSubTitle() {
        var locator = TableLocator(kind: .designation, preset: Set(Self.listWide.keys))
        // Under a group title too: the firm's name stands under a single-column title.
        let d = Self.feed(&locator, [
            ["企业名称", "所在地区", "所在地区"],
            ["省份示例有限公司", "湖南省", "长沙市"],
        ])
        #expect(d == [.header, .record])
        var plain = TableLocator(kind: .designation, preset: Set(Self.listWide.keys))
        #expect(Self.feed(&plain, [["序号", "企业名称", "地区"], ["1", "地区", ""]]) == [.header, .record])
        #expect(plain.header?.row == 1)
    }

    /// A published list with a two-row header: title merged across, 序号/企业名称/代码 merged down over
    /// both header rows, 所在地区 merged over 省份 and 城市.
    static func twoRowList(badCodeRow: Bool = false) -> WorkbookWriter.Sheet {
        let group: [WorkbookWriter.Cell] = [.text("序号"), .text("企业名称"), .text("统一社会信用代码"), .text("所在地区"), .empty]
        let sub: [WorkbookWriter.Cell] = [.empty, .empty, .empty, .text("省份"), .text("城市")]
        var rows: [[WorkbookWriter.Cell]] = [[.text("2024年度专精特新“小巨人”企业名单"), .empty, .empty, .empty, .empty], [], group, sub]
        for i in 1...3 {
            let code = badCodeRow && i == 2 ? "91430211MA4UY4WX1X" : Codes.uscc("430211", 10 + i)
            rows.append([.number(Double(i)), .text("示例\(i)科技有限公司"), .text(code), .text(i == 3 ? "北京市" : "湖南省"), .text("某市")])
        }
        return WorkbookWriter.Sheet(name: "Sheet1", rows: rows, headerRows: 0, merges: ["A1:E1", "A3:A4", "B3:B4", "C3:C4", "D3:E3"])
    }

    /// The firms the lists' codes refer to, as an XML filing's records.
    static func firms(_ serials: ClosedRange<Int>) -> String {
        serials.map { #"<firm uscc="\#(Codes.uscc("430211", $0))" name="示例\#($0)科技有限公司" region="430211"/>"# }.joined()
    }

    static func options(kind: RecordKind? = .designation, ignoreUnknown: Bool = true) -> LoadOptions {
        var o = LoadOptions(kind: kind)
        o.columns = ColumnOptions(set: listWide, ignoreUnknown: ignoreUnknown)
        return o
    }

    @Test("a workbook with a two-row header loads: the sub-title 省份 gives the region, locations name the right cells", arguments: Backend.testable)
    func twoRowWorkbook(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "firms", Self.firms(11...13))
            let path = r.directory.appendingPathComponent("list.xlsx").path
            try WorkbookWriter.data([Self.twoRowList()]).write(to: URL(fileURLWithPath: path))
            let report = try r.loader.load(path: path, displayName: "list.xlsx", options: Self.options())
            #expect(report.info?.counts[.designation] == 3)
            #expect(report.info?.header.title == "2024年度专精特新“小巨人”企业名单")
            #expect(report.warnings.map(\.description) == ["list.xlsx:Sheet1!E4: warning: designation: column '城市' is no field of designation: ignored"])
            let d = try r.store.designations(program: nil).map(\.designation)
            #expect(Dictionary(grouping: d, by: { $0.region ?? "" }).mapValues(\.count) == ["湖南省": 2, "北京市": 1])

            let bad = try TestRegistry()
            let badPath = bad.directory.appendingPathComponent("list.xlsx").path
            try WorkbookWriter.data([Self.twoRowList(badCodeRow: true)]).write(to: URL(fileURLWithPath: badPath))
            let problems = bad.refusal { _ = try bad.loader.load(path: badPath, displayName: "list.xlsx", options: Self.options()) }
            #expect(problems.contains { $0.description.hasPrefix("list.xlsx:Sheet1!C6: designation:") && $0.problem == .invalidUSCC }, "\(problems.map(\.description))")
        }
    }

    @Test("sheet names give the kind: a kind's name or a Chinese list name; Sheet1 says nothing")
    func kindNames() {
        #expect(XLSXFilingReader.kind(fromSheetName: "designations") == .designation)
        #expect(XLSXFilingReader.kind(fromSheetName: " Designations ") == .designation)
        #expect(XLSXFilingReader.kind(fromSheetName: "认定名单") == .designation)
        #expect(XLSXFilingReader.kind(fromSheetName: "在孵企业") == .incubation)
        #expect(XLSXFilingReader.kind(fromSheetName: "Sheet1") == nil)
        #expect(XLSXFilingReader.kind(fromSheetName: "说明") == nil)
    }

    @Test("a workbook without --kind whose sheets are named designations and 认定名单 loads as designations")
    func kindFromSheetName() throws {
        let r = try TestRegistry()
        try r.load(id: "firms", Self.firms(1...3))
        func sheet(_ name: String, _ n: Int) -> WorkbookWriter.Sheet {
            WorkbookWriter.Sheet(name: name, rows: [[.text("企业名称"), .text("统一社会信用代码")], [.text("示例\(n)有限公司"), .text(Codes.uscc("430211", n))]])
        }
        let path = r.directory.appendingPathComponent("list.xlsx").path
        try WorkbookWriter.data([sheet("designations", 1), sheet("认定名单", 2), WorkbookWriter.Sheet(name: "说明", rows: [[.text("注：示例")]])])
            .write(to: URL(fileURLWithPath: path))
        let report = try r.loader.load(path: path, options: Self.options(kind: nil, ignoreUnknown: false))
        #expect(report.info?.counts[.designation] == 2)
        // A sheet whose name says no kind, in a file whose name says none: the load asks for --kind.
        let r2 = try TestRegistry()
        let other = r2.directory.appendingPathComponent("list.xlsx").path
        try WorkbookWriter.data([sheet("Sheet1", 3)]).write(to: URL(fileURLWithPath: other))
        #expect(throws: LoadError.self) { try r2.loader.load(path: other, options: Self.options(kind: nil, ignoreUnknown: false)) }
    }
}
