import GRDB

/// The annual-report reads of `screen` and `growth` at national scale: one statement streamed, a
/// code at a time, instead of every report and every reporting firm held as facts (at 10M firms,
/// 4M reports and 1.45M firms: screen held 5.7 GB, growth 2.1 GB).
extension SQLiteStore {
    public func annualReportYears(stating figure: AnnualReport.Figure) throws -> [Int] {
        try reading { db in
            try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM annual_report WHERE current = 1 AND \(figure.rawValue) IS NOT NULL").sorted()
        }
    }

    public func eachReportingFirm(years: Set<Int>?, _ body: (ReportingFirm) throws -> Void) throws {
        try reading { db in
            // Filing ids by sequence number, read once: a handful of strings shared by every fact.
            var filings: [Int64: String] = [:]
            try Columns.each(db, sql: "SELECT seq, id FROM filing") { r in filings[Int64(r.int(0) ?? 0)] = r.text(1) ?? "" }
            let yearFilter = years.map { " AND a.year IN (\($0.sorted().map(String.init).joined(separator: ",")))" } ?? ""
            // Along annual_report_uscc, so that a code's reports come together and the codes in order;
            // each report's firm by its natural key (the code), which the (nk, current) index finds.
            let sql = """
                SELECT f.*, a.uscc AS r_uscc, a.year AS r_year, a.filing AS r_filing, a.line AS r_line,
                       a.revenue AS r_revenue, a.main_revenue AS r_main_revenue, a.rd_expense AS r_rd_expense,
                       a.employees AS r_employees, a.rd_staff AS r_rd_staff, a.invention_patents AS r_invention_patents,
                       a.assets AS r_assets, a.liabilities AS r_liabilities, a.equity_raised AS r_equity_raised
                FROM annual_report a
                LEFT JOIN firm f ON f.nk = a.uscc AND f.current = 1 AND f.uscc = a.uscc
                WHERE a.current = 1\(yearFilter)
                ORDER BY a.uscc
                """
            var pending: ReportingFirm?
            try NamedColumns.each(db, sql: sql) { r in
                let report = PrefixedRow(base: r, prefix: "r_")
                let code = report.string("uscc")
                let fact = Fact(value: FactColumns.annualReport(report), filing: filings[report.integer("filing") ?? 0] ?? "",
                                line: report.int("line") ?? 0)
                if pending?.uscc == code {
                    pending!.reports.append(fact)
                    return
                }
                if let done = pending { try body(SQLiteStore.inYearOrder(done)) }
                var firm: FirmFact?
                if r.text("uscc") != nil {
                    let f = FactColumns.firm(r)
                    firm = FirmFact(firm: f, placement: FactColumns.placement(r, firm: f), filing: filings[r.integer("filing") ?? 0] ?? "",
                                    line: r.int("line") ?? 0)
                }
                pending = ReportingFirm(uscc: code, firm: firm, reports: [fact])
            }
            if let done = pending { try body(SQLiteStore.inYearOrder(done)) }
        }
    }

    private static func inYearOrder(_ r: ReportingFirm) -> ReportingFirm {
        var r = r
        if r.reports.count > 1 { r.reports.sort { $0.value.year < $1.value.year } }
        return r
    }
}

/// The columns of a row whose names start with a prefix, read without it: a joined row's second table.
private struct PrefixedRow: StoredRow {
    let base: NamedColumns
    let prefix: String

    func text(_ column: String) -> String? { base.text(prefix + column) }
    func integer(_ column: String) -> Int64? { base.integer(prefix + column) }
    func real(_ column: String) -> Double? { base.real(prefix + column) }
}
