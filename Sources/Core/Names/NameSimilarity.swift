/// Character-level similarities of normalised names, each in 0–1.
public enum NameSimilarity {
    /// The character bigrams of a text (a one-character text is its own bigram), as sorted, distinct
    /// 64-bit codes of the two scalars: set operations are then merges of sorted arrays.
    public static func bigrams(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        appendBigrams(of: text.unicodeScalars.map(\.value), to: &out)
        return out
    }

    /// `bigrams` of a text's scalars, appended to `out` (an index keeps every name's in one array).
    static func appendBigrams(of scalars: [UInt32], to out: inout [UInt64]) {
        if scalars.count < 2 {
            for s in scalars { out.append(UInt64(s)) }
            return
        }
        let start = out.count
        for i in 0..<(scalars.count - 1) {
            out.append(UInt64(scalars[i]) << 32 | UInt64(scalars[i + 1]))
        }
        out[start...].sort()
        // Drop repeats in place.
        var kept = start + 1
        for i in (start + 1)..<out.count where out[i] != out[kept - 1] {
            out[kept] = out[i]
            kept += 1
        }
        out.removeLast(out.count - kept)
    }

    /// How many codes two sorted, distinct arrays share.
    public static func overlap(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }

    /// Jaccard similarity of two bigram sets: shared / all.
    public static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        let shared = overlap(a, b)
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// Levenshtein distance over Unicode scalars (insertions, deletions, substitutions).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// 1 − edit distance / length of the longer text.
    public static func editSimilarity(_ a: String, _ b: String) -> Double {
        let longer = Swift.max(a.unicodeScalars.count, b.unicodeScalars.count)
        return longer == 0 ? 1 : 1 - Double(editDistance(a, b)) / Double(longer)
    }
}
