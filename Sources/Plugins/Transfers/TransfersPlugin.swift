import Core
import Foundation

/// `transfers`: technology-transfer statistics over a period, grouped by a placement unit of the
/// recipient firm or by a field of the transfer (docs/analytics.md, "transfers").
public struct TransfersPlugin: AnalyticsPlugin {
    public init() {}

    /// What transfers are grouped by.
    public enum Grouping: String, CaseIterable, Sendable {
        case park, prefecture, province, source
        case sourceKind = "source-kind"
        case mode, channel, year

        /// The unit kind of the recipient's placement, for groupings by place.
        var unitKind: UnitKind? {
            switch self {
            case .park: .park
            case .prefecture: .prefecture
            case .province: .province
            default: nil
            }
        }
    }

    public static let descriptor =
        PluginDescriptor(
            id: "transfers",
            summary: "Technology transfers over a period: count, value, recipients and channel shares per group.",
            discussion: """
                Counts transfers signed from --from to --to, both days included (default: the five years to \
                the as-of date). A transfer counts in the park, prefecture or province of its recipient's \
                current firm record. Per group: transfers, total value and median value over the transfers \
                that state one (the median of an even number is the mean of the two middle values), \
                transfers without a value, distinct recipient firms, and the fractions (0 to 1) of transfers \
                through the local (就地转化) and enclave (飞地孵化) channels. Groups are ranked by transfers \
                (1, 2, 2, 4), ties by code.
                """,
            parameters: [
                ParameterSpec(name: "from", kind: .date, help: "First signing day counted (default: the first day of the five years to the as-of date)."),
                ParameterSpec(name: "to", kind: .date, help: "Last signing day counted (default: the as-of date)."),
                ParameterSpec(name: "by", kind: .choice(Grouping.allCases.map(\.rawValue)), defaultValue: Grouping.park.rawValue,
                              help: "Group by the recipient's park, prefecture or province, or by the transfer's source, source kind, mode, channel or signing year."),
                ParameterSpec(name: "within", kind: .text, help: "Keep transfers whose recipient firm's region starts with this code (43, 4302, 430211) or whose park is this id."),
                ParameterSpec(name: "top", kind: .integer, help: "Show the first N ranks only (ties at the cut are kept)."),
                ParameterSpec(name: "stack", kind: .choice(Stack.allCases.map(\.rawValue)),
                              help: "Add one count column per transfer mode or per channel to each group (drawn as stacked bars by --format svg)."),
            ],
            examples: [
                PluginExample([], "Parks by transfers signed in the five years to the newest filing's date."),
                PluginExample(["--within", "zz-htz", "--by", "year"], "Transfers to firms in 株洲高新区, year by year."),
                PluginExample(["--by", "source-kind", "--within", "43"], "Where Hunan's firms got their technology: universities, institutes, firms."),
                PluginExample(["--by", "channel", "--from", "2023-01-01", "--to", "2024-12-31"], "Local, enclave and other transfers in 2023 and 2024."),
                PluginExample(["--by", "source", "--top", "5"], "The five sources with the most transfers."),
                PluginExample(["--within", "zz-htz", "--by", "year", "--stack", "channel"], "Transfers to firms in 株洲高新区 per year, local, enclave and other."),
            ],
            charts: [.bar, .stackedBar])

    /// Per-group count columns added by `--stack`.
    public enum Stack: String, CaseIterable, Sendable {
        case mode, channel

        /// Column names (`mode_license`, `channel_local`) and titles (the Chinese labels), in enumeration order.
        var columns: [(value: String, name: String, title: String)] {
            switch self {
            case .mode: TransferMode.allCases.map { ($0.rawValue, "mode_\($0.rawValue)", TransfersPlugin.chinese($0)) }
            case .channel: Channel.allCases.map { ($0.rawValue, "channel_\($0.rawValue)", TransfersPlugin.chinese($0)) }
            }
        }
    }

    /// One group's figures.
    struct Tally {
        var transfers = 0
        var byMode: [String: Int] = [:]
        var byChannel: [String: Int] = [:]
        var valuesFen: [Int64] = []
        /// Distinct recipients, counted as a change of recipient: transfers arrive in recipient order
        /// (`eachTransfer`), so a group keeps one code, not every recipient's.
        var recipients = 0
        private var lastRecipient: String?
        var local = 0
        var enclave = 0

        mutating func add(_ t: Transfer) {
            transfers += 1
            if let v = t.value { valuesFen.append(v.fen) }
            if t.recipient != lastRecipient {
                recipients += 1
                lastRecipient = t.recipient
            }
            if t.channel == .local { local += 1 }
            if t.channel == .enclave { enclave += 1 }
            byMode[t.mode.rawValue, default: 0] += 1
            byChannel[t.channel.rawValue, default: 0] += 1
        }

        /// Sum in fen, exact; nil when no transfer states a value (a sum of nothing known is not ¥0).
        var totalFen: Int64? { valuesFen.isEmpty ? nil : valuesFen.reduce(0, +) }

        /// Median in yuan: the middle value, or the mean of the two middle values for an even count.
        var medianYuan: Double? {
            guard !valuesFen.isEmpty else { return nil }
            let s = valuesFen.sorted(), n = s.count
            if n % 2 == 1 { return Double(s[n / 2]) / 100 }
            return (Double(s[n / 2 - 1]) + Double(s[n / 2])) / 200
        }
    }

    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let query = try TransfersQuery(try Parameters(request, descriptor: Self.descriptor))
        return try transfers(query, asOf: request.asOf, asOfSource: request.asOfSource, registry: registry)
    }

    /// The transfer statistics the query asks for, as of `asOf`.
    public func transfers(_ query: TransfersQuery, asOf: Day, asOfSource: String, registry: any RegistryReader) throws -> Report {
        let by = query.by, within = query.within, top = query.top, stack = query.stack
        if let top, top < 1 { throw AnalysisError.badParameter(plugin: "transfers", name: "top", value: String(top), expected: TransfersWords.text("error.oneOrMore")) }
        let from = query.from ?? asOf.windowStart(years: 5)
        let to = query.to ?? asOf
        if from > to {
            throw AnalysisError.badParameter(plugin: "transfers", name: "from", value: from.description, expected: TransfersWords.text("error.fromAfterTo", ["to": .date(to)]))
        }

        let usesPlacement = by.unitKind != nil || within != nil
        var units: Units?
        if let kind = by.unitKind { units = Units(kind: kind, parks: try registry.parks().map(\.value), asOf: asOf) }

        var groups: [String: Tally] = [:]
        var all = Tally()
        var unplaced = Tally()
        var noFirmRecord = 0
        var filings: Set<String> = []
        // Streamed in recipient order with each recipient's firm: the counts per group are kept, not
        // the transfers (RegistryReader+Transfers.swift).
        try registry.eachTransfer(signed: from...to, recipients: usesPlacement) { step in
            let fact = step.transfer, t = fact.value
            let firm = step.recipient
            if usesPlacement, firm == nil {
                // References are checked on load, so this only happens if a firm record was retracted.
                noFirmRecord += 1
                return
            }
            if let within, let firm, !Units.firm(firm.placement, isWithin: within) { return }
            all.add(t)
            filings.insert(fact.filing)
            if let firm { filings.insert(firm.filing) }
            let keys: [String]
            switch by {
            case .park, .prefecture, .province: keys = units!.units(of: firm!.placement)
            case .source: keys = [t.source]
            case .sourceKind: keys = [t.sourceKind.rawValue]
            case .mode: keys = [t.mode.rawValue]
            case .channel: keys = [t.channel.rawValue]
            case .year: keys = [String(t.signed.year)]
            }
            if keys.isEmpty { unplaced.add(t) }
            for k in keys { groups[k, default: Tally()].add(t) }
        }

        var ranked = competitionRanking(groups.mapValues(\.transfers))
        if let top { ranked = ranked.filter { $0.rank <= top } }
        let rows: [[Report.Value]] = ranked.map { r in
            let g = groups[r.code]!
            let unit: Report.Value = TransfersCells.unitName(name(of: r.code, by: by, units: units), code: r.code, by: by)
            let head: [Report.Value] = [
                .integer(r.rank), .text(r.code), unit,
                .integer(g.transfers),
                g.totalFen.map { .number(Double($0) / 100) } ?? .null,
                g.medianYuan.map { .number($0) } ?? .null,
                .integer(g.transfers - g.valuesFen.count),
                .integer(g.recipients),
                .number(Double(g.local) / Double(g.transfers)),
                .number(Double(g.enclave) / Double(g.transfers)),
            ]
            let stacked: [Report.Value] = (stack?.columns ?? []).map { c in .integer((stack == .mode ? g.byMode : g.byChannel)[c.value] ?? 0) }
            return head + stacked
        }

        let scope: Message.Argument = within.map { TransfersWords.message("within", ["within": .text($0)]) } ?? ""
        var notes = [TransfersWords.text("note.signed", ["count": .count(all.transfers), "from": .date(from), "to": .date(to), "scope": scope,
                                                         "firms": TransfersWords.message("distinctFirms", ["count": .count(all.recipients)])])]
        if all.transfers > 0 {
            let withValue = all.valuesFen.count
            let total = all.totalFen.map { Money(fen: $0).description } ?? "0"
            notes.append(TransfersWords.text("note.values", ["count": .count(withValue), "total": .text(NumberStyle.grouped(total)),
                                                             "none": .count(all.transfers - withValue)]))
        }
        notes.append(TransfersWords.text("note.median"))
        if by.unitKind != nil {
            notes.append(TransfersWords.text("note.placed"))
        }
        if unplaced.transfers > 0 {
            notes.append(TransfersWords.text("note.unplaced", ["count": .count(unplaced.transfers),
                                                               "firms": TransfersWords.message("firms", ["count": .count(unplaced.recipients)]),
                                                               "why": TransfersWords.message(by == .park ? "unplaced.park" : "unplaced.region")]))
        }
        if noFirmRecord > 0 {
            notes.append(TransfersWords.text("note.noFirmRecord", ["count": .count(noFirmRecord)]))
        }
        if let stack {
            notes.append(TransfersWords.text("note.stack", ["stack": .text(stack.rawValue), "what": TransfersWords.message("stack.\(stack.rawValue)"),
                                                            "columns": TransfersWords.stackColumns(stack.columns.map(\.name))]))
        }
        if let top, ranked.count < groups.count {
            notes.append(TransfersWords.text("note.top", ["top": .integer(top), "shown": .count(ranked.count), "groups": .count(groups.count)]))
        }
        return Report(
            title: TransfersWords.text("title", ["by": TransfersWords.by(by), "from": .date(from), "to": .date(to)]),
            asOf: asOf, asOfSource: asOfSource,
            columns: [
                TransfersWords.column("rank", .integer), TransfersWords.column("code", .text), TransfersWords.column("name", .text),
                TransfersWords.column("transfers", .integer), TransfersWords.column("total_value", .money),
                TransfersWords.column("median_value", .money), TransfersWords.column("without_value", .integer),
                TransfersWords.column("recipients", .integer), TransfersWords.column("local_share", .number).shown(.percent(decimals: 1)),
                TransfersWords.column("enclave_share", .number).shown(.percent(decimals: 1)),
            ] + (stack?.columns ?? []).map { TransfersWords.stackColumn($0.name) },
            rows: rows, notes: notes, filings: filings.sorted(),
            chart: stack.map { s in
                Report.Chart(.stackedBar, category: "name", values: s.columns.map(\.name), valueLabel: TransfersWords.text("chart.transfers"),
                             categoryLabel: TransfersWords.text("chart.by", ["by": TransfersWords.by(by)]))
            } ?? Report.Chart(.bar, category: "name", values: ["transfers"], valueLabel: TransfersWords.text("chart.transfers"),
                              categoryLabel: TransfersWords.text("chart.by", ["by": TransfersWords.by(by)])))
    }

    /// The name beside a group's code: a place's name, the Chinese label of an enumeration value, or
    /// the value itself (sources, years).
    func name(of code: String, by: Grouping, units: Units?) -> String {
        switch by {
        case .park, .prefecture, .province: return units?.name(of: code) ?? code
        case .sourceKind: return SourceKind(rawValue: code).map(TransfersPlugin.chinese) ?? code
        case .mode: return TransferMode(rawValue: code).map(TransfersPlugin.chinese) ?? code
        case .channel: return Channel(rawValue: code).map(TransfersPlugin.chinese) ?? code
        case .source, .year: return code
        }
    }

    static func chinese(_ k: SourceKind) -> String {
        switch k {
        case .university: "高校"
        case .institute: "科研院所"
        case .enterprise: "企业"
        case .rdInstitution: "新型研发机构"
        case .other: "其他"
        }
    }

    static func chinese(_ m: TransferMode) -> String {
        switch m {
        case .self: "自行实施"
        case .transfer: "转让"
        case .license: "许可"
        case .cooperation: "合作实施"
        case .equity: "作价投资"
        case .other: "其他"
        }
    }

    static func chinese(_ c: Channel) -> String {
        switch c {
        case .local: "就地转化"
        case .enclave: "飞地孵化"
        case .other: "其他"
        }
    }
}

/// What `transfers` is asked: read from the command line's parameters by `run`, or built directly.
public struct TransfersQuery: Sendable, Hashable {
    /// First signing day counted; nil: the first day of the five years to the as-of date.
    public var from: Day?
    /// Last signing day counted; nil: the as-of date.
    public var to: Day?
    public var by: TransfersPlugin.Grouping
    /// A region prefix of the recipient firm, or a park id.
    public var within: String?
    public var top: Int?
    public var stack: TransfersPlugin.Stack?

    public init(from: Day? = nil, to: Day? = nil, by: TransfersPlugin.Grouping = .park, within: String? = nil, top: Int? = nil,
                stack: TransfersPlugin.Stack? = nil) {
        self.from = from
        self.to = to
        self.by = by
        self.within = within
        self.top = top
        self.stack = stack
    }

    /// Reads the parameters of `transfers`' descriptor.
    public init(_ p: Parameters) throws {
        self.init(from: p.date("from"), to: p.date("to"), by: try p.choice(TransfersPlugin.Grouping.self, "by"),
                  within: p.trimmedText("within"), top: p.integer("top"), stack: try p.optionalChoice(TransfersPlugin.Stack.self, "stack"))
    }

    /// The query as the parameters of `regctl transfers` that differ from their defaults.
    public var parameters: [String: String] {
        var out: [String: String] = [:]
        if let from { out["from"] = from.description }
        if let to { out["to"] = to.description }
        if by != TransfersQuery().by { out["by"] = by.rawValue }
        if let within { out["within"] = within }
        if let top { out["top"] = String(top) }
        if let stack { out["stack"] = stack.rawValue }
        return out
    }
}
