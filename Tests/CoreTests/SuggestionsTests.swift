import Testing
@testable import Core

@Suite("Did-you-mean suggestions")
struct SuggestionsTests {
    @Test("nearest names: typos, transpositions, Chinese characters, prefixes and doubled suffixes")
    func nearest() {
        #expect(Suggestions.nearest("nationa", among: ["national", "provincial", "municipal"]) == ["national"])
        #expect(Suggestions.nearest("rnak", among: ["rank", "growth", "screen", "load"]) == ["rank"])
        #expect(Suggestions.nearest("株洲高新", among: ["长沙高新区", "株洲高新区", "湘潭高新区"]) == ["株洲高新区"])
        #expect(Suggestions.nearest("株州市", among: RegionTable.upperLevelNames).first == "株洲市")
        #expect(Suggestions.nearest("株州市", among: RegionTable.upperLevelNames).count == 1)
        #expect(Suggestions.nearest("湖南省省", among: RegionTable.upperLevelNames).first == "湖南省")
        #expect(Suggestions.nearest("xyzzy", among: ["national", "provincial"]).isEmpty)
        #expect(Suggestions.distance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggestions.didYouMean("nationa", among: ["national"]) == "; did you mean national?")
        #expect(Suggestions.orList(["a", "b", "c"]) == "a, b or c")
    }

    @Test("the validator suggests enumeration values and region names")
    func validator() {
        let v = RecordValidator()
        let level = v.validate(RawRecord(kind: .designation, fields: ["uscc": "914403001922038216", "program": "little-giant", "level": "nationa", "year": "2021"], line: 3))
        #expect(level.problems.contains { $0.message.contains("did you mean national?") })
        let region = v.validate(RawRecord(kind: .designation, fields: ["firm": "某公司", "region": "株州市", "program": "little-giant", "level": "national", "year": "2021"], line: 4))
        #expect(region.problems.contains { $0.message.contains("did you mean 株洲市?") })
        let doubled = v.validate(RawRecord(kind: .designation, fields: ["firm": "某公司", "region": "湖南省省", "program": "little-giant", "level": "national", "year": "2021"], line: 5))
        #expect(doubled.problems.contains { $0.message.contains("湖南省") && $0.message.contains("did you mean") })
    }

    @Test("--within: a park's name, a region's name and a mistyped id suggest the valid value")
    func within() throws {
        let parks = [Park(id: "zz-htz", name: "株洲高新技术产业开发区", shortName: "株洲高新区", region: "430211", level: .national, kind: .highTechZone)]
        try Units.checkWithin("43", parks: parks, plugin: "rank")
        try Units.checkWithin("zz-htz", parks: parks, plugin: "rank")
        for (given, hint) in [("株洲高新区", "zz-htz"), ("zz-hz", "zz-htz"), ("湖南", "43 (湖南省)"), ("株州市", "4302 (株洲市)")] {
            do {
                try Units.checkWithin(given, parks: parks, plugin: "rank")
                Issue.record("\(given) accepted")
            } catch let e as AnalysisError {
                #expect(e.description.contains("did you mean \(hint)"), "\(e.description)")
            }
        }
        #expect(throws: AnalysisError.self) { try Units.checkWithin("99", parks: parks, plugin: "rank") }
    }
}
