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

    static func storage(_ column: String, of kind: RecordKind) -> Storage {
        switch (kind, column) {
        case (.firm, "name_key"), (.firm, "region_now"): .ifOther
        // A firm's natural key is its code: `nk` stays stored (other tables' references walk the
        // (nk, current) index and read no row) and `uscc` is computed from it.
        case (.firm, "uscc"), (.firm, "province"), (.firm, "prefecture"): .computed
        case (.firm, "founded"): .day
        case (.firm, "status"): .code(firmStatuses)
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

    /// The SQL that spells a `.code` column from its stored value.
    static func codeExpression(_ stored: String, _ values: [String]) -> String {
        "CASE \(stored) " + values.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)' " }.joined() + "ELSE \(stored) END"
    }
}
