import Core
import Foundation
import Testing
@testable import regctl

/// `regctl serve` answered in-process: the handler behind Hummingbird, on the samples' registry.
enum ServeSamples {
    /// The samples loaded into a registry of the serve tests' own: the shared one (SampleRegistry) is
    /// opened in-process by other suites, and a second pool on it held for the whole run by this one
    /// made their opens fail with SQLite's disk I/O error.
    static let directory: URL = try! CLI.temporaryDirectory()
    static let path: String = directory.appendingPathComponent("serve-samples.sqlite").path
    static let load: CLI.Result = try! CLI.run(["load", "samples/filings", "--registry", path])

    /// regctl on this registry.
    static func run(_ arguments: [String]) throws -> CLI.Result {
        _ = load
        return try CLI.run(arguments + ["--registry", path])
    }

    /// One handler on the samples' registry, shared (it only reads).
    static let handler: ServeHandler = {
        precondition(load.status == 0, load.stderr)
        let store = try! RegistryOptions.open(path, create: false)
        // The suites run in parallel: room for all of their analyses at once (the bound has tests of its own).
        var limits = ServeHandler.Limits()
        limits.maxInFlight = 64
        return ServeHandler(store: store, location: path, plugins: ServeHandler.allPlugins(external: false), limits: limits)
    }()

    static func get(_ target: String, on handler: ServeHandler = handler, method: String = "GET", bodyLength: Int? = nil) async -> ServeResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        return await handler.respond(method: method, path: parts[0], query: parts.count > 1 ? parts[1] : nil, bodyLength: bodyLength).response
    }

    /// The query string of a plugin's command-line arguments, by its descriptor: `--by park` → `by=park`,
    /// a flag → bare name, a positional value → its parameter's name.
    static func query(_ arguments: [String], plugin: PluginRunner) -> String {
        let specs = plugin.descriptor?.parameters ?? []
        var positional = specs.filter(\.positional)
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a.hasPrefix("--") {
                let name = String(a.dropFirst(2))
                if case .flag? = specs.first(where: { $0.name == name })?.kind {
                    out.append(ServeQuery.pct(name))
                } else {
                    i += 1
                    out.append(ServeQuery.pct(name) + "=" + ServeQuery.pct(arguments[i]))
                }
            } else {
                out.append(ServeQuery.pct(positional.removeFirst().name) + "=" + ServeQuery.pct(a))
            }
            i += 1
        }
        return out.joined(separator: "&")
    }
}

@Suite("regctl serve: the API is the CLI")
struct ServeAPITests {
    static let rankSets: [[String]] = [
        [],
        ["--level", "national", "--by", "park", "--within", "43"],
        ["--level", "provincial", "--by", "park", "--within", "43"],
        ["--by", "province", "--planned-cities", "separate", "--cumulative"],
        ["--program", "specialized-sme", "--level", "provincial", "--exact", "--by", "prefecture", "--within", "43", "--top", "5"],
        ["--as-of", "2022-12-31", "--by", "prefecture", "--within", "43"],
    ]

    /// Every built-in plugin's first example, and rank with several parameter sets.
    static var cases: [[String]] {
        BuiltInPlugins.all.map { [$0.plugin.descriptor.id] + ($0.plugin.descriptor.examples.first?.arguments ?? []) }
            + rankSets.map { ["rank"] + $0 }
    }

    @Test("/api/v1/{plugin} is byte for byte what regctl {plugin} … --format json prints", arguments: cases)
    func apiEqualsCLI(_ command: [String]) async throws {
        let cli = try ServeSamples.run(command + ["--format", "json"])
        try #require(cli.status == 0, "\(cli.stderr)")
        let runner = try #require(ServeSamples.handler.plugin(command[0]))
        let q = ServeSamples.query(Array(command.dropFirst()), plugin: runner)
        let web = await ServeSamples.get("/api/v1/\(command[0])?\(q)")
        #expect(web.status == 200, "\(web.body)")
        #expect(web.contentType == "application/json; charset=utf-8")
        #expect(web.body == cli.stdout, "/api/v1/\(command[0])?\(q)")
        if command[0] == "rank" { #expect(!(try CLI.rows(web.body, columns: ["name"])).isEmpty) }
    }

    @Test("format=csv|md|svg: the CLI's other formats, with their content types", arguments: [("csv", "text/csv; charset=utf-8"), ("md", "text/markdown; charset=utf-8"), ("svg", "image/svg+xml")])
    func formats(_ format: String, _ type: String) async throws {
        let cli = try ServeSamples.run(["rank", "--level", "national", "--by", "park", "--within", "43", "--format", format])
        try #require(cli.status == 0)
        let web = await ServeSamples.get("/api/v1/rank?level=national&by=park&within=43&format=\(format)")
        #expect(web.status == 200)
        #expect(web.contentType == type)
        #expect(web.body == cli.stdout)
        #expect(web.body.contains("株洲高新区"))
    }

    @Test("flags as exact=true or bare exact, in any order of parameters")
    func flagsAndOrder() async throws {
        let a = await ServeSamples.get("/api/v1/rank?program=specialized-sme&level=provincial&exact&by=prefecture&within=43")
        let b = await ServeSamples.get("/api/v1/rank?within=43&by=prefecture&exact=true&level=provincial&program=specialized-sme")
        let c = await ServeSamples.get("/api/v1/rank?within=43&by=prefecture&level=provincial&program=specialized-sme")
        #expect(a.status == 200 && a.body == b.body)
        #expect(a.body != c.body, "exact must change the answer")
    }

    @Test("a bad parameter is a 400 with the CLI's message, never a 500", arguments: [
        ["--by", "parks"], ["--level", "nationl"], ["--top", "many"], ["--as-of", "2024-13-45"], ["--bogus", "1"], ["--format", "pdf"],
    ])
    func badParameter(_ arguments: [String]) async throws {
        let cli = try ServeSamples.run(["rank"] + arguments)
        #expect(cli.status == PluginRunner.usageError)
        let web = await ServeSamples.get("/api/v1/rank?\(arguments[0].dropFirst(2))=\(ServeQuery.pct(arguments[1]))")
        #expect(web.status == 400)
        let firstLine = cli.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(web.body == firstLine + "\n", "\(web.body) vs \(cli.stderr)")
    }

    @Test("the server's registry cannot be chosen by a request, and a name twice is refused")
    func serverOnlyOptions() async throws {
        let r = await ServeSamples.get("/api/v1/rank?registry=/etc/passwd")
        #expect(r.status == 400)
        #expect(r.body.contains("the server answers from its own registry"))
        let twice = await ServeSamples.get("/api/v1/rank?by=park&by=province")
        #expect(twice.status == 400)
        #expect(twice.body.contains("more than once"))
    }

    @Test("an unknown plugin is a 404 naming the plugins there are")
    func unknownPlugin() async throws {
        let r = await ServeSamples.get("/api/v1/rnak")
        #expect(r.status == 404)
        #expect(r.body.contains("rank"))
        #expect(await ServeSamples.get("/rnak").status == 404)
    }

    @Test("a profile of a park that is not there is a 404 with the plugin's message")
    func unknownPark() async throws {
        let cli = try ServeSamples.run(["profile", "no-such-park", "--format", "json"])
        #expect(cli.status != 0)
        let web = await ServeSamples.get("/api/v1/profile?park=no-such-park")
        #expect([400, 404].contains(web.status))
        #expect(web.body == (cli.stderr.split(separator: "\n").first.map(String.init) ?? "") + "\n")
    }

    @Test("/healthz and /metrics (Prometheus text: requests by route and status, latency, cache hits)")
    func healthAndMetrics() async throws {
        let h = await ServeSamples.get("/healthz")
        #expect(h.status == 200 && h.body == "ok\n")
        _ = await ServeSamples.get("/api/v1/rank?by=prefecture")
        _ = await ServeSamples.get("/api/v1/rank?by=prefecture")
        _ = await ServeSamples.get("/api/v1/rank?by=nowhere")
        let m = await ServeSamples.get("/metrics")
        #expect(m.status == 200)
        #expect(m.contentType.hasPrefix("text/plain; version=0.0.4"))
        #expect(m.body.contains("regctl_http_requests_total{route=\"/api/v1/{plugin}\",status=\"200\"}"))
        #expect(m.body.contains("regctl_http_requests_total{route=\"/api/v1/{plugin}\",status=\"400\"}"))
        #expect(m.body.contains("regctl_http_request_duration_seconds_count{route=\"/api/v1/{plugin}\"}"))
        let hits = m.body.split(separator: "\n").first { $0.hasPrefix("regctl_cache_hits_total ") }.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
        #expect(hits >= 1)
    }
}

@Suite("regctl serve: pages")
struct ServePageTests {
    @Test("/ shows the filings count, the as-of date, the national ranking of provinces as chart and table, and every plugin")
    func home() async throws {
        let r = await ServeSamples.get("/")
        #expect(r.status == 200)
        #expect(r.contentType == "text/html; charset=utf-8")
        #expect(r.body.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let filings = try ServeSamples.run(["filings", "--format", "json"])
        let count = try CLI.rows(filings.stdout, columns: ["id"]).count
        #expect(r.body.contains("<strong id=\"filings-count\">\(count)</strong>"))
        #expect(r.body.contains("<strong id=\"as-of\">\(Expected.value.as_of)</strong>"))
        #expect(r.body.contains("<svg"))
        let rank = try CLI.rows(try ServeSamples.run(["rank", "--format", "json"]).stdout)
        for row in rank { #expect(r.body.contains("<td>\(row[2])</td><td class=\"num\">\(row[3])</td>"), "\(row)") }
        for entry in BuiltInPlugins.all { #expect(r.body.contains("<a href=\"/\(entry.plugin.descriptor.id)\">")) }
        #expect(!r.body.contains("<script"))
    }

    @Test("/rank?… shows the form from the descriptor, the chart, the table, notes, sources and the command")
    func rankPage() async throws {
        let r = await ServeSamples.get("/rank?level=national&by=park&within=43")
        #expect(r.status == 200)
        #expect(r.body.contains("<select id=\"p-by\" name=\"by\">"))
        #expect(r.body.contains("<option value=\"park\" selected>park</option>"))
        #expect(r.body.contains("<input id=\"p-exact\" type=\"checkbox\" name=\"exact\" value=\"true\">"))
        #expect(r.body.contains("<input id=\"p-within\" type=\"text\" name=\"within\" value=\"43\""))
        #expect(r.body.contains("<input id=\"p-top\" type=\"number\""))
        #expect(r.body.contains("<code id=\"command\">regctl rank --by park --within 43</code>"))  // --level national is the default
        #expect(r.body.contains("<figure>\n<svg"))
        let rows = try CLI.rows(try ServeSamples.run(["rank", "--level", "national", "--by", "park", "--within", "43", "--format", "json"]).stdout)
        for row in rows { #expect(r.body.contains("<td>\(row[2])</td><td class=\"num\">\(row[3])</td>")) }
        #expect(r.body.contains("<a href=\"/filings/"))
        #expect(r.body.contains("<ul class=\"notes\">"))
    }

    @Test("a form's empty fields are not given, as a browser sends them")
    func emptyFields() async throws {
        let a = await ServeSamples.get("/rank?level=national&by=park&within=43&top=&as-of=")
        let b = await ServeSamples.get("/rank?level=national&by=park&within=43")
        #expect(a.status == 200)
        #expect(a.body == b.body)
    }

    @Test("/profile/zz-htz shows 株洲高新区's figures as the CLI computes them")
    func profile() async throws {
        let r = await ServeSamples.get("/profile/zz-htz")
        #expect(r.status == 200)
        #expect(r.body.contains("株洲高新区"))
        #expect(r.body.contains("<div class=\"cards\">"))
        let cli = try ServeSamples.run(["profile", "zz-htz", "--format", "json"])
        // The labels are the figures' Chinese names (JSON's data): what the Chinese page shows.
        let zh = await ServeSamples.get("/profile/zz-htz?lang=zh")
        for row in try CLI.rows(cli.stdout, columns: ["label"]) { #expect(zh.body.contains(Markup.escape(row[0]))) }
        #expect(r.body.contains("<code id=\"command\">regctl profile zz-htz</code>"))
        let encoded = await ServeSamples.get("/profile/" + ServeQuery.pct("株洲高新区"))
        #expect(encoded.status == 200)
        let unknown = await ServeSamples.get("/profile/no-such-park")
        #expect(unknown.status == 400)
        #expect(unknown.body.contains("profile: --park &apos;no-such-park&apos; is not valid"))
    }

    @Test("every plugin has a page; one with a required value asks for it")
    func everyPlugin() async throws {
        for entry in BuiltInPlugins.all {
            let r = await ServeSamples.get("/\(entry.plugin.descriptor.id)")
            #expect(r.status == 200, "\(entry.plugin.descriptor.id): \(r.body.suffix(300))")
            #expect(r.body.contains("<form class=\"params\""))
        }
        let profile = await ServeSamples.get("/profile")
        #expect(profile.body.contains("<a href=\"/profile/zz-htz\">"))
    }

    @Test("a bad value on a page is a 400 page with the CLI's message and the form kept")
    func badValuePage() async throws {
        let r = await ServeSamples.get("/rank?by=parks")
        #expect(r.status == 400)
        #expect(r.body.contains("<p class=\"error\" id=\"error\">Error: rank: --by &apos;parks&apos; is not valid"))
        #expect(r.body.contains("<form class=\"params\""))
    }

    @Test("user text is HTML-escaped everywhere it is shown")
    func escaped() async throws {
        let evil = "<script>alert(1)</script>\"'"
        let r = await ServeSamples.get("/rank?within=\(ServeQuery.pct(evil))")
        #expect(r.status == 400)  // no such region: the message and the form repeat the value
        #expect(!r.body.contains("<script>"))
        #expect(r.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&apos;"))
        let f = await ServeSamples.get("/filings/" + ServeQuery.pct(evil))
        #expect(f.status == 404)
        #expect(!f.body.contains("<script>"))
    }

    @Test("every answer carries the Content-Security-Policy and nosniff")
    func securityHeaders() async throws {
        for target in ["/", "/rank", "/api/v1/rank", "/nowhere", "/healthz"] {
            let r = await ServeSamples.get(target)
            #expect(r.headers["Content-Security-Policy"]?.hasPrefix("default-src 'none'") == true, "\(target)")
            #expect(r.headers["Content-Security-Policy"]?.contains("script") == false)
            #expect(r.headers["X-Content-Type-Options"] == "nosniff")
        }
    }

    @Test("/filings/{id}: authority, date, title, source, hash and records")
    func filing() async throws {
        let json = try ServeSamples.run(["filings", "--format", "json"]).stdout
        let rows = try CLI.rows(json, columns: ["id", "authority", "sha256", "source"])
        let first = try #require(rows.first)
        let r = await ServeSamples.get("/filings/" + ServeQuery.pct(first[0]))
        #expect(r.status == 200)
        for v in first { #expect(r.body.contains(Markup.escape(v))) }
    }
}

@Suite("regctl serve: cache, limits and hostile requests")
struct ServeGuardTests {
    @Test("paths outside the routes are nil (404): dots, encoded dots, NUL, encoded slashes, empty segments", arguments: [
        "/..", "/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E", "/rank/%2e", "/rank%00", "/%00", "/api/v1/..%2f..%2fetc", "//rank",
        "/api//v1/rank", "rank", "/profile/zz%2fhtz", "/a%5cb", "/%ZZ", "/x%0d%0aSet-Cookie:%20a",
    ])
    func badPaths(_ path: String) async {
        #expect(ServePath.segments(path) == nil)
        #expect(await ServeSamples.get(path).status == 404)
    }

    @Test("ordinary paths split and decode")
    func goodPaths() {
        #expect(ServePath.segments("/") == [])
        #expect(ServePath.segments("/rank/") == ["rank"])
        #expect(ServePath.segments("/profile/%E6%A0%AA") == ["profile", "株"])
    }

    @Test("only GET and HEAD; bodies and long targets are refused")
    func methodsAndSizes() async {
        let post = await ServeSamples.get("/api/v1/rank", method: "POST")
        #expect(post.status == 405)
        #expect(post.headers["Allow"] == "GET, HEAD")
        #expect(await ServeSamples.get("/api/v1/rank", method: "DELETE").status == 405)
        let head = await ServeSamples.get("/api/v1/rank", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(await ServeSamples.get("/api/v1/rank", bodyLength: 1 << 20).status == 413)
        #expect(await ServeSamples.get("/api/v1/rank?within=" + String(repeating: "4", count: 9000)).status == 414)
        #expect(await ServeSamples.get("/api/v1/rank?within=%FF").status == 400)
    }

    @Test("a repeated request is served from memory")
    func cacheHit() async throws {
        let handler = ServeHandler(store: ServeSamples.handler.store, location: ServeSamples.path, plugins: ServeHandler.allPlugins(external: false))
        let a = await ServeSamples.get("/api/v1/rank?by=park&within=43", on: handler)
        #expect(handler.metrics.snapshot.cacheHits == 0)
        let b = await ServeSamples.get("/api/v1/rank?within=43&by=park", on: handler)
        #expect(handler.metrics.snapshot.cacheHits == 1)
        #expect(a == b)
        #expect(handler.cache.count == 1)
    }

    @Test("the cache is bounded: the least recently used answer goes")
    func cacheBound() {
        let cache = ResponseCache(capacity: 2)
        cache.put("a", .text(200, "a"))
        cache.put("b", .text(200, "b"))
        _ = cache.get("a")
        cache.put("c", .text(200, "c"))
        #expect(cache.count == 2)
        #expect(cache.get("b") == nil)
        #expect(cache.get("a") != nil && cache.get("c") != nil)
    }

    @Test("a retraction and a load by another process are seen on the next request")
    func changesByAnotherProcess() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.sqlite").path
        let loaded = try CLI.run(["load", "samples/filings", "--registry", registry])
        try #require(loaded.status == 0, "\(loaded.stderr)")
        let handler = ServeHandler(store: try RegistryOptions.open(registry, create: false), location: registry, plugins: ServeHandler.allPlugins(external: false))
        let target = "/api/v1/rank?level=national&by=park&within=43"
        func cli() throws -> String {
            try CLI.run(["rank", "--level", "national", "--by", "park", "--within", "43", "--format", "json", "--registry", registry]).stdout
        }
        let before = await ServeSamples.get(target, on: handler)
        let first = try cli()
        #expect(before.status == 200)
        #expect(before.body == first)
        #expect(await ServeSamples.get(target, on: handler) == before)
        #expect(handler.metrics.snapshot.cacheHits == 1)
        // Another process retracts MIIT's 2024 revocations: four firms are designated again.
        let retract = try CLI.run(["filings", "retract", "MIIT-LG-2024-REVOKE", "--registry", registry])
        try #require(retract.status == 0, "\(retract.stderr)")
        let retracted = await ServeSamples.get(target, on: handler)
        #expect(retracted.status == 200)
        #expect(retracted.body != before.body)
        let second = try cli()
        #expect(retracted.body == second)
        #expect(retracted.body.contains("\"count\" : 26"))
        // And loads them again: the first answer comes back, computed anew.
        let load = try CLI.run(["load", "samples/filings/miit-lg-revocations-2024.xml", "--registry", registry])
        try #require(load.status == 0, "\(load.stderr)")
        let reloaded = await ServeSamples.get(target, on: handler)
        #expect(reloaded.body == before.body)
        #expect(handler.metrics.snapshot.cacheHits == 1)
        #expect(handler.metrics.snapshot.cacheMisses == 3)
    }

    @Test("analyses at once are bounded: one more gets 503 at once")
    func concurrencyBound() async throws {
        let release = DispatchSemaphore(value: 0)
        var limits = ServeHandler.Limits()
        limits.maxInFlight = 1
        let handler = ServeHandler(store: ServeSamples.handler.store, location: ServeSamples.path, plugins: ServeHandler.allPlugins(external: false),
                                   limits: limits, beforeAnalysis: { release.wait() })
        let held = Task { await ServeSamples.get("/api/v1/rank?by=park", on: handler) }
        while handler.gate.inFlight == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let refused = await ServeSamples.get("/api/v1/rank?by=prefecture", on: handler)
        #expect(refused.status == 503)
        #expect(refused.headers["Retry-After"] == "1")
        #expect(await ServeSamples.get("/healthz", on: handler).status == 200)
        release.signal()
        #expect(await held.value.status == 200)
        #expect(handler.gate.inFlight == 0)
        release.signal()  // for the next analysis's wait
        #expect(await ServeSamples.get("/api/v1/rank?by=prefecture", on: handler).status == 200)
    }

    @Test("an answer that takes longer than the time limit is a 503, and its place is given back when it ends")
    func timeLimit() async throws {
        var limits = ServeHandler.Limits()
        limits.timeout = 0.2
        let handler = ServeHandler(store: ServeSamples.handler.store, location: ServeSamples.path, plugins: ServeHandler.allPlugins(external: false),
                                   limits: limits, beforeAnalysis: { Thread.sleep(forTimeInterval: 1) })
        let r = await ServeSamples.get("/api/v1/rank", on: handler)
        #expect(r.status == 503)
        #expect(handler.metrics.snapshot.timeouts == 1)
        while handler.gate.inFlight > 0 { try await Task.sleep(for: .milliseconds(50)) }
    }
}

@Suite("regctl serve: forms as a browser submits them")
struct ServeFormTests {
    /// A browser sends every field: each select at its default, empty text fields. Growth refuses
    /// options that do not apply to its view (`--level` with `--view metric`), so defaults must not
    /// reach it as given values.
    @Test("every plugin's form submitted untouched answers as the plugin with no options", arguments: BuiltInPlugins.all.map(\.plugin.descriptor.id).filter { $0 != "profile" })
    func untouchedForm(_ id: String) async throws {
        let runner = try #require(ServeSamples.handler.plugin(id))
        var fields: [String] = []
        for p in runner.descriptor?.parameters ?? [] {
            switch p.kind {
            case .flag: continue  // an unchecked box is not sent
            default: fields.append("\(p.name)=\(ServeQuery.pct(p.defaultValue ?? ""))")
            }
        }
        fields.append("as-of=")
        let submitted = await ServeSamples.get("/\(id)?" + fields.joined(separator: "&"))
        let bare = await ServeSamples.get("/\(id)")
        #expect(submitted.status == 200, "\(id): \(submitted.body.suffix(400))")
        #expect(submitted.body == bare.body)
        #expect(submitted.body.contains("<code id=\"command\">regctl \(id)</code>"))
    }
}

@Suite("regctl serve: analyses that hang")
struct ServeHangTests {
    /// Seen in the full suite: with the analyses on a dispatch queue (as many threads as cores) two
    /// hung analyses on two cores held back the third and the deadline's timer itself.
    @Test("more hung analyses than cores each get their 503 at the deadline", .timeLimit(.minutes(1)))
    func hungAnalyses() async throws {
        let release = DispatchSemaphore(value: 0)
        var limits = ServeHandler.Limits()
        limits.timeout = 0.5
        let handler = ServeHandler(store: ServeSamples.handler.store, location: ServeSamples.path, plugins: ServeHandler.allPlugins(external: false),
                                   limits: limits, beforeAnalysis: { release.wait() })
        let n = ProcessInfo.processInfo.activeProcessorCount + 1
        let started = ContinuousClock.now
        let statuses = await withTaskGroup(of: Int.self) { group in
            for i in 0..<min(n, limits.maxInFlight) {
                group.addTask { await ServeSamples.get("/api/v1/rank?top=\(i + 1)", on: handler).status }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 503 }, "\(statuses)")
        #expect(ContinuousClock.now - started < .seconds(10))
        for _ in statuses { release.signal() }
        while handler.gate.inFlight > 0 { try await Task.sleep(for: .milliseconds(20)) }
    }
}
