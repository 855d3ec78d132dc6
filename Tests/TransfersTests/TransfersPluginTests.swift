import Foundation
import Testing
import Core
import RegistryTesting
import Transfers

/// Builds a registry from inline records and runs `transfers` on it.
struct Fixture {
    let store: any Registry

    init() throws { store = try Backend.current.makeRegistry() }

    static func uscc(_ region: String, _ n: Int) -> String {
        InlineRegistry.uscc(region: region, serial: n)
    }

    func load(id: String, issued: String = "2024-12-31", _ records: String) throws {
        try InlineRegistry.load(records, id: id, issued: issued, into: store)
    }

    func report(_ asOf: String = "2024-12-31", _ params: [String: String] = [:]) throws -> Report {
        try TransfersPlugin().run(PluginRequest(asOf: Day(asOf)!, parameters: params), registry: store)
    }

    func rows(_ asOf: String = "2024-12-31", _ params: [String: String] = [:]) throws -> [[Report.Value]] {
        try report(asOf, params).rows
    }

    /// Column `name` of every row, by code.
    func column(_ name: String, _ params: [String: String] = [:], asOf: String = "2024-12-31") throws -> [String: Report.Value] {
        let r = try report(asOf, params)
        let i = try #require(r.columns.firstIndex { $0.name == name })
        let code = try #require(r.columns.firstIndex { $0.name == "code" })
        var out: [String: Report.Value] = [:]
        for row in r.rows { if case .text(let c) = row[code] { out[c] = row[i] } }
        return out
    }
}

@Suite("transfers: counts, values, recipients and channel shares over a period")
struct TransfersPluginTests {
    /// Parks a (株洲, 430211) and b (长沙, 430104), c (深圳, 440305); firm i lives in park a for i ≤ 4,
    /// b for 5…7, c for 8, and outside every park (430211) for 9.
    func base() throws -> Fixture {
        let f = try Fixture()
        var recs = """
            <park id="a" name="甲高新技术产业开发区" short-name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
            <park id="b" name="乙园区" region="430104" level="national" kind="high-tech-zone"/>
            <park id="c" name="丙园区" region="440305" level="national" kind="high-tech-zone"/>
            """
        for i in 1...9 {
            let (region, park) = Self.place(i)
            recs += "\n<firm uscc=\"\(Fixture.uscc(region, i))\" name=\"企业\(i)\" region=\"\(region)\"\(park.map { " park=\"\($0)\"" } ?? "")/>"
        }
        try f.load(id: "roster", issued: "2019-01-01", recs)
        return f
    }

    static func place(_ i: Int) -> (String, String?) {
        i <= 4 ? ("430211", "a") : i <= 7 ? ("430104", "b") : i == 8 ? ("440305", "c") : ("430211", nil)
    }

    /// A transfer to firm `firm`.
    func t(_ id: String, firm: Int, signed: String, value: String? = nil, channel: String? = nil,
           source: String = "湖南大学", kind: String = "university", mode: String = "transfer") -> String {
        let region = Self.place(firm).0
        return "<transfer id=\"\(id)\" title=\"成果\(id)\" source=\"\(source)\" source-kind=\"\(kind)\" recipient=\"\(Fixture.uscc(region, firm))\" mode=\"\(mode)\""
            + (channel.map { " channel=\"\($0)\"" } ?? "") + (value.map { " value=\"\($0)\"" } ?? "") + " signed=\"\(signed)\"/>"
    }

    @Test("the default period is the five years to the as-of date, both ends included", arguments: Backend.testable)
    func defaultWindow(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "t", [
                t("before", firm: 1, signed: "2019-12-31", value: "1"),
                t("first", firm: 1, signed: "2020-01-01", value: "10"),
                t("last", firm: 2, signed: "2024-12-31", value: "20"),
                t("after", firm: 3, signed: "2025-01-01", value: "40"),
            ].joined(separator: "\n"))
            #expect(try f.column("transfers") == ["a": .integer(2)])
            #expect(try f.column("total_value") == ["a": .number(30)])
            #expect(try f.report().notes[0].hasPrefix("2 transfers signed 2020-01-01 to 2024-12-31"))
        }
    }

    @Test("--from and --to are inclusive: signed on either day counts, the day before --from and after --to do not", arguments: Backend.testable)
    func explicitWindow(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "t", [
                t("d0", firm: 1, signed: "2021-02-28", value: "1"),
                t("d1", firm: 1, signed: "2021-03-01", value: "10"),
                t("d2", firm: 1, signed: "2021-03-15", value: "100"),
                t("d3", firm: 1, signed: "2021-03-31", value: "1000"),
                t("d4", firm: 1, signed: "2021-04-01", value: "10000"),
            ].joined(separator: "\n"))
            let p = ["from": "2021-03-01", "to": "2021-03-31"]
            #expect(try f.column("transfers", p) == ["a": .integer(3)])
            #expect(try f.column("total_value", p) == ["a": .number(1110)])
            #expect(try f.column("transfers", ["from": "2021-03-01", "to": "2021-03-01"]) == ["a": .integer(1)])
            #expect(try f.column("transfers", ["from": "2021-03-02", "to": "2021-03-14"]) == [:])
        }
    }

    @Test("a transfer without a value counts in transfers, not in total or median; odd and even medians", arguments: Backend.testable)
    func valuesAndMedian(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "t", [
                // Park a: values 100, 300, 200 and one without → total 600, median of (100, 200, 300) = 200.
                t("a1", firm: 1, signed: "2021-01-01", value: "100", channel: "local"),
                t("a2", firm: 2, signed: "2021-01-02", value: "300", channel: "local"),
                t("a3", firm: 3, signed: "2021-01-03", value: "200", channel: "enclave"),
                t("a4", firm: 3, signed: "2021-01-04"),
                // Park b: values 100.01 and 250 → total 350.01, median (100.01 + 250) / 2 = 175.005.
                t("b1", firm: 5, signed: "2022-01-01", value: "100.01", channel: "enclave"),
                t("b2", firm: 5, signed: "2022-01-02", value: "250", channel: "other"),
                // Park c: no value at all → total and median unknown.
                t("c1", firm: 8, signed: "2022-01-01"),
            ].joined(separator: "\n"))
            #expect(try f.rows() == [
                [.integer(1), .text("a"), .text("甲园区"), .integer(4), .number(600), .number(200), .integer(1), .integer(3), .number(0.5), .number(0.25)],
                [.integer(2), .text("b"), .text("乙园区"), .integer(2), .number(350.01), .number(175.005), .integer(0), .integer(1), .number(0), .number(0.5)],
                [.integer(3), .text("c"), .text("丙园区"), .integer(1), .null, .null, .integer(1), .integer(1), .number(0), .number(0)],
            ])
            let notes = try f.report().notes
            #expect(notes.contains("5 state a value, totalling ¥950.01; 2 state none and are counted in transfers but left out of total and median value (a group with no value at all shows none)."))
            #expect(notes[0] == "7 transfers signed 2020-01-01 to 2024-12-31 (both days included), to 5 distinct firms.")
        }
    }

    @Test("median of an even count is the mean of the two middle values, of an odd count the middle one", arguments: Backend.testable)
    func medians(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            // Values 7, 1, 4, 10 (sorted 1 4 7 10): median (4 + 7) / 2 = 5.5; adding 100 makes it 7.
            try f.load(id: "t", [
                t("m1", firm: 1, signed: "2021-01-01", value: "7"),
                t("m2", firm: 1, signed: "2021-01-02", value: "1"),
                t("m3", firm: 1, signed: "2021-01-03", value: "4"),
                t("m4", firm: 1, signed: "2021-01-04", value: "10"),
                t("m5", firm: 1, signed: "2023-01-01", value: "100"),
            ].joined(separator: "\n"))
            #expect(try f.column("median_value", ["to": "2022-12-31"]) == ["a": .number(5.5)])
            #expect(try f.column("median_value") == ["a": .number(7)])
            #expect(try f.column("median_value", ["from": "2023-01-01"]) == ["a": .number(100)])
        }
    }

    @Test("local and enclave shares are fractions of all the group's transfers", arguments: Backend.testable)
    func shares(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            // 3 transfers to park a: local, enclave, other (the default channel) → 1/3 and 1/3.
            try f.load(id: "t", [
                t("s1", firm: 1, signed: "2021-01-01", value: "1", channel: "local"),
                t("s2", firm: 2, signed: "2021-01-01", channel: "enclave"),
                t("s3", firm: 3, signed: "2021-01-01", value: "1"),
            ].joined(separator: "\n"))
            #expect(try f.column("local_share") == ["a": .number(1.0 / 3.0)])
            #expect(try f.column("enclave_share") == ["a": .number(1.0 / 3.0)])
            #expect(try f.column("transfers", ["by": "channel"]) == ["local": .integer(1), "enclave": .integer(1), "other": .integer(1)])
            #expect(try f.column("local_share", ["by": "channel"]) == ["local": .number(1), "enclave": .number(0), "other": .number(0)])
        }
    }

    @Test("groups by place: sorted by count descending, then code; ties share a rank; firms outside every park noted", arguments: Backend.testable)
    func byPlace(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "t", [
                t("1", firm: 1, signed: "2021-01-01", value: "1"),
                t("2", firm: 5, signed: "2021-01-01", value: "1"),
                t("3", firm: 8, signed: "2021-01-01", value: "1"),
                t("4", firm: 8, signed: "2021-01-02", value: "1"),
                t("5", firm: 9, signed: "2021-01-02", value: "1"),
            ].joined(separator: "\n"))
            let park = try f.rows().map { Array($0.prefix(4)) }
            #expect(park == [
                [.integer(1), .text("c"), .text("丙园区"), .integer(2)],
                [.integer(2), .text("a"), .text("甲园区"), .integer(1)],
                [.integer(2), .text("b"), .text("乙园区"), .integer(1)],
            ])
            #expect(try f.report().notes.contains("1 transfer (to 1 firm) goes to firms outside every park and is not listed."))
            #expect(try f.rows("2024-12-31", ["by": "prefecture"]).map { Array($0.prefix(4)) } == [
                [.integer(1), .text("4302"), .text("株洲市"), .integer(2)],
                [.integer(1), .text("4403"), .text("深圳市"), .integer(2)],
                [.integer(3), .text("4301"), .text("长沙市"), .integer(1)],
            ])
            #expect(try f.rows("2024-12-31", ["by": "province"]).map { Array($0.prefix(4)) } == [
                [.integer(1), .text("43"), .text("湖南省"), .integer(3)],
                [.integer(2), .text("44"), .text("广东省"), .integer(2)],
            ])
            #expect(try f.column("transfers", ["by": "province", "within": "4301"]) == ["43": .integer(1)])
            #expect(try f.column("transfers", ["by": "year", "within": "a"]) == ["2021": .integer(1)])
            #expect(try f.column("transfers", ["top": "1"]) == ["c": .integer(2)])
            #expect(try f.column("transfers", ["top": "2"]).count == 3, "ties at the cut are kept")
        }
    }

    @Test("groups by source, source kind, mode, channel and year, with Chinese labels beside the values", arguments: Backend.testable)
    func byField(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "t", [
                t("1", firm: 1, signed: "2020-05-01", value: "10", channel: "local", source: "湖南大学", kind: "university", mode: "license"),
                t("2", firm: 2, signed: "2021-05-01", value: "20", channel: "enclave", source: "中南大学", kind: "高校", mode: "转让"),
                t("3", firm: 2, signed: "2021-06-01", value: "30", source: "湖南大学", kind: "institute", mode: "license"),
            ].joined(separator: "\n"))
            #expect(try f.rows("2024-12-31", ["by": "source"]).map { Array($0.prefix(5)) } == [
                [.integer(1), .text("湖南大学"), .text("湖南大学"), .integer(2), .number(40)],
                [.integer(2), .text("中南大学"), .text("中南大学"), .integer(1), .number(20)],
            ])
            #expect(try f.rows("2024-12-31", ["by": "source-kind"]).map { Array($0.prefix(4)) } == [
                [.integer(1), .text("university"), .text("高校"), .integer(2)],
                [.integer(2), .text("institute"), .text("科研院所"), .integer(1)],
            ])
            #expect(try f.rows("2024-12-31", ["by": "mode"]).map { Array($0.prefix(4)) } == [
                [.integer(1), .text("license"), .text("许可"), .integer(2)],
                [.integer(2), .text("transfer"), .text("转让"), .integer(1)],
            ])
            #expect(try f.rows("2024-12-31", ["by": "channel"]).map { Array($0.prefix(3)) } == [
                [.integer(1), .text("enclave"), .text("飞地孵化")],
                [.integer(1), .text("local"), .text("就地转化")],
                [.integer(1), .text("other"), .text("其他")],
            ])
            #expect(try f.rows("2024-12-31", ["by": "year"]).map { Array($0.prefix(8)) } == [
                [.integer(1), .text("2021"), .text("2021"), .integer(2), .number(50), .number(25), .integer(0), .integer(1)],
                [.integer(2), .text("2020"), .text("2020"), .integer(1), .number(10), .number(10), .integer(0), .integer(1)],
            ])
        }
    }

    @Test("a transfer counts where its recipient is now: the firm's current record", arguments: Backend.testable)
    func currentPlacement(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "t", issued: "2021-01-01", t("1", firm: 1, signed: "2020-06-01", value: "5"))
            #expect(try f.column("transfers") == ["a": .integer(1)])
            try f.load(id: "move", issued: "2023-01-01", #"<firm uscc="\#(Fixture.uscc("430211", 1))" name="企业1" region="430211" park="b"/>"#)
            #expect(try f.column("transfers") == ["b": .integer(1)])
            #expect(try f.report().filings == ["move", "t"], "the transfer's filing and the firm record that placed it")
        }
    }

    @Test("distinct recipients count each firm once per group", arguments: Backend.testable)
    func recipients(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "t", [
                t("1", firm: 1, signed: "2021-01-01"), t("2", firm: 1, signed: "2021-02-01"),
                t("3", firm: 2, signed: "2021-03-01"), t("4", firm: 5, signed: "2021-03-01"),
            ].joined(separator: "\n"))
            #expect(try f.column("recipients") == ["a": .integer(2), "b": .integer(1)])
            #expect(try f.column("recipients", ["by": "source"]) == ["湖南大学": .integer(3)])
        }
    }

    @Test("bad parameters are refused", arguments: Backend.testable)
    func badParameters(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            #expect(throws: AnalysisError.self) { try f.report("2024-12-31", ["from": "2024-01-02", "to": "2024-01-01"]) }
            #expect(throws: AnalysisError.self) { try f.report("2024-12-31", ["by": "county"]) }
            #expect(throws: AnalysisError.self) { try f.report("2024-12-31", ["from": "2024-02-30"]) }
            #expect(throws: AnalysisError.self) { try f.report("2024-12-31", ["top": "0"]) }
        }
    }
}

@Suite("transfers --stack: counts per mode or channel, and the chart hint")
struct TransfersStackTests {
    @Test("--stack channel adds channel_local, channel_enclave, channel_other that add up to transfers; the chart stacks them", arguments: Backend.testable)
    func stackChannel(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let base = try TransfersPluginTests().base()
            let t = TransfersPluginTests()
            try base.load(id: "t", [
                t.t("1", firm: 1, signed: "2022-01-01", channel: "local"),
                t.t("2", firm: 2, signed: "2022-02-01", channel: "local"),
                t.t("3", firm: 3, signed: "2023-01-01", channel: "enclave"),
                t.t("4", firm: 5, signed: "2023-01-01"),
            ].joined(separator: "\n"))
            let r = try base.report("2024-12-31", ["by": "year", "stack": "channel"])
            #expect(r.columns.suffix(3).map(\.name) == ["channel_local", "channel_enclave", "channel_other"])
            #expect(r.columns.suffix(3).map(\.title) == ["local", "enclave", "other"])
            #expect(try base.column("channel_local", ["by": "year", "stack": "channel"]) == ["2022": .integer(2), "2023": .integer(0)])
            #expect(try base.column("channel_enclave", ["by": "year", "stack": "channel"]) == ["2022": .integer(0), "2023": .integer(1)])
            #expect(try base.column("channel_other", ["by": "year", "stack": "channel"]) == ["2022": .integer(0), "2023": .integer(1)])
            #expect(r.chart == Report.Chart(.stackedBar, category: "name", values: ["channel_local", "channel_enclave", "channel_other"],
                                            valueLabel: "transfers", categoryLabel: "year"))
        }
    }

    @Test("--stack mode adds one column per mode; without --stack the columns are unchanged and the chart is a bar of transfers", arguments: Backend.testable)
    func stackMode(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let base = try TransfersPluginTests().base()
            let t = TransfersPluginTests()
            try base.load(id: "t", [
                t.t("1", firm: 1, signed: "2022-01-01", mode: "license"),
                t.t("2", firm: 2, signed: "2022-02-01", mode: "license"),
                t.t("3", firm: 5, signed: "2023-01-01", mode: "equity"),
            ].joined(separator: "\n"))
            let r = try base.report("2024-12-31", ["stack": "mode"])
            #expect(r.columns.count == 10 + TransferMode.allCases.count)
            #expect(try base.column("mode_license", ["stack": "mode"]) == ["a": .integer(2), "b": .integer(0)])
            #expect(try base.column("mode_equity", ["stack": "mode"]) == ["a": .integer(0), "b": .integer(1)])
            let plain = try base.report()
            #expect(plain.columns.count == 10)
            #expect(plain.chart?.kind == .bar)
            #expect(plain.chart?.values == ["transfers"])
            #expect(throws: AnalysisError.self) { try base.report("2024-12-31", ["stack": "source"]) }
        }
    }
}
