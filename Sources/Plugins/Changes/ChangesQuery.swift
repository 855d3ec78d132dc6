import Core

/// What `changes` is asked: read from the command line's parameters by `run`, or built directly.
public struct ChangesQuery: Sendable, Hashable {
    /// The two answers `changes` gives.
    public enum View: String, Sendable, CaseIterable {
        /// One row per unit: before, after, gained, lost, net.
        case units
        /// One row per firm gained or lost, with the fact that started or stopped its counting.
        case firms
    }

    /// The earlier date; nil: one year before the as-of date.
    public var since: Day?
    public var program: Program
    public var level: Level
    /// Count the level alone, not the levels above it.
    public var exact: Bool
    public var by: UnitKind
    /// A region prefix (43, 4302, 430211) or a park id.
    public var within: String?
    public var plannedCities: PlannedCities
    public var view: View

    public init(since: Day? = nil, program: Program = .littleGiant, level: Level = .national, exact: Bool = false,
                by: UnitKind = .province, within: String? = nil, plannedCities: PlannedCities = .merged, view: View = .units) {
        self.since = since
        self.program = program
        self.level = level
        self.exact = exact
        self.by = by
        self.within = within
        self.plannedCities = plannedCities
        self.view = view
    }

    /// Reads the parameters of the descriptor.
    public init(_ p: Parameters) throws {
        self.init(since: p.date("since"), program: try p.choice(Program.self, "program"), level: try p.choice(Level.self, "level"),
                  exact: p.flag("exact"), by: try p.choice(UnitKind.self, "by"), within: p.trimmedText("within"),
                  plannedCities: try p.choice(PlannedCities.self, "planned-cities"), view: try p.choice(View.self, "view"))
    }

    /// The criteria rank counts with for the same options. Never cumulative: a firm once designated
    /// stays designated, so a cumulative count can only gain, and its gains are the designations
    /// begun between the dates (`growth --view designations` counts them).
    public var criteria: DesignationCount.Criteria {
        DesignationCount.Criteria(program: program, level: level, exact: exact, cumulative: false, within: within)
    }

    /// The earlier date for an as-of date: `since`, else one year before.
    public func since(asOf: Day) -> Day { since ?? asOf.adding(years: -1) }
}
