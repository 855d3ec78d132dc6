/// Every field name of the filing format, one case each, so that the validator reads a record's
/// fields by position (`RecordKind.slot(of:)`) instead of hashing their names; `rawValue` is the name.
package enum FieldName: String, CaseIterable, Sendable {
    case id
    case name
    case shortName = "short-name"
    case region
    case level
    case kind
    case uscc
    case park
    case industry
    case founded
    case status
    case formerNames = "former-names"
    case recognized
    case `operator`
    case areaM2 = "area-m2"
    case focus
    case firm
    case program
    case year
    case batch
    case validFrom = "valid-from"
    case validTo = "valid-to"
    case revokedOn = "revoked-on"
    case incubator
    case entered
    case intake
    case graduated
    case exited
    case revenue
    case mainRevenue = "main-revenue"
    case rdExpense = "rd-expense"
    case employees
    case rdStaff = "rd-staff"
    case inventionPatents = "invention-patents"
    case assets
    case liabilities
    case equityRaised = "equity-raised"
    case title
    case source
    case sourceKind = "source-kind"
    case recipient
    case mode
    case channel
    case value
    case signed
    case decision
    case note

    /// How many field names there are.
    static let count = 47

    /// The case's position, for tables of kind × field.
    var index: UInt8 {
        switch self {
        case .id: 0
        case .name: 1
        case .shortName: 2
        case .region: 3
        case .level: 4
        case .kind: 5
        case .uscc: 6
        case .park: 7
        case .industry: 8
        case .founded: 9
        case .status: 10
        case .formerNames: 11
        case .recognized: 12
        case .`operator`: 13
        case .areaM2: 14
        case .focus: 15
        case .firm: 16
        case .program: 17
        case .year: 18
        case .batch: 19
        case .validFrom: 20
        case .validTo: 21
        case .revokedOn: 22
        case .incubator: 23
        case .entered: 24
        case .intake: 25
        case .graduated: 26
        case .exited: 27
        case .revenue: 28
        case .mainRevenue: 29
        case .rdExpense: 30
        case .employees: 31
        case .rdStaff: 32
        case .inventionPatents: 33
        case .assets: 34
        case .liabilities: 35
        case .equityRaised: 36
        case .title: 37
        case .source: 38
        case .sourceKind: 39
        case .recipient: 40
        case .mode: 41
        case .channel: 42
        case .value: 43
        case .signed: 44
        case .decision: 45
        case .note: 46
        }
    }
}
