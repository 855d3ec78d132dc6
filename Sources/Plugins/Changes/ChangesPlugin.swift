import Core

/// `changes`: what the lists changed between two dates, per unit and per firm — the two `rank` counts
/// and their difference, with the firms behind it (docs/analytics.md, "changes").
public struct ChangesPlugin: AnalyticsPlugin {
    public init() {}

    public static let descriptor = PluginDescriptor(
        id: "changes",
        summary: "What the lists changed between two dates: firms gained and lost per unit, and why.",
        discussion: """
            Counts firms on --since and on the as-of date exactly as `regctl rank` does with the same \
            options (a designation of the programme at the level or above, --exact: at the level alone, \
            active on the date), and compares the two. --view units (the default) gives one row per unit \
            with a firm counted on either date: before, after, gained (counted after, not before), lost \
            (counted before, not after) and net (after − before), the largest net gain first, then by \
            code. --view firms names each firm gained or lost and why: the designation that started its \
            counting, or the revocation, the end of validity or the change of level that stopped it, or \
            an incubator it entered (--by incubator). --since defaults to one year before the as-of date. \
            There is no --cumulative: a cumulative count only ever gains.
            """,
        parameters: [
            ParameterSpec(name: "since", kind: .date, help: "The earlier date (YYYY-MM-DD; default: one year before the as-of date)."),
            ParameterSpec(name: "program", kind: .choice(Program.allCases.map(\.rawValue)), defaultValue: Program.littleGiant.rawValue,
                          help: "Designation programme."),
            ParameterSpec(name: "level", kind: .choice(Level.allCases.map(\.rawValue)), defaultValue: Level.national.rawValue,
                          help: "Count designations at this level or above."),
            ParameterSpec(name: "exact", kind: .flag, defaultValue: "false", help: "Count the level alone, not the levels above it."),
            ParameterSpec(name: "by", kind: .choice(UnitKind.allCases.map(\.rawValue)), defaultValue: UnitKind.province.rawValue,
                          help: "Unit to compare."),
            ParameterSpec(name: "within", kind: .text, help: "Keep firms whose region starts with this code (43, 4302, 430211) or whose park is this id."),
            ParameterSpec(name: "planned-cities", kind: .choice(PlannedCities.allCases.map(\.rawValue)), defaultValue: PlannedCities.merged.rawValue,
                          help: "Count 大连, 青岛, 宁波, 厦门 and 深圳 within their province (merged) or as units of their own (separate)."),
            ParameterSpec(name: "view", kind: .choice(ChangesQuery.View.allCases.map(\.rawValue)), defaultValue: ChangesQuery.View.units.rawValue,
                          help: "units: before, after, gained, lost and net per unit; firms: each firm gained or lost, and why."),
        ],
        examples: [
            PluginExample(["--since", "2023-12-31", "--by", "park", "--within", "43", "--level", "national"],
                          "What the 2024 lists changed for Hunan's parks: national little giants gained and lost."),
            // One line at 80 columns (the help-examples test runs each printed line; national is the default).
            PluginExample(["--since", "2023-12-31", "--by", "park", "--within", "zz-htz", "--view", "firms"],
                          "The firms 株洲高新区 gained and lost in 2024, with the filing and line of each."),
            PluginExample(["--level", "provincial", "--by", "prefecture", "--within", "43"],
                          "Hunan's prefectures over the year to the newest filing, provincial level and above."),
        ],
        charts: [.divergingBar])

    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let query = try ChangesQuery(try Parameters(request, descriptor: Self.descriptor))
        return try changes(query, asOf: request.asOf, asOfSource: request.asOfSource, registry: registry)
    }

    /// The changes the query asks for, from its `since` to `asOf`.
    public func changes(_ query: ChangesQuery, asOf: Day, asOfSource: String, registry: any RegistryReader) throws -> Report {
        let since = query.since(asOf: asOf)
        guard since <= asOf else {
            throw AnalysisError.badParameter(plugin: "changes", name: "since", value: since.description,
                                             expected: ChangesWords.text("error.sinceAfterAsOf", ["date": .date(asOf)]))
        }
        let compared = try Comparison(query, since: since, asOf: asOf, registry: registry)
        switch query.view {
        case .units: return compared.unitsReport(query, asOfSource: asOfSource)
        case .firms: return try compared.firmsReport(query, asOfSource: asOfSource, registry: registry)
        }
    }
}

/// The two counts and the units they name: rank's count on each date, read once.
struct Comparison: Sendable {
    let since: Day
    let asOf: Day
    let source: DesignationSource
    let before: DesignationCount
    let after: DesignationCount
    let units: Units
    /// Units with a firm counted on either date, the largest net gain first, then by code.
    let rows: [Row]

    struct Row: Sendable {
        let code: String
        let before: Set<String>
        let after: Set<String>
        var gained: Set<String> { after.subtracting(before) }
        var lost: Set<String> { before.subtracting(after) }
        var net: Int { after.count - before.count }
    }

    init(_ query: ChangesQuery, since: Day, asOf: Day, registry: any RegistryReader) throws {
        self.since = since
        self.asOf = asOf
        // Read for the earlier date: whatever can be active on it or later, so one read serves both counts.
        source = try DesignationSource(criteria: query.criteria, by: query.by, plannedCities: query.plannedCities,
                                       earliest: since, plugin: "changes", registry: registry)
        let before = source.count(asOf: since).count, later = source.count(asOf: asOf), after = later.count
        self.before = before
        self.after = after
        units = later.units
        let codes = Set(before.firmsByUnit.keys).union(after.firmsByUnit.keys)
        rows = codes.map { Row(code: $0, before: before.firmsByUnit[$0] ?? [], after: after.firmsByUnit[$0] ?? []) }
            .sorted { $0.net != $1.net ? $0.net > $1.net : $0.code < $1.code }
    }

    func title(_ query: ChangesQuery, _ what: String) -> Wording {
        ChangesWords.text("title", ["programName": .text(query.program.chinese), "level": ChangesWords.level(query.criteria),
                                    "by": ChangesWords.unit(query.by), "what": ChangesWords.message("what.\(what)"),
                                    "since": .date(since), "date": .date(asOf)])
    }

    // MARK: units

    func unitsReport(_ query: ChangesQuery, asOfSource: String) -> Report {
        let gained = after.firms.subtracting(before.firms).count, lost = before.firms.subtracting(after.firms).count
        let scope: Message.Argument = query.within.map { ChangesWords.message("within", ["within": .text($0)]) } ?? ""
        let dates: [String: Message.Argument] = ["since": .date(since), "date": .date(asOf)]
        // Counts stand after a colon or as "N of these firms", so that the notes read right for 1 as for 2.
        var notes = [
            ChangesWords.text("note.firms", dates.merging(["program": ChangesWords.program(query.program), "level": ChangesWords.level(query.criteria),
                                                           "scope": scope, "before": .count(before.firms.count), "after": .count(after.firms.count),
                                                           "gained": .count(gained), "lost": .count(lost),
                                                           "net": ChangesWords.signed(after.firms.count - before.firms.count)]) { a, _ in a }),
            ChangesWords.text("note.totals", ["units": .count(rows.count), "before": .count(rows.map(\.before.count).reduce(0, +)),
                                              "after": .count(rows.map(\.after.count).reduce(0, +)), "gained": .count(rows.map(\.gained.count).reduce(0, +)),
                                              "lost": .count(rows.map(\.lost.count).reduce(0, +)), "net": ChangesWords.signed(rows.map(\.net).reduce(0, +))]),
            ChangesWords.text("note.rank", dates),
        ]
        let provisional = before.provisional.union(after.provisional)
        if !provisional.isEmpty {
            notes.append(ChangesWords.text("note.provisional", ["count": .count(provisional.count)]))
        }
        let unplaced = before.unplaced.union(after.unplaced)
        if !unplaced.isEmpty {
            notes.append(ChangesWords.text("note.unplaced", ["count": .count(unplaced.count), "by": ChangesWords.unit(query.by)]))
        }
        return Report(
            title: title(query, "changes"), asOf: asOf, asOfSource: asOfSource,
            columns: [ChangesWords.column("code", .text), ChangesWords.column("name", .text), ChangesWords.column("before", .integer, "on", ["date": .date(since)]),
                      ChangesWords.column("after", .integer, "on", ["date": .date(asOf)]), ChangesWords.column("gained", .integer),
                      ChangesWords.column("lost", .integer), ChangesWords.column("net", .integer)],
            rows: rows.map { r in
                [.text(r.code), .text(units.name(of: r.code)), .integer(r.before.count), .integer(r.after.count),
                 .integer(r.gained.count), .integer(r.lost.count), .integer(r.net)]
            },
            notes: notes, filings: before.filings.union(after.filings).sorted(),
            chart: Report.Chart(.divergingBar, category: "name", values: ["gained", "lost"], valueLabel: ChangesWords.text("chart.firms"),
                                categoryLabel: ChangesWords.text("chart.unit", ["unit": ChangesWords.unit(query.by)])))
    }

    // MARK: firms

    /// Why a firm started or stopped counting in a unit.
    enum Reason: String, Sendable {
        /// Gained: a qualifying designation active on the as-of date, not on the earlier one.
        case designated
        /// Lost: its (last) qualifying designation was revoked.
        case revoked
        /// Lost: its (last) qualifying designation's validity ended.
        case expired
        /// Lost: its qualifying designation ended while one at a level that does not count is active.
        case levelChanged = "level-changed"
        /// Counted on both dates, in this unit on one of them only: an incubator entered in between.
        case moved
    }

    /// One firm gained or lost in one unit, with the fact that explains it.
    struct FirmChange: Sendable {
        let unit: String
        let firm: FirmPlacement
        let gained: Bool
        let reason: Reason
        let filing: String?
        let line: Int?
        let date: Day?
        let detail: Wording
    }

    func firmsReport(_ query: ChangesQuery, asOfSource: String, registry: any RegistryReader) throws -> Report {
        let evidenceBefore = before.evidence, evidenceAfter = after.evidence
        var changes: [FirmChange] = []
        for row in rows {
            for key in row.gained.sorted() {
                let facts = evidenceAfter[row.code]?[key] ?? []
                changes.append(before.firms.contains(key) ? moved(key, facts: facts, unit: row.code, gained: true) : designated(facts, unit: row.code))
            }
            for key in row.lost.sorted() {
                let facts = evidenceBefore[row.code]?[key] ?? []
                changes.append(after.firms.contains(key) ? moved(key, facts: facts, unit: row.code, gained: false)
                                                         : try ended(facts, unit: row.code, query: query, registry: registry))
            }
        }
        var notes = [ChangesWords.text("note.between", ["since": .date(since), "date": .date(asOf), "gained": .count(changes.filter(\.gained).count),
                                                        "lost": .count(changes.filter { !$0.gained }.count), "by": ChangesWords.unit(query.by),
                                                        "units": .count(Set(changes.map(\.unit)).count)])]
        let provisional = Set(changes.filter { !$0.firm.resolved }.map(\.firm.key))
        if !provisional.isEmpty {
            notes.append(ChangesWords.text("note.noUscc", ["count": .count(provisional.count)]))
        }
        notes.append(ChangesWords.text("note.evidence", ["date": .date(asOf)]))
        return Report(
            title: title(query, "firms"), asOf: asOf, asOfSource: asOfSource,
            columns: ["uscc", "name", "region", "code", "unit", "change", "reason", "filing"].map { ChangesWords.column($0, .text) }
                + [ChangesWords.column("line", .integer).shown(.digits), ChangesWords.column("date", .date), ChangesWords.column("detail", .text)],
            rows: changes.map { c in
                [c.firm.resolved ? .text(c.firm.key) : .null, .text(c.firm.name), .text(c.firm.region), .text(c.unit), .text(units.name(of: c.unit)),
                 ChangesCells.change(gained: c.gained), ChangesCells.reason(c.reason), c.filing.map(Report.Value.text) ?? .null,
                 c.line.map(Report.Value.integer) ?? .null, c.date.map { .text($0.description) } ?? .null, .words(c.detail)]
            },
            notes: notes, filings: Set(changes.compactMap(\.filing)).sorted())
    }

    /// Gained by a new designation: the qualifying one active on the as-of date that began first.
    func designated(_ facts: [DesignationFact], unit: String) -> FirmChange {
        let first = facts.min { ($0.designation.start, $0.designation.year, $0.filing, $0.line) < ($1.designation.start, $1.designation.year, $1.filing, $1.line) }
        // A firm gained is admitted on the as-of date, so it has at least one fact.
        guard let fact = first else { preconditionFailure("changes: a firm gained in \(unit) with no qualifying designation") }
        return FirmChange(unit: unit, firm: fact.firm, gained: true, reason: .designated, filing: fact.filing, line: fact.line,
                          date: fact.designation.start, detail: ChangesCells.designated(fact.designation))
    }

    /// Counted on both dates but in this unit on one of them only. Units other than incubators are the
    /// firms' current region or park whatever the date, so only an incubation entered between the dates
    /// moves a firm (into a unit: membership is never left, so a loss of this kind does not occur today).
    func moved(_ key: String, facts: [DesignationFact], unit: String, gained: Bool) -> FirmChange {
        let entry = source.incubations
            .filter { $0.value.uscc == key && $0.value.incubator == unit && $0.value.entered > since && $0.value.entered <= asOf }
            .min { ($0.value.entered, $0.filing, $0.line) < ($1.value.entered, $1.filing, $1.line) }
        return FirmChange(unit: unit, firm: facts[0].firm, gained: gained, reason: .moved, filing: entry?.filing, line: entry?.line,
                          date: entry?.value.entered,
                          detail: ChangesCells.moved(unit: unit, entered: entry?.value.entered, by: source.by))
    }

    /// How a designation counted on the earlier date stopped by the as-of date, and on which day it
    /// stopped counting: the revocation's effective day or the day after valid-to, whichever is first
    /// (the revocation when both fall on one day: the act is named over the lapse).
    func ending(_ fact: DesignationFact) -> (reason: Reason, date: Day, stopped: Day)? {
        let d = fact.designation
        var revoked: Day?
        if d.status == .revoked, let effective = d.revokedOn ?? fact.filingIssued, effective <= asOf { revoked = effective }
        let expired = d.validTo.flatMap { $0 < asOf ? $0 : nil }
        if let r = revoked, expired.map({ r <= $0.next }) ?? true { return (.revoked, r, r) }
        if let e = expired { return (.expired, e, e.next) }
        return nil
    }

    /// Lost: every qualifying designation it had on the earlier date has ended; the one that ended
    /// last stopped the counting. When a designation of the programme at a level that does not count
    /// is active on the as-of date, the firm changed level rather than dropped out.
    func ended(_ facts: [DesignationFact], unit: String, query: ChangesQuery, registry: any RegistryReader) throws -> FirmChange {
        let endings = facts.compactMap { f in ending(f).map { (fact: f, end: $0) } }
        // A firm lost is not admitted on the as-of date, so each of its facts has ended (the dates, the
        // firm's placement and the criteria are all that `admits` reads, and only the date differs).
        guard let last = endings.max(by: { ($0.end.stopped, $1.fact.filing, $1.fact.line) < ($1.end.stopped, $0.fact.filing, $0.fact.line) }) else {
            preconditionFailure("changes: a firm lost in \(unit) with no designation that ended")
        }
        let firm = last.fact.firm
        let criteria = query.criteria
        let remaining = try registry.designations(firm: firm)
            .filter { $0.designation.program == criteria.program && !criteria.levels.contains($0.designation.level)
                      && $0.designation.isActive(on: asOf, filingIssued: $0.filingIssued) }
            .max { ($0.designation.level, $1.filing, $1.line) < ($1.designation.level, $0.filing, $0.line) }
        let detail = ChangesCells.ended(last.fact.designation, revoked: last.end.reason == .revoked, on: last.end.date, remaining: remaining)
        return FirmChange(unit: unit, firm: firm, gained: false, reason: remaining == nil ? last.end.reason : .levelChanged, filing: last.fact.filing,
                          line: last.fact.line, date: last.end.date, detail: detail)
    }
}
