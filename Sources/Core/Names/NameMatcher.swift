/// Finds the registered firms a name without a code may stand for: the service behind `regctl
/// resolve` and the web's reconciliation endpoint. Built once per state of the registry (it reads
/// every current firm's names and the reviewers' decisions once, and indexes each province), then
/// asked any number of times, from any thread: it never reads the registry again, so a caller
/// builds a new one after a load or a retraction.
public struct NameMatcher: Sendable {
    /// A name to find, in a region unit (2, 4 or 6 digits of a division code; nil for anywhere).
    public struct Question: Sendable, Hashable {
        public var name: String
        public var unit: String?
        /// Codes a reviewer has said this name does not stand for (beside the registry's own decisions).
        public var excluding: Set<String>

        public init(name: String, unit: String?, excluding: Set<String> = []) {
            self.name = name
            self.unit = unit
            self.excluding = excluding
        }
    }

    /// How many candidates each answer holds at most.
    public var limit: Int
    /// The lowest score an answer holds.
    public var minimumScore: Double

    let table: FirmNameTable
    /// One index per province (two digits) that has firms, or was asked for.
    let indexes: [String: NameIndex]
    let decisions: Decisions
    /// The table rows of the firms `same` decisions name.
    let decidedRows: [String: Int32]

    /// Reads the registry's firms and decisions and indexes `provinces` (two-digit codes; nil for all).
    public init(registry: any RegistryReader, provinces: Set<String>? = nil, limit: Int = 3, minimumScore: Double = 0.6) throws {
        self.init(table: try registry.nameTable(), decisions: Decisions(try registry.links()), provinces: provinces,
                  limit: limit, minimumScore: minimumScore)
    }

    init(table: FirmNameTable, decisions: Decisions, provinces: Set<String>?, limit: Int, minimumScore: Double) {
        self.table = table
        self.decisions = decisions
        self.limit = limit
        self.minimumScore = minimumScore
        var indexes: [String: NameIndex] = [:]
        for (province, rows) in Self.rowsByProvince(table, only: provinces) {
            indexes[province] = NameIndex(table: table, rows: rows)
        }
        self.indexes = indexes
        var decidedRows: [String: Int32] = [:]
        let decided = Set(decisions.same.values.joined())
        if !decided.isEmpty {
            let lengths = Set(decided.map(\.utf8.count))
            for row in 0..<table.count where lengths.contains(table.uscc.range(row).count) {
                let uscc = table.uscc.string(row)
                if decided.contains(uscc) { decidedRows[uscc] = Int32(row) }
            }
        }
        self.decidedRows = decidedRows
    }

    /// A firm lies in a unit when its stated or its current code starts with it (as the link rule has
    /// it); the two differ in province only for codes moved between provinces: such a firm is in both.
    static func rowsByProvince(_ table: FirmNameTable, only: Set<String>?) -> [String: [Int32]] {
        // Keyed by the codes' first two bytes: a String per firm cost a tenth of a batch.
        func code(_ text: UnsafeBufferPointer<UInt8>) -> UInt16 {
            text.count >= 2 ? UInt16(text[0]) << 8 | UInt16(text[1]) : text.first.map(UInt16.init) ?? 0
        }
        func name(_ code: UInt16) -> String {
            code > 0xFF ? String(decoding: [UInt8(code >> 8), UInt8(code & 0xFF)], as: UTF8.self)
                : code == 0 ? "" : String(decoding: [UInt8(code)], as: UTF8.self)
        }
        let wanted = only.map { Set($0.map { Array($0.utf8.prefix(2)).withUnsafeBufferPointer(code) }) }
        var rows: [UInt16: [Int32]] = [:]
        for w in wanted ?? [] { rows[w] = [] }
        for row in 0..<table.count {
            let a = table.region.withBytes(row, code), b = table.regionNow.withBytes(row, code)
            if wanted?.contains(a) ?? true { rows[a, default: []].append(Int32(row)) }
            if b != a, wanted?.contains(b) ?? true { rows[b, default: []].append(Int32(row)) }
        }
        return Dictionary(uniqueKeysWithValues: rows.map { (name($0.key), $0.value) })
    }

    /// The candidates of a name in a region (a code, 430000, or a name, 湖南省; nil for anywhere),
    /// best first, at most `limit` (the matcher's when nil). Scores run 0–1; `links` marks the firm
    /// the registry links the name to by itself (an equal or former name in the region, or a
    /// reviewer's `same` decision), which is then first whatever its score; candidates a reviewer
    /// refused (`different`) are left out. Without a region nothing links (a list states its region).
    public func candidates(for name: String, region: String?, limit: Int? = nil) throws(NameMatchError) -> [FirmCandidate] {
        var unit: String?
        if let region {
            guard let u = RegionResolver.unit(for: region) else { throw .unknownRegion(region) }
            unit = u
        }
        return candidates(for: [Question(name: name, unit: unit)], limit: limit)[0]
    }

    /// The candidates of each question, in the questions' order (see `candidates(for:region:limit:)`).
    public func candidates(for questions: [Question], limit: Int? = nil) -> [[FirmCandidate]] {
        let limit = limit ?? self.limit
        var scratch: [String: NameIndex.Scratch] = [:]
        return questions.map { q in
            let key = FilingText.nameKey(q.name)
            let refused = q.unit.map { decisions.refused[Decisions.key(key, $0)] ?? [] } ?? []
            let excluding = q.excluding.union(refused)
            let provinces = q.unit.flatMap { $0.isEmpty ? nil : [String($0.prefix(2))] } ?? indexes.keys.sorted()
            var found: [FirmCandidate] = []
            for p in provinces {
                guard let index = indexes[p] else { continue }
                var s = scratch[p] ?? NameIndex.Scratch(entries: index.entryCount)
                found += index.candidates(for: q.name, unit: q.unit, limit: limit, minimumScore: minimumScore, excluding: excluding, scratch: &s)
                scratch[p] = s
            }
            if provinces.count > 1 {
                // A firm moved between provinces is in two indexes, with one score.
                var seen = Set<String>()
                found = found.sorted { ($1.score, $0.uscc) < ($0.score, $1.uscc) }.filter { seen.insert($0.uscc).inserted }
            }
            found = Array(found.prefix(limit))
            if let unit = q.unit, let linked = linkedFirm(key: key, unit: unit) {
                if let i = found.firstIndex(where: { $0.uscc == linked.uscc }) {
                    var c = found.remove(at: i)
                    c.links = true
                    found.insert(c, at: 0)
                } else {
                    found.insert(linked, at: 0)
                    if found.count > limit { found.removeLast() }
                }
            }
            return found
        }
    }

    /// The firm the registry links the normalised name `key` in `unit` to, as `CurrentView`'s rule
    /// has it: a reviewer's `same` decision, else an equal current name, else an equal former name;
    /// among several, the smallest code.
    func linkedFirm(key: String, unit: String) -> FirmCandidate? {
        if let uscc = decisions.same[Decisions.key(key, unit)]?.min() {
            let row = decidedRows[uscc]
            return FirmCandidate(uscc: uscc, name: row.map { table.name.string(Int($0)) } ?? "",
                                 region: row.map { table.region.string(Int($0)) } ?? "", score: 1, reasons: [.decision], links: true)
        }
        let unitBytes = Array(unit.utf8)
        var current: (String, Int32)?, former: (String, Int32)?
        let searched = unit.isEmpty ? Array(indexes.values) : indexes[String(unit.prefix(2))].map({ [$0] }) ?? []
        for index in searched {
            for e in NameIndex.entries(hashed: NameIndex.hash(key), index.keyHashes, index.keyEntries) where index.key(Int(e)) == key {
                let row = index.entryRow[Int(e)]
                guard table.lies(Int(row), in: unitBytes) else { continue }
                let uscc = table.uscc.string(Int(row))
                if Int(e) < index.currentCount {
                    if current.map({ uscc < $0.0 }) ?? true { current = (uscc, row) }
                } else if former.map({ uscc < $0.0 }) ?? true {
                    former = (uscc, row)
                }
            }
        }
        guard let (uscc, row) = current ?? former else { return nil }
        return FirmCandidate(uscc: uscc, name: table.name.string(Int(row)), region: table.region.string(Int(row)), score: 1,
                             reasons: current != nil ? [.equalName] : [.formerName], links: true)
    }

    /// Reviewers' decisions (current `link` records) by normalised name and unit.
    struct Decisions: Sendable {
        var same: [String: [String]] = [:]
        var refused: [String: Set<String>] = [:]

        init(_ links: [Fact<Link>]) {
            for l in links {
                let k = Self.key(FilingText.nameKey(l.value.name), l.value.regionUnit ?? "")
                switch l.value.decision {
                case .same: same[k, default: []].append(l.value.uscc)
                case .different: refused[k, default: []].insert(l.value.uscc)
                }
            }
        }

        static func key(_ nameKey: String, _ unit: String) -> String { "\(nameKey)@\(unit)" }
    }
}

/// Why the matcher could not answer.
public enum NameMatchError: Error, Sendable, Hashable {
    /// The region is neither a division code nor a name the region table knows.
    case unknownRegion(String)
}
