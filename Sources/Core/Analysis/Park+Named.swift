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
                                                 expected: .core(.expectPark, ["rest": .message(.core(.coreDidYouMean, ["options": .message(.orList(nearParks.prefix(3).map { "\($0.displayName) (\($0.id))" }))]))]))
            }
            let some = parks.prefix(8).map { "\($0.id) (\($0.displayName))" }
            throw AnalysisError.badParameter(plugin: plugin, name: "park", value: text,
                                             expected: .core(.expectPark, ["rest": .message(some.isEmpty ? .core(.expectNoParkLoaded) : .core(.expectParkExamples, ["parks": .message(.list(some))]))]))
        }
        throw AnalysisError.failed(plugin: plugin, message: .core(.analysisParkAmbiguous, ["text": .text(text), "count": .count(found.count),
                                                                                       "ids": .message(.list(found.map(\.id).sorted()))]))
    }
}
