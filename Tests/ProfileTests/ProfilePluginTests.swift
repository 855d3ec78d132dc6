import Foundation
import Testing
import Core
import RegistryTesting
import Profile

/// An in-memory registry filled from inline XML records, and the plugin run on it.
struct Registry {
    let store: any Core.Registry

    init() throws { store = try Backend.current.makeRegistry() }

    /// A valid USCC for firm `n` registered in `region`.
    static func uscc(_ n: Int, region: String = "430211") -> String {
        InlineRegistry.uscc(region: region, serial: n)
    }

    func load(id: String, issued: String = "2024-12-31", _ records: [String]) throws {
        try InlineRegistry.load(records.joined(separator: "\n"), id: id, issued: issued, into: store)
    }

    func report(_ park: String, _ asOf: String = "2024-12-31") throws -> Report {
        try ProfilePlugin().run(PluginRequest(asOf: Day(asOf)!, parameters: ["park": park]), registry: store)
    }

    /// Figure name → value.
    func figures(_ park: String, _ asOf: String = "2024-12-31") throws -> [String: Report.Value] {
        let r = try report(park, asOf)
        let figure = try #require(r.columns.firstIndex { $0.name == "figure" })
        let value = try #require(r.columns.firstIndex { $0.name == "value" })
        return Dictionary(uniqueKeysWithValues: r.rows.map { row in (row[figure].description, row[value]) })
    }
}

/// Records for the tests. Parks a, b in 湖南省 and c in 广东省; firm n lies in the park given.
enum Rec {
    static func firm(_ n: Int, park: String?) -> String {
        let region = park == "c" ? "440305" : park == "b" ? "430104" : "430211"
        return #"<firm uscc="\#(Registry.uscc(n))" name="企业\#(n)" region="\#(region)"\#(park.map { #" park="\#($0)""# } ?? "")/>"#
    }

    static func littleGiant(_ n: Int, level: String, year: Int = 2023, extra: String = "") -> String {
        #"<designation uscc="\#(Registry.uscc(n))" program="little-giant" level="\#(level)" year="\#(year)" \#(extra)/>"#
    }

    static func incubator(_ id: String, kind: String, level: String, park: String? = "a", area: String? = nil) -> String {
        var s = #"<incubator id="\#(id)" name="\#(id)名" kind="\#(kind)" level="\#(level)" region="430211""#
        if let park { s += #" park="\#(park)""# }
        if let area { s += #" area-m2="\#(area)""# }
        return s + "/>"
    }

    static func incubation(_ n: Int, _ incubator: String, entered: String, intake: String = "local", graduated: String? = nil) -> String {
        #"<incubation uscc="\#(Registry.uscc(n))" incubator="\#(incubator)" entered="\#(entered)" intake="\#(intake)"\#(graduated.map { #" graduated="\#($0)""# } ?? "")/>"#
    }

    static func transfer(_ id: String, to n: Int, signed: String, value: String? = nil) -> String {
        #"<transfer id="\#(id)" title="成果\#(id)" source="某大学" source-kind="university" recipient="\#(Registry.uscc(n))" mode="license" channel="local" signed="\#(signed)"\#(value.map { #" value="\#($0)""# } ?? "")/>"#
    }

    static let parks = [
        #"<park id="a" name="甲高新技术产业开发区" short-name="甲高新区" region="430211" level="national" kind="high-tech-zone"/>"#,
        #"<park id="b" name="乙高新技术产业开发区" short-name="乙高新区" region="430104" level="national" kind="high-tech-zone"/>"#,
        #"<park id="c" name="丙高新技术产业开发区" region="440305" level="national" kind="high-tech-zone"/>"#,
    ]
}

@Suite("profile: one park in figures")
struct ProfilePluginTests {
    @Test("little giants provincial-and-above and national, and the rank in the province by national ones", arguments: Backend.testable)
    func littleGiants(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "firms", issued: "2019-01-01", Rec.parks + (1...8).map { Rec.firm($0, park: "a") }
                + (11...13).map { Rec.firm($0, park: "b") } + (21...25).map { Rec.firm($0, park: "c") } + [Rec.firm(30, park: nil)])
            try r.load(id: "lg", [
                Rec.littleGiant(1, level: "national"), Rec.littleGiant(1, level: "provincial"),  // once
                Rec.littleGiant(2, level: "national", year: 2020), Rec.littleGiant(2, level: "national", year: 2023),  // once
                Rec.littleGiant(3, level: "provincial"),
                Rec.littleGiant(4, level: "municipal"),                                           // below provincial
                Rec.littleGiant(5, level: "provincial", extra: #"valid-to="2024-12-30""#),        // expired the day before D
                Rec.littleGiant(6, level: "provincial", extra: #"valid-to="2024-12-31""#),        // valid-to D: counts
                Rec.littleGiant(7, level: "national", extra: #"status="revoked" revoked-on="2024-12-31""#),  // revoked on D
                Rec.littleGiant(8, level: "national", extra: #"status="revoked" revoked-on="2025-03-01""#),  // revoked after D: counts
            ] + (11...13).map { Rec.littleGiant($0, level: "national") } + (21...25).map { Rec.littleGiant($0, level: "national") }
                + [Rec.littleGiant(30, level: "national")])
            let f = try r.figures("a")
            #expect(f["little_giants_provincial_and_above"] == .integer(5))  // 1, 2, 3, 6, 8
            #expect(f["little_giants_national"] == .integer(3))              // 1, 2, 8
            // In 湖南省: b has 3, a has 3 → both first (ties by code); c (广东省) and the parkless firm do not count.
            #expect(f["rank_in_province_by_national_little_giants"] == .integer(1))
            #expect(try r.figures("b")["rank_in_province_by_national_little_giants"] == .integer(1))
            #expect(try r.figures("c")["rank_in_province_by_national_little_giants"] == .integer(1))
            // A day earlier firm 7 still counts for a: 4 against 3, so b is second.
            #expect(try r.figures("a", "2024-12-30")["little_giants_national"] == .integer(4))
            #expect(try r.figures("b", "2024-12-30")["rank_in_province_by_national_little_giants"] == .integer(2))
            #expect(try r.figures("a", "2024-12-30")["little_giants_provincial_and_above"] == .integer(7))  // + 5 and 7
            let detail = try r.report("b", "2024-12-30").rows.first { $0[0] == .text("rank_in_province_by_national_little_giants") }?[4]
            #expect(detail == .text("among the 2 parks of 湖南省 with national little giants; first 甲高新区 (4)"))
        }
    }

    @Test("firms a list names without a code have no park: the notes say how many of the province's there are", arguments: Backend.testable)
    func provisional(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "firms", issued: "2019-01-01", Rec.parks + [Rec.firm(1, park: "a")])
            try r.load(id: "lg", [Rec.littleGiant(1, level: "national"),
                #"<designation firm="无码甲公司" region="湖南省" program="little-giant" level="national" year="2023"/>"#,
                #"<designation firm="无码乙公司" region="430211" program="little-giant" level="provincial" year="2023"/>"#,
                #"<designation firm="无码丙公司" region="广东省" program="little-giant" level="national" year="2023"/>"#,
                #"<designation firm="无码丁公司" region="湖南省" program="little-giant" level="municipal" year="2023"/>"#])
            let notes = try r.report("a").notes
            // 甲 and 乙 in 湖南省 at provincial level or above; 丙 lies in 广东省 and 丁 is municipal.
            #expect(notes.contains { $0.hasPrefix("2 provincial-and-above little giants in 湖南省 are known only by name") }, "\(notes)")
            #expect(try r.figures("a")["little_giants_national"] == .integer(1))
            // 广东省's park sees 广东省's: 丙 only.
            #expect(try r.report("c").notes.contains { $0.hasPrefix("1 provincial-and-above little giant in 广东省 is known only by name") })
        }
    }

    @Test("a park without a national little giant has no rank: null, and the detail says why", arguments: Backend.testable)
    func unranked(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "firms", issued: "2019-01-01", Rec.parks + [Rec.firm(1, park: "a"), Rec.firm(11, park: "b")])
            try r.load(id: "lg", [Rec.littleGiant(1, level: "provincial"), Rec.littleGiant(11, level: "national")])
            let f = try r.figures("a")
            #expect(f["rank_in_province_by_national_little_giants"] == .null)
            #expect(f["little_giants_provincial_and_above"] == .integer(1))
            #expect(f["little_giants_national"] == .integer(0))
            let detail = try r.report("a").rows.first { $0[0] == .text("rank_in_province_by_national_little_giants") }?[4]
            #expect(detail == .text("the park has no national little giant, so it is not ranked in 湖南省"))
        }
    }

    @Test("incubation: firms in incubation in the park's incubators of every kind; provincial-and-above incubators and maker spaces and their area", arguments: Backend.testable)
    func incubation(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "firms", issued: "2019-01-01", Rec.parks + (1...9).map { Rec.firm($0, park: "a") } + [
                Rec.incubator("i1", kind: "incubator", level: "national", area: "1000"),
                Rec.incubator("i2", kind: "maker-space", level: "provincial", area: "2000"),
                Rec.incubator("i3", kind: "accelerator", level: "provincial", area: "500"),  // accelerators excluded
                Rec.incubator("i4", kind: "incubator", level: "municipal", area: "300"),     // below provincial
                Rec.incubator("i5", kind: "maker-space", level: "national"),                 // no area
                Rec.incubator("i6", kind: "incubator", level: "national", park: "b", area: "9999"),
                Rec.incubator("i7", kind: "incubator", level: "national", park: nil, area: "7777"),  // in a's region, in no park
            ])
            try r.load(id: "inc", [
                Rec.incubation(1, "i1", entered: "2021-01-01"),
                Rec.incubation(1, "i2", entered: "2022-01-01"),                            // the same firm: once
                Rec.incubation(2, "i3", entered: "2021-01-01"),                            // an accelerator's firm counts
                Rec.incubation(3, "i4", entered: "2021-01-01", graduated: "2024-12-31"),   // graduated on D: out
                Rec.incubation(4, "i2", entered: "2024-12-31", intake: "introduced"),      // entered on D: in, and a project
                Rec.incubation(5, "i6", entered: "2021-01-01", intake: "introduced"),      // another park
                Rec.incubation(6, "i7", entered: "2021-01-01"),                            // no park
                Rec.incubation(7, "i1", entered: "2019-12-31", intake: "introduced"),      // the day before the window
                Rec.incubation(8, "i4", entered: "2020-01-01", intake: "introduced", graduated: "2022-01-01"),  // first day
                Rec.incubation(9, "i5", entered: "2023-01-01", intake: "spinoff"),
            ])
            let f = try r.figures("a")
            #expect(f["firms_in_incubation"] == .integer(5))  // 1, 2, 4, 7, 9
            #expect(f["incubators_and_maker_spaces_provincial_and_above"] == .integer(3))  // i1, i2, i5
            #expect(f["incubators_provincial_and_above"] == .integer(1))
            #expect(f["maker_spaces_provincial_and_above"] == .integer(2))
            #expect(f["national_incubators_and_maker_spaces"] == .integer(2))
            #expect(f["provincial_incubators_and_maker_spaces"] == .integer(1))
            #expect(f["incubation_area_m2"] == .number(3000))
            #expect(f["projects_introduced_5y"] == .integer(2))  // 4 (on D) and 8 (first day)
            let report = try r.report("a")
            #expect(report.notes.contains("1 provincial-or-above accelerators of the park are not among the incubators and maker spaces counted."))
            #expect(report.rows.first { $0[0] == .text("incubation_area_m2") }?[4] == .text("stated area of those 3; 1 state none"))
            // The day before D: firm 3 is still in, firm 4 not yet; firm 7 enters the window.
            #expect(!report.notes.contains { $0.contains("described by filings issued after") })
            #expect(try r.report("a", "2018-12-31").notes.contains { $0.hasPrefix("5 of the park's incubators are described by filings issued after 2018-12-31") })
            let earlier = try r.figures("a", "2024-12-30")
            #expect(earlier["firms_in_incubation"] == .integer(5))  // 1, 2, 3, 7, 9
            #expect(earlier["projects_introduced_5y"] == .integer(2))  // 7 and 8
        }
    }

    @Test("transfers: to firms whose current park is the park, signed in the window; the first day counts, the day before does not", arguments: Backend.testable)
    func transfers(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "firms-old", issued: "2019-01-01", Rec.parks + [Rec.firm(1, park: "a"), Rec.firm(2, park: "a"), Rec.firm(3, park: "b"), Rec.firm(4, park: "b"), Rec.firm(5, park: "a")])
            try r.load(id: "firms-new", issued: "2024-06-30", [Rec.firm(4, park: "a"), Rec.firm(5, park: "b")])  // 4 moves into a, 5 out
            try r.load(id: "tr", [
                Rec.transfer("t1", to: 1, signed: "2019-12-31", value: "5"),        // the day before the window
                Rec.transfer("t2", to: 1, signed: "2020-01-01", value: "100.50"),   // first day
                Rec.transfer("t3", to: 2, signed: "2024-12-31"),                    // D, no value
                Rec.transfer("t4", to: 2, signed: "2025-01-01", value: "7"),        // after D
                Rec.transfer("t5", to: 3, signed: "2022-01-01", value: "8"),        // another park
                Rec.transfer("t6", to: 4, signed: "2021-01-01", value: "10"),       // now in a: counts
                Rec.transfer("t7", to: 5, signed: "2021-01-01", value: "11"),       // was in a, now in b
            ])
            let f = try r.figures("a")
            #expect(f["transfers_5y"] == .integer(3))                // t2, t3, t6
            #expect(f["transfers_5y_value"] == .number(110.5))
            #expect(f["transfers_5y_recipients"] == .integer(3))     // 1, 2, 4
            let detail = try r.report("a").rows.first { $0[0] == .text("transfers_5y_value") }?[4]
            #expect(detail == .text("¥110.5 in all; 1 transfer states no value"))
            // The window ending the day before D begins on 2019-12-31: t1 in, t3 out.
            let earlier = try r.figures("a", "2024-12-30")
            #expect(earlier["transfers_5y"] == .integer(3))          // t1, t2, t6
            #expect(earlier["transfers_5y_value"] == .number(115.5))
        }
    }

    @Test("the park is named by id, name or short name; an unknown one is refused", arguments: Backend.testable)
    func naming(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try Registry()
            try r.load(id: "parks", issued: "2019-01-01", Rec.parks)
            #expect(try r.report("a").title == "甲高新区 in figures")
            #expect(try r.report("甲高新区").title == "甲高新区 in figures")
            #expect(try r.report("甲高新技术产业开发区").title == "甲高新区 in figures")
            #expect(try r.report(" 甲高新区 ").title == "甲高新区 in figures")
            #expect(try r.report("c").title == "丙高新技术产业开发区 in figures")
            #expect(throws: AnalysisError.self) { try r.report("丁高新区") }
            #expect(throws: AnalysisError.self) {
                try ProfilePlugin().run(PluginRequest(asOf: Day("2024-12-31")!), registry: r.store)
            }
        }
    }

    @Test("a name shared by two parks asks for the id")
    func ambiguous() throws {
        let parks = try ["x", "y"].map { id in
            try JSONDecoder().decode(Park.self, from: Data(#"{"id":"\#(id)","name":"同名园区","region":"430211","level":"national","kind":"other"}"#.utf8))
        }
        #expect(throws: AnalysisError.failed(plugin: "profile", message: "'同名园区' names 2 parks: x, y; give the id.")) {
            try Park.named("同名园区", in: parks, plugin: "profile")
        }
        #expect(try Park.named("y", in: parks, plugin: "profile").id == "y")
    }
}
