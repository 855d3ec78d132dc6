import Core
import Foundation

/// `--view designations`: firms designated for the first time in the programme at the level (or
/// above), per year and unit.
struct DesignationGrowth {
    let request: PluginRequest
    let grouping: Grouping
    let program: Program
    let level: Level
    let exact: Bool
    let span: (from: Int, to: Int)
    private let designations: [DesignationFact]

    init(_ query: GrowthQuery, request: PluginRequest, grouping: Grouping, registry: any RegistryReader) throws {
        self.request = request
        self.grouping = grouping
        program = query.program
        level = query.level
        exact = query.exact
        span = try GrowthPlugin.span(query, request: request, defaultTo: request.asOf.year, defaultPeriod: 4, allowOneYear: true)
        designations = try registry.designations(program: program)
    }

    /// Each firm's first qualifying designation designated by the as-of date: the one of the earliest
    /// list year, then the earliest start, then the filing order of the registry.
    static func firstDesignations(_ facts: [DesignationFact], qualifies: (Designation) -> Bool, asOf: Day) -> [String: DesignationFact] {
        var first: [String: DesignationFact] = [:]
        for fact in facts where qualifies(fact.designation) && fact.designation.wasDesignated(by: asOf) {
            let d = fact.designation
            if let seen = first[fact.firm.key]?.designation, (seen.year, seen.start) <= (d.year, d.start) { continue }
            first[fact.firm.key] = fact
        }
        return first
    }

    func report() -> Report {
        let level = level, exact = exact
        let first = DesignationGrowth.firstDesignations(designations, qualifies: { $0.counts(at: level, exact: exact) }, asOf: request.asOf)
        let years = Array(span.from...span.to)
        var counts: [String: [Int: Int]] = [:]
        var filings: Set<String> = []
        var counted = 0, before = 0, unplaced = 0, provisional = 0
        for (_, fact) in first.sorted(by: { $0.key < $1.key }) where grouping.admits(fact.firm) {
            let y = fact.designation.year
            if y < span.from { before += 1; continue }
            guard y <= span.to else { continue }
            let codes = grouping.codes(of: fact.firm)
            if codes.isEmpty { unplaced += 1; continue }
            counted += 1
            if !fact.firm.resolved { provisional += 1 }
            filings.insert(fact.filing)
            for code in codes { counts[code, default: [:]][y, default: 0] += 1 }
        }
        let totals = counts.mapValues { $0.values.reduce(0, +) }
        let ordered = totals.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
        let columns: [Report.Column] = [.init("code", .text), .init("name", .text)]
            + years.map { Report.Column("y\($0)", .integer, title: "\($0)") } + [.init("total", .integer)]
        let rows: [[Report.Value]] = ordered.map { code, total in
            [.text(code), .text(grouping.name(of: code))] + years.map { .integer(counts[code]?[$0] ?? 0) } + [.integer(total)]
        }

        let levelText = DesignationCount.Criteria(program: program, level: level, exact: exact).levelText
        var notes = [
            "\(Plural.of(counted, "firm"))\(grouping.scopeText) received their first \(program.rawValue) designation at \(levelText) in \(span.from)–\(span.to) "
                + "(the list's year; designated by \(request.asOf), revoked or expired since included). A firm counts once, in the year of its first such designation; renewals are not new.",
        ]
        if before > 0 { notes.append("\(Plural.of(before, "firm was", "firms were")) first designated before \(span.from) and \(Plural.word(before, "is", "are")) not new in the span.") }
        if provisional > 0 { notes.append("\(provisional) of the firms counted are known only by name and region from lists that print no code.") }
        if unplaced > 0 { notes.append("\(unplaced) newly designated firms are not placed in any \(grouping.unitWord) (\(grouping.unplacedReason)) and are not listed.") }
        return Report(title: "New \(program.chinese) designations, \(levelText), \(span.from)–\(span.to) \(grouping.label)\(grouping.scopeText)",
                      asOf: request.asOf, asOfSource: request.asOfSource, columns: columns, rows: rows, notes: notes, filings: filings.sorted(),
                      chart: Report.Chart(.line, category: "name", values: years.map { "y\($0)" }, valueLabel: "new designations", categoryLabel: "year"))
    }
}
