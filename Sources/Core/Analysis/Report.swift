/// A plugin's answer: a titled table with typed columns, notes, and the filings it rests on.
public struct Report: Sendable {
    /// A column's value type, for rendering and for JSON.
    public enum ColumnType: String, Sendable, Codable, Hashable {
        case text, integer, number, date, money
    }

    /// A column of the table.
    public struct Column: Sendable, Codable, Hashable {
        /// Machine name, the JSON key (`rank`, `code`, `name`, `count`).
        public var name: String
        public var type: ColumnType
        /// Heading for tables, in the reader's language when it carries a message; the name when nil.
        public var wordedTitle: Wording?
        /// The heading as written (English for regctl's own plugins).
        public var title: String? {
            get { wordedTitle?.text }
            set { wordedTitle = newValue.map { Wording($0) } }
        }
        /// How people read its numbers beyond the type (a percentage, digits without separators);
        /// nil for the type's own way (Report+Display.swift).
        public var display: Display?

        public init(_ name: String, _ type: ColumnType, title: String? = nil) {
            self.name = name
            self.type = type
            self.wordedTitle = title.map { Wording($0) }
        }

        public init(_ name: String, _ type: ColumnType, title: Wording?) {
            self.name = name
            self.type = type
            self.wordedTitle = title
        }

        private enum CodingKeys: String, CodingKey {
            case name, type, display
            case wordedTitle = "title"
        }
    }

    /// One cell.
    ///
    /// A cell that is words rather than data (a verdict, a reason, "yes") is `words`: its text as
    /// written (English for regctl's plugins) and the message a renderer words in the reader's
    /// language. It encodes as that text and equals `.text` of it, so that JSON, CSV and comparisons
    /// read as before (Report+Words.swift).
    public enum Value: Sendable, Codable, Hashable, CustomStringConvertible {
        case text(String)
        case integer(Int)
        case number(Double)
        case null
        /// Words a reader reads in their language: a verdict, a reason, a finding.
        case words(Wording)

        public var description: String {
            switch self {
            case .text(let s): s
            case .words(let w): w.text
            case .integer(let i): String(i)
            case .number(let d): Report.Value.plain(d, decimals: 4)
            case .null: ""
            }
        }

        /// The value as text for a column of `type`: money with two decimals (yuan), other numbers
        /// with up to four and no trailing zeros, never in scientific notation.
        public func formatted(as type: ColumnType) -> String {
            switch (self, type) {
            case (.number(let d), .money): Report.Value.plain(d, decimals: 2, keepZeros: true)
            case (.integer(let i), .money): "\(i).00"
            default: description
            }
        }

        static func plain(_ d: Double, decimals: Int, keepZeros: Bool = false) -> String {
            guard d.isFinite else { return "" }
            if !keepZeros && d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
            var text = String(format: "%.\(decimals)f", d)
            if !keepZeros, text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text == "-0" ? "0" : text
        }

        /// A cell of words equals the plain text it reads as (English), as a `Wording` equals its text:
        /// reports, tests and external plugins that compare with `.text("pass")` read the same cell.
        public static func == (a: Report.Value, b: Report.Value) -> Bool {
            switch (a, b) {
            case let (.integer(x), .integer(y)): x == y
            case let (.number(x), .number(y)): x == y
            case (.null, .null): true
            default:
                if let x = a.writtenText, let y = b.writtenText { x == y } else { false }
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case .integer(let i): hasher.combine(0); hasher.combine(i)
            case .number(let d): hasher.combine(1); hasher.combine(d)
            case .null: hasher.combine(2)
            case .text(let s): hasher.combine(3); hasher.combine(s)
            case .words(let w): hasher.combine(3); hasher.combine(w.text)
            }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let i = try? c.decode(Int.self) { self = .integer(i) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else if let t = try? c.decode(String.self) { self = .text(t) }
            // An external plugin's cell of words: `{"text": "pass", "message": {"key": …}}`, as its notes.
            else { self = .words(try c.decode(Wording.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .words(let w): try c.encode(w.text)
            case .integer(let i): try c.encode(i)
            case .number(let d): try c.encode(d)
            case .null: try c.encodeNil()
            }
        }
    }

    /// The title, in the reader's language when it carries a message.
    public var wordedTitle: Wording
    /// The title as written (English for regctl's own plugins).
    public var title: String {
        get { wordedTitle.text }
        set { wordedTitle = Wording(newValue) }
    }
    public var asOf: Day
    /// Where the as-of date came from.
    public var asOfSource: String
    public var columns: [Column]
    /// The rows, all in memory: a report whose rows are streamed (`rowSource`,
    /// Report+Streaming.swift) reads them all here; setting them replaces the source.
    public var rows: [[Value]] {
        get { rowSource.map(\.all) ?? storedRows }
        set {
            storedRows = newValue
            rowSource = nil
        }
    }
    /// The rows when they are held, not streamed.
    var storedRows: [[Value]]
    /// Where the rows come from when they are made as they are read, not held; nil when held.
    public internal(set) var rowSource: RowSource?
    /// Notes under the table, each in the reader's language when it carries a message.
    public var wordedNotes: [Wording]
    /// The notes as written (English for regctl's own plugins). Setting them keeps the message of
    /// every note whose text is unchanged at its place, so that `notes.append(…)` loses none.
    public var notes: [String] {
        get { wordedNotes.map(\.text) }
        set {
            wordedNotes = newValue.enumerated().map { i, text in
                i < wordedNotes.count && wordedNotes[i].text == text ? wordedNotes[i] : Wording(text)
            }
        }
    }
    /// Ids of the filings whose facts the answer used.
    public var filings: [String]
    /// How to draw the table as a chart (`--format svg`, `regctl report`); nil when it has none.
    public var chart: Chart?

    public init(title: String, asOf: Day, asOfSource: String, columns: [Column], rows: [[Value]], notes: [String] = [], filings: [String] = [],
                chart: Chart? = nil) {
        self.init(title: Wording(title), asOf: asOf, asOfSource: asOfSource, columns: columns, rows: rows,
                  notes: notes.map { Wording($0) }, filings: filings, chart: chart)
    }

    /// A report whose title and notes may carry messages, for the reader's language.
    public init(title: Wording, asOf: Day, asOfSource: String, columns: [Column], rows: [[Value]], notes: [Wording], filings: [String] = [],
                chart: Chart? = nil) {
        self.wordedTitle = title
        self.asOf = asOf
        self.asOfSource = asOfSource
        self.columns = columns
        self.storedRows = rows
        self.rowSource = nil
        self.wordedNotes = notes
        self.filings = filings
        self.chart = chart
    }

    enum CodingKeys: String, CodingKey {
        case wordedTitle = "title"
        case asOf, asOfSource, columns, rows
        case wordedNotes = "notes"
        case filings, chart
    }

    /// A hint for drawing a report's table, naming its columns; the renderer decides the looks.
    ///
    /// - `bar`: one horizontal bar per row, labelled by the `category` cell, as long as the first
    ///   `values` column (rows in the table's order, top to bottom).
    /// - `stackedBar`: one horizontal bar per row, labelled by `category`, made of one segment per
    ///   `values` column (the legend shows the columns' titles).
    /// - `divergingBar`: one horizontal bar per row, labelled by `category`, around a zero line: the
    ///   first `values` column to the right (gains), the second to the left (losses, given as positive
    ///   counts and drawn negated), with the net at the bar's end (`changes`).
    /// - `line`: one line per row, labelled by `category`, through the `values` columns in order; the
    ///   x axis is labelled with the columns' titles (years, for `growth --view designations`).
    ///
    /// - `map`: a tile map of China's provincial units, each coloured by the first `values` column of
    ///   the row whose `category` cell is its code (two digits; a planned city's four, marked on its
    ///   province's tile).
    ///
    /// With `series`, the table is long rather than wide: rows of one `series` value make one line
    /// (or one segment kind), `category` gives the x position (or the bar) and `values[0]` the value.
    public struct Chart: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
            case bar, line, stackedBar, divergingBar, map
        }

        public var kind: Kind
        /// The column that labels each bar or line.
        public var category: String
        /// The numeric columns drawn.
        public var values: [String]
        /// For long tables: the column whose values name the series.
        public var series: String?
        /// The value axis's label ("firms", "transfers"); the first value column's title when nil.
        public var wordedValueLabel: Wording?
        /// The category axis's label ("park", "year").
        public var wordedCategoryLabel: Wording?
        /// The value axis's label as written.
        public var valueLabel: String? {
            get { wordedValueLabel?.text }
            set { wordedValueLabel = newValue.map { Wording($0) } }
        }
        /// The category axis's label as written.
        public var categoryLabel: String? {
            get { wordedCategoryLabel?.text }
            set { wordedCategoryLabel = newValue.map { Wording($0) } }
        }

        public init(_ kind: Kind, category: String, values: [String], series: String? = nil, valueLabel: String? = nil, categoryLabel: String? = nil) {
            self.init(kind, category: category, values: values, series: series, valueLabel: valueLabel.map { Wording($0) },
                      categoryLabel: categoryLabel.map { Wording($0) })
        }

        /// A chart whose axis labels may carry messages, for the reader's language.
        public init(_ kind: Kind, category: String, values: [String], series: String? = nil, valueLabel: Wording?, categoryLabel: Wording?) {
            self.kind = kind
            self.category = category
            self.values = values
            self.series = series
            self.wordedValueLabel = valueLabel
            self.wordedCategoryLabel = categoryLabel
        }

        private enum CodingKeys: String, CodingKey {
            case kind, category, values, series
            case wordedValueLabel = "valueLabel"
            case wordedCategoryLabel = "categoryLabel"
        }
    }
}

import Foundation
