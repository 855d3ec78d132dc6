import Core
import Foundation

/// `--view metric` and `--view high-growth`: annual-report figures of the firms between two years.
struct ReportGrowth {
    let view: GrowthPlugin.View
    let request: PluginRequest
    let grouping: Grouping
    let metric: Metric
    let threshold: Int
    let strict: Bool
    let minSize: Int
    /// The two years, when any report states the metric up to the as-of year.
    let span: (from: Int, to: Int)?
    /// Where the reports and firms are streamed from when a view is made (ReportGrowth+Streaming.swift).
    let registry: any RegistryReader

    /// What a firm's reports of the two years state: only what the views use, so that a registry of
    /// millions of reports is held as a few numbers per firm, not as its facts.
    struct Reported {
        var start: Int64?
        var end: Int64?
        /// Employees in the start year (high growth's size threshold).
        var employeesAtStart: Int?
        /// The filings of the start and end year's reports.
        var startFiling: String?
        var endFiling: String?

        var filings: [String] { [startFiling, endFiling].compactMap { $0 } }

        /// Notes a report of the start or end year (one look-up of the firm's entry, not one per field).
        static func record(_ fact: Fact<AnnualReport>, metric: Metric, isEnd: Bool, into r: inout Reported) {
            if isEnd {
                r.end = metric.value(fact.value)
                r.endFiling = fact.filing
            } else {
                r.start = metric.value(fact.value)
                r.startFiling = fact.filing
                r.employeesAtStart = fact.value.employees
            }
        }
    }

    init(_ query: GrowthQuery, request: PluginRequest, grouping: Grouping, registry: any RegistryReader) throws {
        let view = query.view
        self.view = view
        self.request = request
        self.grouping = grouping
        let highGrowth = view == .highGrowth
        metric = query.metric ?? (highGrowth ? .employees : .revenue)
        threshold = query.threshold
        strict = query.strict
        minSize = query.minSize
        if threshold < 0 || threshold > 10_000 {
            throw AnalysisError.badParameter(plugin: GrowthPlugin.id, name: "threshold", value: String(threshold), expected: GrowthWords.expected("threshold"))
        }
        if minSize < 0 {
            throw AnalysisError.badParameter(plugin: GrowthPlugin.id, name: "min-size", value: String(minSize), expected: GrowthWords.expected("minSize"))
        }
        let metric = metric
        // The end year by default: the newest year (up to the as-of year) in which some report states
        // the metric, asked of the store, not found by reading a year's reports.
        var latest: Int?
        if query.to == nil {
            latest = try registry.annualReportYears(stating: metric.figure).last { $0 <= request.asOf.year }
        }
        if query.to == nil && latest == nil {
            span = nil
        } else {
            span = try GrowthPlugin.span(query, request: request, defaultTo: latest ?? request.asOf.year,
                                         defaultPeriod: highGrowth ? 3 : 1, allowOneYear: false)
        }
        self.registry = registry
    }

    func report() throws -> Report {
        guard let span else {
            return Report(title: title, asOf: request.asOf, asOfSource: request.asOfSource, columns: [], rows: [],
                          notes: [GrowthWords.text("note.noReports", ["metric": GrowthWords.metric(metric), "year": .integer(request.asOf.year)])])
        }
        return try view == .metric ? metricReport(span) : highGrowthReport(span)
    }

    private var title: Wording {
        let m = GrowthWords.metric(metric)
        guard let span else { return GrowthWords.text(view == .metric ? "title.metricNoSpan" : "title.highGrowthNoSpan", ["metric": m]) }
        let common: [String: Message.Argument] = ["metric": m, "from": .integer(span.from), "to": .integer(span.to),
                                                  "grouping": grouping.labelArgument, "within": grouping.withinArgument]
        if view == .metric { return GrowthWords.text("title.metric", common) }
        return GrowthWords.text("title.highGrowth", common.merging(["rule": GrowthWords.message(strict ? "rule.over" : "rule.atLeast", ["threshold": .integer(threshold)])]) { a, _ in a })
    }

    /// Firms in scope with a report in either year: each with its placement and the metric in both years.
    struct Observation {
        var uscc: String
        var firm: FirmFact
        var start: Int64?
        var end: Int64?
        var employeesAtStart: Int?
        /// The filings of its reports of the two years.
        var filings: [String]
    }

    private func cagrCell(start: Int64, end: Int64, years: Int) -> Report.Value {
        GrowthMath.cagr(start: metric.amount(start), end: metric.amount(end), years: years).map(Report.Value.number) ?? .null
    }

    // MARK: metric

    private func metricReport(_ span: (from: Int, to: Int)) throws -> Report {
        let years = span.to - span.from
        var filings: Set<String> = []
        var rows: [(change: Int64, code: String, cells: [Report.Value])] = []
        var undefinedStart = 0, undefinedEnd = 0, oneYearOnly = 0, both = 0
        var unplaced = 0, emptyUnits = 0

        func note(start: Int64, end: Int64) {
            if start <= 0 { undefinedStart += 1 } else if end < 0 { undefinedEnd += 1 }
        }

        let unknown: Int
        var firmRows: Report.RowSource?
        if grouping.by == .firm {
            // A row per firm (1.2M at 10M firms): each firm's code, name, park and figures are set aside
            // in a temporary file and only the change and where the record lies are held, to sort by
            // (Report+Spill.swift); the rows are made again as they are written.
            let spill = try RowSpill()
            var order: [(change: Int64, at: Int64)] = []
            var previous: String?
            var inCodeOrder = true
            unknown = try eachObservation(span) { o in
                guard let s = o.start, let e = o.end else { oneYearOnly += 1; return }
                both += 1
                note(start: s, end: e)
                filings.formUnion(o.filings)
                if let previous, !(previous < o.uscc) { inCodeOrder = false }
                previous = o.uscc
                let at = try spill.append { w in
                    w.put(o.uscc)
                    w.put(o.firm.firm.name)
                    w.put(o.firm.placement.park)
                    w.put(s)
                    w.put(e)
                }
                order.append((e - s, at))
            }
            let metric = metric
            let cells = { @Sendable (r: inout RowSpill.Reader) -> (change: Int64, code: String, cells: [Report.Value]) in
                let code = r.text(), name = r.text(), park = r.optionalText(), s = r.int64(), e = r.int64()
                let cagr = GrowthMath.cagr(start: metric.amount(s), end: metric.amount(e), years: years).map(Report.Value.number) ?? .null
                return (e - s, code, [.text(code), .text(name), park.map(Report.Value.text) ?? .null, metric.cell(s), metric.cell(e), metric.cell(e - s), cagr])
            }
            if inCodeOrder {
                // The records lie in code order: their place breaks ties of change as the code did.
                order.sort { $0.change != $1.change ? $0.change > $1.change : $0.at < $1.at }
                let offsets = order.map(\.at)
                order = []
                firmRows = Report.RowSource(count: offsets.count) { body in
                    try spill.forEach(at: offsets) { r in try body(cells(&r).cells) }
                }
            } else {
                try spill.forEach { r in rows.append(cells(&r)) }
            }
        } else {
            var sums: [String: (firms: Int, oneYear: Int, start: Int64, end: Int64)] = [:]
            unknown = try eachObservation(span) { o in
                let codes = grouping.codes(of: o.firm.placement)
                if codes.isEmpty { unplaced += 1; return }
                let complete = o.start != nil && o.end != nil
                if complete { both += 1 } else { oneYearOnly += 1 }
                filings.formUnion(o.filings)
                for code in codes {
                    var acc = sums[code] ?? (0, 0, 0, 0)
                    if let s = o.start, let e = o.end {
                        acc.firms += 1
                        acc.start += s
                        acc.end += e
                    } else {
                        acc.oneYear += 1
                    }
                    sums[code] = acc
                }
            }
            for (code, acc) in sums {
                note(start: acc.start, end: acc.end)
                if acc.firms == 0 { emptyUnits += 1 }
                rows.append((acc.end - acc.start, code, [.text(code), grouping.nameCell(of: code), .integer(acc.firms), .integer(acc.oneYear),
                                                          metric.cell(acc.start), metric.cell(acc.end), metric.cell(acc.end - acc.start),
                                                          cagrCell(start: acc.start, end: acc.end, years: years)]))
            }
        }
        rows.sort { $0.change != $1.change ? $0.change > $1.change : $0.code < $1.code }

        let t = metric.columnType
        var columns: [Report.Column] = [GrowthWords.column("code", .text, grouping.by == .firm ? "uscc" : "code"), GrowthWords.column("name", .text)]
        if grouping.by == .firm {
            columns.append(GrowthWords.column("park", .text))
        } else {
            columns += [GrowthWords.column("firms", .integer, "firmsBothYears"), GrowthWords.column("one_year_only", .integer)]
        }
        columns += [GrowthWords.yearColumn("start", t, span.from), GrowthWords.yearColumn("end", t, span.to),
                    GrowthWords.column("change", t), GrowthWords.column("cagr", .number).shown(.percent(decimals: 1))]

        let rest = grouping.by == .firm ? GrowthWords.message("note.both.rows")
            : GrowthWords.message("note.both.sums", ["unit": metric.isMoney ? GrowthWords.message("note.inYuan") : ""])
        var notes = [GrowthWords.text("note.both", ["count": .count(both), "within": grouping.withinArgument, "metric": GrowthWords.metric(metric),
                                                    "from": .integer(span.from), "to": .integer(span.to), "rest": rest])]
        if oneYearOnly > 0 {
            notes.append(GrowthWords.text("note.oneYearOnly", ["count": .count(oneYearOnly),
                                                                "rest": GrowthWords.message(grouping.by == .firm ? "note.oneYearOnly.notListed" : "note.oneYearOnly.leftOut")]))
        }
        notes.append(GrowthWords.text("note.cagr", ["years": .integer(years)]))
        if undefinedStart > 0 {
            notes.append(GrowthWords.text("note.undefinedStart", ["count": .count(undefinedStart),
                                                                   "empty": emptyUnits > 0 ? GrowthWords.message("note.emptyUnits", ["units": .count(emptyUnits)]) : GrowthWords.message("stop")]))
        }
        if undefinedEnd > 0 { notes.append(GrowthWords.text("note.undefinedEnd", ["count": .count(undefinedEnd)])) }
        if unplaced > 0 { notes.append(grouping.unplacedNote(unplaced)) }
        if unknown > 0 { notes.append(GrowthWords.text("note.unknownReports", ["count": .count(unknown)])) }
        let chart = Report.Chart(.line, category: "name", values: ["start", "end"],
                                 valueLabel: GrowthWords.text(metric.isMoney ? "chart.metricYuan" : "chart.metric", ["metric": GrowthWords.metric(metric)]),
                                 categoryLabel: GrowthWords.text("chart.year"))
        if let firmRows {
            return Report(title: title, asOf: request.asOf, asOfSource: request.asOfSource, columns: columns, rowSource: firmRows, notes: notes,
                          filings: filings.sorted(), chart: chart)
        }
        return Report(title: title, asOf: request.asOf, asOfSource: request.asOfSource, columns: columns,
                      rows: rows.map(\.cells), notes: notes, filings: filings.sorted(), chart: chart)
    }

    // MARK: high growth

    /// One firm measured for high growth.
    private struct Measured {
        var o: Observation
        var start: Int64
        var end: Int64
        var employeesAtStart: Int
        var highGrowth: Bool
        /// nil when the founding date is unknown.
        var gazelle: Bool?
    }

    private func highGrowthReport(_ span: (from: Int, to: Int)) throws -> Report {
        let years = span.to - span.from
        var oneYearOnly = 0, noSize = 0, tooSmall = 0, undefined = 0
        var measured = 0, hgeCount = 0, gazelles = 0, undated = 0
        // Only the high-growth firms are held (for a row each, `--by firm`); by unit, the counts are
        // kept as the firms pass (at 10M firms every measured firm was held with its firm fact).
        var hges: [Measured] = []
        var acc: [String: (firms: Int, hge: Int, gazelles: Int)] = [:]
        var unplaced = 0
        var filings: Set<String> = []
        let byFirm = grouping.by == .firm
        let unknown = try eachObservation(span) { o in
            guard let s = o.start, let e = o.end else { oneYearOnly += 1; return }
            guard let size = o.employeesAtStart else { noSize += 1; return }
            guard size >= minSize else { tooSmall += 1; return }
            if s <= 0 { undefined += 1 }
            let hge = GrowthMath.meets(start: s, end: e, years: years, percent: threshold, strict: strict)
            // Gazelle: founded at most five calendar years before the end year (founded.year ≥ to − 5).
            let gazelle = hge ? o.firm.firm.founded.map { span.to - $0.year <= 5 } : false
            measured += 1
            if hge {
                hgeCount += 1
                if gazelle == nil { undated += 1 }
                if gazelle == true { gazelles += 1 }
            }
            if byFirm {
                if hge { hges.append(Measured(o: o, start: s, end: e, employeesAtStart: size, highGrowth: hge, gazelle: gazelle)) }
                return
            }
            let codes = grouping.codes(of: o.firm.placement)
            if codes.isEmpty { unplaced += 1; return }
            filings.formUnion(o.filings)
            if hge, gazelle != nil { filings.insert(o.firm.filing) }
            for code in codes {
                var a = acc[code] ?? (0, 0, 0)
                a.firms += 1
                if hge { a.hge += 1 }
                if gazelle == true { a.gazelles += 1 }
                acc[code] = a
            }
        }
        var columns: [Report.Column] = [GrowthWords.column("code", .text, grouping.by == .firm ? "uscc" : "code"), GrowthWords.column("name", .text)]
        var rows: [[Report.Value]] = []

        if grouping.by == .firm {
            let t = metric.columnType
            columns.append(GrowthWords.column("park", .text))
            if metric != .employees { columns.append(GrowthWords.column("employees_start", .integer, "employeesIn", ["year": .integer(span.from)])) }
            columns += [GrowthWords.yearColumn("start", t, span.from), GrowthWords.yearColumn("end", t, span.to),
                        GrowthWords.column("growth", .number).shown(.percent(decimals: 1)), GrowthWords.column("birch", metric.isMoney ? .money : .number),
                        GrowthWords.column("founded", .date), GrowthWords.column("age", .integer, "ageIn", ["year": .integer(span.to)]),
                        GrowthWords.column("gazelle", .text)]
            let sorted = hges.sorted { a, b in
                let ga = GrowthMath.cagr(start: Double(a.start), end: Double(a.end), years: years) ?? -1
                let gb = GrowthMath.cagr(start: Double(b.start), end: Double(b.end), years: years) ?? -1
                return ga != gb ? ga > gb : a.o.uscc < b.o.uscc
            }
            for m in sorted {
                filings.formUnion(m.o.filings)
                if m.gazelle != nil { filings.insert(m.o.firm.filing) }
                let founded = m.o.firm.firm.founded
                var row: [Report.Value] = [.text(m.o.uscc), .text(m.o.firm.firm.name), m.o.firm.placement.park.map(Report.Value.text) ?? .null]
                if metric != .employees { row.append(.integer(m.employeesAtStart)) }
                row += [metric.cell(m.start), metric.cell(m.end), cagrCell(start: m.start, end: m.end, years: years),
                        GrowthMath.birch(start: metric.amount(m.start), end: metric.amount(m.end)).map(Report.Value.number) ?? .null,
                        founded.map { .text($0.description) } ?? .null, founded.map { .integer(span.to - $0.year) } ?? .null,
                        m.gazelle.map(GrowthWords.yesNo) ?? .null]
                rows.append(row)
            }
        } else {
            columns += [GrowthWords.column("firms", .integer, "firmsMeasured"), GrowthWords.column("high_growth", .integer),
                        GrowthWords.column("high_growth_share", .number, "share").shown(.percent(decimals: 1)), GrowthWords.column("gazelles", .integer),
                        GrowthWords.column("gazelle_share", .number, "share").shown(.percent(decimals: 1))]
            let ordered = acc.sorted { a, b in a.value.hge != b.value.hge ? a.value.hge > b.value.hge : a.key < b.key }
            for (code, a) in ordered {
                rows.append([.text(code), grouping.nameCell(of: code), .integer(a.firms), .integer(a.hge),
                             .number(Double(a.hge) / Double(a.firms)), .integer(a.gazelles), .number(Double(a.gazelles) / Double(a.firms))])
            }
        }

        let m = GrowthWords.metric(metric), from: Message.Argument = .integer(span.from)
        var notes = [
            GrowthWords.text("note.measured", ["count": .count(measured), "within": grouping.withinArgument, "metric": m, "from": from,
                                               "to": .integer(span.to), "minSize": .count(minSize), "hges": .count(hgeCount), "years": .integer(years),
                                               "rule": GrowthWords.message(strict ? "rule.moreThan" : "rule.atLeast", ["threshold": .integer(threshold)]),
                                               "op": .text(strict ? ">" : "≥"), "base": .integer(100 + threshold)]),
            GrowthWords.text("note.gazelles", ["count": .count(gazelles), "since": .integer(span.to - 5), "to": .integer(span.to)]),
        ]
        notes.append(GrowthWords.text(grouping.by == .firm ? "note.highGrowthRows" : "note.highGrowthShares"))
        if undated > 0 { notes.append(GrowthWords.text("note.undated", ["count": .count(undated)])) }
        if oneYearOnly > 0 { notes.append(GrowthWords.text("note.oneYearNotMeasured", ["count": .count(oneYearOnly), "metric": m])) }
        if noSize > 0 { notes.append(GrowthWords.text("note.noSize", ["count": .count(noSize), "from": from])) }
        if tooSmall > 0 { notes.append(GrowthWords.text("note.tooSmall", ["count": .count(tooSmall), "minSize": .count(minSize), "from": from])) }
        if undefined > 0 { notes.append(GrowthWords.text("note.growthUndefined", ["count": .count(undefined), "from": from, "metric": m])) }
        if unplaced > 0 { notes.append(grouping.unplacedNote(unplaced, measured: true)) }
        if unknown > 0 { notes.append(GrowthWords.text("note.unknownReports", ["count": .count(unknown)])) }
        let chart = grouping.by == .firm
            ? Report.Chart(.bar, category: "name", values: ["growth"], valueLabel: GrowthWords.text("chart.growth"), categoryLabel: GrowthWords.text("chart.firm"))
            : Report.Chart(.bar, category: "name", values: ["high_growth"], valueLabel: GrowthWords.text("chart.highGrowth"),
                           categoryLabel: Wording(Message("growth.chart.unit", ["unit": grouping.unitArgument]), catalogue: GrowthMessages.catalogue))
        return Report(title: title, asOf: request.asOf, asOfSource: request.asOfSource, columns: columns, rows: rows,
                      notes: notes, filings: filings.sorted(), chart: chart)
    }
}
