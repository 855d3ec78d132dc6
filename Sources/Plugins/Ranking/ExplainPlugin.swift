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
            throw AnalysisError.badParameter(plugin: "explain", name: "unit", value: "", expected: "a unit of the ranking")
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
            var message = "no \(query.by.rawValue) '\(given)' in this ranking: no firm there holds a \(query.program.rawValue) designation at \(query.level.rawValue) level\(query.exact ? "" : " or above") \(query.scopeText) \(asOf)\(query.within.map { " within \($0)" } ?? "")"
            if !near.isEmpty { message += "; did you mean \(Suggestions.orList(near))?" }
            else { message += ". `regctl rank` with the same options lists the units that count." }
            throw AnalysisError.notFound(plugin: "explain", message: message)
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
                rows.append([.text(fact.firm.resolved ? fact.firm.key : "(none)"), .text(fact.firm.name),
                             .text(d.program.rawValue), .text(d.level.rawValue), .integer(d.year), .text(d.batch ?? ""),
                             .text(d.validFrom?.description ?? ""), .text(d.validTo?.description ?? ""),
                             .text(fact.filing), .integer(fact.line),
                             .text((fact.designation.uscc != nil ? .code : !fact.firm.resolved ? .provisional
                                    : links["\(fact.filing)|\(fact.line)"] ?? .equalName).description)])
            }
        }
        let filings = Set(firms.values.flatMap { $0.map(\.filing) })
        // As rank says it: only when some are.
        let provisional = firms.values.filter { !($0.first?.firm.resolved ?? true) }.count
        return Report(
            title: "\(units.name(of: code)) (\(code)): \(query.title)",
            asOf: asOf, asOfSource: asOfSource,
            columns: [.init("uscc", .text), .init("name", .text), .init("program", .text), .init("level", .text),
                      .init("year", .integer).shown(.digits), .init("batch", .text), .init("valid_from", .date), .init("valid_to", .date),
                      .init("filing", .text), .init("line", .integer).shown(.digits), .init("linked", .text)],
            rows: rows,
            notes: ["\(Plural.of(firms.count, "distinct firm")): rank \(rank.map { String($0.rank) } ?? "–") with count \(firms.count) in `regctl rank` with the same options; \(Plural.of(rows.count, "qualifying designation")) from \(Plural.of(filings.count, "filing"))\(provisional == 0 ? "" : "; \(provisional) of these firms known only by name (provisional)")."],
            filings: filings.sorted())
    }
}
