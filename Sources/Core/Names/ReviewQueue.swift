import Foundation

/// The names without a code that link to no firm, each with its candidates, and the decisions a
/// reviewer files about them: a filing of `link` records, stored, exported and retractable like any
/// other. `regctl resolve` prints it; nothing is linked without a decision.
public struct ReviewQueue {
    /// One unresolved name in one region unit and its candidates, best first.
    public struct Entry: Sendable, Hashable {
        public var name: String
        /// The unit (code prefix) of the list's region.
        public var unit: String
        public var candidates: [FirmCandidate]

        /// The decision about this name and `candidate`, its region stated as the unit's six-digit code
        /// (43 → 430000), which a link record accepts.
        public func link(to candidate: FirmCandidate, _ decision: LinkDecision, note: String? = nil) -> Link {
            Link(name: name, region: unit + String(repeating: "0", count: max(0, 6 - unit.count)), uscc: candidate.uscc,
                 decision: decision, note: note)
        }
    }

    public let registry: any Registry
    /// How many candidates each name gets at most, and the lowest score listed.
    public var limit: Int
    public var minimumScore: Double

    public init(registry: any Registry, limit: Int = 3, minimumScore: Double = 0.6) {
        self.registry = registry
        self.limit = limit
        self.minimumScore = minimumScore
    }

    /// The unresolved names with their candidates; names without any are listed too (with none), so
    /// that the queue shows everything still provisional. Candidates a `different` decision refused
    /// are left out.
    public func entries() throws -> [Entry] {
        let unresolved = try registry.firms(FirmQuery(unresolvedOnly: true))
        let questions = unresolved.map { NameMatcher.Question(name: $0.firm.name, unit: $0.placement.region) }
        var answers = [[FirmCandidate]](repeating: [], count: questions.count)
        if questions.isEmpty { return [] }
        // One read of the firms and decisions for the whole queue; one province's index at a time,
        // so that the queue never holds the whole country's.
        let table = try registry.nameTable()
        let decisions = NameMatcher.Decisions(try registry.links())
        let byProvince = Dictionary(grouping: questions.indices) { i in
            questions[i].unit.flatMap { $0.isEmpty ? nil : String($0.prefix(2)) } ?? ""
        }
        for (province, indices) in byProvince.sorted(by: { $0.key < $1.key }) {
            let matcher = NameMatcher(table: table, decisions: decisions, provinces: province.isEmpty ? nil : [province],
                                      limit: limit, minimumScore: minimumScore)
            for (i, found) in zip(indices, matcher.candidates(for: indices.map { questions[$0] })) { answers[i] = found }
        }
        return zip(questions, answers).map { Entry(name: $0.name, unit: $0.unit ?? "", candidates: $1) }
    }

    /// The decisions `--accept-above` makes: a name's best candidate when it scores at least `score`
    /// and no other candidate does (two firms that close are a reviewer's question, not a rule's).
    public func decisionsAbove(_ score: Double, in entries: [Entry]) -> [(Entry, FirmCandidate)] {
        entries.compactMap { e in
            guard let best = e.candidates.first, best.score >= score,
                  e.candidates.dropFirst().allSatisfy({ $0.score < score }) else { return nil }
            return (e, best)
        }
    }

    /// Files the decisions as one filing of `link` records, issued by `authority` on `issued`.
    @discardableResult
    package func file(_ links: [Link], authority: String, issued: Day, title: String? = nil) throws -> LoadReport {
        let id = "links-\(issued)-\(UUID().uuidString.prefix(8).lowercased())"
        let header = FilingHeader(id: id, authority: authority, issued: issued, title: title ?? "名称关联审核决定")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("\(id).xml").path
        try Data(Exporter.xml(header, links.map(Record.link)).utf8).write(to: URL(fileURLWithPath: path))
        return try FilingLoader(store: registry).load(path: path, displayName: "\(id).xml")
    }
}
