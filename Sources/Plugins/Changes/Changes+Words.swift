import Core

/// Changes' words as messages of the Changes catalogue (Messages/en.json, zh.json): titles, notes,
/// column titles, chart labels and errors, with the English the plugin always wrote
/// (docs/plugins.md, "Words").
enum ChangesWords: CatalogueWords {
    static let prefix = "changes"
    static var catalogue: Catalogue { ChangesMessages.catalogue }

    static func unit(_ kind: UnitKind) -> Message.Argument { message("unit.\(kind.rawValue)") }

    static func program(_ p: Program) -> Message.Argument { message("program.\(p.rawValue)") }

    /// "national level", "provincial level and above", "provincial level" (exact).
    static func level(_ c: DesignationCount.Criteria) -> Message.Argument {
        message("level.\(c.level.rawValue)\(!c.exact && c.level != .national ? ".above" : "")")
    }

    /// A change with its sign and separators: +1,204, -3, 0.
    static func signed(_ n: Int) -> Message.Argument { .text((n > 0 ? "+" : "") + NumberStyle.grouped(String(n))) }
}
