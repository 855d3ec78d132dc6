import Core
import Foundation

/// `--view pipeline`: firms incubated → graduated → designated provincial or above → national, per
/// unit, with the median years from entering incubation (else founding) to the first designation.
struct Pipeline {
    let request: PluginRequest
    let grouping: Grouping
    let program: Program
    private let designations: [DesignationFact]
    private let incubations: [Fact<Incubation>]
    private let firms: [String: FirmFact]

    init(_ query: GrowthQuery, request: PluginRequest, grouping: Grouping, registry: any RegistryReader) throws {
        self.request = request
        self.grouping = grouping
        program = query.program
        designations = try registry.designations(program: program)
        incubations = try registry.incubations(uscc: nil)
        firms = Dictionary(try registry.firms(FirmQuery()).map { ($0.firm.uscc, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Where the years to a designation on `date` are counted from: the earliest incubation entry on or
    /// before it, else the founding date when that is on or before it, else nothing.
    static func origin(entries: [Day], founded: Day?, designated date: Day) -> (day: Day, incubated: Bool)? {
        if let entered = entries.filter({ $0 <= date }).min() { return (entered, true) }
        if let founded, founded <= date { return (founded, false) }
        return nil
    }

    private struct Stage {
        var firms = 0
        var viaIncubation = 0
        var years: [Double] = []
    }

    private struct Row {
        var incubated = 0
        var graduated = 0
        var provincial = Stage()
        var national = Stage()
    }

    func report() -> Report {
        let asOf = request.asOf
        var entries: [String: [Day]] = [:]
        var graduated: Set<String> = []
        var filings: Set<String> = []
        var incubationFilings: [String: Set<String>] = [:]
        for fact in incubations where fact.value.entered <= asOf {
            entries[fact.value.uscc, default: []].append(fact.value.entered)
            incubationFilings[fact.value.uscc, default: []].insert(fact.filing)
            if fact.value.hasGraduated(by: asOf) { graduated.insert(fact.value.uscc) }
        }
        let provincial = DesignationGrowth.firstDesignations(designations, qualifies: { $0.level >= .provincial }, asOf: asOf)
        let national = DesignationGrowth.firstDesignations(designations, qualifies: { $0.level == .national }, asOf: asOf)

        var rows: [String: Row] = [:]
        var unplaced = 0, unknownFirms = 0, inScope = 0
        var noOrigin = (provincial: 0, national: 0), fromFounding = (provincial: 0, national: 0)
        for key in Set(entries.keys).union(provincial.keys).sorted() {
            guard let placement = firms[key]?.placement ?? provincial[key]?.firm else { unknownFirms += 1; continue }
            guard grouping.admits(placement) else { continue }
            inScope += 1
            let codes = grouping.codes(of: placement)
            if codes.isEmpty { unplaced += 1; continue }
            let firmEntries = entries[key] ?? []
            let founded = firms[key]?.firm.founded
            var stages: [(keyPath: WritableKeyPath<Row, Stage>, fact: DesignationFact)] = []
            if let p = provincial[key] { stages.append((\.provincial, p)) }
            if let n = national[key] { stages.append((\.national, n)) }
            var row = Row()
            if !firmEntries.isEmpty {
                row.incubated = 1
                filings.formUnion(incubationFilings[key] ?? [])
            }
            if graduated.contains(key) { row.graduated = 1 }
            for (path, fact) in stages {
                filings.insert(fact.filing)
                row[keyPath: path].firms = 1
                let date = fact.designation.start
                guard let origin = Pipeline.origin(entries: firmEntries, founded: founded, designated: date) else {
                    if path == \Row.provincial { noOrigin.provincial += 1 } else { noOrigin.national += 1 }
                    continue
                }
                if origin.incubated {
                    row[keyPath: path].viaIncubation = 1
                } else {
                    if path == \Row.provincial { fromFounding.provincial += 1 } else { fromFounding.national += 1 }
                    if let f = firms[key] { filings.insert(f.filing) }
                }
                row[keyPath: path].years = [GrowthMath.years(from: origin.day, to: date)]
            }
            for code in codes {
                var r = rows[code] ?? Row()
                r.incubated += row.incubated
                r.graduated += row.graduated
                for path in [\Row.provincial, \Row.national] {
                    r[keyPath: path].firms += row[keyPath: path].firms
                    r[keyPath: path].viaIncubation += row[keyPath: path].viaIncubation
                    r[keyPath: path].years += row[keyPath: path].years
                }
                rows[code] = r
            }
        }

        let ordered = rows.sorted { a, b in
            (a.value.provincial.firms, a.value.national.firms, a.value.incubated) != (b.value.provincial.firms, b.value.national.firms, b.value.incubated)
                ? (a.value.provincial.firms, a.value.national.firms, a.value.incubated) > (b.value.provincial.firms, b.value.national.firms, b.value.incubated)
                : a.key < b.key
        }
        var noMedian = 0
        let cells: [[Report.Value]] = ordered.map { code, r in
            func median(_ s: Stage) -> Report.Value {
                guard let m = GrowthMath.median(s.years) else {
                    if s.firms > 0 { noMedian += 1 }
                    return .null
                }
                return .number(m)
            }
            return [.text(code), grouping.nameCell(of: code), .integer(r.incubated), .integer(r.graduated),
                    .integer(r.provincial.firms), .integer(r.provincial.viaIncubation), median(r.provincial),
                    .integer(r.national.firms), .integer(r.national.viaIncubation), median(r.national)]
        }
        let columns: [Report.Column] = [
            GrowthWords.column("code", .text), GrowthWords.column("name", .text),
            GrowthWords.column("incubated", .integer), GrowthWords.column("graduated", .integer),
            GrowthWords.column("provincial", .integer), GrowthWords.column("provincial_via_incubation", .integer, "viaIncubation"),
            GrowthWords.column("provincial_median_years", .number, "medianYears"),
            GrowthWords.column("national", .integer), GrowthWords.column("national_via_incubation", .integer, "viaIncubation"),
            GrowthWords.column("national_median_years", .number, "medianYears"),
        ]
        var notes = [
            GrowthWords.text("note.pipeline", ["count": .count(inScope), "within": grouping.withinArgument, "program": GrowthWords.program(program), "date": .date(asOf)]),
            GrowthWords.text("note.pipelineYears"),
        ]
        if fromFounding.provincial + fromFounding.national > 0 {
            notes.append(GrowthWords.text("note.fromFounding", ["provincial": .count(fromFounding.provincial), "national": .count(fromFounding.national)]))
        }
        if noOrigin.provincial + noOrigin.national > 0 {
            notes.append(GrowthWords.text("note.noOrigin", ["provincial": .count(noOrigin.provincial), "national": .count(noOrigin.national)]))
        }
        if noMedian > 0 { notes.append(GrowthWords.text("note.noMedian", ["count": .count(noMedian)])) }
        if unplaced > 0 { notes.append(grouping.unplacedNote(unplaced)) }
        if unknownFirms > 0 { notes.append(GrowthWords.text("note.unknownIncubations", ["count": .count(unknownFirms)])) }
        return Report(title: GrowthWords.text("title.pipeline", ["programName": .text(program.chinese), "grouping": grouping.labelArgument,
                                                                 "within": grouping.withinArgument]),
                      asOf: asOf, asOfSource: request.asOfSource, columns: columns, rows: cells, notes: notes, filings: filings.sorted())
    }
}
