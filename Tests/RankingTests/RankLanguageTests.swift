import Foundation
import Testing
import Core
import RegistryTesting
import Ranking

/// Issue 17: rank's and explain's words in both languages — help from the descriptor's keys, and the
/// report's title, headings, notes and chart labels as messages of the Ranking catalogue.
@Suite("rank in Chinese and English")
struct RankLanguageTests {
    /// ASCII words a Chinese text may hold: commands and options quoted as they are typed.
    static let typed: Set<String> = ["regctl", "firms", "unresolved"]

    static func englishWords(_ s: String) -> [String] {
        s.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init).filter { $0.count >= 2 && !typed.contains($0) }
    }

    static func hasCJK(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test("every text of rank's and explain's descriptors is in both languages")
    func descriptors() {
        for d in [RankPlugin.descriptor, ExplainPlugin.descriptor] {
            for key in d.wordKeys {
                #expect(RankPlugin.messages.template(key, in: .zh) != nil, "\(key) missing in zh")
                #expect(RankPlugin.messages.template(key, in: .en) != nil, "\(key) missing in en")
            }
            // The English catalogue says what the descriptor says.
            #expect(d.words(in: .en, catalogue: RankPlugin.messages) == d)
            let zh = d.words(in: .zh, catalogue: RankPlugin.messages)
            #expect(!Self.hasCJK(d.summary) && Self.hasCJK(zh.summary))
            for p in zh.parameters { #expect(Self.hasCJK(p.help), "\(d.id) --\(p.name)") }
        }
    }

    static func report(_ params: [String: String], backend: Backend) throws -> Report {
        try Backend.$current.withValue(backend) {
            let store = try backend.makeRegistry()
            let u1 = InlineRegistry.uscc(region: "430211", serial: 1), u2 = InlineRegistry.uscc(region: "440305", serial: 2)
            try InlineRegistry.load("""
                <park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
                <firm uscc="\(u1)" name="企业1" region="430211" park="a"/>
                <firm uscc="\(u2)" name="企业2" region="440305"/>
                <designation uscc="\(u1)" program="little-giant" level="national" year="2021"/>
                <designation uscc="\(u2)" program="little-giant" level="provincial" year="2021"/>
                """, id: "l", issued: "2024-12-31", into: store)
            return try RankPlugin().run(PluginRequest(asOf: Day("2024-12-31")!, parameters: params), registry: store)
        }
    }

    /// Every text of a report a reader reads.
    static func wordings(_ r: Report) -> [Wording] {
        [r.wordedTitle] + r.wordedNotes + r.columns.compactMap(\.wordedTitle)
            + [r.chart?.wordedValueLabel, r.chart?.wordedCategoryLabel].compactMap { $0 }
    }

    @Test("the report's words: Chinese under zh (no English word but typed commands), English under en as before (no Chinese but names)",
          arguments: Backend.testable)
    func reportWords(backend: Backend) throws {
        for params in [[:], ["by": "park", "level": "provincial", "within": "43"], ["cumulative": "true", "exact": "true", "level": "provincial", "by": "incubator"]] {
            let r = try Self.report(params, backend: backend)
            let names = ["专精特新“小巨人”", "甲园区"]
            for w in Self.wordings(r) {
                #expect(w.message != nil, "\(w.text) carries no message")
                let zh = w.words(in: .zh, catalogue: RankPlugin.messages), en = w.words(in: .en, catalogue: RankPlugin.messages)
                #expect(Self.englishWords(zh).isEmpty, "zh: \(zh)")
                #expect(en == w.text)
                #expect(!Self.hasCJK(names.reduce(en) { $0.replacingOccurrences(of: $1, with: "") }), "en: \(en)")
            }
        }
        // The English is what rank always printed.
        let r = try Self.report(["by": "park", "within": "43"], backend: backend)
        #expect(r.title == "专精特新“小巨人” national level by park")
        #expect(r.notes.first == "1 distinct firm holds a little-giant designation at national level, active on 2024-12-31 within 43.")
        #expect(r.wordedTitle.words(in: .zh, catalogue: RankPlugin.messages) == "专精特新“小巨人”企业（国家级）按园区排名")
        #expect(r.columns.map { $0.wordedTitle?.words(in: .zh, catalogue: RankPlugin.messages) } == ["排名", "代码", "名称", "数量"])
    }
}
