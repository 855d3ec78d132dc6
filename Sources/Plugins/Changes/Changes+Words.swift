import Core

/// Changes' words as messages of the Changes catalogue (Messages/en.json, zh.json): titles, notes,
/// column titles, chart labels and errors, with the English the plugin always wrote
/// (docs/plugins.md, "Words").
enum ChangesWords {
    /// `key` (without the `changes.` prefix) with `arguments`, English as its text.
    static func text(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Wording {
        Wording(Message("changes.\(key)", arguments), catalogue: ChangesMessages.catalogue)
    }

    static func message(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Message.Argument {
        .message(Message("changes.\(key)", arguments))
    }

    /// A column titled by the catalogue (`changes.column.<key>`, the name unless given).
    static func column(_ name: String, _ type: Report.ColumnType, _ key: String? = nil, _ arguments: [String: Message.Argument] = [:]) -> Report.Column {
        Report.Column(name, type, title: text("column.\(key ?? name)", arguments))
    }

    static func unit(_ kind: UnitKind) -> Message.Argument { message("unit.\(kind.rawValue)") }

    static func program(_ p: Program) -> Message.Argument { message("program.\(p.rawValue)") }

    /// "national level", "provincial level and above", "provincial level" (exact).
    static func level(_ c: DesignationCount.Criteria) -> Message.Argument {
        message("level.\(c.level.rawValue)\(!c.exact && c.level != .national ? ".above" : "")")
    }

    /// A change with its sign and separators: +1,204, -3, 0.
    static func signed(_ n: Int) -> Message.Argument { .text((n > 0 ? "+" : "") + NumberStyle.grouped(String(n))) }
}
