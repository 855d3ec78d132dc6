/// A code with current annual reports, and the firm it names: one step of
/// ``RegistryReader/eachReportingFirm(years:_:)``.
public struct ReportingFirm: Sendable, Hashable {
    /// The code the reports state.
    public var uscc: String
    /// The current registered firm with this code; nil when the registry holds none.
    public var firm: FirmFact?
    /// The code's current reports of the years asked for, ascending by year.
    public var reports: [Fact<AnnualReport>]

    public init(uscc: String, firm: FirmFact?, reports: [Fact<AnnualReport>]) {
        self.uscc = uscc
        self.firm = firm
        self.reports = reports
    }
}

extension AnnualReport {
    /// A figure an annual report may state, named so that a store can be asked about it without
    /// reading reports; the raw value is the figure's column in both SQL backends.
    public enum Figure: String, Sendable, Hashable, CaseIterable {
        case revenue, mainRevenue = "main_revenue", rdExpense = "rd_expense", employees, rdStaff = "rd_staff"
        case inventionPatents = "invention_patents", assets, liabilities, equityRaised = "equity_raised"
    }

    /// Whether the report states `figure`.
    public func states(_ figure: Figure) -> Bool {
        switch figure {
        case .revenue: revenue != nil
        case .mainRevenue: mainRevenue != nil
        case .rdExpense: rdExpense != nil
        case .employees: employees != nil
        case .rdStaff: rdStaff != nil
        case .inventionPatents: inventionPatents != nil
        case .assets: assets != nil
        case .liabilities: liabilities != nil
        case .equityRaised: equityRaised != nil
        }
    }
}

extension RegistryReader {
    public func annualReportYears(stating figure: AnnualReport.Figure) throws -> [Int] {
        Set(try annualReports(uscc: nil).filter { $0.value.states(figure) }.map(\.value.year)).sorted()
    }

    /// Built on the wide reads: it holds every report and firm asked for at once (a store streams).
    public func eachReportingFirm(years: Set<Int>?, _ body: (ReportingFirm) throws -> Void) throws {
        var byCode: [String: [Fact<AnnualReport>]] = [:]
        for fact in try annualReports(uscc: nil) where years?.contains(fact.value.year) ?? true {
            byCode[fact.value.uscc, default: []].append(fact)
        }
        var known: [String: FirmFact] = [:]
        for f in try firms(usccs: Set(byCode.keys)) where f.placement.resolved { known[f.firm.uscc] = f }
        for code in byCode.keys.sorted() {
            try body(ReportingFirm(uscc: code, firm: known[code], reports: byCode[code]!.sorted { $0.value.year < $1.value.year }))
        }
    }
}
