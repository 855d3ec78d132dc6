/// A record as read from a file, before validation: its kind, its fields as text, and where it stood.
package struct RawRecord: Sendable {
    package var kind: RecordKind
    /// Field name → value; absent fields (and, in CSV, empty ones) are missing.
    package var fields: [String: String]
    package var line: Int
    package var column: Int?
    /// The sheet of a workbook filing: `line` is then the row number.
    package var sheet: String?
    /// Field → the column (1-based) it was read from, in a workbook, so a problem points at its cell.
    package var fieldColumns: [String: Int]?

    package init(kind: RecordKind, fields: [String: String], line: Int, column: Int? = nil) {
        self.kind = kind
        self.fields = fields
        self.line = line
        self.column = column
    }
}
