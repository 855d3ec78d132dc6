import Testing
import Core
import RegistryTesting
import Changes

/// Parks a (430211) and b (430104); firms 1–4, 8, 10, 11 in a, 5–7 in b; one firm known by name only.
/// Between 2023-12-31 and 2024-12-31, at national level: a loses all six it counted (1 expired,
/// 2 revoked on a date, 3 revoked by a filing without a date, 4 down to provincial, 8 its last
/// designation revoked, 10 revoked on the as-of date itself); b gains 5 and 7 and keeps 6; firm 11,
/// revoked on the earlier date itself, counts on neither.
struct ChangesFixture {
    let store: any Registry

    static func uscc(_ n: Int) -> String {
        InlineRegistry.uscc(region: n >= 5 && n <= 7 ? "430104" : "430211", serial: n)
    }

    /// A national little-giant designation of firm n (line numbers below are those of `lists`).
    static func d(_ n: Int, level: String = "national", year: Int, _ extra: String = "") -> String {
        #"<designation uscc="\#(uscc(n))" program="little-giant" level="\#(level)" year="\#(year)" \#(extra)/>"#
    }

    init(incubators: Bool = false) throws {
        store = try Backend.current.makeRegistry()
        var roster = """
            <park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
            <park id="b" name="乙园区" region="430104" level="national" kind="high-tech-zone"/>
            """
        for n in 1...11 {
            roster += "\n" + #"<firm uscc="\#(Self.uscc(n))" name="企业\#(n)" region="\#(n >= 5 && n <= 7 ? "430104" : "430211")" park="\#(n >= 5 && n <= 7 ? "b" : "a")"/>"#
        }
        try InlineRegistry.load(roster, id: "roster", issued: "2020-01-01", into: store)
        // Records start on line 3 of an inline filing, one per line.
        try InlineRegistry.load([
            Self.d(1, year: 2021, #"valid-to="2024-06-30""#),                                   // 3
            Self.d(2, year: 2022, #"status="revoked" revoked-on="2024-03-01""#),                // 4
            Self.d(4, year: 2021, #"valid-to="2024-06-30""#),                                   // 5
            Self.d(4, level: "provincial", year: 2023),                                         // 6
            Self.d(5, year: 2024, #"valid-from="2024-09-01""#),                                 // 7
            Self.d(6, year: 2020),                                                              // 8
            Self.d(7, year: 2024, #"valid-from="2024-09-01""#),                                 // 9
            Self.d(7, year: 2023, #"valid-from="2024-02-01""#),                                 // 10
            Self.d(8, year: 2021, #"valid-to="2024-06-30""#),                                   // 11
            Self.d(8, year: 2022, #"status="revoked" revoked-on="2024-08-01""#),                // 12
            #"<designation firm="某某科技有限公司" region="430211" program="little-giant" level="national" year="2024" valid-from="2024-10-01"/>"#, // 13
            Self.d(10, year: 2022, #"status="revoked" revoked-on="2024-12-31""#),               // 14
            Self.d(11, year: 2022, #"status="revoked" revoked-on="2023-12-31""#),               // 15
        ].joined(separator: "\n"), id: "lists", issued: "2024-12-31", into: store)
        // A revocation without revoked-on takes effect on its filing's issue date.
        try InlineRegistry.load(Self.d(3, year: 2022, #"status="revoked""#), id: "revocations", issued: "2024-05-10", into: store)
        if incubators {
            try InlineRegistry.load("""
                <incubator id="X" name="X孵化器" kind="incubator" level="national" region="430211" park="a"/>
                <incubator id="Y" name="Y孵化器" kind="incubator" level="national" region="430104" park="b"/>
                <incubation uscc="\(Self.uscc(6))" incubator="Y" entered="2020-01-01" intake="local"/>
                <incubation uscc="\(Self.uscc(6))" incubator="X" entered="2024-03-01" intake="local"/>
                <incubation uscc="\(Self.uscc(5))" incubator="X" entered="2022-01-01" intake="local"/>
                """, id: "incubations", issued: "2024-04-01", into: store)
        }
    }

    func run(_ parameters: [String: String], asOf: String = "2024-12-31") throws -> Report {
        try ChangesPlugin().run(PluginRequest(asOf: Day(asOf)!, parameters: parameters), registry: store)
    }

    func rows(_ parameters: [String: String], asOf: String = "2024-12-31") throws -> [[String]] {
        try run(parameters, asOf: asOf).rows.map { $0.map(\.description) }
    }
}

@Suite("changes: what the lists changed between two dates")
struct ChangesPluginTests {
    let national = ["since": "2023-12-31", "by": "park"]

    @Test("per unit: before, after, gained, lost and net, the largest net gain first", arguments: Backend.testable)
    func units(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try ChangesFixture()
            let report = try f.run(national)
            #expect(report.columns.map(\.name) == ["code", "name", "before", "after", "gained", "lost", "net"])
            #expect(report.rows.map { $0.map(\.description) } == [
                ["b", "乙园区", "1", "3", "2", "0", "2"],
                ["a", "甲园区", "6", "0", "0", "6", "-6"],
            ])
            // The invariant the report rests on, on every row: after − before == gained − lost.
            for row in report.rows {
                guard case .integer(let before) = row[2], case .integer(let after) = row[3],
                      case .integer(let gained) = row[4], case .integer(let lost) = row[5], case .integer(let net) = row[6] else {
                    Issue.record("not integers: \(row)"); continue
                }
                #expect(after - before == gained - lost)
                #expect(net == after - before)
            }
            #expect(report.notes.first == "Distinct firms holding a little-giant designation at national level active on the date: 7 on 2023-12-31, 4 on 2024-12-31; gained 3, lost 6, net -3.")
            #expect(report.notes.contains("Totals of the units listed (2): before 7, after 3, gained 2, lost 6, net -4."))
            // The name-only firm has no park: counted, not placed.
            #expect(report.notes.contains("Placed in no park on one date or both, and so not listed: 1 of these firms."))
            #expect(report.filings == ["lists", "revocations"])
            #expect(report.chart == Report.Chart(.divergingBar, category: "name", values: ["gained", "lost"], valueLabel: "firms", categoryLabel: "park"))
            // By province the name-only firm counts in its stated region's unit.
            #expect(try f.rows(["since": "2023-12-31"]) == [["43", "湖南省", "7", "4", "3", "6", "-3"]])
        }
    }

    @Test("--since defaults to one year before the as-of date; a later --since is refused; the same date changes nothing", arguments: Backend.testable)
    func since(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try ChangesFixture()
            #expect(try f.rows(["by": "park"]) == f.rows(national))
            #expect(try f.run(["by": "park"]).title == "专精特新“小巨人” national level by park: changes from 2023-12-31 to 2024-12-31")
            #expect(throws: AnalysisError.badParameter(plugin: "changes", name: "since", value: "2025-01-01",
                                                       expected: "a date on or before the as-of date, 2024-12-31")) {
                try f.run(["since": "2025-01-01"])
            }
            // On one date nothing is gained or lost. On 2024-09-30 park a holds 10 alone (1, 4 and 8's 2021
            // designation have expired, 2, 3 and 8's 2022 one are revoked); b holds 5, 6 and 7. Equal nets: by code.
            #expect(try f.rows(["since": "2024-09-30", "by": "park"], asOf: "2024-09-30") == [
                ["a", "甲园区", "1", "1", "0", "0", "0"], ["b", "乙园区", "3", "3", "0", "0", "0"],
            ])
            // On 2024-05-31 park a held 1, 4, 8 and 10 (2 revoked on 2024-03-01, 3 by its filing of 2024-05-10).
            #expect(try f.rows(["since": "2024-05-31", "by": "park", "within": "a"], asOf: "2024-09-30") == [
                ["a", "甲园区", "4", "1", "0", "3", "-3"],
            ])
        }
    }

    @Test("per firm: the designation that started the counting, or the revocation, expiry or level change that stopped it", arguments: Backend.testable)
    func firms(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try ChangesFixture()
            let report = try f.run(national.merging(["view": "firms"]) { $1 })
            #expect(report.columns.map(\.name) == ["uscc", "name", "region", "code", "unit", "change", "reason", "filing", "line", "date", "detail"])
            let u = ChangesFixture.uscc
            #expect(report.rows.map { Array($0.prefix(10)).map(\.description) } == [
                [u(5), "企业5", "430104", "b", "乙园区", "gained", "designated", "lists", "7", "2024-09-01"],
                // Of two designations active on the as-of date, the one that began first.
                [u(7), "企业7", "430104", "b", "乙园区", "gained", "designated", "lists", "10", "2024-02-01"],
                [u(1), "企业1", "430211", "a", "甲园区", "lost", "expired", "lists", "3", "2024-06-30"],
                [u(2), "企业2", "430211", "a", "甲园区", "lost", "revoked", "lists", "4", "2024-03-01"],
                // No revoked-on: the revoking filing's issue date.
                [u(3), "企业3", "430211", "a", "甲园区", "lost", "revoked", "revocations", "3", "2024-05-10"],
                // Its national designation expired; its provincial one is still active.
                [u(4), "企业4", "430211", "a", "甲园区", "lost", "level-changed", "lists", "5", "2024-06-30"],
                // Of two, the last to end stopped the counting: the revocation on 2024-08-01, not the expiry.
                [u(8), "企业8", "430211", "a", "甲园区", "lost", "revoked", "lists", "12", "2024-08-01"],
                // Revoked on the as-of date itself: no longer counted that day.
                [u(10), "企业10", "430211", "a", "甲园区", "lost", "revoked", "lists", "14", "2024-12-31"],
            ])
            #expect(report.rows[5][10].description == "national 2021 valid to 2024-06-30; provincial 2023 active (lists, line 6)")
            #expect(report.rows[0][10].description == "national 2024, from 2024-09-01")
            #expect(report.filings == ["lists", "revocations"])
            #expect(report.chart == nil)
            // Provincial and above, firm 4 is counted on both dates and is not listed.
            #expect(try !f.run(["since": "2023-12-31", "by": "park", "level": "provincial", "view": "firms"]).rows.contains { $0[0] == .text(u(4)) })
            // A firm known by name only: no USCC, its name and stated region.
            let byProvince = try f.run(["since": "2023-12-31", "view": "firms"])
            let named = try #require(byProvince.rows.first { $0[1] == .text("某某科技有限公司") })
            #expect(named[0] == .null)
            #expect(Array(named[2...9]).map(\.description) == ["430211", "43", "湖南省", "gained", "designated", "lists", "13", "2024-10-01"])
            #expect(byProvince.notes.contains("Known only by name and region from lists that print no code, so with no uscc: 1 of these firms."))
            #expect(report.notes.first == "Between 2023-12-31 and 2024-12-31: gained 2, lost 6; units (park) with a change: 2. `regctl changes` without --view firms gives the counts.")
        }
    }

    @Test("by incubator, a firm counted on both dates that entered an incubator in between moved into it", arguments: Backend.testable)
    func moved(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try ChangesFixture(incubators: true)
            #expect(try f.rows(["since": "2023-12-31", "by": "incubator"]) == [
                ["X", "X孵化器", "0", "2", "2", "0", "2"], ["Y", "Y孵化器", "1", "1", "0", "0", "0"],
            ])
            let u = ChangesFixture.uscc
            #expect(try f.rows(["since": "2023-12-31", "by": "incubator", "view": "firms"]).map { Array($0.prefix(10)) } == [
                [u(5), "企业5", "430104", "X", "X孵化器", "gained", "designated", "lists", "7", "2024-09-01"],
                [u(6), "企业6", "430104", "X", "X孵化器", "gained", "moved", "incubations", "6", "2024-03-01"],
            ])
        }
    }
    @Test("a designation both revoked and expired by the as-of date is lost for whichever took effect first", arguments: Backend.testable)
    func revokedAndExpired(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try Backend.current.makeRegistry()
            let u = { InlineRegistry.uscc(region: "430211", serial: $0) }
            try InlineRegistry.load((1...3).map { #"<firm uscc="\#(u($0))" name="企业\#($0)" region="430211"/>"# }.joined(separator: "\n"),
                                    id: "roster", issued: "2020-01-01", into: store)
            try InlineRegistry.load("""
                <designation uscc="\(u(1))" program="little-giant" level="national" year="2021" valid-to="2024-06-30" status="revoked" revoked-on="2024-05-01"/>
                <designation uscc="\(u(2))" program="little-giant" level="national" year="2021" valid-to="2024-06-30" status="revoked" revoked-on="2024-09-01"/>
                <designation uscc="\(u(3))" program="little-giant" level="national" year="2021" valid-to="2024-06-30" status="revoked" revoked-on="2024-07-01"/>
                """, id: "lists", into: store)
            let rows = try ChangesPlugin().run(PluginRequest(asOf: Day("2024-12-31")!, parameters: ["view": "firms", "by": "county"]), registry: store)
                .rows.map { [$0[0], $0[6], $0[8], $0[9]].map(\.description) }
            #expect(rows == [
                [u(1), "revoked", "3", "2024-05-01"],   // revoked while valid
                [u(2), "expired", "4", "2024-06-30"],   // expired before the revocation took effect
                [u(3), "revoked", "5", "2024-07-01"],   // both take effect on 2024-07-01 (the day after valid-to): the revocation is named
            ])
        }
    }
}
