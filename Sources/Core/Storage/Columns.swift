import GRDB
#if canImport(SQLite3)
internal import SQLite3
#else
internal import GRDBSQLite
#endif

/// One result row's columns, read by position straight from the statement: the reading counterpart
/// of `Binder`. An analysis reads tens of thousands to millions of rows; GRDB's `Row` turns every
/// column into a `DatabaseValue` and checks its conversion, which cost more than SQLite's own work
/// for `rank` at a million firms. The queries are the store's own, so the positions and types are
/// known.
struct Columns {
    fileprivate let statement: OpaquePointer

    private func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }

    func text(_ i: Int32) -> String? {
        // The pointer is valid until the next step; the String copies the bytes.
        guard let p = sqlite3_column_text(statement, i) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, i))), as: UTF8.self)
    }

    func int(_ i: Int32) -> Int? { isNull(i) ? nil : Int(sqlite3_column_int64(statement, i)) }

    /// A stored date (`YYYY-MM-DD`), parsed from the column's bytes without a String in between.
    func day(_ i: Int32) -> Day? {
        guard let p = sqlite3_column_text(statement, i) else { return nil }
        return Day(utf8: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, i))))
    }

    /// Runs `sql` and hands each result row to `body`. SQLite's errors are thrown as GRDB's
    /// `DatabaseError`, which the store translates as it does every other.
    static func each(_ db: Database, sql: String, arguments: StatementArguments = [], _ body: (Columns) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let row = Columns(statement: statement.sqliteStatement)
        defer { sqlite3_reset(statement.sqliteStatement) }
        while true {
            let code = sqlite3_step(statement.sqliteStatement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            try body(row)
        }
    }
}
