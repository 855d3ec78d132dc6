/// The value of one cell as the workbook stores it, typed: what a loader decides from depends on it
/// (a USCC stored as a number has lost its digits; a date stored as a serial must not be read as one).
public enum CellValue: Sendable, Hashable {
    /// Text: a shared string, an inline string (rich text runs joined) or a formula's text result.
    case text(String)
    /// A number not formatted as a date.
    case number(Double)
    /// A number formatted as a date, whole days.
    case date(Day)
    /// A number formatted as a date with a time of day, to the second.
    case dateTime(Day, secondsOfDay: Int)
    /// TRUE or FALSE.
    case bool(Bool)
    /// An error value (`#N/A`, `#DIV/0!`).
    case error(String)

    /// The value as a loader compares it with titles and fields: text as is, numbers without a
    /// needless ".0", dates as YYYY-MM-DD.
    public var text: String {
        switch self {
        case .text(let s): s
        case .number(let n): CellValue.format(n)
        case .date(let d): d.description
        case let .dateTime(d, s):
            "\(d) " + [s / 3600, s / 60 % 60, s % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .error(let e): e
        }
    }

    /// Whole numbers print without a decimal point (Excel stores every number as a double); numbers
    /// beyond 15 digits, Excel's precision, print as Excel shows them (`9.14302E+17`), never as a
    /// string of digits that could pass for a code Excel has already rounded.
    static func format(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return String(n).replacingOccurrences(of: "e", with: "E")
    }
}

/// One cell with a value, where it stands: row and column are 1-based, as Excel counts.
public struct Cell: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public var value: CellValue

    public init(row: Int, column: Int, value: CellValue) {
        self.row = row
        self.column = column
        self.value = value
    }
}

/// A row that has at least one value, its cells in column order; rows with no value are not yielded,
/// so a gap in `number` is an empty row.
public struct WorkbookRow: Sendable, Hashable {
    public var number: Int
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    /// The value in a column (1-based), nil where the row has none.
    public func value(column: Int) -> CellValue? {
        // Cells are in column order and rows are short: a linear scan beats building an index.
        for c in cells where c.column >= column { return c.column == column ? c.value : nil }
        return nil
    }

    /// The text of each column from A to the last filled one, "" where empty.
    public var texts: [String] {
        guard let last = cells.last?.column else { return [] }
        var out = Array(repeating: "", count: last)
        for c in cells { out[c.column - 1] = c.value.text }
        return out
    }
}
