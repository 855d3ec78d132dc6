extension Park {
    /// The park a user named: an id, else a name or short name, else a name matched loosely
    /// (full-width forms, brackets and spaces folded). Not found or ambiguous: an `AnalysisError` of
    /// `plugin`'s `park` parameter, with the nearest parks.
    public static func named(_ text: String, in parks: [Park], plugin: String) throws -> Park {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let p = parks.first(where: { $0.id == t }) { return p }
        var found = parks.filter { $0.name == t || $0.shortName == t }
        if found.isEmpty {
            let key = FilingText.nameKey(t)
            found = parks.filter { FilingText.nameKey($0.name) == key || $0.shortName.map(FilingText.nameKey) == key }
        }
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            let near = Suggestions.nearest(t, among: parks.map(\.id)) + Suggestions.nearest(t, among: parks.flatMap { [$0.name] + ($0.shortName.map { [$0] } ?? []) })
            let nearParks = parks.filter { p in near.contains(p.id) || near.contains(p.name) || p.shortName.map(near.contains) == true }
            if !nearParks.isEmpty {
                throw AnalysisError.badParameter(plugin: plugin, name: "park", value: text,
                                                 expected: "the id, name or short name of a loaded park; did you mean \(Suggestions.orList(nearParks.prefix(3).map { "\($0.displayName) (\($0.id))" }))?")
            }
            let some = parks.prefix(8).map { "\($0.id) (\($0.displayName))" }.joined(separator: ", ")
            throw AnalysisError.badParameter(plugin: plugin, name: "park", value: text,
                                             expected: Wording("the id, name or short name of a loaded park" + (some.isEmpty ? " (no park is loaded)" : ", e.g. \(some)")))
        }
        throw AnalysisError.failed(plugin: plugin, message: "'\(text)' names \(found.count) parks: \(found.map(\.id).sorted().joined(separator: ", ")); give the id.")
    }
}
