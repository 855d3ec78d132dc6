/// Counts distinct firms with qualifying designations per unit: the computation behind `rank`, shared
/// with every analysis that needs "little giants provincial and above in this park" and the like.
public struct DesignationCount: Sendable {
    /// Firms per unit code.
    public var firmsByUnit: [String: Set<String>]
    /// Every firm counted (in any unit or none).
    public var firms: Set<String>
    /// Firms known only by name.
    public var provisional: Set<String>
    /// Firms counted but placed in no unit of the kind asked.
    public var unplaced: Set<String>
    /// Filings whose designations were counted.
    public var filings: Set<String>
    /// The designations given, and which of them were counted in which units, in the order read
    /// (positions, not copies: a copy of each fact was a tenth of `rank`'s time at a million firms).
    private let designations: [DesignationFact]
    private var admitted: [(index: Int, units: [String])]

    /// Why each unit counts what it does: unit code → firm key → the qualifying designation facts
    /// (with their filing and line). `regctl explain` lists them. Grouped when asked: a ranking
    /// needs only the counts, and the nested dictionaries cost it more than the counting.
    public var evidence: [String: [String: [DesignationFact]]] {
        var out: [String: [String: [DesignationFact]]] = [:]
        for (index, units) in admitted {
            let fact = designations[index]
            for u in units { out[u, default: [:]][fact.firm.key, default: []].append(fact) }
        }
        return out
    }

    /// What to count.
    public struct Criteria: Sendable, Hashable {
        public var program: Program
        public var level: Level
        public var exact: Bool
        public var cumulative: Bool
        public var within: String?

        public init(program: Program = .littleGiant, level: Level = .national, exact: Bool = false, cumulative: Bool = false, within: String? = nil) {
            self.program = program
            self.level = level
            self.exact = exact
            self.cumulative = cumulative
            self.within = within
        }

        /// The levels whose designations can count.
        public var levels: Set<Level> {
            Set(Level.allCases.filter { exact ? $0 == level : $0 >= level })
        }

        /// The levels counted, as titles and notes say them: "national level", "provincial level and
        /// above", "municipal level" (exact).
        public var levelText: String { levelWords.english }

        /// The levels counted as a message of Core's catalogue (国家级, 省级及以上, 市级), for titles
        /// and notes in the reader's language.
        package var levelWords: Message {
            let key: CoreKey = switch (level, exact || level == .national) {
            case (.national, _): .levelNational
            case (.provincial, true): .levelProvincial
            case (.municipal, true): .levelMunicipal
            case (.provincial, false): .levelProvincialAndAbove
            case (.municipal, false): .levelMunicipalAndAbove
            }
            return .core(key)
        }

        /// Whether one designation counts on `asOf`.
        public func admits(_ fact: DesignationFact, asOf: Day) -> Bool {
            let d = fact.designation
            guard d.program == program, d.counts(at: level, exact: exact) else { return false }
            guard cumulative ? d.wasDesignated(by: asOf) : d.isActive(on: asOf, filingIssued: fact.filingIssued) else { return false }
            if let within, !Units.firm(fact.firm, isWithin: within) { return false }
            return true
        }
    }

    /// Counts `designations` (current facts) that meet `criteria` on `asOf`, grouped by `units`.
    public init(_ designations: [DesignationFact], criteria: Criteria, asOf: Day, units: Units) {
        firmsByUnit = [:]
        firms = []
        provisional = []
        unplaced = []
        filings = []
        admitted = []
        self.designations = designations
        // Most facts read are counted, each for its own firm: sized once instead of grown (at ten
        // million firms the rehashing showed in rank's profile).
        firms.reserveCapacity(designations.count)
        admitted.reserveCapacity(designations.count)
        var lastFiling: String?
        for (index, fact) in designations.enumerated() where criteria.admits(fact, asOf: asOf) {
            // Facts mostly come grouped by filing (SQLite reads them in filing order): one insert per run.
            if fact.filing != lastFiling {
                filings.insert(fact.filing)
                lastFiling = fact.filing
            }
            firms.insert(fact.firm.key)
            if !fact.firm.resolved { provisional.insert(fact.firm.key) }
            let placed = units.units(of: fact.firm)
            if placed.isEmpty { unplaced.insert(fact.firm.key) }
            for u in placed { firmsByUnit[u, default: []].insert(fact.firm.key) }
            admitted.append((index, placed))
        }
    }

    /// Units with their counts, ranked (1, 2, 2, 4).
    public var ranking: [(rank: Int, code: String, count: Int)] {
        competitionRanking(firmsByUnit.mapValues(\.count))
    }
}

/// What a designation count reads from the registry, read once and countable on any date from the
/// one it was read for: `rank` and `explain` count it on their as-of date, `changes` on two dates. It
/// lives here so that every one of them reads, places and counts exactly alike.
public struct DesignationSource: Sendable {
    public let criteria: DesignationCount.Criteria
    public let by: UnitKind
    public let plannedCities: PlannedCities
    /// The current parks (for `--within` and names).
    public let parks: [Park]
    /// Incubators and incubations, read only when counting by incubator.
    public let incubators: [Incubator]
    public let incubations: [Fact<Incubation>]
    /// The designations of the programme at the levels that can count, leaving out those expired
    /// before the earliest date asked (unless cumulative): they cannot be active on it or later.
    public let designations: [DesignationFact]

    /// Reads what counting `criteria` by `by` needs, for dates on or after `earliest`. A `--within`
    /// that names no region or loaded park is refused (`AnalysisError.badParameter` for `plugin`).
    public init(criteria: DesignationCount.Criteria, by: UnitKind, plannedCities: PlannedCities, earliest: Day,
                plugin: String, registry: any RegistryReader) throws {
        self.criteria = criteria
        self.by = by
        self.plannedCities = plannedCities
        if by == .incubator {
            incubations = try registry.incubations(uscc: nil)
            incubators = try registry.incubators().map(\.value)
        } else {
            incubations = []
            incubators = []
        }
        parks = try registry.parks().map(\.value)
        if let within = criteria.within { try Units.checkWithin(within, parks: parks, plugin: plugin) }
        designations = try registry.designations(program: criteria.program, levels: criteria.levels,
                                                 unexpiredOn: criteria.cumulative ? nil : earliest)
    }

    /// The units as they are on `asOf` (incubator membership depends on the date; regions and parks
    /// are the firms' current ones whatever the date).
    public func units(asOf: Day) -> Units {
        Units(kind: by, plannedCities: plannedCities, parks: parks, incubators: incubators,
              incubations: incubations.map(\.value), asOf: asOf)
    }

    /// The count on `asOf` (on or after the date read for), with the units that name its rows.
    public func count(asOf: Day) -> (units: Units, count: DesignationCount) {
        let units = units(asOf: asOf)
        return (units, DesignationCount(designations, criteria: criteria, asOf: asOf, units: units))
    }
}

extension Incubation {
    /// In incubation on `date`: entered on or before it, and neither graduated nor exited on or before it
    /// (a firm that graduates on the date is no longer in incubation that day).
    public func isIncubating(on date: Day) -> Bool {
        entered <= date && !(graduated.map { $0 <= date } ?? false) && !(exited.map { $0 <= date } ?? false)
    }

    /// Graduated on or before `date`.
    public func hasGraduated(by date: Day) -> Bool { graduated.map { $0 <= date } ?? false }
}

extension Day {
    /// The first day of the `years`-year window that ends on this day: for 2024-12-31 and 5 years,
    /// 2020-01-01, so that the window (2020-01-01 … 2024-12-31) holds exactly five years.
    public func windowStart(years: Int) -> Day { adding(years: -years).next }
}
