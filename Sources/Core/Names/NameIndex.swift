/// The names of a set of firms, indexed for finding candidates without comparing a name with every
/// firm: by stem (names equal but for region and legal form), by whole key (the names the registry
/// links by itself), and by character bigram in an inverted index searched rarest bigram first (see
/// `candidates`, which proves what it may skip). Former names are indexed beside current ones.
///
/// Everything is flat: a million names are a few arrays of integers and bytes, not a String, a set
/// and an array per name (issue #16: 10,000 names against a million firms in seconds).
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

    let table: FirmNameTable
    /// Entry e names the firm of table row `entryRow[e]`. Entries below `currentCount` are current
    /// names, in the order of `rows`; the rest are former names (so that, between two equally scored
    /// names of one firm, the current one is reported).
    let entryRow: [Int32]
    let currentCount: Int
    /// The normalised former names, entry `currentCount + i` being `formerKeys[i]`.
    let formerKeys: [String]
    /// Each entry's key length in Unicode scalars.
    let lengths: [Int32]
    /// Each entry's distinct bigrams as dense ids, ascending: entry e's are `bigramIDs[bigramStarts[e]..<bigramStarts[e + 1]]`.
    let bigramStarts: [Int32]
    let bigramIDs: [UInt32]
    /// A bigram (two scalars in 64 bits, `NameSimilarity.bigrams`) → its dense id.
    let bigramID: [UInt64: UInt32]
    /// The entries holding bigram id i, ascending: `postings[postingStarts[i]..<postingStarts[i + 1]]`.
    let postingStarts: [Int32]
    let postings: [Int32]
    /// Entries by a hash of their stem (stems of two scalars or more) and of their whole key, sorted by hash.
    let stemHashes: [UInt64]
    let stemEntries: [Int32]
    let keyHashes: [UInt64]
    let keyEntries: [Int32]

    /// The index of these firms' names.
    public init(firms: [IndexedFirm]) {
        let table = FirmNameTable(firms)
        self.init(table: table, rows: Array(0..<Int32(table.count)))
    }

    /// The index of the firms of `rows` of `table`.
    init(table: FirmNameTable, rows: [Int32]) {
        self.table = table
        var formerOf: [Int32: [String]] = [:]
        if !table.formerNames.isEmpty {
            let wanted = Set(rows)
            for f in table.formerNames where wanted.contains(f.row) { formerOf[f.row, default: []].append(f.name) }
        }
        var entryRow = rows
        var formerKeys: [String] = []
        for row in rows {
            for n in formerOf[row] ?? [] {
                entryRow.append(row)
                formerKeys.append(FilingText.nameKey(n))
            }
        }
        let count = entryRow.count
        var lengths = [Int32](), starts: [Int32] = [0], raw: [UInt64] = []
        lengths.reserveCapacity(count)
        starts.reserveCapacity(count + 1)
        raw.reserveCapacity(count * 14)
        var stems: [(UInt64, Int32)] = [], keys: [(UInt64, Int32)] = []
        stems.reserveCapacity(count)
        keys.reserveCapacity(count)
        var scalars: [UInt32] = []
        for e in 0..<count {
            let key: String = e < rows.count ? table.key.string(Int(rows[e])) : formerKeys[e - rows.count]
            scalars.removeAll(keepingCapacity: true)
            for s in key.unicodeScalars { scalars.append(s.value) }
            lengths.append(Int32(scalars.count))
            NameSimilarity.appendBigrams(of: scalars, to: &raw)
            starts.append(Int32(raw.count))
            let stem = FirmName(normalisedKey: key).stem
            if stem.unicodeScalars.count >= 2 { stems.append((Self.hash(stem), Int32(e))) }
            keys.append((Self.hash(key), Int32(e)))
        }
        // Dense ids for the bigrams, and each entry's ids sorted for merging with a question's.
        var bigramID: [UInt64: UInt32] = [:]
        var ids = [UInt32](repeating: 0, count: raw.count)
        var postingCounts: [Int32] = []
        for (i, b) in raw.enumerated() {
            if let id = bigramID[b] {
                ids[i] = id
                postingCounts[Int(id)] += 1
            } else {
                let id = UInt32(postingCounts.count)
                bigramID[b] = id
                ids[i] = id
                postingCounts.append(1)
            }
        }
        for e in 0..<count { ids[Int(starts[e])..<Int(starts[e + 1])].sort() }
        var postingStarts = [Int32](repeating: 0, count: postingCounts.count + 1)
        for (i, n) in postingCounts.enumerated() { postingStarts[i + 1] = postingStarts[i] + n }
        var fill = Array(postingStarts.dropLast())
        var postings = [Int32](repeating: 0, count: raw.count)
        for e in 0..<count {
            for i in Int(starts[e])..<Int(starts[e + 1]) {
                let id = Int(ids[i])
                postings[Int(fill[id])] = Int32(e)
                fill[id] += 1
            }
        }
        stems.sort { $0 < $1 }
        keys.sort { $0 < $1 }
        self.entryRow = entryRow
        self.currentCount = rows.count
        self.formerKeys = formerKeys
        self.lengths = lengths
        self.bigramStarts = starts
        self.bigramIDs = ids
        self.bigramID = bigramID
        self.postingStarts = postingStarts
        self.postings = postings
        self.stemHashes = stems.map(\.0)
        self.stemEntries = stems.map(\.1)
        self.keyHashes = keys.map(\.0)
        self.keyEntries = keys.map(\.1)
    }

    /// The firms indexed, in the order given.
    public var firms: [IndexedFirm] { (0..<currentCount).map { table.firm(Int(entryRow[$0])) } }

    var entryCount: Int { entryRow.count }

    func key(_ e: Int) -> String { e < currentCount ? table.key.string(Int(entryRow[e])) : formerKeys[e - currentCount] }

    /// FNV-1a over the UTF-8 of a text: deterministic, and cheap next to a String per name.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The entries whose hashed text has hash `h` (`hashes` sorted, `entries` alongside).
    static func entries(hashed h: UInt64, _ hashes: [UInt64], _ entries: [Int32]) -> ArraySlice<Int32> {
        var lo = 0, hi = hashes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if hashes[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < hashes.count && hashes[end] == h { end += 1 }
        return entries[lo..<end]
    }

    /// What one search needs per entry, kept between the searches of a batch.
    struct Scratch {
        var hits: [UInt32]
        var touched: [Int32] = []
        /// The fewest bigrams an entry must share with a name of (bigrams, scalars), per minimum similarity.
        var fewestShared: [Int: Int] = [:]

        init(entries: Int) { hits = [UInt32](repeating: 0, count: entries) }
    }

    /// Marks an entry asked about by its stem (scored without the bigram bounds).
    private static let sameStemFlag: UInt32 = 1 << 31

    /// The firms in `unit` (a 2-, 4- or 6-digit code prefix; nil for anywhere) that `name` may stand
    /// for, best first (ties by code), at most `limit`, none scored below `minimumScore`, none whose
    /// code is in `excluding`.
    public func candidates(for name: String, unit: String?, limit: Int = 3, minimumScore: Double = 0.6,
                           excluding: Set<String> = []) -> [FirmCandidate] {
        var scratch = Scratch(entries: entryCount)
        return candidates(for: name, unit: unit, limit: limit, minimumScore: minimumScore, excluding: excluding, scratch: &scratch)
    }

    /// Why the search may read only a few postings and skip most entries it finds there, exactly:
    ///
    /// A name that is no equal stem is scored s = (J + E) / 2 × 0.9 (``NameScore``), J the Jaccard of
    /// the distinct bigram sets A (of the question, a = |A|) and B (of the entry, b = |B|), sharing
    /// c = |A ∩ B|, and E = 1 − d / max(la, lb), d the edit distance of the keys of la and lb scalars.
    /// Then d ≥ |la − lb|, and when la, lb ≥ 2 also d ≥ ⌈(max(a, b) − c) / 2⌉: an edit touches at
    /// most two of a text's bigram positions, so at least la − 1 − 2d positions of the question keep
    /// their bigram in the entry, and they hold at least a − 2d distinct bigrams, all shared (c ≥ a −
    /// 2d; likewise c ≥ b − 2d). So s ≤ bound(c, a, b, la, lb), rising with c (`mayReach`):
    ///
    /// 1. the fewest c any entry (any b ≥ c, any lb) needs to reach the floor is `fewestShared`; an
    ///    entry sharing that many shares at least one of any a − c_min + 1 of the question's bigrams,
    ///    so only the postings of the a − c_min + 1 rarest are read (prefix filtering, with a bound
    ///    about half as long as Jaccard's alone gives);
    /// 2. an entry found in h of those postings shares at most h + (a − read) bigrams: when that
    ///    cannot reach the floor for its own b and lb, it is dropped before its bigrams are merged;
    /// 3. after the merge, with c exact, the bound drops most of the rest before the (quadratic)
    ///    edit distance.
    ///
    /// Every entry dropped so scores below the floor; the rest are scored exactly as before, so the
    /// answer is that of a scan of every firm (a test checks it).
    func candidates(for name: String, unit: String?, limit: Int, minimumScore: Double, excluding: Set<String>,
                    scratch: inout Scratch) -> [FirmCandidate] {
        let query = FirmName(name)
        let queryBigrams = NameSimilarity.bigrams(query.key)
        let a = queryBigrams.count, la = query.key.unicodeScalars.count
        let minimumSimilarity = minimumScore / NameScore.similarityWeight
        let unitBytes = unit.map { Array($0.utf8) }
        var best: [Int32: (score: Double, entry: Int32, reasons: [CandidateReason])] = [:]

        func score(_ e: Int) {
            let row = entryRow[e]
            if let unitBytes, !table.lies(Int(row), in: unitBytes) { return }
            if !excluding.isEmpty && excluding.contains(table.uscc.string(Int(row))) { return }
            let key = key(e)
            guard let (score, reasons) = NameScore.score(query, queryBigrams, FirmName(normalisedKey: key), NameSimilarity.bigrams(key),
                                                         minimumSimilarity: minimumSimilarity),
                  score >= minimumScore else { return }
            if let other = best[row], other.score > score || (other.score == score && other.entry < Int32(e)) { return }
            best[row] = (score, Int32(e), e >= currentCount ? [.formerName] + reasons.filter { $0 != .equalName } : reasons)
        }

        // Names equal but for region and legal form: scored by the rules, whatever their bigrams.
        if query.stem.unicodeScalars.count >= 2 {
            for e in Self.entries(hashed: Self.hash(query.stem), stemHashes, stemEntries) {
                if scratch.hits[Int(e)] == 0 { scratch.touched.append(e) }
                scratch.hits[Int(e)] |= Self.sameStemFlag
                score(Int(e))
            }
        }
        // The question's bigrams, rarest first (ties by code); those the index lacks list nobody.
        let counted = queryBigrams.map { b -> (Int32, UInt64, UInt32?) in
            guard let id = bigramID[b] else { return (0, b, nil) }
            return (postingStarts[Int(id) + 1] - postingStarts[Int(id)], b, id)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        let queryIDs = counted.compactMap(\.2).sorted()
        let fewest: Int
        if let known = scratch.fewestShared[a << 32 | la] {
            fewest = known
        } else {
            fewest = Self.fewestShared(a, la, minimumSimilarity)
            scratch.fewestShared[a << 32 | la] = fewest
        }
        let read = Swift.max(0, Swift.min(a, a - fewest + 1))
        let unread = a - read
        postings.withUnsafeBufferPointer { postings in
            for (_, _, id) in counted.prefix(read) {
                guard let id else { continue }
                for i in Int(postingStarts[Int(id)])..<Int(postingStarts[Int(id) + 1]) {
                    let e = Int(postings[i])
                    if scratch.hits[e] == 0 { scratch.touched.append(Int32(e)) }
                    scratch.hits[e] &+= 1
                }
            }
        }
        bigramIDs.withUnsafeBufferPointer { ids in
            for e32 in scratch.touched {
                let e = Int(e32)
                let hits = scratch.hits[e]
                if hits & Self.sameStemFlag != 0 { continue }
                let lo = Int(bigramStarts[e]), hi = Int(bigramStarts[e + 1])
                let b = hi - lo, lb = Int(lengths[e])
                if !Self.mayReach(Swift.min(Int(hits) + unread, a, b), a, b, la, lb, minimumSimilarity) { continue }
                var i = 0, j = lo, shared = 0
                while i < queryIDs.count && j < hi {
                    if queryIDs[i] == ids[j] { shared += 1; i += 1; j += 1 } else if queryIDs[i] < ids[j] { i += 1 } else { j += 1 }
                }
                if !Self.mayReach(shared, a, b, la, lb, minimumSimilarity) { continue }
                score(e)
            }
        }
        for e in scratch.touched { scratch.hits[Int(e)] = 0 }
        scratch.touched.removeAll(keepingCapacity: true)
        return best.map { row, found in
            FirmCandidate(uscc: table.uscc.string(Int(row)), name: table.name.string(Int(row)), region: table.region.string(Int(row)),
                          score: found.score, reasons: found.reasons)
        }.sorted { ($1.score, $0.uscc) < ($0.score, $1.uscc) }.prefix(limit).map { $0 }
    }

    /// The highest similarity a name of `la` scalars and `a` distinct bigrams can have with one of `lb`
    /// and `b` sharing `c` of them reaches `minimumSimilarity` (the bound proved at `candidates`).
    static func mayReach(_ c: Int, _ a: Int, _ b: Int, _ la: Int, _ lb: Int, _ minimumSimilarity: Double) -> Bool {
        let union = a + b - c
        let jaccard = union == 0 ? 1 : Double(c) / Double(union)
        var d = abs(la - lb)
        if la >= 2 && lb >= 2 { d = Swift.max(d, (Swift.max(a, b) - c + 1) / 2) }
        let longer = Swift.max(la, lb)
        let edit = longer == 0 ? 1 : 1 - Double(d) / Double(longer)
        // The tolerance only keeps more entries than needed: they are scored exactly.
        return (jaccard + edit) / 2 >= minimumSimilarity - 1e-9
    }

    /// The fewest bigrams (at least one) an entry must share with a name of `a` bigrams and `la`
    /// scalars to reach `minimumSimilarity`; a + 1 when none can. For a given c the bound is highest
    /// with the fewest bigrams (b = c), and no lb above la / (2·m − 1) can reach m (E ≤ la / lb, J ≤ 1).
    static func fewestShared(_ a: Int, _ la: Int, _ minimumSimilarity: Double) -> Int {
        // At 0.5 or below even names sharing nothing could reach the floor; the index offers only
        // names sharing a bigram, as it always has.
        guard minimumSimilarity > 0.5 + 1e-9, a > 0 else { return 1 }
        let longest = Swift.min(Int(Double(la) / (2 * minimumSimilarity - 1)) + 2, 4 * la + 1_000)
        for c in 1...a {
            for lb in 1...Swift.max(longest, 1) {
                let b = c
                if lb >= 2 ? b > lb - 1 : b > 1 { continue }
                if mayReach(c, a, b, la, lb, minimumSimilarity) { return c }
            }
        }
        return a + 1
    }
}
