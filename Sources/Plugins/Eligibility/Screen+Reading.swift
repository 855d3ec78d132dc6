import Core

/// How `screen` reads its firms: streamed from the registry a code at a time
/// (`RegistryReader.eachReportingFirm`), each firm judged on its turn and only its row kept, so
/// that a screen holds its answer, not the registry's reports and firms (at 10M firms it held
/// 4M reports and 1.45M firms as facts: 5.7 GB).
struct ScreenPass {
    let rules: ProgramCriteria
    let within: String?
    /// `--uscc`: that firm only, read by code, and screened even without a report of the year.
    let uscc: String?
    let only: ScreenPlugin.Only
    let registry: any RegistryReader

    /// Years with reports of the firms in scope that are not deregistered.
    private(set) var years: Set<Int> = []
    /// How many deregistered firms in scope have reports: not screened.
    private(set) var deregistered = 0
    /// The year the rows below were judged for, once a pass has run.
    private(set) var judgedYear: Int?
    /// The filings of the firms and reports behind the rows.
    private(set) var filings: Set<String> = []
    /// The kept firms, set aside per verdict in code order (Screen+Spill.swift).
    private var spill: ScreenSpill?
    private var inCodeOrder = true

    init(rules: ProgramCriteria, within: String?, uscc: String?, only: ScreenPlugin.Only, registry: any RegistryReader) {
        self.rules = rules
        self.within = within
        self.uscc = uscc
        self.only = only
        self.registry = registry
    }

    /// How many rows each verdict has, in the order of `Verdict.allCases`.
    var counts: [Int] { spill?.counts ?? Array(repeating: 0, count: Verdict.allCases.count) }

    /// The rows, by verdict (in the order of `Verdict.allCases`), then code: made again from the
    /// figures set aside as they are read.
    func rows() throws -> Report.RowSource {
        guard let spill, let year = judgedYear else { return Report.RowSource(count: 0) { _ in } }
        let rules = rules
        let source = Report.RowSource(count: spill.counts.reduce(0, +)) { body in
            try spill.forEach { _, uscc, name, founded, reports in
                let figures = FirmFigures(founded: founded, reports: reports)
                let findings = rules.criteria.map { $0.rule.assess(figures, year: year) }
                var row: [Report.Value] = []
                row.reserveCapacity(findings.count + 3)
                row.append(.text(uscc))
                row.append(.text(name))
                for f in findings { row.append(ScreenCells.finding(f)) }
                row.append(ScreenCells.verdict(Verdict(findings)))
                try body(row)
            }
        }
        if inCodeOrder { return source }
        // A store hands codes in its collation's order; the rows follow Swift's, as they always have.
        var held: [(verdict: Int, row: [Report.Value])] = []
        var index = 0
        let verdicts = spill.counts.enumerated().flatMap { v, n in Array(repeating: v, count: n) }
        try source.forEach { row in
            held.append((verdicts[index], row))
            index += 1
        }
        held.sort { ($0.verdict, ScreenPass.code($0.row)) < ($1.verdict, ScreenPass.code($1.row)) }
        let rows = held.map(\.row)
        return Report.RowSource(count: rows.count) { body in for row in rows { try body(row) } }
    }

    /// Reads every reporting firm once, judging those with a report of `year` for it (the year is
    /// settled from `years`, which this pass collects: the caller runs a second pass only when the
    /// year settled is not the one it guessed).
    mutating func run(year: Int) throws {
        years = []
        deregistered = 0
        filings = []
        let spill = try ScreenSpill()
        self.spill = spill
        inCodeOrder = true
        judgedYear = year
        let earliest = rules.criteria.map { $0.rule.firstYear(for: year) }.min() ?? year
        var previous: String?
        func visit(_ r: ReportingFirm, forced: Bool) throws {
            guard let firm = r.firm else { return }
            let inScope = within.map { Units.firm(firm.placement, isWithin: $0) } ?? true
            let isDeregistered = firm.firm.status == .deregistered
            var reports: [Fact<AnnualReport>] = []
            if inScope && !r.reports.isEmpty {
                if isDeregistered {
                    deregistered += 1
                } else {
                    reports = r.reports
                    for f in reports { years.insert(f.value.year) }
                }
            }
            guard !isDeregistered, forced || reports.contains(where: { $0.value.year == year }) else { return }
            let facts = reports.filter { $0.value.year >= earliest && $0.value.year <= year }
            let figures = FirmFigures(founded: firm.firm.founded, reports: facts.map(\.value))
            let verdict = Verdict(rules.criteria.map { $0.rule.assess(figures, year: year) })
            guard only.keeps(verdict) else { return }
            if let previous, !(previous < firm.firm.uscc) { inCodeOrder = false }
            previous = firm.firm.uscc
            try spill.append(verdict: Verdict.allCases.firstIndex(of: verdict)!, uscc: firm.firm.uscc, name: firm.firm.name, founded: firm.firm.founded,
                             reports: facts.map(\.value))
            filings.insert(firm.filing)
            for f in facts { filings.insert(f.filing) }
        }
        if let uscc {
            let firm = try registry.firms(FirmQuery(uscc: uscc)).first { $0.placement.resolved && $0.firm.uscc == uscc }
            let reports = try registry.annualReports(uscc: uscc).sorted { $0.value.year < $1.value.year }
            try visit(ReportingFirm(uscc: uscc, firm: firm, reports: reports), forced: true)
        } else {
            try registry.eachReportingFirm(years: nil) { try visit($0, forced: false) }
        }
    }

    private static func code(_ row: [Report.Value]) -> String {
        if case .text(let code) = row[0] { return code }
        return ""
    }
}
