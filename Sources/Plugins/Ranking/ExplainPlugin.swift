import Core

/// `explain`: which firms, and which filings, make up one row of a ranking. It takes rank's options
/// (but --top) and reads and counts exactly what rank does, so the firms it lists for a unit are as
/// many as rank's count for that unit.
public struct ExplainPlugin: AnalyticsPlugin {
    public init() {}

    public static let descriptor = PluginDescriptor(
        id: "explain",
        summary: "Show which firms, and which filings, make up one row of a ranking.",
        discussion: """
            Takes the options of `regctl rank` and the code of one unit of its answer (a province, \
            prefecture or county code, a park id, an incubator id). Lists every firm counted for that unit, \
            with each qualifying designation and the filing and line that stated it. The number of distinct \
            firms is the unit's count in `regctl rank` with the same options.
            """,
        parameters: RankPlugin.countingParameters + [
            ParameterSpec(name: "unit", kind: .text,
                          help: "The unit: a region code, park id or incubator id, as in rank's code column (or its name).", positional: true),
        ],
        examples: [
            PluginExample(["--level", "national", "--by", "park", "--within", "43", "zz-htz"], "The national little giants that rank counts for 株洲高新区."),
            PluginExample(["--level", "provincial", "--by", "park", "zz-htz", "--format", "csv"], "Its provincial-and-above little giants, as CSV."),
            PluginExample(["43"], "Hunan's national little giants."),
        ])

    public func run(_ request: PluginRequest, registry: any RegistryReader) throws -> Report {
        let p = try Parameters(request, descriptor: Self.descriptor)
        guard let unit = p.text("unit") else {
            throw AnalysisError.badParameter(plugin: "explain", name: "unit", value: "", expected: Wording(Message("explain.error.unit"), catalogue: RankingMessages.catalogue))
        }
        return try RankPlugin().explain(try RankQuery(p), unit: unit, asOf: request.asOf, asOfSource: request.asOfSource, registry: registry)
    }
}

extension RankPlugin {
    /// The firms and designations behind one row of the ranking `query` asks for: `unit` is a code of
    /// its code column or a name of its name column. Not in the ranking: `AnalysisError.notFound`, with
    /// the nearest units.
    public func explain(_ query: RankQuery, unit: String, asOf: Day, asOfSource: String, registry: any RegistryReader) throws -> Report {
        let counted = try RankCount(query, plugin: "explain", asOf: asOf, registry: registry)
        let count = counted.count, units = counted.units
        let given = unit.trimmingCharacters(in: .whitespaces)
        let ranked = count.ranking
        let evidence = count.evidence
        let code: String
        if evidence[given] != nil {
            code = given
        } else if let byName = ranked.first(where: { units.name(of: $0.code) == given }) {
            code = byName.code
        } else {
            let candidates = ranked.map(\.code) + ranked.map { units.name(of: $0.code) }
            let near = Suggestions.nearest(given, among: candidates).map { c in
                ranked.first { $0.code == c }.map { "\($0.code) (\(units.name(of: $0.code)))" }
                    ?? ranked.first { units.name(of: $0.code) == c }.map { "\($0.code) (\(c))" } ?? c
            }
            throw AnalysisError.notFound(plugin: "explain", message: RankWords(query).notInRanking(given, asOf: asOf, near: near))
        }
        let firms = evidence[code] ?? [:]
        let rank = ranked.first { $0.code == code }
        var rows: [[Report.Value]] = []
        for key in firms.keys.sorted() {
            // How each designation by name reached its firm: read per firm along the designations'
            // index, only for firms that some list named without a code.
            var links: [String: FirmLink] = [:]
            if let any = firms[key]?.first, any.firm.resolved, firms[key]!.contains(where: { $0.designation.uscc == nil }) {
                for d in try registry.designations(firm: any.firm) { links["\(d.filing)|\(d.line)"] = d.link }
            }
            for fact in (firms[key] ?? []).sorted(by: { ($0.designation.year, $0.filing, $0.line) < ($1.designation.year, $1.filing, $1.line) }) {
                let d = fact.designation
                rows.append([fact.firm.resolved ? .text(fact.firm.key) : ExplainCells.noCode, .text(fact.firm.name),
                             ExplainCells.program(d.program), ExplainCells.level(d.level), .integer(d.year), .text(d.batch ?? ""),
                             .text(d.validFrom?.description ?? ""), .text(d.validTo?.description ?? ""),
                             .text(fact.filing), .integer(fact.line),
                             ExplainCells.link(fact.designation.uscc != nil ? .code : !fact.firm.resolved ? .provisional
                                               : links["\(fact.filing)|\(fact.line)"] ?? .equalName)])
            }
        }
        let filings = Set(firms.values.flatMap { $0.map(\.filing) })
        // As rank says it: only when some are.
        let provisional = firms.values.filter { !($0.first?.firm.resolved ?? true) }.count
        let w = RankWords(query)
        return Report(
            title: w.explainTitle(name: units.name(of: code), code: code),
            asOf: asOf, asOfSource: asOfSource,
            columns: [w.explainColumn("uscc", .text), w.explainColumn("name", .text), w.explainColumn("program", .text), w.explainColumn("level", .text),
                      w.explainColumn("year", .integer).shown(.digits), w.explainColumn("batch", .text), w.explainColumn("valid_from", .date),
                      w.explainColumn("valid_to", .date), w.explainColumn("filing", .text), w.explainColumn("line", .integer).shown(.digits),
                      w.explainColumn("linked", .text)],
            rows: rows,
            notes: [w.explainNote(firms: firms.count, rank: rank?.rank, designations: rows.count, filings: filings.count, provisional: provisional)],
            filings: filings.sorted())
    }
}
