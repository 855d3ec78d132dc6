import Core

/// Incubators' words as messages of the Incubators catalogue (Messages/en.json, zh.json): titles,
/// notes, column titles and chart labels, with the English the plugin always wrote
/// (docs/plugins.md, "Words").
enum IncubatorsWords: CatalogueWords {
    static let prefix = "incubators"
    static var catalogue: Catalogue { IncubatorsMessages.catalogue }

    /// A criterion's check column: ≥50.
    static func check(_ name: String, atLeast n: Int) -> Report.Column { column(name, .text, "atLeast", ["n": .integer(n)]) }

    static func unit(_ kind: UnitKind) -> Message.Argument { message("unit.\(kind.rawValue)") }

    /// The filters of the query, "provincial level and above, kind incubator, within 43"; nil without any.
    static func filter(level: Level?, kind: IncubatorKind?, within: String?) -> Message.Argument? {
        let parts: [Message.Argument] = [
            level.map { message("filter.level", ["level": message("level.\($0.rawValue)")]) },
            kind.map { message("filter.kind", ["kind": message("kind.\($0.rawValue)")]) },
            within.map { message("filter.within", ["within": .text($0)]) },
        ].compactMap { $0 }
        guard let first = parts.first else { return nil }
        return parts.dropFirst().reduce(first) { message("filter.join", ["a": $0, "b": $1]) }
    }
}
