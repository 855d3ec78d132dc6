/// The record kinds of the filing format.
public enum RecordKind: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case park, firm, incubator, designation, incubation
    case annualReport = "annual-report"
    case transfer
    /// A reviewer's decision that a name without a code is, or is not, a registered firm (issue #16).
    case link

    /// Order in which kinds can depend on each other: parks before firms before incubators …
    public var order: Int { RecordKind.allCases.firstIndex(of: self)! }

    /// The CSV file-name word or XML element that names this kind; plural forms are accepted for file names.
    public init?(word: String) {
        let w = word.lowercased()
        if let k = RecordKind(rawValue: w) { self = k; return }
        let singular = w.hasSuffix("s") ? String(w.dropLast()) : w
        if let k = RecordKind(rawValue: singular) { self = k; return }
        switch w {
        case "annual", "annual_reports", "annualreports", "annual_report", "reports": self = .annualReport
        default: return nil
        }
    }

    /// The fields of the kind, required first, in the order the spec lists them.
    public var fields: [String] {
        switch self {
        case .park: ["id", "name", "short-name", "region", "level", "kind"]
        case .firm: ["uscc", "name", "region", "park", "industry", "founded", "status", "former-names"]
        case .incubator: ["id", "name", "kind", "level", "recognized", "region", "park", "operator", "area-m2", "focus"]
        case .designation: ["uscc", "firm", "region", "program", "level", "year", "batch", "valid-from", "valid-to", "status", "revoked-on"]
        case .incubation: ["uscc", "incubator", "entered", "intake", "graduated", "exited"]
        case .annualReport: ["uscc", "year", "revenue", "main-revenue", "rd-expense", "employees", "rd-staff", "invention-patents", "assets", "liabilities", "equity-raised"]
        case .transfer: ["id", "title", "source", "source-kind", "recipient", "mode", "channel", "value", "signed"]
        case .link: ["name", "region", "uscc", "decision", "note"]
        }
    }

    /// Fields that must be present.
    public var requiredFields: [String] {
        switch self {
        case .park: ["id", "name", "region", "level", "kind"]
        case .firm: ["uscc", "name", "region"]
        case .incubator: ["id", "name", "kind", "level", "region"]
        case .designation: ["program", "level", "year"]
        case .incubation: ["uscc", "incubator", "entered"]
        case .annualReport: ["uscc", "year"]
        case .transfer: ["id", "title", "source", "source-kind", "recipient", "mode", "signed"]
        case .link: ["name", "region", "uscc", "decision"]
        }
    }

    public static func < (a: RecordKind, b: RecordKind) -> Bool { a.order < b.order }
}

/// An amount of money in CNY, held exactly in fen (hundredths of a yuan).
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Hundredths of a yuan.
    public var fen: Int64

    /// An amount in fen.
    public init(fen: Int64) { self.fen = fen }

    /// Parses a yuan amount with at most two decimals ("1250000", "99.5"); nil for anything else.
    public init?(yuan text: String) {
        var units: Int64 = 0, frac: Int64 = 0, fracDigits = 0, seenDot = false, digits = 0
        var negative = false
        for (i, c) in text.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "-") where i == 0: negative = true
            case UInt8(ascii: "."):
                if seenDot { return nil }
                seenDot = true
            case 48...57:
                digits += 1
                if seenDot {
                    fracDigits += 1
                    if fracDigits > 2 { return nil }
                    frac = frac * 10 + Int64(c - 48)
                } else {
                    if units > 90_000_000_000_000 { return nil }
                    units = units * 10 + Int64(c - 48)
                }
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        if fracDigits == 1 { frac *= 10 }
        fen = (units * 100 + frac) * (negative ? -1 : 1)
    }

    /// Yuan as a Double, for statistics.
    public var yuan: Double { Double(fen) / 100 }

    /// Yuan with no trailing zeros: "1250000", "99.5".
    public var description: String {
        let sign = fen < 0 ? "-" : ""
        let a = fen.magnitude
        let units = a / 100, cents = a % 100
        if cents == 0 { return "\(sign)\(units)" }
        if cents % 10 == 0 { return "\(sign)\(units).\(cents / 10)" }
        return "\(sign)\(units).\(cents < 10 ? "0" : "")\(cents)"
    }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self), let m = Money(yuan: s) { self = m; return }
        let d = try c.decode(Double.self)
        self.init(fen: Int64((d * 100).rounded()))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(yuan)
    }
}

/// A park (园区): a national or provincial development zone.
public struct Park: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var shortName: String?
    public var region: String
    public var level: ParkLevel
    public var kind: ParkKind

    /// The name people use: the short name where one is given.
    public var displayName: String { shortName ?? name }
}

/// A firm, keyed by its USCC.
public struct Firm: Sendable, Hashable, Codable {
    public var uscc: String
    public var name: String
    public var region: String
    public var park: String?
    public var industry: String?
    public var founded: Day?
    public var status: FirmStatus
    /// False when the code failed its check and was admitted with a warning.
    public var usccValid: Bool
    /// Names the firm had before (曾用名), as stated: a list printed before a renaming still finds it.
    public var formerNames: [String] = []
}

/// An incubator, maker space or accelerator.
public struct Incubator: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: IncubatorKind
    public var level: Level
    public var recognized: Int?
    public var region: String
    public var park: String?
    public var `operator`: String?
    public var areaM2: Double?
    public var focus: String?
}

/// A designation of a firm in a programme at a level; the firm is named by USCC, or by name and region.
public struct Designation: Sendable, Hashable, Codable {
    public var uscc: String?
    public var firmName: String?
    /// The region as stated (code or Chinese name), for name-only designations.
    public var region: String?
    public var program: Program
    public var level: Level
    public var year: Int
    public var batch: String?
    public var validFrom: Day?
    public var validTo: Day?
    public var status: DesignationStatus
    public var revokedOn: Day?
}

/// A firm's stay in an incubator.
public struct Incubation: Sendable, Hashable, Codable {
    public var uscc: String
    public var incubator: String
    public var entered: Day
    public var intake: Intake
    public var graduated: Day?
    public var exited: Day?
}

/// A firm's annual figures.
public struct AnnualReport: Sendable, Hashable, Codable {
    public var uscc: String
    public var year: Int
    public var revenue: Money?
    public var mainRevenue: Money?
    public var rdExpense: Money?
    public var employees: Int?
    public var rdStaff: Int?
    public var inventionPatents: Int?
    public var assets: Money?
    public var liabilities: Money?
    public var equityRaised: Money?
}

/// A technology-transfer contract (科技成果转化).
public struct Transfer: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var source: String
    public var sourceKind: SourceKind
    public var recipient: String
    public var mode: TransferMode
    public var channel: Channel
    public var value: Money?
    public var signed: Day
}

/// A reviewer's decision about a name without a code in a region: it stands for the firm with this
/// code (`same`: its designations by that name link to the firm), or it does not (`different`: the
/// firm is not offered as its candidate again).
public struct Link: Sendable, Hashable, Codable {
    public var name: String
    /// As stated: a division code or a Chinese name, as a designation by name gives it.
    public var region: String
    public var uscc: String
    public var decision: LinkDecision
    public var note: String?

    public init(name: String, region: String, uscc: String, decision: LinkDecision, note: String? = nil) {
        self.name = name
        self.region = region
        self.uscc = uscc
        self.decision = decision
        self.note = note
    }

    /// The region unit the decision is about (as a designation's `regionUnit`).
    public var regionUnit: String? { RegionResolver.unit(for: region) }
}

/// One validated record of any kind.
public enum Record: Sendable, Hashable {
    case park(Park)
    case firm(Firm)
    case incubator(Incubator)
    case designation(Designation)
    case incubation(Incubation)
    case annualReport(AnnualReport)
    case transfer(Transfer)
    case link(Link)

    /// The record's kind.
    public var kind: RecordKind {
        switch self {
        case .park: .park
        case .firm: .firm
        case .incubator: .incubator
        case .designation: .designation
        case .incubation: .incubation
        case .annualReport: .annualReport
        case .transfer: .transfer
        case .link: .link
        }
    }
}
