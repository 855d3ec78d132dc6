import Foundation
import Testing
import Core
import RegistryTesting
import Incubators

/// An in-memory registry filled from inline XML records, and the plugin run on it.
struct Registry {
    let store: any Core.Registry

    init() throws { store = try Backend.current.makeRegistry() }

    /// A valid USCC for firm `n` registered in `region`.
    static func uscc(_ n: Int, region: String = "430211") -> String {
        InlineRegistry.uscc(region: region, serial: n)
    }

    func load(id: String, issued: String = "2024-12-31", _ records: String) throws {
        try InlineRegistry.load(records, id: id, issued: issued, into: store)
    }

    func report(_ asOf: String, _ params: [String: String] = [:]) throws -> Report {
        try IncubatorsPlugin().run(PluginRequest(asOf: Day(asOf)!, parameters: params), registry: store)
    }

    /// Rows as dictionaries keyed by column name, values as text (null as "").
    func rows(_ asOf: String, _ params: [String: String] = [:]) throws -> [[String: String]] {
        let r = try report(asOf, params)
        return r.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(r.columns.map(\.name), row.map(\.description)))
        }
    }

    /// The row of one unit (summary) or incubator (check).
    func row(_ code: String, _ asOf: String, _ params: [String: String] = [:]) throws -> [String: String] {
        try #require(try rows(asOf, params).first { $0["code"] == code }, "no row \(code)")
    }
}

/// Records for the tests: firms numbered n, incubations of them.
enum Rec {
    static func firm(_ n: Int, park: String? = "a", region: String = "430211") -> String {
        #"<firm uscc="\#(Registry.uscc(n))" name="企业\#(n)" region="\#(region)"\#(park.map { #" park="\#($0)""# } ?? "")/>"#
    }

    static func firms(_ range: ClosedRange<Int>) -> String { range.map { firm($0) }.joined(separator: "\n") }

    static func incubation(_ n: Int, _ incubator: String, entered: String, intake: String = "local",
                           graduated: String? = nil, exited: String? = nil) -> String {
        var s = #"<incubation uscc="\#(Registry.uscc(n))" incubator="\#(incubator)" entered="\#(entered)" intake="\#(intake)""#
        if let graduated { s += #" graduated="\#(graduated)""# }
        if let exited { s += #" exited="\#(exited)""# }
        return s + "/>"
    }

    static func incubator(_ id: String, kind: String = "incubator", level: String = "national", region: String = "430211",
                          park: String? = "a", area: String? = "1000") -> String {
        var s = #"<incubator id="\#(id)" name="\#(id)名" kind="\#(kind)" level="\#(level)" region="\#(region)""#
        if let park { s += #" park="\#(park)""# }
        if let area { s += #" area-m2="\#(area)""# }
        return s + "/>"
    }

    static func littleGiant(_ n: Int, level: String, year: Int = 2023, extra: String = "") -> String {
        #"<designation uscc="\#(Registry.uscc(n))" program="little-giant" level="\#(level)" year="\#(year)" \#(extra)/>"#
    }

    static let parks = """
        <park id="a" name="甲高新技术产业开发区" short-name="甲高新区" region="430211" level="national" kind="high-tech-zone"/>
        <park id="b" name="乙经济技术开发区" short-name="乙经开区" region="430104" level="national" kind="economic-zone"/>
        """
}

@Suite("incubators: summary per unit")
struct IncubatorsSummaryTests {
    @Test("in incubation on D: entering on D is in, graduating or exiting on D is out; rate = graduated ÷ ever entered", arguments: Backend.testable)
    func inIncubationBoundaries(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "base", issued: "2019-01-01", Rec.parks + Rec.firms(1...6) + Rec.incubator("i1"))
            try r.load(id: "inc", [
                Rec.incubation(1, "i1", entered: "2020-01-01", graduated: "2024-12-31"),
                Rec.incubation(2, "i1", entered: "2024-12-31"),
                Rec.incubation(3, "i1", entered: "2020-01-01", exited: "2024-12-30"),
                Rec.incubation(4, "i1", entered: "2025-01-01"),
                Rec.incubation(5, "i1", entered: "2021-06-01", graduated: "2025-01-01"),
                Rec.incubation(6, "i1", entered: "2022-01-01"),
            ].joined(separator: "\n"))
            // On D: 2, 5, 6 in; 1 graduated on D; 3 exited the day before; 4 not yet entered.
            let onD = try r.row("a", "2024-12-31")
            #expect(onD["in_incubation"] == "3")
            #expect(onD["entered"] == "5")
            #expect(onD["graduated"] == "1")
            #expect(onD["graduation_rate"] == "0.2")
            #expect(onD["name"] == "甲高新区")
            // A day earlier: 1 still in (graduates tomorrow), 3 exits today, 2 not yet entered.
            let before = try r.row("a", "2024-12-30")
            #expect(before["in_incubation"] == "3")
            #expect(before["entered"] == "4")
            #expect(before["graduated"] == "0")
            #expect(before["graduation_rate"] == "0")
            // Nobody entered yet: the rate is undefined, not zero.
            let r2019 = try r.report("2019-12-31")
            #expect(r2019.rows.first?[r2019.columns.firstIndex { $0.name == "graduation_rate" }!] == .null)
        }
    }

    @Test("a firm in two incubators of one unit counts once in the unit and in each incubator", arguments: Backend.testable)
    func distinctFirms(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "base", issued: "2019-01-01", Rec.parks + Rec.firms(1...3)
                + Rec.incubator("i1") + Rec.incubator("i2", kind: "maker-space", region: "430204"))
            try r.load(id: "inc", [
                Rec.incubation(1, "i1", entered: "2020-01-01", graduated: "2021-01-01"),
                Rec.incubation(1, "i2", entered: "2021-02-01"),
                Rec.incubation(2, "i1", entered: "2020-01-01"),
                Rec.incubation(2, "i2", entered: "2020-01-01", graduated: "2022-01-01"),
                Rec.incubation(3, "i2", entered: "2023-01-01", graduated: "2024-01-01"),
                Rec.incubation(3, "i2", entered: "2024-02-01"),
            ].joined(separator: "\n"))
            let park = try r.row("a", "2024-12-31")
            #expect(park["in_incubation"] == "3")  // 1 (i2), 2 (i1), 3 (i2, second stay)
            #expect(park["entered"] == "3")
            #expect(park["graduated"] == "3")      // 1 from i1, 2 and 3 from i2
            #expect(park["graduation_rate"] == "1")
            let i1 = try r.row("i1", "2024-12-31", ["by": "incubator"])
            let i2 = try r.row("i2", "2024-12-31", ["by": "incubator"])
            #expect([i1["in_incubation"], i1["entered"], i1["graduated"]] == ["1", "2", "1"])
            #expect([i2["in_incubation"], i2["entered"], i2["graduated"]] == ["2", "3", "2"])
            #expect(i2["name"] == "i2名")
            // Both incubators lie in 株洲市 (430211 and 430204): one prefecture, firms once.
            let pref = try r.row("4302", "2024-12-31", ["by": "prefecture"])
            #expect([pref["incubators"], pref["in_incubation"], pref["name"]] == ["2", "3", "株洲市"])
            #expect(try r.rows("2024-12-31", ["by": "county"]).map { $0["code"]! }.sorted() == ["430204", "430211"])
        }
    }

    @Test("projects introduced: introduced records entered in the five years to D, both ends included", arguments: Backend.testable)
    func projectsWindow(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "base", issued: "2019-01-01", Rec.parks + Rec.firms(1...6) + Rec.incubator("i1") + Rec.incubator("i2"))
            try r.load(id: "inc", [
                Rec.incubation(1, "i1", entered: "2019-12-31", intake: "introduced"),  // the day before the window
                Rec.incubation(2, "i1", entered: "2020-01-01", intake: "introduced"),  // first day
                Rec.incubation(3, "i1", entered: "2024-12-31", intake: "introduced"),  // D
                Rec.incubation(4, "i1", entered: "2025-01-01", intake: "introduced"),  // after D
                Rec.incubation(5, "i1", entered: "2022-01-01", intake: "local"),
                Rec.incubation(5, "i2", entered: "2019-12-31", intake: "introduced"),  // the day before the window
                Rec.incubation(6, "i1", entered: "2022-01-01", intake: "spinoff"),
                Rec.incubation(2, "i2", entered: "2021-01-01", intake: "introduced"),  // same firm, another project
            ].joined(separator: "\n"))
            // 2020-01-01 … 2024-12-31: firm 2 twice and firm 3.
            #expect(try r.row("a", "2024-12-31")["projects_introduced_5y"] == "3")
            // 2019-12-31 … 2024-12-30: firms 1 and 5, and firm 2 twice.
            #expect(try r.row("a", "2024-12-30")["projects_introduced_5y"] == "4")
            // 2020-01-02 … 2025-01-01: firm 2 in i2, firms 3 and 4.
            #expect(try r.row("a", "2025-01-01")["projects_introduced_5y"] == "3")
        }
    }

    @Test("alumni: graduated by D and holding an active provincial-or-above little-giant designation on D", arguments: Backend.testable)
    func alumni(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "base", issued: "2019-01-01", Rec.parks + Rec.firms(1...7) + Rec.incubator("i1"))
            try r.load(id: "inc", [
                Rec.incubation(1, "i1", entered: "2018-01-01", graduated: "2023-01-01"),
                Rec.incubation(2, "i1", entered: "2018-01-01", graduated: "2023-01-01"),
                Rec.incubation(3, "i1", entered: "2018-01-01", graduated: "2023-01-01"),
                Rec.incubation(4, "i1", entered: "2018-01-01"),
                Rec.incubation(5, "i1", entered: "2018-01-01", graduated: "2024-12-31"),
                Rec.incubation(6, "i1", entered: "2018-01-01", graduated: "2023-01-01"),
                Rec.incubation(7, "i1", entered: "2018-01-01", graduated: "2023-01-01"),
            ].joined(separator: "\n"))
            try r.load(id: "lg", [
                Rec.littleGiant(1, level: "national"),                                   // alumnus
                Rec.littleGiant(2, level: "provincial", extra: #"valid-to="2024-12-30""#),  // expired the day before D
                Rec.littleGiant(3, level: "municipal"),                                  // below provincial
                Rec.littleGiant(4, level: "national"),                                   // still in incubation
                Rec.littleGiant(5, level: "provincial"),                                 // graduated on D: alumnus
                Rec.littleGiant(6, level: "provincial", extra: #"status="revoked" revoked-on="2024-12-31""#),  // revoked on D
                Rec.littleGiant(7, level: "provincial", extra: #"valid-from="2025-01-01""#),  // not begun
            ].joined(separator: "\n"))
            let row = try r.row("a", "2024-12-31")
            #expect(row["alumni_little_giants"] == "2")
            #expect(row["graduated"] == "6")
            // The day before: 1; 2 (valid-to is that day); 6 (revoked the next day); 5 not yet graduated.
            #expect(try r.row("a", "2024-12-30")["alumni_little_giants"] == "3")
            #expect(try r.report("2024-12-31").filings.contains("lg"))
        }
    }

    @Test("kinds, levels and area; filters by level, kind and within; incubators outside every park are left out", arguments: Backend.testable)
    func kindsLevelsFilters(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "base", issued: "2019-01-01", Rec.parks + [
                Rec.incubator("i1", area: "1000.5"),
                Rec.incubator("i2", kind: "maker-space", level: "provincial", region: "430204", area: "2000"),
                Rec.incubator("i3", kind: "accelerator", level: "municipal", area: nil),
                Rec.incubator("i4", level: "provincial", region: "430104", park: "b", area: "500"),
                Rec.incubator("i5", kind: "maker-space", region: "430104", park: nil, area: "100"),
            ].joined(separator: "\n"))
            let rows = try r.rows("2024-12-31")
            #expect(rows.map { $0["code"]! } == ["a", "b"])
            let a = rows[0]
            #expect([a["incubators"], a["incubator"], a["maker_space"], a["accelerator"]] == ["3", "1", "1", "1"])
            #expect([a["national"], a["provincial"], a["municipal"]] == ["1", "1", "1"])
            #expect(a["area_m2"] == Report.Value.number(3000.5).description)
            #expect(a["in_incubation"] == "0")
            #expect(rows[1]["area_m2"] == "500")
            let report = try r.report("2024-12-31")
            #expect(report.notes.contains { $0.hasPrefix("1 incubator ") && $0.contains("is in no park") })
            #expect(report.notes.contains { $0.hasPrefix("1 incubator states no area") })

            let provincial = try r.rows("2024-12-31", ["level": "provincial"])
            #expect(provincial.map { [$0["code"]!, $0["incubators"]!, $0["area_m2"]!] } == [["a", "2", Report.Value.number(3000.5).description], ["b", "1", "500"]])
            #expect(try r.rows("2024-12-31", ["level": "national"]).map { [$0["code"]!, $0["incubators"]!] } == [["a", "1"]])
            #expect(try r.rows("2024-12-31", ["kind": "maker-space"]).map { [$0["code"]!, $0["incubators"]!] } == [["a", "1"]])
            #expect(try r.rows("2024-12-31", ["by": "province"]).map { [$0["code"]!, $0["name"]!, $0["incubators"]!, $0["area_m2"]!] }
                    == [["43", "湖南省", "5", Report.Value.number(3600.5).description]])
            #expect(try r.rows("2024-12-31", ["by": "county"]).map { [$0["code"]!, $0["incubators"]!] }
                    == [["430104", "2"], ["430204", "1"], ["430211", "2"]])
            #expect(try r.rows("2024-12-31", ["by": "incubator", "within": "4301"]).map { $0["code"]! } == ["i4", "i5"])
            #expect(try r.rows("2024-12-31", ["by": "incubator", "within": "a"]).map { $0["code"]! } == ["i1", "i2", "i3"])
            #expect(try r.rows("2024-12-31", ["by": "incubator", "within": "430204"]).map { $0["code"]! } == ["i2"])
        }
    }

    @Test("units are listed by firms in incubation, most first, then by code", arguments: Backend.testable)
    func ordering(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "base", issued: "2019-01-01", Rec.parks + Rec.firms(1...3)
                + Rec.incubator("i1") + Rec.incubator("i2", region: "430104", park: "b") + Rec.incubator("i3", region: "430104", park: "b"))
            try r.load(id: "inc", [
                Rec.incubation(1, "i2", entered: "2020-01-01"),
                Rec.incubation(2, "i3", entered: "2020-01-01"),
                Rec.incubation(3, "i1", entered: "2020-01-01"),
            ].joined(separator: "\n"))
            #expect(try r.rows("2024-12-31").map { $0["code"]! } == ["b", "a"])
            #expect(try r.rows("2024-12-31", ["by": "incubator"]).map { $0["code"]! } == ["i1", "i2", "i3"])
        }
    }

    @Test("an as-of date before the roster that describes an incubator is said in the notes", arguments: Backend.testable)
    func laterRoster(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "parks", issued: "2019-01-01", Rec.parks)
            try r.load(id: "roster", issued: "2024-06-30", Rec.incubator("i1") + Rec.incubator("i2", park: nil))
            let note = "1 incubator is described by filings issued after 2024-06-29: their kind, level and area are as those filings state them (the registry keeps the latest statement)."
            #expect(try r.report("2024-06-29").notes.contains(note))
            #expect(try !r.report("2024-06-30").notes.contains { $0.contains("described by filings issued after") })
        }
    }

    @Test("bad parameters are refused", arguments: Backend.testable)
    func badParameters(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            #expect(throws: AnalysisError.self) { try r.report("2024-12-31", ["view": "planet"]) }
            #expect(throws: AnalysisError.self) { try r.report("2024-12-31", ["level": "county"]) }
            #expect(throws: AnalysisError.self) { try r.report("2024-12-31", ["colour": "red"]) }
        }
    }
}

@Suite("incubators: national criteria and overdue firms")
struct IncubatorsCheckTests {
    /// Incubator `id` with `open` firms in incubation and `graduated` graduates, firms numbered from `first`.
    static func population(_ id: String, first: Int, open: Int, graduated: Int) -> String {
        var recs: [String] = []
        for k in 0..<open { recs.append(Rec.incubation(first + k, id, entered: "2022-01-01")) }
        for k in 0..<graduated { recs.append(Rec.incubation(first + open + k, id, entered: "2020-06-01", graduated: "2023-06-01")) }
        return recs.joined(separator: "\n")
    }

    @Test("exactly 50 firms, exactly 3 per 1,000 m² and exactly 20 graduated pass; one fewer fails; no area is n/a", arguments: Backend.testable)
    func thresholds(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "base", issued: "2019-01-01", Rec.parks + Rec.firms(1...500) + [
                Rec.incubator("c1", area: "20000"),   // 60 in, 3.00 per 1,000 m², 20 graduated: all pass
                Rec.incubator("c2", area: "10000"),   // 50 in (pass), 5.00, 19 graduated (fail)
                Rec.incubator("c3", area: nil),       // 49 in (fail), n/a, 20 graduated
                Rec.incubator("c4", area: "20001"),   // 60 in, 2.99 (fail), 25 graduated
                Rec.incubator("c5", area: nil),       // 50 in, n/a, 20 graduated: all n/a
            ].joined(separator: "\n"))
            try r.load(id: "inc", [
                IncubatorsCheckTests.population("c1", first: 1, open: 60, graduated: 20),
                IncubatorsCheckTests.population("c2", first: 101, open: 50, graduated: 19),
                IncubatorsCheckTests.population("c3", first: 201, open: 49, graduated: 20),
                IncubatorsCheckTests.population("c4", first: 301, open: 60, graduated: 25),
                IncubatorsCheckTests.population("c5", first: 401, open: 50, graduated: 20),
            ].joined(separator: "\n"))
            let check = ["view": "check"]
            func cells(_ id: String) throws -> [String] {
                let row = try r.row(id, "2024-12-31", check)
                return ["in_incubation", "in_incubation_check", "per_1000_m2", "density_check", "graduated", "graduated_check", "all_criteria", "over_48_months", "unit"].map { row[$0]! }
            }
            #expect(try cells("c1") == ["60", "pass", "3", "pass", "20", "pass", "pass", "0", "a"])
            #expect(try cells("c2") == ["50", "pass", "5", "pass", "19", "fail", "fail", "0", "a"])
            #expect(try cells("c3") == ["49", "fail", "", "n/a", "20", "pass", "fail", "0", "a"])
            #expect(try cells("c4") == ["60", "pass", "2.99", "fail", "25", "pass", "fail", "0", "a"])
            #expect(try cells("c5") == ["50", "pass", "", "n/a", "20", "pass", "n/a", "0", "a"])
            #expect(try r.rows("2024-12-31", check).map { $0["code"]! } == ["c1", "c2", "c3", "c4", "c5"])
            // Graduates count cumulatively up to D only: before 2023-06-01 nobody had graduated.
            #expect(try r.row("c1", "2023-05-31", check)["graduated"] == "0")
        }
    }

    @Test("the criteria's arithmetic: density compared without rounding, cut to two decimals for display")
    func arithmetic() {
        #expect(IncubatorsPlugin.meetsDensity(count: 60, area: 20000) == true)
        #expect(IncubatorsPlugin.meetsDensity(count: 59, area: 20000) == false)
        #expect(IncubatorsPlugin.meetsDensity(count: 60, area: 20000.01) == false)
        #expect(IncubatorsPlugin.meetsDensity(count: 3, area: 1000) == true)
        #expect(IncubatorsPlugin.meetsDensity(count: 10, area: nil) == nil)
        #expect(IncubatorsPlugin.meetsDensity(count: 10, area: 0) == nil)
        #expect(IncubatorsPlugin.perThousandSquareMetres(count: 60, area: 20001) == 2.99)
        #expect(IncubatorsPlugin.perThousandSquareMetres(count: 29, area: 100000) == 0.29)
        #expect(IncubatorsPlugin.perThousandSquareMetres(count: 1, area: 3) == 333.33)
    }

    @Test("longer than 48 months: entered exactly 48 months before D is not; a day earlier is")
    func overdueBoundary() throws {
        // Incubation has no public memberwise initialiser; it is Codable.
        func stay(_ entered: String, graduated: String? = nil, exited: String? = nil) throws -> Incubation {
            var fields = ["uscc": "x", "incubator": "i", "entered": entered, "intake": "local"]
            fields["graduated"] = graduated
            fields["exited"] = exited
            return try JSONDecoder().decode(Incubation.self, from: JSONEncoder().encode(fields))
        }
        let d = Day("2024-12-31")!
        #expect(!IncubatorsPlugin.isOverdue(try stay("2020-12-31"), on: d))
        #expect(IncubatorsPlugin.isOverdue(try stay("2020-12-30"), on: d))
        #expect(!IncubatorsPlugin.isOverdue(try stay("2018-01-01", graduated: "2024-12-31"), on: d), "graduated on D: no longer in incubation")
        #expect(IncubatorsPlugin.isOverdue(try stay("2018-01-01", exited: "2025-01-01"), on: d))
        // 29 February: the fourth anniversary is 29 February again.
        #expect(!IncubatorsPlugin.isOverdue(try stay("2020-02-29"), on: Day("2024-02-29")!))
        #expect(IncubatorsPlugin.isOverdue(try stay("2020-02-29"), on: Day("2024-03-01")!))
        #expect(IncubatorsPlugin.wholeMonths(from: Day("2020-12-31")!, to: d) == 48)
        #expect(IncubatorsPlugin.wholeMonths(from: Day("2020-12-30")!, to: d) == 48)
        #expect(IncubatorsPlugin.wholeMonths(from: Day("2018-01-01")!, to: d) == 83)
        #expect(IncubatorsPlugin.wholeMonths(from: Day("2021-01-31")!, to: Day("2021-02-28")!) == 0)
    }

    @Test("check counts and overdue view lists the firms over 48 months with their entry dates", arguments: Backend.testable)
    func overdueView(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "base", issued: "2019-01-01", Rec.parks + Rec.firms(1...5) + Rec.incubator("i1") + Rec.incubator("i2", park: "b"))
            try r.load(id: "inc", [
                Rec.incubation(1, "i1", entered: "2020-12-31"),                          // exactly 48 months
                Rec.incubation(2, "i1", entered: "2020-12-30", intake: "introduced"),    // 48 months and a day
                Rec.incubation(3, "i1", entered: "2019-01-01", graduated: "2024-12-31"), // graduated on D
                Rec.incubation(4, "i1", entered: "2018-01-01", exited: "2025-06-01"),    // exits after D
                Rec.incubation(5, "i2", entered: "2015-01-01"),                          // another park
            ].joined(separator: "\n"))
            #expect(try r.row("i1", "2024-12-31", ["view": "check"])["over_48_months"] == "2")
            #expect(try r.row("i2", "2024-12-31", ["view": "check"])["over_48_months"] == "1")
            let late = try r.rows("2024-12-31", ["view": "overdue", "within": "a"])
            #expect(late.map { [$0["incubator"]!, $0["uscc"]!, $0["firm"]!, $0["entered"]!, $0["intake"]!, $0["months"]!] } == [
                ["i1", Registry.uscc(4), "企业4", "2018-01-01", "local", "83"],
                ["i1", Registry.uscc(2), "企业2", "2020-12-30", "introduced", "48"],
            ])
            // The day before D, firm 2 is exactly 48 months in and firm 3 still in.
            let earlier = try r.rows("2024-12-30", ["view": "overdue", "within": "a"])
            #expect(earlier.map { $0["uscc"]! } == [Registry.uscc(4), Registry.uscc(3)])
            #expect(try r.rows("2024-12-31", ["view": "overdue"]).count == 3)
        }
    }
}
