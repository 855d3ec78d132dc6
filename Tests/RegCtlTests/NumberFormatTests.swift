import Foundation
import Testing
import Core
@testable import regctl

/// Numbers people read (tables, md, HTML, SVG) and numbers machines read (CSV, JSON).
@Suite("Numbers people read: separators, money units, percentages")
struct NumberFormatTests {
    @Test("thousands separators on whole numbers and decimals, signs and short numbers kept", arguments: [
        ("1486", "1,486"), ("264581167.14", "264,581,167.14"), ("-1234567.891", "-1,234,567.891"), ("999", "999"),
        ("0", "0"), ("1000", "1,000"), ("12.5", "12.5"), ("abc", "abc"), ("", ""), ("1e5", "1e5"),
    ])
    func grouping(plain: String, readable: String) {
        #expect(NumberStyle.grouped(plain) == readable)
    }

    static let columns: [Report.Column] = [
        .init("count", .integer), .init("total_value", .money, title: "total value"),
        .init("local_share", .number, title: "local share").shown(.percent(decimals: 1)),
        .init("year", .integer).shown(.digits), .init("name", .text), .init("ratio", .number),
    ]

    @Test("each column type reads as people expect; money in yuan, 万元 and 亿元")
    func cells() {
        let c = Self.columns
        let yuan = NumberStyle()
        #expect(yuan.text(.integer(1486), in: c[0]) == "1,486")
        #expect(yuan.text(.number(264_581_167.14), in: c[1]) == "264,581,167.14")
        #expect(yuan.text(.number(0.5), in: c[2]) == "50.0%")
        #expect(yuan.text(.number(0.12345), in: c[2]) == "12.3%")
        #expect(yuan.text(.number(1), in: c[2]) == "100.0%")
        #expect(yuan.text(.integer(2024), in: c[3]) == "2024")
        #expect(yuan.text(.text("株洲高新区"), in: c[4]) == "株洲高新区")
        #expect(yuan.text(.number(12345.6789), in: c[5]) == "12,345.6789")
        #expect(yuan.text(.null, in: c[2]) == "")
        #expect(NumberStyle(money: .wan).text(.number(264_581_167.14), in: c[1]) == "26,458.12")
        #expect(NumberStyle(money: .yi).text(.number(264_581_167.14), in: c[1]) == "2.65")
        // Not a money column: the unit changes nothing.
        #expect(NumberStyle(money: .yi).text(.integer(1486), in: c[0]) == "1,486")
    }

    @Test("the money unit is in the heading of money columns only, never mixed in a column")
    func headings() {
        let c = Self.columns
        #expect(NumberStyle().title(of: c[1]) == "total value")
        #expect(NumberStyle(money: .wan).title(of: c[1]) == "total value (10k yuan)")
        #expect(NumberStyle(money: .yi).title(of: c[1]) == "total value (100M yuan)")
        #expect(NumberStyle(money: .wan).title(of: c[0]) == "count")
        // Every cell of a column has the same number of decimals.
        let decimals = [0.5, 0.123, 0.1, 0].map { NumberStyle().text(.number($0), in: c[2]) }.map { $0.split(separator: ".").last?.count }
        #expect(Set(decimals).count == 1)
    }

    static let report = Report(title: "t", asOf: Day("2024-12-31")!, asOfSource: "test", columns: columns,
                               rows: [[.integer(1486), .number(264_581_167.14), .number(0.25), .integer(2024), .text("株洲"), .number(0.5)]])

    @Test("table and md show separators, percentages and the unit; CSV and JSON keep plain machine numbers")
    func renderers() throws {
        let table = TableFormat(style: NumberStyle(money: .wan)).render(Self.report)
        #expect(table.contains("1,486") && table.contains("26,458.12") && table.contains("25.0%") && table.contains("2024"))
        #expect(table.contains("total value (10k yuan)"))
        let md = MarkdownFormat().render(Self.report)
        #expect(md.contains("| 1,486 | 264,581,167.14 | 25.0% | 2024 | 株洲 | 0.5 |"))
        let csv = CSVFormat().render(Self.report)
        #expect(csv.contains("1486,264581167.14,0.25,2024,株洲,0.5"))
        let json = JSONFormat().render(Self.report)
        #expect(json.contains("\"count\" : 1486") && json.contains("\"local_share\" : 0.25") && !json.contains("1,486"))
    }

    @Test("the command line: --money-unit wan puts 万元 amounts in the table and leaves JSON in yuan")
    func moneyUnitOption() throws {
        let table = try SampleRegistry.run(["transfers", "--money-unit", "wan"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("total value (10k yuan)"))
        let json = try SampleRegistry.run(["transfers", "--money-unit", "wan", "--format", "json"])
        #expect(!json.stdout.contains("10k yuan"))
        let bad = try SampleRegistry.run(["transfers", "--money-unit", "euro"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--money-unit 'euro' is not one of yuan, wan, yi"))
    }
}
