import Core
@testable import Eligibility
import Foundation
import RegistryTesting
import Testing

/// A finding's English is written from its phrase straight through the catalogue's templates, and
/// its message made only when read (Phrase.swift, Screen+Cells.swift): the text must be, byte for
/// byte, what the catalogue makes of the message, and the message what a reader of Chinese is shown.
@Suite("screen: a finding's English written from its phrase is the catalogue's words of its message")
struct FindingWordsTests {
    static let catalogue = EligibilityMessages.catalogue

    /// Figures drawn to reach every branch of every rule: figures missing, zero, negative, on a
    /// bound, a fen beside it, in each revenue band, and amounts far beyond any real firm's.
    static func figures(count: Int) -> [FirmFigures] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let amounts: [Int64] = [0, 1, -1, 99, 100_000_000, 1_000_000_000, 2_000_000_000, 3_000_000_000, 5_000_000_000, 4_999_999_999,
                                5_000_000_001, 8_000_000_000, 7_999_999_999, 10_000_000_000, 9_999_999_999, 10_000_000_001, 123_456_789_012,
                                Int64.max / 2 - 1, Int64.max / 3, 700, 70, 30]
        func money() -> Money? {
            switch next() % 4 {
            case 0: nil
            case 1: Money(fen: amounts[Int(next() % UInt64(amounts.count))])
            default: Money(fen: Int64(next() % 40_000_000_000))
            }
        }
        func heads() -> Int? {
            switch next() % 5 {
            case 0: nil
            case 1: 0
            default: Int(next() % 400)
            }
        }
        return (0..<count).map { _ in
            let reports = (2021...2023).compactMap { year -> AnnualReport? in
                guard next() % 9 != 0 else { return nil }
                return AnnualReport.making(uscc: "91430211758303291K", year: year, revenue: money(), mainRevenue: money(), rdExpense: money(),
                                           employees: heads(), rdStaff: heads(), inventionPatents: heads(), assets: money(), liabilities: money(),
                                           equityRaised: money())
            }
            let founded = next() % 6 == 0 ? nil : Day(year: 2015 + Int(next() % 10), month: 1 + Int(next() % 12), day: 1 + Int(next() % 28))
            return FirmFigures(founded: founded, reports: reports)
        }
    }

    @Test("every rule of every set: the figures and the cell read as the catalogue words their messages, in English")
    func englishIsTheCatalogues() throws {
        let rules = CriteriaSet.all.flatMap { $0.programs.flatMap(\.criteria) }.map(\.rule)
        var keys: Set<String> = []
        for figures in Self.figures(count: 3_000) {
            for rule in rules {
                let f = rule.assess(figures, year: 2023)
                let message = try #require(f.message)
                keys.insert(message.key)
                #expect(f.figures == Self.catalogue.words(message, in: .en))
                guard case .words(let cell) = ScreenCells.finding(f) else {
                    Issue.record("a finding's cell is words")
                    continue
                }
                let cellMessage = try #require(cell.message)
                #expect(cell.text == Self.catalogue.words(cellMessage, in: .en))
                #expect(cell.text == f.text)
                let zh = Self.catalogue.words(cellMessage, in: .zh)
                #expect(!zh.contains("{") && !zh.contains("screen."), "\(zh)")
            }
        }
        // Every kind of figures was reached.
        let figureKeys = Set(Self.catalogue.keys(in: .en).filter { $0.hasPrefix("screen.figures.") })
        let outer: Set<String> = ["screen.figures.noFounding", "screen.figures.founded", "screen.figures.atLeast", "screen.figures.atMost",
                                  "screen.figures.growth", "screen.figures.growthUndefined", "screen.figures.rdShares", "screen.figures.equityAndRD",
                                  "screen.figures.patents", "screen.figures.rdExpense", "screen.figures.revenuePassed",
                                  "screen.figures.revenueOrEquity", "screen.figures.absent", "screen.figures.revenueZero", "screen.figures.assetsZero"]
        #expect(outer.isSubset(of: figureKeys))
        #expect(outer.subtracting(keys).isEmpty, "not reached: \(outer.subtracting(keys).sorted())")
    }

    @Test("a finding made with figures as text keeps them, in the cell too")
    func written() {
        let f = Finding(outcome: .fail, figures: "a, \"b\"")
        #expect(f.message == nil && f.figures == "a, \"b\"")
        guard case .words(let cell) = ScreenCells.finding(f) else {
            Issue.record("a finding's cell is words")
            return
        }
        #expect(cell.text == "fail: a, \"b\"")
        #expect(cell.message.map { Self.catalogue.words($0, in: .en) } == "fail: a, \"b\"")
    }

    @Test("a phrase whose key the catalogue lacks reads as its key, as the catalogue writes an unknown message")
    func unknownKey() {
        var out = ""
        Phrase("no.such.key", ["a": .integer(1)]).writeEnglish(into: &out)
        #expect(out == Self.catalogue.words(Phrase("no.such.key", ["a": .integer(1)]).message, in: .en))
        var missing = ""
        Phrase("atLeast", ["value": "1.0%"]).writeEnglish(into: &missing)
        #expect(missing == "1.0% (≥ {bound}%)" && missing == Self.catalogue.words(Phrase("atLeast", ["value": "1.0%"]).message, in: .en))
    }

    @Test("a screen's rows read the same words through their messages as through their text", arguments: [Program.littleGiant, .specializedSME])
    func rows(program: Program) throws {
        let store = try Backend.sqlite.makeRegistry()
        try GeneratedReports.load(firms: 600, into: store)
        let report = try ScreenPlugin().screen(ScreenQuery(program: program), asOf: Day("2024-12-31")!, asOfSource: "given", registry: store)
        var cells = 0
        for row in report.rows {
            for case .words(let w) in row {
                let message = try #require(w.message)
                #expect(w.text == Self.catalogue.words(message, in: .en))
                cells += 1
            }
        }
        #expect(cells > 600)
    }
}
