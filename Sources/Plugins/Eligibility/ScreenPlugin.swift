import Core
import Foundation

/// `screen`: which firms meet the quantitative criteria of a designation programme, as far as their
/// annual reports show (docs/analytics.md, "screen").
public struct ScreenPlugin: AnalyticsPlugin {
    public init() {}

    /// The programmes a criteria set can screen for.
    static let programs: [Program] = [.littleGiant, .specializedSME]

    /// Which verdicts `--only` keeps.
    public enum Only: String, CaseIterable, Sendable {
        case all, pass, fail, incomplete

        func keeps(_ v: Verdict) -> Bool {
            switch self {
            case .all: true
            case .pass: v == .eligible
            case .fail: v == .notEligible
            case .incomplete: v == .incomplete
            }
        }
    }

    public static let descriptor =
        PluginDescriptor(
            id: "screen",
            summary: "Screen firms against the quantitative criteria of the 专精特新 programmes.",
            discussion: """
                Judges each firm with an annual report for year Y by the criteria of a dated criteria set \
                (--criteria; default the newest, miit-2022: 《优质中小企业梯度培育管理暂行办法》). Y is \
                the last report year: by default the year before the as-of date's year when reports for it \
                are loaded, else the latest earlier year with reports. Each criterion passes, fails, or is \
                n/a when a figure is missing, and the cell shows the figures that decided it. A firm is \
                eligible when every criterion passes, not eligible when any fails, and incomplete \
                otherwise. Criteria that need documents are listed in the notes as not assessed.
                """,
            parameters: [
                ParameterSpec(name: "program", kind: .choice(ScreenPlugin.programs.map(\.rawValue)), defaultValue: Program.littleGiant.rawValue,
                              help: "Programme whose criteria to apply."),
                ParameterSpec(name: "year", kind: .integer, help: "Last report year Y (default: the as-of year − 1 if reported, else the latest earlier year with reports)."),
                ParameterSpec(name: "within", kind: .text, help: "Keep firms whose region starts with this code (43, 4302, 430211) or whose park is this id."),
                ParameterSpec(name: "uscc", kind: .text, help: "Screen this firm only."),
                ParameterSpec(name: "only", kind: .choice(Only.allCases.map(\.rawValue)), defaultValue: Only.all.rawValue,
                              help: "Keep eligible firms (pass), not eligible ones (fail), incomplete ones, or all."),
                ParameterSpec(name: "criteria", kind: .choice(CriteriaSet.all.map(\.id)), defaultValue: CriteriaSet.newest.id,
                              help: "Criteria set, by id (default: the newest)."),
            ],
            examples: [
                PluginExample(["--within", "zz-htz", "--only", "pass"], "Firms in 株洲高新区 whose reports meet every little-giant criterion."),
                PluginExample(["--program", "specialized-sme", "--within", "zz-htz"], "株洲高新区's firms against the provincial 专精特新中小企业 criteria."),
                PluginExample(["--uscc", "91430211758303291K", "--year", "2022"], "One firm, judged on its 2020–2022 reports."),
            ])

    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let p = try Parameters(request, descriptor: Self.descriptor)
        let query = ScreenQuery(program: try p.choice(Program.self, "program"), year: p.integer("year"), within: p.trimmedText("within"),
                                uscc: p.text("uscc"), only: try p.choice(Only.self, "only"), criteria: try p.requiredText("criteria"))
        return try screen(query, asOf: request.asOf, asOfSource: request.asOfSource, registry: registry)
    }

    /// The screening the query asks for, as of `asOf`.
    public func screen(_ query: ScreenQuery, asOf: Day, asOfSource: String, registry: any RegistryReader) throws -> Report {
        let program = query.program, only = query.only
        guard let set = CriteriaSet.all.first(where: { $0.id == query.criteria }) else {
            throw AnalysisError.badParameter(plugin: "screen", name: "criteria", value: query.criteria,
                                             expected: "one of \(CriteriaSet.all.map(\.id).joined(separator: ", "))")
        }
        guard let rules = set.criteria(for: program) else {
            throw AnalysisError.failed(plugin: "screen", message: "criteria set \(set.id) has no criteria for \(program.rawValue)")
        }
        let within = query.within
        let uscc = query.uscc.map(USCC.normalize)

        if let uscc, !(try registry.firms(FirmQuery(uscc: uscc)).contains { $0.placement.resolved && $0.firm.uscc == uscc }) {
            throw AnalysisError.failed(plugin: "screen", message: "no firm with USCC \(uscc) is loaded")
        }
        // One pass over the reporting firms collects the years reported and judges the firms for the
        // year guessed; a second runs only when the year settled below is another (Screen+Reading.swift).
        var pass = ScreenPass(rules: rules, within: within, uscc: uscc, only: only, registry: registry)
        try pass.run(year: query.year ?? asOf.year - 1)
        let deregistered = pass.deregistered

        let year: Int
        let yearSource: String
        let years = pass.years
        if let y = query.year {
            year = y
            yearSource = "--year"
        } else if let y = years.filter({ $0 < asOf.year }).max() {
            year = y
            yearSource = y == asOf.year - 1 ? "the year before the as-of year" : "the latest year before the as-of year with reports loaded"
        } else {
            throw AnalysisError.failed(plugin: "screen", message: "no annual report for a year before \(asOf.year) is loaded\(within.map { " for firms within \($0)" } ?? ""); give --year")
        }

        let earliest = rules.criteria.map { $0.rule.firstYear(for: year) }.min() ?? year
        if pass.judgedYear != year { try pass.run(year: year) }
        let results = pass.results
        let filings = pass.filings

        let lookBack = earliest == year ? "" : ", looking back to \(earliest) where a criterion covers several years"
        let counts = Dictionary(grouping: results, by: \.verdict).mapValues(\.count)
        let scope = within.map { " within \($0)" } ?? ""
        var notes = [
            "Criteria \(set.id): 《\(set.title)》(\(set.document), issued \(set.issued)), \(program.chinese); judged on the annual reports for \(year) (\(yearSource))\(lookBack).",
            "\(Plural.of(results.count, "firm"))\(scope) shown\(only == .all ? "" : " (--only \(only.rawValue))"): \(counts[.eligible] ?? 0) eligible, \(counts[.incomplete] ?? 0) incomplete (a figure missing, nothing failed), \(counts[.notEligible] ?? 0) not eligible.",
        ]
        if rules.criteria.contains(where: { if case .mainRevenueGrowth = $0.rule { true } else { false } }) {
            notes.append("Main-revenue growth is the arithmetic mean of the growth rates \(year - 2)→\(year - 1) and \(year - 1)→\(year) (平均增长率, not the compound rate).")
        }
        if let founded = rules.criteria.first(where: { if case .yearsSinceFounding = $0.rule { true } else { false } }),
           case .yearsSinceFounding(let n) = founded.rule {
            notes.append("Founded: on or before \(year - n)-12-31, i.e. at least \(n) whole years by the end of \(year).")
        }
        notes.append("Not assessed (needs documents): " + rules.notAssessed.joined(separator: "; ") + ".")
        if !deregistered.isEmpty {
            notes.append("\(deregistered.count) deregistered firms with reports are not screened.")
        }
        return Report(
            title: "\(program.chinese) screen, \(year) reports (\(set.id))",
            asOf: asOf, asOfSource: asOfSource,
            columns: [.init("uscc", .text), .init("name", .text)]
                + rules.criteria.map { Report.Column($0.id, .text, title: $0.title) }
                + [.init("verdict", .text)],
            rows: results.map(\.cells),
            notes: notes, filings: filings.sorted())
    }
}

/// What `screen` is asked: read from the command line's parameters by `run`, or built directly.
public struct ScreenQuery: Sendable, Hashable {
    public var program: Program
    /// Last report year Y; nil: the as-of year − 1 if reported, else the latest earlier year with reports.
    public var year: Int?
    public var within: String?
    /// Screen this firm only.
    public var uscc: String?
    public var only: ScreenPlugin.Only
    /// The id of a criteria set (`miit-2022`).
    public var criteria: String

    public init(program: Program = .littleGiant, year: Int? = nil, within: String? = nil, uscc: String? = nil, only: ScreenPlugin.Only = .all,
                criteria: String = CriteriaSet.newest.id) {
        self.program = program
        self.year = year
        self.within = within
        self.uscc = uscc
        self.only = only
        self.criteria = criteria
    }
}
