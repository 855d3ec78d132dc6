import Foundation
import Testing
@testable import Core

@Suite("Column titles: the Chinese and English title table")
struct ColumnTitlesTests {
    @Test("every field of every kind has a Chinese title", arguments: RecordKind.allCases)
    func everyField(kind: RecordKind) throws {
        let listed = try #require(ColumnTitles.table[kind])
        #expect(listed.map(\.field) == kind.fields)
        for (field, titles) in listed {
            #expect(titles.contains { $0.unicodeScalars.contains { $0.properties.isIdeographic } }, "\(kind.rawValue).\(field) has no Chinese title")
            for t in titles { #expect(ColumnTitles.match(kind: kind, title: t) == .field(field), "\(t)") }
            #expect(ColumnTitles.match(kind: kind, title: field) == .field(field))
        }
    }

    @Test("no title means two fields of one kind", arguments: RecordKind.allCases)
    func unambiguous(kind: RecordKind) throws {
        var seen: [String: String] = [:]
        for (field, titles) in try #require(ColumnTitles.table[kind]) {
            for t in titles + [field] {
                let key = ColumnTitles.fold(t)
                if let other = seen[key] { #expect(other == field, "\(t) means both \(other) and \(field)") }
                seen[key] = field
            }
        }
        for t in ColumnTitles.ignoredTitles { #expect(seen[ColumnTitles.fold(t)] == nil) }
    }

    @Test("the spec's variants", arguments: [
        (RecordKind.firm, "企业名称", "name"), (.firm, "单位名称", "name"), (.firm, "公司名称", "name"),
        (.designation, "企业名称", "firm"), (.designation, "单位名称", "firm"), (.designation, "公司名称", "firm"),
        (.firm, "统一社会信用代码", "uscc"), (.designation, "社会信用代码", "uscc"), (.annualReport, "信用代码", "uscc"),
        (.designation, "省份", "region"), (.designation, "省", "region"), (.designation, "地区", "region"),
        (.designation, "所在地区", "region"), (.designation, "所在地", "region"), (.designation, "省（区、市）", "region"),
        (.designation, "市州", "region"), (.designation, "地市", "region"), (.firm, "省份", "region"),
        (.designation, "批次", "batch"), (.designation, "年度", "year"), (.designation, "年份", "year"),
        (.designation, "级别", "level"), (.designation, "层级", "level"), (.incubator, "层级", "level"),
        (.firm, "园区", "park"), (.firm, "成立日期", "founded"), (.annualReport, "营业收入", "revenue"),
        (.annualReport, "研发费用", "rd-expense"), (.annualReport, "从业人员", "employees"),
        (.annualReport, "发明专利", "invention-patents"), (.incubator, "孵化器名称", "name"),
        (.incubator, "认定时间", "recognized"), (.incubator, "面积", "area-m2"),
    ])
    func variants(kind: RecordKind, title: String, field: String) {
        #expect(ColumnTitles.match(kind: kind, title: title) == .field(field))
    }

    @Test("folding: full-width forms, spaces and line breaks, brackets, marks", arguments: [
        ("企业\n名称", "name"), (" 企 业 名 称 ", "name"), ("企业名称\r\n", "name"), ("*企业名称", "name"),
        ("企业名称：", "name"), ("ｕｓｃｃ", "uscc"), ("USCC", "uscc"), ("founded", "founded"),
    ])
    func folding(title: String, field: String) {
        #expect(ColumnTitles.match(kind: .firm, title: title) == .field(field))
    }

    @Test("brackets fold either way: 省(区、市), 省（区、市）, 面积(平方米), 面积(㎡)")
    func brackets() {
        #expect(ColumnTitles.match(kind: .designation, title: "省(区、市)") == .field("region"))
        #expect(ColumnTitles.match(kind: .designation, title: "省 （区、市）") == .field("region"))
        #expect(ColumnTitles.match(kind: .incubator, title: "面积(平方米)") == .field("area-m2"))
        #expect(ColumnTitles.match(kind: .incubator, title: "面积(m2)") == .field("area-m2")) // ㎡ folds to m2
        #expect(ColumnTitles.match(kind: .incubator, title: "面积(㎡)") == .field("area-m2"))
        #expect(ColumnTitles.match(kind: .incubator, title: "area_m2") == .field("area-m2"))
    }

    @Test("序号 is ignored; other titles, and units not the field's, are unknown")
    func ignoredAndUnknown() {
        #expect(ColumnTitles.match(kind: .designation, title: "序号") == .ignored)
        #expect(ColumnTitles.match(kind: .firm, title: "No.") == .ignored)
        #expect(ColumnTitles.match(kind: .firm, title: "联系人") == .unknown)
        #expect(ColumnTitles.match(kind: .designation, title: "属地") == .unknown)
        #expect(ColumnTitles.match(kind: .annualReport, title: "营业收入（万元）") == .unknown)
        #expect(ColumnTitles.match(kind: .firm, title: "") == .unknown)
    }
}

@Suite("Table locator: title, header, records and the end of the table")
struct TableLocatorTests {
    static let preset: Set<String> = ["program", "level", "year", "batch"]

    /// Feeds rows and returns each row's disposition.
    static func run(_ locator: inout TableLocator, _ rows: [(Int, [String])]) -> [Int: TableLocator.Disposition] {
        var out: [Int: TableLocator.Disposition] = [:]
        for (n, texts) in rows { out[n] = locator.feed(number: n, texts: texts) }
        return out
    }

    @Test("MIIT's layout as the reader gives it: merged title, blank row, header, merged provinces, 合计, footnote")
    func miitWorkbook() throws {
        var reader = try XLSXFixtures.open("miit-list.xlsx")
        let rows = try reader.rows(of: try #require(reader.sheet(named: "第六批"))).map { ($0.number, $0.texts) }
        var locator = TableLocator(kind: .designation, preset: Self.preset)
        let d = Self.run(&locator, rows)
        #expect(locator.title == #"第六批专精特新"小巨人"企业名单"#)
        #expect(d[1] == .title)
        #expect(d[3] == .header)
        let header = try #require(locator.header)
        #expect(header.row == 3)
        #expect(header.fields == [2: "region", 3: "firm"])
        #expect(header.ignored == [1])
        #expect(header.unknown.isEmpty)
        #expect((4...9).map { d[$0] } == Array(repeating: .record, count: 6))
        #expect(d[10] == .end(.total))
        #expect(d[11] == .ignored)
        #expect(locator.end == .total)
        let regions = rows.filter { d[$0.0] == .record }.map { $0.1[1] }
        #expect(regions == ["北京市", "北京市", "北京市", "宁波市", "新疆生产建设兵团", "新疆生产建设兵团"])
    }

    @Test("a 说明 sheet has no header and is skipped")
    func notesSheet() throws {
        var reader = try XLSXFixtures.open("miit-list.xlsx")
        let rows = try reader.rows(of: try #require(reader.sheet(named: "说明"))).map { ($0.number, $0.texts) }
        var locator = TableLocator(kind: .designation, preset: Self.preset)
        _ = Self.run(&locator, rows)
        #expect(locator.header == nil)
        // A short sheet ends before maxTitleRows: no header is what tells it is skipped.
        var long = TableLocator(kind: .designation, preset: Self.preset)
        let many = (1...40).map { ($0, ["第\($0)条说明"]) }
        let d = Self.run(&long, many)
        #expect(long.skipped)
        #expect(d[40] == .ignored)
    }

    @Test("the WPS-saved provincial list: 市州 as region, a USCC column, an unknown 所属领域 column")
    func wpsList() throws {
        var reader = try XLSXFixtures.open("wps-list.xlsx")
        let rows = try reader.rows(of: reader.sheets[1]).map { ($0.number, $0.texts) }
        var locator = TableLocator(kind: .designation, preset: Self.preset)
        let d = Self.run(&locator, rows)
        let header = try #require(locator.header)
        #expect(header.fields == [2: "region", 3: "firm", 4: "uscc"])
        #expect(header.unknown == [5: "所属领域"])
        #expect(locator.title == "湖南省2024年创新型中小企业名单")
        #expect((3...5).map { d[$0] } == [.record, .record, .record])
        #expect(rows[3].1[1] == "长沙市") // the merged city reaches the second firm
    }

    @Test("without the preset fields a designation header must carry program, level and year")
    func requiredFields() {
        var bare = TableLocator(kind: .designation)
        _ = bare.feed(number: 1, texts: ["序号", "省份", "企业名称"])
        #expect(bare.header == nil)
        var full = TableLocator(kind: .designation)
        #expect(full.feed(number: 1, texts: ["企业名称", "认定类别", "级别", "年度"]) == .header)
    }

    @Test("a designation header must name the firm, by code or name")
    func identity() {
        var l = TableLocator(kind: .designation, preset: Self.preset)
        #expect(l.feed(number: 1, texts: ["序号", "省份"]) == .title)
        #expect(l.feed(number: 2, texts: ["序号", "省份", "统一社会信用代码"]) == .header)
    }

    @Test("an empty row ends the table, as does a gap in row numbers")
    func emptyRows() {
        var l = TableLocator(kind: .firm)
        _ = l.feed(number: 1, texts: ["统一社会信用代码", "企业名称", "地区"])
        #expect(l.feed(number: 2, texts: ["914302007121234556", "甲", "湖南"]) == .record)
        #expect(l.feed(number: 3, texts: ["", " ", ""]) == .end(.emptyRow))
        var g = TableLocator(kind: .firm)
        _ = g.feed(number: 1, texts: ["统一社会信用代码", "企业名称", "地区"])
        #expect(g.feed(number: 2, texts: ["914302007121234556", "甲", "湖南"]) == .record)
        #expect(g.feed(number: 4, texts: ["914302007121234557", "乙", "湖南"]) == .end(.emptyRow))
    }

    @Test("总计 in the first columns, a 注 note, a long text alone, end the table; a short name alone does not")
    func ends() {
        func fresh() -> TableLocator {
            var l = TableLocator(kind: .designation, preset: Self.preset)
            _ = l.feed(number: 1, texts: ["企业名称", "省份"])
            return l
        }
        var a = fresh()
        #expect(a.feed(number: 2, texts: ["", "总 计", "120"]) == .end(.total))
        var b = fresh()
        #expect(b.feed(number: 2, texts: ["备注：排名不分先后"]) == .end(.note))
        var c = fresh()
        #expect(c.feed(number: 2, texts: [String(repeating: "长", count: 61)]) == .end(.note))
        var d = fresh()
        #expect(d.feed(number: 2, texts: ["长沙示例科技有限公司"]) == .record)
        var e = fresh()
        #expect(e.feed(number: 2, texts: ["企业名称", "省份"]) == .repeatedHeader)
    }

    @Test("two columns for one field are reported as duplicates")
    func duplicates() throws {
        var l = TableLocator(kind: .designation, preset: Self.preset)
        _ = l.feed(number: 1, texts: ["企业名称", "省份", "地区"])
        #expect(try #require(l.header).duplicates == [3: "region"])
    }
}
