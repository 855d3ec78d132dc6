import Foundation
import GRDB

/// What lies at a registry's path, found before anything is written there.
///
/// A registry is an SQLite file with regctl's application id in its header, or, made by an earlier
/// version, regctl's migrations in `grdb_migrations`. Looking never changes the file: the header is
/// read as bytes, and only a database without the application id is opened, read-only, as immutable
/// when no journal or WAL lies beside it (opening it otherwise could make a shared-memory file, and
/// opening it as regctl's pool would turn on WAL mode, which writes the header).
enum RegistryFile: Equatable {
    /// Nothing at the path.
    case absent
    /// A file of zero bytes: regctl may make it a registry.
    case emptyFile
    /// An SQLite database without a table, which regctl may make a registry.
    case emptyDatabase
    /// A regctl registry, or something SQLite itself will refuse (a folder, an unreadable file).
    case registry
    /// Not a registry: never written to.
    case foreign(StoreError.ForeignContent)

    /// regctl's SQLite `application_id`: "RCTL" in ASCII.
    static let applicationID: Int32 = 0x5243_544C

    /// Paths this process has opened connections to as registries (see `inspect`).
    static let opened = OpenedPaths()

    /// The SQLite header's first 16 bytes.
    private static let magic = Array("SQLite format 3\u{0}".utf8)

    static func inspect(_ path: String) throws -> RegistryFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .absent }
        // Closing any descriptor of a file drops every POSIX lock this process holds on it (SQLite's
        // "How To Corrupt An SQLite Database File", 2.2), so the header of a registry that this
        // process's connections may be using is not read again by hand: a stat tells enough.
        if opened.contains(path), (SQLiteStore.size(path) ?? 0) >= 100 { return .registry }
        guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: path) else { return .registry }
        let header = (try? handle.read(upToCount: 100)).map { [UInt8]($0) } ?? []
        try? handle.close()
        if header.isEmpty { return .emptyFile }
        guard header.count == 100, Array(header.prefix(16)) == magic else { return .foreign(.notSQLite) }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if Int32(bitPattern: id) == applicationID { return .registry }
        return try inspectSchema(path)
    }

    /// Tells a registry of an earlier version (no application id) from another program's database.
    private static func inspectSchema(_ path: String) throws -> RegistryFile {
        let sidecars = ["-wal", "-journal"].contains { FileManager.default.fileExists(atPath: path + $0) }
        do {
            return try inspectSchema(path, immutable: !sidecars)
        } catch let error as DatabaseError {
            // A hot journal that a read-only connection cannot roll back (a load of an earlier version
            // killed): the file itself still names its tables, and opening it as a registry rolls back.
            guard sidecars, let found = try? inspectSchema(path, immutable: true) else { throw StoreError(error, path: path) }
            return found
        }
    }

    private static func inspectSchema(_ path: String, immutable: Bool) throws -> RegistryFile {
        var config = Configuration()
        config.readonly = true
        config.foreignKeysEnabled = false
        var location = path
        if immutable {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            location = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute) + "?immutable=1"
        }
        let queue = try DatabaseQueue(path: location, configuration: config)
        defer { try? queue.close() }
        let (tables, migrations) = try queue.read { db -> ([String], [String]) in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            let migrations = tables.contains("grdb_migrations")
                ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
            return (tables, migrations)
        }
        if tables.isEmpty { return .emptyDatabase }
        if migrations.contains(Schema.firstMigration) { return .registry }
        // GRDB creates its migrations table in a transaction of its own before the first migration's:
        // a registry killed between the two holds that table alone, empty. It was never a registry,
        // nor anybody else's database.
        if tables == ["grdb_migrations"] && migrations.isEmpty { return .emptyDatabase }
        return .foreign(.otherDatabase(tables: Array(tables.prefix(5))))
    }
}

/// The registries this process has connections to, by standardised path.
final class OpenedPaths: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []

    private static func key(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    func insert(_ path: String) {
        let key = Self.key(path)
        lock.withLock { _ = paths.insert(key) }
    }

    func contains(_ path: String) -> Bool {
        let key = Self.key(path)
        return lock.withLock { paths.contains(key) }
    }
}
