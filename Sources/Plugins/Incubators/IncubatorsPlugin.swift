import Core

/// `incubators`: incubators, maker spaces and accelerators per unit, checked against the national
/// criteria, and the firms that have stayed too long (docs/analytics.md, "incubators").
public struct IncubatorsPlugin: AnalyticsPlugin {
    public init() {}

    /// What the report shows.
    public enum View: String, CaseIterable, Sendable {
        /// One row per unit: incubators, area, firms in incubation, graduates, projects, alumni.
        case summary
        /// One row per incubator: each national criterion with its figure, pass or fail.
        case check
        /// One row per firm in incubation for longer than 48 months.
        case overdue
    }

    /// The figures of the national criteria for technology business incubators that the data can
    /// show (《科技企业孵化器管理办法》, 国科发区〔2018〕300号, 第六条).
    public enum NationalCriteria {
        /// At least 50 firms in incubation.
        public static let minimumInIncubation = 50
        /// At least 3 firms in incubation per 1,000 m² of incubation area.
        public static let minimumPerThousandSquareMetres = 3
        /// At least 20 firms graduated, cumulatively.
        public static let minimumGraduated = 20
        /// Incubation longer than this many months is overdue.
        public static let maximumMonths = 48
    }

    /// In incubation on `date` for longer than 48 months: the fourth anniversary of entry (29 February
    /// going to 28 February) lies before `date`. Entered exactly 48 months before is not yet overdue.
    public static func isOverdue(_ incubation: Incubation, on date: Day) -> Bool {
        incubation.isIncubating(on: date) && incubation.entered.adding(years: NationalCriteria.maximumMonths / 12) < date
    }

    /// Whole months from `start` to `end` (a month is complete when the day of the month is reached).
    public static func wholeMonths(from start: Day, to end: Day) -> Int {
        (end.year - start.year) * 12 + (end.month - start.month) - (end.day < start.day ? 1 : 0)
    }

    /// Whether `count` firms on `area` m² reach 3 per 1,000 m²; nil without a positive area.
    /// Compared as count × 1000 ≥ 3 × area, so that exactly 3 per 1,000 m² passes without rounding.
    public static func meetsDensity(count: Int, area: Double?) -> Bool? {
        guard let area, area > 0 else { return nil }
        return Double(count) * 1000 >= Double(NationalCriteria.minimumPerThousandSquareMetres) * area
    }

    /// Firms per 1,000 m², cut (not rounded) to two decimals, so that a figure just below 3 never
    /// shows as 3.00.
    public static func perThousandSquareMetres(count: Int, area: Double) -> Double {
        (Double(count) * 100_000 / area).rounded(.down) / 100
    }

    public static let descriptor =
        PluginDescriptor(
            id: "incubators",
            summary: "Incubators, maker spaces and accelerators per unit: firms in incubation, graduates, projects, alumni; national criteria.",
            discussion: """
                An incubator's unit is its own park (--by park) or region; firms are counted through the \
                incubators they stay in. --view summary (default): per unit, incubators by kind and level, \
                area, distinct firms in incubation on the date (entered on or before it, not graduated or \
                exited by it), firms graduated and ever entered by it, the graduation rate, projects \
                introduced in the five years to the date, and alumni holding an active provincial-or-above \
                little-giant designation. --view check: per incubator, the national criteria the data can \
                show (at least 50 firms in incubation, at least 3 per 1,000 m², at least 20 graduated) and \
                the firms in incubation for longer than 48 months. --view overdue: those firms.
                """,
            parameters: [
                ParameterSpec(name: "by", kind: .choice(UnitKind.allCases.map(\.rawValue)), defaultValue: UnitKind.park.rawValue,
                              help: "Unit: the incubator's park, its province, prefecture or county, or each incubator."),
                ParameterSpec(name: "within", kind: .text, help: "Keep incubators whose region starts with this code (43, 4302, 430211) or whose park is this id."),
                ParameterSpec(name: "level", kind: .choice(Level.allCases.map(\.rawValue)),
                              help: "Keep incubators at this level or above (default: every level)."),
                ParameterSpec(name: "kind", kind: .choice(IncubatorKind.allCases.map(\.rawValue)),
                              help: "Keep incubators of this kind (default: every kind)."),
                ParameterSpec(name: "view", kind: .choice(View.allCases.map(\.rawValue)), defaultValue: View.summary.rawValue,
                              help: "summary per unit, check of each incubator against the national criteria, or overdue firms."),
            ],
            examples: [
                PluginExample(["--within", "43"], "Hunan's parks: incubators, area, firms in incubation, graduates, projects and alumni."),
                PluginExample(["--by", "prefecture", "--level", "provincial"], "Provincial-and-above incubators, maker spaces and accelerators per prefecture."),
                PluginExample(["--view", "check", "--within", "zz-htz", "--kind", "incubator"], "株洲高新区's incubators against the national criteria."),
                PluginExample(["--view", "overdue", "--within", "zz-htz"], "Firms in 株洲高新区's incubators for longer than 48 months."),
            ],
            charts: [.stackedBar, .bar])

    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let query = try IncubatorsQuery(try Parameters(request, descriptor: Self.descriptor))
        return try incubators(query, asOf: request.asOf, asOfSource: request.asOfSource, registry: registry)
    }

    /// The incubator statistics the query asks for, as of `asOf`.
    public func incubators(_ query: IncubatorsQuery, asOf: Day, asOfSource: String, registry: any RegistryReader) throws -> Report {
        let by = query.by, view = query.view, level = query.level, kind = query.kind, within = query.within

        let parks = try registry.parks().map(\.value)
        let allIncubators = try registry.incubators()
        let scope = Scope(allIncubators, by: by, level: level, kind: kind, within: within)
        let units = Units(kind: by, parks: parks, incubators: allIncubators.map(\.value), asOf: asOf)
        let placed = allIncubators.filter { scope.unit[$0.value.id] != nil }
        var filings = Set(placed.map(\.filing))

        var notes: [Wording] = []
        let filter = IncubatorsWords.filter(level: level, kind: kind, within: within)
        if !scope.unplaced.isEmpty {
            notes.append(IncubatorsWords.text("note.unplaced", ["count": .count(scope.unplaced.count), "by": IncubatorsWords.unit(by),
                                                                "filter": filter.map { IncubatorsWords.message("filter.paren", ["filter": $0]) } ?? ""]))
        }

        let issued = Dictionary(try registry.filings().map { ($0.header.id, $0.header.issued) }, uniquingKeysWith: { a, _ in a })
        let restated = placed.filter { (issued[$0.filing] ?? nil).map { $0 > asOf } ?? false }.count
        if restated > 0 {
            notes.append(IncubatorsWords.text("note.restated", ["count": .count(restated), "date": .date(asOf)]))
        }

        let rows: [[Report.Value]]
        let columns: [Report.Column]
        let title: Wording
        switch view {
        case .summary:
            let provincialAndAbove = DesignationCount.Criteria(program: .littleGiant, level: .provincial)
            // Only what can count: provincial and national designations not expired by the date.
            // Streamed: each holder's code and the filings behind it are kept, not its facts.
            var holders = Holders()
            try registry.eachDesignation(program: .littleGiant, levels: provincialAndAbove.levels, unexpiredOn: asOf) { d in
                if d.firm.resolved && provincialAndAbove.admits(d, asOf: asOf) { holders.add(d.firm.key, filing: d.filing) }
            }
            (columns, rows) = try summary(scope: scope, units: units, registry: registry, holders: holders, asOf: asOf, notes: &notes, filings: &filings)
            title = IncubatorsWords.text("title.summary", ["by": IncubatorsWords.unit(by)])
        case .check:
            (columns, rows) = try check(scope: scope, registry: registry, asOf: asOf, notes: &notes, filings: &filings)
            title = IncubatorsWords.text("title.check")
        case .overdue:
            (columns, rows) = try overdue(scope: scope, registry: registry, asOf: asOf, notes: &notes, filings: &filings)
            title = IncubatorsWords.text("title.overdue", ["months": .integer(NationalCriteria.maximumMonths)])
        }
        let chart: Report.Chart? = switch view {
        case .summary: Report.Chart(.stackedBar, category: "name", values: ["incubator", "maker_space", "accelerator"],
                                    valueLabel: IncubatorsWords.text("chart.incubators"), categoryLabel: IncubatorsWords.text("chart.unit", ["unit": IncubatorsWords.unit(by)]))
        case .check: Report.Chart(.bar, category: "name", values: ["in_incubation"], valueLabel: IncubatorsWords.text("chart.inIncubation"),
                                  categoryLabel: IncubatorsWords.text("chart.incubator"))
        case .overdue: nil
        }
        return Report(title: filter.map { IncubatorsWords.text("title.filtered", ["title": title.message.map { .message($0) } ?? .text(title.text), "filter": $0]) } ?? title,
                      asOf: asOf, asOfSource: asOfSource,
                      columns: columns, rows: rows, notes: notes, filings: filings.sorted(), chart: chart)
    }

    /// Incubators kept by the filters and placed in a unit of the kind asked, and the unit of each.
    struct Scope {
        var incubators: [String: Incubator] = [:]
        /// Incubator id → unit code.
        var unit: [String: String] = [:]
        /// Kept by the filters but in no unit of the kind (no park, for `--by park`).
        var unplaced: [String] = []

        init(_ facts: [Fact<Incubator>], by: UnitKind, level: Level?, kind: IncubatorKind?, within: String?) {
            for fact in facts {
                let i = fact.value
                if let level, i.level < level { continue }
                if let kind, i.kind != kind { continue }
                let region = RegionTable.resolve(i.region)
                if let within, !Scope.incubator(i, region: region, isWithin: within) { continue }
                // Validation admits only known region codes; the stated prefixes are a fallback.
                let code: String?
                switch by {
                case .park: code = i.park
                case .province: code = region?.province ?? String(i.region.prefix(2))
                case .prefecture: code = region == nil ? String(i.region.prefix(4)) : region!.prefecture
                case .county: code = region?.current ?? i.region
                case .incubator: code = i.id
                }
                guard let code else {
                    unplaced.append(i.id)
                    continue
                }
                incubators[i.id] = i
                unit[i.id] = code
            }
        }

        /// Whether an incubator lies within X: its park is X, or its region as stated or as today's
        /// code starts with X (digits).
        static func incubator(_ i: Incubator, region: ResolvedRegion?, isWithin x: String) -> Bool {
            if i.park == x { return true }
            guard x.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
            return i.region.hasPrefix(x) || region?.current.hasPrefix(x) == true
        }
    }

    /// What one unit (or one incubator) adds up to. Incubations are added in code order
    /// (`eachIncubation`), so a firm is counted once per figure as the code changes: the tally keeps
    /// the last code it counted for each figure, not a set of codes.
    struct Tally {
        var incubators = 0
        var byKind: [IncubatorKind: Int] = [:]
        var byLevel: [Level: Int] = [:]
        var area = 0.0
        var withoutArea = 0
        var inIncubation = Distinct()
        var entered = Distinct()
        var graduated = Distinct()
        var projects = 0
        var overdue = Distinct()
        /// Graduates holding an active provincial-or-above little-giant designation.
        var alumni = 0

        mutating func add(_ i: Incubator) {
            incubators += 1
            byKind[i.kind, default: 0] += 1
            byLevel[i.level, default: 0] += 1
            if let a = i.areaM2 { area += a } else { withoutArea += 1 }
        }

        /// Adds one incubation; true when its firm is a graduate counted for the first time here.
        @discardableResult
        mutating func add(_ r: Incubation, asOf: Day, window: Day) -> Bool {
            if r.entered <= asOf { entered.add(r.uscc) }
            if r.isIncubating(on: asOf) { inIncubation.add(r.uscc) }
            let newGraduate = r.hasGraduated(by: asOf) && graduated.add(r.uscc)
            if r.intake == .introduced, r.entered >= window, r.entered <= asOf { projects += 1 }
            if IncubatorsPlugin.isOverdue(r, on: asOf) { overdue.add(r.uscc) }
            return newGraduate
        }

        /// Graduated ÷ ever entered, to four decimals; nil when no firm entered.
        var graduationRate: Double? {
            entered.count == 0 ? nil : (Double(graduated.count) / Double(entered.count) * 10_000).rounded() / 10_000
        }
    }

    /// Distinct codes counted from codes handed over in order: a code equal to the last counted is
    /// the same firm again.
    struct Distinct {
        private(set) var count = 0
        private var last: String?

        /// Counts `code` unless it is the last one counted; true when counted.
        @discardableResult
        mutating func add(_ code: String) -> Bool {
            guard code != last else { return false }
            last = code
            count += 1
            return true
        }
    }

    /// The codes of firms holding an active provincial-or-above little-giant designation, each with
    /// the filings of those designations (most hold one filing's).
    struct Holders {
        private var filingIDs: [String] = []
        private var filingIndex: [String: Int] = [:]
        private var first: [String: Int] = [:]
        private var more: [String: Set<Int>] = [:]

        mutating func add(_ code: String, filing: String) {
            let f: Int
            if let known = filingIndex[filing] { f = known } else {
                f = filingIDs.count
                filingIDs.append(filing)
                filingIndex[filing] = f
            }
            if let held = first[code] {
                if held != f { more[code, default: []].insert(f) }
            } else {
                first[code] = f
            }
        }

        func holds(_ code: String) -> Bool { first[code] != nil }

        /// The filings of `code`'s designations.
        func filings(of code: String) -> [String] {
            guard let f = first[code] else { return [] }
            return [filingIDs[f]] + (more[code] ?? []).map { filingIDs[$0] }
        }
    }

    private func summary(scope: Scope, units: Units, registry: any RegistryReader, holders: Holders, asOf: Day,
                         notes: inout [Wording], filings: inout Set<String>) throws -> ([Report.Column], [[Report.Value]]) {
        let window = asOf.windowStart(years: 5)
        var tallies: [String: Tally] = [:]
        var all = Tally()
        for (id, i) in scope.incubators {
            guard let u = scope.unit[id] else { continue }
            tallies[u, default: Tally()].add(i)
            all.add(i)
        }
        // Each graduate looked up among the holders once per unit as it passes.
        try registry.eachIncubation { f in
            let r = f.value
            guard let u = scope.unit[r.incubator] else { return }
            if r.entered <= asOf { filings.insert(f.filing) }
            if tallies[u, default: Tally()].add(r, asOf: asOf, window: window), holders.holds(r.uscc) { tallies[u]!.alumni += 1 }
            if all.add(r, asOf: asOf, window: window), holders.holds(r.uscc) {
                all.alumni += 1
                for filing in holders.filings(of: r.uscc) { filings.insert(filing) }
            }
        }
        let ordered = tallies.sorted { a, b in
            a.value.inIncubation.count != b.value.inIncubation.count ? a.value.inIncubation.count > b.value.inIncubation.count : a.key < b.key
        }
        let columns: [Report.Column] = [
            IncubatorsWords.column("code", .text), IncubatorsWords.column("name", .text),
            IncubatorsWords.column("incubators", .integer),
            IncubatorsWords.column("incubator", .integer), IncubatorsWords.column("maker_space", .integer), IncubatorsWords.column("accelerator", .integer),
            IncubatorsWords.column("national", .integer), IncubatorsWords.column("provincial", .integer), IncubatorsWords.column("municipal", .integer),
            IncubatorsWords.column("area_m2", .number),
            IncubatorsWords.column("in_incubation", .integer),
            IncubatorsWords.column("entered", .integer, "everEntered"),
            IncubatorsWords.column("graduated", .integer),
            IncubatorsWords.column("graduation_rate", .number).shown(.percent(decimals: 1)),
            IncubatorsWords.column("projects_introduced_5y", .integer),
            IncubatorsWords.column("alumni_little_giants", .integer),
        ]
        let rows: [[Report.Value]] = ordered.map { code, t in
            [.text(code), .text(units.name(of: code)), .integer(t.incubators),
             .integer(t.byKind[.incubator] ?? 0), .integer(t.byKind[.makerSpace] ?? 0), .integer(t.byKind[.accelerator] ?? 0),
             .integer(t.byLevel[.national] ?? 0), .integer(t.byLevel[.provincial] ?? 0), .integer(t.byLevel[.municipal] ?? 0),
             .number(t.area), .integer(t.inIncubation.count), .integer(t.entered.count), .integer(t.graduated.count),
             t.graduationRate.map(Report.Value.number) ?? .null, .integer(t.projects),
             .integer(t.alumni)]
        }
        let date: Message.Argument = .date(asOf)
        notes.append(IncubatorsWords.text("note.inIncubation", ["date": date]))
        notes.append(IncubatorsWords.text("note.graduated", ["date": date]))
        notes.append(IncubatorsWords.text("note.projects", ["from": .date(window), "date": date]))
        if all.withoutArea > 0 { notes.append(IncubatorsWords.text("note.withoutArea", ["count": .count(all.withoutArea)])) }
        notes.append(IncubatorsWords.text("note.inAll", ["incubators": IncubatorsWords.message("incubators", ["count": .count(all.incubators)]),
                                                         "firms": IncubatorsWords.message("distinctFirms", ["count": .count(all.inIncubation.count)]),
                                                         "graduated": .count(all.graduated.count), "entered": .count(all.entered.count),
                                                         "projects": .count(all.projects), "alumni": .count(all.alumni)]))
        return (columns, rows)
    }

    private func check(scope: Scope, registry: any RegistryReader, asOf: Day, notes: inout [Wording],
                       filings: inout Set<String>) throws -> ([Report.Column], [[Report.Value]]) {
        let window = asOf.windowStart(years: 5)
        var tallies: [String: Tally] = [:]
        try registry.eachIncubation { f in
            let r = f.value
            guard scope.unit[r.incubator] != nil else { return }
            if r.entered <= asOf { filings.insert(f.filing) }
            tallies[r.incubator, default: Tally()].add(r, asOf: asOf, window: window)
        }
        let ids = scope.incubators.keys.sorted { a, b in
            let ua = scope.unit[a]!, ub = scope.unit[b]!
            return ua != ub ? ua < ub : a < b
        }
        func verdict(_ ok: Bool?) -> Report.Value { IncubatorsWords.verdict(ok) }
        var passing = 0
        let rows: [[Report.Value]] = ids.map { id in
            let i = scope.incubators[id]!, t = tallies[id] ?? Tally()
            let n = t.inIncubation.count
            let countOK = n >= NationalCriteria.minimumInIncubation
            let densityOK = IncubatorsPlugin.meetsDensity(count: n, area: i.areaM2)
            let graduatedOK = t.graduated.count >= NationalCriteria.minimumGraduated
            let all: Bool? = (!countOK || densityOK == false || !graduatedOK) ? false : (densityOK == nil ? nil : true)
            if all == true { passing += 1 }
            return [.text(scope.unit[id]!), .text(id), .text(i.name), IncubatorsWords.value("kind", i.kind), IncubatorsWords.value("level", i.level),
                    i.areaM2.map(Report.Value.number) ?? .null,
                    .integer(n), verdict(countOK),
                    densityOK == nil ? .null : .number(IncubatorsPlugin.perThousandSquareMetres(count: n, area: i.areaM2!)), verdict(densityOK),
                    .integer(t.graduated.count), verdict(graduatedOK),
                    verdict(all), .integer(t.overdue.count)]
        }
        let date: Message.Argument = .date(asOf)
        notes.append(IncubatorsWords.text("note.criteria", ["date": date, "inIncubation": .count(NationalCriteria.minimumInIncubation),
                                                            "density": .count(NationalCriteria.minimumPerThousandSquareMetres),
                                                            "graduated": .count(NationalCriteria.minimumGraduated)]))
        notes.append(IncubatorsWords.text("note.allCriteria", ["passing": .count(passing),
                                                               "incubators": IncubatorsWords.message("incubators", ["count": .count(rows.count)])]))
        notes.append(IncubatorsWords.text("note.over48", ["date": date, "cutoff": .date(asOf.adding(years: -4))]))
        let columns: [Report.Column] = [
            IncubatorsWords.column("unit", .text), IncubatorsWords.column("code", .text), IncubatorsWords.column("name", .text),
            IncubatorsWords.column("kind", .text), IncubatorsWords.column("level", .text),
            IncubatorsWords.column("area_m2", .number),
            IncubatorsWords.column("in_incubation", .integer), IncubatorsWords.check("in_incubation_check", atLeast: NationalCriteria.minimumInIncubation),
            IncubatorsWords.column("per_1000_m2", .number), IncubatorsWords.check("density_check", atLeast: NationalCriteria.minimumPerThousandSquareMetres),
            IncubatorsWords.column("graduated", .integer), IncubatorsWords.check("graduated_check", atLeast: NationalCriteria.minimumGraduated),
            IncubatorsWords.column("all_criteria", .text),
            IncubatorsWords.column("over_48_months", .integer),
        ]
        return (columns, rows)
    }

    private func overdue(scope: Scope, registry: any RegistryReader, asOf: Day,
                         notes: inout [Wording], filings: inout Set<String>) throws -> ([Report.Column], [[Report.Value]]) {
        var overdue: [Incubation] = []
        try registry.eachIncubation { f in
            let r = f.value
            guard scope.unit[r.incubator] != nil else { return }
            if r.entered <= asOf { filings.insert(f.filing) }
            if IncubatorsPlugin.isOverdue(r, on: asOf) { overdue.append(r) }
        }
        let late = overdue
            .sorted { a, b in (a.entered, a.incubator, a.uscc) < (b.entered, b.incubator, b.uscc) }
        var names: [String: String] = [:]
        for uscc in Set(late.map(\.uscc)) { names[uscc] = try registry.firms(FirmQuery(uscc: uscc)).first?.firm.name }
        let rows: [[Report.Value]] = late.map { r in
            [.text(scope.unit[r.incubator]!), .text(r.incubator), .text(scope.incubators[r.incubator]!.name),
             .text(r.uscc), names[r.uscc].map(Report.Value.text) ?? .null, .text(r.entered.description), IncubatorsWords.value("intake", r.intake),
             .integer(IncubatorsPlugin.wholeMonths(from: r.entered, to: asOf))]
        }
        notes.append(IncubatorsWords.text("note.overdue", ["date": .date(asOf), "cutoff": .date(asOf.adding(years: -4)),
                                                           "count": .count(Set(late.map(\.uscc)).count)]))
        let columns: [Report.Column] = [
            IncubatorsWords.column("unit", .text), IncubatorsWords.column("incubator", .text, "incubatorId"), IncubatorsWords.column("incubator_name", .text),
            IncubatorsWords.column("uscc", .text), IncubatorsWords.column("firm", .text), IncubatorsWords.column("entered", .date, "enteredOn"),
            IncubatorsWords.column("intake", .text), IncubatorsWords.column("months", .integer),
        ]
        return (columns, rows)
    }
}

import Foundation

/// What `incubators` is asked: read from the command line's parameters by `run`, or built directly.
public struct IncubatorsQuery: Sendable, Hashable {
    public var by: UnitKind
    /// A region prefix of the incubator, or a park id.
    public var within: String?
    /// Incubators at this level or above; nil: every level.
    public var level: Level?
    /// Incubators of this kind; nil: every kind.
    public var kind: IncubatorKind?
    public var view: IncubatorsPlugin.View

    public init(by: UnitKind = .park, within: String? = nil, level: Level? = nil, kind: IncubatorKind? = nil, view: IncubatorsPlugin.View = .summary) {
        self.by = by
        self.within = within
        self.level = level
        self.kind = kind
        self.view = view
    }

    /// Reads the parameters of `incubators`' descriptor.
    public init(_ p: Parameters) throws {
        self.init(by: try p.choice(UnitKind.self, "by"), within: p.trimmedText("within"), level: try p.optionalChoice(Level.self, "level"),
                  kind: try p.optionalChoice(IncubatorKind.self, "kind"), view: try p.choice(IncubatorsPlugin.View.self, "view"))
    }

    /// The query as the parameters of `regctl incubators` that differ from their defaults.
    public var parameters: [String: String] {
        var out: [String: String] = [:]
        let d = IncubatorsQuery()
        if by != d.by { out["by"] = by.rawValue }
        if let within { out["within"] = within }
        if let level { out["level"] = level.rawValue }
        if let kind { out["kind"] = kind.rawValue }
        if view != d.view { out["view"] = view.rawValue }
        return out
    }
}
