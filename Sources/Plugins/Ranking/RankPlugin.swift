import Core

/// `rank`: units ranked by the number of distinct firms holding a designation of a programme at a
/// level, as of a date (docs/analytics.md, "rank").
public struct RankPlugin: AnalyticsPlugin {
    public init() {}

    public var descriptor: PluginDescriptor {
        PluginDescriptor(
            id: "rank",
            summary: "Rank provinces, prefectures, counties, parks or incubators by designated firms.",
            discussion: """
                Counts distinct firms with a designation of the programme at the level or above (--exact: at \
                the level alone) that is active on the as-of date: not revoked by then, begun, and not \
                expired. --cumulative counts every firm designated up to the date instead. Ties share a \
                rank and the next rank skips (1, 2, 2, 4); units with no firm are not listed.
                """,
            parameters: [
                ParameterSpec(name: "program", kind: .choice(Program.allCases.map(\.rawValue)), defaultValue: Program.littleGiant.rawValue,
                              help: "Designation programme."),
                ParameterSpec(name: "level", kind: .choice(Level.allCases.map(\.rawValue)), defaultValue: Level.national.rawValue,
                              help: "Count designations at this level or above."),
                ParameterSpec(name: "exact", kind: .flag, defaultValue: "false", help: "Count the level alone, not the levels above it."),
                ParameterSpec(name: "cumulative", kind: .flag, defaultValue: "false",
                              help: "Count every firm designated up to the date, revoked or expired included."),
                ParameterSpec(name: "by", kind: .choice(UnitKind.allCases.map(\.rawValue)), defaultValue: UnitKind.province.rawValue,
                              help: "Unit to rank."),
                ParameterSpec(name: "within", kind: .text, help: "Keep firms whose region starts with this code (43, 4302, 430211) or whose park is this id."),
                ParameterSpec(name: "planned-cities", kind: .choice(PlannedCities.allCases.map(\.rawValue)), defaultValue: PlannedCities.merged.rawValue,
                              help: "Count 大连, 青岛, 宁波, 厦门 and 深圳 within their province (merged) or as units of their own (separate)."),
                ParameterSpec(name: "top", kind: .integer, help: "Show the first N ranks only (ties at the cut are kept)."),
            ],
            examples: [
                PluginExample([], "Provinces by national little giants active on the newest filing's date."),
                PluginExample(["--level", "national", "--by", "park", "--within", "43"], "Hunan's parks by national little giants."),
                PluginExample(["--level", "provincial", "--by", "park", "--within", "43"], "Hunan's parks by provincial-and-above little giants."),
                PluginExample(["--by", "province", "--planned-cities", "separate", "--cumulative"], "Every firm ever designated, with the planned cities on their own."),
                PluginExample(["--program", "specialized-sme", "--level", "provincial", "--exact", "--by", "prefecture", "--within", "43", "--top", "5"],
                              "Hunan's top five prefectures by provincial specialised SMEs."),
            ])
    }

    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let p = try Parameters(request, descriptor: descriptor)
        let program = Program(rawValue: p.text("program")!)!
        let level = Level(rawValue: p.text("level")!)!
        let exact = p.flag("exact"), cumulative = p.flag("cumulative")
        let by = UnitKind(rawValue: p.text("by")!)!
        let planned = PlannedCities(rawValue: p.text("planned-cities")!)!
        let within = p.text("within").map { $0.trimmingCharacters(in: .whitespaces) }
        let top = p.integer("top")
        if let top, top < 1 { throw AnalysisError.badParameter(plugin: "rank", name: "top", value: String(top), expected: "a number of 1 or more") }
        let asOf = request.asOf

        var incubations: [Incubation] = []
        var incubators: [Incubator] = []
        if by == .incubator {
            incubations = try registry.incubations(uscc: nil).map(\.value)
            incubators = try registry.incubators().map(\.value)
        }
        let parks = try registry.parks().map(\.value)
        if let within { try Units.checkWithin(within, parks: parks, plugin: "rank") }
        let units = Units(kind: by, plannedCities: planned, parks: parks,
                          incubators: incubators, incubations: incubations, asOf: asOf)

        let criteria = DesignationCount.Criteria(program: program, level: level, exact: exact, cumulative: cumulative, within: within)
        let count = DesignationCount(try registry.designations(program: program, levels: criteria.levels, unexpiredOn: cumulative ? nil : asOf), criteria: criteria, asOf: asOf, units: units)
        var ranked = count.ranking
        if let top { ranked = ranked.filter { $0.rank <= top } }

        let scope = cumulative ? "designated up to" : "active on"
        let levelText = exact ? "\(level.rawValue) level" : (level == .national ? "national level" : "\(level.rawValue) level and above")
        var notes = ["\(count.firms.count) distinct firms hold a \(program.rawValue) designation at \(levelText), \(scope) \(asOf)\(within.map { " within \($0)" } ?? "")."]
        if !count.provisional.isEmpty {
            notes.append("\(count.provisional.count) of them are known only by name and region from lists that print no code (regctl firms --unresolved).")
        }
        if !count.unplaced.isEmpty {
            notes.append("\(count.unplaced.count) firms are not placed in any \(by.rawValue) (\(by == .park ? "outside every park" : by == .incubator ? "never incubated" : "region known only at a higher level")) and are not listed.")
        }
        return Report(
            title: "\(program.chinese) \(levelText) by \(by.rawValue)",
            asOf: asOf, asOfSource: request.asOfSource,
            columns: [.init("rank", .integer), .init("code", .text), .init("name", .text), .init("count", .integer)],
            rows: ranked.map { [.integer($0.rank), .text($0.code), .text(units.name(of: $0.code)), .integer($0.count)] },
            notes: notes, filings: count.filings.sorted(),
            chart: Report.Chart(.bar, category: "name", values: ["count"], valueLabel: "firms", categoryLabel: by.rawValue))
    }
}
