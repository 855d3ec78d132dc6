import GRDB
#if canImport(SQLite3)
internal import SQLite3
#else
internal import GRDBSQLite
#endif

extension SQLiteStore: FirmNameTableReading {
    /// The current firms' codes, names, keys and regions straight from the statement into flat
    /// columns: no row object, no filing join and no String per firm (reading a million firms as
    /// `IndexedFirm`s cost more than indexing them). In table order: the matcher's answers do not
    /// depend on the firms' order.
    public func firmNameTable() throws -> FirmNameTable {
        try reading { db in
            var table = FirmNameTable()
            try Columns.each(db, sql: "SELECT uscc, name, name_key, region, region_now, former_names FROM firm WHERE current = 1") { r in
                func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
                    guard let p = sqlite3_column_text(r.statement, i) else { return UnsafeBufferPointer(start: nil, count: 0) }
                    return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(r.statement, i)))
                }
                table.append(uscc: bytes(0), name: bytes(1), key: bytes(2), region: bytes(3), regionNow: bytes(4), formerNames: r.text(5))
            }
            return table
        }
    }
}
