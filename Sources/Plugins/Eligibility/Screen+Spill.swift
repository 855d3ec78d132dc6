import Core

/// Screen's rows set aside while the pass runs and made again when they are written (issue #19,
/// item 4): a row of words and figures is some 1 KB as report values, and at 10M firms a screen has
/// 1.3M of them. The pass sets aside what judged each kept firm — its code, name, founding date and
/// the reports of the years judged — in one `RowSpill` per verdict, in the order the rows are shown;
/// the report's row source reads them back verdict by verdict and judges each firm again to make its
/// cells, one row at a time. Judging is a pure function of these figures, so the cells are the ones
/// the pass saw.
struct ScreenSpill: Sendable {
    private let spills: [RowSpill]

    /// A spill with one file per verdict.
    init() throws {
        spills = try Verdict.allCases.map { _ in try RowSpill() }
    }

    /// How many firms each verdict has, in the order of `Verdict.allCases`.
    var counts: [Int] { spills.map(\.count) }

    /// Sets aside a kept firm under its verdict (its index in `Verdict.allCases`).
    func append(verdict: Int, uscc: String, name: String, founded: Day?, reports: [AnnualReport]) throws {
        try spills[verdict].append { w in
            w.put(uscc)
            w.put(name)
            w.put(founded)
            w.put(reports.count)
            for r in reports {
                w.put(r.year)
                w.put(r.revenue?.fen)
                w.put(r.mainRevenue?.fen)
                w.put(r.rdExpense?.fen)
                w.put(r.employees.map(Int64.init))
                w.put(r.rdStaff.map(Int64.init))
                w.put(r.inventionPatents.map(Int64.init))
                w.put(r.assets?.fen)
                w.put(r.liabilities?.fen)
                w.put(r.equityRaised?.fen)
            }
        }
    }

    /// Reads back every firm set aside, verdict by verdict in `Verdict.allCases` order, each in the
    /// order it was set aside.
    func forEach(_ body: (_ verdict: Int, _ uscc: String, _ name: String, _ founded: Day?, _ reports: [AnnualReport]) throws -> Void) throws {
        for (verdict, spill) in spills.enumerated() {
            try spill.forEach { r in
                let uscc = r.text(), name = r.text(), founded = r.day()
                var reports: [AnnualReport] = []
                for _ in 0..<r.int() {
                    let year = r.int()
                    let revenue = r.optionalInt64(), mainRevenue = r.optionalInt64(), rdExpense = r.optionalInt64()
                    let employees = r.optionalInt64(), rdStaff = r.optionalInt64(), patents = r.optionalInt64()
                    let assets = r.optionalInt64(), liabilities = r.optionalInt64(), equity = r.optionalInt64()
                    reports.append(AnnualReport.making(
                        uscc: uscc, year: year, revenue: revenue.map(Money.init(fen:)), mainRevenue: mainRevenue.map(Money.init(fen:)),
                        rdExpense: rdExpense.map(Money.init(fen:)), employees: employees.map(Int.init), rdStaff: rdStaff.map(Int.init),
                        inventionPatents: patents.map(Int.init), assets: assets.map(Money.init(fen:)), liabilities: liabilities.map(Money.init(fen:)),
                        equityRaised: equity.map(Money.init(fen:))))
                }
                try body(verdict, uscc, name, founded, reports)
            }
        }
    }
}
