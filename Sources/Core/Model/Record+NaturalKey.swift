extension Record {
    /// The natural key of the spec: a later filing's record with the same key supersedes this one.
    /// A designation by name only is keyed by the normalised name and the unit of its stated region
    /// until a firm record with that name gives it a code.
    public var naturalKey: String {
        switch self {
        case .park(let p): p.id
        case .firm(let f): f.uscc
        case .incubator(let i): i.id
        case .designation(let d): "\(d.firmKey)|\(d.program.rawValue)|\(d.level.rawValue)|\(d.year)"
        case .incubation(let i): "\(i.uscc)|\(i.incubator)|\(i.entered)"
        case .annualReport(let a): "\(a.uscc)|\(a.year)"
        case .transfer(let t): t.id
        case .link(let l): "~\(FilingText.nameKey(l.name))@\(l.regionUnit ?? "")|\(l.uscc)"
        }
    }
}

extension Designation {
    /// The unit (code prefix) of the stated region, for designations by name.
    public var regionUnit: String? { region.flatMap(RegionResolver.unit(for:)) }

    /// The USCC, or `~NAMEKEY@UNIT` for a designation by name only.
    public var firmKey: String {
        if let uscc { return uscc }
        return "~\(FilingText.nameKey(firmName ?? ""))@\(regionUnit ?? "")"
    }

    /// First day of validity: `valid-from`, else 1 January of the designation year.
    public var start: Day { validFrom ?? Day.startOf(year: year) }
}
