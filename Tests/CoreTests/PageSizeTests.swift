import Foundation
import GRDB
import Testing
@testable import Core

/// A registry's page size is set once, when its file is made: 8 KiB for a registry regctl creates now
/// (a fresh load's index builds read their tables with half the reads), while a registry made with
/// 4 KiB pages keeps them for its life.
@Suite("A registry's page size")
struct PageSizeTests {
    /// The page size in a SQLite file's header (bytes 16–17, big-endian; 1 stands for 65536).
    static func pageSize(_ path: String) throws -> Int {
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        let header = try #require(try handle.read(upToCount: 18))
        try #require(header.count == 18)
        let size = Int(header[16]) << 8 | Int(header[17])
        return size == 1 ? 65536 : size
    }

    @Test("a registry regctl creates has 8 KiB pages, made from a new path or an empty file", arguments: [false, true])
    func freshRegistry(emptyFileFirst: Bool) throws {
        let r = try TestRegistry()
        let path = r.directory.appendingPathComponent("fresh.sqlite").path
        if emptyFileFirst { try Data().write(to: URL(fileURLWithPath: path)) }
        let filing = try r.write("a.xml", TestRegistry.xml(id: "a", RegistryTests.park + "\n" + RegistryTests.firm(1)))
        do {
            let store = try SQLiteStore(path: path)
            _ = try FilingLoader(store: store).load(path: filing)
        }
        #expect(try Self.pageSize(path) == 8192)
        let reopened = try SQLiteStore(path: path, create: false)
        #expect(try reopened.integrityCheck() == "ok")
        #expect(try reopened.filings().map(\.header.id) == ["a"])
        #expect(try reopened.reading { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 8192)
    }

    @Test("a registry made with 4 KiB pages keeps them when opened and loaded into; copied, it gets 8 KiB")
    func existingKeepsItsPages() throws {
        let r = try TestRegistry()
        let old = r.directory.appendingPathComponent("old.sqlite").path
        // A registry as regctl made them before: today's schema on 4 KiB pages, no filing yet.
        do {
            var config = Configuration()
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 4096") }
            let pool = try DatabasePool(path: old, configuration: config)
            try SQLiteStore.migrate(pool, path: old)
            try pool.close()
        }
        try #require(try Self.pageSize(old) == 4096)
        let first = try r.write("first.xml", TestRegistry.xml(id: "first", RegistryTests.park + "\n" + RegistryTests.firm(1)))
        var many = RegistryTests.park
        for n in 2...400 { many += "\n" + RegistryTests.firm(n) }
        let second = try r.write("second.xml", TestRegistry.xml(id: "second", many))
        let store = try SQLiteStore(path: old, create: false)
        _ = try FilingLoader(store: store).load(path: first)
        _ = try FilingLoader(store: store).load(path: second)
        #expect(try Self.pageSize(old) == 4096)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.filings().map(\.header.id) == ["first", "second"])
        #expect(try store.firms(FirmQuery()).count == 400)

        let copyPath = r.directory.appendingPathComponent("copy.sqlite").path
        let copy = try SQLiteStore(path: copyPath)
        let summary = try RegistryCopy.copy(from: store, to: copy)
        #expect(summary.filings == 2)
        #expect(try Self.pageSize(copyPath) == 8192)
        #expect(try copy.integrityCheck() == "ok")
        #expect(try copy.contentDump() == store.contentDump())
    }
}
