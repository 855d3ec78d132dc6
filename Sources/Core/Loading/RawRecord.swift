/// A record as read from a file, before validation: its kind, its fields as text, and where it stood.
///
/// Fields are held by position (`values[i]` is the field `kind.fields[i]`), not in a dictionary: the
/// readers map a file's attribute names or columns to those positions once, and the validator reads
/// them by position (`FieldName`), so no record pays for hashing its field names (issue #19).
package struct RawRecord: Sendable {
    package var kind: RecordKind
    /// The kind's fields by their position in `kind.fields`; nil where absent (and, in CSV, empty).
    package var values: [String?]
    /// Fields the kind does not have, by name: each is a problem, so this is nearly always empty.
    package var unknown: [String: String]
    package var line: Int
    package var column: Int?
    /// The sheet of a workbook filing: `line` is then the row number.
    package var sheet: String?
    /// Field → the column (1-based) it was read from, in a workbook, so a problem points at its cell.
    package var fieldColumns: [String: Int]?

    package init(kind: RecordKind, values: [String?], unknown: [String: String] = [:], line: Int, column: Int? = nil) {
        self.kind = kind
        self.values = values
        self.unknown = unknown
        self.line = line
        self.column = column
    }

    /// A record from fields by name, as a workbook row or a test states them.
    package init(kind: RecordKind, fields: [String: String], line: Int, column: Int? = nil) {
        var values = [String?](repeating: nil, count: kind.fieldCount)
        var unknown: [String: String] = [:]
        for (name, value) in fields {
            if let slot = kind.slot(of: name) { values[slot] = value } else { unknown[name] = value }
        }
        self.init(kind: kind, values: values, unknown: unknown, line: line, column: column)
    }

    /// Field name → value, every field the record states (for the rejects it keeps and reports).
    package var fields: [String: String] {
        var out = unknown
        let names = kind.fieldNames
        for (i, v) in values.enumerated() { if let v { out[names[i]] = v } }
        return out
    }
}

extension RecordKind {
    /// A dense index of the kind, for tables made once per kind.
    var tableIndex: Int {
        switch self {
        case .park: 0
        case .firm: 1
        case .incubator: 2
        case .designation: 3
        case .incubation: 4
        case .annualReport: 5
        case .transfer: 6
        case .link: 7
        }
    }

    /// `fields`, made once rather than per call.
    var fieldNames: [String] { FieldSlots.names[tableIndex] }

    /// How many fields the kind has.
    var fieldCount: Int { FieldSlots.names[tableIndex].count }

    /// The position of the field `name` in `fields`, or nil when the kind has no such field.
    func slot(of name: String) -> Int? { FieldSlots.byName[tableIndex][name] }

    /// The position of `field` in `fields`, or nil when the kind has no such field.
    func slot(of field: FieldName) -> Int? {
        let s = FieldSlots.byField[tableIndex &* FieldName.count &+ Int(field.index)]
        return s < 0 ? nil : Int(s)
    }
}

/// The tables behind `RecordKind.slot(of:)`, made once.
enum FieldSlots {
    static let names: [[String]] = RecordKind.allCases.sorted { $0.tableIndex < $1.tableIndex }.map(\.fields)
    static let byName: [[String: Int]] = names.map { Dictionary(uniqueKeysWithValues: $0.enumerated().map { ($1, $0) }) }
    /// kind × field → position, or -1.
    static let byField: [Int8] = {
        var table = [Int8](repeating: -1, count: names.count * FieldName.count)
        for (k, fields) in names.enumerated() {
            for (i, name) in fields.enumerated() {
                let f = FieldName(rawValue: name)!
                table[k * FieldName.count + Int(f.index)] = Int8(i)
            }
        }
        return table
    }()
}
