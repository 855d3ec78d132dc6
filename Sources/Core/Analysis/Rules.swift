/// The shared rules every analysis follows (docs/analytics.md): as-of dates, active designations,
/// levels, units and ranking.
extension Designation {
    /// Active on `date`: not revoked by then (a revocation without `revoked-on` takes effect on the
    /// issue date of the filing that states it), begun (`valid-from`, else 1 January of `year`) on or
    /// before it, and not expired (`valid-to` absent or on or after it).
    public func isActive(on date: Day, filingIssued: Day?) -> Bool {
        if status == .revoked {
            guard let effective = revokedOn ?? filingIssued else { return false }
            if effective <= date { return false }
        }
        if start > date { return false }
        return !hasExpired(before: date)
    }

    /// Its `valid-to` is before `date`: not active on it, whatever else it says.
    public func hasExpired(before date: Day) -> Bool { validTo.map { $0 < date } ?? false }

    /// Designated at some time up to `date`, revoked or expired since or not (announcement tallies).
    public func wasDesignated(by date: Day) -> Bool { start <= date }

    /// Counts at `level`: at that level or above, or exactly at it.
    public func counts(at level: Level, exact: Bool) -> Bool {
        exact ? self.level == level : self.level >= level
    }
}

/// What an analysis groups firms by.
public enum UnitKind: String, Sendable, CaseIterable, Codable {
    case province, prefecture, county, park, incubator
}

/// How the five separately planned cities (计划单列市) are counted at province level.
public enum PlannedCities: String, Sendable, CaseIterable, Codable {
    /// Within their province (the default).
    case merged
    /// As units of their own, as MIIT's notices address them.
    case separate

    /// 大连, 青岛, 宁波, 厦门, 深圳.
    public static let codes: [String: String] = ["2102": "大连市", "3702": "青岛市", "3302": "宁波市", "3502": "厦门市", "4403": "深圳市"]
}

/// Places firms in units and names units.
public struct Units: Sendable {
    public let kind: UnitKind
    public let plannedCities: PlannedCities
    private let parkNames: [String: String]
    private let incubatorNames: [String: String]
    /// Firm key → incubators it has entered on or before the as-of date (for `--by incubator`).
    private let incubatorsOfFirm: [String: Set<String>]

    public init(kind: UnitKind, plannedCities: PlannedCities = .merged, parks: [Park] = [], incubators: [Incubator] = [],
                incubations: [Incubation] = [], asOf: Day) {
        self.kind = kind
        self.plannedCities = plannedCities
        parkNames = Dictionary(parks.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        incubatorNames = Dictionary(incubators.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var byFirm: [String: Set<String>] = [:]
        for i in incubations where i.entered <= asOf { byFirm[i.uscc, default: []].insert(i.incubator) }
        incubatorsOfFirm = byFirm
    }

    /// The units a firm counts in (none when its placement does not reach that level: a firm known
    /// only by province has no prefecture; a firm outside every park has no park).
    public func units(of firm: FirmPlacement) -> [String] {
        switch kind {
        case .province:
            if plannedCities == .separate, let p = firm.prefecture, PlannedCities.codes[p] != nil { return [p] }
            return [firm.province]
        case .prefecture: return firm.prefecture.map { [$0] } ?? []
        case .county: return firm.county.map { [$0] } ?? []
        case .park: return firm.park.map { [$0] } ?? []
        case .incubator: return incubatorsOfFirm[firm.key].map { $0.sorted() } ?? []
        }
    }

    /// Whether a firm lies within X: a region prefix (2, 4 or 6 digits) or a park id.
    public static func firm(_ firm: FirmPlacement, isWithin x: String) -> Bool {
        if firm.park == x { return true }
        guard !x.isEmpty, x.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        // The stated code, its current successor, and for a firm known only by province or
        // prefecture, that unit: X must be a prefix of one of them.
        return [firm.region, firm.county, firm.prefecture, firm.province].contains { $0?.hasPrefix(x) == true }
    }

    /// The name shown beside a unit code: 湖南省, 株洲市, 天元区, 株洲高新区, an incubator's name.
    public func name(of unit: String) -> String {
        switch kind {
        case .park: return parkNames[unit] ?? unit
        case .incubator: return incubatorNames[unit] ?? unit
        default: return PlannedCities.codes[unit] ?? RegionTable.name(ofUnit: unit) ?? unit
        }
    }
}

/// Standard competition ranking ("1224"): equal counts share a rank and the next rank skips.
/// Input need not be sorted; output is by count descending, then code ascending.
public func competitionRanking(_ counts: [String: Int]) -> [(rank: Int, code: String, count: Int)] {
    let sorted = counts.filter { $0.value > 0 }.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
    var out: [(rank: Int, code: String, count: Int)] = []
    for (i, e) in sorted.enumerated() {
        let rank = (i > 0 && sorted[i - 1].value == e.value) ? out[i - 1].rank : i + 1
        out.append((rank, e.key, e.value))
    }
    return out
}
