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
            // Along annual_report_uscc, so that a code's reports come together and the codes in order;
            // each code's firm once, by its natural key through firm_nk (nk, current), on a second
            // statement: joined, SQLite found the firm again for every report of the code (four a firm).
            let reportSQL = "SELECT filing, line, \(FactColumns.columns(.annualReport).joined(separator: ", ")) FROM annual_report "
                + "WHERE current = 1\(yearFilter) ORDER BY uscc"
            let firms = try FirmByCode(db, filings: filings)
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
                if let done = pending { try body(SQLiteStore.inYearOrder(done)) }
                pending = ReportingFirm(uscc: code, firm: try firms.firm(code), reports: [fact])
            }
            if let done = pending { try body(SQLiteStore.inYearOrder(done)) }
        }
    }

    private static func inYearOrder(_ r: ReportingFirm) -> ReportingFirm {
        var r = r
        if r.reports.count > 1 { r.reports.sort { $0.value.year < $1.value.year } }
        return r
    }
}

/// A current registered firm by its code, through one statement prepared once and stepped per code.
private struct FirmByCode {
    private let statement: Statement
    private let db: Database
    private let filings: [Int64: String]
    private let positions: [String: Int32]

    init(_ db: Database, filings: [Int64: String]) throws {
        self.db = db
        self.filings = filings
        statement = try db.makeStatement(sql: "SELECT * FROM firm WHERE nk = ? AND current = 1 AND uscc = ?")
        positions = PositionedRow.positions(statement.sqliteStatement)
    }

    func firm(_ code: String) throws -> FirmFact? {
        let s = statement.sqliteStatement
        try statement.setArguments([code, code])
        defer { sqlite3_reset(s) }
        let step = sqlite3_step(s)
        if step == SQLITE_DONE { return nil }
        guard step == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
        let r = PositionedRow(Columns(statement: s), positions: positions)
        let f = FactColumns.firm(r)
        return FirmFact(firm: f, placement: FactColumns.placement(r, firm: f), filing: filings[r.integer("filing") ?? 0] ?? "", line: r.int("line") ?? 0)
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
