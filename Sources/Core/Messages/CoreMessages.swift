/// Core's own words: the catalogue of load diagnostics, storage errors, contradictions and analysis
/// phrases (Messages/en.json and zh.json, embedded like every module's; keys typed as ``CoreKey``).
///
/// Core writes a problem as a ``Message`` and keeps its English words beside it (`message`,
/// `description`), made from this catalogue's English, so that callers that know no language read
/// what they always read; a renderer given a language words the message again (docs/architecture.md,
/// "Words").
package enum CoreWords {
    package static let catalogue = Catalogue.embedded([.en: PackageResources.en_json, .zh: PackageResources.zh_json],
                                                      source: "Sources/Core/Messages")
}

extension Message {
    /// A message of Core's catalogue.
    package static func core(_ key: CoreKey, _ arguments: [String: Argument] = [:]) -> Message {
        Message(key, arguments)
    }

    /// The message's English words, as Core's `message` and `description` properties give them.
    package var english: String { CoreWords.catalogue.words(self, in: .en) }

    /// No words: an optional clause that is absent.
    package static let nothing = Message.core(.coreText, ["text": ""])

    /// Text that is data (a name, a code, a database's own message), carried as a message.
    package static func text(_ text: String) -> Message { .core(.coreText, ["text": .text(text)]) }

    /// "A, B, C" (Chinese 、), for lists of values, names or codes.
    package static func list(_ items: [String]) -> Message {
        guard let last = items.last else { return .nothing }
        return items.dropLast().reversed().reduce(Message.text(last)) { rest, first in
            .core(.coreList, ["first": .text(first), "rest": .message(rest)])
        }
    }

    /// "A", "A or B", "A, B or C" (Chinese A、B 或 C).
    package static func orList(_ items: [String]) -> Message {
        guard items.count > 1 else { return .text(items.first ?? "") }
        return .core(.coreOrList, ["items": .message(.list(Array(items.dropLast()))), "last": .text(items.last!)])
    }
}

extension RecordKind {
    /// The kind's name for a reader: its raw value in English (what the filing format calls it), its
    /// name in Chinese (认定记录 …).
    package var words: Message {
        let key: CoreKey = switch self {
        case .park: .recordKindPark
        case .firm: .recordKindFirm
        case .incubator: .recordKindIncubator
        case .designation: .recordKindDesignation
        case .incubation: .recordKindIncubation
        case .annualReport: .recordKindAnnualReport
        case .transfer: .recordKindTransfer
        case .link: .recordKindLink
        }
        return .core(key)
    }
}

extension Suggestions {
    /// "; did you mean X?" or "; did you mean X, Y or Z?" as a message; nothing when nothing is near.
    package static func didYouMeanWords(_ query: String, among candidates: [String], limit: Int = 3) -> Message {
        let found = nearest(query, among: candidates, limit: limit)
        guard !found.isEmpty else { return .nothing }
        return .core(.coreDidYouMean, ["options": .message(.orList(found))])
    }
}

extension Message {
    /// Problems of one thing in one line: "first; second; …" (Chinese ；).
    package static func joined(_ messages: [Message]) -> Message {
        guard let first = messages.first else { return .nothing }
        return messages.dropFirst().reduce(first) { .core(.coreJoined, ["first": .message($0), "second": .message($1)]) }
    }
}
