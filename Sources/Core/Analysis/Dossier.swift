/// One firm, park or incubator with every fact about it and the filing behind each: what `regctl show`
/// prints (and a web page would). Core decides what belongs to it and what state each fact is in on
/// the as-of date; a front end only lays it out.
public enum Dossier: Sendable, Hashable {
    case firm(FirmDossier)
    case park(ParkDossier)
    case incubator(IncubatorDossier)

    /// What a text a user typed finds.
    public enum Lookup: Sendable, Hashable {
        case found(Dossier)
        /// Several firms match by name (at most `limit`; `more` when further ones do).
        case firms([FirmFact], more: Bool)
        /// Nothing: the nearest park and incubator ids and names.
        case nothing(nearest: [String])
    }

    /// Finds what `text` names, in this order: a firm by USCC, a park by id, name or short name, an
    /// incubator by id or name, firms by part of their name.
    public static func lookup(_ text: String, in registry: any RegistryReader, asOf: Day, limit: Int = 20) throws -> Lookup {
        let q = text.trimmingCharacters(in: .whitespaces)
        let code = USCC.normalize(q)
        if code.count == 18, let firm = try registry.firms(FirmQuery(uscc: code)).first {
            return .found(.firm(try FirmDossier(firm, registry: registry, asOf: asOf)))
        }
        // Parks and incubators are few: matched by name here rather than by a query per field.
        let parks = try registry.parks()
        if let park = parks.first(where: { $0.value.id == q || $0.value.name == q || $0.value.shortName == q }) {
            return .found(.park(try ParkDossier(park, registry: registry)))
        }
        let incubators = try registry.incubators()
        if let inc = incubators.first(where: { $0.value.id == q || $0.value.name == q }) {
            return .found(.incubator(try IncubatorDossier(inc, registry: registry, asOf: asOf)))
        }
        let firms = try registry.firms(FirmQuery(name: q, limit: limit + 1))
        if firms.count == 1 { return .found(.firm(try FirmDossier(firms[0], registry: registry, asOf: asOf))) }
        if firms.isEmpty {
            let names = parks.flatMap { [$0.value.id, $0.value.name] + ($0.value.shortName.map { [$0] } ?? []) }
                + incubators.flatMap { [$0.value.id, $0.value.name] }
            return .nothing(nearest: Suggestions.nearest(q, among: names))
        }
        return .firms(Array(firms.prefix(limit)), more: firms.count > limit)
    }
}

/// A firm, its designations with their state on the as-of date, and what else the registry holds of it.
public struct FirmDossier: Sendable, Hashable {
    public var firm: FirmFact
    /// Its park's name, when it is in a loaded park.
    public var parkName: String?
    public var asOf: Day
    /// By year, then level from the lowest.
    public var designations: [DesignationFact]
    /// Empty for a firm known only by name (it has no code to file them under).
    public var incubations: [Fact<Incubation>]
    public var annualReports: [Fact<AnnualReport>]
    public var transfers: [Fact<Transfer>]

    /// Reads one firm's facts, and nothing of other firms.
    public init(_ firm: FirmFact, registry: any RegistryReader, asOf: Day) throws {
        self.firm = firm
        self.asOf = asOf
        parkName = try firm.firm.park.flatMap { try registry.park(id: $0)?.value.displayName }
        designations = try registry.designations(firm: firm.placement)
            .sorted { ($0.designation.year, $0.designation.level.seniority) < ($1.designation.year, $1.designation.level.seniority) }
        if firm.placement.resolved {
            incubations = try registry.incubations(uscc: firm.firm.uscc)
            annualReports = try registry.annualReports(uscc: firm.firm.uscc)
            transfers = try registry.transfers(recipient: firm.firm.uscc)
        } else {
            incubations = []
            annualReports = []
            transfers = []
        }
    }
}

/// Where a designation stands on a date.
public enum DesignationState: Sendable, Hashable {
    case active
    /// Revoked, on the day given when the filing gives one.
    case revoked(Day?)
    /// Not begun, or expired.
    case inactive

    public init(_ fact: DesignationFact, on date: Day) {
        let d = fact.designation
        if d.isActive(on: date, filingIssued: fact.filingIssued) { self = .active } else if d.status == .revoked { self = .revoked(d.revokedOn) } else { self = .inactive }
    }
}

/// A park, the number of its firms and its incubators.
public struct ParkDossier: Sendable, Hashable {
    public var park: Fact<Park>
    /// Current firms whose park it is.
    public var firms: Int
    public var incubators: [Fact<Incubator>]

    public init(_ park: Fact<Park>, registry: any RegistryReader) throws {
        self.park = park
        firms = try registry.firms(FirmQuery(park: park.value.id)).count
        incubators = try registry.incubators(park: park.value.id)
    }
}

/// An incubator and its firms on the as-of date.
public struct IncubatorDossier: Sendable, Hashable {
    public var incubator: Fact<Incubator>
    public var asOf: Day
    /// In incubation on the date (`Incubation.isIncubating`), graduated by it, ever entered.
    public var inIncubation: Int
    public var graduated: Int
    public var everEntered: Int

    public init(_ incubator: Fact<Incubator>, registry: any RegistryReader, asOf: Day) throws {
        self.incubator = incubator
        self.asOf = asOf
        let stays = try registry.incubations(incubator: incubator.value.id).map(\.value)
        inIncubation = stays.filter { $0.isIncubating(on: asOf) }.count
        graduated = stays.filter { $0.hasGraduated(by: asOf) }.count
        everEntered = stays.count
    }
}

extension RegionTable {
    /// A region code with the names of its county, prefecture and province, and its current code when
    /// it has changed: "430211 天元区, 株洲市, 湖南省"; the code alone when the table does not know it.
    public static func describe(_ code: String) -> String {
        guard let r = resolve(code) else { return code }
        var parts = [name(ofUnit: r.current) ?? code]
        if let p = r.prefecture, p + "00" != r.current, let n = name(ofUnit: p) { parts.append(n) }
        if let n = name(ofUnit: r.province), r.province + "0000" != r.current { parts.append(n) }
        let now = r.current != code ? " (now \(r.current))" : ""
        return "\(code)\(now) \(parts.joined(separator: ", "))"
    }
}
