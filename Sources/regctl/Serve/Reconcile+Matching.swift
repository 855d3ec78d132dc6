import Core
import Foundation

/// The one place `/reconcile` asks Core for candidates. Core's `NameIndex` (what `NameMatcher` and
/// `regctl resolve` use) finds and scores them; reviewers' decisions come from the registry's `link`
/// facts. Nothing here scores a name. The indexes are built once per registry state (the cache key
/// of every answer) and kept until the state changes, so a request costs the look-ups only.
///
/// When Core offers a per-request matcher built once (issue #16's follow-up), `candidates(_:in:)` is
/// the call to switch.
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
        let firms: [NameIndex.IndexedFirm]
        let byCode: [String: Int]
        let parks: NameIndex
        let incubators: NameIndex
        /// `same` decisions by (name key, unit): the firm they link to (the smallest code where several).
        let same: [String: String]
        /// `different` decisions by (name key, unit): the firms that name is not.
        let different: [String: Set<String>]
        /// One index per province asked (and "" for the whole country), built on first use.
        private let indexes = Locked<[String: NameIndex]>([:])

        init(registry: any RegistryReader) throws {
            firms = try registry.firmNames()
            byCode = Dictionary(firms.enumerated().map { ($1.uscc, $0) }, uniquingKeysWith: { a, _ in a })
            // Parks and incubators are few; Core's index scores their names as it scores firms'.
            parks = NameIndex(firms: try registry.parks().map {
                NameIndex.IndexedFirm(uscc: $0.value.id, name: $0.value.name, formerNames: $0.value.shortName.map { [$0] } ?? [], region: $0.value.region)
            })
            incubators = NameIndex(firms: try registry.incubators().map {
                NameIndex.IndexedFirm(uscc: $0.value.id, name: $0.value.name, region: $0.value.region)
            })
            var same: [String: String] = [:], different: [String: Set<String>] = [:]
            for l in try registry.links() {
                let key = Self.key(l.value.name, l.value.regionUnit ?? "")
                switch l.value.decision {
                case .same: same[key] = min(same[key] ?? l.value.uscc, l.value.uscc)
                case .different: different[key, default: []].insert(l.value.uscc)
                }
            }
            self.same = same
            self.different = different
        }

        static func key(_ name: String, _ unit: String) -> String { FilingText.nameKey(name) + "@" + unit }

        /// The index of a province's firms (a firm lies in it by its stated or its current code, as
        /// `NameMatcher` has it), or of all firms for "".
        func index(province: String) -> NameIndex {
            indexes.withLock { built in
                if let index = built[province] { return index }
                let index = NameIndex(firms: province.isEmpty ? firms : firms.filter { $0.region.hasPrefix(province) || $0.regionNow.hasPrefix(province) })
                built[province] = index
                return index
            }
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
    static func candidates(_ q: ReconcileQuery, in s: Snapshot) -> [Found] {
        var out: [Found] = []
        let text = q.text
        if q.types.contains(.firm) {
            out += firms(text, unit: q.unit, limit: q.limit, in: s)
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

    /// Firms for a name: Core's candidates, a reviewer's decisions, and which one the registry links.
    static func firms(_ text: String, unit: String?, limit: Int, in s: Snapshot) -> [Found] {
        func found(_ f: NameIndex.IndexedFirm, score: Double, reasons: [CandidateReason], match: Bool) -> Found {
            Found(kind: .firm, id: f.uscc, name: f.name, region: f.region, score: score, reasons: reasons, match: match)
        }
        // A code asked for is that firm, linked as a designation stating it is.
        let code = USCC.normalize(text)
        if code.count == 18, let i = s.byCode[code] {
            let f = s.firms[i]
            if unit.map({ f.region.hasPrefix($0) || f.regionNow.hasPrefix($0) }) ?? true {
                return [found(f, score: 1, reasons: [.equalName], match: true)]
            }
        }
        let key = unit.map { Snapshot.key(text, $0) }
        let excluded = key.flatMap { s.different[$0] } ?? []
        let index = s.index(province: unit.map { String($0.prefix(2)) } ?? "")
        var list = index.candidates(for: text, unit: unit, limit: max(limit, 3), excluding: excluded).map {
            Found(kind: .firm, id: $0.uscc, name: $0.name, region: $0.region, score: $0.score, reasons: $0.reasons, match: false)
        }
        // The registry links only within a region (designations by name state one): without a
        // region, nothing is a match.
        guard unit != nil, let key else { return list }
        if let decided = s.same[key], let i = s.byCode[decided] {
            if let at = list.firstIndex(where: { $0.id == decided }) {
                list[at].match = true
            } else {
                list.insert(found(s.firms[i], score: 1, reasons: [], match: true), at: 0)
            }
            return list
        }
        // Equal name first, then equal former name; the smallest code within each (CurrentView's order).
        let equal = list.indices.filter { list[$0].score >= 1 && list[$0].reasons == [.equalName] }
        let former = list.indices.filter { list[$0].score >= 1 && list[$0].reasons == [.formerName] }
        if let pick = (equal.isEmpty ? former : equal).min(by: { list[$0].id < list[$1].id }) { list[pick].match = true }
        return list
    }
}
