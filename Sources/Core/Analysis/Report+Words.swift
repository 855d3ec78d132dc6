extension Report.Value {
    /// A cell of words: `message` in `catalogue`, with its English as the text.
    public static func words(_ message: Message, catalogue: Catalogue) -> Report.Value {
        .words(Wording(message, catalogue: catalogue))
    }

    /// The cell's text as written, whether plain text or words; nil for numbers and empty cells.
    public var writtenText: String? {
        switch self {
        case .text(let s): s
        case .words(let w): w.text
        case .integer, .number, .null: nil
        }
    }
}
