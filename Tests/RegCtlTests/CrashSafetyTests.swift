import Foundation
import Testing
import Core
#if canImport(Glibc)
import Glibc
#endif

/// Kills regctl mid-load and checks that the registry is always whole: the old state or the new one.
@Suite("Crash safety and concurrent use", .serialized)
struct CrashSafetyTests {
    /// A filing of `firms` firms in one park, in XML.
    static func largeFiling(_ dir: URL, firms: Int, id: String) throws -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><filing xmlns="urn:regctl:filing:1" id="\#(id)" authority="测试" issued="2025-01-01">"#
        xml += #"<park id="kp" name="压力测试园区" region="430211" level="national" kind="other"/>"#
        for n in 0..<firms {
            let first17 = "91430211" + String(format: "%09d", 500_000 + n)
            let code = first17 + String(USCC.checkCharacter(for: first17)!)
            xml += #"<firm uscc="\#(code)" name="压力测试企业\#(n)有限公司" region="430211" park="kp"/>"#
            if n % 4 == 0 {
                xml += #"<designation uscc="\#(code)" program="little-giant" level="provincial" year="2024"/>"#
            }
        }
        xml += "</filing>"
        let path = dir.appendingPathComponent("\(id).xml").path
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Loads `filing` into `registry` whole, for how long a load takes here (to spread kills over it)
    /// and the answers it leaves.
    static func timedLoad(_ filing: String, into registry: String) throws -> (seconds: Double, answers: [String]) {
        let started = Date()
        #expect(try CLI.run(["load", filing, "--registry", registry]).status == 0)
        let seconds = Date().timeIntervalSince(started)
        return (seconds, try answers(registry))
    }

    /// Starts `regctl load FILING --registry REGISTRY`, sends it SIGKILL after a random delay of up
    /// to `seconds`, waits for it, and returns the delay.
    static func loadAndKill(_ filing: String, into registry: String, withinSeconds seconds: Double,
                            generator: inout SplitMix64) throws -> Double {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["load", filing, "--registry", registry]
        p.currentDirectoryURL = CLI.root
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let delay = Double(generator.next() % 1000) / 1000 * seconds
        usleep(useconds_t(delay * 1_000_000))
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        return delay
    }

    static func answers(_ registry: String) throws -> [String] {
        try [["rank", "--level", "provincial", "--by", "park"], ["rank", "--by", "county", "--within", "43"], ["filings", "--format", "csv"]].map { q in
            let r = try CLI.run(q + ["--format", "json", "--registry", registry])
            // The load time and the registry's own path (in the filings title) differ between copies.
            return r.stdout.replacingOccurrences(of: #""loaded_at" : "[^"]*""#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #""title" : "Filings in [^"]*""#, with: "", options: .regularExpression)
        }
    }

    @Test("SIGKILL at random points during a large load leaves the registry as it was, or fully loaded (20 kills)")
    func killDuringLoad() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("base.sqlite").path
        #expect(try CLI.run(["load", "samples/filings", "--registry", base]).status == 0)
        let before = try Self.answers(base)
        let big = try Self.largeFiling(dir, firms: 12_000, id: "KILL-TEST")

        let timing = dir.appendingPathComponent("timing.sqlite").path
        try FileManager.default.copyItem(atPath: base, toPath: timing)
        let (duration, after) = try Self.timedLoad(big, into: timing)
        #expect(after != before)

        var generator = SplitMix64(seed: 20_261_129)
        var outcomes = (old: 0, new: 0)
        for i in 0..<20 {
            let registry = dir.appendingPathComponent("kill-\(i).sqlite").path
            try FileManager.default.copyItem(atPath: base, toPath: registry)
            let delay = try Self.loadAndKill(big, into: registry, withinSeconds: duration * 1.1, generator: &generator)
            let store = try SQLiteStore(path: registry, create: false)
            #expect(try store.integrityCheck() == "ok", "kill \(i) after \(delay) s")
            let now = try Self.answers(registry)
            #expect(now == before || now == after, "kill \(i) after \(delay) s left a state that is neither")
            if now == before { outcomes.old += 1 } else { outcomes.new += 1 }
        }
        #expect(outcomes.old > 0, "no kill landed before the load finished (load took \(duration) s)")
    }

    /// A registry's first load, in the process that creates it, is written through a rollback journal
    /// instead of the WAL (SQLiteStore.withDirectWrites): a kill must leave it empty or fully loaded,
    /// and the next open must roll the hot journal back.
    @Test("SIGKILL during the first load into a new registry (rollback journal) leaves it empty or fully loaded (20 kills)")
    func killDuringFirstLoad() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = try Self.largeFiling(dir, firms: 12_000, id: "FIRST-KILL")
        let emptyPath = dir.appendingPathComponent("empty.sqlite").path
        // The first write makes the file (an empty write transaction will do).
        try SQLiteStore(path: emptyPath, create: true).withFilingSession { _ in }
        let empty = try Self.answers(emptyPath)

        let (duration, full) = try Self.timedLoad(big, into: dir.appendingPathComponent("timing.sqlite").path)
        #expect(full != empty)

        var generator = SplitMix64(seed: 20_261_130)
        var outcomes = (empty: 0, hotJournals: 0)
        for i in 0..<20 {
            let registry = dir.appendingPathComponent("first-\(i).sqlite").path
            let delay = try Self.loadAndKill(big, into: registry, withinSeconds: duration * 1.1, generator: &generator)
            guard FileManager.default.fileExists(atPath: registry) else {
                outcomes.empty += 1  // killed before the registry was created
                continue
            }
            // A kill between the journal's creation and its first write leaves it empty, which SQLite
            // does not count as hot and leaves where it is (the registry is then in WAL mode and
            // never looks at it again); only a journal with content must be rolled back.
            let journalSize = (try? FileManager.default.attributesOfItem(atPath: registry + "-journal")[.size] as? Int) ?? nil
            let hot = (journalSize ?? 0) > 0
            let store: SQLiteStore
            do {
                store = try SQLiteStore(path: registry, create: false)
            } catch StoreError.noRegistry(_) {
                // Killed before the schema was written: the empty file or database SQLite makes first
                // (with a journal of its own while it turns on WAL mode), which no reader takes for a
                // registry, and the next load makes one.
                outcomes.empty += 1
                continue
            }
            if hot { outcomes.hotJournals += 1 }
            #expect(try store.integrityCheck() == "ok", "kill \(i) after \(delay) s")
            let now = try Self.answers(registry)
            #expect(now == empty || now == full, "kill \(i) after \(delay) s left a state that is neither")
            if now == empty { outcomes.empty += 1 }
            if hot { #expect(!FileManager.default.fileExists(atPath: registry + "-journal"), "kill \(i): the hot journal was not rolled back") }
        }
        #expect(outcomes.hotJournals > 0, "no kill landed inside a load written through the rollback journal (load took \(duration) s)")
        #expect(outcomes.empty > 0)
    }

    @Test("readers during a load see the old or the new state; a second load waits for the first")
    func concurrentReadersAndWriters() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.sqlite").path
        #expect(try CLI.run(["load", "samples/filings", "--registry", registry]).status == 0)
        let before = try Self.answers(registry)
        let big = try Self.largeFiling(dir, firms: 12_000, id: "CONCURRENT")
        let other = try Self.largeFiling(dir, firms: 2_000, id: "SECOND")

        let loader = Process()
        loader.executableURL = CLI.executable
        loader.arguments = ["load", big, "--registry", registry]
        loader.standardOutput = FileHandle.nullDevice
        loader.standardError = FileHandle.nullDevice
        try loader.run()
        var seen: [[String]] = []
        var second: CLI.Result?
        while loader.isRunning {
            seen.append(try Self.answers(registry))
            if second == nil {
                // Started while the first load writes: it waits on SQLite's lock, then loads.
                second = try CLI.run(["load", other, "--registry", registry])
            }
        }
        loader.waitUntilExit()
        #expect(loader.terminationStatus == 0)
        #expect(second?.status == 0, "\(second?.stderr ?? "")")
        let after = try Self.answers(registry)
        let onlySecond = try Self.answersWith(["samples/filings", other], dir: dir, name: "second")
        let onlyFirst = try Self.answersWith(["samples/filings", big], dir: dir, name: "first")
        // Each answer comes from its own regctl process, so a load may land between two of them: each
        // must show a state that some sequence of whole loads gives.
        let states = [before, after, onlySecond, onlyFirst]
        for s in seen {
            for (i, answer) in s.enumerated() {
                #expect(states.contains { $0[i] == answer }, "a reader saw a state that no sequence of whole loads gives")
            }
        }
        #expect(!seen.isEmpty)
    }

    @Test("a load into a registry another process is writing waits, then fails with a clear message")
    func lockedRegistry() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.sqlite").path
        #expect(try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", registry]).status == 0)
        let store = try SQLiteStore(path: registry, create: false)
        let other = try Self.largeFiling(dir, firms: 10, id: "LOCKED")
        // Hold the write lock (an open write transaction) while another regctl tries to load.
        let (result, reader) = try store.withFilingSession { _ in
            (try CLI.run(["load", other, "--registry", registry], environment: ["REGCTL_BUSY_TIMEOUT": "1"]),
             try CLI.run(["show", "zz-htz", "--registry", registry]))
        }
        #expect(result.status != 0)
        #expect(result.stderr.contains("another process is writing to the registry"), "\(result.stderr)")
        #expect(reader.status == 0, "readers are not blocked by a writer: \(reader.stderr)")
        #expect(try CLI.run(["load", other, "--registry", registry]).status == 0, "once the lock is gone the load goes through")
    }

    @Test("a registry on read-only media answers questions and refuses loads clearly",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")))
    func readOnlyRegistry() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mountPoint = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        func run(_ args: [String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: args[0])
            p.arguments = Array(args.dropFirst())
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        // Containers may forbid mounting; the storage error's wording is covered by the lock test.
        guard try run(["/bin/mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", mountPoint.path]) == 0 else { return }
        defer { _ = try? run(["/bin/umount", mountPoint.path]) }
        let registry = mountPoint.appendingPathComponent("r.sqlite").path
        #expect(try CLI.run(["load", "samples/filings", "--registry", registry]).status == 0)
        let before = try CLI.run(["rank", "--format", "json", "--registry", registry]).stdout
        #expect(try run(["/bin/mount", "-o", "remount,ro", mountPoint.path]) == 0)
        let read = try CLI.run(["rank", "--format", "json", "--registry", registry])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == before)
        let write = try CLI.run(["load", Self.largeFiling(dir, firms: 10, id: "RO"), "--registry", registry])
        #expect(write.status != 0)
        #expect(write.stderr.contains("cannot be written"), "\(write.stderr)")
    }

    @Test("--registry naming another program's SQLite file: rank, filings and load refuse it, and it stays byte for byte as it was, without sidecar files")
    func foreignRegistryUntouched() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("other.sqlite").path
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        made.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE t (x)'); c.execute('INSERT INTO t VALUES (1)'); c.commit()", path]
        try made.run()
        made.waitUntilExit()
        try #require(made.terminationStatus == 0, "python3's sqlite3 makes the foreign file")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for command in [["rank", "--registry", path], ["filings", "--registry", path], ["load", "samples/filings", "--registry", path]] {
            let r = try CLI.run(command)
            #expect(r.status != 0, "\(command[0]) accepted another program's database")
            #expect(r.stderr.contains("not a regctl registry"), "\(command[0]): \(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(command[0]) changed the file")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["other.sqlite"], "\(command[0]) left files beside it")
        }
    }

    @Test("a refused load into a registry that did not exist leaves no file behind")
    func refusedLoadLeavesNoRegistry() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.xml")
        try Data("<filing>".utf8).write(to: bad)
        let registry = dir.appendingPathComponent("new.sqlite").path
        let r = try CLI.run(["load", bad.path, "--registry", registry])
        #expect(r.status != 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["bad.xml"])
    }

    static func answersWith(_ paths: [String], dir: URL, name: String) throws -> [String] {
        let registry = dir.appendingPathComponent("\(name).sqlite").path
        for p in paths { _ = try CLI.run(["load", p, "--registry", registry]) }
        return try answers(registry)
    }
}

/// A small deterministic random generator, so a failing kill schedule can be replayed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
