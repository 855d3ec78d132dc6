import Foundation
import Testing
import Core
import RegistryTesting
import Changes
import Ranking

/// `changes` is the difference of two `rank` runs: checked on the samples through the built regctl,
/// and in process on a registry built inline, for many options.
@Suite("changes: end to end, against rank and explain")
struct ChangesEndToEndTests {
    static let zhuzhou = ["--since", "2023-12-31", "--by", "park", "--within", "43", "--level", "national"]

    /// code → count of a `rank --format json` run.
    func rankCounts(_ arguments: [String], on backend: Backend) throws -> [String: Int] {
        let r = try SampleRegistry.run(["rank"] + arguments + ["--format", "json"], on: backend)
        #expect(r.status == 0, "\(r.stderr)")
        return Dictionary(uniqueKeysWithValues: try CLI.rows(r.stdout, columns: ["code", "count"]).map { ($0[0], Int($0[1])!) })
    }

    /// The USCCs (or names, for firms known by name only) `explain` lists for one unit.
    func explained(_ unit: String, _ arguments: [String], on backend: Backend) throws -> Set<String> {
        let r = try SampleRegistry.run(["explain"] + arguments + [unit, "--format", "json"], on: backend)
        #expect(r.status == 0, "\(r.stderr)")
        return Set(try CLI.rows(r.stdout, columns: ["uscc", "name"]).map { $0[0] == "(none)" ? $0[1] : $0[0] })
    }

    @Test("on the samples, 株洲高新区's 2024: before and after are rank's counts on the two dates, every unit's net is gained − lost",
          arguments: Backend.testable)
    func zhuzhouUnits(backend: Backend) throws {
        let r = try SampleRegistry.run(["changes"] + Self.zhuzhou + ["--format", "json"], on: backend)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try CLI.rows(r.stdout, columns: ["code", "name", "before", "after", "gained", "lost", "net"])
        let rankOptions = ["--level", "national", "--by", "park", "--within", "43"]
        let before = try rankCounts(rankOptions + ["--as-of", "2023-12-31"], on: backend)
        let after = try rankCounts(rankOptions, on: backend)
        // One row for every unit with a firm counted on either date.
        #expect(Set(rows.map { $0[0] }) == Set(before.keys).union(after.keys))
        for row in rows {
            let n = row[2...].map { Int($0)! }
            #expect(n[0] == before[row[0], default: 0], "\(row)")
            #expect(n[1] == after[row[0], default: 0], "\(row)")
            #expect(n[1] - n[0] == n[2] - n[3], "\(row)")
            #expect(n[4] == n[1] - n[0], "\(row)")
        }
        // Nets descending, then codes.
        let order = rows.map { (-Int($0[6])!, $0[0]) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 <= $1 })
        // 株洲高新区 kept 25: four gained from the 2024 batch, four lost.
        #expect(rows.first { $0[0] == "zz-htz" } == ["zz-htz", "株洲高新区", "25", "25", "4", "4", "0"])
        #expect(rows.first == ["cs-htz", "长沙高新区", "38", "41", "6", "3", "3"])
    }

    @Test("on the samples, --view firms names 株洲高新区's firms: explain's lists on the two dates, differenced, and why",
          arguments: Backend.testable)
    func zhuzhouFirms(backend: Backend) throws {
        let r = try SampleRegistry.run(["changes"] + Self.zhuzhou + ["--view", "firms", "--format", "json"], on: backend)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try CLI.rows(r.stdout, columns: ["uscc", "name", "code", "change", "reason", "filing", "line", "date"]).filter { $0[2] == "zz-htz" }
        let options = ["--level", "national", "--by", "park", "--within", "43"]
        let before = try explained("zz-htz", options + ["--as-of", "2023-12-31"], on: backend)
        let after = try explained("zz-htz", options, on: backend)
        #expect(Set(rows.filter { $0[3] == "gained" }.map { $0[0] }) == after.subtracting(before))
        #expect(Set(rows.filter { $0[3] == "lost" }.map { $0[0] }) == before.subtracting(after))
        #expect(rows.map { [$0[1], $0[3], $0[4], $0[5], $0[6], $0[7]] } == [
            ["株洲天鼎医疗器械科技有限公司", "gained", "designated", "MIIT-LG-2024-B6", "10", "2024-09-01"],
            ["株洲邦通合金材料科技有限公司", "gained", "designated", "MIIT-LG-2024-B6", "8", "2024-09-01"],
            ["湖南拓锋精密机械科技有限公司", "gained", "designated", "MIIT-LG-2024-B6", "6", "2024-09-01"],
            ["株洲盛兴轨道科技有限公司", "gained", "designated", "MIIT-LG-2024-B6", "4", "2024-09-01"],
            ["株洲安博电子材料股份有限公司", "lost", "revoked", "MIIT-LG-2024-REVOKE", "8", "2024-06-14"],
            ["株洲卓岳自动化有限公司", "lost", "level-changed", "MIIT-LG-2021-B3", "10", "2024-07-31"],
            ["株洲润远传感技术有限公司", "lost", "level-changed", "MIIT-LG-2021-B3", "8", "2024-07-31"],
            ["株洲达衡航空科技有限公司", "lost", "expired", "MIIT-LG-2021-B3", "12", "2024-07-31"],
        ])
    }

    @Test("on the samples, every format renders; svg is a diverging bar chart of gained and lost")
    func formats() throws {
        for format in ["table", "csv", "md"] {
            let r = try SampleRegistry.run(["changes"] + Self.zhuzhou + ["--format", format])
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(r.stdout.contains("株洲高新区"), "\(format)")
        }
        let csv = try SampleRegistry.run(["changes"] + Self.zhuzhou + ["--view", "firms", "--format", "csv"])
        #expect(csv.stdout.split(whereSeparator: \.isNewline).first == "uscc,name,region,code,unit,change,reason,filing,line,date,detail")
        let svg = try SampleRegistry.run(["changes"] + Self.zhuzhou + ["--format", "svg"])
        #expect(svg.status == 0, "\(svg.stderr)")
        let (error, xml) = XMLCheck.parse(svg.stdout)
        #expect(error == nil, "\(error ?? "")")
        for label in ["株洲高新区", "长沙高新区", "gained", "lost", "firms", "park", "+3", "-1"] { #expect(xml.texts.contains(label), "\(label)") }
        #expect(xml.texts.contains("长沙高新区 · lost: -3"))
        let firms = try SampleRegistry.run(["changes"] + Self.zhuzhou + ["--view", "firms", "--format", "svg"])
        #expect(firms.status == 64)
    }

    /// Hunan parks a and b, Guangdong park c, Shenzhen (a planned city) park d; incubators in a and b;
    /// designations at every level beginning, ending and being revoked across 2022–2024.
    func registry() throws -> any Registry {
        let store = try Backend.current.makeRegistry()
        let regions = ["430211", "430104", "440105", "440305"], parks = ["a", "b", "c", "d"]
        var roster = """
            <park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
            <park id="b" name="乙园区" region="430104" level="national" kind="high-tech-zone"/>
            <park id="c" name="丙园区" region="440105" level="national" kind="high-tech-zone"/>
            <park id="d" name="丁园区" region="440305" level="national" kind="high-tech-zone"/>
            <incubator id="X" name="X孵化器" kind="incubator" level="national" region="430211" park="a"/>
            <incubator id="Y" name="Y孵化器" kind="incubator" level="national" region="430104" park="b"/>
            """
        var lists: [String] = [], incubations: [String] = []
        let levels = ["national", "provincial", "municipal"]
        for n in 1...40 {
            let region = regions[n % 4], uscc = InlineRegistry.uscc(region: region, serial: n)
            roster += "\n" + #"<firm uscc="\#(uscc)" name="企业\#(n)" region="\#(region)"\#(n % 5 == 0 ? "" : #" park="\#(parks[n % 4])""#)/>"#
            // A deterministic spread: levels, years, validity ends and revocations around the dates compared.
            let level = levels[n % 3], year = 2021 + n % 4
            var extra = ""
            switch n % 6 {
            case 0: extra = #"valid-to="2024-0\#(1 + n % 9)-15""#
            case 1: extra = #"status="revoked" revoked-on="202\#(3 + n % 2)-0\#(1 + n % 9)-01""#
            case 2: extra = #"valid-from="2024-0\#(1 + n % 9)-10""#
            default: break
            }
            lists.append(#"<designation uscc="\#(uscc)" program="little-giant" level="\#(level)" year="\#(year)" \#(extra)/>"#)
            if n % 7 == 0 { lists.append(#"<designation uscc="\#(uscc)" program="little-giant" level="\#(levels[(n + 1) % 3])" year="2020"/>"#) }
            if n % 3 == 0 { incubations.append(#"<incubation uscc="\#(uscc)" incubator="\#(n % 2 == 0 ? "X" : "Y")" entered="202\#(2 + n % 3)-06-01" intake="local"/>"#) }
        }
        lists.append(#"<designation firm="某某科技有限公司" region="430211" program="little-giant" level="national" year="2024" valid-from="2024-03-01"/>"#)
        try InlineRegistry.load(roster, id: "roster", issued: "2020-01-01", into: store)
        try InlineRegistry.load(lists.joined(separator: "\n"), id: "lists", issued: "2024-12-31", into: store)
        try InlineRegistry.load(incubations.joined(separator: "\n"), id: "incubations", issued: "2024-12-31", into: store)
        return store
    }

    @Test("on a registry built inline, for every option: before and after are rank's counts, net = gained − lost, and the firms view lists exactly the differences",
          arguments: Backend.testable)
    func againstRank(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try registry()
            let optionSets: [[String: String]] = [
                [:], ["by": "park"], ["by": "prefecture", "within": "43"], ["by": "county"], ["by": "incubator"],
                ["level": "provincial", "by": "park"], ["level": "provincial", "exact": "true", "by": "park"],
                ["level": "municipal", "by": "province", "planned-cities": "separate"], ["level": "municipal", "by": "incubator", "within": "a"],
            ]
            let datePairs = [("2023-12-31", "2024-12-31"), ("2024-03-01", "2024-09-30"), ("2022-06-01", "2024-06-01"), ("2024-05-01", "2024-05-01")]
            var changed = 0
            for options in optionSets {
                for (since, asOf) in datePairs {
                    func rank(_ date: String) throws -> [String: Int] {
                        let report = try RankPlugin().run(PluginRequest(asOf: Day(date)!, parameters: options), registry: store)
                        return Dictionary(uniqueKeysWithValues: report.rows.map { ($0[1].description, Int($0[3].description)!) })
                    }
                    let request = PluginRequest(asOf: Day(asOf)!, parameters: options.merging(["since": since]) { $1 })
                    let units = try ChangesPlugin().run(request, registry: store)
                    let firms = try ChangesPlugin().run(PluginRequest(asOf: Day(asOf)!, parameters: request.parameters.merging(["view": "firms"]) { $1 }), registry: store)
                    let before = try rank(since), after = try rank(asOf)
                    let label = "\(options) \(since)…\(asOf)"
                    #expect(Set(units.rows.map { $0[0].description }) == Set(before.keys).union(after.keys), "\(label)")
                    for row in units.rows {
                        let code = row[0].description, n = row[2...].map { Int($0.description)! }
                        #expect(n[0] == before[code, default: 0] && n[1] == after[code, default: 0], "\(label) \(code)")
                        #expect(n[1] - n[0] == n[2] - n[3] && n[4] == n[1] - n[0], "\(label) \(code)")
                        #expect(firms.rows.filter { $0[3].description == code && $0[5] == .text("gained") }.count == n[2], "\(label) \(code)")
                        #expect(firms.rows.filter { $0[3].description == code && $0[5] == .text("lost") }.count == n[3], "\(label) \(code)")
                        changed += n[2] + n[3]
                    }
                    // Every firm row cites a fact: a filing, a line and a date.
                    for row in firms.rows { #expect(row[7] != .null && row[8] != .null && row[9] != .null, "\(label) \(row)") }
                }
            }
            // The spread does change things (the checks above are not vacuous).
            #expect(changed > 50)
        }
    }
}
