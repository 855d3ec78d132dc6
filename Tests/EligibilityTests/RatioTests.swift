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

    /// Doubles where the exact digits and the C library could part: ties (x.x5 exactly in binary, to
    /// even), values a hair beside a tie, negative zero and negatives that round to it, subnormals,
    /// whole numbers up to where the exact digits give way to the C library, and the non-finite.
    static let hardDoubles: [Double] = [
        0.125, 0.375, 2.5, 3.5, 0.5, 1.5, -0.5, -2.5, 12.25, 1.005, 2.675, 0.045, 1e-300, -1e-300, .leastNonzeroMagnitude, -0.0, -0.04, -0.000_000_4,
        Double.leastNormalMagnitude, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1e15, 1e16 + 2, 1e22, 1e23,
        Double(Int64.max), 0x1p53 + 2, 0x1p74, 0x1p92, 0x1p93, 0x1p94, .infinity, -.infinity, .nan, 100, 69.99995, 70.00005,
        99.999_999_5, 0.1, 0.2, 0.3, 1.0 / 3.0, 2.0 / 3.0,
    ] + (1...200).map { Double($0) / 8 } + (1...200).map { -Double($0) / 16 }

    @Test("the exact digits are the C library's, on hard values and at random, for 0 to 9 decimals")
    func exactDigits() {
        for v in Self.hardDoubles {
            for digits in 0...9 {
                #expect(Fixed.text(v, digits: digits) == Fixed.printed(v, digits: digits), "\(v) \(digits)")
            }
        }
        var state: UInt64 = 7
        for n in 0..<60_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Random bit patterns (every exponent), and quotients like the percentages screen prints.
            let v = n % 2 == 0 ? Double(bitPattern: state) : Double(Int64(bitPattern: state) >> 20) / Double((state >> 40) | 1)
            let digits = Int(state >> 60) % 8
            guard v.isFinite, v.magnitude < 1e40 else { continue }
            #expect(Fixed.text(v, digits: digits) == Fixed.printed(v, digits: digits), "\(v) \(digits)")
        }
    }

    @Test("a percentage of terms that fit 64 bits is the quotient of the 128-bit terms")
    func percentInSixtyFourBits() {
        var state: UInt64 = 11
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let num = Int128(Int64(bitPattern: state) >> Int(state % 62)), den = Int128(max(1, Int64(state >> 1) >> Int(state >> 58)))
            let percent = Ratio(num: num, den: den).percent
            #expect(percent == Double(num * 100) / Double(den))
        }
        #expect(Ratio(Money(fen: Int64.max), Money(fen: 3)).percent == Double(Int128(Int64.max) * 100) / 3)
    }
}
