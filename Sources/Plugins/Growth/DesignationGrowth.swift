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
        let columns: [Report.Column] = [GrowthWords.column("code", .text), GrowthWords.column("name", .text)]
            + years.map { GrowthWords.yearColumn("y\($0)", .integer, $0) } + [GrowthWords.column("total", .integer)]
        let rows: [[Report.Value]] = ordered.map { code, total in
            [.text(code), grouping.nameCell(of: code)] + years.map { .integer(counts[code]?[$0] ?? 0) } + [.integer(total)]
        }

        let levelWords = GrowthWords.level(level, exact: exact)
        let from: Message.Argument = .integer(span.from), to: Message.Argument = .integer(span.to)
        var notes = [
            GrowthWords.text("note.firstDesignations", ["count": .count(counted), "within": grouping.withinArgument, "program": GrowthWords.program(program),
                                                        "level": levelWords, "from": from, "to": to, "date": .date(request.asOf)]),
        ]
        if before > 0 { notes.append(GrowthWords.text("note.designatedBefore", ["count": .count(before), "from": from])) }
        if provisional > 0 { notes.append(GrowthWords.text("note.provisional", ["count": .count(provisional)])) }
        if unplaced > 0 {
            notes.append(GrowthWords.text("note.unplacedNew", ["count": .count(unplaced), "unit": grouping.unitArgument, "reason": grouping.unplacedArgument]))
        }
        return Report(title: GrowthWords.text("title.designations", ["programName": .text(program.chinese), "level": levelWords, "from": from, "to": to,
                                                                     "grouping": grouping.labelArgument, "within": grouping.withinArgument]),
                      asOf: request.asOf, asOfSource: request.asOfSource, columns: columns, rows: rows, notes: notes, filings: filings.sorted(),
                      chart: Report.Chart(.line, category: "name", values: years.map { "y\($0)" }, valueLabel: GrowthWords.text("chart.newDesignations"),
                                          categoryLabel: GrowthWords.text("chart.year")))
    }
}
