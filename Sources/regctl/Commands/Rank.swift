import ArgumentParser
import Core
import Ranking

extension RegCtl {
    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank provinces, prefectures, counties, parks or incubators by designated firms.",
            discussion: """
                Counts distinct firms holding an active designation of the programme at the level or above \
                on the as-of date (default: the newest filing's issue date). Ties share a rank (1, 2, 2, 4).

                Examples:
                  regctl rank                                          # provinces, national little giants
                  regctl rank --level national --by park --within 43   # Hunan's parks
                  regctl rank --level provincial --by park --within 43 --format json
                  regctl rank --by prefecture --within 43 --cumulative --as-of 2023-12-31
                """)

        @OptionGroup var registry: RegistryOptions
        @Option(help: "Designation programme.") var program: Program = .littleGiant
        @Option(help: "Count designations at this level or above: national, provincial or municipal.") var level: Level = .national
        @Flag(help: "Count the level alone, not the levels above it.") var exact = false
        @Flag(help: "Count every firm designated up to the date, revoked or expired included.") var cumulative = false
        @Option(help: "Unit to rank: province, prefecture, county, park or incubator.") var by: UnitKind = .province
        @Option(help: "Keep firms whose region starts with this code (43, 4302, 430211) or whose park is this id.") var within: String?
        @Option(help: "Separately planned cities (大连 青岛 宁波 厦门 深圳): merged into their province, or separate.") var plannedCities: PlannedCities = .merged
        @Option(help: "Answer as of this date (YYYY-MM-DD).") var asOf: Day?
        @Option(help: "Show the first N ranks only.") var top: Int?
        @OptionGroup var output: FormatOptions

        func validate() throws {
            if let top, top < 1 { throw ValidationError("--top takes a number of 1 or more, not \(top).") }
        }

        func run() throws {
            var parameters = [
                "program": program.rawValue, "level": level.rawValue, "exact": String(exact),
                "cumulative": String(cumulative), "by": by.rawValue, "planned-cities": plannedCities.rawValue,
            ]
            if let within { parameters["within"] = within }
            if let top { parameters["top"] = String(top) }
            try runPlugin(RankPlugin(), parameters: parameters, asOf: asOf, registry: registry, format: output.format)
        }
    }
}

/// Runs a plugin on the registry and prints its report.
func runPlugin(_ plugin: any AnalyticsPlugin, parameters: [String: String], asOf: Day?, registry: RegistryOptions, format: OutputFormat) throws {
    let store = try registry.open()
    let (date, source) = try AsOf.resolve(asOf, registry: store)
    let report = try plugin.run(PluginRequest(asOf: date, asOfSource: source, parameters: parameters), registry: store)
    print(format.renderer.render(report), terminator: "")
}
