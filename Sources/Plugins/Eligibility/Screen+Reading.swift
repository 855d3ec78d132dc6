import Core

/// How `screen` reads its firms: streamed from the registry a code at a time
/// (`RegistryReader.eachReportingFirm`), each firm judged on its turn and only its row kept, so
/// that a screen holds its answer, not the registry's reports and firms (at 10M firms it held
/// 4M reports and 1.45M firms as facts: 5.7 GB).
struct ScreenPass {
    /// A screened firm's row and verdict.
    struct Screened {
        var cells: [Report.Value]
        var verdict: Verdict
    }

    let rules: ProgramCriteria
    let within: String?
    /// `--uscc`: that firm only, read by code, and screened even without a report of the year.
    let uscc: String?
    let only: ScreenPlugin.Only
    let registry: any RegistryReader

    /// Years with reports of the firms in scope that are not deregistered.
    private(set) var years: Set<Int> = []
    /// Codes of the deregistered firms in scope with reports: not screened.
    private(set) var deregistered: Set<String> = []
    /// The year the rows below were judged for, once a pass has run.
    private(set) var judgedYear: Int?
    /// The filings of the firms and reports behind the rows.
    private(set) var filings: Set<String> = []
    /// The rows of each verdict, in code order.
    private var byVerdict: [[Screened]] = []

    init(rules: ProgramCriteria, within: String?, uscc: String?, only: ScreenPlugin.Only, registry: any RegistryReader) {
        self.rules = rules
        self.within = within
        self.uscc = uscc
        self.only = only
        self.registry = registry
    }

    /// The rows, by verdict (in the order of `Verdict.allCases`), then code.
    var results: [Screened] { byVerdict.flatMap { $0 } }

    /// Reads every reporting firm once, judging those with a report of `year` for it (the year is
    /// settled from `years`, which this pass collects: the caller runs a second pass only when the
    /// year settled is not the one it guessed).
    mutating func run(year: Int) throws {
        years = []
        deregistered = []
        filings = []
        byVerdict = Array(repeating: [], count: Verdict.allCases.count)
        judgedYear = year
        let earliest = rules.criteria.map { $0.rule.firstYear(for: year) }.min() ?? year
        var previous: String?
        var inCodeOrder = true
        func visit(_ r: ReportingFirm, forced: Bool) {
            guard let firm = r.firm else { return }
            let inScope = within.map { Units.firm(firm.placement, isWithin: $0) } ?? true
            let isDeregistered = firm.firm.status == .deregistered
            var reports: [Fact<AnnualReport>] = []
            if inScope && !r.reports.isEmpty {
                if isDeregistered {
                    deregistered.insert(firm.firm.uscc)
                } else {
                    reports = r.reports
                    for f in reports { years.insert(f.value.year) }
                }
            }
            guard !isDeregistered, forced || reports.contains(where: { $0.value.year == year }) else { return }
            let facts = reports.filter { $0.value.year >= earliest && $0.value.year <= year }
            let figures = FirmFigures(founded: firm.firm.founded, reports: facts.map(\.value))
            let findings = rules.criteria.map { $0.rule.assess(figures, year: year) }
            let verdict = Verdict(findings)
            guard only.keeps(verdict) else { return }
            if let previous, !(previous < firm.firm.uscc) { inCodeOrder = false }
            previous = firm.firm.uscc
            let cells: [Report.Value] = [.text(firm.firm.uscc), .text(firm.firm.name)] + findings.map(ScreenCells.finding) + [ScreenCells.verdict(verdict)]
            byVerdict[Verdict.allCases.firstIndex(of: verdict)!].append(Screened(cells: cells, verdict: verdict))
            filings.insert(firm.filing)
            for f in facts { filings.insert(f.filing) }
        }
        if let uscc {
            let firm = try registry.firms(FirmQuery(uscc: uscc)).first { $0.placement.resolved && $0.firm.uscc == uscc }
            let reports = try registry.annualReports(uscc: uscc).sorted { $0.value.year < $1.value.year }
            visit(ReportingFirm(uscc: uscc, firm: firm, reports: reports), forced: true)
        } else {
            try registry.eachReportingFirm(years: nil) { visit($0, forced: false) }
        }
        // A store hands codes in its collation's order; the rows follow Swift's, as they always have.
        if !inCodeOrder {
            for i in byVerdict.indices { byVerdict[i].sort { ScreenPass.code($0) < ScreenPass.code($1) } }
        }
    }

    private static func code(_ s: Screened) -> String {
        if case .text(let code) = s.cells[0] { return code }
        return ""
    }
}
