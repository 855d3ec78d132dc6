/// How a designation reached its firm: the question `explain` and `show` answer for each firm.
public enum FirmLink: Sendable, Hashable, CustomStringConvertible {
    /// The list stated the firm's USCC.
    case code
    /// By name: equal to the firm's current name in the list's region.
    case equalName
    /// By name: equal to one of the firm's former names.
    case formerName
    /// By a reviewer's `same` decision, stated by this filing.
    case decision(filing: String)
    /// By name, and no firm matched: a provisional firm.
    case provisional

    /// From the stored `linked_by` (`name`, `former-name`, `decision:FILING`) of a designation.
    public init(stored: String?, designation: Designation) {
        if designation.uscc != nil { self = .code; return }
        switch stored {
        case "name"?: self = .equalName
        case "former-name"?: self = .formerName
        case let s? where s.hasPrefix("decision:"): self = .decision(filing: String(s.dropFirst("decision:".count)))
        default: self = .provisional
        }
    }

    /// `code`, `name`, `former-name`, `decision FILING`, `provisional`.
    public var description: String {
        switch self {
        case .code: "code"
        case .equalName: "name"
        case .formerName: "former-name"
        case .decision(let filing): "decision \(filing)"
        case .provisional: "provisional"
        }
    }
}
