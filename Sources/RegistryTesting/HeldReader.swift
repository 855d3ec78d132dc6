import Core

/// A registry read only through the wide reads: every `RegistryReader` requirement is passed on to
/// `base` except the streamed reads of annual reports (`eachReportingFirm`, `annualReportYears(stating:)`),
/// which fall back to the protocol's defaults, built on the wide reads. An analysis run on it and on
/// `base` must answer alike: tests hold a store's streamed queries to the defaults' answers.
public struct HeldReader: RegistryReader {
    public let base: any RegistryReader

    public init(_ base: any RegistryReader) { self.base = base }

    public func filings() throws -> [FilingInfo] { try base.filings() }
    public func newestIssued() throws -> Day? { try base.newestIssued() }
    public func parks() throws -> [Fact<Park>] { try base.parks() }
    public func firms(_ query: FirmQuery) throws -> [FirmFact] { try base.firms(query) }
    public func firms(usccs: Set<String>) throws -> [FirmFact] { try base.firms(usccs: usccs) }
    public func designations(program: Program?) throws -> [DesignationFact] { try base.designations(program: program) }
    public func designations(program: Program?, levels: Set<Level>) throws -> [DesignationFact] {
        try base.designations(program: program, levels: levels)
    }
    public func designations(program: Program?, levels: Set<Level>, unexpiredOn: Day?) throws -> [DesignationFact] {
        try base.designations(program: program, levels: levels, unexpiredOn: unexpiredOn)
    }
    public func incubators() throws -> [Fact<Incubator>] { try base.incubators() }
    public func incubations(uscc: String?) throws -> [Fact<Incubation>] { try base.incubations(uscc: uscc) }
    public func annualReports(uscc: String?) throws -> [Fact<AnnualReport>] { try base.annualReports(uscc: uscc) }
    public func annualReportYears() throws -> [Int] { try base.annualReportYears() }
    public func annualReports(year: Int) throws -> [Fact<AnnualReport>] { try base.annualReports(year: year) }
    public func transfers(recipient: String?) throws -> [Fact<Transfer>] { try base.transfers(recipient: recipient) }
    public func links() throws -> [Fact<Link>] { try base.links() }
    public func firmNames() throws -> [NameIndex.IndexedFirm] { try base.firmNames() }
    public func designations(firm: FirmPlacement) throws -> [DesignationFact] { try base.designations(firm: firm) }
    public func incubations(incubator: String) throws -> [Fact<Incubation>] { try base.incubations(incubator: incubator) }
    public func park(id: String) throws -> Fact<Park>? { try base.park(id: id) }
    public func incubators(park: String) throws -> [Fact<Incubator>] { try base.incubators(park: park) }
}
