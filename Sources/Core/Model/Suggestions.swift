/// Nearest valid names for a mistyped one, for "did you mean …?" in error messages.
///
/// Distance is Levenshtein on characters (a Chinese character is one edit, 株州市 → 株洲市 is one), and a
/// candidate that starts with or contains the query (株洲高新 → 株洲高新区) or is contained in it
/// (湖南省省 → 湖南省) counts as near as one edit.
public enum Suggestions {
    /// Up to `limit` candidates nearest to `query`, nearest first (ties in the candidates' order).
    /// A candidate qualifies when its distance is at most a third of the longer string (at least 1,
    /// at most 3), so that unrelated names are not offered.
    public static func nearest(_ query: String, among candidates: [String], limit: Int = 3) -> [String] {
        let q = Array(query.lowercased())
        guard !q.isEmpty else { return [] }
        var scored: [(distance: Int, sharedStart: Int, lengthGap: Int, index: Int, name: String)] = []
        var seen = Set<String>()
        for (i, c) in candidates.enumerated() where !c.isEmpty && seen.insert(c).inserted {
            let cc = Array(c.lowercased())
            if cc == q { continue }
            let allowed = max(1, min(3, (max(q.count, cc.count) + 1) / 3))
            var d: Int
            let qs = String(q), cs = String(cc)
            if cs.hasPrefix(qs) || (q.count >= 2 && cs.contains(qs)) || (cc.count >= 2 && qs.contains(cs)) {
                d = 1
            } else {
                if abs(q.count - cc.count) > allowed { continue }
                d = distance(q, cc, limit: allowed)
            }
            if d <= allowed {
                let shared = zip(q, cc).prefix { $0 == $1 }.count
                scored.append((d, -shared, abs(q.count - cc.count), i, c))
            }
        }
        scored.sort { ($0.distance, $0.sharedStart, $0.lengthGap, $0.index) < ($1.distance, $1.sharedStart, $1.lengthGap, $1.index) }
        // Only the candidates as near as the best one, and sharing as long a start with the query:
        // 株州市 suggests 株洲市, not every other …州市.
        guard let best = scored.first else { return [] }
        return scored.filter { $0.distance == best.distance && $0.sharedStart == best.sharedStart }.prefix(limit).map(\.name)
    }

    /// " (did you mean X?)" or " (did you mean X, Y or Z?)", empty when nothing is near.
    public static func didYouMean(_ query: String, among candidates: [String], limit: Int = 3) -> String {
        let found = nearest(query, among: candidates, limit: limit)
        guard !found.isEmpty else { return "" }
        return "; did you mean \(orList(found))?"
    }

    /// "A", "A or B", "A, B or C".
    public static func orList(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " or " + items.last!
        }
    }

    /// Edit distance between two character arrays (insertions, deletions, substitutions and
    /// transpositions of neighbours: rnak → rank is one); stops early and returns `limit + 1` once
    /// every path exceeds `limit`.
    public static func distance(_ a: [Character], _ b: [Character], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit == .max ? rowMin : limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}

extension RegionTable {
    /// Every province and prefecture name in use, full and short forms (湖南省, 湖南, 株洲市, 株洲):
    /// the names a filing's `region` may give, for suggestions.
    public static var upperLevelNames: [String] {
        upperNames
    }

    private static let upperNames: [String] = table.codesByName
        .filter { _, codes in codes.contains { table.regions[$0]?.level != .county } }
        .keys.sorted()
}
