import Foundation
import Testing
import Core
import RegistryTesting
import Ranking

/// Builds a registry from inline records and ranks it.
struct Fixture {
    let store: any Registry
    private var n = 0

    init() throws { store = try Backend.current.makeRegistry() }

    static func uscc(_ region: String, _ n: Int) -> String {
        InlineRegistry.uscc(region: region, serial: n)
    }

    func load(id: String, issued: String = "2024-12-31", _ records: String) throws {
        try InlineRegistry.load(records, id: id, issued: issued, into: store)
    }

    func rank(_ asOf: String, _ params: [String: String] = [:]) throws -> [[String]] {
        let report = try RankPlugin().run(PluginRequest(asOf: Day(asOf)!, parameters: params), registry: store)
        return report.rows.map { $0.map(\.description) }
    }
}

@Suite("rank: the shared rules of analytics.md")
struct RankPluginTests {
    /// Parks a, b, c in Hunan; firms 1… in them; designations given per test.
    func base() throws -> Fixture {
        let f = try Fixture()
        var recs = """
            <park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
            <park id="b" name="乙园区" region="430104" level="national" kind="high-tech-zone"/>
            <park id="c" name="丙园区" region="440305" level="national" kind="high-tech-zone"/>
            """
        for i in 1...9 {
            let (region, park) = i <= 4 ? ("430211", "a") : i <= 7 ? ("430104", "b") : ("440305", "c")
            recs += "\n<firm uscc=\"\(Fixture.uscc(region, i))\" name=\"企业\(i)\" region=\"\(region)\" park=\"\(park)\"/>"
        }
        try f.load(id: "roster", issued: "2020-01-01", recs)
        return f
    }

    func d(_ i: Int, level: String = "national", year: Int = 2021, extra: String = "") -> String {
        let region = i <= 4 ? "430211" : i <= 7 ? "430104" : "440305"
        return "<designation uscc=\"\(Fixture.uscc(region, i))\" program=\"little-giant\" level=\"\(level)\" year=\"\(year)\" \(extra)/>"
    }

    @Test("ties share a rank and the next rank skips; ties listed by code", arguments: Backend.testable)
    func competitionRanking(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "l", [d(1), d(2), d(5), d(6), d(8)].joined(separator: "\n"))
            #expect(try f.rank("2024-12-31", ["by": "park"]) == [["1", "a", "甲园区", "2"], ["1", "b", "乙园区", "2"], ["3", "c", "丙园区", "1"]])
            #expect(try f.rank("2024-12-31") == [["1", "43", "湖南省", "4"], ["2", "44", "广东省", "1"]])
        }
    }

    @Test("a firm counts once however many designations it holds", arguments: Backend.testable)
    func distinctFirms(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "l", [d(1, year: 2019), d(1, year: 2022), d(1, level: "provincial", year: 2020)].joined(separator: "\n"))
            #expect(try f.rank("2024-12-31", ["by": "park", "level": "provincial"]) == [["1", "a", "甲园区", "1"]])
        }
    }

    @Test("valid-from and valid-to boundaries are inclusive; a missing valid-from starts on 1 January", arguments: Backend.testable)
    func asOfBoundaries(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "l", [
                d(1, extra: #"valid-from="2021-07-01" valid-to="2024-06-30""#),
                d(2, year: 2023),
            ].joined(separator: "\n"))
            #expect(try f.rank("2021-06-30", ["by": "park"]) == [])
            #expect(try f.rank("2021-07-01", ["by": "park"]) == [["1", "a", "甲园区", "1"]])
            #expect(try f.rank("2022-12-31", ["by": "park"]) == [["1", "a", "甲园区", "1"]])
            #expect(try f.rank("2023-01-01", ["by": "park"]) == [["1", "a", "甲园区", "2"]])
            #expect(try f.rank("2024-06-30", ["by": "park"]) == [["1", "a", "甲园区", "2"]])
            #expect(try f.rank("2024-07-01", ["by": "park"]) == [["1", "a", "甲园区", "1"]], "expired the day after valid-to")
        }
    }

    @Test("revoked before the date does not count; revoked after it does; a revocation without a date takes the filing's issue date", arguments: Backend.testable)
    func revocations(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "l", issued: "2021-01-01", [d(1), d(2), d(3)].joined(separator: "\n"))
            try f.load(id: "rev", issued: "2023-05-01", [
                d(1, extra: #"status="revoked" revoked-on="2022-03-01""#),
                d(2, extra: #"status="revoked" revoked-on="2025-03-01""#),
                d(3, extra: #"status="revoked""#),
            ].joined(separator: "\n"))
            #expect(try f.rank("2022-02-28", ["by": "park"]) == [["1", "a", "甲园区", "3"]])
            #expect(try f.rank("2022-03-01", ["by": "park"]) == [["1", "a", "甲园区", "2"]], "revoked on the date itself no longer counts")
            #expect(try f.rank("2023-04-30", ["by": "park"]) == [["1", "a", "甲园区", "2"]])
            #expect(try f.rank("2023-05-01", ["by": "park"]) == [["1", "a", "甲园区", "1"]])
            #expect(try f.rank("2024-12-31", ["by": "park", "cumulative": "true"]) == [["1", "a", "甲园区", "3"]])
        }
    }

    @Test("level at or above versus exact", arguments: Backend.testable)
    func levels(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "l", [d(1), d(2, level: "provincial"), d(3, level: "municipal"), d(5, level: "provincial")].joined(separator: "\n"))
            #expect(try f.rank("2024-12-31", ["by": "park", "level": "national"]) == [["1", "a", "甲园区", "1"]])
            #expect(try f.rank("2024-12-31", ["by": "park", "level": "provincial"]) == [["1", "a", "甲园区", "2"], ["2", "b", "乙园区", "1"]])
            #expect(try f.rank("2024-12-31", ["by": "park", "level": "provincial", "exact": "true"]) == [["1", "a", "甲园区", "1"], ["1", "b", "乙园区", "1"]])
            #expect(try f.rank("2024-12-31", ["by": "park", "level": "municipal"]) == [["1", "a", "甲园区", "3"], ["2", "b", "乙园区", "1"]])
        }
    }

    @Test("cumulative counts expired and revoked designations up to the date, not later ones", arguments: Backend.testable)
    func cumulative(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "l", [
                d(1, year: 2019, extra: #"valid-to="2021-12-31""#),
                d(2, year: 2020, extra: #"status="revoked" revoked-on="2021-01-01""#),
                d(3, year: 2026),
            ].joined(separator: "\n"))
            #expect(try f.rank("2024-12-31", ["by": "park"]) == [])
            #expect(try f.rank("2024-12-31", ["by": "park", "cumulative": "true"]) == [["1", "a", "甲园区", "2"]])
        }
    }

    @Test("separately planned cities: merged in their province by default, separate on request", arguments: Backend.testable)
    func plannedCities(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "l", [d(8), d(9), d(1)].joined(separator: "\n"))
            #expect(try f.rank("2024-12-31") == [["1", "44", "广东省", "2"], ["2", "43", "湖南省", "1"]])
            #expect(try f.rank("2024-12-31", ["planned-cities": "separate"]) == [["1", "4403", "深圳市", "2"], ["2", "43", "湖南省", "1"]])
        }
    }

    @Test("within a region prefix or a park; by prefecture and county", arguments: Backend.testable)
    func within(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "l", [d(1), d(2), d(5), d(8)].joined(separator: "\n"))
            #expect(try f.rank("2024-12-31", ["by": "prefecture", "within": "43"]) == [["1", "4302", "株洲市", "2"], ["2", "4301", "长沙市", "1"]])
            #expect(try f.rank("2024-12-31", ["by": "county", "within": "4302"]) == [["1", "430211", "天元区", "2"]])
            #expect(try f.rank("2024-12-31", ["by": "park", "within": "b"]) == [["1", "b", "乙园区", "1"]])
        }
    }

    @Test("top keeps the first N ranks, ties at the cut included", arguments: Backend.testable)
    func top(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "l", [d(1), d(2), d(5), d(6), d(8)].joined(separator: "\n"))
            #expect(try f.rank("2024-12-31", ["by": "park", "top": "1"]).count == 2)
            #expect(try f.rank("2024-12-31", ["by": "park", "top": "3"]).count == 3)
        }
    }

    @Test("firms known only by name count in their stated region; a retired county code resolves to its successor", arguments: Backend.testable)
    func provisionalAndRetired(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "old", issued: "2020-01-01", #"<firm uscc="\#(Fixture.uscc("430221", 50))" name="老县企业" region="430221"/>"#)
            try f.load(id: "l", """
                <designation firm="名单企业" region="湖南省" program="little-giant" level="national" year="2021"/>
                <designation firm="厦门企业" region="厦门市" program="little-giant" level="national" year="2021"/>
                <designation uscc="\(Fixture.uscc("430221", 50))" program="little-giant" level="national" year="2021"/>
                """)
            #expect(try f.rank("2024-12-31") == [["1", "43", "湖南省", "2"], ["2", "35", "福建省", "1"]])
            #expect(try f.rank("2024-12-31", ["planned-cities": "separate"]) == [["1", "43", "湖南省", "2"], ["2", "3502", "厦门市", "1"]])
            #expect(try f.rank("2024-12-31", ["by": "county", "within": "4302"]) == [["1", "430212", "渌口区", "1"]])
        }
    }

    @Test("by incubator counts firms that entered on or before the date", arguments: Backend.testable)
    func byIncubator(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            try f.load(id: "inc", """
                <incubator id="i1" name="孵化器一" kind="incubator" level="national" region="430211" park="a"/>
                <incubation uscc="\(Fixture.uscc("430211", 1))" incubator="i1" entered="2020-01-01" graduated="2022-01-01"/>
                <incubation uscc="\(Fixture.uscc("430211", 2))" incubator="i1" entered="2025-01-01"/>
                """)
            try f.load(id: "l", [d(1), d(2)].joined(separator: "\n"))
            #expect(try f.rank("2024-12-31", ["by": "incubator"]) == [["1", "i1", "孵化器一", "1"]])
        }
    }

    @Test("bad parameters are refused with the accepted values", arguments: Backend.testable)
    func badParameters(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try base()
            #expect(throws: AnalysisError.self) { try f.rank("2024-12-31", ["by": "planet"]) }
            #expect(throws: AnalysisError.self) { try f.rank("2024-12-31", ["colour": "red"]) }
        }
    }
}
