import Core

/// How `--view metric` and `--view high-growth` read: the two years' reports streamed from the
/// registry a code at a time with the firm each names (`RegistryReader.eachReportingFirm`), so that a
/// view holds its sums and rows, not every reporting firm (at 10M firms growth held 1.45M firms and
/// their reports in dictionaries: 2.1 GB).
extension ReportGrowth {
    /// Hands `body` each firm in scope that reported the metric for the start or end year, in code
    /// order; returns how many codes with such reports name no firm in the registry.
    func eachObservation(_ span: (from: Int, to: Int), _ body: (Observation) throws -> Void) throws -> Int {
        var unknown = 0
        let metric = metric, grouping = grouping
        try registry.eachReportingFirm(years: [span.from, span.to]) { r in
            var reported = Reported()
            for fact in r.reports { Reported.record(fact, metric: metric, isEnd: fact.value.year == span.to, into: &reported) }
            guard reported.start != nil || reported.end != nil else { return }
            guard let firm = r.firm else { unknown += 1; return }
            guard grouping.admits(firm.placement) else { return }
            try body(Observation(uscc: r.uscc, firm: firm, start: reported.start, end: reported.end,
                                 employeesAtStart: reported.employeesAtStart, filings: reported.filings))
        }
        return unknown
    }
}

extension Metric {
    /// The annual-report figure the metric follows.
    var figure: AnnualReport.Figure {
        switch self {
        case .revenue: .revenue
        case .mainRevenue: .mainRevenue
        case .employees: .employees
        case .rdExpense: .rdExpense
        case .inventionPatents: .inventionPatents
        }
    }
}
