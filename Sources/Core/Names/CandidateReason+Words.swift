extension CandidateReason {
    /// The reason for a reader: in English its id as the review queue and JSON write it (`legal-form`,
    /// `similar:0.91`), which stays an API; in Chinese words (仅组织形式不同, 相似度 0.91).
    package var words: Message {
        switch self {
        case .equalName: .core(.reasonEqualName)
        case .formerName: .core(.reasonFormerName)
        case .legalForm: .core(.reasonLegalForm)
        case .regionPrefix: .core(.reasonRegionPrefix)
        case .similar(let s): .core(.reasonSimilar, ["similarity": .text(Self.twoDecimals(s))])
        case .decision: .core(.reasonDecision)
        }
    }
}
