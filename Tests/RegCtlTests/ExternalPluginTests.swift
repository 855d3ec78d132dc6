import Foundation
import Testing
import Core

/// Runs regctl with extra directories in front of PATH.
enum ExternalPATH {
    static let inherited = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"

    static func environment(_ directories: [URL]) -> [String: String] {
        ["PATH": (directories.map(\.path) + [inherited]).joined(separator: ":")]
    }

    /// Whether `python3` runs, as the sample plugin's `#!/usr/bin/env python3` needs.
    static let python3: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import json, sqlite3, sys"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    static func requirePython() throws {
        try #require(python3, "python3 (with json and sqlite3) is not on PATH: samples/plugins/regctl-giants-density needs it; install Python 3")
    }
}

@Suite("External plugin samples/plugins/regctl-giants-density on the samples")
struct GiantsDensityTests {
    static let plugins = CLI.root.appendingPathComponent("samples/plugins")
    static let env = ExternalPATH.environment([plugins])

    static func run(_ arguments: [String]) throws -> CLI.Result {
        _ = SampleRegistry.load
        return try CLI.run(arguments + ["--registry", SampleRegistry.path], environment: env)
    }

    static func object(_ r: CLI.Result) throws -> [String: Any] {
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)\n\(r.stderr)")
    }

    struct Row: Equatable {
        var code: String
        var name: String
        var giants: Int
        var firms: Int
        var per10k: Double
    }

    static func density(_ arguments: [String]) throws -> (rows: [Row], notes: [String], object: [String: Any]) {
        let o = try object(run(["giants-density"] + arguments + ["--format", "json"]))
        let rows = try #require(o["rows"] as? [[String: Any]])
        return (try rows.map { r in
            Row(code: try #require(r["code"] as? String), name: try #require(r["name"] as? String),
                giants: try #require(r["little_giants"] as? Int), firms: try #require(r["registered_firms"] as? Int),
                per10k: try #require((r["per_10k"] as? NSNumber)?.doubleValue))
        }, o["notes"] as? [String] ?? [], o)
    }

    /// `rank`'s counts per unit (units it does not list have none).
    static func rank(_ arguments: [String]) throws -> [String: Int] {
        let rows = try CLI.rows(run(["rank", "--program", "little-giant"] + arguments + ["--format", "json"]).stdout)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[1], Int($0[3])!) })
    }

    /// Registered firms (current records, status active) per prefecture of Hunan, through Core's reader.
    static func registeredFirms(status: FirmStatus = .active) throws -> [String: Int] {
        _ = SampleRegistry.load
        let store = try SQLiteStore(path: SampleRegistry.path, create: false)
        var out: [String: Int] = [:]
        for f in try store.firms(FirmQuery(region: "43")) where f.firm.status == status {
            out[try #require(f.placement.prefecture), default: 0] += 1
        }
        return out
    }

    /// The number of distinct name-only firms the plugin's note says it left out.
    static func nameOnlyFirms(_ notes: [String]) throws -> Int {
        guard let note = notes.first(where: { $0.contains("known only by name") }) else { return 0 }
        let open = try #require(note.firstIndex(of: "("))
        return try #require(Int(note[note.index(after: open)...].prefix { $0.isNumber }), "\(note)")
    }

    @Test("regctl plugins lists giants-density as external; its --describe drives --help")
    func listedAndDescribed() throws {
        try ExternalPATH.requirePython()
        let listing = try Self.object(CLI.run(["plugins", "--format", "json"], environment: Self.env))
        let rows = try #require(listing["rows"] as? [[String: Any]])
        let row = try #require(rows.first { $0["id"] as? String == "giants-density" }, "\(rows)")
        #expect(row["kind"] as? String == "external")
        #expect(row["module"] as? String == Self.plugins.appendingPathComponent("regctl-giants-density").path)
        #expect(!(listing["notes"] as? [String] ?? []).contains { $0.contains(Self.plugins.path) }, "no warnings about samples/plugins")

        // The descriptor it prints is the JSON form of Core's PluginDescriptor.
        let describe = try ExternalPluginTests.execute(Self.plugins.appendingPathComponent("regctl-giants-density").path, ["--describe"])
        let descriptor = try JSONDecoder().decode(PluginDescriptor.self, from: Data(describe.utf8))
        #expect(descriptor.id == "giants-density")
        #expect(descriptor.parameters.map(\.name) == ["by", "level", "within", "min-firms"])
        #expect(descriptor.parameters[0].kind == .choice(["prefecture", "province"]))
        #expect(descriptor.parameters[3].kind == .integer)
        #expect(descriptor.parameters[3].defaultValue == "1")

        let help = try Self.run(["giants-density", "--help"])
        #expect(help.status == 0)
        // Help is wrapped to 80 columns: compare with its line breaks and indentation as single spaces.
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("OVERVIEW: \(descriptor.summary)"))
        #expect(help.stdout.contains("--min-firms <n>"))
        #expect(words.contains("values: prefecture, province"))
        #expect(help.stdout.contains("EXAMPLES:"))
        let bad = try Self.run(["giants-density", "--by", "county"])
        #expect(bad.status == 64, "\(bad.stderr)")
        #expect(bad.stderr.contains("--by 'county' is not valid"))
    }

    /// Levels, and dates on the samples' boundaries: national revocations effective 2024-06-14 (by
    /// revoked-on, and by the filing's issue date where none is given), a provincial one on 2024-07-01,
    /// one without revoked-on in a filing issued 2024-08-30; validity ending 2022-06-30 and beginning
    /// 2022-07-01 and 2019-12-16; valid-to 2024-12-31 on the default date; designations of 2023 and
    /// 2024 without valid-from, which begin on 1 January.
    static let cases: [[String]] = [
        [], ["--level", "national"], ["--level", "municipal"],
        ["--as-of", "2024-06-13", "--level", "national"], ["--as-of", "2024-06-14", "--level", "national"],
        ["--as-of", "2024-06-30"], ["--as-of", "2024-07-01"], ["--as-of", "2024-08-29"], ["--as-of", "2024-08-30"],
        ["--as-of", "2022-06-30"], ["--as-of", "2022-07-01"], ["--as-of", "2019-12-15"], ["--as-of", "2019-12-16"],
        ["--as-of", "2022-12-31", "--level", "municipal"], ["--as-of", "2023-01-01", "--level", "municipal"],
        ["--as-of", "2023-12-31"], ["--as-of", "2024-01-01"],
    ]

    @Test("per prefecture of Hunan: little giants as rank counts them, registered firms as Core reads them", arguments: cases)
    func prefecturesOfHunan(arguments: [String]) throws {
        try ExternalPATH.requirePython()
        // rank counts name-only firms too, in the unit of their stated region. In the samples every
        // name-only little giant of Hunan is known by province alone, so none is in a prefecture and
        // rank's prefecture counts are counts of registered firms, which is what giants-density counts.
        let nameOnly = try CLI.rows(Self.run(["firms", "--unresolved", "--program", "little-giant", "--region", "43", "--limit", "100000", "--format", "json"]).stdout,
                                    columns: ["uscc", "name", "region"])
        #expect(!nameOnly.isEmpty)
        #expect(nameOnly.allSatisfy { $0[2] == "43" }, "\(nameOnly.filter { $0[2] != "43" })")

        let level = arguments.firstIndex(of: "--level").map { arguments[$0 + 1] } ?? "provincial"
        let asOf = arguments.firstIndex(of: "--as-of").map { [arguments[$0], arguments[$0 + 1]] } ?? []
        let giants = try Self.rank(["--level", level, "--by", "prefecture", "--within", "43"] + asOf)
        let firms = try Self.registeredFirms()
        let (rows, notes, object) = try Self.density(["--by", "prefecture", "--within", "43"] + arguments)

        #expect(object["as_of"] as? String == (asOf.last ?? "2024-12-31"))
        // Every prefecture with a registered firm is listed, and only those.
        #expect(Set(rows.map(\.code)) == Set(firms.keys))
        #expect(rows.count == firms.count)
        for row in rows {
            #expect(row.giants == giants[row.code] ?? 0, "\(row.code)")
            #expect(row.firms == firms[row.code], "\(row.code)")
            let expected = Double(giants[row.code] ?? 0) / Double(firms[row.code]!) * 10_000
            #expect(abs(row.per10k - expected) <= 0.005 + 1e-9, "\(row.code): \(row.per10k) vs \(expected)")
            #expect(row.name == RegionTable.name(ofUnit: row.code), "\(row.code)")
        }
        // Little giants in prefectures without a registered firm would be missing: there are none.
        #expect(Set(giants.keys).isSubset(of: Set(firms.keys)))
        // Densest first, ties by code.
        #expect(rows == rows.sorted { $0.per10k != $1.per10k ? $0.per10k > $1.per10k : $0.code < $1.code })
        #expect(try Self.nameOnlyFirms(notes) <= nameOnly.count)
        #expect(notes.first?.hasPrefix("\(giants.values.reduce(0, +)) distinct registered firms") == true, "\(notes)")
    }

    @Test("株洲市: registered firms are regctl firms --region 4302 less the deregistered ones; 101 little giants")
    func zhuzhou() throws {
        try ExternalPATH.requirePython()
        let listed = try CLI.rows(Self.run(["firms", "--region", "4302", "--limit", "100000", "--format", "json"]).stdout, columns: ["uscc"])
        let deregistered = try Self.registeredFirms(status: .deregistered)["4302"] ?? 0
        #expect(try listed.count == Self.registeredFirms()["4302"]! + deregistered)
        let row = try #require(try Self.density(["--within", "4302"]).rows.first)
        #expect(row.code == "4302")
        #expect(row.name == "株洲市")
        #expect(row.firms == listed.count - deregistered)
        #expect(row.giants == 101)
        #expect(abs(row.per10k - Double(101 * 10_000) / Double(row.firms)) <= 0.005 + 1e-9)

        // Within a park: the newspaper's 70 provincial-and-above little giants of 株洲高新区, over its firms.
        let store = try SQLiteStore(path: SampleRegistry.path, create: false)
        let parkFirms = try store.firms(FirmQuery(park: "zz-htz")).filter { $0.firm.status == .active }
        #expect(Set(parkFirms.compactMap(\.placement.prefecture)) == ["4302"])
        let park = try Self.density(["--within", "zz-htz"]).rows
        #expect(park.map(\.code) == ["4302"])
        #expect(park.first?.giants == 70)
        #expect(park.first?.firms == parkFirms.count)
    }

    @Test("per province: Hunan's count is rank's less the name-only firms the note reports", arguments: ["provincial", "national"])
    func provinces(level: String) throws {
        try ExternalPATH.requirePython()
        let hunan = try Self.density(["--by", "province", "--within", "43", "--level", level])
        let row = try #require(hunan.rows.first)
        #expect(hunan.rows.count == 1)
        #expect(row.code == "43")
        #expect(row.name == "湖南省")
        let ranked = try #require(try Self.rank(["--level", level, "--by", "province", "--within", "43"])["43"])
        let nameOnly = try Self.nameOnlyFirms(hunan.notes)
        #expect(nameOnly > 0)
        #expect(row.giants == ranked - nameOnly)
        #expect(row.firms == (try Self.registeredFirms()).values.reduce(0, +))

        // Nationwide, every counted firm is in exactly one province.
        let all = try Self.density(["--by", "province", "--level", level])
        let total = try #require(all.notes.first?.split(separator: " ").first.flatMap { Int($0) })
        #expect(all.rows.map(\.giants).reduce(0, +) == total)
        #expect(all.rows.first { $0.code == "43" } == row)
        for r in all.rows { #expect(r.name == RegionTable.name(ofUnit: r.code), "\(r.code)") }
    }

    @Test("--min-firms leaves out small units and says how many")
    func minFirms() throws {
        try ExternalPATH.requirePython()
        let firms = try Self.registeredFirms()
        let (rows, notes, _) = try Self.density(["--within", "43", "--min-firms", "30"])
        #expect(Set(rows.map(\.code)) == Set(firms.filter { $0.value >= 30 }.keys))
        let skipped = firms.filter { $0.value < 30 }.count
        #expect(skipped > 0)
        #expect(notes.contains { $0.hasPrefix("\(skipped) prefecture units with fewer than 30 registered firms") }, "\(notes)")
        let zero = try Self.run(["giants-density", "--min-firms", "0"])
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("--min-firms 0"))
    }

    @Test("the examples of its descriptor run and give rows")
    func examples() throws {
        try ExternalPATH.requirePython()
        let describe = try ExternalPluginTests.execute(Self.plugins.appendingPathComponent("regctl-giants-density").path, ["--describe"])
        let descriptor = try JSONDecoder().decode(PluginDescriptor.self, from: Data(describe.utf8))
        #expect(!descriptor.examples.isEmpty)
        for e in descriptor.examples {
            let o = try Self.object(Self.run(["giants-density"] + e.arguments + ["--format", "json"]))
            #expect(!(o["rows"] as? [Any] ?? []).isEmpty, "\(e.arguments)")
        }
    }
}

@Suite("External plugins: discovery, shadowing, failures, descriptors")
struct ExternalPluginTests {
    /// Runs an executable directly and returns its standard output.
    static func execute(_ path: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.environment = ["PATH": ExternalPATH.inherited]
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-exec-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        p.standardOutput = handle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try handle.close()
        #expect(p.terminationStatus == 0, "\(path) \(arguments)")
        return try String(contentsOf: out, encoding: .utf8)
    }

    /// A folder of regctl-* scripts for one test, removed afterwards.
    final class Scripts {
        let dir: URL
        init() throws { dir = try CLI.temporaryDirectory() }
        deinit { try? FileManager.default.removeItem(at: dir) }

        func add(_ name: String, _ body: String, executable: Bool = true) throws {
            let url = dir.appendingPathComponent(name)
            try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: url.path)
        }

        var env: [String: String] { ExternalPATH.environment([dir]) }
        var requestFile: URL { dir.appendingPathComponent("request.json") }

        func run(_ arguments: [String], registry: Bool = true) throws -> CLI.Result {
            _ = SampleRegistry.load
            return try CLI.run(arguments + (registry ? ["--registry", SampleRegistry.path] : []), environment: env)
        }
    }

    /// Saves its request and answers with one row, as objects keyed by column.
    static func hello(saving request: URL) -> String {
        """
        if [ "$1" = "--describe" ]; then exit 1; fi
        cat > '\(request.path)'
        echo '{"title": "Hello", "columns": [{"name": "greeting", "type": "text"}, {"name": "n", "type": "integer", "title": "number"}],'
        echo ' "rows": [{"greeting": "你好", "n": 1}, ["world", 2]], "notes": ["a note"], "filings": ["F-1"]}'
        """
    }

    @Test("a regctl-hello script on PATH is listed, gets the request, and its report is rendered")
    func hello() throws {
        let s = try Scripts()
        try s.add("regctl-hello", Self.hello(saving: s.requestFile))
        let listing = try s.run(["plugins"], registry: false)
        #expect(listing.status == 0)
        #expect(listing.stdout.contains("hello"))
        #expect(listing.stdout.contains(s.dir.appendingPathComponent("regctl-hello").path))
        #expect(!listing.stderr.contains(s.dir.path), "\(listing.stderr)")

        let r = try s.run(["hello", "--name", "world", "--loud", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["title"] as? String == "Hello")
        #expect(o["as_of"] as? String == "2024-12-31")
        #expect(o["notes"] as? [String] == ["a note"])
        #expect(o["filings"] as? [String] == ["F-1"])
        #expect(try CLI.rows(r.stdout, columns: ["greeting", "n"]) == [["你好", "1"], ["world", "2"]])

        let request = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: s.requestFile)) as? [String: Any])
        #expect(request["version"] as? Int == 1)
        #expect(request["plugin"] as? String == "hello")
        #expect(request["registry"] as? String == URL(fileURLWithPath: SampleRegistry.path).standardizedFileURL.path)
        #expect(request["as_of"] as? String == "2024-12-31")
        #expect(request["as_of_source"] as? String == "newest filing issued")
        // Without a descriptor, any option is passed on: with a value, or "true" as a flag.
        #expect(request["parameters"] as? [String: String] == ["name": "world", "loud": "true"])

        let table = try s.run(["hello", "--as-of", "2023-01-31"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Hello — as of 2023-01-31 (--as-of)"))
        #expect(table.stdout.contains("number"))
        let again = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: s.requestFile)) as? [String: Any])
        #expect(again["as_of"] as? String == "2023-01-31")

        let help = try s.run(["hello", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("external plugin at \(s.dir.appendingPathComponent("regctl-hello").path)"))
    }

    @Test("built-in names cannot be shadowed; of two files of one name the first on PATH wins; non-executable files are warned about")
    func shadowingAndPermissions() throws {
        let s = try Scripts(), later = try Scripts()
        let marker = s.dir.appendingPathComponent("ran")
        try s.add("regctl-rank", "touch '\(marker.path)'; echo not-json")
        try s.add("regctl-firms", "touch '\(marker.path)'; echo not-json")
        try s.add("regctl-nox", "echo '{}'", executable: false)
        try s.add("regctl-hello", Self.hello(saving: s.requestFile))
        try later.add("regctl-hello", "touch '\(marker.path)'; exit 1")
        let env = ExternalPATH.environment([s.dir, later.dir])

        let listing = try CLI.run(["plugins"], environment: env)
        #expect(listing.status == 0)
        #expect(listing.stderr.contains("warning: \(s.dir.appendingPathComponent("regctl-rank").path): shadowed: 'regctl rank' is built in"), "\(listing.stderr)")
        #expect(listing.stderr.contains("warning: \(s.dir.appendingPathComponent("regctl-firms").path): shadowed: 'regctl firms' is built in"))
        #expect(listing.stderr.contains("warning: \(s.dir.appendingPathComponent("regctl-nox").path): not executable"))
        #expect(listing.stderr.contains("warning: \(later.dir.appendingPathComponent("regctl-hello").path): shadowed by \(s.dir.appendingPathComponent("regctl-hello").path)"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CLI.run(["plugins", "--format", "json"], environment: env).stdout.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        let ours = rows.filter { ($0["module"] as? String)?.hasPrefix(s.dir.path) == true || ($0["module"] as? String)?.hasPrefix(later.dir.path) == true }
        #expect(ours.compactMap { $0["id"] as? String } == ["hello"])
        #expect(ours.allSatisfy { $0["kind"] as? String == "external" })
        #expect((json["notes"] as? [String] ?? []).filter { $0.contains(s.dir.path) || $0.contains(later.dir.path) }.count == 4)

        _ = SampleRegistry.load
        let rank = try CLI.run(["rank", "--format", "json", "--registry", SampleRegistry.path], environment: env)
        #expect(rank.status == 0, "\(rank.stderr)")
        #expect(try CLI.rows(rank.stdout).first?[1] == "43")
        #expect(try CLI.run(["firms", "--limit", "1", "--registry", SampleRegistry.path], environment: env).status == 0)
        #expect(try CLI.run(["hello", "--registry", SampleRegistry.path], environment: env).status == 0)
        #expect(!FileManager.default.fileExists(atPath: marker.path), "a shadowed file ran")

        let nox = try CLI.run(["nox", "--registry", SampleRegistry.path], environment: env)
        #expect(nox.status != 0)
        #expect(!nox.stdout.contains("{}"))
    }

    @Test("a plugin that fails or does not answer in JSON gives a clear error and a non-zero status")
    func failures() throws {
        let s = try Scripts()
        try s.add("regctl-fails", "echo 'the sky fell' >&2; exit 3")
        try s.add("regctl-garbage", "echo 'this is not JSON'")
        try s.add("regctl-partial", #"echo '{"title": "no columns"}'"#)
        try s.add("regctl-killed", "kill -9 $$")

        let fails = try s.run(["fails"])
        #expect(fails.status == 1)
        #expect(fails.stdout.isEmpty)
        #expect(fails.stderr.contains("exited with status 3: the sky fell"), "\(fails.stderr)")
        for name in ["garbage", "partial"] {
            let r = try s.run([name])
            #expect(r.status == 1)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("did not write a report as JSON on standard output"), "\(r.stderr)")
            #expect(r.stderr.contains("docs/plugins.md"))
        }
        let killed = try s.run(["killed"])
        #expect(killed.status == 1)
        #expect(killed.stderr.contains("regctl-killed exited with status"), "\(killed.stderr)")
    }

    /// A plugin that describes itself: a choice, an integer, a flag and a positional parameter.
    static func described(saving request: URL) -> String {
        """
        if [ "$1" = "--describe" ]; then
        cat <<'EOF'
        {"id": "described", "summary": "A plugin that says what it takes.", "discussion": "It echoes its request.",
         "parameters": [
          {"name": "unit", "kind": {"text": {}}, "help": "What to look at.", "positional": true},
          {"name": "color", "kind": {"choice": {"_0": ["red", "blue"]}}, "defaultValue": "red", "help": "A colour.", "positional": false},
          {"name": "n", "kind": {"integer": {}}, "help": "How many.", "positional": false},
          {"name": "loud", "kind": {"flag": {}}, "defaultValue": "false", "help": "Shout.", "positional": false}],
         "examples": [{"arguments": ["zz-htz", "--color", "blue"], "explanation": "Blue, for one park."}]}
        EOF
        exit 0
        fi
        cat > '\(request.path)'
        echo '{"title": "Described", "columns": [{"name": "ok", "type": "integer"}], "rows": [[1]]}'
        """
    }

    @Test("--describe drives --help, checks values and rejects unknown options with exit 64")
    func describedPlugin() throws {
        let s = try Scripts()
        try s.add("regctl-described", Self.described(saving: s.requestFile))

        let help = try s.run(["described", "--help"])
        #expect(help.status == 0)
        for text in ["OVERVIEW: A plugin that says what it takes.", "It echoes its request.",
                     "External plugin: \(s.dir.appendingPathComponent("regctl-described").path)",
                     "USAGE: regctl described <unit> [--color <color>] [--n <n>] [--loud]",
                     "(values: red, blue) (default: red)", "EXAMPLES:", "regctl described zz-htz --color blue", "Blue, for one park."] {
            #expect(help.stdout.contains(text), "\(text) in\n\(help.stdout)")
        }

        for bad in [["zz-htz", "--bogus"], ["zz-htz", "--color", "green"], ["zz-htz", "--n", "many"], ["zz-htz", "--loud=maybe"], [], ["a", "b"]] {
            let r = try s.run(["described"] + bad)
            #expect(r.status == 64, "\(bad): \(r.stderr)")
            #expect(r.stderr.contains("See 'regctl described --help'"), "\(bad)")
            #expect(!FileManager.default.fileExists(atPath: s.requestFile.path), "\(bad) ran the plugin")
        }
        #expect(try s.run(["described", "zz-htz", "--bogus"]).stderr.contains("unknown option '--bogus'"))

        let r = try s.run(["described", "zz-htz", "--color=blue", "--n", "3", "--loud", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "ok\r\n1\r\n")
        let request = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: s.requestFile)) as? [String: Any])
        #expect(request["plugin"] as? String == "described")
        // Only what was given is sent; the plugin applies its own defaults.
        #expect(request["parameters"] as? [String: String] == ["unit": "zz-htz", "color": "blue", "n": "3", "loud": "true"])
    }

    @Test("a descriptor whose id is not the file's name is ignored")
    func mismatchedDescriptor() throws {
        let s = try Scripts()
        try s.add("regctl-other", Self.described(saving: s.requestFile))
        let help = try s.run(["other", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("it gives no description"))
        #expect(try s.run(["other", "--anything", "goes"]).status == 0)
    }
}
