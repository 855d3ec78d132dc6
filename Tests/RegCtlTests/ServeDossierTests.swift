import Core
import Foundation
import RegistryTesting
import Testing
@testable import regctl

/// `/parks/{id}`, `/firms/{uscc}`, `/incubators/{id}`, `/search?q=`: what `regctl show` shows.
@Suite("regctl serve: dossiers and search")
struct ServeDossierTests {
    /// The `[FILING:LINE]` sources `regctl show` prints.
    static func sources(_ text: String) -> [String] {
        text.split(separator: "[").dropFirst().compactMap { part in part.split(separator: "]").first.map(String.init) }.filter { $0.contains(":") }
    }

    @Test("every fact regctl show prints is on the page, linked to its filing", arguments: ["zz-htz", "91431381746286535B", "ZZHTZ-FH-001"])
    func sameAsShow(_ what: String) async throws {
        let show = try ServeSamples.run(["show", what])
        try #require(show.status == 0, "\(show.stderr)")
        let route = what.hasPrefix("9") ? "firms" : what.hasPrefix("ZZ") ? "incubators" : "parks"
        let page = await ServeSamples.get("/\(route)/\(what)")
        #expect(page.status == 200)
        let sources = Self.sources(show.stdout)
        #expect(!sources.isEmpty)
        for s in sources {
            let filing = String(s[..<s.lastIndex(of: ":")!])
            #expect(page.body.contains("<a class=\"src\" href=\"/filings/\(ServeQuery.pct(filing))\">\(Markup.escape(s))</a>"), "\(s)")
        }
        #expect(page.body.contains(Markup.escape(show.stdout.split(separator: "\n")[0].components(separatedBy: "  ")[0].components(separatedBy: " (")[0])))
        #expect(page.body.contains("<code>regctl show \(what)</code>"))
    }

    @Test("a park by name is the park; a park, firm or incubator that is not there is a 404")
    func notThere() async {
        #expect(await ServeSamples.get("/parks/" + ServeQuery.pct("株洲高新区")).status == 200)
        #expect(await ServeSamples.get("/parks/nowhere").status == 404)
        #expect(await ServeSamples.get("/firms/914302007121234556").status == 404)
        #expect(await ServeSamples.get("/firms/" + ServeQuery.pct("<b>")).body.contains("&lt;b&gt;"))
        #expect(await ServeSamples.get("/incubators/nowhere").status == 404)
    }

    @Test("/search finds as regctl show does: a park, firms by part of the name, nearest names")
    func search() async throws {
        let park = await ServeSamples.get("/search?q=zz-htz")
        #expect(park.body.contains("<a href=\"/parks/zz-htz\">"))
        let show = try ServeSamples.run(["show", "光电"])
        let firms = await ServeSamples.get("/search?q=" + ServeQuery.pct("光电"))
        #expect(firms.status == 200)
        for line in show.stdout.split(separator: "\n").dropFirst() {
            let code = line.trimmingCharacters(in: .whitespaces).split(separator: " ")[0]
            if code.count == 18 { #expect(firms.body.contains("<a href=\"/firms/\(code)\">"), "\(code)") }
        }
        let nothing = await ServeSamples.get("/search?q=zz-htx")
        #expect(nothing.body.contains("did you mean"))
        #expect(nothing.body.contains("/search?q=zz-htz"))
        #expect(await ServeSamples.get("/search").status == 200)
    }
}

@Suite("regctl serve: /api/v1/openapi.json")
struct ServeOpenAPITests {
    @Test("OpenAPI 3.1 made from the descriptors: every plugin, every parameter with its type, choices and default")
    func fromDescriptors() async throws {
        let r = await ServeSamples.get("/api/v1/openapi.json")
        #expect(r.status == 200)
        #expect(r.contentType == "application/json; charset=utf-8")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any])
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: Any])
        for runner in ServeSamples.handler.plugins {
            let get = try #require((paths["/api/v1/\(runner.id)"] as? [String: Any])?["get"] as? [String: Any], "\(runner.id)")
            let params = try #require(get["parameters"] as? [[String: Any]])
            for spec in runner.descriptor?.parameters ?? [] {
                let p = try #require(params.first { $0["name"] as? String == spec.name }, "\(runner.id) \(spec.name)")
                let schema = try #require(p["schema"] as? [String: Any])
                switch spec.kind {
                case .choice(let options): #expect(schema["enum"] as? [String] == options)
                case .integer: #expect(schema["type"] as? String == "integer")
                case .flag: #expect(schema["type"] as? String == "boolean")
                case .date: #expect(schema["format"] as? String == "date")
                case .text: #expect(schema["type"] as? String == "string")
                }
                #expect(p["required"] as? Bool == (spec.positional && spec.defaultValue == nil))
            }
            #expect(params.contains { $0["name"] as? String == "as-of" })
        }
    }

    /// openapi-spec-validator (PyPI), when it is installed: the document validates.
    @Test("the document validates with openapi-spec-validator (skipped without it)")
    func validates() async throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import openapi_spec_validator"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return }
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            print("openapi-spec-validator is not installed: validation skipped (pip install openapi-spec-validator)")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-openapi-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(await ServeSamples.get("/api/v1/openapi.json").body.utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import json,sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1])))", file.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }
}

@Suite("regctl serve: an analysis that cannot answer")
struct ServeUnanswerableTests {
    /// Found by schemathesis: `screen --uscc ''` was a 500; the plugin's `failed` (the CLI's exit 1) is
    /// the request's doing, a 422 with the CLI's message.
    @Test("a built-in plugin's failure is a 422 with the CLI's message, never a 500", arguments: ["", "914302007121234556"])
    func screenUnknownFirm(_ uscc: String) async throws {
        let cli = try ServeSamples.run(["screen", "--uscc", uscc, "--format", "json"])
        #expect(cli.status == 1)
        let web = await ServeSamples.get("/api/v1/screen?uscc=\(uscc)")
        #expect(web.status == 422)
        #expect(web.body == (cli.stderr.split(separator: "\n").first.map(String.init) ?? "") + "\n")
        let page = await ServeSamples.get("/screen?uscc=\(uscc.isEmpty ? "%20" : uscc)")
        #expect(page.status == 422)
    }
}

@Suite("regctl serve on PostgreSQL")
struct ServePostgresTests {
    /// The samples loaded on the PostgreSQL test server (when there is one): the API answers as the
    /// CLI does there, a page renders, and the cache keys on the same state read.
    @Test("the API is the CLI on PostgreSQL too", .enabled(if: Backend.postgresURL != nil, "no PostgreSQL test server"))
    func postgres() async throws {
        let (location, load) = try SampleRegistry.registry(.postgres)
        try #require(load.status == 0, "\(load.stderr)")
        let handler = ServeHandler(store: try RegistryOptions.open(location, create: false), location: location, plugins: ServeHandler.allPlugins(external: false))
        let cli = try CLI.run(["rank", "--level", "national", "--by", "park", "--within", "43", "--format", "json", "--registry", location])
        try #require(cli.status == 0, "\(cli.stderr)")
        let web = await ServeSamples.get("/api/v1/rank?level=national&by=park&within=43", on: handler)
        #expect(web.status == 200)
        #expect(web.body == cli.stdout)
        #expect(await ServeSamples.get("/api/v1/rank?within=43&by=park&level=national", on: handler) == web)
        #expect(handler.metrics.snapshot.cacheHits == 1)
        let page = await ServeSamples.get("/profile/zz-htz", on: handler)
        #expect(page.status == 200)
        #expect(page.body.contains("<div class=\"cards\">"))
    }
}
