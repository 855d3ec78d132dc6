import Core

/// `profile PARK`: one park in the figures a newspaper prints (docs/analytics.md, "profile").
public struct ProfilePlugin: AnalyticsPlugin {
    public init() {}

    public static let descriptor =
        PluginDescriptor(
            id: "profile",
            summary: "One park in the figures a newspaper prints: incubation, little giants, rank, incubators, projects, transfers.",
            discussion: """
                One row per figure, as of the date: firms in incubation in the park's incubators (every kind \
                and level); little giants provincial-and-above and national (firms of the park with an active \
                designation); the park's rank in its province by national little giants; incubators and maker \
                spaces of provincial level and above in the park (accelerators excluded) and their area; \
                projects introduced into the park's incubators and technology transfers to the park's firms in \
                the five years to the date (both ends included).
                """,
            parameters: [
                ParameterSpec(name: "park", kind: .text, help: "The park: its id, name or short name (zz-htz, 株洲高新区).", positional: true),
            ],
            examples: [
                PluginExample(["zz-htz"], "株洲高新区 in figures on the newest filing's date."),
                PluginExample(["株洲高新区", "--as-of", "2022-12-31"], "The same park, named by its short name, two years earlier."),
                PluginExample(["cs-htz"], "长沙高新区, first in 湖南省 by national little giants."),
            ])

    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let p = try Parameters(request, descriptor: Self.descriptor)
        guard let given = p.text("park") else {
            throw AnalysisError.badParameter(plugin: "profile", name: "park", value: "", expected: Wording(Message("profile.error.park"), catalogue: ProfileMessages.catalogue))
        }
        return try profile(ProfileQuery(park: given), asOf: request.asOf, asOfSource: request.asOfSource, registry: registry)
    }

    /// The park's figures as of `asOf`.
    public func profile(_ query: ProfileQuery, asOf: Day, asOfSource: String, registry: any RegistryReader) throws -> Report {
        let parkFacts = try registry.parks()
        let park = try Park.named(query.park, in: parkFacts.map(\.value), plugin: "profile")
        let window = asOf.windowStart(years: 5)
        var filings = Set(parkFacts.filter { $0.value.id == park.id }.map(\.filing))
        var notes: [Wording] = []
        func note(_ key: String, _ arguments: [String: Message.Argument]) -> Wording {
            Wording(Message("profile.note." + key, arguments), catalogue: ProfileMessages.catalogue)
        }

        // Incubators of the park: those whose own `park` is it.
        let incubators = try registry.incubators().filter { $0.value.park == park.id }
        let ids = Set(incubators.map(\.value.id))
        // Each incubator's incubations through its index, not every incubation of the registry (420k at
        // 10M firms) filtered: what follows counts and collects them, in no order.
        let incubations = try ids.sorted().flatMap { try registry.incubations(incubator: $0) }
        let open = incubations.filter { $0.value.isIncubating(on: asOf) }
        let inIncubation = Set(open.map(\.value.uscc))
        let introduced = incubations.filter { $0.value.intake == .introduced && $0.value.entered >= window && $0.value.entered <= asOf }
        for f in incubators { filings.insert(f.filing) }
        for f in open { filings.insert(f.filing) }
        for f in introduced { filings.insert(f.filing) }

        let counted = incubators.map(\.value).filter { $0.kind != .accelerator && $0.level >= .provincial }
        let countedArea = counted.compactMap(\.areaM2).reduce(0, +)
        let withoutArea = counted.filter { $0.areaM2 == nil }.count
        let accelerators = incubators.filter { $0.value.kind == .accelerator && $0.value.level >= .provincial }.count

        // Little giants: firms placed in the park with an active designation; the rank is among the
        // parks of the park's province by national ones.
        // Every count below is of designations active on the date at the provincial level or above:
        // the municipal ones and those expired by then are not read.
        // Streamed, and only the park's and its province's kept: every count below is of the park's
        // firms or of firms within the province, so the rest of the country's are not held.
        let province = String(park.region.prefix(2))
        var designations: [DesignationFact] = []
        try registry.eachDesignation(program: .littleGiant, levels: DesignationCount.Criteria(level: .provincial).levels, unexpiredOn: asOf) { d in
            if d.firm.park == park.id || Units.firm(d.firm, isWithin: province) { designations.append(d) }
        }
        let byPark = Units(kind: .park, parks: parkFacts.map(\.value), asOf: asOf)
        let provincial = DesignationCount(designations, criteria: .init(level: .provincial), asOf: asOf, units: byPark)
        let national = DesignationCount(designations, criteria: .init(level: .national), asOf: asOf, units: byPark)
        let provinceName = RegionTable.name(ofUnit: province) ?? province
        let inProvince = DesignationCount(designations, criteria: .init(level: .national, within: province), asOf: asOf, units: byPark)
        let ranking = inProvince.ranking
        let mine = ranking.first { $0.code == park.id }
        let lgProvincial = provincial.firmsByUnit[park.id] ?? []
        let lgNational = national.firmsByUnit[park.id] ?? []
        for d in designations where d.firm.park == park.id && DesignationCount.Criteria(level: .provincial).admits(d, asOf: asOf) {
            filings.insert(d.filing)
        }
        filings.formUnion(inProvince.filings)

        // Transfers to firms whose current park is this one, signed in the window.
        let firmFacts = try registry.firms(FirmQuery(park: park.id))
        let firms = Set(firmFacts.map(\.firm.uscc))
        // Streamed and counted: the registry's transfers are not held (RegistryReader+Transfers.swift).
        var transferCount = 0, valuedCount = 0, totalFen: Int64 = 0
        var recipients: Set<String> = []
        try registry.eachTransfer(signed: window...asOf, recipients: false) { step in
            let t = step.transfer
            guard firms.contains(t.value.recipient) else { return }
            transferCount += 1
            filings.insert(t.filing)
            recipients.insert(t.value.recipient)
            if let v = t.value.value {
                valuedCount += 1
                totalFen += v.fen
            }
        }
        let total = Money(fen: totalFen)
        for f in firmFacts where recipients.contains(f.firm.uscc) { filings.insert(f.filing) }

        func kinds(_ k: IncubatorKind) -> Int { counted.filter { $0.kind == k }.count }
        func levels(_ l: Level) -> Int { counted.filter { $0.level == l }.count }
        let on: Message.Argument = .date(asOf), from: Message.Argument = .date(window)
        let leader: Message.Argument = ranking.first.map { ProfileCells.message("leader", ["name": .text(byPark.name(of: $0.code)), "count": .integer($0.count)]) } ?? ""
        var rows: [[Report.Value]] = []
        func row(_ figure: String, _ label: String, _ value: Report.Value, _ unit: String, _ detail: String, _ arguments: [String: Message.Argument] = [:]) {
            rows.append([.text(figure), ProfileCells.label(figure, label), value, ProfileCells.unit(unit), .words(ProfileCells.words(detail, arguments))])
        }
        row("firms_in_incubation", "在孵企业", .integer(inIncubation.count), "firms", "inIncubation", ["count": .integer(incubators.count), "date": on])
        row("little_giants_provincial_and_above", "省级以上专精特新“小巨人”企业", .integer(lgProvincial.count), "firms", "littleGiants", ["date": on])
        row("little_giants_national", "其中国家级", .integer(lgNational.count), "firms", "national")
        row("rank_in_province_by_national_little_giants", "全省排名（国家级小巨人）", mine.map { .integer($0.rank) } ?? .null, "rank",
            mine == nil ? "notRanked" : "ranked", ["province": .text(provinceName), "count": .integer(ranking.count), "leader": leader])
        row("incubators_and_maker_spaces_provincial_and_above", "省级以上孵化器和众创空间", .integer(counted.count), "incubators", "incubators",
            ["incubators": .integer(kinds(.incubator)), "makerSpaces": .integer(kinds(.makerSpace)), "national": .integer(levels(.national)),
             "provincial": .integer(levels(.provincial))])
        row("incubators_provincial_and_above", "其中孵化器", .integer(kinds(.incubator)), "incubators", "kind.incubator")
        row("maker_spaces_provincial_and_above", "其中众创空间", .integer(kinds(.makerSpace)), "incubators", "kind.maker-space")
        row("national_incubators_and_maker_spaces", "其中国家级", .integer(levels(.national)), "incubators", "level.national")
        row("provincial_incubators_and_maker_spaces", "其中省级", .integer(levels(.provincial)), "incubators", "level.provincial")
        row("incubation_area_m2", "孵化面积", .number(countedArea), "m2", "area",
            ["count": .integer(counted.count), "withoutArea": withoutArea > 0 ? ProfileCells.message("withoutArea", ["count": .integer(withoutArea)]) : ""])
        row("projects_introduced_5y", "五年引进项目", .integer(introduced.count), "projects", "projects", ["from": from, "date": on])
        row("transfers_5y", "五年科技成果转化", .integer(transferCount), "transfers", "transfers", ["from": from, "date": on, "id": .text(park.id)])
        row("transfers_5y_value", "转化合同金额", .number(total.yuan), "yuan", "value",
            ["total": .text(ProfilePlugin.grouped(total)),
             "noValue": valuedCount < transferCount ? ProfileCells.message("noValue", ["count": .integer(transferCount - valuedCount)]) : ""])
        row("transfers_5y_recipients", "受让企业", .integer(recipients.count), "firms", "recipients")

        let date: Message.Argument = .date(asOf), id: Message.Argument = .text(park.id)
        notes.append(note("window", ["park": .text(park.displayName), "id": id, "province": .text(provinceName), "from": .date(window), "date": date]))
        notes.append(note("incubation", ["id": id, "date": date]))
        if accelerators > 0 {
            notes.append(note("accelerators", ["count": .count(accelerators)]))
        }
        let issued = Dictionary(try registry.filings().map { ($0.header.id, $0.header.issued) }, uniquingKeysWith: { a, _ in a })
        let restated = incubators.filter { (issued[$0.filing] ?? nil).map { $0 > asOf } ?? false }.count
        if restated > 0 {
            notes.append(note("restated", ["count": .count(restated), "date": date]))
        }
        let distinctIntroduced = Set(introduced.map(\.value.uscc)).count
        if distinctIntroduced != introduced.count {
            notes.append(note("introduced", ["count": .count(introduced.count), "firms": .count(distinctIntroduced)]))
        }
        notes.append(note("littleGiants", ["id": id, "date": date]))
        // Firms a list names without a code have no park: say how many of the province's could be the park's.
        let unplaced = DesignationCount(designations, criteria: .init(level: .provincial, within: province), asOf: asOf, units: byPark).provisional
        if !unplaced.isEmpty {
            notes.append(note("provisional", ["count": .count(unplaced.count), "province": .text(provinceName)]))
        }
        return Report(title: Wording(Message("profile.title", ["park": .text(park.displayName)]), catalogue: ProfileMessages.catalogue),
                      asOf: asOf, asOfSource: asOfSource,
                      columns: ["figure", "label", "value", "unit", "detail"].map { name in
                          Report.Column(name, name == "value" ? .number : .text,
                                        title: Wording(Message("profile.column.\(name)"), catalogue: ProfileMessages.catalogue))
                      },
                      rows: rows, notes: notes, filings: filings.sorted())
    }

    /// Yuan with thousands separators: 264,581,167.14.
    static func grouped(_ m: Money) -> String {
        let text = m.description
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = Array(parts[0])
        var out: [Character] = []
        while whole.count > 3 {
            out = [","] + whole.suffix(3) + out
            whole.removeLast(3)
        }
        out = whole + out
        return (negative ? "-" : "") + String(out) + (parts.count > 1 ? "." + parts[1] : "")
    }
}

/// What `profile` is asked: one park, by id, name or short name.
public struct ProfileQuery: Sendable, Hashable {
    public var park: String

    public init(park: String) {
        self.park = park
    }
}

import Foundation
