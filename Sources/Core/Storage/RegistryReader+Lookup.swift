/// The narrow reads of one firm, park or incubator: defaults that filter the wide reads, for any
/// reader, and the stores' answers from their indexes (both stores read through `currentFacts`).
extension RegistryReader {
    public func designations(firm: FirmPlacement) throws -> [DesignationFact] {
        try designations(program: nil).filter { $0.firm.key == firm.key }
    }

    public func incubations(incubator: String) throws -> [Fact<Incubation>] {
        try incubations(uscc: nil).filter { $0.value.incubator == incubator }
    }

    public func park(id: String) throws -> Fact<Park>? {
        try parks().first { $0.value.id == id }
    }

    public func incubators(park: String) throws -> [Fact<Incubator>] {
        try incubators().filter { $0.value.park == park }
    }
}

extension FactTableReading {
    /// Along the designations' `resolved` index for a firm with a code; by name key for a firm known
    /// only by name (few rows, whichever way they are found).
    public func designations(firm: FirmPlacement) throws -> [DesignationFact] {
        var issued: [String: Day?] = [:]
        for f in try filings() { issued[f.header.id] = f.header.issued }
        let facts: [Fact<LinkedDesignation>]
        if firm.resolved {
            facts = try currentFacts("designation", where: "resolved", equals: firm.key, orderBy: "t.year") { r in
                let d = FactColumns.designation(r)
                return LinkedDesignation(designation: d, link: FirmLink(stored: r.text("linked_by"), designation: d))
            }
        } else {
            // A provisional firm's key is `~NAMEKEY@UNIT`: its designations are those by that name in
            // that unit that no roster has matched to a code.
            guard firm.key.hasPrefix("~"), let at = firm.key.lastIndex(of: "@") else { return [] }
            let nameKey = String(firm.key[firm.key.index(after: firm.key.startIndex)..<at])
            facts = try currentFacts("designation", where: "name_key", equals: nameKey, orderBy: "t.year") { r in
                r.text("resolved") == nil
                    && FactColumns.provisionalPlacement(nameKey: nameKey, name: "", unit: r.text("unit") ?? "").key == firm.key
                    ? LinkedDesignation(designation: FactColumns.designation(r), link: .provisional) : nil
            }.compactMap { f in f.value.map { Fact(value: $0, filing: f.filing, line: f.line) } }
        }
        return facts.map { f in
            DesignationFact(designation: f.value.designation, filing: f.filing, line: f.line, filingIssued: issued[f.filing] ?? nil, firm: firm, link: f.value.link)
        }
    }

    public func incubations(incubator: String) throws -> [Fact<Incubation>] {
        try currentFacts("incubation", where: "incubator", equals: incubator, orderBy: "t.entered, t.uscc") { FactColumns.incubation($0) }
    }

    public func park(id: String) throws -> Fact<Park>? {
        try currentFacts("park", where: "id", equals: id, orderBy: "t.id") { FactColumns.park($0) }.first
    }

    public func incubators(park: String) throws -> [Fact<Incubator>] {
        try currentFacts("incubator", where: "park", equals: park, orderBy: "t.id") { FactColumns.incubator($0) }
    }
}

/// A designation with how it reached its firm, as `designations(firm:)` reads it.
struct LinkedDesignation: Hashable {
    var designation: Designation
    var link: FirmLink
}
