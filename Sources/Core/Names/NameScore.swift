/// How well a name without a code matches a firm's name: the rule measured on the 1,188 real names
/// of MIIT's key-support list (docs/names.md, "How the scores were chosen").
///
/// Names equal but for their legal form or region are scored by rule, high: such lists differ from
/// rosters exactly so. Other names are scored by their similarity, the mean of the bigram Jaccard and
/// the edit similarity of the whole normalised names, times 0.9, so that they rank below the rule's
/// matches: Jaccard alone ranks well but scores a one-character typo of a short name low; edit
/// similarity alone scores unrelated names that share a long legal form high; their mean separated
/// right from wrong candidates best (precision 0.9998 at 0.7 on the test corpus).
public enum NameScore {
    /// Factor of a similarity score, below every rule-based score.
    public static let similarityWeight = 0.9
    /// Spellings of one legal form (有限责任公司 / 有限公司).
    public static let sameFormSpelling = 0.97
    /// Different legal forms (股份有限公司 / 有限公司, 公司 / 有限公司): a candidate, not a match.
    public static let otherForm = 0.9
    /// A region added, dropped or moved (湖南XX / XX（湖南）).
    public static let regionMoved = 0.95

    /// The score and reasons of `candidate` for `query`, nil when the names share nothing the rules
    /// know and their similarity is below `minimumSimilarity`.
    public static func score(_ query: FirmName, _ queryBigrams: [UInt64], _ candidate: FirmName, _ candidateBigrams: [UInt64],
                             minimumSimilarity: Double = 0) -> (score: Double, reasons: [CandidateReason])? {
        if query.key == candidate.key { return (1, [.equalName]) }
        if !query.stem.isEmpty && query.stem == candidate.stem && query.stem.unicodeScalars.count >= 2 {
            var score = 1.0
            var reasons: [CandidateReason] = []
            if query.legalFormText != candidate.legalFormText {
                reasons.append(.legalForm)
                score *= query.legalForm == candidate.legalForm ? sameFormSpelling : otherForm
            }
            if query.regionText != candidate.regionText || query.regionPlacement != candidate.regionPlacement {
                // Two different regions name two firms (a firm and its branch elsewhere): scored as
                // similarity only, below.
                if query.regionText.isEmpty || candidate.regionText.isEmpty || query.regionProvince == candidate.regionProvince {
                    reasons.append(.regionPrefix)
                    score *= regionMoved
                } else {
                    score = 0
                }
            }
            if score > 0 { return (score, reasons) }
        }
        let jaccard = NameSimilarity.jaccard(queryBigrams, candidateBigrams)
        // Edit similarity is at most 1: when even that cannot lift the mean to the minimum, the
        // (quadratic) edit distance is not worth computing. Most names an index offers end here.
        if (jaccard + 1) / 2 < minimumSimilarity { return nil }
        let similarity = (jaccard + NameSimilarity.editSimilarity(query.key, candidate.key)) / 2
        if similarity < minimumSimilarity { return nil }
        return (similarity * similarityWeight, [.similar(similarity)])
    }
}
