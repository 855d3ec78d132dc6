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
        let incubations = try registry.incubations(uscc: nil).filter { scope.unit[$0.value.incubator] != nil }

        let placed = allIncubators.filter { scope.unit[$0.value.id] != nil }
        var filings = Set(placed.map(\.filing))
        for f in incubations where f.value.entered <= asOf { filings.insert(f.filing) }

        var notes: [String] = []
        let filterText = [level.map { "\($0.rawValue) level and above" }, kind.map { "kind \($0.rawValue)" }, within.map { "within \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        if !scope.unplaced.isEmpty {
            notes.append("\(Plural.of(scope.unplaced.count, "incubator"))\(filterText.isEmpty ? "" : " (\(filterText))") \(Plural.word(scope.unplaced.count, "is", "are")) in no \(by.rawValue) and \(Plural.word(scope.unplaced.count, "is", "are")) not counted.")
        }

        let issued = Dictionary(try registry.filings().map { ($0.header.id, $0.header.issued) }, uniquingKeysWith: { a, _ in a })
        let restated = placed.filter { (issued[$0.filing] ?? nil).map { $0 > asOf } ?? false }.count
        if restated > 0 {
            notes.append("\(Plural.of(restated, "incubator is", "incubators are")) described by filings issued after \(asOf): their kind, level and area are as those filings state them (the registry keeps the latest statement).")
        }

        let rows: [[Report.Value]]
        let columns: [Report.Column]
        let title: String
        switch view {
        case .summary:
            let provincialAndAbove = DesignationCount.Criteria(program: .littleGiant, level: .provincial)
            // Only what can count: provincial and national designations not expired by the date.
            let alumniFacts = try registry.designations(program: .littleGiant, levels: provincialAndAbove.levels, unexpiredOn: asOf)
                .filter { $0.firm.resolved && provincialAndAbove.admits($0, asOf: asOf) }
            let holders = Dictionary(grouping: alumniFacts, by: { $0.firm.key })
            (columns, rows) = summary(scope: scope, units: units, incubations: incubations.map(\.value), holders: holders, asOf: asOf, notes: &notes, filings: &filings)
            title = "Incubators by \(by.rawValue)"
        case .check:
            (columns, rows) = check(scope: scope, incubations: incubations.map(\.value), asOf: asOf, notes: &notes)
            title = "Incubators against the national criteria"
        case .overdue:
            (columns, rows) = try overdue(scope: scope, incubations: incubations.map(\.value), registry: registry, asOf: asOf, notes: &notes)
            title = "Firms in incubation for longer than \(NationalCriteria.maximumMonths) months"
        }
        let chart: Report.Chart? = switch view {
        case .summary: Report.Chart(.stackedBar, category: "name", values: ["incubator", "maker_space", "accelerator"],
                                    valueLabel: "incubators", categoryLabel: by.rawValue)
        case .check: Report.Chart(.bar, category: "name", values: ["in_incubation"], valueLabel: "firms in incubation", categoryLabel: "incubator")
        case .overdue: nil
        }
        return Report(title: title + (filterText.isEmpty ? "" : " (\(filterText))"), asOf: asOf, asOfSource: asOfSource,
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

    /// What one unit (or one incubator) adds up to.
    struct Tally {
        var incubators = 0
        var byKind: [IncubatorKind: Int] = [:]
        var byLevel: [Level: Int] = [:]
        var area = 0.0
        var withoutArea = 0
        var inIncubation = Set<String>()
        var entered = Set<String>()
        var graduated = Set<String>()
        var projects = 0
        var overdue = Set<String>()

        mutating func add(_ i: Incubator) {
            incubators += 1
            byKind[i.kind, default: 0] += 1
            byLevel[i.level, default: 0] += 1
            if let a = i.areaM2 { area += a } else { withoutArea += 1 }
        }

        mutating func add(_ r: Incubation, asOf: Day, window: Day) {
            if r.entered <= asOf { entered.insert(r.uscc) }
            if r.isIncubating(on: asOf) { inIncubation.insert(r.uscc) }
            if r.hasGraduated(by: asOf) { graduated.insert(r.uscc) }
            if r.intake == .introduced, r.entered >= window, r.entered <= asOf { projects += 1 }
            if IncubatorsPlugin.isOverdue(r, on: asOf) { overdue.insert(r.uscc) }
        }

        /// Graduated ÷ ever entered, to four decimals; nil when no firm entered.
        var graduationRate: Double? {
            entered.isEmpty ? nil : (Double(graduated.count) / Double(entered.count) * 10_000).rounded() / 10_000
        }
    }

    private func summary(scope: Scope, units: Units, incubations: [Incubation], holders: [String: [DesignationFact]], asOf: Day,
                         notes: inout [String], filings: inout Set<String>) -> ([Report.Column], [[Report.Value]]) {
        let window = asOf.windowStart(years: 5)
        var tallies: [String: Tally] = [:]
        var all = Tally()
        for (id, i) in scope.incubators {
            guard let u = scope.unit[id] else { continue }
            tallies[u, default: Tally()].add(i)
            all.add(i)
        }
        for r in incubations {
            guard let u = scope.unit[r.incubator] else { continue }
            tallies[u, default: Tally()].add(r, asOf: asOf, window: window)
            all.add(r, asOf: asOf, window: window)
        }
        // Graduates looked up among the holders, not the holders walked for each unit: units and
        // holders both grow with the registry, and walking one per the other was quadratic.
        func alumni(_ t: Tally) -> Int { t.graduated.reduce(0) { $0 + (holders[$1] == nil ? 0 : 1) } }
        for alumnus in all.graduated where holders[alumnus] != nil {
            for d in holders[alumnus] ?? [] { filings.insert(d.filing) }
        }
        let ordered = tallies.sorted { a, b in
            a.value.inIncubation.count != b.value.inIncubation.count ? a.value.inIncubation.count > b.value.inIncubation.count : a.key < b.key
        }
        let columns: [Report.Column] = [
            .init("code", .text), .init("name", .text),
            .init("incubators", .integer),
            .init("incubator", .integer, title: "孵化器"), .init("maker_space", .integer, title: "众创空间"), .init("accelerator", .integer, title: "加速器"),
            .init("national", .integer, title: "国家级"), .init("provincial", .integer, title: "省级"), .init("municipal", .integer, title: "市级"),
            .init("area_m2", .number, title: "area m²"),
            .init("in_incubation", .integer, title: "in incubation"),
            .init("entered", .integer, title: "ever entered"),
            .init("graduated", .integer),
            .init("graduation_rate", .number, title: "grad. rate").shown(.percent(decimals: 1)),
            .init("projects_introduced_5y", .integer, title: "introduced 5y"),
            .init("alumni_little_giants", .integer, title: "alumni LG"),
        ]
        let rows: [[Report.Value]] = ordered.map { code, t in
            [.text(code), .text(units.name(of: code)), .integer(t.incubators),
             .integer(t.byKind[.incubator] ?? 0), .integer(t.byKind[.makerSpace] ?? 0), .integer(t.byKind[.accelerator] ?? 0),
             .integer(t.byLevel[.national] ?? 0), .integer(t.byLevel[.provincial] ?? 0), .integer(t.byLevel[.municipal] ?? 0),
             .number(t.area), .integer(t.inIncubation.count), .integer(t.entered.count), .integer(t.graduated.count),
             t.graduationRate.map(Report.Value.number) ?? .null, .integer(t.projects),
             .integer(alumni(t))]
        }
        notes.append("In incubation on \(asOf): entered on or before it and neither graduated nor exited by it (a firm graduating on \(asOf) is out). Firms count once per unit however many of its incubators they are in, and in each unit they are in.")
        notes.append("graduated and entered: distinct firms graduated from / ever entered the unit's incubators by \(asOf); graduation_rate = graduated ÷ entered, to four decimals, empty where no firm entered.")
        notes.append("projects_introduced_5y: incubation records with intake introduced that entered \(window) … \(asOf). alumni_little_giants: graduated firms holding a provincial-or-above little-giant designation active on \(asOf).")
        if all.withoutArea > 0 { notes.append("\(Plural.of(all.withoutArea, "incubator states", "incubators state")) no area; area_m2 sums the others.") }
        notes.append("In all: \(Plural.of(all.incubators, "incubator")), \(Plural.of(all.inIncubation.count, "distinct firm")) in incubation, \(all.graduated.count) graduated of \(all.entered.count) entered, \(all.projects) projects introduced, \(alumni(all)) alumni little giants.")
        return (columns, rows)
    }

    private func check(scope: Scope, incubations: [Incubation], asOf: Day, notes: inout [String]) -> ([Report.Column], [[Report.Value]]) {
        let window = asOf.windowStart(years: 5)
        var tallies: [String: Tally] = [:]
        for r in incubations { tallies[r.incubator, default: Tally()].add(r, asOf: asOf, window: window) }
        let ids = scope.incubators.keys.sorted { a, b in
            let ua = scope.unit[a]!, ub = scope.unit[b]!
            return ua != ub ? ua < ub : a < b
        }
        func verdict(_ ok: Bool?) -> Report.Value { .text(ok.map { $0 ? "pass" : "fail" } ?? "n/a") }
        var passing = 0
        let rows: [[Report.Value]] = ids.map { id in
            let i = scope.incubators[id]!, t = tallies[id] ?? Tally()
            let n = t.inIncubation.count
            let countOK = n >= NationalCriteria.minimumInIncubation
            let densityOK = IncubatorsPlugin.meetsDensity(count: n, area: i.areaM2)
            let graduatedOK = t.graduated.count >= NationalCriteria.minimumGraduated
            let all: Bool? = (!countOK || densityOK == false || !graduatedOK) ? false : (densityOK == nil ? nil : true)
            if all == true { passing += 1 }
            return [.text(scope.unit[id]!), .text(id), .text(i.name), .text(i.kind.rawValue), .text(i.level.rawValue),
                    i.areaM2.map(Report.Value.number) ?? .null,
                    .integer(n), verdict(countOK),
                    densityOK == nil ? .null : .number(IncubatorsPlugin.perThousandSquareMetres(count: n, area: i.areaM2!)), verdict(densityOK),
                    .integer(t.graduated.count), verdict(graduatedOK),
                    verdict(all), .integer(t.overdue.count)]
        }
        notes.append("National criteria for technology business incubators the data can show (《科技企业孵化器管理办法》2018, 第六条): at least \(NationalCriteria.minimumInIncubation) firms in incubation on \(asOf); at least \(NationalCriteria.minimumPerThousandSquareMetres) per 1,000 m² of the stated area (n/a without one); at least \(NationalCriteria.minimumGraduated) firms graduated by \(asOf), cumulatively. The thresholds themselves pass. Maker spaces and accelerators are measured against the same figures for comparison.")
        notes.append("all_criteria: pass when all three pass, fail when any fails, n/a when none fails but the density cannot be judged. \(passing) of \(Plural.of(rows.count, "incubator")) pass all three.")
        notes.append("over_48_months: firms in incubation on \(asOf) whose fourth anniversary of entry lies before it (entered before \(asOf.adding(years: -4)); entered on that day is exactly 48 months, not over). Listed with --view overdue.")
        let columns: [Report.Column] = [
            .init("unit", .text), .init("code", .text), .init("name", .text), .init("kind", .text), .init("level", .text),
            .init("area_m2", .number, title: "area m²"),
            .init("in_incubation", .integer, title: "in incubation"), .init("in_incubation_check", .text, title: "≥50"),
            .init("per_1000_m2", .number, title: "per 1000 m²"), .init("density_check", .text, title: "≥3"),
            .init("graduated", .integer), .init("graduated_check", .text, title: "≥20"),
            .init("all_criteria", .text, title: "all"),
            .init("over_48_months", .integer, title: ">48 months"),
        ]
        return (columns, rows)
    }

    private func overdue(scope: Scope, incubations: [Incubation], registry: any RegistryReader, asOf: Day,
                         notes: inout [String]) throws -> ([Report.Column], [[Report.Value]]) {
        let late = incubations.filter { IncubatorsPlugin.isOverdue($0, on: asOf) }
            .sorted { a, b in (a.entered, a.incubator, a.uscc) < (b.entered, b.incubator, b.uscc) }
        var names: [String: String] = [:]
        for uscc in Set(late.map(\.uscc)) { names[uscc] = try registry.firms(FirmQuery(uscc: uscc)).first?.firm.name }
        let rows: [[Report.Value]] = late.map { r in
            [.text(scope.unit[r.incubator]!), .text(r.incubator), .text(scope.incubators[r.incubator]!.name),
             .text(r.uscc), names[r.uscc].map(Report.Value.text) ?? .null, .text(r.entered.description), .text(r.intake.rawValue),
             .integer(IncubatorsPlugin.wholeMonths(from: r.entered, to: asOf))]
        }
        notes.append("Firms in incubation on \(asOf) whose fourth anniversary of entry lies before it: entered before \(asOf.adding(years: -4)). months: whole months from entry to \(asOf). \(Set(late.map(\.uscc)).count) distinct firms.")
        let columns: [Report.Column] = [
            .init("unit", .text), .init("incubator", .text), .init("incubator_name", .text, title: "incubator name"),
            .init("uscc", .text), .init("firm", .text), .init("entered", .date), .init("intake", .text), .init("months", .integer),
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
