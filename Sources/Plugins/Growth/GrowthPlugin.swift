import Core
import Foundation

/// `growth`: how firms and units grow — a metric between two years, high-growth enterprises and
/// gazelles, new designations per year, and the incubation-to-designation pipeline
/// (docs/analytics.md, "growth").
public struct GrowthPlugin: AnalyticsPlugin {
    /// The plugin; it holds no state.
    public init() {}

    static let id = "growth"

    /// The four questions the plugin answers; one plugin because they share their units, scope and
    /// years, and each is a different table about the same growth.
    public enum View: String, CaseIterable, Sendable {
        case metric, highGrowth = "high-growth", designations, pipeline
    }

    /// Parameters each view takes besides `view`; giving another is refused rather than ignored.
    static let applicable: [View: Set<String>] = [
        .metric: ["metric", "from", "to", "period", "by", "within", "top"],
        .highGrowth: ["metric", "from", "to", "period", "by", "within", "top", "threshold", "strict", "min-size"],
        .designations: ["program", "level", "exact", "from", "to", "period", "by", "within", "top"],
        .pipeline: ["program", "by", "within", "top"],
    ]

    /// Id `growth`, its views, parameters and worked examples.
    public static let descriptor =
        PluginDescriptor(
            id: GrowthPlugin.id,
            summary: "Growth of firms and units: a metric between two years, high-growth firms and gazelles, new designations, the pipeline.",
            discussion: """
                --view metric (default): a metric from annual reports between --from and --to, per firm or \
                summed per unit over the firms that reported it in both years (the row counts them): start, \
                end, change, CAGR = (end/start)^(1/years) − 1. --view high-growth: firms with at least \
                --min-size employees at the start whose metric grew on average by at least --threshold percent \
                a year over --period years (Eurostat–OECD; --strict for "more than", as the 2007 manual's 20%), \
                gazelles among them (founded at most five calendar years before the end year), and the Birch \
                index. --view designations: firms designated for the first time in the programme at the level \
                or above, per year. --view pipeline: firms incubated, graduated, designated provincial or above \
                and national, with the median years from entering incubation (else founding) to the first \
                designation. Growth rates are fractions: 0.1 is 10% a year.
                """,
            parameters: [
                ParameterSpec(name: "view", kind: .choice(View.allCases.map(\.rawValue)), defaultValue: View.metric.rawValue,
                              help: "What to show."),
                ParameterSpec(name: "metric", kind: .choice(Metric.allCases.map(\.rawValue)),
                              help: "Annual-report figure (default: revenue; employees for --view high-growth)."),
                ParameterSpec(name: "from", kind: .integer,
                              help: "Start year (default: --to minus --period)."),
                ParameterSpec(name: "to", kind: .integer,
                              help: "End year, not after the as-of year (default: the latest report year not after it; the as-of year for --view designations)."),
                ParameterSpec(name: "period", kind: .integer,
                              help: "Years from --from to --to (default: 1; 3 for high-growth; 4, five calendar years, for designations)."),
                ParameterSpec(name: "by", kind: .choice(Grouping.choices), defaultValue: "park",
                              help: "Rows: each firm, all firms in scope as one row, or a unit (firm is for metric and high-growth)."),
                ParameterSpec(name: "within", kind: .text, help: "Keep firms whose region starts with this code (43, 4302, 430211) or whose park is this id."),
                ParameterSpec(name: "threshold", kind: .integer, defaultValue: "10",
                              help: "High-growth threshold, percent a year on average (the 2007 Eurostat–OECD manual used 20)."),
                ParameterSpec(name: "strict", kind: .flag, defaultValue: "false",
                              help: "Growth must exceed the threshold, not merely reach it (the 2007 manual's \"above 20%\")."),
                ParameterSpec(name: "min-size", kind: .integer, defaultValue: "10",
                              help: "Employees a firm must have at the start to count for high growth."),
                ParameterSpec(name: "program", kind: .choice(Program.allCases.map(\.rawValue)), defaultValue: Program.littleGiant.rawValue,
                              help: "Designation programme (designations and pipeline)."),
                ParameterSpec(name: "level", kind: .choice(Level.allCases.map(\.rawValue)), defaultValue: Level.provincial.rawValue,
                              help: "New designations at this level or above (designations)."),
                ParameterSpec(name: "exact", kind: .flag, defaultValue: "false", help: "Count the level alone, not the levels above it (designations)."),
                ParameterSpec(name: "top", kind: .integer, help: "Show the first N rows only."),
            ],
            examples: [
                PluginExample([], "Revenue from the year before the latest report year to it, summed per park."),
                PluginExample(["--metric", "employees", "--from", "2020", "--to", "2024", "--by", "county", "--within", "4302"],
                              "Employees of 株洲市's counties, 2020 to 2024, over the firms that reported both years."),
                PluginExample(["--metric", "rd-expense", "--by", "firm", "--within", "zz-htz", "--top", "10"],
                              "The ten firms of 株洲高新区 whose R&D expense grew most in the latest year."),
                PluginExample(["--view", "high-growth"], "High-growth enterprises and gazelles per park: employees, 10% a year over three years."),
                PluginExample(["--view", "high-growth", "--by", "firm", "--within", "zz-htz", "--top", "10"],
                              "The ten fastest-growing high-growth enterprises of 株洲高新区, with the Birch index and gazelle flag."),
                PluginExample(["--view", "high-growth", "--metric", "revenue", "--threshold", "20", "--strict", "--by", "all", "--within", "43"],
                              "High growth by revenue under the 2007 definition (more than 20% a year), all of Hunan as one row."),
                PluginExample(["--view", "designations", "--within", "43"],
                              "New provincial-and-above little giants per year, 2020 to 2024, per park in Hunan."),
                PluginExample(["--view", "designations", "--level", "national", "--by", "prefecture", "--within", "43", "--from", "2019"],
                              "New national little giants per year since 2019 per prefecture of Hunan."),
                PluginExample(["--view", "pipeline", "--within", "43"],
                              "Incubated → graduated → provincial → national little giants per park in Hunan, with median years."),
                PluginExample(["--view", "pipeline", "--by", "incubator", "--within", "zz-htz"],
                              "The same pipeline per incubator of 株洲高新区."),
            ],
            charts: [.line])

    /// Runs the chosen view as of `request.asOf`.
    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let p = try Parameters(request, descriptor: Self.descriptor)
        let view = try p.choice(View.self, "view")
        let allowed = (GrowthPlugin.applicable[view] ?? []).union(["view"])
        for (name, value) in request.parameters.sorted(by: { $0.key < $1.key }) where !allowed.contains(name) {
            let takers = View.allCases.filter { GrowthPlugin.applicable[$0]?.contains(name) == true }.map { "--view \($0.rawValue)" }
            throw AnalysisError.badParameter(plugin: GrowthPlugin.id, name: name, value: value,
                                             expected: GrowthWords.expected("notWithView", ["view": .text(view.rawValue), "takers": .text(takers.joined(separator: ", "))]))
        }
        return try growth(try GrowthQuery(p), asOf: request.asOf, asOfSource: request.asOfSource, registry: registry)
    }

    /// The growth figures the query asks for, as of `asOf`. Parameters that the view does not take
    /// are ignored here (the command line refuses them).
    public func growth(_ query: GrowthQuery, asOf: Day, asOfSource: String, registry: any RegistryReader) throws -> Report {
        let view = query.view
        let request = PluginRequest(asOf: asOf, asOfSource: asOfSource)
        if let top = query.top, top < 1 {
            throw AnalysisError.badParameter(plugin: GrowthPlugin.id, name: "top", value: String(top), expected: GrowthWords.expected("oneOrMore"))
        }
        let grouping = try Grouping(query, asOf: asOf, registry: registry)
        var report: Report
        switch view {
        case .metric, .highGrowth:
            report = try ReportGrowth(query, request: request, grouping: grouping, registry: registry).report()
        case .designations:
            report = try DesignationGrowth(query, request: request, grouping: grouping, registry: registry).report()
        case .pipeline:
            report = try Pipeline(query, request: request, grouping: grouping, registry: registry).report()
        }
        if let top = query.top, report.rows.count > top {
            report.wordedNotes.append(GrowthWords.text("note.top", ["count": .count(report.rows.count - top), "top": .integer(top)]))
            report.rows = Array(report.rows.prefix(top))
        }
        return report
    }

    /// A year span from --from, --to and --period: `to` defaults to `defaultTo`, `from` to
    /// `to − period`; both --from and --period given must agree.
    static func span(_ query: GrowthQuery, request: PluginRequest, defaultTo: Int, defaultPeriod: Int, allowOneYear: Bool) throws -> (from: Int, to: Int) {
        let to = query.to ?? defaultTo
        if to > request.asOf.year {
            throw AnalysisError.badParameter(plugin: id, name: "to", value: String(to), expected: GrowthWords.expected("toAfterAsOf", ["year": .integer(request.asOf.year)]))
        }
        let period = query.period
        if let period, period < (allowOneYear ? 0 : 1) || period > 100 {
            throw AnalysisError.badParameter(plugin: id, name: "period", value: String(period), expected: GrowthWords.expected("period", ["least": .integer(allowOneYear ? 0 : 1)]))
        }
        if let from = query.from {
            if let period, to - from != period {
                throw AnalysisError.badParameter(plugin: id, name: "period", value: String(period),
                                                 expected: GrowthWords.expected("periodDisagrees", ["years": .integer(to - from)]))
            }
            if from > to || (!allowOneYear && from == to) || to - from > 100 {
                throw AnalysisError.badParameter(plugin: id, name: "from", value: String(from),
                                                 expected: GrowthWords.expected(allowOneYear ? "fromNotAfter" : "fromBefore", ["to": .integer(to)]))
            }
            return (from, to)
        }
        return (to - (period ?? defaultPeriod), to)
    }
}

/// An annual-report figure `growth` can follow.
public enum Metric: String, CaseIterable, Sendable {
    case revenue, mainRevenue = "main-revenue", employees, rdExpense = "rd-expense", inventionPatents = "invention-patents"

    /// Money in fen (reported in yuan), or a count.
    var isMoney: Bool { self == .revenue || self == .mainRevenue || self == .rdExpense }

    /// The figure in fen for money, else the count; nil when the report does not state it.
    func value(_ r: AnnualReport) -> Int64? {
        switch self {
        case .revenue: r.revenue?.fen
        case .mainRevenue: r.mainRevenue?.fen
        case .rdExpense: r.rdExpense?.fen
        case .employees: r.employees.map(Int64.init)
        case .inventionPatents: r.inventionPatents.map(Int64.init)
        }
    }

    var columnType: Report.ColumnType { isMoney ? .money : .integer }

    /// A cell for a value in this metric's unit: yuan for money.
    func cell(_ v: Int64) -> Report.Value { isMoney ? .number(Double(v) / 100) : .integer(Int(v)) }

    /// A figure as a Double in the metric's reporting unit (yuan or count).
    func amount(_ v: Int64) -> Double { isMoney ? Double(v) / 100 : Double(v) }
}

/// How rows are formed: one per firm, one for everything in scope, or one per unit; plus the scope.
public struct Grouping {
    /// Values of --by.
    static let choices = ["firm", "all"] + UnitKind.allCases.map(\.rawValue)

    public enum By: Sendable, Hashable {
        case firm, all, unit(UnitKind)

        /// The value of --by: firm, all, or a unit kind.
        init?(_ raw: String) {
            switch raw {
            case "firm": self = .firm
            case "all": self = .all
            default:
                guard let kind = UnitKind(rawValue: raw) else { return nil }
                self = .unit(kind)
            }
        }

        var rawValue: String {
            switch self {
            case .firm: "firm"
            case .all: "all"
            case .unit(let kind): kind.rawValue
            }
        }
    }

    let by: By
    let within: String?
    let units: Units?
    private let parkNames: [String: String]

    init(_ query: GrowthQuery, asOf: Day, registry: any RegistryReader) throws {
        let view = query.view
        by = query.by
        if by == .firm, view == .designations || view == .pipeline {
            throw AnalysisError.badParameter(plugin: GrowthPlugin.id, name: "by", value: by.rawValue,
                                             expected: GrowthWords.expected("byWithView", ["values": .text((["all"] + UnitKind.allCases.map(\.rawValue)).joined(separator: ", ")),
                                                                                       "view": .text(view.rawValue)]))
        }
        within = query.within.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let parks = try registry.parks().map(\.value)
        parkNames = Dictionary(parks.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        if case .unit(let kind) = by {
            let incubating = kind == .incubator
            units = Units(kind: kind, parks: parks,
                          incubators: incubating ? try registry.incubators().map(\.value) : [],
                          incubations: incubating ? try registry.incubations(uscc: nil).map(\.value) : [], asOf: asOf)
        } else {
            units = nil
        }
    }

    /// Whether a firm is in scope (--within).
    func admits(_ firm: FirmPlacement) -> Bool { within.map { Units.firm(firm, isWithin: $0) } ?? true }

    /// The row codes a firm counts in; empty when it is not placed in a unit of the kind.
    func codes(of firm: FirmPlacement) -> [String] {
        switch by {
        case .firm: [firm.key]
        case .all: [allCode]
        case .unit: units!.units(of: firm)
        }
    }

    /// The code of the single row of `--by all`: the scope, or `all`.
    var allCode: String { within ?? "all" }

    /// The name beside a unit code (not used for firm rows, which carry the firm's name).
    func name(of code: String) -> String {
        switch by {
        case .unit: return units!.name(of: code)
        case .firm: return code
        case .all:
            guard let within else { return "all firms" }
            return parkNames[within] ?? RegionTable.name(ofUnit: within) ?? within
        }
    }
}
