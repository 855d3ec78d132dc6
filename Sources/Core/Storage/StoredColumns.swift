/// Which of `FactColumns`' columns a SQLite fact table stores, and how (migration v7, issue #19).
/// Both backends are handed every column by `FactColumns.write`; PostgreSQL stores them all, SQLite
/// computes some on reading instead (see `Schema.v7`). This is the one place that says which.
enum StoredColumns {
    enum Storage: Equatable {
        /// Stored as written.
        case stored
        /// Stored in `<column>_if_other` only when it differs from the column written just before it
        /// (a name key from its name, a current region code from the stated one), else NULL.
        case ifOther
        /// Not stored: a generated column computes it.
        case computed
    }

    static func storage(_ column: String, of kind: RecordKind) -> Storage {
        switch (kind, column) {
        case (.firm, "name_key"), (.firm, "region_now"): .ifOther
        case (.firm, "province"), (.firm, "prefecture"): .computed
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

    /// The stored columns an insert names, in the order `FactColumns.write` writes them.
    static func insertColumns(_ kind: RecordKind) -> [String] {
        FactColumns.columns(kind).compactMap { column in
            switch storage(column, of: kind) {
            case .stored: column
            case .ifOther: column + "_if_other"
            case .computed: nil
            }
        }
    }

    /// How `Binder` treats the values `FactColumns.write` writes, after `leading` values of its own.
    static func layout(_ kind: RecordKind, leading: Int) -> Binder.Layout {
        var layout = Binder.Layout()
        for (i, column) in FactColumns.columns(kind).enumerated() {
            switch storage(column, of: kind) {
            case .stored: break
            case .ifOther: layout.ifOther |= 1 << UInt64(leading + i)
            case .computed: layout.skip |= 1 << UInt64(leading + i)
            }
        }
        return layout
    }
}
