import ArgumentParser
import Core

extension RegCtl {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which firms, and which filings, make up one row of a ranking.",
            discussion: """
                Takes the options of `regctl rank` and the code of one unit of its answer (a province, \
                prefecture or county code, a park id, an incubator id). Lists every firm counted for that unit, \
                with each qualifying designation and the filing and line that stated it. The number of distinct \
                firms is the unit's count in `regctl rank` with the same options.

                Examples:
                  regctl explain --level national --by park --within 43 zz-htz
                  regctl explain --level provincial --by park zz-htz --format csv
                  regctl explain 43                        # Hunan's national little giants
                """)

        @OptionGroup var registry: RegistryOptions
        @Option(help: "Designation programme (as rank).") var program: Program = .littleGiant
        @Option(help: "Count designations at this level or above (as rank).") var level: Level = .national
        @Flag(help: "Count the level alone, not the levels above it.") var exact = false
        @Flag(help: "Count every firm designated up to the date, revoked or expired included.") var cumulative = false
        @Option(help: "Unit kind of the ranking: province, prefecture, county, park or incubator.") var by: UnitKind = .province
        @Option(help: "Keep firms whose region starts with this code or whose park is this id.", completion: .custom { _, _, _ in Completions.withinValues() })
        var within: String?
        @Option(name: .customLong("planned-cities"), help: "merged or separate (as rank).") var plannedCities: PlannedCities = .merged
        @Option(name: .customLong("as-of"), help: "Answer as of this date (YYYY-MM-DD); default: the newest filing's issue date.") var asOf: Day?
        @Argument(help: "The unit: a region code, park id or incubator id, as in rank's code column (or its name).",
                  completion: .custom { _, _, _ in Completions.withinValues() })
        var unit: String
        @OptionGroup var output: FormatOptions

        func run() throws {
            let store = try registry.open()
            let (date, source) = try AsOf.resolve(asOf, registry: store)
            let parks = try store.parks().map(\.value)
            let within = self.within?.trimmingCharacters(in: .whitespaces)
            if let within { try Units.checkWithin(within, parks: parks, plugin: "explain") }
            var incubations: [Incubation] = []
            var incubators: [Incubator] = []
            if by == .incubator {
                incubations = try store.incubations(uscc: nil).map(\.value)
                incubators = try store.incubators().map(\.value)
            }
            let units = Units(kind: by, plannedCities: plannedCities, parks: parks, incubators: incubators,
                              incubations: incubations, asOf: date)
            let criteria = DesignationCount.Criteria(program: program, level: level, exact: exact, cumulative: cumulative, within: within)
            let count = DesignationCount(try store.designations(program: program), criteria: criteria, asOf: date, units: units)

            let given = unit.trimmingCharacters(in: .whitespaces)
            let ranked = count.ranking
            let code: String
            if count.evidence[given] != nil {
                code = given
            } else if let byName = ranked.first(where: { units.name(of: $0.code) == given }) {
                code = byName.code
            } else {
                let candidates = ranked.map(\.code) + ranked.map { units.name(of: $0.code) }
                let near = Suggestions.nearest(given, among: candidates).map { c in
                    ranked.first { $0.code == c }.map { "\($0.code) (\(units.name(of: $0.code)))" }
                        ?? ranked.first { units.name(of: $0.code) == c }.map { "\($0.code) (\(c))" } ?? c
                }
                var message = "explain: no \(by.rawValue) '\(given)' in this ranking: no firm there holds a \(program.rawValue) designation at \(level.rawValue) level\(exact ? "" : " or above") \(cumulative ? "designated up to" : "active on") \(date)\(within.map { " within \($0)" } ?? "")"
                if !near.isEmpty { message += "; did you mean \(Suggestions.orList(near))?" }
                else { message += ". `regctl rank` with the same options lists the units that count." }
                printError("\(errorLabel()) \(message)")
                throw ExitCode(PluginRunner.usageError)
            }
            let firms = count.evidence[code] ?? [:]
            let rank = ranked.first { $0.code == code }
            var rows: [[Report.Value]] = []
            for key in firms.keys.sorted() {
                for fact in firms[key]!.sorted(by: { ($0.designation.year, $0.filing, $0.line) < ($1.designation.year, $1.filing, $1.line) }) {
                    let d = fact.designation
                    rows.append([.text(fact.firm.resolved ? fact.firm.key : "(none)"), .text(fact.firm.name),
                                 .text(d.program.rawValue), .text(d.level.rawValue), .integer(d.year), .text(d.batch ?? ""),
                                 .text(d.validFrom?.description ?? ""), .text(d.validTo?.description ?? ""),
                                 .text(fact.filing), .integer(fact.line)])
                }
            }
            let filings = Set(firms.values.flatMap { $0.map(\.filing) })
            let levelText = exact ? "\(level.rawValue) level" : (level == .national ? "national level" : "\(level.rawValue) level and above")
            let report = Report(
                title: "\(units.name(of: code)) (\(code)): \(program.chinese) \(levelText) by \(by.rawValue)",
                asOf: date, asOfSource: source,
                columns: [.init("uscc", .text), .init("name", .text), .init("program", .text), .init("level", .text),
                          .init("year", .integer), .init("batch", .text), .init("valid_from", .date), .init("valid_to", .date),
                          .init("filing", .text), .init("line", .integer)],
                rows: rows,
                notes: ["\(firms.count) distinct firms: rank \(rank.map { String($0.rank) } ?? "–") with count \(firms.count) in `regctl rank` with the same options; \(rows.count) qualifying designations from \(filings.count) filings."],
                filings: filings.sorted())
            print(output.format.renderer.render(report), terminator: "")
        }
    }
}
