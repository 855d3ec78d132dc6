import GRDB

/// Where each filing's facts lie in each fact table: one run of row ids (Schema.v11). A load appends
/// a table's rows after its largest row id, so the run is known without an index on `filing`; every
/// query by filing reads the run through the row-id B-tree and still says `filing = ?`, which keeps
/// it exact where dropped rows left gaps or (in a registry loaded before v11) filings interleave.
enum FilingRowRanges {
    static let table = "filing_rows"

    static let definition = """
        CREATE TABLE filing_rows (
            filing INTEGER NOT NULL, fact_table TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
            PRIMARY KEY (filing, fact_table)
        ) WITHOUT ROWID
        """

    /// One table's run of a filing.
    struct Run: Sendable, Hashable {
        var first: Int64
        var last: Int64

        /// The SQL condition on `alias`'s rows (row ids then `filing`, bound as numbers: both are ours).
        func condition(_ alias: String, filing seq: Int) -> String {
            "\(alias).rowid BETWEEN \(first) AND \(last) AND \(alias).filing = \(seq)"
        }
    }

    /// The filing's runs, by fact table; a table without one holds none of its facts.
    static func runs(_ db: Database, filing seq: Int) throws -> [String: Run] {
        var out: [String: Run] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT fact_table, first, last FROM filing_rows WHERE filing = ?", arguments: [seq]) {
            out[row["fact_table"]] = Run(first: row["first"], last: row["last"])
        }
        return out
    }

    /// Records the rows of `table` after `firstFree` (its largest row id + 1 before the filing wrote)
    /// as the filing's run; none if every row it wrote was dropped.
    static func record(_ db: Database, filing seq: Int, table: String, firstFree: Int64) throws {
        let last = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(table)") ?? 0
        guard last >= firstFree else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO filing_rows (filing, fact_table, first, last) VALUES (?, ?, ?, ?)",
                       arguments: [seq, table, firstFree, last])
    }

    /// The row id the next row of `table` gets: SQLite gives a new row max(rowid) + 1.
    static func firstFree(_ db: Database, table: String) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(table)") ?? 0) + 1
    }

    static func forget(_ db: Database, filing seq: Int) throws {
        try db.execute(sql: "DELETE FROM filing_rows WHERE filing = ?", arguments: [seq])
    }
}
