import Foundation
import Testing
@testable import Core

/// Issue 17: what Core's analysis layer says a parameter expects, and why a park cannot be told, are
/// messages of Core's catalogue: the English of before, Chinese words.
@Suite("Core's analysis errors in both languages")
struct AnalysisWordsTests {
    static let park = Park(id: "zz-htz", name: "株洲高新技术产业开发区", shortName: "株洲高新区", region: "430211", level: .national, kind: .highTechZone)

    /// The error's expected phrase (or message) in Chinese and in English.
    static func words(_ body: () throws -> Void) -> (zh: String, en: String)? {
        do {
            try body()
        } catch let e as AnalysisError {
            switch e {
            case let .badParameter(_, _, _, expected), let .failed(_, expected), let .notFound(_, expected):
                guard let m = expected.message else { return nil }
                return (CoreWords.catalogue.words(m, in: .zh), expected.text)
            case .unknownParameter: return nil
            }
        } catch { return nil }
        return nil
    }

    static func hasLatinWord(_ text: String, allowing: Set<String>) -> Bool {
        text.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).contains { $0.count >= 3 && !allowing.contains($0.lowercased()) }
    }

    @Test("a park not loaded, a --within out of range or in words, and an ambiguous park name: Chinese words, the English of before")
    func parkAndWithin() throws {
        let other = Park(id: "zz-htz2", name: "株洲另一园区", shortName: "株洲高新区", region: "430211", level: .provincial, kind: .highTechZone)
        let cases: [(() throws -> Void, String)] = [
            ({ _ = try Park.named("株洲X", in: [Self.park], plugin: "profile") }, "the id, name or short name of a loaded park, e.g. zz-htz (株洲高新区)"),
            ({ _ = try Park.named("zz-hz", in: [Self.park], plugin: "profile") }, "the id, name or short name of a loaded park; did you mean 株洲高新区 (zz-htz)?"),
            ({ _ = try Park.named("x", in: [], plugin: "profile") }, "the id, name or short name of a loaded park (no park is loaded)"),
            ({ try Units.checkWithin("99", parks: [Self.park], plugin: "rank") }, "a region code that exists (43 湖南省, 4302 株洲市, 430211 天元区) or a park id"),
            ({ try Units.checkWithin("株洲", parks: [Self.park], plugin: "rank") }, "a region code (43, 4302, 430211) or the id of a loaded park; did you mean 4302 (株洲市)?"),
            ({ try Units.checkWithin("qq", parks: [], plugin: "rank") }, "a region code (43, 4302, 430211) or the id of a loaded park (no park is loaded)"),
            ({ _ = try Park.named("株洲高新区", in: [Self.park, other], plugin: "profile") }, "'株洲高新区' names 2 parks: zz-htz, zz-htz2; give the id."),
        ]
        for (body, english) in cases {
            let w = try #require(Self.words(body), "\(english)")
            #expect(w.en == english)
            #expect(w.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
            #expect(!Self.hasLatinWord(w.zh, allowing: ["htz"]), "\(w.zh)")
        }
    }

    @Test("what a parameter of a descriptor expects: Core's messages, the English of before")
    func parameters() throws {
        let descriptor = PluginDescriptor(id: "p", summary: "s", parameters: [
            ParameterSpec(name: "n", kind: .integer, help: "h"), ParameterSpec(name: "d", kind: .date, help: "h"),
            ParameterSpec(name: "f", kind: .flag, help: "h"), ParameterSpec(name: "c", kind: .choice(["park", "province"]), help: "h"),
        ], examples: [])
        let cases: [([String: String], String, String)] = [
            (["n": "x"], "a whole number", "整数"), (["d": "2024-13-01"], "a date YYYY-MM-DD", "YYYY-MM-DD 格式的日期"),
            (["f": "maybe"], "true or false", "true 或 false"),
            (["c": "parks"], "one of park, province (did you mean park?)", "以下之一：park、province（您是否想输入 park？）"),
            (["c": "zzzzzz"], "one of park, province", "以下之一：park、province"),
        ]
        for (given, english, chinese) in cases {
            let w = try #require(Self.words { _ = try Parameters(PluginRequest(asOf: Day.startOf(year: 2024), parameters: given), descriptor: descriptor) })
            #expect(w.en == english)
            #expect(w.zh == chinese)
        }
    }
}
