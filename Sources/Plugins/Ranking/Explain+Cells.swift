import Core

/// Explain's cells that are words rather than data, as messages of the Ranking catalogue: a reader of
/// either language reads them in theirs, JSON and CSV keep the English (docs/plugins.md, "Words").
enum ExplainCells {
    private static func cell(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Report.Value {
        .words(Message(key, arguments), catalogue: RankingMessages.catalogue)
    }

    /// The code of a firm known only by name: "(none)".
    static let noCode = cell("explain.cell.none")

    static func program(_ p: Program) -> Report.Value { cell("rank.program.\(p.rawValue)") }

    static func level(_ l: Level) -> Report.Value { cell("explain.cell.level.\(l.rawValue)") }

    /// How a designation reached its firm: code, name, former-name, decision <filing>, provisional.
    static func link(_ link: FirmLink) -> Report.Value {
        switch link {
        case .code: cell("explain.cell.link.code")
        case .equalName: cell("explain.cell.link.name")
        case .formerName: cell("explain.cell.link.former-name")
        case .decision(let filing): cell("explain.cell.link.decision", ["filing": .text(filing)])
        case .provisional: cell("explain.cell.link.provisional")
        }
    }
}
