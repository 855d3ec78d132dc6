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
    let statement: OpaquePointer

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

    /// A value stored coded (`StoredColumns.Storage.code`): its place in `values`, or its text.
    func code(_ i: Int32) -> Int? { sqlite3_column_type(statement, i) == SQLITE_INTEGER ? Int(sqlite3_column_int64(statement, i)) : nil }

    func coded(_ i: Int32, _ values: [String]) -> String? {
        if let code = code(i) { return values.indices.contains(code) ? values[code] : String(code) }
        return text(i)
    }

    /// A date stored as its day number (`StoredColumns.Storage.day`), or as text.
    func codedDay(_ i: Int32) -> Day? {
        if let number = code(i) { return Day(dayNumber: number) }
        return day(i)
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

/// A result row read by column name, as the backends' shared `StoredRow`, with the names' positions
/// looked up once per statement: GRDB's `Row` searches its columns for the name and makes a
/// `DatabaseValue` on every read, the larger part of reading a year's annual reports at a million
/// firms. A column of another type than the one asked for reads as nil, never converted.
struct NamedColumns: StoredRow {
    private let columns: Columns
    private let positions: [String: Int32]

    /// Runs `sql` and hands each result row to `body`, readable by name.
    static func each(_ db: Database, sql: String, arguments: StatementArguments = [], _ body: (NamedColumns) throws -> Void) throws {
        var named: NamedColumns?
        try Columns.each(db, sql: sql, arguments: arguments) { row in
            if named == nil {
                var positions: [String: Int32] = [:]
                // The first of a repeated name wins, as with GRDB's rows.
                for i in (0..<sqlite3_column_count(row.statement)).reversed() {
                    positions[String(cString: sqlite3_column_name(row.statement, i))] = i
                }
                named = NamedColumns(columns: row, positions: positions)
            }
            try body(named!)
        }
    }

    private func type(_ column: String) -> (Int32, Int32)? {
        guard let i = positions[column] else { return nil }
        return (i, sqlite3_column_type(columns.statement, i))
    }

    func text(_ column: String) -> String? {
        guard let (i, type) = self.type(column), type == SQLITE_TEXT else { return nil }
        return columns.text(i)
    }

    func integer(_ column: String) -> Int64? {
        guard let (i, type) = self.type(column), type == SQLITE_INTEGER else { return nil }
        return sqlite3_column_int64(columns.statement, i)
    }

    func real(_ column: String) -> Double? {
        guard let (i, type) = self.type(column), type == SQLITE_FLOAT || type == SQLITE_INTEGER else { return nil }
        return sqlite3_column_double(columns.statement, i)
    }
}
