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
            throw AnalysisError.badParameter(plugin: GrowthPlugin.id, name: "threshold", value: String(threshold), expected: "a percentage from 0 to 10000")
        }
        if minSize < 0 {
            throw AnalysisError.badParameter(plugin: GrowthPlugin.id, name: "min-size", value: String(minSize), expected: "a number of employees, 0 or more")
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
                          notes: ["No annual report states \(metric.rawValue) for a year up to \(request.asOf.year)."])
        }
        return try view == .metric ? metricReport(span) : highGrowthReport(span)
    }

    private var title: String {
        guard let span else { return view == .metric ? "\(metric.rawValue) growth" : "High-growth enterprises" }
        if view == .metric { return "\(metric.rawValue) \(span.from)–\(span.to) \(grouping.label)\(grouping.scopeText)" }
        return "High-growth enterprises (\(metric.rawValue), \(strict ? "over" : "at least") \(threshold)% a year, \(span.from)–\(span.to)) \(grouping.label)\(grouping.scopeText)"
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
        if grouping.by == .firm {
            unknown = try eachObservation(span) { o in
                guard let s = o.start, let e = o.end else { oneYearOnly += 1; return }
                both += 1
                note(start: s, end: e)
                filings.formUnion(o.filings)
                rows.append((e - s, o.uscc, [.text(o.uscc), .text(o.firm.firm.name), o.firm.placement.park.map(Report.Value.text) ?? .null,
                                             metric.cell(s), metric.cell(e), metric.cell(e - s), cagrCell(start: s, end: e, years: years)]))
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
                rows.append((acc.end - acc.start, code, [.text(code), .text(grouping.name(of: code)), .integer(acc.firms), .integer(acc.oneYear),
                                                          metric.cell(acc.start), metric.cell(acc.end), metric.cell(acc.end - acc.start),
                                                          cagrCell(start: acc.start, end: acc.end, years: years)]))
            }
        }
        rows.sort { $0.change != $1.change ? $0.change > $1.change : $0.code < $1.code }

        let t = metric.columnType
        var columns: [Report.Column] = [.init("code", .text, title: grouping.by == .firm ? "uscc" : nil), .init("name", .text)]
        if grouping.by == .firm {
            columns.append(.init("park", .text))
        } else {
            columns += [.init("firms", .integer, title: "firms (both years)"), .init("one_year_only", .integer, title: "one year only")]
        }
        columns += [.init("start", t, title: "\(span.from)"), .init("end", t, title: "\(span.to)"),
                    .init("change", t), .init("cagr", .number, title: "CAGR").shown(.percent(decimals: 1))]

        let unitText = metric.isMoney ? " in yuan" : ""
        var notes = ["\(Plural.of(both, "firm"))\(grouping.scopeText) reported \(metric.rawValue) for both \(span.from) and \(span.to); "
                     + (grouping.by == .firm ? "they are the rows." : "unit values\(unitText) are sums over them (column firms).")]
        if oneYearOnly > 0 {
            notes.append("\(Plural.of(oneYearOnly, "firm")) reported it for only one of the two years and \(Plural.word(oneYearOnly, "is", "are")) "
                         + (grouping.by == .firm ? "not listed." : "left out of every sum (column one_year_only)."))
        }
        notes.append("CAGR = (end/start)^(1/\(years)) − 1, a fraction (0.1 is 10% a year); rows are ordered by change, largest first.")
        if undefinedStart > 0 {
            notes.append("CAGR is undefined (empty) for \(Plural.of(undefinedStart, "row")) whose start is zero or below"
                         + (emptyUnits > 0 ? " (\(emptyUnits) of them have no firm that reported both years)." : "."))
        }
        if undefinedEnd > 0 { notes.append("CAGR is undefined (empty) for \(Plural.of(undefinedEnd, "row")) whose end is below zero.") }
        if unplaced > 0 { notes.append("\(Plural.of(unplaced, "firm is", "firms are")) not placed in any \(grouping.unitWord) (\(grouping.unplacedReason)) and \(Plural.word(unplaced, "is", "are")) not listed.") }
        if unknown > 0 { notes.append("Reports of \(unknown) codes that name no firm in the registry are left out.") }
        return Report(title: title, asOf: request.asOf, asOfSource: request.asOfSource, columns: columns,
                      rows: rows.map(\.cells), notes: notes, filings: filings.sorted(),
                      chart: Report.Chart(.line, category: "name", values: ["start", "end"],
                                          valueLabel: metric.rawValue + (metric.isMoney ? " (yuan)" : ""), categoryLabel: "year"))
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
        var measured: [Measured] = []
        var oneYearOnly = 0, noSize = 0, tooSmall = 0, undefined = 0
        let unknown = try eachObservation(span) { o in
            guard let s = o.start, let e = o.end else { oneYearOnly += 1; return }
            guard let size = o.employeesAtStart else { noSize += 1; return }
            guard size >= minSize else { tooSmall += 1; return }
            if s <= 0 { undefined += 1 }
            let hge = GrowthMath.meets(start: s, end: e, years: years, percent: threshold, strict: strict)
            // Gazelle: founded at most five calendar years before the end year (founded.year ≥ to − 5).
            let gazelle = hge ? o.firm.firm.founded.map { span.to - $0.year <= 5 } : false
            measured.append(Measured(o: o, start: s, end: e, employeesAtStart: size, highGrowth: hge, gazelle: gazelle))
        }
        let hges = measured.filter(\.highGrowth)
        let undated = hges.filter { $0.gazelle == nil }.count
        var filings: Set<String> = []
        var columns: [Report.Column] = [.init("code", .text, title: grouping.by == .firm ? "uscc" : nil), .init("name", .text)]
        var rows: [[Report.Value]] = []
        var unplaced = 0

        if grouping.by == .firm {
            let t = metric.columnType
            columns.append(.init("park", .text))
            if metric != .employees { columns.append(.init("employees_start", .integer, title: "employees \(span.from)")) }
            columns += [.init("start", t, title: "\(span.from)"), .init("end", t, title: "\(span.to)"),
                        .init("growth", .number, title: "growth a year").shown(.percent(decimals: 1)), .init("birch", metric.isMoney ? .money : .number, title: "Birch index"),
                        .init("founded", .date), .init("age", .integer, title: "age \(span.to)"), .init("gazelle", .text)]
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
                        m.gazelle.map { .text($0 ? "yes" : "no") } ?? .null]
                rows.append(row)
            }
        } else {
            columns += [.init("firms", .integer, title: "firms measured"), .init("high_growth", .integer, title: "high-growth"),
                        .init("high_growth_share", .number, title: "share").shown(.percent(decimals: 1)), .init("gazelles", .integer),
                        .init("gazelle_share", .number, title: "share").shown(.percent(decimals: 1))]
            var acc: [String: (firms: Int, hge: Int, gazelles: Int)] = [:]
            for m in measured {
                let codes = grouping.codes(of: m.o.firm.placement)
                if codes.isEmpty { unplaced += 1; continue }
                filings.formUnion(m.o.filings)
                if m.highGrowth, m.gazelle != nil { filings.insert(m.o.firm.filing) }
                for code in codes {
                    var a = acc[code] ?? (0, 0, 0)
                    a.firms += 1
                    if m.highGrowth { a.hge += 1 }
                    if m.gazelle == true { a.gazelles += 1 }
                    acc[code] = a
                }
            }
            let ordered = acc.sorted { a, b in a.value.hge != b.value.hge ? a.value.hge > b.value.hge : a.key < b.key }
            for (code, a) in ordered {
                rows.append([.text(code), .text(grouping.name(of: code)), .integer(a.firms), .integer(a.hge),
                             .number(Double(a.hge) / Double(a.firms)), .integer(a.gazelles), .number(Double(a.gazelles) / Double(a.firms))])
            }
        }

        let rule = strict ? "more than \(threshold)%" : "at least \(threshold)%"
        var notes = [
            "\(Plural.of(measured.count, "firm"))\(grouping.scopeText) reported \(metric.rawValue) for \(span.from) and \(span.to) and had at least \(minSize) employees in \(span.from); "
                + "\(hges.count) of them are high-growth enterprises: (end/start)^(1/\(years)) − 1 is \(rule) a year, decided exactly "
                + "(end·100^\(years) \(strict ? ">" : "≥") start·\(100 + threshold)^\(years)).",
            "Gazelles: \(hges.filter { $0.gazelle == true }.count) high-growth enterprises founded in \(span.to - 5) or later (at most five calendar years before \(span.to)).",
        ]
        if grouping.by == .firm {
            notes.append("Rows are the high-growth enterprises, fastest first; growth is a fraction (0.1 is 10% a year); Birch index = (end − start)·(end/start).")
        } else {
            notes.append("Shares are of the firms measured; rows are ordered by high-growth enterprises, most first.")
        }
        if undated > 0 { notes.append("\(undated) high-growth enterprises have no founding date: whether they are gazelles is unknown (not counted as gazelles).") }
        if oneYearOnly > 0 { notes.append("\(Plural.of(oneYearOnly, "firm")) reported \(metric.rawValue) for only one of the two years and \(Plural.word(oneYearOnly, "is", "are")) not measured.") }
        if noSize > 0 { notes.append("\(Plural.of(noSize, "firm")) stated no employees for \(span.from) and \(Plural.word(noSize, "is", "are")) not measured.") }
        if tooSmall > 0 { notes.append("\(Plural.of(tooSmall, "firm")) had fewer than \(minSize) employees in \(span.from) and \(Plural.word(tooSmall, "is", "are")) not measured.") }
        if undefined > 0 { notes.append("Growth is undefined for \(undefined) measured firms whose \(span.from) \(metric.rawValue) is zero or below; none of them is high-growth.") }
        if unplaced > 0 { notes.append("\(Plural.of(unplaced, "measured firm is", "measured firms are")) not placed in any \(grouping.unitWord) (\(grouping.unplacedReason)) and \(Plural.word(unplaced, "is", "are")) not listed.") }
        if unknown > 0 { notes.append("Reports of \(unknown) codes that name no firm in the registry are left out.") }
        let chart = grouping.by == .firm
            ? Report.Chart(.bar, category: "name", values: ["growth"], valueLabel: "average growth a year (fraction)", categoryLabel: "firm")
            : Report.Chart(.bar, category: "name", values: ["high_growth"], valueLabel: "high-growth enterprises", categoryLabel: grouping.unitWord)
        return Report(title: title, asOf: request.asOf, asOfSource: request.asOfSource, columns: columns, rows: rows,
                      notes: notes, filings: filings.sorted(), chart: chart)
    }
}
