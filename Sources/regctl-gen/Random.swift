/// SplitMix64: small, fast and good enough for synthetic data. Every record draws from its own
/// generator, seeded from (seed, stream, index), so any record can be recomputed without the ones
/// before it: the generator keeps no per-firm state and its memory does not grow with --firms.
struct SplitMix64 {
    var state: UInt64

    init(_ seed: UInt64) { state = seed }

    /// The generator of record `index` in `stream`.
    init(seed: UInt64, stream: Stream, index: Int) {
        var s = SplitMix64(seed ^ (stream.rawValue &* 0xD1B5_4A32_D192_ED03))
        let a = s.next()
        var t = SplitMix64(a ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
        state = t.next()
    }

    @inline(__always) mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n.
    @inline(__always) mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in lo...hi.
    @inline(__always) mutating func between(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }

    /// Uniform in [0, 1).
    @inline(__always) mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    @inline(__always) mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index drawn with the weights whose running totals are `cumulative`.
    @inline(__always) mutating func weighted(_ cumulative: [Int]) -> Int {
        let x = below(cumulative[cumulative.count - 1])
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// Independent streams of randomness, one per kind of decision.
enum Stream: UInt64 {
    case park = 1, firm, incubator, designation, second, incubation, report, transfer
}

/// Running totals of weights, for `SplitMix64.weighted`.
func cumulative(_ weights: [Int]) -> [Int] {
    var total = 0
    return weights.map { total += $0; return total }
}
