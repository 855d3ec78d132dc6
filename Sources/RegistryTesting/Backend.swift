import Core
import Foundation
import PostgresRegistry

/// The storage backends a test runs on. Storage and analytics tests take one as their argument, so one
/// test body runs on both; PostgreSQL only when `REGCTL_TEST_POSTGRES` names a server (as `scripts/test`
/// and `.ci/run` arrange with a throwaway cluster). Without one, ``postgresSkipReason`` says why, and each
/// test target reports a skipped "PostgreSQL server" test, so that the missing half is visible.
public enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The backend of the running test: fixtures make their registries with it, so that a test body
    /// written once runs on each backend (`Backend.$current.withValue(backend) { … }`).
    @TaskLocal public static var current: Backend = .sqlite

    /// The server the PostgreSQL half of the suite uses: a role that owns a database (each test gets a
    /// schema of its own in it).
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["REGCTL_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A role of the same database with no rights of its own (the read-only role test grants it some).
    public static var postgresAnalystURL: String? {
        ProcessInfo.processInfo.environment["REGCTL_TEST_POSTGRES_ANALYST"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var postgresSkipReason: String {
        "no PostgreSQL server: REGCTL_TEST_POSTGRES is not set (scripts/test starts a throwaway one; docs/postgres.md)"
    }

    /// The backends this run covers.
    public static var testable: [Backend] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A new, empty registry: SQLite in memory, or a fresh schema on the test server.
    public func makeRegistry() throws -> any Registry {
        switch self {
        case .sqlite:
            return try SQLiteStore()
        case .postgres:
            return try PostgresStore(connectionString: try Backend.scratchConnectionString(), create: true)
        }
    }

    /// Where a new registry lives: a file for SQLite (in `directory`), a connection string naming a new
    /// schema for PostgreSQL. For tests that hand the location to the `regctl` executable.
    public func makeLocation(in directory: URL) throws -> String {
        switch self {
        case .sqlite: return directory.appendingPathComponent("registry-\(UUID().uuidString.prefix(8)).sqlite").path
        case .postgres: return try Backend.scratchConnectionString()
        }
    }

    /// Opens an existing registry at a location ``makeLocation(in:)`` gave.
    public static func open(_ location: String) throws -> any Registry {
        ConnectionString.isPostgres(location)
            ? try PostgresStore(connectionString: location, create: false)
            : try SQLiteStore(path: location, create: false)
    }

    /// Creates a schema on the test server and returns a connection string working in it.
    public static func scratchConnectionString() throws -> String {
        guard let base = postgresURL else { throw StoreError.cannotOpen(path: "postgres", reason: postgresSkipReason) }
        let schema = Scratch.next()
        try PostgresMaintenance.execute("CREATE SCHEMA \(schema)", connectionString: base)
        return PostgresMaintenance.connectionString(base, schema: schema)
    }

    /// The schemas this process made; dropped when it exits, and those of test processes that died
    /// are dropped by the next run.
    enum Scratch {
        nonisolated(unsafe) static var made: [String] = []
        nonisolated(unsafe) static var started = false
        static let lock = NSLock()

        static func next() -> String {
            lock.lock()
            defer { lock.unlock() }
            if !started {
                started = true
                dropOrphans()
                atexit { Backend.Scratch.dropAll() }
            }
            let name = "regctl_t_\(getpid())_\(made.count)_\(UInt32.random(in: 0...UInt32.max))"
            made.append(name)
            return name
        }

        static func dropAll() {
            guard let base = Backend.postgresURL, !made.isEmpty else { return }
            try? PostgresMaintenance.execute(made.map { "DROP SCHEMA IF EXISTS \($0) CASCADE;" }.joined(), connectionString: base)
        }

        /// Schemas of earlier test processes on this machine that are no longer running.
        static func dropOrphans() {
            guard let base = Backend.postgresURL,
                  let list = try? PostgresMaintenance.value(
                    "SELECT string_agg(nspname, ' ') FROM pg_namespace WHERE nspname LIKE 'regctl\\_t\\_%'", connectionString: base)
            else { return }
            var drops: [String] = []
            for name in list.split(separator: " ") {
                let parts = name.split(separator: "_")
                guard parts.count >= 4, let pid = Int32(parts[2]) else { continue }
                if kill(pid, 0) != 0 && errno == ESRCH { drops.append("DROP SCHEMA IF EXISTS \(name) CASCADE;") }
            }
            if !drops.isEmpty { try? PostgresMaintenance.execute(drops.joined(), connectionString: base) }
        }
    }
}
