import Foundation
import Testing
import Core
import RegistryTesting
@testable import Eligibility

/// Builds a registry from inline records and runs `screen` on it.
struct Fixture {
    let store: any Registry

    init() throws { store = try Backend.current.makeRegistry() }

    static func uscc(_ n: Int, region: String = "430211") -> String {
        InlineRegistry.uscc(region: region, serial: n)
    }

    func load(id: String, issued: String = "2024-12-31", _ records: String) throws {
        try InlineRegistry.load(records, id: id, issued: issued, into: store)
    }

    func report(_ params: [String: String] = [:], asOf: String = "2024-12-31") throws -> Report {
        try ScreenPlugin().run(PluginRequest(asOf: Day(asOf)!, parameters: params), registry: store)
    }

    /// Each firm's cells by column name, keyed by USCC.
    func cells(_ params: [String: String] = [:], asOf: String = "2024-12-31") throws -> [String: [String: String]] {
        let r = try report(params, asOf: asOf)
        var out: [String: [String: String]] = [:]
        for row in r.rows {
            var cells: [String: String] = [:]
            for (c, v) in zip(r.columns, row) { cells[c.name] = v.description }
            out[cells["uscc"]!] = cells
        }
        return out
    }
}

/// A firm record and its annual reports, written out field by field so each figure is visible.
struct FirmSpec {
    var n: Int
    var founded: String?
    var park: String? = "a"
    var status: String? = nil
    /// year → fields ("revenue": "100000000", …)
    var reports: [Int: [String: String]]

    var uscc: String { Fixture.uscc(n) }

    var xml: String {
        var s = "<firm uscc=\"\(uscc)\" name=\"企业\(n)\" region=\"430211\""
        if let park { s += " park=\"\(park)\"" }
        if let founded { s += " founded=\"\(founded)\"" }
        if let status { s += " status=\"\(status)\"" }
        s += "/>"
        for (year, fields) in reports.sorted(by: { $0.key < $1.key }) {
            s += "\n<annual-report uscc=\"\(uscc)\" year=\"\(year)\""
            for (k, v) in fields.sorted(by: { $0.key < $1.key }) { s += " \(k)=\"\(v)\"" }
            s += "/>"
        }
        return s
    }
}

@Suite("screen: MIIT 2022 little-giant criteria, boundaries computed by hand")
struct LittleGiantTests {
    /// Every figure exactly on its bound: founded 2020-12-31 (3 years by the end of 2023); main revenue
    /// 110.25M of 157.5M = 70%; main revenue 100M → 105M → 110.25M, +5% and +5%, mean 5%; revenue
    /// 157.5M ≥ 100M so R&D must be ≥ 3% in each year: 4.5M / 150M = 3% and 4.725M / 157.5M = 3%;
    /// 2 invention patents; liabilities 140M of assets 200M = 70%.
    static let onBounds = FirmSpec(n: 1, founded: "2020-12-31", reports: [
        2021: ["revenue": "150000000", "main-revenue": "100000000"],
        2022: ["revenue": "150000000", "main-revenue": "105000000", "rd-expense": "4500000"],
        2023: ["revenue": "157500000", "main-revenue": "110250000", "rd-expense": "4725000", "invention-patents": "2",
               "assets": "200000000", "liabilities": "140000000"],
    ])

    /// Just past the bounds: founded 2021-01-01; main revenue 69.99M of 100M = 69.99%; liabilities
    /// 70.01M of 100M = 70.01%; 1 patent. Revenue exactly 100M falls in the 3% band, and 2.7M / 90M = 3%,
    /// 3M / 100M = 3% pass it (the 6% band would fail). Growth 60M → 66M → 69.99M: +10%, +6.045%, mean 8.02%.
    static let pastBounds = FirmSpec(n: 2, founded: "2021-01-01", reports: [
        2021: ["revenue": "90000000", "main-revenue": "60000000"],
        2022: ["revenue": "90000000", "main-revenue": "66000000", "rd-expense": "2700000"],
        2023: ["revenue": "100000000", "main-revenue": "69990000", "rd-expense": "3000000", "invention-patents": "1",
               "assets": "100000000", "liabilities": "70010000"],
    ])

    /// Revenue exactly 50M: the 6% band; 2.88M / 48M = 6% and 3M / 50M = 6% pass. Growth 40M → 40M →
    /// 43.992M: 0% and +9.98%, mean 4.99% < 5% fails. Main share 43.992 / 50 = 87.984%. No assets stated.
    static let sixPercentBand = FirmSpec(n: 3, founded: "2015-06-01", reports: [
        2021: ["revenue": "45000000", "main-revenue": "40000000"],
        2022: ["revenue": "48000000", "main-revenue": "40000000", "rd-expense": "2880000"],
        2023: ["revenue": "50000000", "main-revenue": "43992000", "rd-expense": "3000000", "invention-patents": "5"],
    ])

    /// Revenue one fen under 50M: the small-firm band; equity 50M + 30M = 80M, R&D 15M + 15M = 30M,
    /// R&D staff 50 of 100 = 50%, all on their bounds. Growth 32M → 36M → 40M: +12.5%, +11.11%, mean
    /// 11.81%. Main share 40M / 49,999,999.99 = 80.0%. Debt 20M / 100M = 20%.
    static let smallBand = FirmSpec(n: 4, founded: "2010-01-01", reports: [
        2021: ["revenue": "40000000", "main-revenue": "32000000"],
        2022: ["revenue": "45000000", "main-revenue": "36000000", "rd-expense": "15000000", "equity-raised": "50000000"],
        2023: ["revenue": "49999999.99", "main-revenue": "40000000", "rd-expense": "15000000", "equity-raised": "30000000",
               "employees": "100", "rd-staff": "50", "invention-patents": "3", "assets": "100000000", "liabilities": "20000000"],
    ])

    /// Hardly anything reported: no founding date, one year with revenue 120M and main revenue 100M (83.33%).
    static let sparse = FirmSpec(n: 5, founded: nil, reports: [
        2023: ["revenue": "120000000", "main-revenue": "100000000"],
    ])

    func fixture(_ firms: [FirmSpec] = [onBounds, pastBounds, sixPercentBand, smallBand, sparse]) throws -> Fixture {
        let f = try Fixture()
        try f.load(id: "parks", issued: "2019-01-01", """
            <park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
            <park id="b" name="乙园区" region="430104" level="national" kind="high-tech-zone"/>
            """)
        try f.load(id: "firms", firms.map(\.xml).joined(separator: "\n"))
        return f
    }

    @Test("every figure exactly on its bound passes", arguments: Backend.testable)
    func onTheBounds(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let c = try #require(try fixture().cells()[Self.onBounds.uscc])
            #expect(c["founded"] == "pass: founded 2020-12-31 (on or before 2020-12-31)")
            #expect(c["main_revenue_share"] == "pass: 70.0% (≥ 70%)")
            #expect(c["main_revenue_growth"] == "pass: +5.0% in 2022, +5.0% in 2023, average 5.0% (≥ 5%)")
            #expect(c["rd"] == "pass: revenue ¥157.50M (band ≥ ¥100M): R&D/revenue 2022 3.0%, 2023 3.0% (each ≥ 3%)")
            #expect(c["class_i_ip"] == "pass: invention patents 2 (≥ 2)")
            #expect(c["debt_ratio"] == "pass: 70.0% (≤ 70%)")
            #expect(c["verdict"] == "eligible")
        }
    }

    @Test("just past the bounds fails, and the figures show the difference; revenue of exactly ¥100M takes the 3% band", arguments: Backend.testable)
    func pastTheBounds(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let c = try #require(try fixture().cells()[Self.pastBounds.uscc])
            #expect(c["founded"] == "fail: founded 2021-01-01 (on or before 2020-12-31)")
            #expect(c["main_revenue_share"] == "fail: 69.99% (≥ 70%)")
            #expect(c["main_revenue_growth"] == "pass: +10.0% in 2022, +6.0% in 2023, average 8.0% (≥ 5%)")
            #expect(c["rd"] == "pass: revenue ¥100M (band ≥ ¥100M): R&D/revenue 2022 3.0%, 2023 3.0% (each ≥ 3%)")
            #expect(c["class_i_ip"] == "fail: invention patents 1 (≥ 2)")
            #expect(c["debt_ratio"] == "fail: 70.01% (≤ 70%)")
            #expect(c["verdict"] == "not eligible")
        }
    }

    @Test("revenue of exactly ¥50M takes the 6% band; growth just under 5% fails; a missing figure with a failure is not eligible", arguments: Backend.testable)
    func sixPercent(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let c = try #require(try fixture().cells()[Self.sixPercentBand.uscc])
            #expect(c["rd"] == "pass: revenue ¥50M (band ¥50M–¥100M): R&D/revenue 2022 6.0%, 2023 6.0% (each ≥ 6%)")
            #expect(c["main_revenue_growth"] == "fail: +0.0% in 2022, +10.0% in 2023, average 4.99% (≥ 5%)")
            #expect(c["main_revenue_share"] == "pass: 88.0% (≥ 70%)")
            #expect(c["debt_ratio"] == "n/a: no assets for 2023")
            #expect(c["verdict"] == "not eligible")
        }
    }

    @Test("below ¥50M: new equity, two-year R&D and R&D staff, each on its bound, pass together", arguments: Backend.testable)
    func smallFirm(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let c = try #require(try fixture().cells()[Self.smallBand.uscc])
            #expect(c["rd"] == "pass: revenue ¥49,999,999.99 (band < ¥50M): equity raised 2022–2023 ¥80M (≥ ¥80M), R&D 2022–2023 ¥30M (≥ ¥30M), R&D staff 50.0% (≥ 50%)")
            #expect(c["main_revenue_growth"] == "pass: +12.5% in 2022, +11.1% in 2023, average 11.8% (≥ 5%)")
            #expect(c["main_revenue_share"] == "pass: 80.0% (≥ 70%)")
            #expect(c["debt_ratio"] == "pass: 20.0% (≤ 70%)")
            #expect(c["verdict"] == "eligible")
        }
    }

    @Test("missing figures are n/a and leave the verdict incomplete", arguments: Backend.testable)
    func missing(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let c = try #require(try fixture().cells()[Self.sparse.uscc])
            #expect(c["founded"] == "n/a: no founding date")
            #expect(c["main_revenue_share"] == "pass: 83.3% (≥ 70%)")
            #expect(c["main_revenue_growth"] == "n/a: no main revenue for 2021")
            #expect(c["rd"] == "n/a: revenue ¥120M (band ≥ ¥100M): R&D/revenue 2022 not known (no R&D expense), 2023 not known (no R&D expense) (each ≥ 3%)")
            #expect(c["class_i_ip"] == "n/a: no invention patents for 2023")
            #expect(c["debt_ratio"] == "n/a: no assets for 2023")
            #expect(c["verdict"] == "incomplete")
        }
    }

    @Test("rows: eligible first, then incomplete, then not eligible; --only keeps one verdict; notes count them", arguments: Backend.testable)
    func rowsAndOnly(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try fixture()
            let all = try f.report()
            #expect(all.rows.map { $0[0].description } == [Self.onBounds.uscc, Self.smallBand.uscc, Self.sparse.uscc, Self.pastBounds.uscc, Self.sixPercentBand.uscc])
            #expect(all.columns.map(\.name) == ["uscc", "name", "founded", "main_revenue_share", "main_revenue_growth", "rd", "class_i_ip", "debt_ratio", "verdict"])
            #expect(all.title == "专精特新“小巨人” screen, 2023 reports (miit-2022)")
            #expect(all.notes.contains("5 firms shown: 2 eligible, 1 incomplete (a figure missing, nothing failed), 2 not eligible."))
            #expect(all.notes.contains("Founded: on or before 2020-12-31, i.e. at least 3 whole years by the end of 2023."))
            #expect(all.notes.contains { $0.hasPrefix("Not assessed (needs documents): ") && $0.contains("distinctiveness") })
            #expect(try f.cells(["only": "pass"]).keys.sorted() == [Self.onBounds.uscc, Self.smallBand.uscc].sorted())
            #expect(try f.cells(["only": "fail"]).keys.sorted() == [Self.pastBounds.uscc, Self.sixPercentBand.uscc].sorted())
            #expect(try f.cells(["only": "incomplete"]).keys.sorted() == [Self.sparse.uscc])
            #expect(all.filings == ["firms"])
        }
    }

    @Test("growth is the mean of the two yearly rates, not the compound rate", arguments: Backend.testable)
    func meanNotCompound(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            // 100M → 100M → 110M: rates 0% and 10%, mean 5% passes; the compound rate √1.1 − 1 = 4.88% would fail.
            let firm = FirmSpec(n: 6, founded: "2000-01-01", reports: [
                2021: ["main-revenue": "100000000"], 2022: ["main-revenue": "100000000"], 2023: ["main-revenue": "110000000"],
            ])
            let c = try #require(try fixture([firm]).cells()[firm.uscc])
            #expect(c["main_revenue_growth"] == "pass: +0.0% in 2022, +10.0% in 2023, average 5.0% (≥ 5%)")
            #expect(pow(1.1, 0.5) - 1 < 0.05, "the compound rate is below the bound, so the mean is what passes")
        }
    }

    @Test("zero main revenue at the start makes growth undefined (n/a), never infinite", arguments: Backend.testable)
    func zeroStart(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let firm = FirmSpec(n: 7, founded: "2000-01-01", reports: [
                2021: ["main-revenue": "0"], 2022: ["main-revenue": "100"], 2023: ["main-revenue": "200"],
            ])
            let c = try #require(try fixture([firm]).cells()[firm.uscc])
            #expect(c["main_revenue_growth"] == "n/a: growth undefined: main revenue 0 in 2021")
        }
    }
}

@Suite("screen: MIIT 2022 provincial specialised-SME criteria")
struct SpecializedSMETests {
    func fixture(_ firms: [FirmSpec]) throws -> Fixture {
        let f = try Fixture()
        try f.load(id: "parks", issued: "2019-01-01", #"<park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>"#)
        try f.load(id: "firms", firms.map(\.xml).joined(separator: "\n"))
        return f
    }

    @Test("founded exactly 2 years before the end of Y passes, a day later fails", arguments: Backend.testable)
    func founded(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let a = FirmSpec(n: 1, founded: "2021-12-31", reports: [2023: ["revenue": "1"]])
            let b = FirmSpec(n: 2, founded: "2022-01-01", reports: [2023: ["revenue": "1"]])
            let c = try fixture([a, b]).cells(["program": "specialized-sme"])
            #expect(c[a.uscc]?["founded"] == "pass: founded 2021-12-31 (on or before 2021-12-31)")
            #expect(c[b.uscc]?["founded"] == "fail: founded 2022-01-01 (on or before 2021-12-31)")
        }
    }

    @Test("R&D at least ¥1M and at least 3% of revenue, both bounds inclusive", arguments: Backend.testable)
    func rd(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            // 1.2M / 40M = 3%; 1M / 20M = 5%; 999,999.99 / 10M ≈ 10% but under ¥1M; 1.5M / 50.01M = 2.9994%.
            let onBound = FirmSpec(n: 1, founded: "2000-01-01", reports: [2023: ["revenue": "40000000", "rd-expense": "1200000"]])
            let exactMillion = FirmSpec(n: 2, founded: "2000-01-01", reports: [2023: ["revenue": "20000000", "rd-expense": "1000000"]])
            let underMillion = FirmSpec(n: 3, founded: "2000-01-01", reports: [2023: ["revenue": "10000000", "rd-expense": "999999.99"]])
            let underShare = FirmSpec(n: 4, founded: "2000-01-01", reports: [2023: ["revenue": "50010000", "rd-expense": "1500000"]])
            let noRevenue = FirmSpec(n: 5, founded: "2000-01-01", reports: [2023: ["rd-expense": "500000"]])
            let c = try fixture([onBound, exactMillion, underMillion, underShare, noRevenue]).cells(["program": "specialized-sme"])
            #expect(c[onBound.uscc]?["rd"] == "pass: R&D ¥1.20M, 3.0% of revenue (≥ ¥1M and ≥ 3%)")
            #expect(c[exactMillion.uscc]?["rd"] == "pass: R&D ¥1M, 5.0% of revenue (≥ ¥1M and ≥ 3%)")
            #expect(c[underMillion.uscc]?["rd"] == "fail: R&D ¥999,999.99, 10.0% of revenue (≥ ¥1M and ≥ 3%)")
            #expect(c[underShare.uscc]?["rd"] == "fail: R&D ¥1.50M, 2.999% of revenue (≥ ¥1M and ≥ 3%)")
            #expect(c[noRevenue.uscc]?["rd"] == "fail: R&D ¥0.50M, no revenue for 2023 (≥ ¥1M and ≥ 3%)", "under ¥1M fails whatever the revenue")
        }
    }

    @Test("revenue of at least ¥10M, or new equity of at least ¥20M over the two years", arguments: Backend.testable)
    func revenueOrEquity(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let tenMillion = FirmSpec(n: 1, founded: "2000-01-01", reports: [2023: ["revenue": "10000000"]])
            let equity = FirmSpec(n: 2, founded: "2000-01-01", reports: [
                2022: ["equity-raised": "12000000"], 2023: ["revenue": "9990000", "equity-raised": "8000000"]])
            let short = FirmSpec(n: 3, founded: "2000-01-01", reports: [
                2022: ["equity-raised": "12000000"], 2023: ["revenue": "9990000", "equity-raised": "7990000"]])
            let unknown = FirmSpec(n: 4, founded: "2000-01-01", reports: [2023: ["revenue": "5000000"]])
            let oneYearEnough = FirmSpec(n: 5, founded: "2000-01-01", reports: [2023: ["revenue": "5000000", "equity-raised": "25000000"]])
            let c = try fixture([tenMillion, equity, short, unknown, oneYearEnough]).cells(["program": "specialized-sme"])
            #expect(c[tenMillion.uscc]?["revenue_or_equity"] == "pass: revenue ¥10M (≥ ¥10M, or equity ≥ ¥20M)")
            #expect(c[equity.uscc]?["revenue_or_equity"] == "pass: revenue ¥9.99M, equity raised 2022–2023 ¥20M (≥ ¥10M, or equity ≥ ¥20M)")
            #expect(c[short.uscc]?["revenue_or_equity"] == "fail: revenue ¥9.99M, equity raised 2022–2023 ¥19.99M (≥ ¥10M, or equity ≥ ¥20M)")
            #expect(c[unknown.uscc]?["revenue_or_equity"] == "n/a: revenue ¥5M, equity raised 2022–2023 not stated (≥ ¥10M, or equity ≥ ¥20M)")
            #expect(c[oneYearEnough.uscc]?["revenue_or_equity"] == "pass: revenue ¥5M, equity raised 2023 only ¥25M, 2022 not stated (≥ ¥10M, or equity ≥ ¥20M)")
            #expect(c[unknown.uscc]?["verdict"] == "incomplete")
        }
    }

    @Test("a firm meeting all three is eligible; the 100-point score is noted as not assessed", arguments: Backend.testable)
    func eligible(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let firm = FirmSpec(n: 1, founded: "2018-05-05", reports: [2023: ["revenue": "30000000", "rd-expense": "1500000"]])
            let f = try fixture([firm])
            let c = try f.cells(["program": "specialized-sme"])
            #expect(c[firm.uscc]?["verdict"] == "eligible")
            let r = try f.report(["program": "specialized-sme"])
            #expect(r.columns.map(\.name) == ["uscc", "name", "founded", "rd", "revenue_or_equity", "verdict"])
            #expect(r.notes.contains { $0.hasPrefix("Not assessed") && $0.contains("100-point") })
        }
    }
}

@Suite("screen: year, scope and criteria sets")
struct ScreenScopeTests {
    func fixture(_ firms: [FirmSpec]) throws -> Fixture {
        let f = try Fixture()
        try f.load(id: "parks", issued: "2019-01-01", """
            <park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
            <park id="b" name="乙园区" region="430211" level="national" kind="high-tech-zone"/>
            """)
        try f.load(id: "firms", firms.map(\.xml).joined(separator: "\n"))
        return f
    }

    @Test("default year: the as-of year − 1 when reported, else the latest earlier year; later years are ignored", arguments: Backend.testable)
    func defaultYear(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let firm = FirmSpec(n: 1, founded: "2000-01-01", reports: [2021: ["revenue": "1"], 2022: ["revenue": "1"], 2024: ["revenue": "1"]])
            let f = try fixture([firm])
            #expect(try f.report(asOf: "2023-06-30").title.contains("2022 reports"))
            #expect(try f.report(asOf: "2024-12-31").title.contains("2022 reports"), "2023 is not reported; 2024 is not before the as-of year")
            #expect(try f.report(asOf: "2025-01-01").title.contains("2024 reports"))
            #expect(try f.report(["year": "2021"], asOf: "2025-01-01").title.contains("2021 reports"))
            #expect(throws: AnalysisError.self) { try f.report(asOf: "2021-12-31") }
        }
    }

    @Test("--within, --uscc and deregistered firms", arguments: Backend.testable)
    func scope(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let a = FirmSpec(n: 1, founded: "2000-01-01", park: "a", reports: [2023: ["revenue": "1"]])
            let b = FirmSpec(n: 2, founded: "2000-01-01", park: "b", reports: [2023: ["revenue": "1"]])
            let gone = FirmSpec(n: 3, founded: "2000-01-01", park: "a", status: "deregistered", reports: [2023: ["revenue": "1"]])
            let unreported = FirmSpec(n: 4, founded: "2000-01-01", park: "a", reports: [2022: ["revenue": "1"]])
            let f = try fixture([a, b, gone, unreported])
            #expect(try f.cells(["within": "a"]).keys.sorted() == [a.uscc])
            #expect(try f.cells().keys.sorted() == [a.uscc, b.uscc].sorted())
            #expect(try f.report().notes.contains("1 deregistered firm with reports is not screened."))
            #expect(try f.cells(["uscc": b.uscc]).keys.sorted() == [b.uscc])
            // Asked for by code, a firm without a report for Y still gets its row, every figure n/a.
            let u = try #require(try f.cells(["uscc": unreported.uscc, "year": "2023"])[unreported.uscc])
            #expect(u["verdict"] == "incomplete")
            #expect(u["main_revenue_share"] == "n/a: no main revenue for 2023")
            #expect(throws: AnalysisError.self) { try f.report(["uscc": Fixture.uscc(99)]) }
        }
    }

    @Test("criteria sets are dated data; --criteria picks one, by default the newest", arguments: Backend.testable)
    func criteriaSets(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let set = CriteriaSet.miit2022
            #expect(set.id == "miit-2022")
            #expect(set.title == "优质中小企业梯度培育管理暂行办法")
            #expect(set.issued == Day("2022-06-01"))
            #expect(CriteriaSet.newest.id == "miit-2022")
            #expect(CriteriaSet.all.map(\.id) == ["miit-2022"])
            let lg = try #require(set.criteria(for: .littleGiant))
            #expect(lg.criteria.map(\.rule) == [
                .yearsSinceFounding(atLeast: 3), .mainRevenueShare(atLeastPercent: 70), .mainRevenueGrowth(averageAtLeastPercent: 5),
                .rdByRevenueBand([
                    RevenueBand(from: Money(fen: 10_000_000_000), below: nil, .shareEachYear(atLeastPercent: 3)),
                    RevenueBand(from: Money(fen: 5_000_000_000), below: Money(fen: 10_000_000_000), .shareEachYear(atLeastPercent: 6)),
                    RevenueBand(from: Money(fen: 0), below: Money(fen: 5_000_000_000),
                                .equityAndRD(equity: Money(fen: 8_000_000_000), rdExpense: Money(fen: 3_000_000_000), rdStaffPercent: 50)),
                ]),
                .inventionPatents(atLeast: 2), .debtRatio(atMostPercent: 70),
            ])
            let sme = try #require(set.criteria(for: .specializedSME))
            #expect(sme.criteria.map(\.rule) == [
                .yearsSinceFounding(atLeast: 2), .rdExpense(atLeast: Money(fen: 100_000_000), shareAtLeastPercent: 3),
                .revenueOrEquity(revenueAtLeast: Money(fen: 1_000_000_000), equityAtLeast: Money(fen: 2_000_000_000)),
            ])
            let f = try fixture([FirmSpec(n: 1, founded: "2000-01-01", reports: [2023: ["revenue": "1"]])])
            #expect(try f.report(["criteria": "miit-2022"]).notes[0].hasPrefix("Criteria miit-2022: 《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号, issued 2022-06-01)"))
            #expect(throws: AnalysisError.self) { try f.report(["criteria": "miit-2019"]) }
        }
    }
}

@Suite("screen: rules decided directly, three-valued")
struct RuleTests {
    /// The little-giant R&D rule of miit-2022.
    static let rd = CriteriaSet.miit2022.criteria(for: .littleGiant)!.criteria.first { $0.id == "rd" }!.rule

    /// A firm's figures as the registry gives them back, from one 2023 report with these fields.
    func figures(_ fields: String) throws -> FirmFigures {
        let f = try Fixture()
        let uscc = Fixture.uscc(1)
        try f.load(id: "r", """
            <firm uscc="\(uscc)" name="企业" region="430211"/>
            <annual-report uscc="\(uscc)" year="2023" \(fields)/>
            """)
        return FirmFigures(founded: nil, reports: try f.store.annualReports(uscc: uscc).map(\.value))
    }

    @Test("a failing part fails the criterion even when another part is missing", arguments: Backend.testable)
    func failBeatsMissing(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = Self.rd.assess(try figures(#"revenue="10000000" employees="100" rd-staff="10""#), year: 2023)
            #expect(f.outcome == .fail)
            #expect(f.figures == "revenue ¥10M (band < ¥50M): equity raised 2022–2023 not stated (≥ ¥80M), R&D 2022–2023 not stated (≥ ¥30M), R&D staff 10.0% (≥ 50%)")
        }
    }

    @Test("a two-year sum passes on one year alone once that year reaches the bound; short of it, the missing year leaves it open", arguments: Backend.testable)
    func partialSum(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = Self.rd.assess(try figures(#"revenue="10000000" employees="10" rd-staff="6" equity-raised="80000000" rd-expense="29999999.99""#), year: 2023)
            #expect(f.outcome == .missing)
            #expect(f.figures == "revenue ¥10M (band < ¥50M): equity raised 2023 only ¥80M, 2022 not stated (≥ ¥80M), R&D 2023 only ¥29,999,999.99, 2022 not stated (≥ ¥30M), R&D staff 60.0% (≥ 50%)")
            // Under zh the amounts read as Chinese writes them, with the same separators.
            let zh = try #require(f.message.map { EligibilityMessages.catalogue.words($0, in: .zh) })
            #expect(zh.contains("29,999,999.99元") && zh.contains("80百万元") && !zh.contains("¥") && !zh.contains("M"), "\(zh)")
            let g = Self.rd.assess(try figures(#"revenue="10000000" employees="10" rd-staff="6" equity-raised="80000000" rd-expense="30000000""#), year: 2023)
            #expect(g.outcome == .pass)
        }
    }

    @Test("verdicts: any fail → not eligible; else any n/a → incomplete; else eligible")
    func verdicts() {
        let pass = Finding(outcome: .pass, figures: ""), fail = Finding(outcome: .fail, figures: ""), na = Finding(outcome: .missing, figures: "")
        #expect(Verdict([pass, pass]) == .eligible)
        #expect(Verdict([pass, na]) == .incomplete)
        #expect(Verdict([na, fail, pass]) == .notEligible)
    }
}
