import Core

/// A unit of a ranking by source kind, mode or channel is an enumeration's Chinese label as data (JSON,
/// CSV: 转让, 就地转化), read in the reader's language (docs/plugins.md, "Words").
enum TransfersCells {
    static func unitName(_ name: String, code: String, by: TransfersPlugin.Grouping) -> Report.Value {
        let group: String? = switch by {
        case .sourceKind: "sourceKind"
        case .mode: "mode"
        case .channel: "channel"
        case .park, .prefecture, .province, .source, .year: nil
        }
        guard let group else { return .text(name) }
        return .words(Wording(name, message: Message("transfers.cell.\(group).\(code)")))
    }
}
