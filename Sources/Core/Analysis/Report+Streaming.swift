import Foundation

/// Rows made as they are read rather than held (issue #19, item 4): a plugin whose answer has a row
/// per firm at national scale (screen: 1.3M rows at 10M firms, 2 GB as values) hands a source that
/// makes them one at a time, and the renderers that can write a row at a time (CSV, JSON, Markdown)
/// write each and drop it. Everything else — a table on a terminal (its column widths), SVG, Excel,
/// the HTML report, the web, comparisons and `Codable` — reads `rows`, which collects them, so every
/// caller of `Report` works as before.
extension Report {
    /// Rows made on demand, in order, each time they are enumerated.
    public struct RowSource: Sendable {
        /// How many rows the source makes.
        public let count: Int
        private let enumerate: @Sendable (_ body: ([Report.Value]) throws -> Void) throws -> Void

        /// A source of `count` rows that `enumerate` hands to its body in order, as often as asked.
        public init(count: Int, _ enumerate: @escaping @Sendable (_ body: ([Report.Value]) throws -> Void) throws -> Void) {
            self.count = count
            self.enumerate = enumerate
        }

        /// Hands each row to `body`, in order.
        public func forEach(_ body: ([Report.Value]) throws -> Void) throws {
            try enumerate(body)
        }

        /// Every row. A source reads what its plugin set aside (a temporary file): a failure there is
        /// the machine's, not the input's, and a caller that reads `rows` has no way to hear of it.
        var all: [[Report.Value]] {
            var rows: [[Report.Value]] = []
            rows.reserveCapacity(count)
            do {
                try enumerate { rows.append($0) }
            } catch {
                fatalError("a report's rows could not be read back: \(error)")
            }
            return rows
        }
    }

    /// A report whose rows are made as they are read.
    public init(title: Wording, asOf: Day, asOfSource: String, columns: [Column], rowSource: RowSource, notes: [Wording], filings: [String] = [],
                chart: Chart? = nil) {
        self.init(title: title, asOf: asOf, asOfSource: asOfSource, columns: columns, rows: [], notes: notes, filings: filings, chart: chart)
        self.rowSource = rowSource
    }

    /// How many rows the report has, without making them.
    public var rowCount: Int { rowSource?.count ?? storedRows.count }

    /// Hands each row to `body`, in order: made one at a time when the report streams them.
    public func forEachRow(_ body: ([Value]) throws -> Void) throws {
        if let rowSource {
            try rowSource.forEach(body)
        } else {
            for row in storedRows { try body(row) }
        }
    }

    /// The same report with its rows held in memory, read once from its source (failures thrown).
    public func materialized() throws -> Report {
        guard rowSource != nil else { return self }
        var held: [[Value]] = []
        held.reserveCapacity(rowCount)
        try forEachRow { held.append($0) }
        var copy = self
        copy.rows = held
        return copy
    }
}

extension Report: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try c.decode(Wording.self, forKey: .wordedTitle), asOf: try c.decode(Day.self, forKey: .asOf),
                  asOfSource: try c.decode(String.self, forKey: .asOfSource), columns: try c.decode([Column].self, forKey: .columns),
                  rows: try c.decode([[Value]].self, forKey: .rows), notes: try c.decode([Wording].self, forKey: .wordedNotes),
                  filings: try c.decode([String].self, forKey: .filings), chart: try c.decodeIfPresent(Chart.self, forKey: .chart))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(wordedTitle, forKey: .wordedTitle)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(asOfSource, forKey: .asOfSource)
        try c.encode(columns, forKey: .columns)
        try c.encode(rows, forKey: .rows)
        try c.encode(wordedNotes, forKey: .wordedNotes)
        try c.encode(filings, forKey: .filings)
        try c.encodeIfPresent(chart, forKey: .chart)
    }
}

extension Report: Hashable {
    /// Two reports are equal when they read the same, whether their rows are held or streamed.
    public static func == (a: Report, b: Report) -> Bool {
        a.wordedTitle == b.wordedTitle && a.asOf == b.asOf && a.asOfSource == b.asOfSource && a.columns == b.columns
            && a.wordedNotes == b.wordedNotes && a.filings == b.filings && a.chart == b.chart && a.rows == b.rows
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(wordedTitle)
        hasher.combine(asOf)
        hasher.combine(asOfSource)
        hasher.combine(columns)
        hasher.combine(rows)
        hasher.combine(wordedNotes)
        hasher.combine(filings)
        hasher.combine(chart)
    }
}
