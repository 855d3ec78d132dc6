import Foundation
import GRDB
import RegistryTesting
import Testing
@testable import Core

/// A registry path is recognised before anything is written there (issue #14, items 8 and 13).
@Suite("Registry files: recognised before written, made only by a load that lands")
struct RegistryFileTests {
    /// A fresh folder, removed when `body` returns.
    static func inFolder(_ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    /// What lies in the folder, by name (the sidecar files a connection may leave show here).
    static func names(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    static func applicationID(_ path: String) throws -> Int32 {
        try DatabaseQueue(path: path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id")! }
    }

    static func loadSomething(into store: any RegistryStore) throws {
        try InlineRegistry.load(RegistryTests.park + RegistryTests.firm(1), id: "one", into: store)
    }

    @Test("another program's SQLite database is refused by readers and loaders, and left byte for byte as it was, without sidecar files",
          arguments: [false, true])
    func foreignDatabase(wal: Bool) throws {
        try Self.inFolder { (dir: URL) throws in
            let path = dir.appendingPathComponent("other.db").path
            do {
                let other: any DatabaseWriter = wal ? try DatabasePool(path: path) : try DatabaseQueue(path: path)
                try other.write { db in
                    try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)")
                }
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let files = try Self.names(dir)
            #expect(files == ["other.db"])
            for create in [false, true] {
                do {
                    let store = try SQLiteStore(path: path, create: create)
                    try Self.loadSomething(into: store)
                    Issue.record("opened another program's database (create: \(create))")
                } catch let error as StoreError {
                    guard case let .notARegistry(_, found) = error else { Issue.record("\(error)"); continue }
                    #expect(found == .otherDatabase(tables: ["t"]))
                    #expect(error.remedy == .nameRegistry)
                }
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try Self.names(dir) == files)
        }
    }

    @Test("a file that is not an SQLite database is refused and left as it was")
    func notSQLite() throws {
        try Self.inFolder { (dir: URL) throws in
            let path = dir.appendingPathComponent("notes.sqlite").path
            let text = Data("not a database, but more than a hundred bytes of something else entirely: ".utf8 + Array(repeating: UInt8(65), count: 100))
            try text.write(to: URL(fileURLWithPath: path))
            for create in [false, true] {
                #expect { _ = try SQLiteStore(path: path, create: create) } throws: { error in
                    guard case let .notARegistry(_, found) = error as? StoreError else { return false }
                    return found == .notSQLite
                }
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
            #expect(try Self.names(dir) == ["notes.sqlite"])
        }
    }

    @Test("an empty file is no registry to a reader, which leaves it empty; a load makes it one, stamped with regctl's application id")
    func emptyFile() throws {
        try Self.inFolder { (dir: URL) throws in
            let path = dir.appendingPathComponent("empty.sqlite").path
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            #expect { _ = try SQLiteStore(path: path, create: false) } throws: { error in
                guard case .noRegistry = error as? StoreError else { return false }
                return true
            }
            #expect(SQLiteStore.size(path) == 0)
            #expect(try Self.names(dir) == ["empty.sqlite"])
            do {
                let store = try SQLiteStore(path: path)
                try Self.loadSomething(into: store)
            }
            #expect(try Self.applicationID(path) == RegistryFile.applicationID)
            #expect(try SQLiteStore(path: path, create: false).filings().map(\.header.id) == ["one"])
        }
    }

    @Test("a first open killed after GRDB's migrations table and before regctl's first migration leaves no registry, not a foreign database")
    func killedBeforeFirstMigration() throws {
        try Self.inFolder { (dir: URL) throws in
            let path = dir.appendingPathComponent("half.sqlite").path
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            }
            #expect { _ = try SQLiteStore(path: path, create: false) } throws: { error in
                guard case .noRegistry = error as? StoreError else { return false }
                return true
            }
            let store = try SQLiteStore(path: path)
            try Self.loadSomething(into: store)
            #expect(try SQLiteStore(path: path, create: false).filings().map(\.header.id) == ["one"])
        }
    }

    @Test("a registry made before the application id opens for reading, answers as before, and is stamped")
    func registryOfAnEarlierVersion() throws {
        try Self.inFolder { (dir: URL) throws in
            let path = dir.appendingPathComponent("old.sqlite").path
            do {
                let store = try SQLiteStore(path: path)
                try Self.loadSomething(into: store)
            }
            // Back to what the previous version wrote: no application id, no record of its migration.
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "PRAGMA application_id = 0; DELETE FROM grdb_migrations WHERE identifier = 'v4-application-id'")
            }
            #expect(try Self.applicationID(path) == 0)
            #expect(try RegistryFile.inspect(path) == .registry)
            let store = try SQLiteStore(path: path, create: false)
            #expect(try store.filings().map(\.header.id) == ["one"])
            #expect(try store.firms(FirmQuery()).count == 1)
            #expect(try Self.applicationID(path) == RegistryFile.applicationID)
        }
    }

    @Test("a reader given a path where nothing is makes nothing there")
    func readerMakesNothing() throws {
        try Self.inFolder { (dir: URL) throws in
            let path = dir.appendingPathComponent("none.sqlite").path
            #expect(throws: StoreError.self) { _ = try SQLiteStore(path: path, create: false) }
            #expect(try Self.names(dir).isEmpty)
        }
    }

    @Test("a refused first load leaves no registry behind (no file, no journal, WAL or shared memory), and the store still loads afterwards")
    func refusedFirstLoadLeavesNothing() throws {
        try Self.inFolder { (dir: URL) throws in
            let path = dir.appendingPathComponent("new.sqlite").path
            let store = try SQLiteStore(path: path)
            #expect(try store.filings().isEmpty)
            #expect(try Self.names(dir).isEmpty)
            // A designation of a firm no filing defines: refused by the whole-filing checks, inside the write.
            #expect(throws: LoadError.self) {
                try InlineRegistry.load(#"<designation uscc="\#(Codes.uscc("430211", 9))" program="little-giant" level="national" year="2021"/>"#,
                                        id: "dangling", into: store)
            }
            #expect(try Self.names(dir).isEmpty)
            #expect(try store.filings().isEmpty)
            try Self.loadSomething(into: store)
            #expect(try Self.names(dir).contains("new.sqlite"))
            #expect(try SQLiteStore(path: path, create: false).filings().map(\.header.id) == ["one"])
        }
    }

    @Test("a refused first load into an empty file leaves it empty")
    func refusedFirstLoadIntoEmptyFile() throws {
        try Self.inFolder { (dir: URL) throws in
            let path = dir.appendingPathComponent("empty.sqlite").path
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            let store = try SQLiteStore(path: path)
            #expect(throws: (any Error).self) {
                try store.withFilingSession { _ in throw CancellationError() }
            }
            #expect(SQLiteStore.size(path) == 0)
            #expect(try Self.names(dir) == ["empty.sqlite"])
        }
    }
}
