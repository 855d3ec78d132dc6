import Core

/// What `rank` (and `explain`, which lists one of its rows) is asked: a typed request that `run` reads
/// from the command line's parameters and that `regctl report` and other callers build directly.
public struct RankQuery: Sendable, Hashable {
    public var program: Program
    public var level: Level
    /// Count the level alone, not the levels above it.
    public var exact: Bool
    /// Count every firm designated up to the date, revoked or expired included.
    public var cumulative: Bool
    public var by: UnitKind
    /// A region prefix (43, 4302, 430211) or a park id.
    public var within: String?
    public var plannedCities: PlannedCities
    /// The first N ranks only (ties at the cut kept).
    public var top: Int?
    /// The chart the report carries: bars, or a tile map of China (by province only).
    public var chart: Report.Chart.Kind

    /// The charts a ranking draws.
    public static let charts: [Report.Chart.Kind] = [.bar, .map]

    public init(program: Program = .littleGiant, level: Level = .national, exact: Bool = false, cumulative: Bool = false,
                by: UnitKind = .province, within: String? = nil, plannedCities: PlannedCities = .merged, top: Int? = nil,
                chart: Report.Chart.Kind = .bar) {
        self.program = program
        self.level = level
        self.exact = exact
        self.cumulative = cumulative
        self.by = by
        self.within = within
        self.plannedCities = plannedCities
        self.top = top
        self.chart = chart
    }

    /// Reads the parameters of `rank`'s descriptor (or of `explain`'s, which are the same but `top` and `chart`).
    public init(_ p: Parameters) throws {
        self.init(program: try p.choice(Program.self, "program"), level: try p.choice(Level.self, "level"),
                  exact: p.flag("exact"), cumulative: p.flag("cumulative"), by: try p.choice(UnitKind.self, "by"),
                  within: p.text("within").map { $0.trimmingCharacters(in: .whitespaces) },
                  plannedCities: try p.choice(PlannedCities.self, "planned-cities"), top: p.integer("top"),
                  chart: try p.optionalChoice(Report.Chart.Kind.self, "chart") ?? .bar)
    }

    /// The query as the parameters of `regctl rank` that differ from their defaults (what a report
    /// prints as the command that reproduces it); `init(_:)` reads them back into this query.
    public var parameters: [String: String] {
        var out: [String: String] = [:]
        let d = RankQuery()
        if program != d.program { out["program"] = program.rawValue }
        if level != d.level { out["level"] = level.rawValue }
        if exact { out["exact"] = "true" }
        if cumulative { out["cumulative"] = "true" }
        if by != d.by { out["by"] = by.rawValue }
        if let within { out["within"] = within }
        if plannedCities != d.plannedCities { out["planned-cities"] = plannedCities.rawValue }
        if let top { out["top"] = String(top) }
        if chart != d.chart { out["chart"] = chart.rawValue }
        return out
    }

    /// The counting criteria of the query.
    public var criteria: DesignationCount.Criteria {
        DesignationCount.Criteria(program: program, level: level, exact: exact, cumulative: cumulative, within: within)
    }

    /// "national level", "provincial level and above", "municipal level" (with --exact): the level as
    /// titles and notes of rank and explain say it.
    public var levelText: String { criteria.levelText }

    /// "active on" or "designated up to", before the as-of date.
    public var scopeText: String { cumulative ? "designated up to" : "active on" }

    /// The title of the ranking: 专精特新“小巨人” national level by park.
    public var title: String { "\(program.chinese) \(levelText) by \(by.rawValue)" }
}

/// The count behind a ranking, with the units that name its rows: what rank and explain both read
/// and compute, so that explain's count for a unit is rank's by construction.
struct RankCount {
    let units: Units
    let count: DesignationCount

    /// Reads exactly what the query needs (Core's `DesignationSource`, which `changes` reads too):
    /// parks (for --within and names), incubations only when ranking incubators, and the designations
    /// of the programme at the levels that can count, leaving out those expired by the date unless cumulative.
    init(_ query: RankQuery, plugin: String, asOf: Day, registry: any RegistryReader) throws {
        let source = try DesignationSource(criteria: query.criteria, by: query.by, plannedCities: query.plannedCities,
                                           earliest: asOf, plugin: plugin, registry: registry)
        (units, count) = source.count(asOf: asOf)
    }
}
