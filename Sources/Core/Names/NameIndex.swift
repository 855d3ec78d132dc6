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
    /// Every entry's bigrams, one after another (entry e's are `flat[starts[e]..<starts[e + 1]]`): read
    /// in the search loop without retaining an array per entry.
    let flat: [UInt64]
    let starts: [Int32]

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
        var flat: [UInt64] = [], starts: [Int32] = [0]
        starts.reserveCapacity(entries.count + 1)
        for entry in entries {
            flat.append(contentsOf: entry.bigrams)
            starts.append(Int32(flat.count))
        }
        self.flat = flat
        self.starts = starts
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
        var sameStem = Set<Int32>()
        if let same = stems[query.stem], query.stem.unicodeScalars.count >= 2 { sameStem.formUnion(same) }
        // The entries to look at, each once: a flag per entry (a hash set of the same entries cost
        // most of a batch's time at national scale, where a province's common bigrams list thousands).
        var seen = [Bool](repeating: false, count: entries.count)
        var found: [Int32] = []
        for e in sameStem where !seen[Int(e)] { seen[Int(e)] = true; found.append(e) }
        let ordered = queryBigrams.sorted { (postings[$0]?.count ?? 0, $0) < (postings[$1]?.count ?? 0, $1) }
        let needed = Int((jaccardFloor * Double(ordered.count)).rounded(.up))
        for b in ordered.prefix(Swift.max(1, ordered.count - needed + 1)) {
            guard let list = postings[b] else { continue }
            for e in list where !seen[Int(e)] { seen[Int(e)] = true; found.append(e) }
        }
        var best: [Int32: FirmCandidate] = [:]
        flat.withUnsafeBufferPointer { flat in
            starts.withUnsafeBufferPointer { starts in
                for e in found {
                    let i = Int(e)
                    // Most entries the prefix filter lets through fail on Jaccard alone: that bound is
                    // worked out on the flat bigrams before anything else of the entry is touched.
                    if !sameStem.contains(e) {
                        let lo = Int(starts[i]), hi = Int(starts[i + 1])
                        var a = 0, b = lo, shared = 0
                        while a < queryBigrams.count && b < hi {
                            if queryBigrams[a] == flat[b] { shared += 1; a += 1; b += 1 } else if queryBigrams[a] < flat[b] { a += 1 } else { b += 1 }
                        }
                        let jaccard = Double(shared) / Double(queryBigrams.count + (hi - lo) - shared)
                        if (jaccard + 1) / 2 < minimumSimilarity { continue }
                    }
                    let f = Int(entries[i].firm)
                    if let unit, !firms[f].regionNow.hasPrefix(unit) && !firms[f].region.hasPrefix(unit) { continue }
                    guard let (score, reasons) = NameScore.score(query, queryBigrams, entries[i].name, entries[i].bigrams,
                                                                 minimumSimilarity: minimumSimilarity),
                          score >= minimumScore, !excluding.contains(firms[f].uscc) else { continue }
                    if let other = best[entries[i].firm], other.score >= score { continue }
                    best[entries[i].firm] = FirmCandidate(uscc: firms[f].uscc, name: firms[f].name, region: firms[f].region, score: score,
                                                          reasons: entries[i].former ? [.formerName] + reasons.filter { $0 != .equalName } : reasons)
                }
            }
        }
        return best.values.sorted { ($1.score, $0.uscc) < ($0.score, $1.uscc) }.prefix(limit).map { $0 }
    }
}
