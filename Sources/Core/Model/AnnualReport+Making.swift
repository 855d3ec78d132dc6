extension AnnualReport {
    /// A report from its figures, for an analysis that sets reports aside and reads them back
    /// (`screen`'s rows, made as they are written: Plugins/Eligibility/Screen+Spill.swift).
    package static func making(uscc: String, year: Int, revenue: Money?, mainRevenue: Money?, rdExpense: Money?, employees: Int?, rdStaff: Int?,
                               inventionPatents: Int?, assets: Money?, liabilities: Money?, equityRaised: Money?) -> AnnualReport {
        AnnualReport(uscc: uscc, year: year, revenue: revenue, mainRevenue: mainRevenue, rdExpense: rdExpense, employees: employees, rdStaff: rdStaff,
                     inventionPatents: inventionPatents, assets: assets, liabilities: liabilities, equityRaised: equityRaised)
    }
}
