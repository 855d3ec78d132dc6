/// A registered firm that a name without a code may stand for, with how sure the match is.
/// Scores run 0–1 as the W3C Reconciliation API's do; a candidate is never linked without a decision.
public struct FirmCandidate: Sendable, Hashable {
    public var uscc: String
    /// The firm's current name.
    public var name: String
    /// The firm's region code, as its roster states it.
    public var region: String
    public var score: Double
    public var reasons: [CandidateReason]
    /// Whether the registry links the name to this firm by itself, without a review: an equal or
    /// former name in the name's region, or a reviewer's `same` decision (the reconciliation API's
    /// `match`). Set by ``NameMatcher``; at most one candidate of a name has it, and it comes first.
    public var links: Bool

    public init(uscc: String, name: String, region: String, score: Double, reasons: [CandidateReason], links: Bool = false) {
        self.uscc = uscc
        self.name = name
        self.region = region
        self.score = score
        self.reasons = reasons
        self.links = links
    }
}

/// Why a firm is a candidate for a name.
public enum CandidateReason: Sendable, Hashable, CustomStringConvertible {
    /// Equal normalised names (only when asked about a name that links anyway, as the web may).
    case equalName
    /// The name is, or resembles, one of the firm's former names.
    case formerName
    /// Equal but for the legal form (有限责任公司 / 有限公司, 股份有限公司 / 有限公司).
    case legalForm
    /// Equal but for a region before the name or in brackets (湖南XX科技 / XX科技（湖南）).
    case regionPrefix
    /// Close by characters: the similarity of the two names, 0–1.
    case similar(Double)
    /// A reviewer's `same` decision links the name to the firm, whatever their names.
    case decision

    /// The words of the review queue and of JSON: `legal-form`, `similar:0.91`.
    public var description: String {
        switch self {
        case .equalName: "equal-name"
        case .formerName: "former-name"
        case .legalForm: "legal-form"
        case .regionPrefix: "region-prefix"
        case .similar(let s): "similar:" + Self.twoDecimals(s)
        case .decision: "decision"
        }
    }

    static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
