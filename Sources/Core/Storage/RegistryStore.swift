/// The narrow interface between the registry and its storage.
///
/// SQLite (``SQLiteStore``) is the embedded default; a PostgreSQL backend for shared registries
/// implements the same two protocols. Everything above this line — loaders, analyses, the CLI —
/// speaks only these.
public protocol RegistryStore: RegistryReader {
    /// Runs `body` in one write transaction: everything it writes lands, or, if it throws, nothing does.
    func withFilingSession<T>(_ body: (any FilingSession) throws -> T) throws -> T

    /// Removes a filing and every fact it stated; the registry then answers as if it had never been
    /// loaded. Refused (nothing changes) when facts of other filings still refer to what only it defines.
    func retract(filingID: String) throws -> FilingInfo
}

/// A registry as the command line uses it, whatever stores it: reading, loading, and what `check` and
/// `copy` need.
public protocol Registry: RegistryStore {
    /// Where the registry is, fit to print: a path, or a connection string without its password.
    var location: String { get }
    /// Every fact the filing stated that the registry holds, current or superseded, in line order.
    func statedRecords(filingID: String, _ each: (_ line: Int, _ record: Record) throws -> Void) throws
    /// The backend's own soundness check: "ok", or what is wrong.
    func integrityCheck() throws -> String
    /// Facts of different filings that disagree about one thing (see ``Contradiction``).
    func contradictions(limit: Int) throws -> [Contradiction]
    /// Every stored row as text, in a fixed order: tests compare it before and after an operation.
    func contentDump() throws -> String
}

extension Registry {
    public func contradictions() throws -> [Contradiction] { try contradictions(limit: 1000) }
}

/// Writes one filing inside a store's transaction.
public protocol FilingSession: AnyObject {
    /// The filing already loaded with exactly these bytes, if any.
    func filing(withSHA256 sha: String) throws -> FilingInfo?

    /// Whether a filing was loaded from a file of this name: then the loader hashes the file before
    /// parsing it, to find it unchanged without reading it twice.
    func hasFiling(fromSource source: String) throws -> Bool

    /// Registers the filing. Throws ``LoadError/conflictingFiling`` when its id is taken by other content,
    /// unless `replace` is set, in which case the old filing is removed first. Returns whether it replaced one.
    /// `sha256` is nil while the file's hash is still being computed (during the parse, see
    /// ``identify(sha256:)``); if the id is taken then, it throws ``ContentHashNeeded``, for only the
    /// hash tells the same filing from a conflicting one.
    @discardableResult
    func begin(_ header: FilingHeader, source: String, format: FilingFormat, sha256: String?, replace: Bool) throws -> Bool

    /// Records the hash of the filing begun without one, once the whole file has been read.
    func identify(sha256: String) throws

    /// Registers a filing copied from another registry, keeping its sequence number and load time, so
    /// that facts supersede each other exactly as they did there. The registry must not hold it yet.
    /// One session may register several filings, each followed by its records and ``finish(dropInvalid:)``.
    func restore(_ info: FilingInfo) throws

    /// Adds one validated record, stated at `line` of the file.
    func insert(_ record: Record, line: Int) throws

    /// Checks what needs the whole filing — duplicate natural keys, references to parks, firms and
    /// incubators — and brings the registry's current view up to date. With `dropInvalid`, records
    /// that break these rules are removed and reported; otherwise the caller refuses the filing when
    /// any problem comes back.
    func finish(dropInvalid: Bool) throws -> (info: FilingInfo, problems: [RecordProblem])
}

/// A filing begun without its hash (``FilingSession/begin(_:source:format:sha256:replace:)``) has an id
/// the registry already holds: the load starts again, hashing the file first.
package struct ContentHashNeeded: Error {
    package init() {}
}

/// A rule broken by a record that only the whole filing or the registry can show.
public struct RecordProblem: Sendable, Hashable {
    /// The kind of the record at fault.
    public var kind: RecordKind
    public var line: Int
    /// What is wrong: ``ProblemKind/duplicateKey`` or ``ProblemKind/danglingReference``.
    public var problem: ProblemKind
    /// The words in English.
    public var message: String
    /// The words as a message of Core's catalogue, for a renderer to put in the reader's language.
    public var words: Message?

    public init(kind: RecordKind, line: Int, problem: ProblemKind, message: String) {
        self.kind = kind
        self.line = line
        self.problem = problem
        self.message = message
    }
}

/// Read access to the registry's current facts, with the filing behind each.
public protocol RegistryReader: Sendable {
    /// Every loaded filing, in load order.
    func filings() throws -> [FilingInfo]
    /// The newest issue date among loaded filings: the default as-of date.
    /// Filings of reviewers' link decisions alone do not count: a decision is no news about the world.
    func newestIssued() throws -> Day?
    /// Current parks.
    func parks() throws -> [Fact<Park>]
    /// Current firms matching a query, provisional firms included where the query asks.
    func firms(_ query: FirmQuery) throws -> [FirmFact]
    /// Current firms with these codes (registered firms only; codes of no firm are left out), in no
    /// particular order: what an analysis of some thousands of firms needs, without reading a million.
    func firms(usccs: Set<String>) throws -> [FirmFact]
    /// Current designations, optionally of one programme, each with the firm it is placed on.
    func designations(program: Program?) throws -> [DesignationFact]
    /// Current designations of a programme at some levels only: what a count at a level needs, without
    /// reading the far more numerous designations below it. A default reads `designations(program:)`
    /// and filters; a store answers it in its query.
    func designations(program: Program?, levels: Set<Level>) throws -> [DesignationFact]
    /// As `designations(program:levels:)`, leaving out designations that expired before `unexpiredOn`
    /// (their valid-to is earlier): they cannot be active on that day, and at a million firms they are
    /// a third of those read. A caller still applies the whole rule (`Designation.isActive`). A default
    /// filters `designations(program:levels:)`; a store answers it in its query.
    func designations(program: Program?, levels: Set<Level>, unexpiredOn: Day?) throws -> [DesignationFact]
    /// Current incubators.
    func incubators() throws -> [Fact<Incubator>]
    /// Current incubations, optionally of one firm.
    func incubations(uscc: String?) throws -> [Fact<Incubation>]
    /// Current annual reports, optionally of one firm.
    func annualReports(uscc: String?) throws -> [Fact<AnnualReport>]
    /// The years some current annual report is of, ascending.
    func annualReportYears() throws -> [Int]
    /// Current annual reports of one year, in no particular order: what a comparison of two years
    /// needs, without reading every year's. A default filters `annualReports(uscc: nil)`; a store
    /// answers it in its query.
    func annualReports(year: Int) throws -> [Fact<AnnualReport>]
    /// The years some current annual report states `figure` in, ascending: which years a comparison
    /// can use, without reading a report. A default filters `annualReports(uscc:)`; a store answers it
    /// in its query.
    func annualReportYears(stating figure: AnnualReport.Figure) throws -> [Int]
    /// Every code with a current annual report of one of `years` (of any year when nil), handed to
    /// `body` one code at a time in code order with those reports (ascending year) and its current
    /// registered firm, nil when the code names none: what screening or comparing a million firms
    /// needs without holding them (RegistryReader+ReportingFirms.swift). A default reads
    /// `annualReports(uscc:)` and `firms(usccs:)` and holds them; a store streams them.
    func eachReportingFirm(years: Set<Int>?, _ body: (ReportingFirm) throws -> Void) throws
    /// Every current transfer signed within `signed`, handed to `body` one at a time in recipient
    /// order, with the recipient's current registered firm when `recipients` (nil when it names
    /// none): what counting transfers per group needs without holding them (RegistryReader+Transfers.swift).
    /// A default reads `transfers(recipient:)` and `firms(usccs:)` and holds them; a store streams them.
    func eachTransfer(signed: ClosedRange<Day>, recipients: Bool, _ body: (RecipientTransfer) throws -> Void) throws
    /// Every current incubation, handed to `body` one at a time in code (firm) order: what counting
    /// distinct firms per unit needs without holding the incubations (RegistryReader+Incubations.swift).
    /// A default reads `incubations(uscc:)` and holds them; a store streams them.
    func eachIncubation(_ body: (Fact<Incubation>) throws -> Void) throws
    /// The designations `designations(program:levels:unexpiredOn:)` answers, handed to `body` one at a
    /// time in no promised order: what a count that keeps only some of them needs without holding them
    /// all (RegistryReader+Designations.swift). A default reads the wide read; a store streams them.
    func eachDesignation(program: Program?, levels: Set<Level>, unexpiredOn: Day?, _ body: (DesignationFact) throws -> Void) throws
    /// Current transfers, optionally to one firm.
    func transfers(recipient: String?) throws -> [Fact<Transfer>]
    /// Current decisions of reviewers about names without a code (`link` records).
    func links() throws -> [Fact<Link>]
    /// Every current registered firm's code, names and regions: what name matching indexes.
    func firmNames() throws -> [NameIndex.IndexedFirm]
    /// Narrow reads for one firm, park or incubator (`regctl show`), each answered from an index by the
    /// stores; defaults filter the wide reads (RegistryReader+Lookup.swift).
    /// The current designations of one firm (by its placement: a code, or a provisional firm's name).
    func designations(firm: FirmPlacement) throws -> [DesignationFact]
    /// The current incubations of one incubator.
    func incubations(incubator: String) throws -> [Fact<Incubation>]
    /// The current park with this id.
    func park(id: String) throws -> Fact<Park>?
    /// The current incubators whose park is this one.
    func incubators(park: String) throws -> [Fact<Incubator>]
}

extension RegistryReader {
    public func firms(usccs: Set<String>) throws -> [FirmFact] {
        try usccs.sorted().flatMap { try firms(FirmQuery(uscc: $0)) }.filter(\.placement.resolved)
    }

    public func designations(program: Program?, levels: Set<Level>) throws -> [DesignationFact] {
        try designations(program: program).filter { levels.contains($0.designation.level) }
    }

    public func annualReportYears() throws -> [Int] {
        Set(try annualReports(uscc: nil).map(\.value.year)).sorted()
    }

    public func annualReports(year: Int) throws -> [Fact<AnnualReport>] {
        try annualReports(uscc: nil).filter { $0.value.year == year }
    }

    public func designations(program: Program?, levels: Set<Level>, unexpiredOn: Day?) throws -> [DesignationFact] {
        let all = try designations(program: program, levels: levels)
        guard let unexpiredOn else { return all }
        return all.filter { !$0.designation.hasExpired(before: unexpiredOn) }
    }
}

/// A current fact and the filing that stated it.
public struct Fact<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    /// Id of the filing that stated it.
    public var filing: String
    /// Line of the filing's file.
    public var line: Int

    public init(value: Value, filing: String, line: Int) {
        self.value = value
        self.filing = filing
        self.line = line
    }
}

/// Where a firm lies, for grouping: resolved region codes and park.
public struct FirmPlacement: Sendable, Hashable {
    /// The USCC, or for a provisional firm `~NAMEKEY@UNIT`.
    public var key: String
    public var name: String
    /// False for a firm known only by name from a list that printed no code.
    public var resolved: Bool
    /// The region as stated (six digits), or the unit prefix of a provisional firm's stated region.
    public var region: String
    /// The current six-digit code, nil when only a province or prefecture is known.
    public var county: String?
    /// Four digits, nil when only a province is known.
    public var prefecture: String?
    /// Two digits.
    public var province: String
    public var park: String?

    public init(key: String, name: String, resolved: Bool, region: String, county: String?, prefecture: String?,
                province: String, park: String?) {
        self.key = key
        self.name = name
        self.resolved = resolved
        self.region = region
        self.county = county
        self.prefecture = prefecture
        self.province = province
        self.park = park
    }
}

/// A current firm with its provenance.
public struct FirmFact: Sendable, Hashable {
    public var firm: Firm
    public var placement: FirmPlacement
    public var filing: String
    public var line: Int

    public init(firm: Firm, placement: FirmPlacement, filing: String, line: Int) {
        self.firm = firm
        self.placement = placement
        self.filing = filing
        self.line = line
    }
}

/// A current designation, with the filing behind it and the firm it is placed on.
public struct DesignationFact: Sendable, Hashable {
    public var designation: Designation
    public var filing: String
    public var line: Int
    /// Issue date of the stating filing: when a revocation without `revoked-on` takes effect.
    public var filingIssued: Day?
    public var firm: FirmPlacement
    /// How the designation reached its firm; read by the narrow reads of one firm (`designations(firm:)`),
    /// nil from the wide reads of analyses, which need only where the firm lies.
    public var link: FirmLink?

    public init(designation: Designation, filing: String, line: Int, filingIssued: Day?, firm: FirmPlacement, link: FirmLink? = nil) {
        self.designation = designation
        self.filing = filing
        self.line = line
        self.filingIssued = filingIssued
        self.firm = firm
        self.link = link
    }
}

/// What `firms` asks for.
public struct FirmQuery: Sendable, Hashable {
    /// Part of the name, matched on normalised names.
    public var name: String?
    /// Exact USCC.
    public var uscc: String?
    /// Region code prefix (2, 4 or 6 digits).
    public var region: String?
    public var park: String?
    /// Only firms holding a designation of this programme (any level, any time).
    public var program: Program?
    /// Only provisional firms: known by name from a designation list, not yet matched to a code.
    public var unresolvedOnly: Bool
    /// Only firms whose USCC failed its check.
    public var badCodesOnly: Bool
    public var limit: Int?

    public init(name: String? = nil, uscc: String? = nil, region: String? = nil, park: String? = nil,
                program: Program? = nil, unresolvedOnly: Bool = false, badCodesOnly: Bool = false, limit: Int? = nil) {
        self.name = name
        self.uscc = uscc
        self.region = region
        self.park = park
        self.program = program
        self.unresolvedOnly = unresolvedOnly
        self.badCodesOnly = badCodesOnly
        self.limit = limit
    }
}
