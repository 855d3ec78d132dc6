import Core

/// `changes`: the registry's current firms per unit, within a region or park if asked.
///
/// Made by scripts/new-plugin as a working start: change the query, the descriptor and `count` into
/// the analysis you mean (docs/plugins.md). Keep `run` as it is: it reads the parameters into the
/// typed query and calls the typed entry point, which other callers (regctl report, tests) use directly.
public struct ChangesPlugin: AnalyticsPlugin {
    public init() {}

    public static let descriptor = PluginDescriptor(
        id: "changes",
        summary: "Current firms per province, prefecture, county or park.",
        discussion: """
            Counts the registry's current firms with a code in each unit, ranked by count (1, 2, 2, 4); \
            --within keeps the firms of a region or park.
            """,
        parameters: [
            ParameterSpec(name: "by", kind: .choice(ChangesQuery.units.map(\.rawValue)), defaultValue: UnitKind.province.rawValue,
                          help: "Unit to count firms in."),
            ParameterSpec(name: "within", kind: .text, help: "Keep firms whose region starts with this code (43, 4302, 430211) or whose park is this id."),
        ],
        examples: [
            PluginExample([], "Firms per province."),
            PluginExample(["--by", "park", "--within", "43"], "Firms per park of Hunan."),
        ],
        charts: [.bar])

    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let query = try ChangesQuery(try Parameters(request, descriptor: Self.descriptor))
        return try count(query, asOf: request.asOf, asOfSource: request.asOfSource, registry: registry)
    }

    /// The firms per unit the query asks for.
    public func count(_ query: ChangesQuery, asOf: Day, asOfSource: String, registry: any RegistryReader) throws -> Report {
        let parks = try registry.parks().map(\.value)
        if let within = query.within { try Units.checkWithin(within, parks: parks, plugin: Self.descriptor.id) }
        let units = Units(kind: query.by, parks: parks, asOf: asOf)
        var firms: [String: Set<String>] = [:]
        var filings = Set<String>()
        for fact in try registry.firms(FirmQuery()) where fact.placement.resolved {
            if let within = query.within, !Units.firm(fact.placement, isWithin: within) { continue }
            for unit in units.units(of: fact.placement) {
                firms[unit, default: []].insert(fact.placement.key)
                filings.insert(fact.filing)
            }
        }
        let ranked = competitionRanking(firms.mapValues(\.count))
        let placed = Set(firms.values.joined()).count
        return Report(
            title: "Firms by \(query.by.rawValue)", asOf: asOf, asOfSource: asOfSource,
            columns: [.init("rank", .integer), .init("code", .text), .init("name", .text), .init("firms", .integer)],
            rows: ranked.map { [.integer($0.rank), .text($0.code), .text(units.name(of: $0.code)), .integer($0.count)] },
            notes: ["\(placed) firms with a code placed in \(ranked.count) \(query.by.rawValue) units\(query.within.map { " within \($0)" } ?? "")."],
            filings: filings.sorted(),
            chart: Report.Chart(.bar, category: "name", values: ["firms"], valueLabel: "firms", categoryLabel: query.by.rawValue))
    }
}

/// What `changes` is asked: read from the command line's parameters by `run`, or built directly.
public struct ChangesQuery: Sendable, Hashable {
    /// The units firms are placed in by their own record (incubators would need incubations).
    static let units: [UnitKind] = [.province, .prefecture, .county, .park]

    public var by: UnitKind
    /// A region prefix (43, 4302, 430211) or a park id.
    public var within: String?

    public init(by: UnitKind = .province, within: String? = nil) {
        self.by = by
        self.within = within
    }

    /// Reads the parameters of the descriptor.
    public init(_ p: Parameters) throws {
        self.init(by: try p.choice(UnitKind.self, "by"), within: p.trimmedText("within"))
    }
}
