import Foundation
import RegistryTesting
import Testing
@testable import Core

/// Closing any descriptor of a file drops every POSIX lock the process holds on it, so a registry that
/// this process's connections are using must not have its header read by hand again when another
/// store opens it (the suites, and a server, open one registry many times in one process).
@Suite("A registry opened many times in one process")
struct InProcessOpensTests {
    @Test("opening a registry again in this process keeps the locks its connections hold: another process cannot take the file for its own and remove the WAL under them")
    func locksKept() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-locks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            try InlineRegistry.load(RegistryTests.park + RegistryTests.firm(1), id: "one", into: store)
        }
        let holder = try SQLiteStore(path: path, create: false)
        #expect(try holder.filings().count == 1)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        _ = try SQLiteStore(path: path, create: false)
        // Another process's last connection removes the WAL on close only when it gets the file to
        // itself, which the locks this process holds forbid.
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('select count(*) from sqlite_master').fetchall(); c.close()", path]
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "another process removed the WAL of a registry this process has open")
        #expect(try holder.filings().count == 1)
    }
}
