extension Contradiction {
    /// The kind's name for a reader: its id (`firm-regions`) in English, words in Chinese.
    package var kindWords: Message {
        switch kind {
        case "firm-regions": .core(.contradictionKindFirmRegions)
        case "firm-names": .core(.contradictionKindFirmNames)
        case "revoked-before-start": .core(.contradictionKindRevokedBeforeStart)
        case "valid-to-before-start": .core(.contradictionKindValidToBeforeStart)
        default: .text(kind)
        }
    }

    /// The words as a message: `words`, or the English as it stands.
    package var wordsOrText: Message { words ?? .text(message) }
}
