import Core
import Foundation

/// The one place `/reconcile` asks Core for candidates. Firms come from Core's `NameMatcher` (what
/// `regctl resolve` uses): it scores them, applies reviewers' decisions and says which one the
/// registry links by itself (`FirmCandidate.links`, the API's `match`), so no rule of linking lives
/// here. Parks and incubators, a small table each, are scored by Core's `NameIndex`. Everything is
/// built once per registry state (the cache key of every answer) and kept until it changes, so a
/// request costs the look-ups only.
final class ReconcileMatching: Sendable {
    /// What a question finds: firms, parks and incubators, each with Core's score and reasons.
    struct Found: Sendable, Hashable {
        var kind: ReconcileEntityType
        var id: String
        var name: String
        var region: String
        var score: Double
        var reasons: [CandidateReason]
        /// True where the registry links by itself (a designation by this name in this region would
        /// reach this firm): a reviewer's `same` decision, else the equal name, else the equal former
        /// name, the smallest code among several; a park's or incubator's id or name.
        var match: Bool
    }

    /// The registry at one state, indexed for names.
    final class Snapshot: Sendable {
        /// Firms by name, reviewers' decisions applied, the registry's own link marked.
        let matcher: NameMatcher
        let parks: NameIndex
        let incubators: NameIndex

        init(registry: any RegistryReader) throws {
            matcher = try NameMatcher(registry: registry)
            // Parks and incubators are few; Core's index scores their names as it scores firms'.
            parks = NameIndex(firms: try registry.parks().map {
                NameIndex.IndexedFirm(uscc: $0.value.id, name: $0.value.name, formerNames: $0.value.shortName.map { [$0] } ?? [], region: $0.value.region)
            })
            incubators = NameIndex(firms: try registry.incubators().map {
                NameIndex.IndexedFirm(uscc: $0.value.id, name: $0.value.name, region: $0.value.region)
            })
        }
    }

    private let current = Locked<(state: String, snapshot: Snapshot)?>(nil)

    /// The snapshot of the registry at `state`, built when the state is new (one build at a time:
    /// at a million firms an index is large, and two requests should not build two).
    func snapshot(state: String, registry: any RegistryReader) throws -> Snapshot {
        try current.withLock { c in
            if let c, c.state == state { return c.snapshot }
            let s = try Snapshot(registry: registry)
            c = (state, s)
            return s
        }
    }

    /// The candidates of one question, best first: at most `limit`, those of the kinds asked, in
    /// `unit` (a code prefix) when one is given.
    /// `coded`: the registered firms whose codes the batch asks as queries (`codes(in:)`), read by code.
    static func candidates(_ q: ReconcileQuery, in s: Snapshot, coded: [String: FirmFact]) -> [Found] {
        var out: [Found] = []
        let text = q.text
        if q.types.contains(.firm) {
            out += firms(text, unit: q.unit, limit: q.limit, in: s, coded: coded)
        }
        for (kind, index) in [(ReconcileEntityType.park, s.parks), (.incubator, s.incubators)] where q.types.contains(kind) {
            // An id asked for is that entity (the spec: an identifier as the query finds its entity).
            if let i = index.firms.firstIndex(where: { $0.uscc == text }), q.unit.map({ index.firms[i].region.hasPrefix($0) }) ?? true {
                let f = index.firms[i]
                out.append(Found(kind: kind, id: f.uscc, name: f.name, region: f.region, score: 1, reasons: [.equalName], match: true))
                continue
            }
            let list = index.candidates(for: text, unit: q.unit, limit: q.limit)
            // Its name or short name, when only one has it (`Park.named`'s rule: two are a question).
            let exact = list.filter { c in c.score >= 1 && c.reasons.allSatisfy { $0 == .equalName || $0 == .formerName } }
            for c in list {
                out.append(Found(kind: kind, id: c.uscc, name: c.name, region: c.region, score: c.score, reasons: c.reasons,
                                 match: exact.count == 1 && exact[0].uscc == c.uscc))
            }
        }
        return Array(out.sorted { ($1.score, $0.kind.rawValue, $0.id) < ($0.score, $1.kind.rawValue, $1.id) }.prefix(q.limit))
    }

    /// Firms for a name: Core's candidates, with the one the registry links by itself as the match.
    /// The queries of a batch that are written as codes, normalised: the firms to read by code.
    static func codes(in batch: [ReconcileQuery]) -> Set<String> {
        Set(batch.map { USCC.normalize($0.text) }.filter { $0.count == 18 })
    }

    static func firms(_ text: String, unit: String?, limit: Int, in s: Snapshot, coded: [String: FirmFact]) -> [Found] {
        // A code asked for is that firm, linked as a designation stating it is.
        if let f = coded[USCC.normalize(text)],
           unit.map({ f.firm.region.hasPrefix($0) || (f.placement.county ?? "").hasPrefix($0) }) ?? true {
            return [Found(kind: .firm, id: f.firm.uscc, name: f.firm.name, region: f.firm.region, score: 1, reasons: [.equalName], match: true)]
        }
        // Without a region nothing links (designations by name state one): Core marks no candidate.
        return s.matcher.candidates(for: [NameMatcher.Question(name: text, unit: unit)], limit: max(limit, 3))[0].map { c in
            Found(kind: .firm, id: c.uscc, name: c.name, region: c.region, score: c.score, reasons: c.reasons, match: c.links)
        }
    }
}
