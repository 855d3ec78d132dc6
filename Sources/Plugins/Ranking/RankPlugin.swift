import Core

/// `rank`: units ranked by the number of distinct firms holding a designation of a programme at a
/// level, as of a date (docs/analytics.md, "rank").
public struct RankPlugin: AnalyticsPlugin {
    public init() {}

    public static let descriptor = PluginDescriptor(
        id: "rank",
        summary: "Rank provinces, prefectures, counties, parks or incubators by designated firms.",
        discussion: """
            Counts distinct firms with a designation of the programme at the level or above (--exact: at \
            the level alone) that is active on the as-of date: not revoked by then, begun, and not \
            expired. --cumulative counts every firm designated up to the date instead. Ties share a \
            rank and the next rank skips (1, 2, 2, 4); units with no firm are not listed.
            """,
        parameters: RankPlugin.countingParameters + [
            ParameterSpec(name: "top", kind: .integer, help: "Show the first N ranks only (ties at the cut are kept)."),
            ParameterSpec(name: "chart", kind: .choice(RankQuery.charts.map(\.rawValue)), defaultValue: Report.Chart.Kind.bar.rawValue,
                          help: "Chart for --format svg and the report: bar, or map (a tile map of China; --by province only)."),
        ],
        examples: [
            PluginExample([], "Provinces by national little giants active on the newest filing's date."),
            PluginExample(["--level", "national", "--by", "park", "--within", "43"], "Hunan's parks by national little giants."),
            PluginExample(["--level", "provincial", "--by", "park", "--within", "43"], "Hunan's parks by provincial-and-above little giants."),
            PluginExample(["--by", "province", "--planned-cities", "separate", "--cumulative"], "Every firm ever designated, with the planned cities on their own."),
            PluginExample(["--chart", "map", "--format", "svg"], "Provinces on a tile map of China, coloured by national little giants."),
            PluginExample(["--program", "specialized-sme", "--level", "provincial", "--exact", "--by", "prefecture", "--within", "43", "--top", "5"],
                          "Hunan's top five prefectures by provincial specialised SMEs."),
        ],
        charts: RankQuery.charts)

    /// The parameters that decide what is counted and how it is grouped: rank's and explain's.
    static let countingParameters = [
        ParameterSpec(name: "program", kind: .choice(Program.allCases.map(\.rawValue)), defaultValue: Program.littleGiant.rawValue,
                      help: "Designation programme."),
        ParameterSpec(name: "level", kind: .choice(Level.allCases.map(\.rawValue)), defaultValue: Level.national.rawValue,
                      help: "Count designations at this level or above."),
        ParameterSpec(name: "exact", kind: .flag, defaultValue: "false", help: "Count the level alone, not the levels above it."),
        ParameterSpec(name: "cumulative", kind: .flag, defaultValue: "false",
                      help: "Count every firm designated up to the date, revoked or expired included."),
        ParameterSpec(name: "by", kind: .choice(UnitKind.allCases.map(\.rawValue)), defaultValue: UnitKind.province.rawValue,
                      help: "Unit to rank."),
        ParameterSpec(name: "within", kind: .text, help: "Keep firms whose region starts with this code (43, 4302, 430211) or whose park is this id."),
        ParameterSpec(name: "planned-cities", kind: .choice(PlannedCities.allCases.map(\.rawValue)), defaultValue: PlannedCities.merged.rawValue,
                      help: "Count 大连, 青岛, 宁波, 厦门 and 深圳 within their province (merged) or as units of their own (separate)."),
    ]

    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let query = try RankQuery(try Parameters(request, descriptor: Self.descriptor))
        return try rank(query, asOf: request.asOf, asOfSource: request.asOfSource, registry: registry)
    }

    /// The ranking the query asks for, as of `asOf`.
    public func rank(_ query: RankQuery, asOf: Day, asOfSource: String, registry: any RegistryReader) throws -> Report {
        if let top = query.top, top < 1 { throw AnalysisError.badParameter(plugin: "rank", name: "top", value: String(top), expected: Wording(Message("rank.error.oneOrMore"), catalogue: RankingMessages.catalogue)) }
        if query.chart == .map, query.by != .province {
            throw AnalysisError.badParameter(plugin: "rank", name: "chart", value: "map",
                                             expected: Wording(Message("rank.error.mapByProvince", ["unit": RankWords(query).unit]), catalogue: RankingMessages.catalogue))
        }
        let counted = try RankCount(query, plugin: "rank", asOf: asOf, registry: registry)
        let count = counted.count, units = counted.units, by = query.by
        var ranked = count.ranking
        if let top = query.top { ranked = ranked.filter { $0.rank <= top } }

        let w = RankWords(query)
        var notes = [w.note(.init("rank.note.firms", ["count": .count(count.firms.count), "program": w.program, "level": w.level,
                                                      "scope": w.scope(asOf), "within": w.within]))]
        if !count.provisional.isEmpty {
            notes.append(w.note(.init("rank.note.provisional", ["count": .count(count.provisional.count)])))
        }
        if !count.unplaced.isEmpty {
            let reason = by == .park ? "rank.unplaced.park" : by == .incubator ? "rank.unplaced.incubator" : "rank.unplaced.region"
            notes.append(w.note(.init("rank.note.unplaced", ["count": .count(count.unplaced.count), "unit": w.unit, "reason": .message(.init(reason))])))
        }
        let chart: Report.Chart.Kind = query.chart == .map ? .map : .bar
        return Report(
            title: w.title,
            asOf: asOf, asOfSource: asOfSource,
            columns: ["rank", "code", "name", "count"].map { name in
                Report.Column(name, name == "rank" || name == "count" ? .integer : .text, title: w.column(name))
            },
            rows: ranked.map { [.integer($0.rank), .text($0.code), .text(units.name(of: $0.code)), .integer($0.count)] },
            notes: notes, filings: count.filings.sorted(),
            chart: Report.Chart(chart, category: chart == .map ? "code" : "name", values: ["count"],
                                valueLabel: w.note(.init("rank.chart.firms")), categoryLabel: w.note(.init("rank.unit.\(by.rawValue)"))))
    }
}

/// A ranking's words as messages of the Ranking catalogue (Messages/en.json, zh.json): the English text
/// is what it always was, and a renderer given a language reads the message.
struct RankWords {
    let query: RankQuery

    init(_ query: RankQuery) { self.query = query }

    func note(_ m: Message) -> Wording { Wording(m, catalogue: RankingMessages.catalogue) }

    var program: Message.Argument { .message(.init("rank.program.\(query.program.rawValue)")) }

    /// "national level", "provincial level and above", "municipal level" (with --exact).
    var level: Message.Argument {
        let above = !query.exact && query.level != .national
        return .message(.init("rank.level.\(query.level.rawValue)\(above ? ".above" : "")"))
    }

    var unit: Message.Argument { .message(.init("rank.unit.\(query.by.rawValue)")) }

    func scope(_ asOf: Day) -> Message.Argument {
        .message(.init(query.cumulative ? "rank.scope.cumulative" : "rank.scope.active", ["date": .date(asOf)]))
    }

    var within: Message.Argument { query.within.map { .message(.init("rank.within", ["within": .text($0)])) } ?? "" }

    /// The title of the ranking: 专精特新“小巨人” national level by park.
    var title: Wording {
        note(.init("rank.title", ["program": .message(.init("rank.programName.\(query.program.rawValue)")), "level": level, "unit": unit]))
    }

    func column(_ name: String) -> Wording { note(.init("rank.column.\(name)")) }
}
