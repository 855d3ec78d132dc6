import Core
import Foundation

/// The server's answers, apart from HTTP: a method, a raw path and a raw query in, a `ServeResponse`
/// out. Every answer comes from the plugins and Core as the CLI gets it; this type parses, routes,
/// caches and renders. `ServeCommand` puts it behind Hummingbird; the tests call it directly too.
final class ServeHandler: Sendable {
    struct Limits: Sendable {
        /// Analyses (plugin runs, pages) at once; more get 503.
        var maxInFlight = 4
        /// Seconds an analysis may take before the request gets 503 (the analysis finishes unseen).
        var timeout = 30.0
        /// Request bodies larger than this are refused (413); the routes take none.
        var maxBody = 64 << 10
        /// Longest request target (path and query), in bytes (414 beyond).
        var maxTarget = 8 << 10
        /// Answers kept in memory.
        var cacheEntries = 256
    }

    let store: any Registry
    /// The registry as `--registry` named it (a file path or a connection string): external plugins get it.
    let location: String
    let plugins: [PluginRunner]
    let limits: Limits
    let cache: ResponseCache
    let gate: RunGate
    let metrics = ServeMetrics()
    /// The reconciliation's indexes, kept for one registry state.
    let matching = ReconcileMatching()
    /// Called before each analysis, on its thread (tests use it to hold one running).
    let beforeAnalysis: (@Sendable () -> Void)?

    init(store: any Registry, location: String, plugins: [PluginRunner], limits: Limits = Limits(), beforeAnalysis: (@Sendable () -> Void)? = nil) {
        self.store = store
        self.location = location
        self.plugins = plugins
        self.limits = limits
        cache = ResponseCache(capacity: limits.cacheEntries)
        gate = RunGate(limit: limits.maxInFlight)
        self.beforeAnalysis = beforeAnalysis
    }

    /// The built-in plugins (and `explain`), then the external ones found now on PATH.
    static func allPlugins(external: Bool = true) -> [PluginRunner] {
        var out = (BuiltInPlugins.all + BuiltInPlugins.commands).map { PluginRunner(plugin: .builtIn($0.plugin)) }
        if external {
            for c in ExternalPlugins.candidates() where c.problem == nil {
                if let e = ExternalPlugins.find(c.name) { out.append(PluginRunner(plugin: .external(e))) }
            }
        }
        return out
    }

    func plugin(_ id: String) -> PluginRunner? { plugins.first { $0.id == id } }

    /// Headers every answer carries: no script, no framing, no sniffing.
    static let securityHeaders: [String: String] = [
        "Content-Security-Policy": "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    ]

    /// The route a path belongs to, for metrics and the access log (never the user's text).
    static func routeLabel(_ segments: [String]?) -> String {
        guard let s = segments else { return "invalid" }
        switch s.count {
        case 0: return "/"
        case 1: return ["healthz", "metrics", "search", "reconcile"].contains(s[0]) ? "/" + s[0] : "/{plugin}"
        default:
            if s[0] == "reconcile" { return s.count == 3 && s[1] == "view" ? "/reconcile/view/{id}" : "other" }
            if s[0] == "api", s.count == 3, s[1] == "v1" { return s[2] == "openapi.json" ? "/api/v1/openapi.json" : "/api/v1/{plugin}" }
            if s[0] == "profile", s.count == 2 { return "/profile/{park}" }
            if s[0] == "filings", s.count == 2 { return "/filings/{id}" }
            if s.count == 2, ["parks", "firms", "incubators"].contains(s[0]) { return "/\(s[0])/{id}" }
            return "other"
        }
    }

    /// Answers one request. `bodyLength` is the request's Content-Length, if it gave one; `body` the
    /// body a POST to `/reconcile` sent (the only route that reads one); `host` the Host header;
    /// `acceptLanguage` and `accept` the headers that choose a page's language and an error's form.
    func respond(method: String, path: String, query: String?, bodyLength: Int? = nil, body: String? = nil,
                 contentType: String? = nil, host: String? = nil, acceptLanguage: String? = nil,
                 accept: String? = nil) async -> (response: ServeResponse, route: String) {
        let started = ContinuousClock.now
        let segments = ServePath.segments(path)
        let route = ServeHandler.routeLabel(segments)
        var response: ServeResponse
        if let segments, segments.first == "reconcile" {
            response = await reconcile(method: method, segments: segments, rawPath: path, query: query, bodyLength: bodyLength,
                                       body: body, contentType: contentType, host: host)
            for (k, v) in Reconcile.corsHeaders { response.headers[k] = v }
        } else {
            response = await answer(method: method, segments: segments, rawPath: path, query: query, bodyLength: bodyLength,
                                    acceptLanguage: acceptLanguage, accept: accept)
        }
        for (k, v) in ServeHandler.securityHeaders where response.headers[k] == nil { response.headers[k] = v }
        let elapsed = ContinuousClock.now - started
        metrics.record(route: route, status: response.status, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        if method == "HEAD" {
            response.body = ""
            response.bytes = nil
        }
        return (response, route)
    }

    private func answer(method: String, segments: [String]?, rawPath: String, query: String?, bodyLength: Int?,
                        acceptLanguage: String?, accept: String?) async -> ServeResponse {
        // The API (and what only machines read) stays English: an API is stable, as its JSON is.
        let isAPI = segments?.first == "api"
        let early = ServeRequest(acceptLanguage: isAPI ? nil : acceptLanguage, accept: isAPI ? nil : accept)
        if rawPath.utf8.count + (query?.utf8.count ?? 0) > limits.maxTarget { return problem(414, early, .serveErrorTooLong, ["limit": .integer(limits.maxTarget)]) }
        guard method == "GET" || method == "HEAD" else {
            return problem(405, early, .serveErrorMethod, ["method": .text(method)], headers: ["Allow": "GET, HEAD"])
        }
        if let bodyLength, bodyLength > limits.maxBody {
            return problem(413, early, .serveErrorBody, ["length": .integer(bodyLength), "limit": .integer(limits.maxBody)])
        }
        guard let segments else { return problem(404, early, .serveErrorNotFound) }
        guard let all = ServeQuery.pairs(query) else { return problem(400, early, .serveErrorQuery) }
        let request = ServeRequest(segments: segments, pairs: all, acceptLanguage: isAPI ? nil : acceptLanguage, accept: isAPI ? nil : accept)
        let pairs = request.pairs
        let pages = ServePages(handler: self, request: request)
        switch segments.count {
        case 0:
            return await page("/", request) { pages.home() }
        case 1 where segments[0] == "healthz":
            return .text(200, "ok\n")
        case 1 where segments[0] == "metrics":
            return ServeResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                                 body: metrics.exposition(inFlight: gate.inFlight, cached: cache.count))
        case 1 where segments[0] == "search":
            return await page("/search", request) { pages.search(pairs) }
        case 1:
            guard let runner = plugin(segments[0]) else { return problem(404, request, .serveErrorNotFound) }
            return await page("/" + runner.id, request) { pages.plugin(runner, pairs: pairs) }
        case 2 where segments[0] == "profile":
            guard let runner = plugin("profile"), !pairs.contains(where: { $0.name == "park" }) else { return problem(404, request, .serveErrorNotFound) }
            let withPark = [(name: "park", value: Optional(segments[1]))] + pairs
            var keyed = request
            keyed.pairs = withPark
            return await page("/profile", keyed) { pages.plugin(runner, pairs: withPark) }
        case 2 where segments[0] == "filings":
            let id = segments[1]
            return await page("/filings/" + id, request) { pages.filing(id) }
        case 2 where segments[0] == "parks":
            let id = segments[1]
            return await page("/parks/" + id, request) { pages.park(id) }
        case 2 where segments[0] == "incubators":
            let id = segments[1]
            return await page("/incubators/" + id, request) { pages.incubator(id) }
        case 2 where segments[0] == "firms":
            let id = segments[1]
            return await page("/firms/" + id, request) { pages.firm(id) }
        case 3 where segments[0] == "api" && segments[1] == "v1" && segments[2] == "openapi.json":
            return ServeResponse(status: 200, contentType: "application/json; charset=utf-8", body: ServeOpenAPI.json(plugins))
        case 3 where segments[0] == "api" && segments[1] == "v1":
            guard let runner = plugin(segments[2]) else {
                return problem(404, request, .serveErrorNoPlugin, ["id": .text(segments[2]), "ids": .text(plugins.map(\.id).joined(separator: ", "))])
            }
            return await cached("/api/v1/" + runner.id, all) { self.api(runner, pairs: all) }
        default:
            return problem(404, request, .serveErrorNotFound)
        }
    }

    /// An error in the request's language: a page with the site's navigation when the client reads
    /// HTML, else a line of text (`Error: …`), as the API's errors are.
    func problem(_ status: Int, _ request: ServeRequest, _ key: CLIKey, _ arguments: [String: Message.Argument] = [:],
                 headers: [String: String] = [:]) -> ServeResponse {
        let w = request.words
        var response: ServeResponse
        if request.wantsHTML {
            response = ServePages(handler: self, request: request).errorPage(status, message: w(key, arguments))
        } else {
            response = .text(status, w(.errorLabel) + w(key, arguments) + "\n")
        }
        for (k, v) in headers { response.headers[k] = v }
        for (k, v) in request.languageHeaders where request.wantsHTML { response.headers[k] = v }
        return response
    }

    /// A page, kept per language (and per way the language was chosen) like any answer; it varies
    /// by `Accept-Language` unless the query named the language.
    func page(_ route: String, _ request: ServeRequest, _ compute: @escaping @Sendable () -> ServeResponse) async -> ServeResponse {
        var response = await cached(route, request.pairs, variant: request.cacheVariant, request: request) { (_: String) in compute() }
        for (k, v) in request.languageHeaders where response.contentType.hasPrefix("text/html") { response.headers[k] = v }
        return response
    }

    func notFound(_ message: String = "Error: no such page.\n") -> ServeResponse { .text(404, message) }

    /// The registry's state: the loaded filings by sequence, id and hash, read on each request (one
    /// small query), so that a load or retraction by another process changes it.
    func state() throws -> String {
        try store.filings().map { "\($0.sequence) \($0.header.id) \($0.sha256)" }.joined(separator: "\n")
    }

    /// An answer from memory when the registry is as it was, else computed (at most `maxInFlight`
    /// at once, within `timeout` seconds) and kept when it is a success.
    func cached(_ route: String, _ pairs: [(name: String, value: String?)], _ compute: @escaping @Sendable () -> ServeResponse) async -> ServeResponse {
        await cached(route, pairs) { (_: String) in compute() }
    }

    /// As `cached(_:_:_:)`, for an answer that needs the registry's state too (to build what it keeps
    /// per state, such as the reconciliation's indexes).
    /// `variant` tells apart answers that differ by more than route and query (a page's language);
    /// `request` words the errors (English when nil, as the API's are).
    func cached(_ route: String, _ pairs: [(name: String, value: String?)], variant: String = "", request: ServeRequest? = nil,
                _ compute: @escaping @Sendable (String) -> ServeResponse) async -> ServeResponse {
        let request = request ?? ServeRequest(acceptLanguage: nil, accept: nil)
        guard gate.tryEnter() else {
            metrics.busy()
            return problem(503, request, .serveErrorBusy, ["count": .integer(limits.maxInFlight)], headers: ["Retry-After": "1"])
        }
        let key = route + "?" + ServeQuery.normalised(pairs) + variant
        let gate = self.gate, cache = self.cache, metrics = self.metrics, before = beforeAnalysis
        let work: @Sendable () -> ServeResponse = { [self] in
            defer { gate.leave() }
            let state: String
            do { state = try self.state() } catch {
                return self.problem(500, request, .serveErrorRegistry, ["reason": .text((error as? LocalizedError)?.errorDescription ?? "\(error)")])
            }
            let full = key + "\u{0}" + state
            if let hit = cache.get(full) {
                metrics.cache(hit: true)
                return hit
            }
            metrics.cache(hit: false)
            before?()
            let response = compute(state)
            if response.status == 200 { cache.put(full, response) }
            return response
        }
        guard let response = await BlockingWork.run(timeout: limits.timeout, work) else {
            metrics.timeout()
            return problem(503, request, .serveErrorTimeout, ["seconds": .integer(Int(limits.timeout))], headers: ["Retry-After": "5"])
        }
        return response
    }

    /// The content type of an .xlsx workbook (`format=xlsx`).
    static let workbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Content types of the API's formats.
    static func contentType(_ format: OutputFormat) -> String {
        switch format {
        case .json: "application/json; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .svg: "image/svg+xml"
        case .md: "text/markdown; charset=utf-8"
        case .table: "text/plain; charset=utf-8"
        }
    }

    /// `/api/v1/{plugin}?…`: what `regctl {plugin} … --format json` prints (another format with `format=`).
    func api(_ runner: PluginRunner, pairs: [(name: String, value: String?)]) -> ServeResponse {
        var invocation: PluginRunner.Invocation
        // A workbook is the CLI's `--format xlsx`, which writes to a file there; here the file is the answer.
        let workbook = pairs.contains { $0.name == "format" && $0.value == "xlsx" }
        do {
            invocation = try runner.webInvocation(workbook ? pairs.filter { $0.name != "format" } : pairs)
        } catch {
            return failure(error)
        }
        if !pairs.contains(where: { $0.name == "format" }) { invocation.format = .json }
        let report: Report
        do {
            report = try runner.report(invocation, store: store, location: location)
        } catch {
            return failure(error)
        }
        if workbook {
            do {
                return ServeResponse(status: 200, contentType: ServeHandler.workbookContentType,
                                     headers: ["Content-Disposition": "attachment; filename=\"\(runner.id).xlsx\""], body: "",
                                     bytes: try XLSXRenderer.render(report))
            } catch {
                return problem(500, ServeRequest(acceptLanguage: nil, accept: nil), .serveErrorWorkbook, ["reason": .text("\(error)")])
            }
        }
        if invocation.format == .svg, report.chart == nil { return .text(400, "Error: \(runner.noChartMessage(report))\n") }
        let body = invocation.format == .table ? TableFormat().render(report) : invocation.format.renderer.render(report)
        var headers: [String: String] = [:]
        if invocation.format == .csv || invocation.format == .svg || invocation.format == .md {
            headers["Content-Disposition"] = "inline; filename=\"\(runner.id).\(invocation.format.rawValue)\""
        }
        return ServeResponse(status: 200, contentType: ServeHandler.contentType(invocation.format), headers: headers, body: body)
    }

    func failure(_ error: PluginRunner.WebFailure) -> ServeResponse {
        .text(error.status.code, "Error: \(error.status.message)\n")
    }
}
