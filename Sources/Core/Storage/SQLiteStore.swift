import Foundation
import GRDB
#if canImport(SQLite3)
internal import SQLite3
#else
internal import GRDBSQLite
#endif

/// Errors of the storage layer.
public enum StoreError: Error, LocalizedError, Sendable {
    case noRegistry(path: String)
    case newerSchema(path: String, unknown: [String])
    case cannotOpen(path: String, reason: String)
    case noSuchFiling(id: String)
    case retractionWouldBreak(id: String, dependents: [String])
    /// SQLite refused: the disk is full, the file is read-only, locked, or not a registry.
    case database(path: String, message: String)

    public var errorDescription: String? {
        switch self {
        case let .noRegistry(path):
            return "\(path): no registry here; load filings first (regctl load samples/filings) or name one with --registry PATH or REGCTL_REGISTRY."
        case let .newerSchema(path, unknown):
            return "\(path): this registry was written by a newer regctl (schema steps \(unknown.joined(separator: ", ")) are unknown to this one); upgrade regctl to read it."
        case let .cannotOpen(path, reason):
            return "\(path): cannot open the registry: \(reason)."
        case let .noSuchFiling(id):
            return "no filing with id '\(id)' is loaded; `regctl filings` lists them."
        case let .database(path, message):
            return "\(path): \(message)"
        case let .retractionWouldBreak(id, dependents):
            return "filing '\(id)' cannot be retracted: facts of other filings refer to records only it defines:\n  "
                + dependents.joined(separator: "\n  ")
                + "\nRetract those filings first; the registry is unchanged."
        }
    }
}

/// The registry in one SQLite file (WAL mode: readers see a consistent state while a load writes).
public final class SQLiteStore: RegistryStore, FactTableReading {
    let writer: any DatabaseWriter
    public let path: String
    /// Whether this process created the registry file: its loads may then be written straight into
    /// the file (see `withDirectWrites`).
    private let created: Bool
    private let busyTimeout: Double

    /// The writer's page cache, as `PRAGMA cache_size` takes it (negative: KiB).
    static let writerCacheSize = -16384

    /// Opens (and with `create`, creates) the registry at `path`, bringing an older schema up to date.
    /// Writers wait up to `busyTimeout` seconds for another process's load to finish. A registry on
    /// read-only media (or in a read-only folder) opens for reading; writing to it then fails clearly.
    public convenience init(path: String, create: Bool = true, busyTimeout: Double = 10) throws {
        try self.init(path: path, create: create, maxPageCount: nil, busyTimeout: busyTimeout)
    }

    /// Opens the registry with SQLite's file size capped at `maxPageCount` pages (tests use this to
    /// run out of space without filling a disk).
    init(path: String, create: Bool, maxPageCount: Int?, busyTimeout: Double = 10) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        created = create && !exists
        self.busyTimeout = busyTimeout
        if !create && !exists {
            throw StoreError.noRegistry(path: path)
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 16 MiB: a fresh load appends to tables without indexes and builds them by sorting, and
            // SQLite's sorter takes as much memory again as the page cache, so a larger cache only
            // raised a load's peak with its size (64 MiB: 100 MB at 100k firms, 178 MB at 1M) and made
            // neither fresh loads nor the second filing measurably faster.
            // Readers (a pool's read-only connections) get 2 MiB: the pages an analysis reads again are
            // the tables' and indexes' upper levels, which that holds, while every page slot a cache
            // fills is memory the process faults in. rank at 1M: 152 → 136 ms; no plugin slower.
            try db.execute(sql: "PRAGMA cache_size = \(db.configuration.readonly ? -2048 : SQLiteStore.writerCacheSize)")
            // A reader's temporary tables (the set behind a large IN) in memory, not in a temporary
            // file: looking up 1.45M firms at 10M wrote and read them back through the kernel
            // (firms' query 5.2 → 3.5 s). They are the size of the question, small beside the
            // facts the analysis then holds. Loads keep files: their sorts are the registry's size.
            if db.configuration.readonly { try db.execute(sql: "PRAGMA temp_store = MEMORY") }
            if let maxPageCount { try db.execute(sql: "PRAGMA max_page_count = \(maxPageCount)") }
        }
        var readOnly = false
        do {
            writer = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError where exists && [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(error.resultCode) {
            // WAL mode needs to write its shared-memory file beside the registry; without that right,
            // SQLite still reads a cleanly closed registry in read-only mode.
            // (No pragmas here: even `synchronous` makes SQLite want the WAL's shared memory.)
            var readConfig = Configuration()
            readConfig.readonly = true
            readConfig.busyMode = .timeout(busyTimeout)
            do {
                // immutable=1: on read-only media no other process can change the file, and SQLite
                // then reads a WAL-mode database without its shared-memory file.
                let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
                let uri = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute) + "?immutable=1"
                writer = try DatabaseQueue(path: uri, configuration: readConfig)
                readOnly = true
            } catch let error as DatabaseError {
                throw SQLiteStore.translate(error, path: path)
            }
        } catch let error as DatabaseError {
            throw SQLiteStore.translate(error, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        do {
            try migrate(readOnly: readOnly)
        } catch let error as DatabaseError {
            throw SQLiteStore.translate(error, path: path)
        }
    }

    /// SQLite's errors in words that say what happened to the registry and what to do.
    static func translate(_ error: DatabaseError, path: String) -> StoreError {
        let message: String
        switch error.resultCode {
        case .SQLITE_FULL:
            message = "the disk is full (or the registry reached its size limit); nothing of this operation was written, and the registry is as it was. Free some space and try again"
        case .SQLITE_READONLY:
            message = "the registry cannot be written (the file or its folder is read-only); read commands still work, or copy it somewhere writable"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            message = "another process is writing to the registry and did not finish within 10 seconds; try again when it has finished (its load is all or nothing, so you will see either the old or the new state)"
        case .SQLITE_CANTOPEN:
            message = "cannot open the registry file (check that its folder exists and that you may read and write it): \(error.message ?? "")"
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            message = "this is not a regctl registry, or the file is damaged (regctl check tells which)"
        case .SQLITE_IOERR:
            message = "an input/output error occurred while using the registry (\(error.message ?? "")); nothing of this operation was written"
        default:
            message = "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error)")"
        }
        return .database(path: path, message: message)
    }

    /// Runs a read on one consistent snapshot, translating SQLite's errors.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as DatabaseError {
            throw SQLiteStore.translate(error, path: path)
        }
    }

    /// Runs `body` for each part `0..<parts` at once, each on its own read connection, all of them on
    /// the same state of the registry; the results in part order.
    ///
    /// Each connection's snapshot starts with its first statement, which reads the loaded filings:
    /// every change to a registry's facts is a load or a retraction, which adds or removes a filing
    /// (and a reload has a new load time), so equal filing lists mean equal snapshots. If a load
    /// committed between the connections' starts, the parts are read again. An in-memory or
    /// read-only registry has one connection, which reads the parts one after the other.
    func readingInParts<T: Sendable>(_ parts: Int, _ body: @escaping @Sendable (Int, Database) throws -> T) throws -> [T] {
        let sequentially = { try self.reading { db in try (0..<parts).map { try body($0, db) } } }
        guard parts > 1, let pool = writer as? DatabasePool else { return try sequentially() }
        let path = self.path
        for _ in 0..<3 {
            let results = PartResults<(state: String?, value: T)>(parts)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                results.set(part, Result {
                    do {
                        return try pool.read { db in
                            let state = try String.fetchOne(db, sql: "SELECT group_concat(seq || ' ' || sha256 || ' ' || loaded_at, ',') FROM filing")
                            return (state, try body(part, db))
                        }
                    } catch let error as DatabaseError {
                        throw SQLiteStore.translate(error, path: path)
                    }
                })
            }
            let outcomes = try results.values()
            if outcomes.allSatisfy({ $0.state == outcomes[0].state }) { return outcomes.map(\.value) }
        }
        // Loads kept committing between the starts: one connection, one snapshot.
        return try sequentially()
    }

    /// An in-memory registry, for tests.
    public init() throws {
        path = ":memory:"
        created = false
        busyTimeout = 0
        var config = Configuration()
        config.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: config)
        try migrate()
    }

    private func migrate(readOnly: Bool = false) throws {
        let migrator = Schema.migrator
        let known = Set(migrator.migrations)
        let applied = try writer.read { db in
            try db.tableExists("grdb_migrations") ? try migrator.appliedIdentifiers(db) : []
        }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown.sorted()) }
        if readOnly {
            if applied != known {
                throw StoreError.database(path: path, message: "this registry needs its schema brought up to date, but it cannot be written (read-only); open it once where it can be written")
            }
            return
        }
        try migrator.migrate(writer)
    }

    // MARK: writing

    public func withFilingSession<T>(_ body: (any FilingSession) throws -> T) throws -> T {
        do {
            return try withDirectWrites {
                try writer.write { db in
                    let session = SQLiteFilingSession(db: db)
                    return try body(session)
                }
            }
        } catch let error as DatabaseError {
            throw SQLiteStore.translate(error, path: path)
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
    private func withoutWaiting<T>(_ db: Database, _ body: (Database) -> T) -> T {
        sqlite3_busy_timeout(db.sqliteConnection, 0)
        defer { sqlite3_busy_timeout(db.sqliteConnection, Int32(busyTimeout * 1000)) }
        return body(db)
    }

    public func retract(filingID: String) throws -> FilingInfo {
        do {
            return try retractInTransaction(filingID: filingID)
        } catch let error as DatabaseError {
            throw SQLiteStore.translate(error, path: path)
        }
    }

    private func retractInTransaction(filingID: String) throws -> FilingInfo {
        try writer.write { db in
            guard let info = try SQLiteStore.filingInfo(db, id: filingID) else { throw StoreError.noSuchFiling(id: filingID) }
            try SQLiteStore.remove(db, seq: info.sequence)
            let dangling = try SQLiteStore.danglingReferences(db, onlyFiling: nil)
            if !dangling.isEmpty {
                let lines = dangling.prefix(20).map { "\($0.filingID) line \($0.line): \($0.kind.rawValue) refers to \($0.message)" }
                throw StoreError.retractionWouldBreak(id: filingID, dependents: lines + (dangling.count > 20 ? ["… and \(dangling.count - 20) more"] : []))
            }
            return info
        }
    }

    /// Deletes a filing's facts and brings the current view up to date.
    static func remove(_ db: Database, seq: Int) throws {
        for table in Schema.factTables {
            try markTouched(db, table: table, seq: seq)
            try db.execute(sql: "DELETE FROM \(table) WHERE filing = ?", arguments: [seq])
            try refreshCurrent(db, table: table)
        }
        try db.execute(sql: "DELETE FROM filing WHERE seq = ?", arguments: [seq])
        try refreshResolution(db)
    }

    static func markTouched(_ db: Database, table: String, seq: Int) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS touched(nk TEXT PRIMARY KEY) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM temp.touched")
        try db.execute(sql: "INSERT OR IGNORE INTO temp.touched SELECT nk FROM \(table) WHERE filing = ?", arguments: [seq])
    }

    /// For every key in `keys` (a table of natural keys, `nk`), makes the fact of the filing with the
    /// highest precedence current.
    static func refreshCurrent(_ db: Database, table: String, keys: String = "temp.touched") throws {
        try db.execute(sql: "UPDATE \(table) SET current = 0 WHERE current = 1 AND nk IN (SELECT nk FROM \(keys))")
        try db.execute(sql: """
            UPDATE \(table) SET current = 1 WHERE rowid IN (
              SELECT (SELECT t.rowid FROM \(table) t JOIN filing f ON f.seq = t.filing
                      WHERE t.nk = k.nk ORDER BY f.precedence DESC LIMIT 1)
              FROM \(keys) k)
            """)
    }

    /// Links designations by name to the current firm of that normalised name within their region.
    /// With `onlyFiling`, only that filing's designations (when no firm changed).
    static func refreshResolution(_ db: Database, onlyFiling seq: Int? = nil) throws {
        try db.execute(sql: """
            UPDATE designation SET resolved = (
              SELECT f.uscc FROM firm f
              WHERE f.current = 1 AND f.name_key = designation.name_key
                AND (substr(f.region_now, 1, length(designation.unit)) = designation.unit
                     OR substr(f.region, 1, length(designation.unit)) = designation.unit)
              ORDER BY f.uscc LIMIT 1)
            WHERE uscc IS NULL\(seq == nil ? "" : " AND filing = \(seq!)")
            """)
    }

    struct Dangling {
        var filingID: String
        var kind: RecordKind
        var line: Int
        var rowid: Int64
        var message: String
    }

    /// With `tables`, only references held by those tables (the kinds a filing states). In `freshTables`
    /// (every row is the filing's, see SQLiteFilingSession) a reference with an index on its values is
    /// first checked value by value in that index's order, so the look-ups into the target walk its
    /// index in order instead of at random; only when some value is missing are the rows read.
    static func danglingReferences(_ db: Database, onlyFiling seq: Int?, tables: Set<String>? = nil,
                                   freshTables: Set<String> = []) throws -> [Dangling] {
        var out: [Dangling] = []
        for ref in Schema.references where tables?.contains(ref.table) ?? true {
            if freshTables.contains(ref.table), let scan = Schema.referenceIndexes["\(ref.table).\(ref.column)"] {
                let anyMissing = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM \(ref.table) t INDEXED BY \(scan.index)
                                   WHERE t.\(scan.column) IS NOT NULL \(scan.condition)
                                     AND NOT EXISTS (SELECT 1 FROM \(ref.target) x WHERE x.nk = t.\(scan.column)))
                    """) ?? true
                if !anyMissing { continue }
            }
            let filter = seq == nil ? "" : "AND t.filing = \(seq!)"
            let rows = try Row.fetchAll(db, sql: """
                SELECT f.id AS fid, t.line, t.rowid AS rid, t.\(ref.column) AS ref FROM \(ref.table) t JOIN filing f ON f.seq = t.filing
                WHERE t.\(ref.column) IS NOT NULL \(filter)
                  AND NOT EXISTS (SELECT 1 FROM \(ref.target) x WHERE x.nk = t.\(ref.column))
                ORDER BY t.filing, t.line
                """)
            let kind = RecordKind(rawValue: ref.table.replacingOccurrences(of: "_", with: "-"))!
            for r in rows {
                let target: String = r["ref"]
                out.append(Dangling(
                    filingID: r["fid"], kind: kind, line: r["line"], rowid: r["rid"],
                    message: "\(ref.noun) '\(target)', which no loaded filing defines"))
            }
        }
        return out.sorted { ($0.filingID, $0.line) < ($1.filingID, $1.line) }
    }

    // MARK: reading

    public func filings() throws -> [FilingInfo] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM filing ORDER BY seq").map(FilingRows.info)
        }
    }

    static func filingInfo(_ db: Database, id: String) throws -> FilingInfo? {
        try Row.fetchOne(db, sql: "SELECT * FROM filing WHERE id = ?", arguments: [id]).map(FilingRows.info)
    }


    public func newestIssued() throws -> Day? {
        try reading { db in
            try String.fetchOne(db, sql: "SELECT max(issued) FROM filing").flatMap(Day.init)
        }
    }

    /// Current facts of one table, optionally only those whose `column` equals `value`, with their filing.
    public func currentFacts<V>(_ table: String, where column: String?, equals value: String?, orderBy: String,
                                _ make: (any StoredRow) -> V) throws -> [Fact<V>] {
        try reading { db in
            let filter = value == nil ? "" : "AND t.\(column!) = ?"
            let args: StatementArguments = value.map { [$0] } ?? []
            // Row by row off the statement: the rows are turned into facts one at a time instead of
            // all being copied first (at a million rows, the copy alone is hundreds of megabytes).
            // One string per filing id, shared by its facts, not one per fact.
            var out: [Fact<V>] = []
            var filings: [Int64: String] = [:]
            try NamedColumns.each(db, sql: """
                SELECT t.*, f.id AS fid FROM \(table) t JOIN filing f ON f.seq = t.filing
                WHERE t.current = 1 \(filter) ORDER BY \(orderBy)
                """, arguments: args) { r in
                let seq = r.integer("filing") ?? 0
                let filing: String
                if let known = filings[seq] {
                    filing = known
                } else {
                    filing = r.string("fid")
                    filings[seq] = filing
                }
                out.append(Fact(value: make(r), filing: filing, line: r.int("line") ?? 0))
            }
            return out
        }
    }

    public func annualReportYears() throws -> [Int] {
        // Sorted here: with ORDER BY, SQLite probes a temporary b-tree once per report (1.1 s at 10M,
        // against 0.4 s for the plain DISTINCT).
        try reading { db in try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM annual_report WHERE current = 1").sorted() }
    }

    public func annualReports(year: Int) throws -> [Fact<AnnualReport>] {
        // In row-id order: one pass over the table, where an order by firm would sort them all or
        // read them along the firm index, a random page each.
        try currentFacts("annual_report", where: "year", equals: String(year), orderBy: "t.rowid") { FactColumns.annualReport($0) }
    }

    public func firms(_ q: FirmQuery) throws -> [FirmFact] {
        try reading { db in
            var out: [FirmFact] = []
            var conds = ["t.current = 1"]
            var args: [any DatabaseValueConvertible] = []
            // A firm's natural key is its code: asking for both lets the (nk, current) index find it
            // instead of a scan of every firm per look-up.
            if let u = q.uscc { conds.append("t.nk = ? AND t.uscc = ?"); args += [USCC.normalize(u), USCC.normalize(u)] }
            if let n = q.name { conds.append("instr(t.name_key, ?) > 0"); args.append(FilingText.nameKey(n)) }
            if let r = q.region { conds.append("(substr(t.region_now, 1, length(?)) = ? OR substr(t.region, 1, length(?)) = ?)"); args += [r, r, r, r] }
            if let p = q.park { conds.append("t.park = ?"); args.append(p) }
            if let p = q.program { conds.append("EXISTS (SELECT 1 FROM designation d WHERE d.current = 1 AND d.resolved = t.uscc AND d.program = ?)"); args.append(p.rawValue) }
            if q.badCodesOnly { conds.append("t.uscc_ok = 0") }
            let limit = q.limit.map { " LIMIT \($0)" } ?? ""
            if !q.unresolvedOnly {
                try NamedColumns.each(db, sql: "SELECT t.*, f.id AS fid FROM firm t JOIN filing f ON f.seq = t.filing WHERE \(conds.joined(separator: " AND ")) ORDER BY t.name_key\(limit)",
                                      arguments: StatementArguments(args)) { out.append(SQLiteStore.firmFact($0)) }
            }
            if (q.unresolvedOnly || (q.name != nil && q.uscc == nil && !q.badCodesOnly && q.park == nil)) {
                var dc = ["d.current = 1", "d.resolved IS NULL", "d.uscc IS NULL"]
                var dargs: [any DatabaseValueConvertible] = []
                if let n = q.name { dc.append("instr(d.name_key, ?) > 0"); dargs.append(FilingText.nameKey(n)) }
                if let r = q.region { dc.append("(substr(d.unit, 1, length(?)) = ? OR substr(?, 1, length(d.unit)) = d.unit)"); dargs += [r, r, r] }
                if let p = q.program { dc.append("d.program = ?"); dargs.append(p.rawValue) }
                let rows = try Row.fetchAll(db, sql: """
                    SELECT d.name_key, d.unit, min(d.firm_name) AS firm_name, min(f.id) AS fid, min(d.line) AS line
                    FROM designation d JOIN filing f ON f.seq = d.filing
                    WHERE \(dc.joined(separator: " AND ")) GROUP BY d.name_key, d.unit ORDER BY d.name_key\(limit)
                    """, arguments: StatementArguments(dargs))
                for r in rows {
                    let unit: String = r["unit"]
                    let name: String = r["firm_name"]
                    let placement = FactColumns.provisionalPlacement(nameKey: r["name_key"], name: name, unit: unit)
                    out.append(FirmFact(
                        firm: Firm(uscc: "", name: name, region: unit, park: nil, industry: nil, founded: nil, status: .active, usccValid: true),
                        placement: placement, filing: r["fid"], line: r["line"]))
                }
            }
            return out
        }
    }

    public func firms(usccs: Set<String>) throws -> [FirmFact] {
        guard !usccs.isEmpty else { return [] }
        // The codes as JSON arrays, written here: JSONEncoder took a tenth of growth's look-up of
        // 1.45M firms at 10M. SQLite sorts them itself for the IN. Many codes are looked up in two
        // halves (by the parity of the code's last byte, so the rows' order is the same from run to
        // run) on two connections at once: growth at 10M, 1.45M firms, the look-up 11 → 6 s.
        let parts = usccs.count >= 20_000 ? 2 : 1
        var json = Array(repeating: "[", count: parts)
        for code in usccs {
            let code = USCC.normalize(code)
            let part = Int(code.utf8.last ?? 0) % parts
            if json[part].utf8.count > 1 { json[part] += "," }
            SQLiteStore.appendJSONString(code, to: &json[part])
        }
        let arrays = json.map { $0 + "]" }
        return try readingInParts(parts) { part, db in
            // A firm's natural key is its code: the (nk, current) index finds each one, and gives its
            // row id. The rows are then read in row-id order, table page after table page, instead of
            // in code order, a random page each: growth at 1M looks up 131,551 firms, 152,000 `pread`
            // calls in code order, 59,000 in row-id order (the query 0.76 → 0.52 s). No ORDER BY:
            // sorting 1.45M whole rows by name spilled to disk at 10M, and every caller keys them by code.
            var out: [FirmFact] = []
            try NamedColumns.each(db, sql: """
                SELECT t.*, f.id AS fid FROM firm t JOIN filing f ON f.seq = t.filing
                WHERE t.rowid IN (SELECT x.rowid FROM firm x WHERE x.current = 1 AND x.nk IN (SELECT value FROM json_each(?)))
                """, arguments: [arrays[part]]) { out.append(SQLiteStore.firmFact($0)) }
            return out
        }.flatMap { $0 }
    }

    /// `text` as a JSON string (RFC 8259: quote, backslash and control characters escaped).
    static func appendJSONString(_ text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case _ where scalar.value < 0x20: json += String(format: "\\u%04x", scalar.value)
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }

    static func firmFact(_ r: some StoredRow) -> FirmFact {
        let firm = FactColumns.firm(r)
        return FirmFact(firm: firm, placement: FactColumns.placement(r, firm: firm), filing: r.string("fid"), line: r.int("line") ?? 0)
    }

    public func designations(program: Program?) throws -> [DesignationFact] {
        try designations(program: program, levels: Set(Level.allCases))
    }

    public func designations(program: Program?, levels: Set<Level>) throws -> [DesignationFact] {
        try designations(program: program, levels: levels, unexpiredOn: nil)
    }

    public func designations(program: Program?, levels: Set<Level>, unexpiredOn: Day?) throws -> [DesignationFact] {
        var filter = program == nil ? "" : "AND d.program = ?"
        var args: StatementArguments = program.map { [$0.rawValue] } ?? []
        // On the covering path checked on the index entry (valid_to is in the covering index), so an
        // expired designation costs no look-up of its firm. Dates are stored as YYYY-MM-DD, which
        // compare as text in date order.
        if let unexpiredOn {
            filter += " AND (d.valid_to IS NULL OR d.valid_to >= ?)"
            args += [unexpiredOn.description]
        }
        guard levels != Set(Level.allCases) else {
            // Designations come in the order of the index read, which analyses' answers may follow
            // (first designation found, evidence lists): without a level filter that stays
            // `designation_program`, as before designation_program_level existed.
            return try reading { db in
                try SQLiteStore.designations(db, index: "designation_program", filter: filter, arguments: args).map(\.fact)
            }
        }
        filter += " AND d.level IN (\(levels.map { _ in "?" }.joined(separator: ",")))"
        args += StatementArguments(levels.map(\.rawValue).sorted())
        // Covering (migration v3): the designation rows are not read. Most of the time goes to
        // looking up each designation's firm (an index leaf and a table page, at random), so the
        // rows are read in two halves (odd and even row ids; the row id is in every index entry) on
        // two connections at once, one per core, and merged back into the index's order (program,
        // level, filing, line, then row). rank at 10M: the query 0.8 → 0.5 s.
        let (halfFilter, halfArguments) = (filter, args)
        let halves = try readingInParts(2) { part, db in
            try SQLiteStore.designations(db, index: "designation_program_level_rows",
                                         filter: halfFilter + " AND (d.rowid & 1) = \(part)", arguments: halfArguments)
        }
        var out: [DesignationFact] = []
        out.reserveCapacity(halves.reduce(0) { $0 + $1.count })
        var a = halves[0][...], b = halves[1][...]
        while let x = a.first, let y = b.first {
            if y.order < x.order { out.append(y.fact); b = b.dropFirst() } else { out.append(x.fact); a = a.dropFirst() }
        }
        out += a.map(\.fact)
        out += b.map(\.fact)
        return out
    }

    /// Where a designation stands in the order of the designation indexes.
    struct DesignationOrder: Comparable, Sendable {
        var program: String, level: String, filing: Int, line: Int, row: Int
        static func < (l: Self, r: Self) -> Bool {
            (l.program, l.level, l.filing, l.line, l.row) < (r.program, r.level, r.filing, r.line, r.row)
        }
    }

    /// The current designations `filter` admits, read along `index`, with their firms' placements.
    static func designations(_ db: Database, index: String, filter: String, arguments: StatementArguments) throws -> [(order: DesignationOrder, fact: DesignationFact)] {
        // Columns read by position, straight from the statement (`Columns`). The filing's id and
        // issue date are made once per filing.
        var filings: [Int: (id: String, issued: Day?)] = [:]
        var out: [(order: DesignationOrder, fact: DesignationFact)] = []
        try Columns.each(db, sql: """
            SELECT d.uscc, d.firm_name, d.region, d.program, d.level, d.year, d.batch, d.valid_from, d.valid_to,
                   d.status, d.revoked_on, d.resolved, d.name_key, d.unit, d.line, d.filing, fl.id, fl.issued,
                   f.name, f.region, f.region_now, f.prefecture, f.province, f.park, d.rowid
            FROM designation d INDEXED BY \(index) JOIN filing fl ON fl.seq = d.filing
            LEFT JOIN firm f ON f.nk = d.resolved AND f.current = 1
            WHERE d.current = 1 \(filter)
            """, arguments: arguments) { r in
            let programText = r.text(3) ?? "", levelText = r.text(4) ?? ""
            let d = Designation(
                uscc: r.text(0), firmName: r.text(1), region: r.text(2),
                program: Program(rawValue: programText) ?? .littleGiant,
                level: Level(rawValue: levelText) ?? .municipal,
                year: r.int(5) ?? 0, batch: r.text(6), validFrom: r.day(7), validTo: r.day(8),
                status: r.text(9).flatMap(DesignationStatus.init(rawValue:)) ?? .active, revokedOn: r.day(10))
            let placement: FirmPlacement
            if let resolved = r.text(11), let name = r.text(18) {
                // A designation by code resolves to that code: one string for both.
                placement = FirmPlacement(
                    key: resolved == d.uscc ? d.uscc! : resolved, name: name, resolved: true, region: r.text(19) ?? "", county: r.text(20),
                    prefecture: r.text(21), province: r.text(22) ?? "", park: r.text(23))
            } else {
                placement = FactColumns.provisionalPlacement(nameKey: r.text(12) ?? "", name: d.firmName ?? "", unit: r.text(13) ?? "")
            }
            let seq = r.int(15) ?? 0, line = r.int(14) ?? 0
            let filing: (id: String, issued: Day?)
            if let known = filings[seq] {
                filing = known
            } else {
                filing = (r.text(16) ?? "", r.day(17))
                filings[seq] = filing
            }
            out.append((DesignationOrder(program: programText, level: levelText, filing: seq, line: line, row: r.int(24) ?? 0),
                        DesignationFact(designation: d, filing: filing.id, line: line, filingIssued: filing.issued, firm: placement)))
        }
        return out
    }

    /// The registry's content as text, for tests that prove a refused load changed nothing.
    public func contentDump() throws -> String {
        try reading { db in
            var out = ""
            for table in ["filing"] + Schema.factTables {
                out += "## \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") {
                    out += row.description + "\n"
                }
            }
            return out
        }
    }

    /// Runs SQLite's integrity check; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try reading { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }
}

/// The outcomes of `readingInParts`' parts, set from their threads.
private final class PartResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<T, any Error>?]

    init(_ count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ part: Int, _ result: Result<T, any Error>) {
        lock.withLock { results[part] = result }
    }

    /// The values in part order, or the first part's error.
    func values() throws -> [T] {
        try lock.withLock { results }.map { try $0!.get() }
    }
}
