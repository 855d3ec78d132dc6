import Foundation
import RegistryTesting
import Testing
@testable import Core

@Suite("Name matcher as a service: built once per registry state, asked by name and region, says what links by itself")
struct NameMatcherTests {
    static let a = Codes.uscc("430211", 1), b = Codes.uscc("430211", 2), c = Codes.uscc("430211", 3), g = Codes.uscc("440300", 4)
    /// Firm a bears 星源光电 (and once bore 旧星源); firm b a name like it; firm c is another 天元 firm;
    /// firm g in Guangdong bears a's name too.
    static let roster = #"""
        <firm uscc="\#(a)" name="株洲星源光电科技有限公司" region="430211" former-names="株洲旧星源科技有限公司"/>
        <firm uscc="\#(b)" name="株洲星源光学科技有限公司" region="430211"/>
        <firm uscc="\#(c)" name="株洲天元精密机械股份有限公司" region="430211"/>
        <firm uscc="\#(g)" name="株洲星源光电科技有限公司" region="440300"/>
        """#

    /// A candidate in a line: code, whether it links, reasons, score.
    static func brief(_ c: FirmCandidate?) -> String {
        c.map { "\($0.uscc) \($0.links ? "links" : "-") \($0.reasons.map(\.description).joined(separator: " ")) \($0.score)" } ?? "none"
    }

    @Test("links marks the firm the registry links a name to: equal name, former name, a reviewer's decision", arguments: Backend.testable)
    func linksFlag(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "roster", Self.roster)
            var m = try NameMatcher(registry: r.store)
            // Equal name in Hunan: firm a, first, linked; firm b close behind, not linked.
            var found = try m.candidates(for: "株洲星源光电科技有限公司", region: "湖南省")
            #expect(found.map(\.uscc) == [Self.a, Self.b] && found.map(\.links) == [true, false])
            #expect(found[0].reasons == [.equalName] && found[0].score == 1)
            // The same name in Guangdong is g's; without a region nothing links, both equal names come first.
            #expect(Self.brief(try m.candidates(for: "株洲星源光电科技有限公司", region: "440300").first) == "\(Self.g) links equal-name 1.0")
            found = try m.candidates(for: "株洲星源光电科技有限公司", region: nil)
            #expect(Set(found.prefix(2).map(\.uscc)) == [Self.a, Self.g] && found.allSatisfy { !$0.links })
            // A former name links; a legal-form variant is a candidate only.
            found = try m.candidates(for: "株洲旧星源科技有限公司", region: "430000")
            #expect(Self.brief(found.first) == "\(Self.a) links former-name 1.0")
            found = try m.candidates(for: "株洲星源光电科技有限责任公司", region: "湖南")
            #expect(Self.brief(found.first) == "\(Self.a) - legal-form 0.97")
            #expect(throws: NameMatchError.unknownRegion("火星")) { try m.candidates(for: "株洲星源光电科技有限公司", region: "火星") }

            // Decisions: `same` links a name that resembles nothing to firm c (first, score 1); `different`
            // takes firm b out of the variant's candidates. A matcher answers for the state it read.
            try r.load(id: "decisions", #"""
                <link name="完全不同的名称有限公司" region="湖南省" uscc="\#(Self.c)" decision="same"/>
                <link name="株洲星源光电科技有限责任公司" region="湖南省" uscc="\#(Self.b)" decision="different"/>
                """#)
            #expect(try m.candidates(for: "完全不同的名称有限公司", region: "湖南省").isEmpty)
            m = try NameMatcher(registry: r.store)
            found = try m.candidates(for: "完全不同的名称有限公司", region: "湖南省")
            #expect(found.map(Self.brief) == ["\(Self.c) links decision 1.0"])
            #expect(found[0].name == "株洲天元精密机械股份有限公司")
            #expect(try !m.candidates(for: "株洲星源光电科技有限责任公司", region: "湖南省").contains { $0.uscc == Self.b })
            #expect(try m.candidates(for: "株洲星源光电科技有限公司", region: "湖南省").contains { $0.uscc == Self.b })
        }
    }

    @Test("one matcher answers many callers at once, as the index answers alone")
    func concurrentCallers() async throws {
        let names = NameMatchingTests.corpus.prefix(400)
        let firms = names.enumerated().map { NameIndex.IndexedFirm(uscc: String(format: "%04d", $0.offset), name: $0.element.name, region: $0.element.code) }
        let matcher = NameMatcher(table: FirmNameTable(firms), decisions: .init([]), provinces: nil, limit: 3, minimumScore: 0.6)
        let index = NameIndex(firms: firms)
        let questions = names.enumerated().map { i, n in
            NameMatcher.Question(name: NameMatchingTests.variants(n, next: names[names.startIndex + (i + 1) % names.count])[0].1, unit: n.province)
        }
        let expected = questions.map { index.candidates(for: $0.name, unit: $0.unit) }
        let answers = await withTaskGroup(of: (Int, [[FirmCandidate]]).self) { group in
            for part in 0..<4 {
                group.addTask { (part, matcher.candidates(for: Array(questions[(part * 100)..<(part * 100 + 100)]))) }
            }
            var all = [[FirmCandidate]](repeating: [], count: questions.count)
            for await (part, found) in group { all.replaceSubrange((part * 100)..<(part * 100 + 100), with: found) }
            return all
        }
        // The index alone knows no links; none of these variants is any firm's exact name.
        #expect(answers.allSatisfy { $0.allSatisfy { !$0.links } })
        #expect(answers == expected)
        #expect(answers.filter { !$0.isEmpty }.count > 390)
    }
}
