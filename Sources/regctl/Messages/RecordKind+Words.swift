import Core

extension RecordKind {
    /// The kind's name for a reader (its raw value in English, 企业 … in Chinese).
    var word: Message {
        let key: CLIKey = switch self {
        case .park: .kindPark
        case .firm: .kindFirm
        case .incubator: .kindIncubator
        case .designation: .kindDesignation
        case .incubation: .kindIncubation
        case .annualReport: .kindAnnualReport
        case .transfer: .kindTransfer
        case .link: .kindLink
        }
        return Message(key)
    }
}
