import Core
@testable import Eligibility
import RegistryTesting
import Testing

/// `screen` sets its rows aside while it judges and makes them again as they are written
/// (Screen+Spill.swift): the rows read back must be the ones judged, every time they are read.
@Suite("screen: rows set aside and made again")
struct ScreenRowsTests {
    @Test("the firms set aside read back as written, verdict by verdict in order")
    func roundTrip() throws {
        let spill = try ScreenSpill()
        let full = AnnualReport.making(uscc: "91430211758303291K", year: 2023, revenue: Money(fen: 9_223_372_036_854_775_807),
                                       mainRevenue: Money(fen: -5), rdExpense: Money(fen: 0), employees: 120, rdStaff: 0, inventionPatents: 7,
                                       assets: Money(fen: 123_456_789_012), liabilities: nil, equityRaised: Money(fen: -9_223_372_036_854_775_808))
        let empty = AnnualReport.making(uscc: "91430211758303291K", year: 2022, revenue: nil, mainRevenue: nil, rdExpense: nil, employees: nil,
                                        rdStaff: nil, inventionPatents: nil, assets: nil, liabilities: nil, equityRaised: nil)
        try spill.append(verdict: 2, uscc: "C", name: "三", founded: nil, reports: [])
        try spill.append(verdict: 0, uscc: "91430211758303291K", name: "株洲千金药业股份有限公司, \"甲\"", founded: Day("1993-08-27"), reports: [empty, full])
        try spill.append(verdict: 2, uscc: "D", name: "", founded: Day("2020-02-29"), reports: [full])
        for _ in 0..<2 {
            var read: [(Int, String, String, Day?, [AnnualReport])] = []
            try spill.forEach { read.append(($0, $1, $2, $3, $4)) }
            #expect(read.map { $0.0 } == [0, 2, 2])
            #expect(read.map { $0.1 } == ["91430211758303291K", "C", "D"])
            #expect(read.map { $0.2 } == ["株洲千金药业股份有限公司, \"甲\"", "三", ""])
            #expect(read.map { $0.3 } == [Day("1993-08-27"), nil, Day("2020-02-29")])
            #expect(read[0].4 == [empty, full] && read[1].4 == [] && read[2].4.map(\.year) == [2023])
            #expect(read[2].4.first?.uscc == "D")
        }
        #expect(spill.counts == [1, 0, 2])
    }

    @Test("a screen's rows are streamed, and read alike each time", arguments: Backend.testable)
    func streamedRows(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try backend.makeRegistry()
            try GeneratedReports.load(firms: 400, into: store)
            let report = try ScreenPlugin().run(PluginRequest(asOf: Day("2024-12-31")!, parameters: [:]), registry: store)
            #expect(report.rowSource != nil)
            let first = report.rows, second = report.rows
            #expect(first.count == report.rowCount && !first.isEmpty)
            #expect(first == second)
            // Verdict by verdict, as the pass set them aside.
            let order = ["eligible", "incomplete", "not eligible"]
            let verdicts = first.map { order.firstIndex(of: $0.last!.description)! }
            #expect(verdicts == verdicts.sorted())
        }
    }
}
