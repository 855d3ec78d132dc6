import GRDB
#if canImport(SQLite3)
internal import SQLite3
#else
internal import GRDBSQLite
#endif

/// The annual-report reads of `screen` and `growth` at national scale: one statement streamed, a
/// code at a time, instead of every report and every reporting firm held as facts (at 10M firms,
/// 4M reports and 1.45M firms: screen held 5.7 GB, growth 2.1 GB).
extension SQLiteStore {
    public func annualReportYears(stating figure: AnnualReport.Figure) throws -> [Int] {
        try reading { db in
            try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM annual_report WHERE current = 1 AND \(figure.rawValue) IS NOT NULL").sorted()
        }
    }

    public func eachReportingFirm(years: Set<Int>?, _ body: (ReportingFirm) throws -> Void) throws {
        try reading { db in
            // Filing ids by sequence number, read once: a handful of strings shared by every fact.
            var filings: [Int64: String] = [:]
            try Columns.each(db, sql: "SELECT seq, id FROM filing") { r in filings[Int64(r.int(0) ?? 0)] = r.text(1) ?? "" }
            let yearFilter = years.map { " AND year IN (\($0.sorted().map(String.init).joined(separator: ",")))" } ?? ""
            try SQLiteStore.sortingInFiles(db) {
                // The table in row order, put in code order by SQLite's sorter. Along an index by code,
                // each code's reports were a random table page copied through `pread` (at 10M firms 1.3×
                // the time per report of 1M's); in row order the read needs no index by code.
                // Sorted by year too: a code's reports come in the order they are handed over.
                let reportSQL = "SELECT filing, line, \(FactColumns.columns(.annualReport).joined(separator: ", ")) FROM annual_report NOT INDEXED "
                    + "WHERE current = 1\(yearFilter) ORDER BY uscc, year"
                var firms = try FirmsInCodeOrder(db, yearFilter: yearFilter, filings: filings)
                var pending: ReportingFirm?
                var reportRow: PositionedRow?
                try Columns.each(db, sql: reportSQL) { c in
                    if reportRow == nil { reportRow = PositionedRow(c, positions: PositionedRow.positions(c.statement)) }
                    let report = reportRow!
                    let code = report.string("uscc")
                    let fact = Fact(value: FactColumns.annualReport(report), filing: filings[report.integer("filing") ?? 0] ?? "",
                                    line: report.int("line") ?? 0)
                    if pending?.uscc == code {
                        pending!.reports.append(fact)
                        return
                    }
                    if let done = pending { try body(done) }
                    pending = ReportingFirm(uscc: code, firm: try firms.firm(code), reports: [fact])
                }
                if let done = pending { try body(done) }
            }
        }
    }

    /// Runs `body` with SQLite's sorter writing its sorted runs to temporary files, and the connection
    /// as it was afterwards. A pool's readers keep temporary data in memory (`SQLiteStore.openFile`:
    /// the sets behind a large IN), and there the sorter never writes a run out: sorting every annual
    /// report of 10M firms would hold them all. In files, a run is as large as the page cache
    /// (`cache_size`: a reader's 2 MiB, which sorted faster than 16 or 64 MiB runs).
    static func sortingInFiles<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        // Only a pool's reader has them in memory (2); it never opens the temporary database, so the
        // setting may change inside its read transaction.
        guard try Int.fetchOne(db, sql: "PRAGMA temp_store") == 2 else { return try body() }
        try db.execute(sql: "PRAGMA temp_store = FILE")
        defer { try? db.execute(sql: "PRAGMA temp_store = MEMORY") }
        return try body()
    }
}

/// The current registered firms of the codes with reports of the years asked for, one statement in
/// code order that is merged with the reports' codes: a look-up per code read a random table page
/// per firm (at 10M firms, 1.45M pages copied through `pread`; most of growth's system time).
private struct FirmsInCodeOrder {
    private let statement: Statement
    private let db: Database
    private let filings: [Int64: String]
    private let positions: [String: Int32]
    private let nk: Int32
    /// Whether the statement holds a row not yet handed over (false once it is done).
    private var onRow = false

    init(_ db: Database, yearFilter: String, filings: [Int64: String]) throws {
        self.db = db
        self.filings = filings
        // The reporting codes in order (a sort of the codes alone), each one's firm found through
        // firm_nk without reading its row; the rows read in table order (SQLite walks the set of row
        // ids in order: each page once), then sorted by code.
        statement = try db.makeStatement(sql: """
            SELECT f.* FROM firm f WHERE f.rowid IN (
              SELECT g.rowid FROM (SELECT uscc FROM annual_report NOT INDEXED WHERE current = 1\(yearFilter) GROUP BY uscc) r
              CROSS JOIN firm g WHERE g.nk = r.uscc AND g.current = 1)
            ORDER BY f.nk
            """)
        positions = PositionedRow.positions(statement.sqliteStatement)
        nk = positions["nk"] ?? 0
        try step()
    }

    private mutating func step() throws {
        let s = statement.sqliteStatement
        let code = sqlite3_step(s)
        onRow = code == SQLITE_ROW
        if onRow { return }
        sqlite3_reset(s)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }

    /// The firm of `code`, nil when it has none; codes are asked for in ascending order of their bytes
    /// (SQLite's BINARY, the order of both statements).
    mutating func firm(_ code: String) throws -> FirmFact? {
        while onRow {
            let columns = Columns(statement: statement.sqliteStatement)
            let head = columns.text(nk) ?? ""
            if head.utf8.elementsEqual(code.utf8) {
                let r = PositionedRow(columns, positions: positions)
                let f = FactColumns.firm(r)
                let fact = FirmFact(firm: f, placement: FactColumns.placement(r, firm: f), filing: filings[r.integer("filing") ?? 0] ?? "",
                                    line: r.int("line") ?? 0)
                try step()
                return fact
            }
            // A firm whose code no report names cannot come (the statement holds only reporting
            // codes), but passing it keeps the merge right whatever the statement holds.
            if !head.utf8.lexicographicallyPrecedes(code.utf8) { return nil }
            try step()
        }
        return nil
    }
}

/// A row read by column name through positions found once per statement: the shared `StoredRow`
/// over `Columns`, a column of another type than the one asked for read as nil, as `NamedColumns` does.
private struct PositionedRow: StoredRow {
    let columns: Columns
    let positions: [String: Int32]

    init(_ columns: Columns, positions: [String: Int32]) {
        self.columns = columns
        self.positions = positions
    }

    /// Each column's position by name, the first of a repeated name winning (as GRDB's rows do).
    static func positions(_ statement: OpaquePointer) -> [String: Int32] {
        var positions: [String: Int32] = [:]
        for i in (0..<sqlite3_column_count(statement)).reversed() {
            positions[String(cString: sqlite3_column_name(statement, i))] = i
        }
        return positions
    }

    private func position(_ column: String, _ type: Int32, or other: Int32? = nil) -> Int32? {
        guard let i = positions[column] else { return nil }
        let t = sqlite3_column_type(columns.statement, i)
        return t == type || t == other ? i : nil
    }

    func text(_ column: String) -> String? { position(column, SQLITE_TEXT).flatMap(columns.text) }
    func integer(_ column: String) -> Int64? { position(column, SQLITE_INTEGER).map { sqlite3_column_int64(columns.statement, $0) } }
    func real(_ column: String) -> Double? { position(column, SQLITE_FLOAT, or: SQLITE_INTEGER).map { sqlite3_column_double(columns.statement, $0) } }
}
