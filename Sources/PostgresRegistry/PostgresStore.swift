import Core
import Foundation

/// The registry in a PostgreSQL database (15 or newer), for registries that many people load and read
/// at once. The same interface as ``SQLiteStore``, the same answers (the storage and analytics tests run
/// on both), through libpq.
///
/// Concurrency: loads run at the same time up to their last step; checking a filing against the
/// registry and updating the current view (``FilingSession/finish(dropInvalid:)``) happens under a
/// transaction-scoped advisory lock, one load at a time, so that every check sees every filing that
/// landed before it. Reads of one store share one snapshot (REPEATABLE READ) until the store writes,
/// so a command's answers all come from one state of the registry.
public final class PostgresStore: Registry, @unchecked Sendable {
    /// The connection string without its password.
    public let location: String
    let conn: Connection
    // libpq connections are not thread-safe; every use goes through this lock.
    private let lock = NSLock()
    private var inSnapshot = false

    /// Advisory lock classes: ("regctl", what) pairs keyed by the schema, so that registries in
    /// different schemas of one database do not wait for each other.
    static let lockClass = 0x7265_6763  // "regc"

    /// Opens the registry at `connectionString`; with `create`, makes its tables when the database has
    /// none yet, and brings an older schema up to date.
    public init(connectionString: String, create: Bool = true) throws {
        location = ConnectionString.redacted(connectionString)
        do {
            conn = try Connection(conninfo: connectionString)
        } catch let error as PostgresError {
            throw StoreError.database(path: location, problem: error.problem ?? DatabaseProblem(connecting: error.message), detail: error.message)
        }
        guard conn.serverVersion >= 150000 else {
            throw StoreError.database(path: location, problem: .serverTooOld, detail: "PostgreSQL \(conn.serverVersion / 10000)")
        }
        do {
            try migrate(create: create)
        } catch let error as PostgresError {
            throw translate(error)
        }
    }

    /// What each migration step did not change: the ids applied to this database, or nil when it has
    /// no regctl tables.
    private func applied() throws -> Set<String>? {
        let exists = try conn.exec("SELECT to_regclass('regctl_migrations') IS NOT NULL AS present").first?.integer("present") == 1
        guard exists else { return nil }
        return Set(try conn.exec("SELECT id FROM regctl_migrations").rows.compactMap { $0["id"] })
    }

    private func migrate(create: Bool) throws {
        let known = PostgresSchema.migrations.map(\.id)
        let before = try applied()
        if before == nil && !create { throw StoreError.noRegistry(path: location) }
        let unknown = (before ?? []).subtracting(known)
        if !unknown.isEmpty { throw StoreError.newerSchema(path: location, unknown: unknown.sorted()) }
        if let before, Set(known).isSubset(of: before) { return }

        // Two regctl processes opening a new registry at once: the second waits here, then finds the
        // steps applied.
        try conn.exec("BEGIN")
        do {
            try conn.exec("SELECT pg_advisory_xact_lock(\(PostgresStore.lockClass), hashtext(current_schema() || '/migrate'))")
            try conn.exec("CREATE TABLE IF NOT EXISTS regctl_migrations (id text PRIMARY KEY, applied_at text NOT NULL)")
            let done = try applied() ?? []
            for step in PostgresSchema.migrations where !done.contains(step.id) {
                try conn.exec(step.sql)
                try conn.exec("INSERT INTO regctl_migrations (id, applied_at) VALUES ($1, $2)", [step.id, FilingRows.now()])
            }
            try conn.exec("COMMIT")
        } catch {
            _ = try? conn.exec("ROLLBACK")
            throw error
        }
    }

    /// PostgreSQL's error as what happened to the registry (a ``DatabaseProblem``), with the server's or
    /// libpq's own words as the detail.
    func translate(_ error: any Error) -> any Error {
        guard let error = error as? PostgresError else { return error }
        return StoreError.database(path: location, problem: error.problem ?? DatabaseProblem(sqlState: error.sqlState, message: error.message),
                                   detail: error.description)
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Ends the snapshot that reads share, so that the next read sees what others have loaded since.
    public func refresh() {
        locked { endSnapshot() }
    }

    private func endSnapshot() {
        if inSnapshot {
            _ = try? conn.exec("COMMIT")
            inSnapshot = false
        }
    }

    /// Runs a read inside the store's snapshot.
    func reading<T>(_ body: (Connection) throws -> T) throws -> T {
        try locked {
            do {
                if !inSnapshot {
                    try conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    inSnapshot = true
                }
                return try body(conn)
            } catch {
                if inSnapshot {
                    _ = try? conn.exec("ROLLBACK")
                    inSnapshot = false
                }
                throw translate(error)
            }
        }
    }

    // MARK: writing

    public func withFilingSession<T>(_ body: (any FilingSession) throws -> T) throws -> T {
        try locked {
            endSnapshot()
            var attempt = 0
            while true {
                attempt += 1
                let session = PostgresFilingSession(conn: conn)
                do {
                    try conn.exec("BEGIN")
                    let result = try body(session)
                    session.quiesce()
                    try conn.exec("COMMIT")
                    return result
                } catch let error as PostgresError where (error.isRetryable || error.isUniqueViolation || error.sqlState == Retry.state) && attempt < 10 {
                    // A deadlock, a serialization failure, or another load that took this filing's id
                    // while this one waited: run the whole load again, after a randomised pause.
                    session.quiesce()
                    _ = try? conn.exec("ROLLBACK")
                    let pause = Double(min(1 << attempt, 64)) * 0.01 * Double.random(in: 0.5...1.5)
                    Thread.sleep(forTimeInterval: pause)
                } catch {
                    session.quiesce()
                    _ = try? conn.exec("ROLLBACK")
                    throw translate(error)
                }
            }
        }
    }

    /// Signals that a transaction must run again (another load landed the same filing meanwhile).
    enum Retry {
        static let state = "RGRTY"
    }

    public func retract(filingID: String) throws -> FilingInfo {
        try locked {
            endSnapshot()
            do {
                try conn.exec("BEGIN")
                try PostgresStore.lockWrites(conn)
                guard let info = try PostgresStore.filingInfo(conn, id: filingID) else { throw StoreError.noSuchFiling(id: filingID) }
                try PostgresStore.remove(conn, seq: info.sequence)
                let dangling = try PostgresStore.danglingReferences(conn, onlyFiling: nil)
                if !dangling.isEmpty {
                    throw StoreError.retractionWouldBreak(id: filingID, all: dangling.map {
                        RetractionDependent(filingID: $0.filingID, line: $0.line, kind: $0.kind, words: $0.words)
                    })
                }
                try conn.exec("COMMIT")
                return info
            } catch {
                _ = try? conn.exec("ROLLBACK")
                throw translate(error)
            }
        }
    }

    /// Takes the registry's write lock until the transaction ends: the steps that check a filing
    /// against the registry and update the current view run one at a time.
    static func lockWrites(_ conn: Connection) throws {
        try conn.exec("SELECT pg_advisory_xact_lock(\(lockClass), hashtext(current_schema() || '/write'))")
    }

    static func filingInfo(_ conn: Connection, id: String) throws -> FilingInfo? {
        try conn.exec("SELECT * FROM filing WHERE id = $1", [id]).first.map(FilingRows.info)
    }

    /// Deletes a filing's facts and brings the current view up to date.
    static func remove(_ conn: Connection, seq: Int) throws {
        for table in FactColumns.tables {
            try markTouched(conn, table: table, seq: seq)
            try conn.exec("DELETE FROM \(table) WHERE filing = $1", [seq])
            try refreshCurrent(conn, table: table)
        }
        try conn.exec("DELETE FROM filing WHERE seq = $1", [seq])
        try refreshResolution(conn)
    }

    static func markTouched(_ conn: Connection, table: String, seq: Int) throws {
        try conn.exec(#"CREATE TEMP TABLE IF NOT EXISTS touched (nk text COLLATE "C" PRIMARY KEY) ON COMMIT DROP"#)
        try conn.exec("TRUNCATE touched")
        try conn.exec("INSERT INTO touched SELECT DISTINCT nk FROM \(table) WHERE filing = $1", [seq])
        try conn.exec("ANALYZE touched")
    }

    /// For every key in `touched`, makes the fact of the filing with the highest precedence current.
    static func refreshCurrent(_ conn: Connection, table: String) throws {
        try conn.exec("UPDATE \(table) t SET current = false FROM touched k WHERE t.current AND t.nk = k.nk")
        try conn.exec("""
            UPDATE \(table) t SET current = true FROM (
              SELECT DISTINCT ON (t.nk) t.rid FROM \(table) t JOIN touched k ON k.nk = t.nk JOIN filing f ON f.seq = t.filing
              ORDER BY t.nk, f.precedence DESC) w
            WHERE t.rid = w.rid
            """)
    }

    /// Links designations by name to a current firm within their region: the firm of a reviewer's
    /// `same` decision (`decision`), else one of that normalised name (`name`), else one whose former
    /// names include it (`former-name`); among several,
    /// the smallest code. As SQLite's `CurrentView.refreshResolution`.
    static func refreshResolution(_ conn: Connection) throws {
        try conn.exec("""
            WITH former AS (
              SELECT j.key AS name_key, f.uscc, f.region, f.region_now
              FROM firm f CROSS JOIN LATERAL jsonb_array_elements_text(f.former_keys::jsonb) AS j(key)
              WHERE f.current AND f.former_keys IS NOT NULL),
            r AS (
              SELECT d.rid, c.uscc, c.how
              FROM designation d LEFT JOIN LATERAL (
                SELECT uscc, how FROM (
                  SELECT l.uscc, 'decision:' || (SELECT id FROM filing WHERE seq = l.filing) AS how, -1 AS rank FROM link l
                  WHERE l.current AND l.decision = 'same' AND l.name_key = d.name_key AND l.unit = d.unit
                  UNION ALL
                  SELECT f.uscc, 'name', 0 FROM firm f
                  WHERE f.current AND f.name_key = d.name_key
                    AND (left(f.region_now, length(d.unit)) = d.unit OR left(f.region, length(d.unit)) = d.unit)
                  UNION ALL
                  SELECT x.uscc, 'former-name', 1 FROM former x
                  WHERE x.name_key = d.name_key
                    AND (left(x.region_now, length(d.unit)) = d.unit OR left(x.region, length(d.unit)) = d.unit)) c
                ORDER BY rank, uscc LIMIT 1) c ON true
              WHERE d.uscc IS NULL)
            UPDATE designation d SET resolved = r.uscc, linked_by = r.how FROM r
            WHERE d.rid = r.rid AND (d.resolved IS DISTINCT FROM r.uscc OR d.linked_by IS DISTINCT FROM r.how)
            """)
    }

    struct Dangling {
        var filingID: String
        var kind: RecordKind
        var line: Int
        var words: Message
    }

    static func danglingReferences(_ conn: Connection, onlyFiling seq: Int?) throws -> [Dangling] {
        var out: [Dangling] = []
        for ref in FactColumns.references {
            let filter = seq.map { "AND t.filing = \($0)" } ?? ""
            let result = try conn.exec("""
                SELECT f.id AS fid, t.line, t.\(ref.column) AS ref FROM \(ref.table) t JOIN filing f ON f.seq = t.filing
                WHERE t.\(ref.column) IS NOT NULL \(filter)
                  AND NOT EXISTS (SELECT 1 FROM \(ref.target) x WHERE x.current AND x.nk = t.\(ref.column))
                ORDER BY t.filing, t.line
                """)
            let kind = FactColumns.kind(ofTable: ref.table)
            for r in result.rows {
                out.append(Dangling(
                    filingID: r.string("fid"), kind: kind, line: r.int("line") ?? 0,
                    words: RecordProblem.missing(noun: ref.noun, target: r.string("ref"))))
            }
        }
        return out.sorted { ($0.filingID, $0.line) < ($1.filingID, $1.line) }
    }
}
