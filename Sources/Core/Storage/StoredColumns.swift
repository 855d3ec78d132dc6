/// Which of `FactColumns`' columns a SQLite fact table stores, and how (migrations v7 and v9, issue #19).
/// Both backends are handed every column by `FactColumns.write`; PostgreSQL stores them all as
/// written, SQLite computes some on reading instead and stores others coded (see `Schema.v7`,
/// `Schema.v9`). This is the one place that says which.
enum StoredColumns {
    enum Storage: Equatable {
        /// Stored as written.
        case stored
        /// Stored in `<column>_if_other` only when it differs from the column written just before it
        /// (a name key from its name, a current region code from the stated one), else NULL.
        case ifOther
        /// Not stored: a generated column computes it.
        case computed
        /// Stored in `<column>_day` as the days since 1970-01-01 (`Day.dayNumber`; two bytes a date
        /// until 2059 instead of ten), a generated column of the column's name spells it `YYYY-MM-DD`.
        case day
        /// Stored in `<column>_code` as the value's place in the list, a generated column of the
        /// column's name spells it. A value not in the list is stored as its text, which the
        /// generated column gives back as it is: a later version's new value needs no migration.
        case code([String])
    }

    /// The values of a firm's status, in the order of their codes. Never reordered: the codes are in
    /// registries (Schema.v9 spells the same list in its generated column).
    static let firmStatuses = ["active", "deregistered"]

    /// A designation's programmes, levels and statuses, in the order of their codes: the raw values'
    /// alphabetical order, so that an index on the codes keeps the order an index on the text had
    /// (rank's covering index, read in (programme, level, filing, line) order). Never reordered
    /// (Schema.v10 spells the same lists); a value added later is stored as its text.
    static let programs = ["high-tech", "innovative-sme", "little-giant", "single-champion", "specialized-sme"]
    static let levels = ["municipal", "national", "provincial"]
    static let designationStatuses = ["active", "revoked"]

    static func storage(_ column: String, of kind: RecordKind) -> Storage {
        switch (kind, column) {
        case (.firm, "name_key"), (.firm, "region_now"): .ifOther
        // A firm's natural key is its code: `nk` stays stored (other tables' references walk the
        // (nk, current) index and read no row) and `uscc` is computed from it.
        case (.firm, "uscc"), (.firm, "province"), (.firm, "prefecture"): .computed
        case (.firm, "founded"): .day
        case (.firm, "status"): .code(firmStatuses)
        case (.designation, "program"): .code(programs)
        case (.designation, "level"): .code(levels)
        case (.designation, "status"): .code(designationStatuses)
        case (.designation, "valid_from"), (.designation, "valid_to"), (.designation, "revoked_on"): .day
        default: .stored
        }
    }

    /// Whether the kind's table stores its natural key (`nk`); the others compute it (Schema.v7).
    static func storesKey(_ kind: RecordKind) -> Bool {
        switch kind {
        case .park, .firm, .incubator, .transfer: true
        case .designation, .incubation, .annualReport, .link: false
        }
    }

    /// The name of the column that stores `column` of the kind, nil when none does.
    static func storedName(_ column: String, of kind: RecordKind) -> String? {
        switch storage(column, of: kind) {
        case .stored: column
        case .ifOther: column + "_if_other"
        case .computed: nil
        case .day: column + "_day"
        case .code: column + "_code"
        }
    }

    /// The stored columns an insert names, in the order `FactColumns.write` writes them.
    static func insertColumns(_ kind: RecordKind) -> [String] {
        FactColumns.columns(kind).compactMap { storedName($0, of: kind) }
    }

    /// How `Binder` treats the values `FactColumns.write` writes, after `leading` values of its own.
    static func layout(_ kind: RecordKind, leading: Int) -> Binder.Layout {
        var layout = Binder.Layout()
        for (i, column) in FactColumns.columns(kind).enumerated() {
            let bit: UInt64 = 1 << UInt64(leading + i)
            switch storage(column, of: kind) {
            case .stored: break
            case .ifOther: layout.ifOther |= bit
            case .computed: layout.skip |= bit
            case .day: layout.day |= bit
            case .code(let values):
                layout.code |= bit
                layout.codes[leading + i] = values
            }
        }
        return layout
    }

    /// The SQL that spells a `.day` column from its stored value: `date` of the Julian day
    /// (1970-01-01 is Julian day 2440587.5), a value stored as text as it is.
    static func dayExpression(_ stored: String) -> String {
        "CASE WHEN typeof(\(stored)) = 'integer' THEN date(\(stored) + 2440587.5) ELSE \(stored) END"
    }

    /// The code of `value` in `values`, for a query that filters on the stored codes.
    static func code(_ value: String, in values: [String]) -> Int? { values.firstIndex(of: value) }

    /// The SQL that gives a `.day` column's stored value for a date written as text (a migration's
    /// copy): its day number when SQLite spells it back exactly, else the text as it is.
    static func dayValue(_ text: String) -> String {
        "CASE WHEN date(\(text)) IS \(text) THEN CAST(julianday(\(text)) - 2440587.5 AS INTEGER) ELSE \(text) END"
    }

    /// The SQL that gives a `.code` column's stored value for a value written as text.
    static func codeValue(_ text: String, _ values: [String]) -> String {
        "CASE \(text) " + values.enumerated().map { "WHEN '\($0.element)' THEN \($0.offset) " }.joined() + "ELSE \(text) END"
    }

    /// The SQL that spells a `.code` column from its stored value.
    static func codeExpression(_ stored: String, _ values: [String]) -> String {
        "CASE \(stored) " + values.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)' " }.joined() + "ELSE \(stored) END"
    }
}
