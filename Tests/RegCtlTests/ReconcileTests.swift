import Core
import Foundation
import Testing
@testable import regctl

/// `/reconcile`, the W3C Reconciliation Service API 0.2, on the samples: every answer validated against
/// the spec's schemas (Fixtures/w3c-reconciliation-api-0.2), and the candidates the registry's own.
@Suite("regctl serve: /reconcile (W3C Reconciliation API 0.2)")
struct ReconcileTests {
    static let v = JSONSchemaValidator.reconciliation
    /// 湖南新兴轨道科技有限责任公司 in MIIT's third list (miit-lg-b3-2021.xml), registered in Zhuzhou.
    static let name = "湖南新兴轨道科技有限责任公司"
    static let uscc = "91430204092084984G"

    static func get(_ target: String, host: String? = "127.0.0.1:8080", on handler: ServeHandler = ServeSamples.handler) async -> ServeResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        return await handler.respond(method: "GET", path: parts[0], query: parts.count > 1 ? parts[1] : nil, host: host).response
    }

    static func post(_ body: String, contentType: String? = "application/x-www-form-urlencoded", on handler: ServeHandler = ServeSamples.handler) async -> ServeResponse {
        await handler.respond(method: "POST", path: "/reconcile", query: nil, bodyLength: body.utf8.count, body: body, contentType: contentType).response
    }

    static func queries(_ json: String) -> String { "queries=" + ServeQuery.pct(json) }

    static func json(_ r: ServeResponse) throws -> JSONValue { try JSONSchemaValidator.parse(Data(r.body.utf8)) }

    /// The candidates of query `id` in a result batch, as objects.
    static func candidates(_ r: ServeResponse, _ id: String = "q0") throws -> [[String: JSONValue]] {
        guard case .object(let batch) = try json(r), case .object(let q)? = batch[id], case .array(let result)? = q["result"] else { return [] }
        return result.compactMap { if case .object(let o) = $0 { o } else { nil } }
    }

    /// A result batch: 200, JSON, valid against the spec's result schema, with CORS.
    static func expectResults(_ r: ServeResponse, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(r.status == 200, "\(r.body)", sourceLocation: sourceLocation)
        #expect(r.contentType == "application/json; charset=utf-8", sourceLocation: sourceLocation)
        #expect(r.headers["Access-Control-Allow-Origin"] == "*", sourceLocation: sourceLocation)
        #expect(v.errors(try json(r), against: JSONSchemaValidator.resultBatch) == [], sourceLocation: sourceLocation)
    }

    /// An error: a 4xx JSON body valid against regctl's error schema, with CORS; never a 5xx.
    static func expectError(_ r: ServeResponse, _ status: Int, _ kind: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(r.status == status, "\(r.body)", sourceLocation: sourceLocation)
        #expect(r.contentType == "application/json; charset=utf-8", sourceLocation: sourceLocation)
        #expect(r.headers["Access-Control-Allow-Origin"] == "*", sourceLocation: sourceLocation)
        let value = try json(r)
        #expect(v.errors(value, against: JSONSchemaValidator.error) == [], sourceLocation: sourceLocation)
        if case .object(let o) = value { #expect(o["error"] == .string(kind), "\(r.body)", sourceLocation: sourceLocation) }
    }

    @Test("GET /reconcile is the manifest: valid, version 0.2, three default types, a view URL on the server")
    func manifest() async throws {
        let r = await Self.get("/reconcile")
        #expect(r.status == 200)
        #expect(r.headers["Access-Control-Allow-Origin"] == "*")
        let m = try Self.json(r)
        #expect(Self.v.errors(m, against: JSONSchemaValidator.manifest) == [])
        guard case .object(let o) = m else { Issue.record("not an object"); return }
        #expect(o["versions"] == .array([.string("0.2")]))
        #expect(o["view"] == .object(["url": .string("http://127.0.0.1:8080/reconcile/view/{{id}}")]))
        guard case .array(let types)? = o["defaultTypes"] else { Issue.record("no defaultTypes"); return }
        #expect(types.compactMap { if case .object(let t) = $0, case .string(let id)? = t["id"] { id } else { nil } } == ["firm", "park", "incubator"])
        // A Host header that is not a host and port is not echoed into the manifest.
        let odd = await Self.get("/reconcile", host: "evil.example/\"><script>")
        #expect(!odd.body.contains("evil"))
        #expect(Self.v.errors(try Self.json(odd), against: JSONSchemaValidator.manifest) == [])
    }

    @Test("a name as MIIT prints it, in its region, is a match; with its legal form changed, the same firm but no match")
    func matchAndCandidate() async throws {
        let exact = await Self.post(Self.queries(#"{"q0":{"query":"\#(Self.name)","properties":[{"pid":"region","v":"湖南省"}]}}"#))
        try Self.expectResults(exact)
        let e = try Self.candidates(exact)
        #expect(e.first?["id"] == .string(Self.uscc))
        #expect(e.first?["match"] == .bool(true))
        #expect(e.first?["score"] == .number(1))
        #expect(e.filter { $0["match"] == .bool(true) }.count == 1)

        let variant = await Self.post(Self.queries(#"{"q0":{"query":"湖南新兴轨道科技有限公司","properties":[{"pid":"地区","v":"430000"}]}}"#))
        try Self.expectResults(variant)
        let c = try Self.candidates(variant)
        #expect(c.first?["id"] == .string(Self.uscc))
        #expect(c.first?["name"] == .string(Self.name))
        #expect(c.first?["match"] == .bool(false))
        #expect(c.first?["score"] == .number(0.97))
        #expect(c.first?["type"] == .array([.object(["id": .string("firm"), "name": .string(ReconcileEntityType.firm.name)])]))
        #expect(c.first?["features"] == .array([.object(["id": .string("legal-form"), "value": .bool(true)])]))
        #expect(c.allSatisfy { $0["match"] == .bool(false) })
    }

    @Test("the registry links only within a region: an exact name without one is the best candidate, not a match")
    func noRegionNoMatch() async throws {
        let r = await Self.get("/reconcile?" + Self.queries(#"{"q0":{"query":"\#(Self.name)"}}"#))
        try Self.expectResults(r)
        let c = try Self.candidates(r)
        #expect(c.first?["id"] == .string(Self.uscc))
        #expect(c.first?["score"] == .number(1))
        #expect(c.allSatisfy { $0["match"] == .bool(false) })
    }

    @Test("GET ?queries= and POST queries= answer the same bytes; a batch answers every query by its id")
    func getEqualsPost() async throws {
        let batch = #"{"a":{"query":"\#(Self.name)","properties":[{"pid":"region","v":43}]},"b":{"query":"株洲高新区","type":"park"},"c":{"query":"没有这家公司的名字"}}"#
        let g = await Self.get("/reconcile?" + Self.queries(batch))
        let p = await Self.post(Self.queries(batch))
        try Self.expectResults(g)
        #expect(g.body == p.body)
        guard case .object(let o) = try Self.json(g) else { return }
        #expect(Set(o.keys) == ["a", "b", "c"])
        #expect(try Self.candidates(g, "c").isEmpty)
    }

    @Test("type restricts to firms, parks or incubators; limit is honoured; a region narrows")
    func typeLimitRegion() async throws {
        let park = await Self.post(Self.queries(#"{"q0":{"query":"株洲高新区","type":"park"}}"#))
        try Self.expectResults(park)
        let p = try Self.candidates(park)
        #expect(p.first?["id"] == .string("zz-htz"))
        #expect(p.first?["match"] == .bool(true))
        #expect(p.allSatisfy { $0["type"] == .array([.object(["id": .string("park"), "name": .string("Park")])]) })
        let byId = try Self.candidates(await Self.post(Self.queries(#"{"q0":{"query":"zz-htz","type":["park"]}}"#)))
        #expect(byId.map { $0["id"] } == [.string("zz-htz")])

        let firmsOnly = try Self.candidates(await Self.post(Self.queries(#"{"q0":{"query":"株洲高新区","type":"firm","limit":5}}"#)))
        #expect(firmsOnly.allSatisfy { $0["type"] == .array([.object(["id": .string("firm"), "name": .string(ReconcileEntityType.firm.name)])]) })

        let incubator = try Self.candidates(await Self.post(Self.queries(#"{"q0":{"query":"长沙星衡新能源汽车科技企业孵化器","type":"incubator"}}"#)))
        #expect(incubator.first?["id"] == .string("CSHTZ-FH-001"))

        let many = try Self.candidates(await Self.post(Self.queries(#"{"q0":{"query":"株洲轨道科技有限公司","limit":10}}"#)))
        let one = try Self.candidates(await Self.post(Self.queries(#"{"q0":{"query":"株洲轨道科技有限公司","limit":1}}"#)))
        #expect(many.count > 1)
        #expect(one.count == 1)
        #expect(one.first?["id"] == many.first?["id"])

        let elsewhere = try Self.candidates(await Self.post(Self.queries(#"{"q0":{"query":"\#(Self.name)","properties":[{"pid":"region","v":"福建省"}]}}"#)))
        #expect(!elsewhere.contains { $0["id"] == .string(Self.uscc) })
        let zhuzhou = try Self.candidates(await Self.post(Self.queries(#"{"q0":{"query":"\#(Self.name)","properties":[{"pid":"region","v":{"id":"430200","name":"株洲市"}}]}}"#)))
        #expect(zhuzhou.first?["match"] == .bool(true))
    }

    @Test("a USCC as the query finds its firm (the spec: an identifier finds its entity)")
    func codeAsQuery() async throws {
        let r = await Self.post(Self.queries(#"{"q0":{"query":"\#(Self.uscc)"}}"#))
        try Self.expectResults(r)
        #expect(try Self.candidates(r).map { $0["id"] } == [.string(Self.uscc)])
    }

    static let badBatches: [(String, Int, String)] = [
        ("not json", 400, "not-json"),
        ("", 400, "not-json"),
        (#"["q0"]"#, 400, "batch-not-object"),
        (#""q0""#, 400, "batch-not-object"),
        (#"{"q0":"name"}"#, 400, "query-not-object"),
        (#"{"q0":{"query":1}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"   "}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"x","limit":0}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"x","limit":1.5}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"x","limit":"3"}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"x","type":"person"}}"#, 400, "unknown-type"),
        (#"{"q0":{"query":"x","type":[1]}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"x","type_strict":"some"}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"x","props":[]}}"#, 400, "unknown-field"),
        (#"{"q0":{"query":"x","properties":{}}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"x","properties":[{"pid":"region"}]}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"x","properties":[{"pid":"colour","v":"red"}]}}"#, 400, "unknown-property"),
        (#"{"q0":{"query":"x","properties":[{"pid":"region","v":"火星"}]}}"#, 400, "bad-region"),
        (#"{"q0":{"query":"x","properties":[{"pid":"region","v":["43","35"]}]}}"#, 400, "bad-field"),
        (#"{"q0":{"query":"x","properties":[{"pid":"region","v":"43"},{"pid":"region","v":"35"}]}}"#, 400, "bad-field"),
        (#"{"q0":{"limit":1}}"#, 400, "no-query"),
        (#"{"q0":{"query":"\#(String(repeating: "名", count: 201))"}}"#, 400, "query-too-long"),
        ("{" + (0...50).map { #""q\#($0)":{"query":"x"}"# }.joined(separator: ",") + "}", 413, "too-many-queries"),
    ]

    @Test("a bad batch is a 4xx JSON error saying what is wrong, never a 5xx (GET and POST)", arguments: 0..<badBatches.count)
    func badBatch(_ i: Int) async throws {
        let (batch, status, kind) = Self.badBatches[i]
        try Self.expectError(await Self.post(Self.queries(batch)), status, kind)
        try Self.expectError(await Self.get("/reconcile?" + Self.queries(batch)), status, kind)
    }

    @Test("requests /reconcile refuses: other parameters, JSONP, other media types, big bodies, other methods")
    func refusals() async throws {
        try Self.expectError(await Self.get("/reconcile?queries=%7B%7D&callback=f"), 400, "jsonp-not-offered")
        try Self.expectError(await Self.get("/reconcile?q=x"), 400, "unknown-parameter")
        try Self.expectError(await Self.get("/reconcile?queries=a&queries=b"), 400, "bad-field")
        try Self.expectError(await Self.get("/reconcile?queries=%ZZ"), 400, "bad-encoding")
        try Self.expectError(await Self.post(#"{"q0":{"query":"x"}}"#, contentType: "application/json"), 415, "unsupported-media-type")
        try Self.expectError(await Self.post("x=1"), 400, "unknown-parameter")
        try Self.expectError(await Self.post(""), 400, "missing-queries")
        let big = await ServeSamples.handler.respond(method: "POST", path: "/reconcile", query: nil, bodyLength: Reconcile.maxBody + 1, body: nil,
                                                     contentType: "application/x-www-form-urlencoded").response
        try Self.expectError(big, 413, "body-too-large")
        let chunked = await ServeSamples.handler.respond(method: "POST", path: "/reconcile", query: nil, bodyLength: Int.max, body: nil,
                                                         contentType: "application/x-www-form-urlencoded").response
        try Self.expectError(chunked, 411, "length-required")
        let put = await ServeSamples.handler.respond(method: "PUT", path: "/reconcile", query: nil).response
        try Self.expectError(put, 405, "method-not-allowed")
        // A POST anywhere else is still refused as before.
        #expect(await ServeSamples.handler.respond(method: "POST", path: "/rank", query: nil).response.status == 405)
    }

    @Test("CORS on /reconcile only; a browser's preflight gets 204")
    func cors() async throws {
        let pre = await ServeSamples.handler.respond(method: "OPTIONS", path: "/reconcile", query: nil).response
        #expect(pre.status == 204)
        #expect(pre.headers["Access-Control-Allow-Origin"] == "*")
        #expect(pre.headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS")
        for other in ["/", "/healthz", "/api/v1/rank", "/api/v1/openapi.json"] {
            #expect(await Self.get(other).headers["Access-Control-Allow-Origin"] == nil, "\(other)")
        }
        #expect(await ServeSamples.handler.respond(method: "OPTIONS", path: "/rank", query: nil).response.status == 405)
    }

    @Test("the spec's own example query batches: valid ones answered within the result schema or refused with a JSON error; invalid ones refused",
          arguments: ReconcileSchemaValidatorTests.examples("reconciliation-query-batch", "valid") + ReconcileSchemaValidatorTests.examples("reconciliation-query-batch", "invalid"))
    func specExamples(_ path: String) async throws {
        let text = try String(contentsOf: JSONSchemaValidator.fixtures.appendingPathComponent("examples/" + path), encoding: .utf8)
        let r = await Self.post(Self.queries(text))
        if path.contains("/invalid/") {
            #expect(r.status == 400)
            #expect(Self.v.errors(try Self.json(r), against: JSONSchemaValidator.error) == [])
        } else if r.status == 200 {
            try Self.expectResults(r)
        } else {
            // The examples ask for a German library's types and properties: this registry has neither.
            #expect(r.status == 400)
            #expect(Self.v.errors(try Self.json(r), against: JSONSchemaValidator.error) == [])
            #expect(r.body.contains("unknown-type") || r.body.contains("unknown-property"), "\(r.body)")
        }
        // example-min asks two names the registry does not have: an answer with no candidates.
        if path.hasSuffix("valid/example-min.json") {
            try Self.expectResults(r)
            #expect(try Self.candidates(r, "q1").isEmpty)
        }
    }

    @Test("/reconcile/view/{id} leads to the firm's, park's or incubator's page")
    func view() async throws {
        let firm = await Self.get("/reconcile/view/" + Self.uscc)
        #expect(firm.status == 303)
        #expect(firm.headers["Location"] == "/firms/" + Self.uscc)
        #expect(await Self.get("/reconcile/view/zz-htz").headers["Location"] == "/parks/zz-htz")
        #expect(await Self.get("/reconcile/view/CSHTZ-FH-001").headers["Location"] == "/incubators/CSHTZ-FH-001")
        #expect(await Self.get("/reconcile/view/nothing-here").status == 404)
        #expect(await Self.get("/reconcile/other").status == 404)
    }

    @Test("a reviewer's same decision makes a match; the indexes are built once per registry state")
    func decisionAndState() async throws {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("reconcile.sqlite").path
        let load = try CLI.run(["load", "samples/filings", "--registry", path])
        try #require(load.status == 0, "\(load.stderr)")
        let store = try RegistryOptions.open(path, create: false)
        let handler = ServeHandler(store: store, location: path, plugins: [])
        let variant = Self.queries(#"{"q0":{"query":"湖南新兴轨道科技有限公司","properties":[{"pid":"region","v":"湖南"}]}}"#)
        let before = await Self.post(variant, on: handler)
        #expect(try Self.candidates(before).first?["match"] == .bool(false))
        let state = try handler.state()
        let s1 = try handler.matching.snapshot(state: state, registry: store)
        #expect(try handler.matching.snapshot(state: state, registry: store) === s1)

        let accept = try CLI.run(["resolve", "accept", "湖南新兴轨道科技有限公司", "-r", "湖南", "-u", Self.uscc, "--registry", path])
        try #require(accept.status == 0, "\(accept.stderr)")
        let after = await Self.post(variant, on: handler)
        try Self.expectResults(after)
        let c = try Self.candidates(after)
        #expect(c.first?["id"] == .string(Self.uscc))
        #expect(c.first?["match"] == .bool(true))
        #expect(try handler.matching.snapshot(state: try handler.state(), registry: store) !== s1)

        let reject = try CLI.run(["resolve", "reject", "湖南新兴轨道科技有限公司", "-r", "湖南", "-u", Self.uscc, "--registry", path])
        try #require(reject.status == 0, "\(reject.stderr)")
        // A later different decision: the name is not that firm, so it is offered no more.
        let refused = try Self.candidates(await Self.post(variant, on: handler))
        #expect(!refused.contains { $0["id"] == .string(Self.uscc) })
        try? FileManager.default.removeItem(at: dir)
    }
}
