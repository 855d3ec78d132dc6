import Core
import Foundation

/// `/reconcile` (the W3C Reconciliation Service API 0.2) and `/reconcile/view/{id}`: HTTP in and out;
/// the protocol is `Reconcile`'s, the candidates `ReconcileMatching`'s.
extension ServeHandler {
    func reconcile(method: String, segments: [String], rawPath: String, query: String?, bodyLength: Int?, body: String?,
                   contentType: String?, host: String?) async -> ServeResponse {
        if rawPath.utf8.count + (query?.utf8.count ?? 0) > limits.maxTarget {
            return Self.json(.targetTooLong(bytes: rawPath.utf8.count + (query?.utf8.count ?? 0), max: limits.maxTarget))
        }
        if segments.count == 3, segments[1] == "view" {
            guard method == "GET" || method == "HEAD" else { return Self.json(.method(method)) }
            return view(segments[2])
        }
        guard segments.count == 1 else { return notFound() }
        switch method {
        case "OPTIONS":
            // A browser's preflight: the CORS headers are added to every answer of this route.
            return ServeResponse(status: 204, contentType: "text/plain; charset=utf-8", body: "")
        case "GET", "HEAD":
            if let bodyLength, bodyLength > limits.maxBody { return Self.json(.bodyTooLarge(bytes: bodyLength, max: limits.maxBody)) }
            guard let pairs = ServeQuery.pairs(query) else { return Self.json(.badEncoding) }
            if pairs.isEmpty { return manifest(host: host) }
            return await queries(pairs)
        case "POST":
            if bodyLength == Int.max { return Self.json(.lengthRequired) }
            if let bodyLength, bodyLength > Reconcile.maxBody { return Self.json(.bodyTooLarge(bytes: bodyLength, max: Reconcile.maxBody)) }
            let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard type == "application/x-www-form-urlencoded" else { return Self.json(.unsupportedMediaType(type.isEmpty ? "none" : type)) }
            guard let pairs = ServeQuery.pairs(body ?? "") else { return Self.json(.badEncoding) }
            guard pairs.contains(where: { $0.name == "queries" }) else {
                return Self.json(pairs.first.map { .unknownParameter(name: $0.name) } ?? .missingQueries)
            }
            return await queries(pairs)
        default:
            var r = Self.json(.method(method))
            r.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
            return r
        }
    }

    static func json(_ error: ReconcileError, status: Int? = nil) -> ServeResponse {
        ServeResponse(status: status ?? error.status, contentType: "application/json; charset=utf-8", body: error.json + "\n")
    }

    /// The manifest, with the view URL on the address the client used (a Host header that is only a
    /// host and port; else a URL relative to this server).
    func manifest(host: String?) -> ServeResponse {
        var base = ""
        if let host, !host.isEmpty, host.utf8.count <= 255,
           host.unicodeScalars.allSatisfy({ CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]").contains($0) }) {
            base = "http://" + host
        }
        return ServeResponse(status: 200, contentType: "application/json; charset=utf-8", body: Reconcile.manifest(base: base) + "\n")
    }

    /// A query batch: parsed (a bad one is a 400 with what is wrong), answered from memory when the
    /// registry is as it was, else by `ReconcileMatching` on this state's indexes.
    func queries(_ pairs: [(name: String, value: String?)]) async -> ServeResponse {
        if let other = pairs.first(where: { $0.name != "queries" }) {
            return Self.json(other.name == "callback" ? .jsonp : .unknownParameter(name: other.name))
        }
        guard pairs.count == 1, let text = pairs[0].value else {
            return Self.json(.badField(query: "", field: "queries", expected: "given once, with a value"))
        }
        let batch: [ReconcileQuery]
        do {
            batch = try Reconcile.queries(text)
        } catch {
            return Self.json(error)
        }
        let store = self.store, matching = self.matching
        return await cached("/reconcile", [(name: "queries", value: Optional(Self.canonical(batch)))]) { state in
            do {
                let snapshot = try matching.snapshot(state: state, registry: store)
                // Codes asked as queries are read by code, not kept for every firm with the snapshot.
                let coded = Dictionary(try store.firms(usccs: ReconcileMatching.codes(in: batch)).filter(\.placement.resolved).map { ($0.firm.uscc, $0) },
                                       uniquingKeysWith: { a, _ in a })
                let answers = batch.map { ($0, ReconcileMatching.candidates($0, in: snapshot, coded: coded)) }
                return ServeResponse(status: 200, contentType: "application/json; charset=utf-8", body: Reconcile.results(answers) + "\n")
            } catch {
                return .text(500, "Error: the registry cannot be read: \((error as? LocalizedError)?.errorDescription ?? "\(error)")\n")
            }
        }
    }

    /// The cache key of a parsed batch: equal batches written differently (spacing, key order) share it.
    static func canonical(_ batch: [ReconcileQuery]) -> String {
        batch.map { q in
            [q.id, q.text, q.types.sorted().map(\.rawValue).joined(separator: ","), String(q.limit), q.unit ?? ""]
                .map { ServeQuery.pct($0) }.joined(separator: "|")
        }.joined(separator: "&")
    }

    /// `/reconcile/view/{id}` (the manifest's view template): to the page of the firm, park or
    /// incubator with that id.
    func view(_ id: String) -> ServeResponse {
        do {
            let code = USCC.normalize(id)
            var location: String?
            if code.count == 18, try store.firms(FirmQuery(uscc: code)).first != nil {
                location = "/firms/" + ServeQuery.pct(code)
            } else if try store.parks().contains(where: { $0.value.id == id }) {
                location = "/parks/" + ServeQuery.pct(id)
            } else if try store.incubators().contains(where: { $0.value.id == id }) {
                location = "/incubators/" + ServeQuery.pct(id)
            }
            guard let location else { return notFound("Error: no firm, park or incubator has the id '\(id)'.\n") }
            return ServeResponse(status: 303, contentType: "text/plain; charset=utf-8", headers: ["Location": location], body: "See \(location)\n")
        } catch {
            return .text(500, "Error: the registry cannot be read: \((error as? LocalizedError)?.errorDescription ?? "\(error)")\n")
        }
    }
}
