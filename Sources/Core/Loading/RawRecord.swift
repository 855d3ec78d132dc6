/// A record as read from a file, before validation: its kind, its fields as text, and where it stood.
public struct RawRecord: Sendable {
    public var kind: RecordKind
    /// Field name → value; absent fields (and, in CSV, empty ones) are missing.
    public var fields: [String: String]
    public var line: Int
    public var column: Int?

    public init(kind: RecordKind, fields: [String: String], line: Int, column: Int? = nil) {
        self.kind = kind
        self.fields = fields
        self.line = line
        self.column = column
    }
}
