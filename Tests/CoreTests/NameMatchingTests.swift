import Foundation
import RegistryTesting
import Testing
@testable import Core

@Suite("Names: candidates for names without a code, their scores and their index")
struct NameMatchingTests {
    @Test("a name is taken apart into region, stem and legal form")
    func parts() {
        let a = FirmName("瀚天天成电子科技（厦门）股份有限公司")
        #expect((a.regionText, a.regionPlacement, a.stem, a.legalFormText, a.legalForm) == ("厦门", .bracketed, "瀚天天成电子科技", "股份有限公司", .jointStock))
        let b = FirmName("湖南省力得自动化设备有限责任公司")
        #expect((b.regionText, b.regionPlacement, b.stem, b.legalForm) == ("湖南省", .prefix, "力得自动化设备", .limited))
        // A leading word that is no region stays in the stem.
        #expect(FirmName("龙合智能装备制造有限公司").stem == "龙合智能装备制造")
        // A name that is nothing but a legal form keeps it as its stem.
        #expect(FirmName("公司").stem == "公司")
    }

    @Test("scores: rules for legal form and region, the mean of Jaccard and edit similarity otherwise")
    func scores() throws {
        func score(_ q: String, _ c: String) -> (Double, [String])? {
            let a = FirmName(q), b = FirmName(c)
            return NameScore.score(a, NameSimilarity.bigrams(a.key), b, NameSimilarity.bigrams(b.key)).map { ($0.score, $0.reasons.map(\.description)) }
        }
        // 0.97 (one legal form spelt two ways) × 0.95 (region moved from the front into brackets).
        let both = try #require(score("湖南星源科技有限责任公司", "星源科技（湖南）有限公司"))
        #expect(abs(both.0 - 0.9215) < 1e-9 && both.1 == ["legal-form", "region-prefix"])
        let jsc = try #require(score("星源科技股份有限公司", "星源科技有限公司"))
        #expect(abs(jsc.0 - 0.9) < 1e-9 && jsc.1 == ["legal-form"])
        // Two different regions: a firm and its branch, compared by characters only.
        let branch = try #require(score("星源科技（长沙）有限公司", "星源科技（深圳）有限公司"))
        #expect(branch.1.first?.hasPrefix("similar:") == true)
        // ABCD / ABCE: bigrams {AB, BC, CD} and {AB, BC, CE} share 2 of 4 (Jaccard 0.5); one
        // substitution in 4 (edit similarity 0.75); mean 0.625, times 0.9.
        let typo = try #require(score("ABCD", "ABCE"))
        #expect(abs(typo.0 - 0.5625) < 1e-9 && typo.1 == ["similar:0.63"])
        #expect(NameSimilarity.editDistance("星源科技", "星原科枝") == 2)
    }

    @Test("the index finds what a scan of every firm finds, in the unit asked, without excluded codes")
    func indexEqualsScan() {
        let names = Self.corpus.prefix(300)
        let index = NameIndex(firms: names.enumerated().map { NameIndex.IndexedFirm(uscc: String(format: "%04d", $0.offset), name: $0.element.name, region: $0.element.code) })
        for (i, n) in names.enumerated() where i % 7 == 0 {
            for (_, variant) in Self.variants(n, next: names[names.startIndex + (i + 1) % names.count]) {
                let got = index.candidates(for: variant, unit: n.province, limit: 3, minimumScore: 0.6)
                let q = FirmName(variant), qb = NameSimilarity.bigrams(q.key)
                let scanned = index.firms.enumerated().compactMap { (j, f) -> FirmCandidate? in
                    guard f.region.hasPrefix(n.province) else { return nil }
                    let c = FirmName(f.name)
                    guard let (s, r) = NameScore.score(q, qb, c, NameSimilarity.bigrams(c.key)), s >= 0.6 else { return nil }
                    return FirmCandidate(uscc: f.uscc, name: f.name, region: f.region, score: s, reasons: r)
                }.sorted { ($1.score, $0.uscc) < ($0.score, $1.uscc) }.prefix(3)
                #expect(got == Array(scanned), "\(variant)")
            }
        }
        let right = FirmName(names.first!.name)
        let excluded = index.candidates(for: names.first!.name + "x", unit: nil, excluding: ["0000"])
        #expect(!excluded.contains { $0.uscc == "0000" })
        #expect(index.candidates(for: right.key, unit: "99").isEmpty)
    }

    /// What a comparison with every firm finds: the answer the index must give.
    static func scan(_ index: NameIndex, _ name: String, unit: String?, limit: Int, minimumScore: Double) -> [FirmCandidate] {
        let q = FirmName(name), qb = NameSimilarity.bigrams(q.key)
        return index.firms.compactMap { f -> FirmCandidate? in
            guard unit.map({ f.region.hasPrefix($0) }) ?? true else { return nil }
            let c = FirmName(f.name)
            guard let (s, r) = NameScore.score(q, qb, c, NameSimilarity.bigrams(c.key), minimumSimilarity: minimumScore / NameScore.similarityWeight),
                  s >= minimumScore else { return nil }
            return FirmCandidate(uscc: f.uscc, name: f.name, region: f.region, score: s, reasons: r)
        }.sorted { ($1.score, $0.uscc) < ($0.score, $1.uscc) }.prefix(limit).map { $0 }
    }

    /// The index skips most names by bounds on how similar they can still be (`NameIndex.candidates`);
    /// names one to five edits from a firm's, and floors from 0.5 to 0.85, put many firms right at
    /// the floor, where a bound too tight would drop one. Short names and names repeating a bigram
    /// are where the bound on the edit distance is weakest.
    @Test("the index's bounds drop no firm a scan keeps: names one to five edits away, floors 0.5 to 0.85")
    func indexEqualsScanNearTheFloor() {
        var firms = Self.corpus.prefix(300).enumerated().map {
            NameIndex.IndexedFirm(uscc: String(format: "%04d", $0.offset), name: $0.element.name, region: $0.element.code)
        }
        let odd = ["星源", "星", "源源源源源源", "星源星源星源科技有限公司", "星源星源科技有限公司", "星源科技", "星源科技星源科技有限公司",
                   "AB", "ABAB", "ABCABC", "株洲星源", "株洲星源光电科技有限公司", "星源光电（株洲）科技有限公司"]
        firms += odd.enumerated().map { NameIndex.IndexedFirm(uscc: String(format: "9%03d", $0.offset), name: $0.element, region: "430211") }
        let index = NameIndex(firms: firms)
        let alphabet = Array("星源光电科技有限公司株洲湖南精密机械ABC（）")
        var random = SplitMix(seed: 16)
        var asked = 0, answered = 0, nearFloor = 0
        for (i, f) in firms.enumerated() where i % 6 == 0 || i >= 300 {
            var chars = Array(f.name)
            for _ in 0..<(1 + i % 5) {
                let at = Int(random.next() % UInt64(chars.count + 1))
                let c = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 3 {
                case 0 where at < chars.count: chars[at] = c
                case 1 where at < chars.count && chars.count > 1: chars.remove(at: at)
                default: chars.insert(c, at: at)
                }
            }
            let variant = String(chars)
            for floor in [0.5, 0.6, 0.7, 0.85] {
                for unit in i >= 300 ? [String(f.region.prefix(2)), nil] : [String(f.region.prefix(2))] {
                    let got = index.candidates(for: variant, unit: unit, limit: 5, minimumScore: floor)
                    #expect(got == Self.scan(index, variant, unit: unit, limit: 5, minimumScore: floor), "\(variant) at \(floor)")
                    asked += 1
                    if !got.isEmpty { answered += 1 }
                    nearFloor += got.filter { $0.score < floor + 0.03 }.count
                }
            }
        }
        // Firms just above the floor are where a bound too tight would show.
        #expect(asked == 304 && answered >= 100 && nearFloor >= 25, "asked \(asked), answered \(answered), near the floor \(nearFloor)")
    }

    /// A seeded generator: the same names every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Measured on the real names: each of the 1,188 names is perturbed as real lists differ from
    /// rosters (legal form, region prefix, one-character typo, a dropped 有限), and the variant is
    /// asked of an index of all 1,188 names in its province (the other names are the distractors).
    /// The held-out figures ask the same variant of the index without its firm: every candidate is then
    /// wrong, which is what a threshold must keep out.
    @Test("on 1,188 real names: the best candidate of every legal-form variant and typo is the right firm; precision and recall")
    func measuredOnRealNames() throws {
        let corpus = Self.corpus
        #expect(corpus.count == 1188)
        let index = NameIndex(firms: corpus.enumerated().map { NameIndex.IndexedFirm(uscc: String(format: "%04d", $0.offset), name: $0.element.name, region: $0.element.code) })
        var byKind: [String: (right: Int, all: Int)] = [:]
        var rightTop: [Double] = [], wrongTop: [Double] = [], heldOut: [Double] = []
        var unanswered = 0
        for (i, n) in corpus.enumerated() {
            for (kind, variant) in Self.variants(n, next: corpus[(i + 1) % corpus.count]) {
                let found = index.candidates(for: variant, unit: n.province, limit: 2, minimumScore: 0.6)
                let id = String(format: "%04d", i)
                var counts = byKind[kind] ?? (0, 0)
                counts.all += 1
                if let top = found.first {
                    if top.uscc == id { counts.right += 1; rightTop.append(top.score) } else { wrongTop.append(top.score) }
                } else {
                    unanswered += 1
                }
                byKind[kind] = counts
                if let wrong = found.first(where: { $0.uscc != id }) { heldOut.append(wrong.score) }
            }
        }
        let queries = byKind.values.map(\.all).reduce(0, +)
        var report = "queries \(queries), unanswered \(unanswered); top candidate right: "
        report += byKind.keys.sorted().map { "\($0) \(byKind[$0]!.right)/\(byKind[$0]!.all)" }.joined(separator: ", ")
        for t in [0.6, 0.7, 0.8, 0.9] {
            let right = rightTop.filter { $0 >= t }.count
            let wrong = wrongTop.filter { $0 >= t }.count + heldOut.filter { $0 >= t }.count
            report += "\n  t=\(t): right \(right) (recall \(Double(right) / Double(queries))), wrong \(wrong) (held out \(heldOut.filter { $0 >= t }.count)), precision \(Double(right) / Double(max(1, right + wrong)))"
        }
        print(report)
        // The figures of docs/names.md: every top candidate right; at 0.7 one wrong held-out candidate.
        #expect(queries == 4661 && unanswered == 0 && wrongTop.isEmpty)
        #expect(rightTop.filter { $0 >= 0.7 }.count == 4537 && heldOut.filter { $0 >= 0.7 }.count == 1)
        #expect(rightTop.filter { $0 >= 0.8 }.count == 3029 && heldOut.filter { $0 >= 0.8 }.isEmpty)
        #expect(byKind["legal-form"].map { $0.right == $0.all } == true)
        #expect(byKind["legal-form-jsc"].map { $0.right == $0.all } == true)
        #expect(byKind["typo"].map { $0.right == $0.all } == true)
    }

    /// A roster of the 1,188 real names (every tenth with a made-up former name) and a list naming each
    /// firm once: by its exact name, by its former name, or by a variant. Exactly the first two kinds
    /// link; every variant stays provisional, however close.
    @Test("on a roster of real names, automatic links are exactly the equal and former names", arguments: Backend.testable)
    func automaticLinksOnRealNames(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let corpus = Self.corpus
            var roster = "", list = "", expected = Set<String>()
            for (i, n) in corpus.enumerated() {
                let former = i % 10 == 0 ? "旧称\(i)实业有限公司" : nil
                roster += #"<firm uscc="\#(Codes.uscc(n.code, i))" name="\#(n.name)" region="\#(n.code)"\#(former.map { #" former-names="\#($0)""# } ?? "")/>"# + "\n"
                let named: String
                switch i % 3 {
                case 0: named = former ?? n.name; expected.insert(Codes.uscc(n.code, i))
                case 1: named = n.name; expected.insert(Codes.uscc(n.code, i))
                default: named = Self.variants(n, next: corpus[(i + 1) % corpus.count]).first { $0.0 != "region" }?.1 ?? n.name + "分公司"
                }
                list += #"<designation firm="\#(named)" region="\#(n.code)" program="little-giant" level="national" year="2023"/>"# + "\n"
            }
            let r = try TestRegistry()
            try r.load(id: "roster", roster)
            try r.load(id: "list", list)
            let ds = try r.store.designations(program: .littleGiant)
            #expect(ds.count == 1188)
            #expect(Set(ds.filter(\.firm.resolved).map(\.firm.key)) == expected)
            #expect(ds.filter { !$0.firm.resolved }.count == 1188 - expected.count)
        }
    }

    struct CorpusName {
        var name: String
        /// The list's province (or planned city's province), two digits.
        var province: String
        var code: String
        /// Its short name (湖南), as names prefix it.
        var provinceName: String
    }

    /// The fixture's names, each placed at its list region's code.
    static let corpus: [CorpusName] = {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("little-giants/little-giants-key-support.csv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let code = RegionTable.codes(named: f[1]).first ?? "650000"
            return CorpusName(name: f[0], province: String(code.prefix(2)), code: code, provinceName: f[2])
        }
    }()

    /// The ways real lists differ from rosters, applied to one name; `next` lends the typo its character.
    static func variants(_ n: CorpusName, next: CorpusName) -> [(String, String)] {
        let name = n.name
        var out: [(String, String)] = []
        if name.hasSuffix("股份有限公司") { out.append(("legal-form-jsc", String(name.dropLast(6)) + "有限公司")) }
        else if name.hasSuffix("有限责任公司") { out.append(("legal-form", String(name.dropLast(6)) + "有限公司")) }
        else if name.hasSuffix("有限公司") { out.append(("legal-form", String(name.dropLast(4)) + "有限责任公司")) }
        // Only a bracketed region moves to the front: （集团） and （原名：…） are no regions.
        if let open = name.firstIndex(where: { $0 == "（" || $0 == "(" }), let close = name[open...].firstIndex(where: { $0 == "）" || $0 == ")" }),
           !RegionTable.codes(named: String(name[name.index(after: open)..<close])).isEmpty {
            out.append(("region", String(name[name.index(after: open)..<close]) + String(name[..<open]) + String(name[name.index(after: close)...])))
        } else if name.hasPrefix(n.provinceName) {
            var rest = name.dropFirst(n.provinceName.count)
            if rest.first == "省" || rest.first == "市" { rest = rest.dropFirst() }
            out.append(("region", String(rest)))
        } else {
            out.append(("region", n.provinceName + name))
        }
        let stem = FirmName(name).stem
        if stem.count >= 2, let at = name.range(of: stem) {
            let chars = Array(name)
            let i = name.distance(from: name.startIndex, to: at.lowerBound) + stem.count / 2
            let lent = Array(next.name)
            var c: Character = i < lent.count ? lent[i] : "鑫"
            if c == chars[i] || !(c.unicodeScalars.first!.value >= 0x4E00 && c.unicodeScalars.first!.value <= 0x9FFF) { c = chars[i] == "鑫" ? "森" : "鑫" }
            out.append(("typo", String(chars[..<i]) + String(c) + String(chars[(i + 1)...])))
        }
        if let r = name.range(of: "有限公司") { out.append(("dropped-youxian", name.replacingCharacters(in: r, with: "公司"))) }
        return out
    }
}
