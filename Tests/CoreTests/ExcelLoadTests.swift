import Foundation
import RegistryTesting
import Testing
@testable import Core

/// Lists as they are published (issue #15): Chinese titles, list-wide fields and workbooks, through
/// `FilingLoader` on both backends.
@Suite("Loading lists as published: Chinese titles, --set, workbooks")
struct ExcelLoadTests {
    static let listWide = ColumnOptions(set: ["program": "little-giant", "level": "national", "year": "2024"])

    static func options(_ columns: ColumnOptions = listWide, kind: RecordKind? = .designation, sheets: [String] = [],
                        acceptBadUSCC: Bool = false) -> LoadOptions {
        var o = LoadOptions(kind: kind, acceptBadUSCC: acceptBadUSCC)
        o.columns = columns
        o.sheets = sheets
        return o
    }

    /// The filings and designations the registry holds: what "nothing loaded" is checked against.
    static func contents(_ r: TestRegistry) throws -> (filings: Int, designations: Int) {
        (try r.store.filings().count, try r.store.designations(program: nil).count)
    }

    // MARK: CSV

    @Test("a CSV with Chinese titles loads as one with field names", arguments: Backend.testable)
    func chineseTitlesCSV(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let path = try r.write("designations-zh.csv", "序号,企业名称,省份,认定类别,级别,年度,批次\n1,甲示例有限公司,湖南省,little-giant,国家级,2024,6\n2,乙示例有限公司,湖南省,little-giant,national,2024,6\n")
            let report = try r.loader.load(path: path, options: LoadOptions())
            #expect(report.info?.counts[.designation] == 2)
            let d = try r.store.designations(program: nil).map(\.designation).sorted { ($0.firmName ?? "") < ($1.firmName ?? "") }
            #expect(d.map(\.firmName) == ["乙示例有限公司", "甲示例有限公司"].sorted())
            #expect(d.allSatisfy { $0.level == .national && $0.year == 2024 && $0.batch == "6" && $0.region == "湖南省" })
        }
    }

    @Test("--set gives every CSV record its fields; the sidecar's set too, the option winning field by field", arguments: Backend.testable)
    func setCSV(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let path = try r.write("designations-names.csv", "序号,省份,企业名称\n1,湖南省,甲示例有限公司\n2,湖南省,乙示例有限公司\n")
            try r.write("designations-names.csv.meta.json", #"{"id": "NAMES", "authority": "工业和信息化部", "set": {"program": "little-giant", "level": "provincial", "year": 2023}}"#)
            var o = LoadOptions()
            o.columns.set = ["level": "national"]
            let report = try r.loader.load(path: path, options: o)
            #expect(report.info?.header.id == "NAMES" && report.info?.counts[.designation] == 2)
            let d = try r.store.designations(program: nil).map(\.designation)
            #expect(d.count == 2 && d.allSatisfy { $0.program == .littleGiant && $0.level == .national && $0.year == 2023 })
        }
    }

    @Test("without the list-wide fields a name-only CSV is refused, naming what is missing")
    func setMissing() throws {
        let r = try TestRegistry()
        let path = try r.write("designations-names.csv", "序号,省份,企业名称\n1,湖南省,甲示例有限公司\n")
        let d = r.refusal { _ = try r.loader.load(path: path) }
        #expect(d.count == 1 && d[0].line == 1 && d[0].message.contains("required columns program, level, year missing"), "\(d)")
    }

    @Test("a --set field that is also a column is refused naming both; a bad --set value before loading, with did-you-mean")
    func setConflictAndBadValue() throws {
        let r = try TestRegistry()
        let path = try r.write("designations-conflict.csv", "企业名称,省份,认定类别,级别,年度\n甲示例有限公司,湖南省,little-giant,national,2024\n")
        let conflict = r.refusal { _ = try r.loader.load(path: path, options: Self.options(ColumnOptions(set: ["level": "national"]))) }
        #expect(conflict.count == 1 && conflict[0].message.contains("column '级别' (D) gives level, and so does the list-wide field level=national"), "\(conflict)")

        let names = try r.write("designations-names.csv", "序号,省份,企业名称\n1,湖南省,甲示例有限公司\n")
        let bad = r.refusal {
            _ = try r.loader.load(path: names, options: Self.options(ColumnOptions(set: ["program": "little-giant", "level": "nationa", "year": "2024", "colour": "red"])))
        }
        #expect(bad.count == 2, "\(bad)")
        #expect(bad.contains { $0.problem == .invalidValue && $0.message.contains("level=nationa") && $0.message.contains("did you mean national?") })
        #expect(bad.contains { $0.message.contains("colour=red") && $0.message.contains("designation has no field 'colour'") })
        #expect(try r.store.filings().isEmpty)
    }

    @Test("unknown columns are refused, or ignored each with a warning; --columns maps a title or a column letter")
    func ignoreAndMapColumns() throws {
        let r = try TestRegistry()
        let path = try r.write("designations-roster.csv", "序号,单位全称,属地,联系人,电话\n1,甲示例有限公司,湖南省,张三,0731-1\n")
        let refused = r.refusal { _ = try r.loader.load(path: path, options: Self.options()) }
        #expect(refused.count == 1 && refused[0].message.contains("unknown column '单位全称'") && refused[0].message.contains("unknown column '联系人'"), "\(refused)")

        var columns = Self.listWide
        columns.columns = ["单位全称": "firm", "C": "region"]
        columns.ignoreUnknown = true
        let report = try r.loader.load(path: path, options: Self.options(columns))
        #expect(report.info?.counts[.designation] == 1)
        #expect(report.warnings.map(\.message) == ["column '联系人' is no field of designation: ignored", "column '电话' is no field of designation: ignored"])
        #expect(report.warnings.map(\.column) == [4, 5])
        let d = try #require(try r.store.designations(program: nil).first?.designation)
        #expect(d.firmName == "甲示例有限公司" && d.region == "湖南省")

        columns.columns = ["法人": "firm"]
        let r2 = try TestRegistry()
        let unmatched = r2.refusal { _ = try r2.loader.load(path: try r2.write("designations-roster.csv", "序号,单位全称,属地,联系人,电话\n1,甲示例有限公司,湖南省,张三,0731-1\n"), options: Self.options(columns)) }
        #expect(unmatched.first?.message.contains("no column titled '法人' to map to firm") == true, "\(unmatched)")
    }

    @Test("a column mapped to no field of the kind is refused with did-you-mean; a designation without firm or uscc column is refused")
    func mappedToNoField() throws {
        let r = try TestRegistry()
        let path = try r.write("designations-map.csv", "单位全称,省份\n甲示例有限公司,湖南省\n")
        var columns = Self.listWide
        columns.columns = ["单位全称": "frim"]
        let d = r.refusal { _ = try r.loader.load(path: path, options: Self.options(columns)) }
        #expect(d.first?.message.contains("column '单位全称' (A) is mapped to 'frim', which is no field of designation; did you mean firm?") == true, "\(d)")
        #expect(d.first?.message.contains("a designation needs a column uscc (统一社会信用代码) or firm (企业名称)") == true, "\(d)")
    }

    // MARK: Workbooks

    @Test("MIIT's published workbook loads with one command: title, merged provinces, 合计 and 说明 handled", arguments: Backend.testable)
    func miitWorkbook(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let report = try r.loader.load(path: XLSXFixtures.path("miit-list.xlsx"), displayName: "list.xlsx", options: Self.options())
            let info = try #require(report.info)
            #expect(info.counts[.designation] == 6 && info.format == .xlsx)
            #expect(info.header.title == #"第六批专精特新"小巨人"企业名单"#)
            #expect(info.header.id.hasPrefix("list-") == false && info.header.id.hasPrefix("miit-list-"))
            #expect(report.warnings.map(\.description) == ["list.xlsx:说明: note: designation: sheet skipped: no header row whose titles name firm (企业名称) or uscc (统一社会信用代码)"])
            let d = try r.store.designations(program: nil).map(\.designation)
            let byRegion = Dictionary(grouping: d, by: { $0.region ?? "" }).mapValues(\.count)
            // The province merged down gives every firm its province.
            #expect(byRegion == ["北京市": 3, "宁波市": 1, "新疆生产建设兵团": 2])
            #expect(d.allSatisfy { $0.program == .littleGiant && $0.level == .national && $0.year == 2024 })

            // The same bytes again: unchanged, by content hash.
            let again = try r.loader.load(path: XLSXFixtures.path("miit-list.xlsx"), displayName: "list.xlsx", options: Self.options())
            #expect(again.outcome == .unchanged(existingID: info.header.id))
        }
    }

    @Test("a title given beats the workbook's; --sheet picks a sheet and names a missing one")
    func titleAndSheets() throws {
        let r = try TestRegistry()
        var o = Self.options(sheets: ["第六批"])
        o.title = "名单"
        let report = try r.loader.load(path: XLSXFixtures.path("miit-list.xlsx"), options: o)
        #expect(report.info?.header.title == "名单" && report.warnings.isEmpty)
        let r2 = try TestRegistry()  // (the same bytes again would be "unchanged" before any reading)
        let missing = r2.refusal { _ = try r2.loader.load(path: XLSXFixtures.path("miit-list.xlsx"), displayName: "list.xlsx", options: Self.options(sheets: ["第六 批"])) }
        #expect(missing.first?.message.contains("no sheet '第六 批'; did you mean 第六批?") == true, "\(missing)")
    }

    @Test("a workbook's kind comes from the file name when no option says it; else the load says to name it")
    func kindFromFileName() throws {
        let r = try TestRegistry()
        let data = try Data(contentsOf: URL(fileURLWithPath: XLSXFixtures.path("miit-list.xlsx")))
        let named = r.directory.appendingPathComponent("designations-b6.xlsx").path
        let anonymous = r.directory.appendingPathComponent("list.xlsx").path
        try data.write(to: URL(fileURLWithPath: named))
        try data.write(to: URL(fileURLWithPath: anonymous))
        #expect(try r.loader.load(path: named, options: Self.options(kind: nil)).info?.counts[.designation] == 6)
        let r2 = try TestRegistry()
        #expect(throws: LoadError.self) { try r2.loader.load(path: anonymous, options: Self.options(kind: nil)) }
        do {
            _ = try r2.loader.load(path: anonymous, options: Self.options(kind: nil))
        } catch let e as LoadError {
            #expect(e.remedies == [.nameKind], "\(e)")
        }
    }

    @Test("without --set the header is not found: refused, the skipped sheets say why")
    func workbookWithoutSet() throws {
        let r = try TestRegistry()
        let d = r.refusal { _ = try r.loader.load(path: XLSXFixtures.path("miit-list.xlsx"), displayName: "list.xlsx", options: Self.options(ColumnOptions())) }
        #expect(d.map(\.description) == [
            "list.xlsx:第六批: note: designation: sheet skipped: no header row whose titles name firm (企业名称) or uscc (统一社会信用代码), program, level, year",
            "list.xlsx:说明: note: designation: sheet skipped: no header row whose titles name firm (企业名称) or uscc (统一社会信用代码), program, level, year",
            "list.xlsx: xlsx: the filing holds no records; there is nothing to load",
        ])
    }

    @Test("a USCC Excel stored as a number is refused at its cell, saying how to fix it; unknown columns ignored at their cells", arguments: Backend.testable)
    func usccAsNumber(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "firms", #"<firm uscc="91430211MA4UY4WX1R" name="株洲盛兴轨道科技有限公司" region="430211"/><firm uscc="914302005650135117" name="株洲天鼎医疗器械科技有限公司" region="430211"/>"#)
            var columns = Self.listWide
            columns.ignoreUnknown = true
            let d = r.refusal { _ = try r.loader.load(path: XLSXFixtures.path("uscc-number.xlsx"), displayName: "roster.xlsx", options: Self.options(columns)) }
            let errors = d.filter { $0.severity == .error }
            #expect(errors.count == 2, "\(errors)")
            let error = try #require(errors.first)
            #expect(error.description.hasPrefix("roster.xlsx:Sheet1!C3: designation: uscc 9.14302005650135E+17 is a number, not a code"), "\(error)")
            #expect(error.message.contains("format the column as text and type the codes again, or have the list exported as CSV"))
            // A formula's error value is no value: refused at its cell.
            #expect(errors.last?.description == "roster.xlsx:Sheet1!C4: designation: uscc holds Excel's error value #N/A, not a value; fix the cell (its formula) and save again")
            #expect(d.filter { $0.severity == .warning }.map(\.description) == ["roster.xlsx:Sheet1!E1: warning: designation: column '联系人' is no field of designation: ignored"])
            #expect(try Self.contents(r) == (1, 0))

            // Lenient: the good row loads, the number is set aside with its fields.
            var o = Self.options(columns)
            o.lenient = true
            let report = try r.loader.load(path: XLSXFixtures.path("uscc-number.xlsx"), displayName: "roster.xlsx", options: o)
            #expect(report.info?.counts[.designation] == 1 && report.rejected.count == 2)
            #expect(report.rejected.first?.fields["firm"] == "株洲天鼎医疗器械科技有限公司")
        }
    }

    @Test("a record's problem points at its cell in the sheet")
    func recordProblemCell() throws {
        let r = try TestRegistry()
        var columns = ColumnOptions(set: ["program": "little-giant", "level": "national", "year": "20x4"])
        columns.ignoreUnknown = true
        let d = r.refusal { _ = try r.loader.load(path: XLSXFixtures.path("wps-list.xlsx"), displayName: "wps.xlsx", options: Self.options(columns)) }
        #expect(d.count == 1 && d[0].message.contains("year=20x4"), "\(d)")
        // A code failing its check character: the location is the code's cell.
        let bad = r.refusal { _ = try r.loader.load(path: XLSXFixtures.path("wps-list.xlsx"), displayName: "wps.xlsx", options: Self.options(ColumnOptions(set: Self.listWide.set, ignoreUnknown: true))) }
        #expect(bad.contains { $0.description.hasPrefix("wps.xlsx:名单!D3: designation:") && $0.problem == .invalidUSCC }, "\(bad.map(\.description))")
    }

    @Test("hostile and legacy workbooks are refused through the loader with nothing loaded", arguments: [
        ("bomb.xlsx", WorkbookError.Kind.compressionRatio), ("doctype-sheet.xlsx", .doctype), ("encrypted.xlsx", .encrypted),
        ("legacy.xls", .legacyFormat), ("legacy.et", .legacyFormat), ("not-a-zip.xlsx", .notAWorkbook),
        ("empty-rows.xlsx", .compressionRatio), ("unsafe-target.xlsx", .unsafePath),
    ])
    func hostile(name: String, kind: WorkbookError.Kind) throws {
        let r = try TestRegistry()
        try r.load(id: "before", RegistryTests.park)
        do {
            _ = try r.loader.load(path: XLSXFixtures.path(name), displayName: name, options: Self.options())
            Issue.record("\(name) loaded")
        } catch let LoadError.workbook(e) {
            #expect(e.kind == kind && e.file == name)
            #expect(!(LoadError.workbook(e).errorDescription ?? "").contains("--"))
        }
        #expect(try r.store.filings().map(\.header.id) == ["before"])
    }
}
