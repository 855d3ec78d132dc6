/// A fact of another filing that refers to a record only the filing being retracted defines.
public struct RetractionDependent: Sendable, Hashable {
    /// How many a refusal lists; the rest are counted.
    public static let shown = 20

    public var filingID: String
    public var line: Int
    public var kind: RecordKind
    /// What it refers to (``RecordProblem/missing(noun:target:)``), in Core's catalogue.
    public var words: Message

    public init(filingID: String, line: Int, kind: RecordKind, words: Message) {
        self.filingID = filingID
        self.line = line
        self.kind = kind
        self.words = words
    }

    /// The line as the English description of the refusal lists it.
    public var english: String { "\(filingID) line \(line): \(kind.rawValue) refers to \(words.english)" }
}

extension StoreError {
    /// The refusal of a retraction that would break these facts: the first ``RetractionDependent/shown``
    /// listed, the rest counted.
    package static func retractionWouldBreak(id: String, all: [RetractionDependent]) -> StoreError {
        .retractionWouldBreak(id: id, dependents: Array(all.prefix(RetractionDependent.shown)),
                              more: max(0, all.count - RetractionDependent.shown))
    }
}
