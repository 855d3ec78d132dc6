/// Finds the registered firms a name without a code may stand for: the service behind `regctl
/// resolve` and the web's reconciliation endpoint. It reads the firms of each province a batch of
/// questions names once, indexes them (``NameIndex``) and answers every question of that province
/// from the index.
public struct NameMatcher: Sendable {
    /// A name to find, in a region unit (2, 4 or 6 digits of a division code; nil for anywhere).
    public struct Question: Sendable, Hashable {
        public var name: String
        public var unit: String?
        /// Codes a reviewer has said this name does not stand for.
        public var excluding: Set<String>

        public init(name: String, unit: String?, excluding: Set<String> = []) {
            self.name = name
            self.unit = unit
            self.excluding = excluding
        }
    }

    public let registry: any RegistryReader
    /// How many candidates each answer holds at most.
    public var limit: Int
    /// The lowest score an answer holds.
    public var minimumScore: Double

    public init(registry: any RegistryReader, limit: Int = 3, minimumScore: Double = 0.6) {
        self.registry = registry
        self.limit = limit
        self.minimumScore = minimumScore
    }

    /// The candidates of one name, best first.
    public func candidates(name: String, unit: String?) throws -> [FirmCandidate] {
        try candidates(for: [Question(name: name, unit: unit)])[0]
    }

    /// The candidates of each question, in the questions' order.
    public func candidates(for questions: [Question]) throws -> [[FirmCandidate]] {
        var answers = [[FirmCandidate]](repeating: [], count: questions.count)
        if questions.isEmpty { return answers }
        let byProvince = Dictionary(grouping: questions.indices) { questions[$0].unit.map { String($0.prefix(2)) } ?? "" }
        // One read of the firms for the whole batch; one index per province asked, built in turn.
        let firms = try registry.firmNames()
        var inProvince: [String: [NameIndex.IndexedFirm]] = [:]
        for f in firms {
            // A firm lies in a unit when its stated or its current code starts with it (as the link
            // rule has it); the two differ in province only for codes moved between provinces.
            let a = String(f.region.prefix(2)), b = String(f.regionNow.prefix(2))
            if byProvince[a] != nil { inProvince[a, default: []].append(f) }
            if b != a, byProvince[b] != nil { inProvince[b, default: []].append(f) }
        }
        for (province, indices) in byProvince.sorted(by: { $0.key < $1.key }) {
            let index = NameIndex(firms: province.isEmpty ? firms : inProvince[province] ?? [])
            inProvince[province] = nil
            for i in indices {
                let q = questions[i]
                answers[i] = index.candidates(for: q.name, unit: q.unit, limit: limit, minimumScore: minimumScore, excluding: q.excluding)
            }
        }
        return answers
    }
}
