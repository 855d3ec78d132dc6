import Foundation
import Testing
@testable import Core

@Suite("Running out of space")
struct DiskFullTests {
    @Test("a load that hits SQLite's size limit fails with a clear error and leaves the registry unchanged")
    func sizeLimit() throws {
        let r = try TestRegistry()
        let path = r.directory.appendingPathComponent("small.sqlite").path
        let base = try r.write("base.xml", TestRegistry.xml(id: "base", RegistryTests.park + RegistryTests.firm(1)))
        do {
            let store = try SQLiteStore(path: path, create: true, maxPageCount: nil)
            _ = try FilingLoader(store: store).load(path: base)
        }
        let store = try SQLiteStore(path: path, create: false, maxPageCount: 80)
        let before = try store.contentDump()
        var records = RegistryTests.park
        for n in 2...4000 { records += "\n" + RegistryTests.firm(n) }
        let big = try r.write("big.xml", TestRegistry.xml(id: "big", records))
        do {
            _ = try FilingLoader(store: store).load(path: big, displayName: "big.xml")
            Issue.record("expected the load to run out of space")
        } catch let error as StoreError {
            guard case .database(_, .diskFull, _) = error else { Issue.record("\(error)"); return }
            let message = error.errorDescription ?? ""
            #expect(message.contains("disk is full"))
            #expect(message.contains("registry is as it was"))
        }
        #expect(try store.contentDump() == before)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("a real full file system gives the same clear error", .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")))
    func tmpfsFull() throws {
        let r = try TestRegistry()
        let mountPoint = r.directory.appendingPathComponent("mnt")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        func run(_ args: [String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: args[0])
            p.arguments = Array(args.dropFirst())
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        // Room for the first load (an empty registry on 8 KiB pages is 352 KB), not for the second.
        guard try run(["/bin/mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", mountPoint.path]) == 0 else {
            // Containers may forbid mounting; the size-limit test above covers the same path.
            return
        }
        defer { _ = try? run(["/bin/umount", mountPoint.path]) }
        let path = mountPoint.appendingPathComponent("r.sqlite").path
        let store = try SQLiteStore(path: path)
        _ = try FilingLoader(store: store).load(path: try r.write("base.xml", TestRegistry.xml(id: "base", RegistryTests.park + RegistryTests.firm(1))))
        let before = try store.contentDump()
        var records = RegistryTests.park
        for n in 2...6000 { records += "\n" + RegistryTests.firm(n, name: "一个相当长的测试企业名称用于占满空间的有限公司第\(n)号") }
        let big = try r.write("big.xml", TestRegistry.xml(id: "big", records))
        #expect(throws: StoreError.self) { _ = try FilingLoader(store: store).load(path: big, displayName: "big.xml") }
        #expect(try store.contentDump() == before)
        #expect(try store.integrityCheck() == "ok")
    }
}
