import Foundation
import Testing
import Core
@testable import Eligibility

/// The exact ratios behind the percentage criteria: 128-bit integers, Decimal beyond them.
@Suite("Ratio: exact comparisons with whole percentages, and their text")
struct RatioTests {
    @Test("on the bound, just below it, and the text that does not round onto the bound")
    func bounds() {
        #expect(Ratio(7, 10).atLeast(70) && Ratio(7, 10).atMost(70))
        #expect(Ratio(7, 10).percentText(against: 70) == "70.0%")
        #expect(!Ratio(6999, 10000).atLeast(70))
        #expect(Ratio(6999, 10000).percentText(against: 70) == "69.99%")
        #expect(Ratio(699_999_990, 1_000_000_000).percentText(against: 70) == "69.999999%")
        #expect(Ratio(1, 3).percentText(against: 70) == "33.3%")
        #expect(Ratio(num: -1, den: 8).signedPercentText == "-12.5%")
        #expect(Ratio(num: 1, den: 8).signedPercentText == "+12.5%")
    }

    @Test("amounts near the largest a Money holds compare exactly, where fen × 100 overflows 64 bits")
    func largeAmounts() {
        let most = Money(fen: Int64.max)
        #expect(Ratio(most, Money(fen: 1)).atLeast(100))
        #expect(Ratio(Money(fen: Int64.max - 1), most).atMost(99) == false)
        #expect(Ratio(Money(fen: Int64.max - 1), most).atLeast(100) == false)
        // Products of such amounts pass 2^100 and are compared in Decimal instead: no overflow trap.
        let mean = Ratio.meanGrowth(Int64.max / 2, Int64.max - 1, Int64.max)
        #expect(mean.atLeast(50) && !mean.atLeast(51))
        #expect(Ratio(num: Int128(1) << 110, den: Int128(1) << 109).percentText(against: 200) == "200.0%")
        #expect(Ratio(num: Int128(3) << 110, den: Int128(1) << 111).atLeast(150))
    }

    @Test("fixed decimals as %.Nf prints them")
    func fixed() {
        for v in [12.25, 12.35, -0.04, 0, 1e-7, 123456.789, 69.99999999, -3.05] {
            for digits in 1...6 {
                #expect(Fixed.text(v, digits: digits) == String(format: "%.\(digits)f", v))
            }
        }
    }
}
