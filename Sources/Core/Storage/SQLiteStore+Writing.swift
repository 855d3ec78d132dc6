import GRDB
#if canImport(SQLite3)
internal import SQLite3
#else
internal import GRDBSQLite
#endif

extension SQLiteStore {
    public func withFilingSession<T>(_ body: (any FilingSession) throws -> T) throws -> T {
        do {
            return try writingFile {
                try withDirectWrites {
                    try writer.write { db in
                        let session = SQLiteFilingSession(db: db)
                        return try body(session)
                    }
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        }
    }

    /// Runs `body` (one load's transaction) with a rollback journal instead of the WAL when this
    /// process created the registry and no other connection has it open; otherwise as it is.
    ///
    /// The WAL lets readers keep their snapshot while a load writes, at a price a first load pays in
    /// full: every page goes to the WAL and is copied into the file at the commit (1.7 s of a 1M-firm
    /// load), and every page read back inside the transaction is searched for in the WAL's hash
    /// tables, newest first, which grows with the transaction (22 s of a 10M-firm load). A registry
    /// this process has just created has no readers to keep a snapshot for, so its loads write into
    /// the file, journalling the few pages that existed before, with `synchronous = FULL` as a
    /// rollback journal needs to survive a power cut. A crash leaves a hot journal, which the next
    /// open rolls back: the registry is then as it was before the load, as with the WAL. Another
    /// process that opens the registry during such a load waits for it, as a second loader always did.
    /// Switching needs the only connection to the file, so it is tried without waiting; if another
    /// process got there first, the load goes through the WAL as any other.
    private func withDirectWrites<T>(_ body: () throws -> T) throws -> T {
        guard created, let pool = writer as? DatabasePool else { return try body() }
        pool.invalidateReadOnlyConnections()
        let direct = try pool.writeWithoutTransaction { db -> Bool in
            guard withoutWaiting(db, { try? String.fetchOne($0, sql: "PRAGMA journal_mode = DELETE") }) == "delete" else { return false }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return true
        }
        guard direct else { return try body() }
        defer {
            // Back to the WAL for whoever opens the registry next; should another process hold it
            // open now, its own open has set (or will set) WAL mode, so a refusal here is harmless.
            try? pool.writeWithoutTransaction { db in
                _ = withoutWaiting(db) { try? String.fetchOne($0, sql: "PRAGMA journal_mode = WAL") }
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        return try body()
    }

    /// Runs `body` with the connection's busy timeout at zero (a lock held elsewhere fails at once),
    /// then restores the store's timeout.
    func withoutWaiting<T>(_ db: Database, _ body: (Database) -> T) -> T {
        sqlite3_busy_timeout(db.sqliteConnection, 0)
        defer { sqlite3_busy_timeout(db.sqliteConnection, Int32(busyTimeout * 1000)) }
        return body(db)
    }
}
