import Core
import Foundation

/// The formulas of `growth`, kept apart from the registry so that tests can check them by hand.
public enum GrowthMath {
    /// Compound annual growth rate (end/start)^(1/years) − 1, as a fraction (0.1 is 10% a year); nil
    /// where it is undefined: a start of zero or below, an end below zero, or no years between.
    public static func cagr(start: Double, end: Double, years: Int) -> Double? {
        guard start > 0, end >= 0, years > 0 else { return nil }
        return pow(end / start, 1 / Double(years)) - 1
    }

    /// Birch–Schreyer index (E_t − E_0)·(E_t / E_0): absolute growth weighted by relative growth;
    /// nil where the start is zero or below.
    public static func birch(start: Double, end: Double) -> Double? {
        guard start > 0 else { return nil }
        return (end - start) * (end / start)
    }

    /// Whether growth from `start` to `end` over `years` averages at least `percent` a year
    /// (`strict`: more than it), decided exactly in integers:
    /// end · 100^years ≥ start · (100 + percent)^years. A floating-point root would put exactly 10%
    /// on either side of the line by rounding; this does not. A start of zero or below never qualifies.
    public static func meets(start: Int64, end: Int64, years: Int, percent: Int, strict: Bool) -> Bool {
        guard start > 0, end >= 0, years > 0, percent >= 0 else { return false }
        var lhs = BigUInt(UInt64(end)), rhs = BigUInt(UInt64(start))
        for _ in 0..<years {
            lhs = lhs.multiplied(by: 100)
            rhs = rhs.multiplied(by: UInt32(100 + percent))
        }
        return strict ? rhs < lhs : !(lhs < rhs)
    }

    /// The median: the middle value of an odd count, the mean of the two middle values of an even
    /// count; nil for none.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    /// Years between two dates as days ÷ 365.25 (negative when `to` is earlier).
    public static func years(from: Day, to: Day) -> Double {
        Double(to.dayNumber - from.dayNumber) / 365.25
    }
}

/// A non-negative integer of any size; just enough (multiply by a small factor, compare) to decide
/// growth thresholds exactly when (100 + p)^years no longer fits in 64 bits.
struct BigUInt: Comparable {
    /// Base-2³² digits, least significant first, no leading zero digits (zero is empty).
    private var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        trim()
    }

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        trim()
    }

    private mutating func trim() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    func multiplied(by factor: UInt32) -> BigUInt {
        var out: [UInt32] = []
        out.reserveCapacity(limbs.count + 1)
        var carry: UInt64 = 0
        for limb in limbs {
            let product = UInt64(limb) * UInt64(factor) + carry
            out.append(UInt32(truncatingIfNeeded: product))
            carry = product >> 32
        }
        if carry > 0 { out.append(UInt32(carry)) }
        return BigUInt(limbs: out)
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
            return a.limbs[i] < b.limbs[i]
        }
        return false
    }
}
