/// How facts map to the columns of a relational backend, shared by every backend so that they store
/// (and give back) exactly the same values. Each fact table also has `filing`, `line`, `nk` and `current`
/// (see the SQLite schema in Schema.swift and the PostgreSQL one in the PostgresRegistry module).
public enum FactColumns {
    /// The fact tables, in dependency order (parks before firms before what refers to firms).
    public static let tables = ["park", "firm", "incubator", "designation", "incubation", "annual_report", "transfer"]

    public static func table(_ kind: RecordKind) -> String {
        kind == .annualReport ? "annual_report" : kind.rawValue
    }

    public static func kind(ofTable table: String) -> RecordKind {
        RecordKind(rawValue: table.replacingOccurrences(of: "_", with: "-"))!
    }

    /// References a fact may hold to facts of other kinds: (table, column, target table, what it names).
    /// An incubator's `operator` is checked as a USCC but not required to be a registered firm:
    /// operators are often universities and public institutions (codes 12…), which no firm roster lists.
    public static let references: [(table: String, column: String, target: String, noun: String)] = [
        ("firm", "park", "park", "park"),
        ("incubator", "park", "park", "park"),
        ("designation", "uscc", "firm", "firm"),
        ("incubation", "uscc", "firm", "firm"),
        ("incubation", "incubator", "incubator", "incubator"),
        ("annual_report", "uscc", "firm", "firm"),
        ("transfer", "recipient", "firm", "firm"),
    ]

    /// The stored columns of a kind beyond filing, line, nk and current, in the order of ``values(_:)``.
    /// Derived columns (a firm's current region code, a name's normalised key) are computed once, here,
    /// when the fact is stored.
    public static func columns(_ kind: RecordKind) -> [String] {
        switch kind {
        case .park: ["id", "name", "short_name", "region", "level", "kind"]
        case .firm: ["uscc", "name", "name_key", "region", "region_now", "province", "prefecture", "park", "industry", "founded", "status", "uscc_ok"]
        case .incubator: ["id", "name", "kind", "level", "recognized", "region", "park", "operator", "area_m2", "focus"]
        case .designation: ["uscc", "firm_name", "name_key", "region", "unit", "program", "level", "year", "batch",
                            "valid_from", "valid_to", "status", "revoked_on", "resolved"]
        case .incubation: ["uscc", "incubator", "entered", "intake", "graduated", "exited"]
        case .annualReport: ["uscc", "year", "revenue", "main_revenue", "rd_expense", "employees", "rd_staff",
                             "invention_patents", "assets", "liabilities", "equity_raised"]
        case .transfer: ["id", "title", "source", "source_kind", "recipient", "mode", "channel", "value", "signed"]
        }
    }

    /// The values of ``columns(_:)`` for a record.
    public static func values(_ record: Record) -> [ColumnValue] {
        switch record {
        case .park(let p):
            return [.text(p.id), .text(p.name), .text(p.shortName), .text(p.region), .text(p.level.rawValue), .text(p.kind.rawValue)]
        case .firm(let f):
            let resolved = RegionTable.resolve(f.region)
            let now = resolved?.current ?? f.region
            return [.text(f.uscc), .text(f.name), .text(FilingText.nameKey(f.name)), .text(f.region), .text(now),
                    .text(resolved?.province ?? String(now.prefix(2))), .text(resolved?.prefecture ?? String(now.prefix(4))),
                    .text(f.park), .text(f.industry), .text(f.founded?.description), .text(f.status.rawValue),
                    .integer(f.usccValid ? 1 : 0)]
        case .incubator(let i):
            return [.text(i.id), .text(i.name), .text(i.kind.rawValue), .text(i.level.rawValue), .integer(i.recognized),
                    .text(i.region), .text(i.park), .text(i.operator), i.areaM2.map(ColumnValue.real) ?? .null, .text(i.focus)]
        case .designation(let d):
            return [.text(d.uscc), .text(d.firmName), .text(d.firmName.map(FilingText.nameKey)), .text(d.region), .text(d.regionUnit),
                    .text(d.program.rawValue), .text(d.level.rawValue), .integer(d.year), .text(d.batch),
                    .text(d.validFrom?.description), .text(d.validTo?.description), .text(d.status.rawValue),
                    .text(d.revokedOn?.description), .text(d.uscc)]
        case .incubation(let i):
            return [.text(i.uscc), .text(i.incubator), .text(i.entered.description), .text(i.intake.rawValue),
                    .text(i.graduated?.description), .text(i.exited?.description)]
        case .annualReport(let a):
            return [.text(a.uscc), .integer(a.year), .money(a.revenue), .money(a.mainRevenue), .money(a.rdExpense),
                    .integer(a.employees), .integer(a.rdStaff), .integer(a.inventionPatents), .money(a.assets),
                    .money(a.liabilities), .money(a.equityRaised)]
        case .transfer(let t):
            return [.text(t.id), .text(t.title), .text(t.source), .text(t.sourceKind.rawValue), .text(t.recipient),
                    .text(t.mode.rawValue), .text(t.channel.rawValue), .money(t.value), .text(t.signed.description)]
        }
    }

    /// The record a stored row states (as its filing stated it; derived columns are not needed).
    public static func record(_ kind: RecordKind, _ r: some StoredRow) -> Record {
        switch kind {
        case .park: .park(park(r))
        case .firm: .firm(firm(r))
        case .incubator: .incubator(incubator(r))
        case .designation: .designation(designation(r))
        case .incubation: .incubation(incubation(r))
        case .annualReport: .annualReport(annualReport(r))
        case .transfer: .transfer(transfer(r))
        }
    }

    public static func park(_ r: some StoredRow) -> Park {
        Park(id: r.string("id"), name: r.string("name"), shortName: r.text("short_name"), region: r.string("region"),
             level: ParkLevel(rawValue: r.string("level")) ?? .provincial, kind: ParkKind(rawValue: r.string("kind")) ?? .other)
    }

    public static func firm(_ r: some StoredRow) -> Firm {
        Firm(uscc: r.string("uscc"), name: r.string("name"), region: r.string("region"), park: r.text("park"),
             industry: r.text("industry"), founded: r.day("founded"), status: FirmStatus(rawValue: r.string("status")) ?? .active,
             usccValid: (r.integer("uscc_ok") ?? 1) != 0)
    }

    /// Where a stored firm lies.
    public static func placement(_ r: some StoredRow, firm: Firm) -> FirmPlacement {
        FirmPlacement(key: firm.uscc, name: firm.name, resolved: true, region: firm.region, county: r.text("region_now"),
                      prefecture: r.text("prefecture"), province: r.string("province"), park: firm.park)
    }

    /// A firm known only by name from a designation list: placed by the region unit the list states.
    public static func provisionalPlacement(nameKey: String, name: String, unit: String) -> FirmPlacement {
        FirmPlacement(
            key: "~\(nameKey)@\(unit)", name: name, resolved: false, region: unit,
            county: unit.count == 6 ? unit : nil, prefecture: unit.count >= 4 ? String(unit.prefix(4)) : nil,
            province: String(unit.prefix(2)), park: nil)
    }

    /// The firm a designation by name stands for until a roster gives its code.
    public static func provisionalFirm(name: String, unit: String) -> Firm {
        Firm(uscc: "", name: name, region: unit, park: nil, industry: nil, founded: nil, status: .active, usccValid: true)
    }

    public static func incubator(_ r: some StoredRow) -> Incubator {
        Incubator(id: r.string("id"), name: r.string("name"), kind: IncubatorKind(rawValue: r.string("kind")) ?? .incubator,
                  level: Level(rawValue: r.string("level")) ?? .municipal, recognized: r.integer("recognized").map(Int.init),
                  region: r.string("region"), park: r.text("park"), operator: r.text("operator"), areaM2: r.real("area_m2"),
                  focus: r.text("focus"))
    }

    public static func designation(_ r: some StoredRow) -> Designation {
        Designation(uscc: r.text("uscc"), firmName: r.text("firm_name"), region: r.text("region"),
                    program: Program(rawValue: r.string("program")) ?? .littleGiant, level: Level(rawValue: r.string("level")) ?? .municipal,
                    year: Int(r.integer("year") ?? 0), batch: r.text("batch"), validFrom: r.day("valid_from"), validTo: r.day("valid_to"),
                    status: DesignationStatus(rawValue: r.string("status")) ?? .active, revokedOn: r.day("revoked_on"))
    }

    public static func incubation(_ r: some StoredRow) -> Incubation {
        Incubation(uscc: r.string("uscc"), incubator: r.string("incubator"), entered: r.day("entered") ?? Day.startOf(year: 1949),
                   intake: Intake(rawValue: r.string("intake")) ?? .local, graduated: r.day("graduated"), exited: r.day("exited"))
    }

    public static func annualReport(_ r: some StoredRow) -> AnnualReport {
        AnnualReport(uscc: r.string("uscc"), year: Int(r.integer("year") ?? 0), revenue: r.money("revenue"),
                     mainRevenue: r.money("main_revenue"), rdExpense: r.money("rd_expense"), employees: r.int("employees"),
                     rdStaff: r.int("rd_staff"), inventionPatents: r.int("invention_patents"), assets: r.money("assets"),
                     liabilities: r.money("liabilities"), equityRaised: r.money("equity_raised"))
    }

    public static func transfer(_ r: some StoredRow) -> Transfer {
        Transfer(id: r.string("id"), title: r.string("title"), source: r.string("source"),
                 sourceKind: SourceKind(rawValue: r.string("source_kind")) ?? .other, recipient: r.string("recipient"),
                 mode: TransferMode(rawValue: r.string("mode")) ?? .other, channel: Channel(rawValue: r.string("channel")) ?? .other,
                 value: r.money("value"), signed: r.day("signed") ?? Day.startOf(year: 1949))
    }
}

/// A value of a stored column, whatever the backend.
public enum ColumnValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    static func text(_ s: String?) -> ColumnValue { s.map(ColumnValue.text) ?? .null }
    static func integer(_ i: Int?) -> ColumnValue { i.map { .integer(Int64($0)) } ?? .null }
    static func money(_ m: Money?) -> ColumnValue { m.map { .integer($0.fen) } ?? .null }
}

/// One stored row, read by column name. Backends adapt their row type to it.
public protocol StoredRow {
    func text(_ column: String) -> String?
    func integer(_ column: String) -> Int64?
    func real(_ column: String) -> Double?
}

extension StoredRow {
    /// A column the schema declares NOT NULL.
    public func string(_ column: String) -> String { text(column) ?? "" }
    public func int(_ column: String) -> Int? { integer(column).map(Int.init) }
    public func day(_ column: String) -> Day? { text(column).flatMap(Day.init) }
    public func money(_ column: String) -> Money? { integer(column).map(Money.init(fen:)) }
}

/// A store that keeps each kind of fact in a table of FactColumns' columns (both SQL backends): it
/// answers one query shape, and the readers of every kind — which table, which filter, which order —
/// are written once, here.
public protocol FactTableReading: RegistryReader {
    /// Current facts of `table`, only those whose `column` equals `value` when one is given, in
    /// `orderBy` order (ties in the order the facts were stated), each with its filing and line.
    func currentFacts<V>(_ table: String, where column: String?, equals value: String?, orderBy: String,
                         _ make: (any StoredRow) -> V) throws -> [Fact<V>]
}

extension FactTableReading {
    public func parks() throws -> [Fact<Park>] {
        try currentFacts("park", where: nil, equals: nil, orderBy: "t.id") { FactColumns.park($0) }
    }

    public func incubators() throws -> [Fact<Incubator>] {
        try currentFacts("incubator", where: nil, equals: nil, orderBy: "t.id") { FactColumns.incubator($0) }
    }

    public func incubations(uscc: String?) throws -> [Fact<Incubation>] {
        try currentFacts("incubation", where: "uscc", equals: uscc, orderBy: "t.incubator, t.entered, t.uscc") { FactColumns.incubation($0) }
    }

    public func annualReports(uscc: String?) throws -> [Fact<AnnualReport>] {
        try currentFacts("annual_report", where: "uscc", equals: uscc, orderBy: "t.uscc, t.year") { FactColumns.annualReport($0) }
    }

    public func transfers(recipient: String?) throws -> [Fact<Transfer>] {
        try currentFacts("transfer", where: "recipient", equals: recipient, orderBy: "t.signed, t.id") { FactColumns.transfer($0) }
    }
}
