import Foundation
import Testing
import Core
import RegistryTesting
import Ranking

@Suite("explain: the firms behind one row of rank, read and counted as rank reads and counts")
struct ExplainTests {
    /// Parks a, b, c; firms 1…9; designations of every kind that rank must leave out or count:
    /// expired, revoked, municipal, provincial, national, a later batch, an incubator's firms.
    func registry() throws -> Fixture {
        let f = try RankPluginTests().base()
        let rt = RankPluginTests()
        try f.load(id: "inc", issued: "2020-06-01", """
            <incubator id="i1" name="孵化器一" kind="incubator" level="national" region="430211" park="a"/>
            <incubator id="i2" name="孵化器二" kind="incubator" level="provincial" region="430104" park="b"/>
            <incubation uscc="\(Fixture.uscc("430211", 1))" incubator="i1" entered="2019-01-01" intake="local"/>
            <incubation uscc="\(Fixture.uscc("430211", 2))" incubator="i1" entered="2019-01-01" intake="local" graduated="2021-01-01"/>
            <incubation uscc="\(Fixture.uscc("430104", 5))" incubator="i2" entered="2019-01-01" intake="local"/>
            """)
        try f.load(id: "lists", issued: "2023-01-01", [
            rt.d(1), rt.d(2, level: "provincial"), rt.d(3, level: "municipal"),
            rt.d(4, extra: #"valid-from="2021-07-01" valid-to="2022-06-30""#),
            rt.d(5), rt.d(6, level: "provincial", year: 2022), rt.d(7, extra: #"status="revoked" revoked-on="2022-03-01""#),
            rt.d(8), rt.d(9, level: "provincial"),
        ].joined(separator: "\n"))
        return f
    }

    @Test("for every unit of every ranking, explain lists as many distinct firms as rank counts", arguments: Backend.testable)
    func countsAgree(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try registry()
            let asOf = Day("2024-12-31")!
            var checked = 0
            for by in UnitKind.allCases {
                for level in Level.allCases {
                    for cumulative in [false, true] {
                        let query = RankQuery(level: level, cumulative: cumulative, by: by)
                        let ranked = try RankPlugin().rank(query, asOf: asOf, asOfSource: "test", registry: f.store)
                        for row in ranked.rows {
                            let code = row[1].description, count = row[3].description
                            let explained = try RankPlugin().explain(query, unit: code, asOf: asOf, asOfSource: "test", registry: f.store)
                            let firms = Set(explained.rows.map { $0[0].description + $0[1].description })
                            #expect(String(firms.count) == count, "\(by) \(level) cumulative \(cumulative) \(code)")
                            #expect(explained.notes.first?.contains("\(Plural.of(Int(count) ?? -1, "distinct firm")): rank \(row[0])") == true)
                            checked += 1
                        }
                    }
                }
            }
            #expect(checked > 20, "the rankings have rows to explain")
        }
    }

    @Test("the command line's explain takes rank's parameters and the unit, and gives the same rows", arguments: Backend.testable)
    func throughRun(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try registry()
            let request = PluginRequest(asOf: Day("2024-12-31")!, parameters: ["level": "provincial", "by": "park", "unit": "甲园区"])
            let viaRun = try ExplainPlugin().run(request, registry: f.store)
            let typed = try RankPlugin().explain(RankQuery(level: .provincial, by: .park), unit: "a", asOf: Day("2024-12-31")!, asOfSource: "--as-of", registry: f.store)
            #expect(viaRun == typed)
            #expect(Set(viaRun.rows.map { $0[0].description }).count == 2, "firms 1 and 2 of park a; 3 is municipal, 4 expired")
        }
    }

    @Test("a unit not in the ranking is not found, with the nearest units; a bad --within is refused as rank refuses it", arguments: Backend.testable)
    func notFound(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let f = try registry()
            let asOf = Day("2024-12-31")!
            #expect {
                try RankPlugin().explain(RankQuery(by: .park), unit: "aa", asOf: asOf, asOfSource: "test", registry: f.store)
            } throws: { error in
                guard case .notFound(plugin: "explain", let message)? = error as? AnalysisError else { return false }
                return message.text.hasPrefix("no park 'aa' in this ranking") && message.text.contains("did you mean a (甲园区)")
            }
            #expect(throws: AnalysisError.self) {
                try RankPlugin().explain(RankQuery(by: .park, within: "zz"), unit: "a", asOf: asOf, asOfSource: "test", registry: f.store)
            }
        }
    }

    @Test("explain's parameters are rank's (but --top and --chart) and the unit: none re-declared")
    func parameters() {
        let rank = RankPlugin.descriptor.parameters.filter { $0.name != "top" && $0.name != "chart" }
        #expect(Array(ExplainPlugin.descriptor.parameters.dropLast()) == rank)
        #expect(ExplainPlugin.descriptor.parameters.last?.name == "unit" && ExplainPlugin.descriptor.parameters.last?.positional == true)
    }

    @Test("a RankQuery written as parameters reads back as itself", arguments: [
        RankQuery(),
        RankQuery(program: .specializedSME, level: .provincial, exact: true, by: .prefecture, within: "43", top: 5),
        RankQuery(cumulative: true, by: .province, plannedCities: .separate),
        RankQuery(by: .province, chart: .map),
    ])
    func roundTrip(query: RankQuery) throws {
        let p = try Parameters(PluginRequest(asOf: Day("2024-12-31")!, parameters: query.parameters), descriptor: RankPlugin.descriptor)
        #expect(try RankQuery(p) == query)
    }
}
