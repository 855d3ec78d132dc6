import Foundation
import GRDB

/// The registry in one SQLite file (WAL mode: readers see a consistent state while a load writes).
///
/// Opening recognises the file before anything is written to it (``RegistryFile``): another program's
/// database is refused and left as it was. A new path, or an empty file, becomes a registry on the
/// first write that succeeds: until then the store answers as an empty registry and the file is not
/// made, and a first write that fails leaves the path as it found it.
public final class SQLiteStore: RegistryStore, FactTableReading {
    /// The connections reads and writes go through: the file's, or an empty registry in memory while
    /// the file is yet to be made (see ``Birth``).
    let connections: Connections
    var writer: any DatabaseWriter { connections.writer }
    public let path: String
    /// Whether this process created the registry file: its loads may then be written straight into
    /// the file (see `withDirectWrites`).
    let created: Bool
    let busyTimeout: Double
    let maxPageCount: Int?

    /// The writer's page cache, as `PRAGMA cache_size` takes it (negative: KiB, so the same bytes
    /// whatever a registry's page size).
    static let writerCacheSize = -16384

    /// The page size of a registry's file when this process makes it. A registry keeps the page size
    /// it was made with: SQLite fixes it with the file's first table, and regctl never `VACUUM`s.
    static let newPageSize = 8192

    /// Opens the registry at `path`, bringing an older schema up to date; with `create`, a new path or
    /// an empty file is made a registry by the first load. Writers wait up to `busyTimeout` seconds for
    /// another process's load to finish. A registry on read-only media (or in a read-only folder)
    /// opens for reading; writing to it then fails clearly. A file that is not a registry is refused
    /// (``StoreError/notARegistry(path:found:)``) without a byte of it changed.
    public convenience init(path: String, create: Bool = true, busyTimeout: Double = 10) throws {
        try self.init(path: path, create: create, maxPageCount: nil, busyTimeout: busyTimeout)
    }

    /// Opens the registry with SQLite's file size capped at `maxPageCount` pages (tests use this to
    /// run out of space without filling a disk).
    init(path: String, create: Bool, maxPageCount: Int?, busyTimeout: Double = 10) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        self.maxPageCount = maxPageCount
        let found = try RegistryFile.inspect(path)
        switch found {
        case .foreign(let content):
            throw StoreError.notARegistry(path: path, found: content)
        case .absent, .emptyFile, .emptyDatabase:
            if !create { throw StoreError.noRegistry(path: path) }
        case .registry:
            break
        }
        created = create && found == .absent
        switch found {
        case .absent, .emptyFile:
            connections = Connections(unborn: found == .absent ? .newFile : .emptyFile, writer: try SQLiteStore.emptyInMemory())
        default:
            let (writer, readOnly) = try SQLiteStore.openFile(path, maxPageCount: maxPageCount, busyTimeout: busyTimeout)
            connections = Connections(unborn: nil, writer: writer)
            do {
                try SQLiteStore.migrate(writer, path: path, readOnly: readOnly)
            } catch let error as DatabaseError {
                throw StoreError(error, path: path)
            }
        }
    }

    /// An in-memory registry, for tests.
    public init() throws {
        path = ":memory:"
        created = false
        busyTimeout = 0
        maxPageCount = nil
        connections = Connections(unborn: nil, writer: try SQLiteStore.emptyInMemory())
    }

    /// An empty registry in memory.
    static func emptyInMemory() throws -> DatabaseQueue {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        try migrate(queue, path: ":memory:")
        return queue
    }

    /// Connects to the registry's file (creating it when absent): a pool in WAL mode, or, where that
    /// cannot be written, one read-only connection. `making`: the file is yet to be a registry, so its
    /// pages get ``newPageSize``.
    static func openFile(_ path: String, making: Bool = false, maxPageCount: Int?, busyTimeout: Double) throws -> (writer: any DatabaseWriter, readOnly: Bool) {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // First, before the pool's WAL set-up writes the file's first page. 8 KiB instead of
            // SQLite's 4: a fresh load's deferred index builds each scan their table, and on 8 KiB
            // pages they read it with half the calls (docs/benchmarks.md, "Loads at the limit of
            // their design").
            if making && !db.configuration.readonly { try db.execute(sql: "PRAGMA page_size = \(SQLiteStore.newPageSize)") }
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
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            RegistryFile.opened.insert(path)
            return (pool, false)
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM].contains(error.resultCode) {
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
                let queue = try DatabaseQueue(path: uri, configuration: readConfig)
                RegistryFile.opened.insert(path)
                return (queue, true)
            } catch let error as DatabaseError {
                throw StoreError(error, path: path)
            }
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Brings the registry's schema up to date (and stamps its application id), or refuses a newer one.
    static func migrate(_ writer: any DatabaseWriter, path: String, readOnly: Bool = false) throws {
        let migrator = Schema.migrator
        let known = Set(migrator.migrations)
        let applied = try writer.read { db in
            try db.tableExists("grdb_migrations") ? try migrator.appliedIdentifiers(db) : []
        }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown.sorted()) }
        if readOnly {
            // Stamping the application id is no change of schema: a registry of an earlier version
            // without it reads as well.
            if applied.union([Schema.applicationIDMigration]) != known {
                throw StoreError.database(path: path, problem: .needsUpgrade, detail: nil)
            }
            return
        }
        // One migration at a time, the WAL checkpointed after each: v7 rebuilds every table, and a new
        // registry's WAL held every migration's pages at once (491 KB for an empty registry: with the
        // file, more than the 600 KB file system of DiskFullTests' real-disk test).
        // (Only when what is applied is a prefix of the list: GRDB refuses to migrate up to a migration
        // that precedes an applied one.)
        let ids = migrator.migrations
        let firstPending = ids.firstIndex { !applied.contains($0) } ?? ids.endIndex
        guard let pool = writer as? DatabasePool, ids[firstPending...].allSatisfy({ !applied.contains($0) }) else {
            try migrator.migrate(writer)
            return
        }
        for id in ids[firstPending...] {
            try migrator.migrate(pool, upTo: id)
            _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        }
    }
}
