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
            throw AnalysisError.failed(plugin: "screen", message: ScreenWords.text("error.noCriteria", ["set": .text(set.id), "program": .text(program.rawValue)]))
        }
        let within = query.within
        let uscc = query.uscc.map(USCC.normalize)

        if let uscc, !(try registry.firms(FirmQuery(uscc: uscc)).contains { $0.placement.resolved && $0.firm.uscc == uscc }) {
            throw AnalysisError.failed(plugin: "screen", message: ScreenWords.text("error.noFirm", ["uscc": .text(uscc)]))
        }
        // One pass over the reporting firms collects the years reported and judges the firms for the
        // year guessed; a second runs only when the year settled below is another (Screen+Reading.swift).
        var pass = ScreenPass(rules: rules, within: within, uscc: uscc, only: only, registry: registry)
        try pass.run(year: query.year ?? asOf.year - 1)
        let deregistered = pass.deregistered

        let year: Int
        let yearSource: Message.Argument
        let years = pass.years
        if let y = query.year {
            year = y
            yearSource = ScreenWords.message("yearSource.given")
        } else if let y = years.filter({ $0 < asOf.year }).max() {
            year = y
            yearSource = ScreenWords.message(y == asOf.year - 1 ? "yearSource.previous" : "yearSource.latest")
        } else {
            throw AnalysisError.failed(plugin: "screen", message: ScreenWords.text("error.noReports", [
                "year": .integer(asOf.year), "within": within.map { ScreenWords.message("error.noReports.within", ["within": .text($0)]) } ?? ""]))
        }

        let earliest = rules.criteria.map { $0.rule.firstYear(for: year) }.min() ?? year
        if pass.judgedYear != year { try pass.run(year: year) }
        let rows = try pass.rows()
        let filings = pass.filings

        let lookBack: Message.Argument = earliest == year ? "" : ScreenWords.message("lookBack", ["earliest": .integer(earliest)])
        let counts = Dictionary(uniqueKeysWithValues: zip(Verdict.allCases, pass.counts))
        let scope: Message.Argument = within.map { ScreenWords.message("within", ["within": .text($0)]) } ?? ""
        var notes = [
            ScreenWords.text("note.criteria", ["set": .text(set.id), "title": .text(set.title), "document": .text(set.document), "issued": .date(set.issued),
                                               "programName": .text(program.chinese), "year": .integer(year), "yearSource": yearSource, "lookBack": lookBack]),
            ScreenWords.text("note.shown", ["count": .count(rows.count), "scope": scope,
                                            "only": only == .all ? "" : ScreenWords.message("only", ["only": .text(only.rawValue)]),
                                            "eligible": .count(counts[.eligible] ?? 0), "incomplete": .count(counts[.incomplete] ?? 0),
                                            "notEligible": .count(counts[.notEligible] ?? 0)]),
        ]
        if rules.criteria.contains(where: { if case .mainRevenueGrowth = $0.rule { true } else { false } }) {
            notes.append(ScreenWords.text("note.growthMean", ["first": .integer(year - 2), "second": .integer(year - 1), "year": .integer(year)]))
        }
        if let founded = rules.criteria.first(where: { if case .yearsSinceFounding = $0.rule { true } else { false } }),
           case .yearsSinceFounding(let n) = founded.rule, let cutoff = Day(year: year - n, month: 12, day: 31) {
            notes.append(ScreenWords.text("note.founded", ["cutoff": .date(cutoff), "years": .integer(n), "year": .integer(year)]))
        }
        notes.append(ScreenWords.text("note.notAssessed", ["items": ScreenWords.list(set.notAssessed(rules))]))
        if deregistered > 0 {
            notes.append(ScreenWords.text("note.deregistered", ["count": .count(deregistered)]))
        }
        return Report(
            title: ScreenWords.text("title", ["programName": .text(program.chinese), "year": .integer(year), "set": .text(set.id)]),
            asOf: asOf, asOfSource: asOfSource,
            columns: [Report.Column("uscc", .text, title: ScreenWords.text("column.uscc")), Report.Column("name", .text, title: ScreenWords.text("column.name"))]
                + rules.criteria.map { Report.Column($0.id, .text, title: set.title($0, program: program)) }
                + [Report.Column("verdict", .text, title: ScreenWords.text("column.verdict"))],
            rowSource: rows,
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
