/// The names of a set of firms, indexed for finding candidates without comparing a name with every
/// firm: by stem (names equal but for region and legal form) and by character bigram (an inverted
/// index searched with a prefix filter: a firm whose bigram Jaccard with the name reaches `t` shares
/// at least one of the name's |A| − ⌈t·|A|⌉ + 1 rarest bigrams, so only those postings are read).
/// Former names are indexed beside current ones.
public struct NameIndex: Sendable {
    /// A firm as the index knows it.
    public struct IndexedFirm: Sendable, Hashable {
        public var uscc: String
        public var name: String
        public var formerNames: [String]
        /// As stated, and today's code: a firm lies in a unit when either starts with the unit.
        public var region: String
        public var regionNow: String

        public init(uscc: String, name: String, formerNames: [String] = [], region: String, regionNow: String? = nil) {
            self.uscc = uscc
            self.name = name
            self.formerNames = formerNames
            self.region = region
            self.regionNow = regionNow ?? region
        }
    }

    struct Entry: Sendable {
        var firm: Int32
        var name: FirmName
        var bigrams: [UInt64]
        var former: Bool
    }

    public let firms: [IndexedFirm]
    let entries: [Entry]
    let postings: [UInt64: [Int32]]
    let stems: [String: [Int32]]

    public init(firms: [IndexedFirm]) {
        self.firms = firms
        var entries: [Entry] = []
        entries.reserveCapacity(firms.count)
        for (i, f) in firms.enumerated() {
            for (n, name) in ([f.name] + f.formerNames).enumerated() {
                let parsed = FirmName(name)
                entries.append(Entry(firm: Int32(i), name: parsed, bigrams: NameSimilarity.bigrams(parsed.key), former: n > 0))
            }
        }
        var postings: [UInt64: [Int32]] = [:]
        var stems: [String: [Int32]] = [:]
        for (e, entry) in entries.enumerated() {
            for b in entry.bigrams { postings[b, default: []].append(Int32(e)) }
            if entry.name.stem.unicodeScalars.count >= 2 { stems[entry.name.stem, default: []].append(Int32(e)) }
        }
        self.entries = entries
        self.postings = postings
        self.stems = stems
    }

    /// The firms in `unit` (a 2-, 4- or 6-digit code prefix; nil for anywhere) that `name` may stand
    /// for, best first (ties by code), at most `limit`, none scored below `minimumScore`, none whose
    /// code is in `excluding`.
    public func candidates(for name: String, unit: String?, limit: Int = 3, minimumScore: Double = 0.6,
                           excluding: Set<String> = []) -> [FirmCandidate] {
        let query = FirmName(name)
        let queryBigrams = NameSimilarity.bigrams(query.key)
        // Similarity s = (J + E) / 2 with E ≤ 1, so a score m needs J ≥ 2·m/0.9 − 1.
        let minimumSimilarity = minimumScore / NameScore.similarityWeight
        let jaccardFloor = Swift.max(0.05, 2 * minimumSimilarity - 1)
        var found = Set<Int32>()
        if let same = stems[query.stem], query.stem.unicodeScalars.count >= 2 { found.formUnion(same) }
        let ordered = queryBigrams.sorted { (postings[$0]?.count ?? 0, $0) < (postings[$1]?.count ?? 0, $1) }
        let needed = Int((jaccardFloor * Double(ordered.count)).rounded(.up))
        for b in ordered.prefix(Swift.max(1, ordered.count - needed + 1)) {
            if let list = postings[b] { found.formUnion(list) }
        }
        var best: [Int32: FirmCandidate] = [:]
        for e in found {
            let entry = entries[Int(e)]
            let firm = firms[Int(entry.firm)]
            if let unit, !firm.regionNow.hasPrefix(unit) && !firm.region.hasPrefix(unit) { continue }
            if excluding.contains(firm.uscc) { continue }
            guard let (score, reasons) = NameScore.score(query, queryBigrams, entry.name, entry.bigrams,
                                                         minimumSimilarity: minimumSimilarity),
                  score >= minimumScore else { continue }
            let candidate = FirmCandidate(uscc: firm.uscc, name: firm.name, region: firm.region, score: score,
                                          reasons: entry.former ? [.formerName] + reasons.filter { $0 != .equalName } : reasons)
            if let other = best[entry.firm], other.score >= score { continue }
            best[entry.firm] = candidate
        }
        return best.values.sorted { ($1.score, $0.uscc) < ($0.score, $1.uscc) }.prefix(limit).map { $0 }
    }
}
