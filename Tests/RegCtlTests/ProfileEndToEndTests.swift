import Foundation
import Testing

/// samples/expected.json's `profile` object (computed independently by samples/tools/expected.py).
struct ExpectedProfile: Decodable {
    struct Incubators: Decodable {
        var count: Int
        var incubators: Int
        var maker_spaces: Int
        var national: Int
        var provincial: Int
        var area_m2: String
    }
    struct AllIncubators: Decodable {
        var count: Int
        var by_kind_level: [String: [String: Int]]
        var area_m2: String
    }
    var as_of: String
    var firms_in_incubation: Int
    var incubation_records_open: Int
    var little_giants_provincial_and_above: Int
    var little_giants_national: Int
    var rank_in_province_by_national_little_giants: Int
    var incubators_and_maker_spaces_provincial_and_above: Incubators
    var incubators_all_kinds_levels: AllIncubators
    var projects_introduced_5y: Int
    var graduated_firms: Int
    var entered_firms: Int
    var graduation_rate: Double
    var alumni_with_active_provincial_or_above_little_giant: Int
    var transfers_5y: Int
    var transfers_5y_value_total: String
    var transfers_5y_without_value: Int
    var transfers_5y_distinct_recipients: Int

    private struct File: Decodable { var profile: ExpectedProfile }

    static let value: ExpectedProfile = try! JSONDecoder().decode(
        File.self, from: Data(contentsOf: CLI.root.appendingPathComponent("samples/expected.json"))).profile
}

/// A report's rows as objects keyed by column name.
func reportRows(_ json: String) throws -> [[String: Any]] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    return try #require(object["rows"] as? [[String: Any]])
}

@Suite("profile end to end on samples/")
struct ProfileEndToEndTests {
    /// Figure → value of `regctl profile PARK --format json`.
    func figures(_ park: String) throws -> (values: [String: Double], details: [String: String], asOf: String?) {
        let r = try SampleRegistry.run(["profile", park, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var values: [String: Double] = [:], details: [String: String] = [:]
        for row in try reportRows(r.stdout) {
            let figure = try #require(row["figure"] as? String)
            if let v = row["value"] as? NSNumber { values[figure] = v.doubleValue }
            details[figure] = row["detail"] as? String
        }
        return (values, details, object["as_of"] as? String)
    }

    @Test("regctl profile zz-htz gives expected.json's figures", arguments: ["zz-htz", "株洲高新区"])
    func figuresAgree(park: String) throws {
        let e = ExpectedProfile.value, i = e.incubators_and_maker_spaces_provincial_and_above
        let (f, details, asOf) = try figures(park)
        #expect(asOf == e.as_of)
        let expected: [String: Int] = [
            "firms_in_incubation": e.firms_in_incubation,
            "little_giants_provincial_and_above": e.little_giants_provincial_and_above,
            "little_giants_national": e.little_giants_national,
            "rank_in_province_by_national_little_giants": e.rank_in_province_by_national_little_giants,
            "incubators_and_maker_spaces_provincial_and_above": i.count,
            "incubators_provincial_and_above": i.incubators,
            "maker_spaces_provincial_and_above": i.maker_spaces,
            "national_incubators_and_maker_spaces": i.national,
            "provincial_incubators_and_maker_spaces": i.provincial,
            "projects_introduced_5y": e.projects_introduced_5y,
            "transfers_5y": e.transfers_5y,
            "transfers_5y_recipients": e.transfers_5y_distinct_recipients,
        ]
        for (figure, value) in expected { #expect(f[figure] == Double(value), "\(figure)") }
        #expect(f["incubation_area_m2"] == Double(i.area_m2))
        let total = try #require(Double(e.transfers_5y_value_total))
        #expect(abs((f["transfers_5y_value"] ?? 0) - total) < 0.005)
        #expect(details["transfers_5y_value"] == "¥264,581,167.14 in all; \(e.transfers_5y_without_value) transfers state no value")
        #expect(details["rank_in_province_by_national_little_giants"]?.contains("湖南省") == true)
        // The newspaper's figures, as the issue states them.
        #expect((1400..<1500).contains(f["firms_in_incubation"] ?? 0))
        #expect(f["incubation_area_m2"] ?? 0 > 3_000_000)
        #expect(f["projects_introduced_5y"] ?? 0 >= 840)
        #expect(f["transfers_5y"] ?? 0 >= 150)
    }

    @Test("the park by id and by short name give the same report; table output lists every figure")
    func sameByName() throws {
        let byID = try SampleRegistry.run(["profile", "zz-htz", "--format", "json"])
        let byName = try SampleRegistry.run(["profile", "株洲高新区", "--format", "json"])
        #expect(byID.status == 0 && byName.status == 0)
        #expect(byID.stdout == byName.stdout)
        let table = try SampleRegistry.run(["profile", "株洲高新区"])
        #expect(table.stdout.hasPrefix("株洲高新区 in figures — as of 2024-12-31"))
        #expect(table.stdout.contains("firms_in_incubation"))
        let unknown = try SampleRegistry.run(["profile", "火星高新区"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("火星高新区"))
        let missing = try SampleRegistry.run(["profile"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("missing <park>"))
    }
}

@Suite("incubators end to end on samples/")
struct IncubatorsEndToEndTests {
    @Test("regctl incubators: zz-htz's row agrees with expected.json")
    func parkRow() throws {
        let r = try SampleRegistry.run(["incubators", "--within", "43", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(try reportRows(r.stdout).first { $0["code"] as? String == "zz-htz" })
        let e = ExpectedProfile.value, all = e.incubators_all_kinds_levels
        #expect(row["in_incubation"] as? Int == e.firms_in_incubation)
        #expect(row["entered"] as? Int == e.entered_firms)
        #expect(row["graduated"] as? Int == e.graduated_firms)
        #expect(row["graduation_rate"] as? Double == e.graduation_rate)
        #expect(row["projects_introduced_5y"] as? Int == e.projects_introduced_5y)
        #expect(row["alumni_little_giants"] as? Int == e.alumni_with_active_provincial_or_above_little_giant)
        #expect(row["incubators"] as? Int == all.count)
        #expect(row["area_m2"] as? Double == Double(all.area_m2))
        for (kind, column) in [("incubator", "incubator"), ("maker-space", "maker_space"), ("accelerator", "accelerator")] {
            #expect(row[column] as? Int == all.by_kind_level[kind]?.values.reduce(0, +), "\(kind)")
        }
        for level in ["national", "provincial", "municipal"] {
            #expect(row[level] as? Int == all.by_kind_level.values.compactMap { $0[level] }.reduce(0, +), "\(level)")
        }
        // 株洲高新区 has the most firms in incubation of Hunan's parks: first row.
        #expect(try reportRows(r.stdout).first?["code"] as? String == "zz-htz")
    }

    @Test("check and overdue views run on the samples and agree with each other")
    func checkAndOverdue() throws {
        let check = try reportRows(SampleRegistry.run(["incubators", "--view", "check", "--within", "zz-htz", "--format", "json"]).stdout)
        #expect(check.count == ExpectedProfile.value.incubators_all_kinds_levels.count)
        let inIncubation = check.compactMap { $0["in_incubation"] as? Int }.reduce(0, +)
        #expect(inIncubation == ExpectedProfile.value.incubation_records_open)  // no firm is in two at once here
        let overdue = try reportRows(SampleRegistry.run(["incubators", "--view", "overdue", "--within", "zz-htz", "--format", "json"]).stdout)
        #expect(!overdue.isEmpty)
        #expect(overdue.count == check.compactMap { $0["over_48_months"] as? Int }.reduce(0, +))
        #expect(overdue.allSatisfy { ($0["entered"] as? String ?? "9") < "2020-12-31" })
    }
}
