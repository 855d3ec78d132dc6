import GRDB
#if canImport(SQLite3)
internal import SQLite3
#else
internal import GRDBSQLite
#endif

/// Binds one row's values straight to a prepared statement and runs it. A load inserts millions of
/// rows; GRDB's `StatementArguments` boxes every value and checks every statement (a fifth of a
/// load's time), and nothing here needs either: the statements are the session's own, and the
/// values are strings, integers and reals bound in column order.
struct Binder: ColumnWriter {
    /// Values a table does not store as written (`StoredColumns`), by the position of the call that
    /// writes them: `skip` ones are not bound, `ifOther` ones are bound as NULL when equal to the
    /// text written just before them, `day` ones (`YYYY-MM-DD`) as their day number, `code` ones as
    /// their place in `codes[position]`; a text neither reads as is bound as text.
    struct Layout {
        var skip: UInt64 = 0
        var ifOther: UInt64 = 0
        var day: UInt64 = 0
        var code: UInt64 = 0
        var codes: [Int: [String]] = [:]
    }

    private let statement: OpaquePointer
    private let layout: Layout
    private var index: Int32 = 1
    private var call: UInt64 = 0
    private var previous: String?

    init(_ statement: OpaquePointer, layout: Layout = Layout()) {
        self.statement = statement
        self.layout = layout
    }

    /// SQLite copies the bytes before the bind returns: Swift's string buffers do not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func text(_ value: String?) {
        let bit: UInt64 = 1 << call
        call += 1
        if layout.skip & bit != 0 { return }
        defer { index += 1 }
        let before = previous
        previous = value
        if layout.ifOther & bit != 0, value == before {
            sqlite3_bind_null(statement, index)
            return
        }
        guard var value else {
            sqlite3_bind_null(statement, index)
            return
        }
        if layout.day & bit != 0, let day = value.withUTF8({ Day(utf8: $0) }) {
            sqlite3_bind_int64(statement, index, Int64(day.dayNumber))
            return
        }
        if layout.code & bit != 0, let code = layout.codes[Int(call - 1)]?.firstIndex(of: value) {
            sqlite3_bind_int64(statement, index, Int64(code))
            return
        }
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), Binder.transient)
                }
            } else {
                // An empty buffer may have no address, and a null pointer would bind NULL, not ''.
                _ = sqlite3_bind_text(statement, index, "", 0, Binder.transient)
            }
        }
    }

    mutating func integer(_ value: Int64?) {
        let bit: UInt64 = 1 << call
        call += 1
        if layout.skip & bit != 0 { return }
        defer { index += 1 }
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    mutating func real(_ value: Double?) {
        let bit: UInt64 = 1 << call
        call += 1
        if layout.skip & bit != 0 { return }
        defer { index += 1 }
        if let value { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    /// Steps the statement once and resets it; SQLite's error (disk full, constraint…) is thrown as
    /// GRDB's `DatabaseError`, which the store translates as it does every other.
    func run(_ db: Database) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: String(cString: sqlite3_sql(statement)))
        }
    }
}
