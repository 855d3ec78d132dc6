import Foundation
import Testing
import Core
import RegistryTesting
import Growth

/// Floating-point results are compared with this tolerance; integer counts and sums exactly.
let tolerance = 1e-9

/// Builds an in-memory registry from inline records and runs `growth` on it.
struct GrowthFixture {
    let store: any Registry

    init() throws { store = try Backend.current.makeRegistry() }

    static func uscc(_ region: String, _ n: Int) -> String {
        InlineRegistry.uscc(region: region, serial: n)
    }

    /// Firm n: in park a (430211) for n < 50, else park b (430104).
    static func firm(_ n: Int) -> String { uscc(n < 50 ? "430211" : "430104", n) }

    func load(id: String, issued: String = "2024-12-31", _ records: String) throws {
        try InlineRegistry.load(records, id: id, issued: issued, into: store)
    }

    /// Parks a and b and the firms `numbers`, with founding dates where given.
    func roster(_ numbers: [Int], founded: [Int: String] = [:]) throws {
        var recs = """
            <park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
            <park id="b" name="乙园区" region="430104" level="national" kind="high-tech-zone"/>
            """
        for n in numbers {
            let (region, park) = n < 50 ? ("430211", "a") : ("430104", "b")
            let f = founded[n].map { " founded=\"\($0)\"" } ?? ""
            recs += "\n<firm uscc=\"\(GrowthFixture.firm(n))\" name=\"企业\(n)\" region=\"\(region)\" park=\"\(park)\"\(f)/>"
        }
        try load(id: "roster", issued: "2010-01-01", recs)
    }

    /// An annual report of firm n.
    static func ar(_ n: Int, _ year: Int, _ fields: String) -> String {
        "<annual-report uscc=\"\(firm(n))\" year=\"\(year)\" \(fields)/>"
    }

    func run(_ asOf: String = "2024-12-31", _ params: [String: String] = [:]) throws -> Report {
        try GrowthPlugin().run(PluginRequest(asOf: Day(asOf)!, parameters: params), registry: store)
    }
}

/// A report's rows as dictionaries by column name.
func table(_ r: Report) -> [[String: Report.Value]] {
    r.rows.map { Dictionary(uniqueKeysWithValues: zip(r.columns.map(\.name), $0)) }
}

/// The number in a cell (integer or number), nil for null or text.
func num(_ v: Report.Value?) -> Double? {
    switch v {
    case .integer(let i): Double(i)
    case .number(let d): d
    default: nil
    }
}

func close(_ v: Report.Value?, _ expected: Double) -> Bool {
    guard let x = num(v) else { return false }
    return abs(x - expected) <= tolerance * max(1, abs(expected))
}

@Suite("growth: arithmetic by hand")
struct GrowthMathTests {
    @Test("CAGR: defined for a positive start, null for a start of zero or below")
    func cagr() throws {
        #expect(GrowthMath.cagr(start: 100, end: 125, years: 1) == 0.25)
        #expect(abs(try #require(GrowthMath.cagr(start: 16, end: 81, years: 4)) - 0.5) < tolerance, "(81/16)^(1/4) = 3/2")
        #expect(GrowthMath.cagr(start: 100, end: 0, years: 2) == -1)
        #expect(GrowthMath.cagr(start: 0, end: 50, years: 1) == nil)
        #expect(GrowthMath.cagr(start: -5, end: 50, years: 1) == nil)
        #expect(GrowthMath.cagr(start: 5, end: -1, years: 1) == nil)
    }

    @Test("Birch index (E_t − E_0)·(E_t/E_0)")
    func birch() {
        #expect(abs(GrowthMath.birch(start: 1000, end: 1331)! - 331 * 1.331) < tolerance)
        #expect(GrowthMath.birch(start: 10, end: 14)! == 4 * 1.4)
        #expect(GrowthMath.birch(start: 200, end: 100) == -50)
        #expect(GrowthMath.birch(start: 0, end: 100) == nil)
    }

    @Test("threshold decided exactly: 10% a year qualifies, just below does not; strict needs more")
    func thresholds() {
        #expect(GrowthMath.meets(start: 1000, end: 1331, years: 3, percent: 10, strict: false), "1.1³ = 1.331")
        #expect(!GrowthMath.meets(start: 1000, end: 1330, years: 3, percent: 10, strict: false))
        #expect(!GrowthMath.meets(start: 1000, end: 1331, years: 3, percent: 10, strict: true))
        #expect(GrowthMath.meets(start: 1000, end: 1728, years: 3, percent: 20, strict: false), "1.2³ = 1.728")
        #expect(!GrowthMath.meets(start: 1000, end: 1728, years: 3, percent: 20, strict: true))
        #expect(GrowthMath.meets(start: 1000, end: 1729, years: 3, percent: 20, strict: true))
        #expect(!GrowthMath.meets(start: 0, end: 1000, years: 3, percent: 0, strict: false), "no growth rate from zero")
        // 10^18 → 11^18 over 18 years is exactly 10% a year; the products pass 2^64 many times over.
        var p: Int64 = 1
        for _ in 0..<18 { p *= 11 }
        #expect(GrowthMath.meets(start: 1_000_000_000_000_000_000, end: p, years: 18, percent: 10, strict: false))
        #expect(!GrowthMath.meets(start: 1_000_000_000_000_000_000, end: p - 1, years: 18, percent: 10, strict: false))
    }

    @Test("median: middle of an odd count, mean of the two middle values of an even count")
    func median() {
        #expect(GrowthMath.median([3, 1, 2]) == 2)
        #expect(GrowthMath.median([4, 1, 3, 2]) == 2.5)
        #expect(GrowthMath.median([7]) == 7)
        #expect(GrowthMath.median([]) == nil)
    }

    @Test("fractional years are days ÷ 365.25")
    func years() {
        #expect(GrowthMath.years(from: Day("2015-01-01")!, to: Day("2019-01-01")!) == 1461 / 365.25)
        #expect(GrowthMath.years(from: Day("2015-01-01")!, to: Day("2019-01-01")!) == 4)
        #expect(GrowthMath.years(from: Day("2020-01-01")!, to: Day("2021-01-01")!) == 366 / 365.25)
        #expect(GrowthMath.years(from: Day("2024-02-28")!, to: Day("2024-03-01")!) == 2 / 365.25)
    }
}

@Suite("growth --view metric")
struct MetricViewTests {
    /// Park a: firms 1, 2 report revenue in 2023 and 2024, firm 3 only in 2024.
    /// Park b: firm 51 starts from zero revenue; firm 52 states revenue in 2024 only.
    func fixture() throws -> GrowthFixture {
        let f = try GrowthFixture()
        try f.roster([1, 2, 3, 51, 52])
        try f.load(id: "ar", [
            GrowthFixture.ar(1, 2022, #"revenue="800000""#),
            GrowthFixture.ar(1, 2023, #"revenue="1000000" employees="16""#),
            GrowthFixture.ar(1, 2024, #"revenue="1250000" employees="81""#),
            GrowthFixture.ar(2, 2023, #"revenue="400000""#),
            GrowthFixture.ar(2, 2024, #"revenue="600000""#),
            GrowthFixture.ar(3, 2024, #"revenue="999""#),
            GrowthFixture.ar(51, 2023, #"revenue="0""#),
            GrowthFixture.ar(51, 2024, #"revenue="500.5""#),
            GrowthFixture.ar(52, 2023, #"employees="12""#),
            GrowthFixture.ar(52, 2024, #"revenue="100""#),
        ].joined(separator: "\n"))
        return f
    }

    @Test("unit sums over firms reporting both years; the one-year firms are counted apart; CAGR null from zero", arguments: Backend.testable)
    func byPark(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try fixture().run()
            #expect(r.title.contains("2023–2024"), "default: the latest report year and the year before")
            let rows = table(r)
            #expect(rows.map { $0["code"] } == [.text("a"), .text("b")], "ordered by change")
            let a = rows[0], b = rows[1]
            #expect(a["name"] == .text("甲园区"))
            #expect(a["firms"] == .integer(2))
            #expect(a["one_year_only"] == .integer(1))
            #expect(a["start"] == .number(1_400_000))
            #expect(a["end"] == .number(1_850_000))
            #expect(a["change"] == .number(450_000))
            #expect(close(a["cagr"], 1_850_000.0 / 1_400_000.0 - 1))
            #expect(b["firms"] == .integer(1))
            #expect(b["one_year_only"] == .integer(1), "firm 52 states no revenue for 2023")
            #expect(b["start"] == .number(0))
            #expect(b["end"] == .number(500.5))
            #expect(b["change"] == .number(500.5))
            #expect(b["cagr"] == .null)
            #expect(r.notes.contains { $0.contains("CAGR is undefined") && $0.contains("1 row ") })
            #expect(r.notes.contains { $0.hasPrefix("3 firms") }, "firms 1, 2, 51 reported both years")
            #expect(r.notes.contains { $0.hasPrefix("2 firms reported it for only one") })
            #expect(r.columns.first { $0.name == "start" }?.type == .money)
            #expect(r.filings == ["ar"])
        }
    }

    @Test("per firm: one row per firm reporting both years", arguments: Backend.testable)
    func byFirm(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let rows = table(try fixture().run("2024-12-31", ["by": "firm"]))
            #expect(rows.map { $0["code"] } == [.text(GrowthFixture.firm(1)), .text(GrowthFixture.firm(2)), .text(GrowthFixture.firm(51))])
            #expect(rows[0]["cagr"] == .number(0.25), "1250000 / 1000000 − 1")
            #expect(rows[1]["cagr"] == .number(0.5), "600000 / 400000 − 1")
            #expect(rows[2]["cagr"] == .null)
            #expect(rows[0]["park"] == .text("a"))
            #expect(rows[0]["name"] == .text("企业1"))
        }
    }

    @Test("the default end year is the latest report year not after the as-of year", arguments: Backend.testable)
    func defaultYears(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try fixture().run("2023-12-31", ["by": "firm"])
            #expect(r.title.contains("2022–2023"))
            let rows = table(r)
            #expect(rows.count == 1)
            #expect(rows[0]["start"] == .number(800_000))
            #expect(rows[0]["cagr"] == .number(0.25))
        }
    }

    @Test("several years: CAGR (end/start)^(1/years) − 1; integer metrics stay integers; --period is --to minus --from", arguments: Backend.testable)
    func multiYear(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try fixture()
            let explicit = try f.run("2024-12-31", ["by": "firm", "metric": "employees", "from": "2023", "to": "2024"])
            let period = try f.run("2024-12-31", ["by": "firm", "metric": "employees", "period": "1"])
            #expect(explicit.rows == period.rows)
            let rows = table(explicit)
            #expect(rows.count == 1, "firm 52 states employees for 2023 only")
            #expect(rows[0]["start"] == .integer(16))
            #expect(rows[0]["end"] == .integer(81))
            #expect(rows[0]["change"] == .integer(65))
            #expect(rows[0]["cagr"] == .number(81.0 / 16 - 1))

            try f.load(id: "ar2", [GrowthFixture.ar(1, 2020, #"employees="16""#), GrowthFixture.ar(1, 2021, #"employees="20""#)].joined(separator: "\n"))
            let four = table(try f.run("2024-12-31", ["by": "firm", "metric": "employees", "from": "2020"]))
            #expect(four.count == 1)
            #expect(close(four[0]["cagr"], 0.5), "(81/16)^(1/4) − 1 = 3/2 − 1")
        }
    }

    @Test("--by all within a park: one row for the scope, named after it", arguments: Backend.testable)
    func all(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let rows = table(try fixture().run("2024-12-31", ["by": "all", "within": "a"]))
            #expect(rows.count == 1)
            #expect(rows[0]["code"] == .text("a"))
            #expect(rows[0]["name"] == .text("甲园区"))
            #expect(rows[0]["firms"] == .integer(2))
            #expect(rows[0]["change"] == .number(450_000))
            let everything = table(try fixture().run("2024-12-31", ["by": "all"]))
            #expect(everything[0]["code"] == .text("all"))
            #expect(everything[0]["firms"] == .integer(3))
            #expect(everything[0]["one_year_only"] == .integer(2))
            #expect(everything[0]["start"] == .number(1_400_000))
            #expect(everything[0]["end"] == .number(1_850_500.5))
        }
    }

    @Test("--top keeps the first rows and says how many were cut", arguments: Backend.testable)
    func top(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try fixture().run("2024-12-31", ["by": "firm", "top": "2"])
            #expect(r.rows.count == 2)
            #expect(r.notes.contains { $0.hasPrefix("1 further row is not shown") })
        }
    }

    @Test("years and parameters that do not fit are refused", arguments: Backend.testable)
    func badParameters(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try fixture()
            #expect(throws: AnalysisError.self) { try f.run("2024-12-31", ["from": "2024", "to": "2024"]) }
            #expect(throws: AnalysisError.self) { try f.run("2024-12-31", ["from": "2021", "period": "2", "to": "2024"]) }
            #expect(throws: AnalysisError.self) { try f.run("2024-12-31", ["to": "2025"]) }
            #expect(throws: AnalysisError.self) { try f.run("2024-12-31", ["threshold": "20"]) }
            #expect(throws: AnalysisError.self) { try f.run("2024-12-31", ["view": "pipeline", "by": "firm"]) }
            #expect(throws: AnalysisError.self) { try f.run("2024-12-31", ["view": "pipeline", "from": "2020"]) }
            #expect(throws: AnalysisError.self) { try f.run("2024-12-31", ["metric": "profit"]) }
            #expect(throws: AnalysisError.self) { try f.run("2024-12-31", ["top": "0"]) }
        }
    }

    @Test("no report up to the as-of year: an empty answer that says so", arguments: Backend.testable)
    func empty(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try fixture().run("2019-12-31")
            #expect(r.rows.isEmpty)
            #expect(r.notes.contains { $0.contains("No annual report") })
        }
    }
}

@Suite("growth --view high-growth")
struct HighGrowthViewTests {
    /// Employees 2021 → 2024. Park a: 1 exactly 10% a year (1000 → 1331), 2 just below (1000 → 1330),
    /// 3 exactly 10 employees at the start, 4 nine at the start. Park b: 51 founded 2019-12-31
    /// (five calendar years before 2024: a gazelle), 52 founded 2018-01-01 (six: not), 53 no founding
    /// date, 54 reports 2021 only.
    func fixture() throws -> GrowthFixture {
        let f = try GrowthFixture()
        try f.roster([1, 2, 3, 4, 51, 52, 53, 54], founded: [1: "2000-05-01", 2: "2000-05-01", 3: "2020-01-01", 4: "2020-01-01", 51: "2019-12-31", 52: "2018-01-01"])
        func pair(_ n: Int, _ a: Int, _ b: Int, _ extra: (String, String) = ("", "")) -> String {
            GrowthFixture.ar(n, 2021, "employees=\"\(a)\" \(extra.0)") + "\n" + GrowthFixture.ar(n, 2024, "employees=\"\(b)\" \(extra.1)")
        }
        try f.load(id: "ar", [
            pair(1, 1000, 1331, (#"revenue="100""#, #"revenue="133.1""#)),
            pair(2, 1000, 1330, (#"revenue="1000""#, #"revenue="1728""#)),
            pair(3, 10, 14, (#"revenue="1000""#, #"revenue="1729""#)),
            pair(4, 9, 14),
            pair(51, 100, 200),
            pair(52, 100, 200),
            pair(53, 100, 200),
            GrowthFixture.ar(54, 2021, #"employees="100""#),
            GrowthFixture.ar(53, 2023, #"employees="150""#),
        ].joined(separator: "\n"))
        return f
    }

    @Test("per unit: firms measured, high-growth enterprises and gazelles with their shares", arguments: Backend.testable)
    func byPark(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try fixture().run("2024-12-31", ["view": "high-growth"])
            #expect(r.title.contains("2021–2024"), "default: the latest report year and three years before")
            let rows = table(r)
            #expect(rows.map { $0["code"] } == [.text("b"), .text("a")], "ordered by high-growth enterprises")
            let b = rows[0], a = rows[1]
            #expect(a["firms"] == .integer(3), "firms 1, 2, 3; firm 4 had 9 employees")
            #expect(a["high_growth"] == .integer(2), "firm 1 at exactly 10%, firm 3 from exactly 10 employees")
            #expect(close(a["high_growth_share"], 2.0 / 3))
            #expect(a["gazelles"] == .integer(1), "firm 3, founded 2020, four years before 2024")
            #expect(close(a["gazelle_share"], 1.0 / 3))
            #expect(b["firms"] == .integer(3), "firm 54 reports one year only")
            #expect(b["high_growth"] == .integer(3))
            #expect(b["gazelles"] == .integer(1), "51 founded 2019: five years before 2024")
            #expect(close(b["gazelle_share"], 1.0 / 3))
            #expect(r.notes.contains { $0.contains("1 high-growth enterprise has no founding date") })
            #expect(r.notes.contains { $0.hasPrefix("1 firm had fewer than 10 employees") })
            #expect(r.notes.contains { $0.hasPrefix("1 firm reported employees for only one") })
        }
    }

    @Test("per firm: the high-growth enterprises with growth rate, Birch index, age and gazelle flag", arguments: Backend.testable)
    func byFirm(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let rows = table(try fixture().run("2024-12-31", ["view": "high-growth", "by": "firm"]))
            let byCode = Dictionary(uniqueKeysWithValues: rows.map { ($0["code"]!, $0) })
            #expect(Set(byCode.keys) == Set([1, 3, 51, 52, 53].map { Report.Value.text(GrowthFixture.firm($0)) }),
                    "firm 2 (1330, just below 10%) and firm 4 (9 employees at the start) are not high-growth")
            let one = try #require(byCode[.text(GrowthFixture.firm(1))])
            #expect(close(one["growth"], 0.1))
            #expect(close(one["birch"], 331 * 1.331), "(1331 − 1000)·(1331/1000) = 440.561")
            #expect(one["gazelle"] == .text("no"))
            #expect(one["age"] == .integer(24))
            let three = try #require(byCode[.text(GrowthFixture.firm(3))])
            #expect(close(three["growth"], pow(1.4, 1.0 / 3) - 1))
            #expect(close(three["birch"], 5.6))
            #expect(three["gazelle"] == .text("yes"), "founded 2020, four years before 2024")
            #expect(byCode[.text(GrowthFixture.firm(51))]?["gazelle"] == .text("yes"))
            #expect(byCode[.text(GrowthFixture.firm(51))]?["age"] == .integer(5))
            #expect(byCode[.text(GrowthFixture.firm(51))]?["founded"] == .text("2019-12-31"))
            #expect(byCode[.text(GrowthFixture.firm(52))]?["gazelle"] == .text("no"), "founded 2018: six years")
            #expect(byCode[.text(GrowthFixture.firm(53))]?["gazelle"] == .null)
            #expect(close(byCode[.text(GrowthFixture.firm(51))]?["birch"], 200), "(200 − 100)·2")
            // Fastest first: 51, 52, 53 (2^(1/3) − 1 ≈ 26% a year; ties by code), then 3 (1.4^(1/3) − 1 ≈ 11.9%), then 1 (10%).
            #expect(rows.map { $0["code"] } == [51, 52, 53, 3, 1].map { Report.Value.text(GrowthFixture.firm($0)) })
        }
    }

    @Test("threshold 20: exactly 20% qualifies unless --strict; revenue measured with employees as the size", arguments: Backend.testable)
    func revenueAndStrict(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try fixture()
            func hges(_ extra: [String: String]) throws -> Set<Report.Value> {
                Set(table(try f.run("2024-12-31", ["view": "high-growth", "by": "firm", "metric": "revenue"].merging(extra) { $1 })).compactMap { $0["code"] })
            }
            // Firm 1: 100 → 133.1 yuan, exactly 10%; firm 2: 1000 → 1728, exactly 20%; firm 3: 1000 → 1729.
            #expect(try hges([:]) == Set([1, 2, 3].map { Report.Value.text(GrowthFixture.firm($0)) }))
            #expect(try hges(["threshold": "20"]) == Set([2, 3].map { Report.Value.text(GrowthFixture.firm($0)) }))
            #expect(try hges(["threshold": "20", "strict": "true"]) == Set([3].map { Report.Value.text(GrowthFixture.firm($0)) }))
            let rows = table(try f.run("2024-12-31", ["view": "high-growth", "by": "firm", "metric": "revenue", "threshold": "20"]))
            let two = try #require(rows.first { $0["code"] == .text(GrowthFixture.firm(2)) })
            #expect(two["employees_start"] == .integer(1000))
            #expect(two["start"] == .number(1000))
            #expect(two["end"] == .number(1728))
            #expect(close(two["birch"], 728 * 1.728))
        }
    }

    @Test("--min-size and --period change who is measured and over which years", arguments: Backend.testable)
    func options(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try fixture()
            let nine = table(try f.run("2024-12-31", ["view": "high-growth", "min-size": "9", "by": "all"]))
            #expect(nine[0]["firms"] == .integer(7), "firm 4 with nine employees now counts")
            #expect(nine[0]["high_growth"] == .integer(6), "9 → 14 is more than 10% a year")
            let one = table(try f.run("2024-12-31", ["view": "high-growth", "period": "1", "by": "firm"]))
            #expect(one.map { $0["code"] } == [.text(GrowthFixture.firm(53))], "only firm 53 reports 2023: 150 → 200")
            #expect(close(one[0]["growth"], 200.0 / 150 - 1))
        }
    }
}

@Suite("growth --view designations")
struct DesignationsViewTests {
    func d(_ n: Int, _ level: String, _ year: Int, _ extra: String = "") -> String {
        "<designation uscc=\"\(GrowthFixture.firm(n))\" program=\"little-giant\" level=\"\(level)\" year=\"\(year)\" \(extra)/>"
    }

    func fixture() throws -> GrowthFixture {
        let f = try GrowthFixture()
        try f.roster([1, 2, 3, 7, 51, 52, 53])
        try f.load(id: "lists", [
            d(1, "provincial", 2020), d(1, "national", 2022),
            d(2, "provincial", 2019), d(2, "provincial", 2022),
            d(3, "municipal", 2021),
            d(7, "provincial", 2024, #"valid-from="2025-01-01""#),
            d(51, "national", 2021),
            d(52, "provincial", 2023, #"status="revoked" revoked-on="2023-06-01""#),
            d(53, "provincial", 2025),
        ].joined(separator: "\n"))
        return f
    }

    @Test("a firm counts once, in the year of its first designation at the level or above; revoked since still new", arguments: Backend.testable)
    func provincialAndAbove(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try fixture().run("2024-12-31", ["view": "designations"])
            #expect(r.columns.map(\.name) == ["code", "name", "y2020", "y2021", "y2022", "y2023", "y2024", "total"])
            let rows = table(r)
            #expect(rows.map { $0["code"] } == [.text("b"), .text("a")])
            #expect(rows[0]["y2021"] == .integer(1), "51: national 2021 counts at provincial and above")
            #expect(rows[0]["y2023"] == .integer(1), "52: revoked in 2023, still new in 2023")
            #expect(rows[0]["total"] == .integer(2))
            #expect(rows[1]["y2020"] == .integer(1), "1: provincial 2020; its national 2022 is not new at this level")
            #expect(rows[1]["y2022"] == .integer(0), "2: first designated 2019, the 2022 renewal is not new")
            #expect(rows[1]["y2024"] == .integer(0), "7: valid from 2025, not designated by the as-of date")
            #expect(rows[1]["total"] == .integer(1))
            #expect(r.notes.contains { $0.hasPrefix("1 firm was first designated before 2020") })
        }
    }

    @Test("--level national, --exact, --level municipal and an explicit span", arguments: Backend.testable)
    func levelsAndSpan(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try fixture()
            let national = table(try f.run("2024-12-31", ["view": "designations", "level": "national"]))
            #expect(national.map { [$0["code"], $0["y2021"], $0["y2022"], $0["total"]] }
                    == [[.text("a"), .integer(0), .integer(1), .integer(1)], [.text("b"), .integer(1), .integer(0), .integer(1)]])
            let exact = table(try f.run("2024-12-31", ["view": "designations", "level": "provincial", "exact": "true"]))
            #expect(exact.map { [$0["code"], $0["y2020"], $0["y2023"], $0["total"]] }
                    == [[.text("a"), .integer(1), .integer(0), .integer(1)], [.text("b"), .integer(0), .integer(1), .integer(1)]])
            let municipal = table(try f.run("2024-12-31", ["view": "designations", "level": "municipal"]))
            #expect(municipal.first { $0["code"] == .text("a") }?["y2021"] == .integer(1), "3: municipal 2021")
            let early = try f.run("2024-12-31", ["view": "designations", "from": "2019", "to": "2020"])
            #expect(early.columns.map(\.name) == ["code", "name", "y2019", "y2020", "total"])
            #expect(table(early).map { [$0["code"], $0["y2019"], $0["y2020"]] } == [[.text("a"), .integer(1), .integer(1)]])
            let single = try f.run("2024-12-31", ["view": "designations", "period": "0", "to": "2023"])
            #expect(table(single).map { [$0["code"], $0["y2023"]] } == [[.text("b"), .integer(1)]])
        }
    }
}

@Suite("growth --view pipeline")
struct PipelineViewTests {
    func fixture() throws -> GrowthFixture {
        let f = try GrowthFixture()
        // Park a: 1 incubated 2018, graduated 2020, provincial 2021, national from 2023-07-01;
        // 2 never incubated, founded 2015, provincial 2019; 3 incubated, never designated;
        // 4 founded 2012, provincial 2020, incubated only afterwards (2022).
        // Park b: 51 founded 2016, provincial 2020 (revoked since); 52 founded 2012, provincial 2020.
        // A firm known only by name, in Hunan: provincial 2021, no date to count from.
        try f.roster([1, 2, 3, 4, 51, 52], founded: [1: "2010-01-01", 2: "2015-01-01", 4: "2012-01-01", 51: "2016-01-01", 52: "2012-01-01"])
        try f.load(id: "inc", """
            <incubator id="i1" name="孵化器一" kind="incubator" level="national" region="430211" park="a"/>
            <incubation uscc="\(GrowthFixture.firm(1))" incubator="i1" entered="2018-01-01" graduated="2020-01-01"/>
            <incubation uscc="\(GrowthFixture.firm(3))" incubator="i1" entered="2019-06-01"/>
            <incubation uscc="\(GrowthFixture.firm(4))" incubator="i1" entered="2022-01-01"/>
            """)
        func d(_ n: Int, _ level: String, _ year: Int, _ extra: String = "") -> String {
            "<designation uscc=\"\(GrowthFixture.firm(n))\" program=\"little-giant\" level=\"\(level)\" year=\"\(year)\" \(extra)/>"
        }
        try f.load(id: "lists", [
            d(1, "provincial", 2021), d(1, "national", 2023, #"valid-from="2023-07-01""#),
            d(2, "provincial", 2019), d(4, "provincial", 2020),
            d(51, "provincial", 2020, #"status="revoked" revoked-on="2022-01-01""#), d(52, "provincial", 2020),
            #"<designation firm="名单企业" region="湖南省" program="little-giant" level="provincial" year="2021"/>"#,
        ].joined(separator: "\n"))
        return f
    }

    /// 2018-01-01 → 2021-01-01: 365 + 365 + 366 days.
    let oneToProvincial = 1096 / 365.25
    /// 2018-01-01 → 2023-07-01: 1826 days to 2023-01-01, then 181.
    let oneToNational = 2007 / 365.25

    @Test("stages per park, and the median years (odd count in a, even in b)", arguments: Backend.testable)
    func byPark(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try fixture().run("2024-12-31", ["view": "pipeline"])
            let rows = table(r)
            #expect(rows.map { $0["code"] } == [.text("a"), .text("b")])
            let a = rows[0], b = rows[1]
            #expect(a["incubated"] == .integer(3))
            #expect(a["graduated"] == .integer(1))
            #expect(a["provincial"] == .integer(3))
            #expect(a["provincial_via_incubation"] == .integer(1), "4 entered after its designation")
            // Years: 1 → 1096/365.25 from entry; 2 → 4 from founding (1461 days); 4 → 8 from founding (2922 days).
            #expect(close(a["provincial_median_years"], 4))
            #expect(a["national"] == .integer(1))
            #expect(a["national_via_incubation"] == .integer(1))
            #expect(close(a["national_median_years"], oneToNational))
            #expect(b["incubated"] == .integer(0))
            #expect(b["provincial"] == .integer(2), "51 counts though revoked since")
            #expect(close(b["provincial_median_years"], (4 + 8) / 2), "even count: the mean of 4 and 8")
            #expect(b["national"] == .integer(0))
            #expect(b["national_median_years"] == .null)
            #expect(r.notes.contains { $0.hasPrefix("1 firm is not placed") }, "the firm known only by name")
            #expect(Set(r.filings) == ["inc", "lists", "roster"])
        }
    }

    @Test("--by all: one row; the firm without dates counts in its stage and is left out of the median", arguments: Backend.testable)
    func all(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try fixture().run("2024-12-31", ["view": "pipeline", "by": "all"])
            let rows = table(r)
            #expect(rows.count == 1)
            #expect(rows[0]["provincial"] == .integer(6))
            // 1096/365.25 (≈ 3.0007), 4, 4, 8, 8 → the middle of five is 4.
            #expect(close(rows[0]["provincial_median_years"], 4))
            #expect(r.notes.contains { $0.contains("for want of an entry or founding date") && $0.contains("1 provincial+") })
            let scoped = table(try fixture().run("2024-12-31", ["view": "pipeline", "by": "all", "within": "a"]))
            #expect(scoped[0]["code"] == .text("a"))
            #expect(scoped[0]["provincial"] == .integer(3))
            #expect(close(scoped[0]["provincial_median_years"], 4))
        }
    }

    @Test("as of an earlier date: later entries, graduations and designations are not yet there", arguments: Backend.testable)
    func earlier(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let rows = table(try fixture().run("2021-06-30", ["view": "pipeline", "within": "a"]))
            #expect(rows.count == 1)
            #expect(rows[0]["incubated"] == .integer(2), "4 entered in 2022")
            #expect(rows[0]["graduated"] == .integer(1))
            #expect(rows[0]["provincial"] == .integer(3))
            #expect(rows[0]["provincial_via_incubation"] == .integer(1))
            #expect(rows[0]["national"] == .integer(0))
            let two = table(try fixture().run("2020-06-30", ["view": "pipeline", "within": "a"]))
            // 2 (4 years) and 4 (8 years) are designated by then; 1 not yet: even count.
            #expect(two[0]["provincial"] == .integer(2))
            #expect(close(two[0]["provincial_median_years"], 6))
        }
    }

    @Test("--by incubator counts the incubator's firms", arguments: Backend.testable)
    func byIncubator(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let rows = table(try fixture().run("2024-12-31", ["view": "pipeline", "by": "incubator"]))
            #expect(rows.count == 1)
            #expect(rows[0]["code"] == .text("i1"))
            #expect(rows[0]["name"] == .text("孵化器一"))
            #expect(rows[0]["incubated"] == .integer(3))
            #expect(rows[0]["provincial"] == .integer(2), "1 and 4")
            #expect(rows[0]["provincial_via_incubation"] == .integer(1))
            #expect(close(rows[0]["provincial_median_years"], (oneToProvincial + 8) / 2), "1 from its entry, 4 from its founding")
        }
    }
}
