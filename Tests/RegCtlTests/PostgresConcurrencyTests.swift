import Core
import Foundation
import RegistryTesting
import Testing

/// Four loaders and eight readers on one PostgreSQL registry at once. The loaders load and retract the
/// sample filings in random order (refusals for missing references or dependants are expected and
/// counted); the readers rank and check the registry all the while. Every `regctl check` must find the
/// registry consistent, every reader must get an answer, and once every loader has loaded all its
/// filings the registry must answer exactly as the samples loaded one by one into SQLite.
///
/// 20 seconds by default; REGCTL_PG_SOAK_SECONDS=300 for the few-minute run of docs/postgres.md.
@Suite("PostgreSQL: many loaders and readers at once", .enabled(if: Backend.postgresURL != nil, Comment(rawValue: Backend.postgresSkipReason)))
struct PostgresConcurrencyTests {
    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var counts: [String: Int] = [:]
        var failures: [String] = []

        func add(_ key: String) {
            lock.lock(); counts[key, default: 0] += 1; lock.unlock()
        }
        func fail(_ message: String) {
            lock.lock(); if failures.count < 20 { failures.append(message) }; lock.unlock()
        }
    }

    @Test("4 loaders and 8 readers: whole filings only, consistent reads, the same final answers as loading one by one")
    func loadersAndReaders() throws {
        let seconds = Double(ProcessInfo.processInfo.environment["REGCTL_PG_SOAK_SECONDS"] ?? "") ?? 20
        let registry = try Backend.scratchConnectionString()
        let folder = CLI.root.appendingPathComponent("samples/filings")
        let all = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") }.sorted()
        // Parks, the firm rosters and the incubator roster first: everything else refers to them.
        let base = all.filter { $0.hasPrefix("hn-parks") || $0.hasPrefix("firms-") || $0.hasPrefix("incubators-") }
        let rest = all.filter { !base.contains($0) }
        let first = try CLI.run(["load"] + base.map { "samples/filings/\($0)" } + ["--registry", registry, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let ids = Dictionary(uniqueKeysWithValues: Expected.value.filings.map { ($0.file.components(separatedBy: "/").last!, $0.id) })

        let tally = Tally()
        let deadline = Date().addingTimeInterval(seconds)
        let group = DispatchGroup()
        var threads: [Thread] = []
        for loader in 0..<4 {
            let mine = rest.enumerated().filter { $0.offset % 4 == loader }.map(\.element)
            group.enter()
            threads.append(Thread {
                defer { group.leave() }
                var loaded = Set<String>()
                var rng = SystemRandomNumberGenerator()
                func load(_ file: String) {
                    guard let r = try? CLI.run(["load", "samples/filings/\(file)", "--registry", registry, "--quiet"]) else { return }
                    if r.status == 0 { loaded.insert(file); tally.add("loads") }
                    else if r.stderr.contains("refers to") || r.stderr.contains("no loaded filing defines") { tally.add("loads refused: missing references") }
                    else { tally.fail("load \(file): \(r.stderr.prefix(300))") }
                }
                while Date() < deadline {
                    let file = mine.randomElement(using: &rng)!
                    if loaded.contains(file), let id = ids[file] {
                        guard let r = try? CLI.run(["filings", "retract", id, "--registry", registry]) else { continue }
                        if r.status == 0 { loaded.remove(file); tally.add("retractions") }
                        else if r.stderr.contains("cannot be retracted") { tally.add("retractions refused: dependants") }
                        else { tally.fail("retract \(id): \(r.stderr.prefix(300))") }
                    } else {
                        load(file)
                    }
                }
                // Then everything, until nothing is left (another loader may still have to load a
                // filing this one's refer to).
                for _ in 0..<40 where loaded.count < mine.count {
                    for file in mine where !loaded.contains(file) { load(file) }
                    if loaded.count < mine.count { Thread.sleep(forTimeInterval: 0.5) }
                }
                if loaded.count < mine.count { tally.fail("loader \(loader) could not load \(Set(mine).subtracting(loaded).sorted())") }
            })
        }
        for reader in 0..<8 {
            group.enter()
            threads.append(Thread {
                defer { group.leave() }
                let query = reader % 2 == 0
                    ? ["rank", "--level", "national", "--by", "park", "--within", "43", "--format", "json"]
                    : ["check"]
                while Date() < deadline {
                    guard let r = try? CLI.run(query + ["--registry", registry]) else { continue }
                    if r.status == 0 { tally.add(query[0] == "check" ? "checks: consistent" : "rankings") }
                    else { tally.fail("\(query[0]): \(r.stdout.prefix(300)) \(r.stderr.prefix(300))") }
                }
            })
        }
        threads.forEach { $0.start() }
        group.wait()
        print("PostgreSQL concurrency run, \(Int(seconds)) s: " + tally.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(tally.failures.isEmpty, "\(tally.failures)")
        #expect(tally.counts["loads", default: 0] >= rest.count)
        #expect(tally.counts["rankings", default: 0] > 0 && tally.counts["checks: consistent", default: 0] > 0)

        // The final registry answers as the samples loaded one by one.
        let check = try CLI.run(["check", "--registry", registry])
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
        for query in Expected.value.queries.map(\.args) {
            let a = try SampleRegistry.run(query + ["--format", "json"])
            let b = try CLI.run(query + ["--format", "json", "--registry", registry])
            #expect(try CLI.rows(a.stdout) == CLI.rows(b.stdout), "\(query)")
        }
        let profile = ["profile", "zz-htz", "--format", "json"]
        let p1 = try CLI.rows(SampleRegistry.run(profile).stdout, columns: ["figure", "value"])
        let p2 = try CLI.rows(CLI.run(profile + ["--registry", registry]).stdout, columns: ["figure", "value"])
        #expect(p1 == p2)
        let sequential = try Backend.open(SampleRegistry.path), concurrent = try Backend.open(registry)
        #expect(try PostgresConcurrencyTests.currentFacts(sequential) == PostgresConcurrencyTests.currentFacts(concurrent))
    }

    /// Every current fact with the id of the filing and the line that stated it.
    static func currentFacts(_ r: any Registry) throws -> [String] {
        var out: [String] = []
        out += try r.parks().map { "\($0)" }
        out += try r.firms(FirmQuery()).map { "\($0)" }
        out += try r.firms(FirmQuery(unresolvedOnly: true)).map { "\($0)" }
        out += try r.designations(program: nil).map { "\($0)" }
        out += try r.incubators().map { "\($0)" }
        out += try r.incubations(uscc: nil).map { "\($0)" }
        out += try r.annualReports(uscc: nil).map { "\($0)" }
        out += try r.transfers(recipient: nil).map { "\($0)" }
        return out.sorted()
    }
}
