extension Units {
    /// Checks a `--within` value before counting: a region code (2, 4 or 6 digits) that exists, or the
    /// id of a loaded park. Anything else would silently match no firm, so it is refused with the
    /// nearest valid values: a park's id for its name (株洲高新区 → zz-htz), a province's or
    /// prefecture's code for its name (湖南省 → 43), ids close to a mistyped one (zz-hz → zz-htz).
    public static func checkWithin(_ within: String, parks: [Park], plugin: String) throws {
        let w = within.trimmingCharacters(in: .whitespaces)
        if parks.contains(where: { $0.id == w }) { return }
        if !w.isEmpty, w.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            switch w.utf8.count {
            case 2, 4:
                if RegionTable.name(ofUnit: w) != nil { return }
            case 6:
                if RegionTable.resolve(w) != nil { return }
            default:
                return // a prefix of other length matches by prefix, as documented
            }
            throw AnalysisError.badParameter(plugin: plugin, name: "within", value: within,
                                             expected: .core(.expectExistingRegionOrPark))
        }
        var hints: [String] = []
        // A park named by its name or short name.
        let key = FilingText.nameKey(w)
        for p in parks where p.name == w || p.shortName == w || FilingText.nameKey(p.name) == key || p.shortName.map(FilingText.nameKey) == key {
            hints.append("\(p.id) (\(p.displayName))")
        }
        // A region named in words.
        if hints.isEmpty {
            for code in RegionTable.codes(named: w) {
                let unit = RegionResolver.prefix(code)
                hints.append("\(unit) (\(RegionTable.name(ofUnit: unit) ?? code))")
            }
        }
        if hints.isEmpty {
            let byID = Suggestions.nearest(w, among: parks.map(\.id))
            let byName = Suggestions.nearest(w, among: parks.flatMap { [$0.name] + ($0.shortName.map { [$0] } ?? []) })
            for id in byID { if let p = parks.first(where: { $0.id == id }) { hints.append("\(p.id) (\(p.displayName))") } }
            for n in byName {
                if let p = parks.first(where: { $0.name == n || $0.shortName == n }), !hints.contains(where: { $0.hasPrefix(p.id + " ") }) {
                    hints.append("\(p.id) (\(p.displayName))")
                }
            }
            if hints.isEmpty {
                for n in Suggestions.nearest(w, among: RegionTable.upperLevelNames) {
                    if let code = RegionTable.codes(named: n).first {
                        let unit = RegionResolver.prefix(code)
                        hints.append("\(unit) (\(RegionTable.name(ofUnit: unit) ?? n))")
                    }
                }
            }
        }
        let expected = Wording.core(.expectRegionOrPark, ["none": .message(parks.isEmpty ? .core(.expectNoParkLoaded) : .nothing),
                                                          "hint": .message(hints.isEmpty ? .nothing : .core(.coreDidYouMean, ["options": .message(.orList(Array(hints.prefix(3))))]))])
        throw AnalysisError.badParameter(plugin: plugin, name: "within", value: within, expected: expected)
    }
}
