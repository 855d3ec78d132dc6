/// How facts map to the columns of a relational backend, shared by every backend so that they store
/// (and give back) exactly the same values. Each fact table also has `filing`, `line`, `nk` and `current`
/// (see the SQLite schema in Schema.swift and the PostgreSQL one in the PostgresRegistry module).
package enum FactColumns {
    /// The fact tables, in dependency order (parks before firms before what refers to firms).
    package static let tables = ["park", "firm", "incubator", "designation", "incubation", "annual_report", "transfer", "link"]

    package static func table(_ kind: RecordKind) -> String {
        kind == .annualReport ? "annual_report" : kind.rawValue
    }

    package static func kind(ofTable table: String) -> RecordKind {
        RecordKind(rawValue: table.replacingOccurrences(of: "_", with: "-"))!
    }

    /// References a fact may hold to facts of other kinds: (table, column, target table, what it names).
    /// An incubator's `operator` is checked as a USCC but not required to be a registered firm:
    /// operators are often universities and public institutions (codes 12…), which no firm roster lists.
    package static let references: [(table: String, column: String, target: String, noun: String)] = [
        ("firm", "park", "park", "park"),
        ("incubator", "park", "park", "park"),
        ("designation", "uscc", "firm", "firm"),
        ("incubation", "uscc", "firm", "firm"),
        ("incubation", "incubator", "incubator", "incubator"),
        ("annual_report", "uscc", "firm", "firm"),
        ("transfer", "recipient", "firm", "firm"),
        ("link", "uscc", "firm", "firm"),
    ]

    /// The stored columns of a kind beyond filing, line, nk and current, in the order ``write(_:to:)`` writes them.
    /// Derived columns (a firm's current region code, a name's normalised key) are computed once, here,
    /// when the fact is stored.
    package static func columns(_ kind: RecordKind) -> [String] {
        switch kind {
        case .park: ["id", "name", "short_name", "region", "level", "kind"]
        case .firm: ["uscc", "name", "name_key", "region", "region_now", "province", "prefecture", "park", "industry", "founded", "status", "uscc_ok",
                      "former_names", "former_keys"]
        case .incubator: ["id", "name", "kind", "level", "recognized", "region", "park", "operator", "area_m2", "focus"]
        case .designation: ["uscc", "firm_name", "name_key", "region", "unit", "program", "level", "year", "batch",
                            "valid_from", "valid_to", "status", "revoked_on", "resolved"]
        case .incubation: ["uscc", "incubator", "entered", "intake", "graduated", "exited"]
        case .annualReport: ["uscc", "year", "revenue", "main_revenue", "rd_expense", "employees", "rd_staff",
                             "invention_patents", "assets", "liabilities", "equity_raised"]
        case .transfer: ["id", "title", "source", "source_kind", "recipient", "mode", "channel", "value", "signed"]
        case .link: ["name", "name_key", "region", "unit", "uscc", "decision", "note"]
        }
    }

    /// Writes a record's values of ``columns(_:)``, in that order, to `writer`: the one encoding of
    /// every kind, which the SQLite binder and the PostgreSQL COPY writer both use. Generic, not a
    /// list of values, so that a load's hot path boxes nothing and allocates no array per record.
    package static func write<W: ColumnWriter>(_ record: Record, to w: inout W) {
        switch record {
        case .park(let p):
            w.text(p.id); w.text(p.name); w.text(p.shortName); w.text(p.region); w.text(p.level.rawValue); w.text(p.kind.rawValue)
        case .firm(let f):
            let resolved = RegionTable.resolve(f.region)
            let now = resolved?.current ?? f.region
            w.text(f.uscc); w.text(f.name); w.text(FilingText.nameKey(f.name)); w.text(f.region); w.text(now)
            w.text(resolved?.province ?? String(now.prefix(2))); w.text(resolved?.prefecture ?? String(now.prefix(4)))
            w.text(f.park); w.text(f.industry); w.text(f.founded?.description); w.text(f.status.rawValue); w.integer(f.usccValid ? 1 : 0)
            w.text(f.formerNames.isEmpty ? nil : Firm.joinedNames(f.formerNames)); w.text(formerKeys(f))
        case .incubator(let i):
            w.text(i.id); w.text(i.name); w.text(i.kind.rawValue); w.text(i.level.rawValue); w.integer(i.recognized.map(Int64.init)); w.text(i.region)
            w.text(i.park); w.text(i.operator); w.real(i.areaM2); w.text(i.focus)
        case .designation(let d):
            w.text(d.uscc); w.text(d.firmName); w.text(d.firmName.map(FilingText.nameKey)); w.text(d.region); w.text(d.regionUnit)
            w.text(d.program.rawValue); w.text(d.level.rawValue); w.integer(Int64(d.year)); w.text(d.batch); w.text(d.validFrom?.description)
            w.text(d.validTo?.description); w.text(d.status.rawValue); w.text(d.revokedOn?.description); w.text(d.uscc)
        case .incubation(let i):
            w.text(i.uscc); w.text(i.incubator); w.text(i.entered.description); w.text(i.intake.rawValue)
            w.text(i.graduated?.description); w.text(i.exited?.description)
        case .annualReport(let a):
            w.text(a.uscc); w.integer(Int64(a.year)); w.integer(a.revenue?.fen); w.integer(a.mainRevenue?.fen); w.integer(a.rdExpense?.fen)
            w.integer(a.employees.map(Int64.init)); w.integer(a.rdStaff.map(Int64.init)); w.integer(a.inventionPatents.map(Int64.init))
            w.integer(a.assets?.fen); w.integer(a.liabilities?.fen); w.integer(a.equityRaised?.fen)
        case .transfer(let t):
            w.text(t.id); w.text(t.title); w.text(t.source); w.text(t.sourceKind.rawValue); w.text(t.recipient); w.text(t.mode.rawValue)
            w.text(t.channel.rawValue); w.integer(t.value?.fen); w.text(t.signed.description)
        case .link(let l):
            w.text(l.name); w.text(FilingText.nameKey(l.name)); w.text(l.region); w.text(l.regionUnit); w.text(l.uscc)
            w.text(l.decision.rawValue); w.text(l.note)
        }
    }

    /// The record a stored row states (as its filing stated it; derived columns are not needed).
    package static func record(_ kind: RecordKind, _ r: some StoredRow) -> Record {
        switch kind {
        case .park: .park(park(r))
        case .firm: .firm(firm(r))
        case .incubator: .incubator(incubator(r))
        case .designation: .designation(designation(r))
        case .incubation: .incubation(incubation(r))
        case .annualReport: .annualReport(annualReport(r))
        case .transfer: .transfer(transfer(r))
        case .link: .link(link(r))
        }
    }

    package static func park(_ r: some StoredRow) -> Park {
        Park(id: r.string("id"), name: r.string("name"), shortName: r.text("short_name"), region: r.string("region"),
             level: ParkLevel(rawValue: r.string("level")) ?? .provincial, kind: ParkKind(rawValue: r.string("kind")) ?? .other)
    }

    package static func firm(_ r: some StoredRow) -> Firm {
        Firm(uscc: r.string("uscc"), name: r.string("name"), region: r.string("region"), park: r.text("park"),
             industry: r.text("industry"), founded: r.day("founded"), status: FirmStatus(rawValue: r.string("status")) ?? .active,
             usccValid: (r.integer("uscc_ok") ?? 1) != 0, formerNames: r.text("former_names").map(Firm.splitNames) ?? [])
    }

    /// A firm's former name keys as a JSON array of strings (nil when it has none), which both SQL
    /// backends unnest in the query that links designations by name (SQLite's `json_each`,
    /// PostgreSQL's `jsonb_array_elements_text`); the partial indexes on it hold only renamed firms.
    package static func formerKeys(_ f: Firm) -> String? {
        let keys = f.formerNameKeys
        if keys.isEmpty { return nil }
        return "[" + keys.map(jsonString).joined(separator: ",") + "]"
    }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where c.value < 0x20: out += "\\u00" + (c.value < 0x10 ? "0" : "") + String(c.value, radix: 16)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// Where a stored firm lies.
    package static func placement(_ r: some StoredRow, firm: Firm) -> FirmPlacement {
        FirmPlacement(key: firm.uscc, name: firm.name, resolved: true, region: firm.region, county: r.text("region_now"),
                      prefecture: r.text("prefecture"), province: r.string("province"), park: firm.park)
    }

    /// A firm known only by name from a designation list: placed by the region unit the list states.
    package static func provisionalPlacement(nameKey: String, name: String, unit: String) -> FirmPlacement {
        FirmPlacement(
            key: "~\(nameKey)@\(unit)", name: name, resolved: false, region: unit,
            county: unit.count == 6 ? unit : nil, prefecture: unit.count >= 4 ? String(unit.prefix(4)) : nil,
            province: String(unit.prefix(2)), park: nil)
    }

    /// The firm a designation by name stands for until a roster gives its code.
    package static func provisionalFirm(name: String, unit: String) -> Firm {
        Firm(uscc: "", name: name, region: unit, park: nil, industry: nil, founded: nil, status: .active, usccValid: true)
    }

    package static func incubator(_ r: some StoredRow) -> Incubator {
        Incubator(id: r.string("id"), name: r.string("name"), kind: IncubatorKind(rawValue: r.string("kind")) ?? .incubator,
                  level: Level(rawValue: r.string("level")) ?? .municipal, recognized: r.integer("recognized").map(Int.init),
                  region: r.string("region"), park: r.text("park"), operator: r.text("operator"), areaM2: r.real("area_m2"),
                  focus: r.text("focus"))
    }

    package static func designation(_ r: some StoredRow) -> Designation {
        Designation(uscc: r.text("uscc"), firmName: r.text("firm_name"), region: r.text("region"),
                    program: Program(rawValue: r.string("program")) ?? .littleGiant, level: Level(rawValue: r.string("level")) ?? .municipal,
                    year: Int(r.integer("year") ?? 0), batch: r.text("batch"), validFrom: r.day("valid_from"), validTo: r.day("valid_to"),
                    status: DesignationStatus(rawValue: r.string("status")) ?? .active, revokedOn: r.day("revoked_on"))
    }

    package static func incubation(_ r: some StoredRow) -> Incubation {
        Incubation(uscc: r.string("uscc"), incubator: r.string("incubator"), entered: r.day("entered") ?? Day.startOf(year: 1949),
                   intake: Intake(rawValue: r.string("intake")) ?? .local, graduated: r.day("graduated"), exited: r.day("exited"))
    }

    package static func annualReport(_ r: some StoredRow) -> AnnualReport {
        AnnualReport(uscc: r.string("uscc"), year: Int(r.integer("year") ?? 0), revenue: r.money("revenue"),
                     mainRevenue: r.money("main_revenue"), rdExpense: r.money("rd_expense"), employees: r.int("employees"),
                     rdStaff: r.int("rd_staff"), inventionPatents: r.int("invention_patents"), assets: r.money("assets"),
                     liabilities: r.money("liabilities"), equityRaised: r.money("equity_raised"))
    }

    package static func link(_ r: some StoredRow) -> Link {
        Link(name: r.string("name"), region: r.string("region"), uscc: r.string("uscc"),
             decision: LinkDecision(rawValue: r.string("decision")) ?? .different, note: r.text("note"))
    }

    package static func transfer(_ r: some StoredRow) -> Transfer {
        Transfer(id: r.string("id"), title: r.string("title"), source: r.string("source"),
                 sourceKind: SourceKind(rawValue: r.string("source_kind")) ?? .other, recipient: r.string("recipient"),
                 mode: TransferMode(rawValue: r.string("mode")) ?? .other, channel: Channel(rawValue: r.string("channel")) ?? .other,
                 value: r.money("value"), signed: r.day("signed") ?? Day.startOf(year: 1949))
    }
}

/// Receives a record's column values in the order of ``FactColumns/columns(_:)``: a backend's
/// insert (SQLite's ``Binder``, PostgreSQL's COPY line).
package protocol ColumnWriter {
    mutating func text(_ value: String?)
    mutating func integer(_ value: Int64?)
    mutating func real(_ value: Double?)
}

/// One stored row, read by column name. Backends adapt their row type to it.
public protocol StoredRow {
    func text(_ column: String) -> String?
    func integer(_ column: String) -> Int64?
    func real(_ column: String) -> Double?
}

extension StoredRow {
    /// A column the schema declares NOT NULL.
    package func string(_ column: String) -> String { text(column) ?? "" }
    package func int(_ column: String) -> Int? { integer(column).map(Int.init) }
    package func day(_ column: String) -> Day? { text(column).flatMap(Day.init) }
    package func money(_ column: String) -> Money? { integer(column).map(Money.init(fen:)) }
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

    public func links() throws -> [Fact<Link>] {
        try currentFacts("link", where: nil, equals: nil, orderBy: "t.name_key, t.unit, t.uscc") { FactColumns.link($0) }
    }

    public func transfers(recipient: String?) throws -> [Fact<Transfer>] {
        try currentFacts("transfer", where: "recipient", equals: recipient, orderBy: "t.signed, t.id") { FactColumns.transfer($0) }
    }
}
