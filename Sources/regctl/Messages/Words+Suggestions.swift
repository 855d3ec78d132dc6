import Core

extension Words {
    /// "A", "A or B", "A, B or C" (in Chinese 或).
    func orList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return self(.orList, ["items": .text(items.dropLast().joined(separator: self(.listSeparator))), "last": .text(items.last!)])
    }

    /// "; did you mean A or B?" for the names near `query`, else the sentence's end: a clause that ends
    /// a sentence either way.
    func didYouMean(_ query: String, among candidates: [String], prefix: String = "") -> String {
        let found = Suggestions.nearest(query, among: candidates)
        guard !found.isEmpty else { return self(.sentenceEnd) }
        return self(.didYouMean, ["options": .text(orList(found.map { prefix + $0 }))])
    }
}
