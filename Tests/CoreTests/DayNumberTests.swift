import Testing
@testable import Core

/// One day-count algorithm for the whole code base (Excel serials, growth's spans, today).
@Suite("Day numbers: days since 1970-01-01 and back")
struct DayNumberTests {
    @Test("known dates have their day numbers, and every day of four centuries reads back as itself")
    func roundTrip() throws {
        #expect(Day(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(Day(year: 2000, month: 3, day: 1)!.dayNumber == 11_017)
        #expect(Day(year: 1899, month: 12, day: 30)!.dayNumber == -25_569)
        let start = Day(year: 1800, month: 1, day: 1)!.dayNumber
        var previous = try #require(Day(dayNumber: start))
        for n in (start + 1)...(start + 146_097) {
            let day = try #require(Day(dayNumber: n))
            #expect(day.dayNumber == n)
            #expect(previous < day)
            previous = day
        }
        #expect(Day(dayNumber: Day(year: 9999, month: 12, day: 31)!.dayNumber + 1) == nil)
    }
}
