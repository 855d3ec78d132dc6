import Foundation
import Testing
import Core
import RegistryTesting

/// The samples loaded once into a registry shared by the end-to-end tests (read-only after loading):
/// a SQLite file, and a schema on the PostgreSQL test server when there is one.
enum SampleRegistry {
    static let directory: URL = try! CLI.temporaryDirectory()
    static let path: String = directory.appendingPathComponent("samples.sqlite").path
    static let load: CLI.Result = try! CLI.run(["load", "samples/filings", "--registry", path])
    static let postgres: (location: String, load: CLI.Result)? = {
        guard Backend.postgresURL != nil, let location = try? Backend.postgres.makeLocation(in: directory) else { return nil }
        return (location, try! CLI.run(["load", "samples/filings", "--registry", location]))
    }()

    /// Where the samples are loaded on `backend`, and how their load went.
    static func registry(_ backend: Backend) throws -> (location: String, load: CLI.Result) {
        switch backend {
        case .sqlite: return (path, load)
        case .postgres: return try #require(postgres, "no PostgreSQL test server")
        }
    }

    static func run(_ arguments: [String], on backend: Backend = .sqlite) throws -> CLI.Result {
        try CLI.run(arguments + ["--registry", registry(backend).location])
    }
}

/// What samples/tools/expected.py computed independently.
struct Expected: Decodable {
    struct Query: Decodable {
        var args: [String]
        var as_of: String
        var rows: [Row]
    }
    struct Row: Decodable, Equatable {
        var rank: Int
        var code: String
        var name: String
        var count: Int
    }
    var as_of: String
    var queries: [Query]
    var filings: [Filing]
    struct Filing: Decodable {
        var file: String
        var id: String
    }

    static let value: Expected = try! JSONDecoder().decode(
        Expected.self, from: Data(contentsOf: CLI.root.appendingPathComponent("samples/expected.json")))
}

@Suite("End to end on samples/")
struct EndToEndTests {
    @Test("every sample filing loads", arguments: Backend.testable)
    func samplesLoad(backend: Backend) throws {
        let (location, r) = try SampleRegistry.registry(backend)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        let store = try Backend.open(location)
        #expect(try store.filings().count == Expected.value.filings.count)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("answers agree with samples/expected.json", arguments: Backend.testable, Expected.value.queries.map(\.args))
    func expectedAnswers(backend: Backend, args: [String]) throws {
        let query = try #require(Expected.value.queries.first { $0.args == args })
        let r = try SampleRegistry.run(args + ["--format", "json"], on: backend)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["as_of"] as? String == query.as_of)
        let rows = try JSONDecoder().decode([Expected.Row].self, from: JSONSerialization.data(withJSONObject: object["rows"] ?? []))
        #expect(rows == query.rows)
    }

    @Test("株洲高新区 is second in Hunan with 25 national and 70 provincial-and-above little giants")
    func headlineFigures() throws {
        let national = try CLI.rows(SampleRegistry.run(["rank", "--level", "national", "--by", "park", "--within", "43", "--format", "json"]).stdout)
        #expect(national.first { $0[1] == "zz-htz" } == ["2", "zz-htz", "株洲高新区", "25"])
        let provincial = try CLI.rows(SampleRegistry.run(["rank", "--level", "provincial", "--by", "park", "--within", "43", "--format", "json"]).stdout)
        #expect(provincial.first { $0[1] == "zz-htz" }?[3] == "70")
    }

    @Test("table output aligns Chinese names by display width")
    func tableAlignment() throws {
        let r = try SampleRegistry.run(["rank", "--level", "national", "--by", "park", "--within", "43"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("rank") })
        let body = lines[(header + 2)...].prefix { !$0.isEmpty && !$0.hasPrefix("·") }
        #expect(body.count >= 3)
        // The count column ends at the same display column on every line.
        let widths = Set(body.map { line in line.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x2E80 && $1.value <= 0x9FFF) || ($1.value >= 0xFF00 && $1.value <= 0xFF60) ? 2 : 1) } })
        #expect(widths.count == 1, "\(body)")
    }

    @Test("export writes filings that load into an empty registry with the same answers", arguments: [FilingFormat.xml, .csv])
    func exportRoundTrip(format: FilingFormat) throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try SampleRegistry.run(["export", out.appendingPathComponent("filings").path, "--as", format.rawValue])
        #expect(export.status == 0, "\(export.stderr)")
        let copy = out.appendingPathComponent("copy.sqlite").path
        let load = try CLI.run(["load", out.appendingPathComponent("filings").path, "--registry", copy])
        #expect(load.status == 0, "\(load.stderr)")
        let questions: [[String]] = Expected.value.queries.map(\.args) + [
            ["rank", "--cumulative", "--planned-cities", "separate"],
            ["rank", "--program", "specialized-sme", "--level", "provincial", "--by", "prefecture", "--within", "43"],
            ["rank", "--by", "incubator", "--level", "provincial", "--within", "4302"],
            ["rank", "--as-of", "2022-06-30", "--by", "county", "--within", "43"],
            ["firms", "--unresolved", "--limit", "5000"],
        ]
        for q in questions {
            let a = try SampleRegistry.run(q + ["--format", "json"]).stdout
            let b = try CLI.run(q + ["--format", "json", "--registry", copy]).stdout
            let columns = q[0] == "firms" ? ["uscc", "name", "region", "park"] : ["rank", "code", "name", "count"]
            let rows = try CLI.rows(a, columns: columns)
            #expect(!rows.isEmpty, "\(q)")
            #expect(try rows == CLI.rows(b, columns: columns), "\(q)")
        }
    }

    @Test("every sample XML filing validates against samples/schema/filing-1.xsd")
    func schemaValidation() throws {
        let dir = CLI.root.appendingPathComponent("samples/filings")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count >= 5)
        for f in files {
            let errors = XMLSchemaCheck.errors(file: dir.appendingPathComponent(f).path,
                                               schema: CLI.root.appendingPathComponent("samples/schema/filing-1.xsd").path)
            #expect(errors.isEmpty, "\(f): \(errors.prefix(5))")
        }
    }

    @Test("a retraction restores the earlier answers; loading the filing again brings the later ones back", arguments: Backend.testable)
    func retractAndReload(backend: Backend) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = try backend.makeLocation(in: dir)
        #expect(try CLI.run(["load", "samples/filings", "--registry", registry]).status == 0)
        let q = ["rank", "--level", "provincial", "--by", "park", "--within", "43", "--format", "json", "--registry", registry]
        let full = try CLI.rows(CLI.run(q).stdout)
        let revocations = try #require(Expected.value.filings.first { $0.file.contains("revocation") })
        #expect(try CLI.run(["filings", "retract", revocations.id, "--registry", registry]).status == 0)
        let without = try CLI.rows(CLI.run(q).stdout)
        #expect(without != full, "retracting \(revocations.id) should change the ranking")
        let reload = try CLI.run(["load", "samples/filings/\(revocations.file)", "--registry", registry])
        #expect(reload.status == 0, "\(reload.stderr)")
        #expect(try CLI.rows(CLI.run(q).stdout) == full)
    }

    @Test("loading the samples again changes nothing", arguments: Backend.testable)
    func repeatedLoad(backend: Backend) throws {
        let r = try SampleRegistry.run(["load", "samples/filings"], on: backend)
        #expect(r.status == 0)
        #expect(!r.stdout.contains("loaded   "))
        #expect(r.stdout.contains("unchanged"))
    }

    @Test("errors go to standard error with file and line, and the exit status says so")
    func errorsAreClear() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("firms-bad.csv")
        try Data("uscc,name,region\n914403001922038217,坏码公司,440300\n".utf8).write(to: bad)
        let r = try CLI.run(["load", bad.path, "--registry", dir.appendingPathComponent("r.sqlite").path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("firms-bad.csv:2: firm: uscc '914403001922038217' is not a valid USCC"))
        #expect(r.stderr.contains("the registry is unchanged"))
        let none = try CLI.run(["rank", "--registry", dir.appendingPathComponent("missing.sqlite").path])
        #expect(none.status != 0)
        #expect(none.stderr.contains("no registry here"))
    }
}
