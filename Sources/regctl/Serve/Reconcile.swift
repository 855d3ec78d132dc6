import Core
import Foundation

/// The kinds of entity `/reconcile` answers with: the reconciliation types of the manifest.
enum ReconcileEntityType: String, Sendable, Hashable, CaseIterable, Comparable {
    case firm, park, incubator

    /// The type's name in the manifest and in candidates.
    var name: String {
        switch self {
        case .firm: "Firm (registered, by USCC)"
        case .park: "Park"
        case .incubator: "Incubator"
        }
    }

    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One question of a reconciliation query batch, as the server understood it.
struct ReconcileQuery: Sendable, Hashable {
    var id: String
    /// The name (or code, or id) to find.
    var text: String
    /// The kinds asked for (all when the query named none).
    var types: Set<ReconcileEntityType>
    var limit: Int
    /// The region unit (a code prefix: 43, 4302, 430211) from a `region` property.
    var unit: String?
}

/// What is wrong with a request to `/reconcile`: the kind is data; `message` gives the words.
enum ReconcileError: Error, Sendable, Hashable {
    case notJSON(detail: String)
    case batchNotObject
    case tooManyQueries(count: Int, max: Int)
    case queryNotObject(query: String)
    case unknownField(query: String, field: String)
    case noQuery(query: String)
    case badField(query: String, field: String, expected: String)
    case queryTooLong(query: String, max: Int)
    case unknownType(query: String, type: String)
    case unknownProperty(query: String, pid: String)
    case badRegion(query: String, value: String)
    case missingQueries
    case unknownParameter(name: String)
    case jsonp
    case unsupportedMediaType(String)
    case bodyTooLarge(bytes: Int, max: Int)
    case targetTooLong(bytes: Int, max: Int)
    case badEncoding
    case lengthRequired
    case method(String)

    var status: Int {
        switch self {
        case .tooManyQueries, .bodyTooLarge: 413
        case .targetTooLong: 414
        case .unsupportedMediaType: 415
        case .lengthRequired: 411
        case .method: 405
        default: 400
        }
    }

    /// A stable name of the kind, for clients (the JSON's `error`).
    var kind: String {
        switch self {
        case .notJSON: "not-json"
        case .batchNotObject: "batch-not-object"
        case .tooManyQueries: "too-many-queries"
        case .queryNotObject: "query-not-object"
        case .unknownField: "unknown-field"
        case .noQuery: "no-query"
        case .badField: "bad-field"
        case .queryTooLong: "query-too-long"
        case .unknownType: "unknown-type"
        case .unknownProperty: "unknown-property"
        case .badRegion: "bad-region"
        case .missingQueries: "missing-queries"
        case .unknownParameter: "unknown-parameter"
        case .jsonp: "jsonp-not-offered"
        case .unsupportedMediaType: "unsupported-media-type"
        case .bodyTooLarge: "body-too-large"
        case .targetTooLong: "target-too-long"
        case .badEncoding: "bad-encoding"
        case .lengthRequired: "length-required"
        case .method: "method-not-allowed"
        }
    }

    var message: String {
        let types = ReconcileEntityType.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .notJSON(let detail):
            return "queries is not JSON (\(detail)); send a JSON object of queries, e.g. {\"q0\":{\"query\":\"湖南新兴轨道科技有限公司\"}}."
        case .batchNotObject:
            return "queries must be a JSON object of queries keyed by id, e.g. {\"q0\":{\"query\":\"…\"}}."
        case .tooManyQueries(let n, let max):
            return "\(n) queries in one batch; at most \(max) (the manifest's batchSize): split the batch."
        case .queryNotObject(let q):
            return "query '\(q)' must be a JSON object with a \"query\" string."
        case .unknownField(let q, let field):
            return "query '\(q)' has the field '\(field)'; a query takes query, type, limit, properties and type_strict."
        case .noQuery(let q):
            return "query '\(q)' has no \"query\" string; this service finds entities by name or code."
        case .badField(let q, let field, let expected):
            return "query '\(q)': \(field) must be \(expected)."
        case .queryTooLong(let q, let max):
            return "query '\(q)': the name is longer than \(max) characters."
        case .unknownType(let q, let type):
            return "query '\(q)': no type '\(type)'; the types are \(types)."
        case .unknownProperty(let q, let pid):
            return "query '\(q)': no property '\(pid)'; the one property is region (also 地区 or province): a division code (430000, 43) or a name (湖南省, 湖南)."
        case .badRegion(let q, let value):
            return "query '\(q)': region '\(value)' is not a division code (430000, 43, 4302) or the name of one region (湖南省, 株洲市)."
        case .missingQueries:
            return "a POST to /reconcile needs a form field queries (application/x-www-form-urlencoded); GET /reconcile without parameters gives the manifest."
        case .unknownParameter(let name):
            return "/reconcile takes one parameter, queries; not '\(name)'."
        case .jsonp:
            return "JSONP is not offered (the API makes it optional); cross-origin clients get CORS: Access-Control-Allow-Origin: *."
        case .unsupportedMediaType(let type):
            return "a POST body of type '\(type)'; send application/x-www-form-urlencoded with a field queries."
        case .bodyTooLarge(let bytes, let max):
            return "a request body of \(bytes) bytes; at most \(max): split the batch."
        case .targetTooLong(let bytes, let max):
            return "a path and query of \(bytes) bytes; at most \(max): send the batch by POST (form field queries)."
        case .badEncoding:
            return "the form is not valid percent-encoded UTF-8."
        case .lengthRequired:
            return "a POST body needs a Content-Length that it then sends in full (a chunked body, or one that stops short, is not read)."
        case .method(let m):
            return "\(m) is not answered at /reconcile; GET (the manifest, or ?queries=) and POST (form field queries)."
        }
    }

    /// The JSON of an error answer: `{"error": kind, "message": words, "status": code}`.
    var json: String {
        Reconcile.encode(["error": .string(kind), "message": .string("Error: " + message), "status": .number(Double(status))])
    }
}

/// A JSON value as a query batch holds it.
enum JSONValue: Decodable, Hashable, Sendable, Encodable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let n = try? c.decode(Double.self) { self = .number(n); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        self = .object(try c.decode([String: JSONValue].self))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            if let i = Int(exactly: n) { try c.encode(i) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// The W3C Reconciliation Service API 0.2 (OpenRefine's protocol) at `/reconcile`: the manifest, the
/// parsing of query batches (every rule of the spec's query schema, and this service's own: a name to
/// find, the types it has, one region) and the result batches. Candidates come from
/// `ReconcileMatching`, which asks Core.
enum Reconcile {
    /// Queries in one batch at most (the manifest's `batchSize`; more get 413).
    static let batchSize = 50
    /// Candidates per query at most, whatever `limit` asks (and when it asks nothing, 3, as `resolve`).
    static let maxLimit = 50
    static let defaultLimit = 3
    /// Longest name asked, in characters: a name costs its length squared in edit distance.
    static let maxQueryLength = 200
    /// Largest POST body: 50 queries of long names with their options fit many times over.
    static let maxBody = 256 << 10
    /// The properties that give a region.
    static let regionProperties: Set<String> = ["region", "地区", "province", "省份"]
    static let queryFields: Set<String> = ["query", "type", "limit", "properties", "type_strict"]

    /// CORS, as the API requires for every endpoint: a browser-based client (OpenRefine's page) reads
    /// the answers from another origin. Only here: the rest of the server is not an API for other sites.
    static let corsHeaders: [String: String] = [
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": "86400",
    ]

    static func encode(_ value: [String: JSONValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The service manifest. `base` is the server's address as the client reached it (for the view URL).
    static func manifest(base: String) -> String {
        let types: [JSONValue] = ReconcileEntityType.allCases.map { .object(["id": .string($0.rawValue), "name": .string($0.name)]) }
        return encode([
            "versions": .array([.string("0.2")]),
            "name": .string("regctl: China's innovation economy registry"),
            "identifierSpace": .string("urn:regctl:entity:"),
            "schemaSpace": .string("urn:regctl:type:"),
            "serviceVersion": .string(RegCtl.version),
            "defaultTypes": .array(types),
            "view": .object(["url": .string(base + "/reconcile/view/{{id}}")]),
            "batchSize": .number(Double(batchSize)),
        ])
    }

    /// The queries of a batch's JSON, checked against the spec's query schema and this service.
    static func queries(_ text: String) throws(ReconcileError) -> [ReconcileQuery] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw .notJSON(detail: text.trimmingCharacters(in: .whitespaces).isEmpty ? "it is empty" : "it does not parse")
        }
        guard case .object(let batch) = value else { throw .batchNotObject }
        guard batch.count <= batchSize else { throw .tooManyQueries(count: batch.count, max: batchSize) }
        var out: [ReconcileQuery] = []
        for (id, q) in batch.sorted(by: { $0.key < $1.key }) {
            out.append(try query(id, q))
        }
        return out
    }

    static func query(_ id: String, _ value: JSONValue) throws(ReconcileError) -> ReconcileQuery {
        guard case .object(let q) = value else { throw .queryNotObject(query: id) }
        if let extra = q.keys.sorted().first(where: { !queryFields.contains($0) }) { throw .unknownField(query: id, field: extra) }
        var types = Set(ReconcileEntityType.allCases)
        switch q["type"] {
        case nil: break
        case .string(let t)?:
            guard let type = ReconcileEntityType(rawValue: t) else { throw .unknownType(query: id, type: t) }
            types = [type]
        case .array(let list)?:
            var asked: Set<ReconcileEntityType> = []
            for item in list {
                guard case .string(let t) = item else { throw .badField(query: id, field: "type", expected: "a type id or an array of type ids") }
                guard let type = ReconcileEntityType(rawValue: t) else { throw .unknownType(query: id, type: t) }
                asked.insert(type)
            }
            if !asked.isEmpty { types = asked }
        default:
            throw .badField(query: id, field: "type", expected: "a type id or an array of type ids")
        }
        var limit = defaultLimit
        if let l = q["limit"] {
            guard case .number(let n) = l, let i = Int(exactly: n), i >= 1 else { throw .badField(query: id, field: "limit", expected: "a positive integer") }
            limit = min(i, maxLimit)
        }
        if let s = q["type_strict"] {
            guard case .string(let t) = s, ["any", "should", "all"].contains(t) else { throw .badField(query: id, field: "type_strict", expected: "one of any, should, all") }
        }
        var unit: String?
        if let p = q["properties"] {
            guard case .array(let list) = p else { throw .badField(query: id, field: "properties", expected: "an array of {\"pid\": …, \"v\": …}") }
            for item in list {
                guard case .object(let o) = item, case .string(let pid)? = o["pid"], let v = o["v"] else {
                    throw .badField(query: id, field: "properties", expected: "an array of {\"pid\": …, \"v\": …}")
                }
                guard regionProperties.contains(pid) else { throw .unknownProperty(query: id, pid: pid) }
                guard unit == nil else { throw .badField(query: id, field: "properties", expected: "one region") }
                unit = try region(id, v)
            }
        }
        guard case .string(let text)? = q["query"] else {
            if q["query"] != nil { throw .badField(query: id, field: "query", expected: "a string") }
            throw .noQuery(query: id)
        }
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .badField(query: id, field: "query", expected: "a name that is not empty") }
        guard name.unicodeScalars.count <= maxQueryLength else { throw .queryTooLong(query: id, max: maxQueryLength) }
        return ReconcileQuery(id: id, text: name, types: types, limit: limit, unit: unit)
    }

    /// A region property's value (a code as text or number, a name, or an entity `{id, name}`; one
    /// value, or an array of one) as a unit.
    static func region(_ id: String, _ v: JSONValue) throws(ReconcileError) -> String {
        var stated: String
        switch v {
        case .string(let s): stated = s
        case .number(let n):
            guard let i = Int(exactly: n) else { throw .badRegion(query: id, value: "\(n)") }
            stated = String(i)
        case .object(let o):
            guard case .string(let s)? = o["id"] else { throw .badField(query: id, field: "region", expected: "a code, a name or {\"id\": code}") }
            stated = s
        case .array(let a) where a.count == 1:
            return try region(id, a[0])
        default:
            throw .badField(query: id, field: "region", expected: "one code or name")
        }
        stated = stated.trimmingCharacters(in: .whitespaces)
        // 43 and 4302 stand for 430000 and 430200, as people write them.
        if [2, 4].contains(stated.utf8.count), stated.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            stated += String(repeating: "0", count: 6 - stated.utf8.count)
        }
        guard stated.unicodeScalars.count <= 40, let unit = RegionResolver.unit(for: stated) else { throw .badRegion(query: id, value: stated) }
        return unit
    }

    /// The result batch of answered queries.
    static func results(_ answers: [(ReconcileQuery, [ReconcileMatching.Found])]) -> String {
        var batch: [String: JSONValue] = [:]
        for (q, found) in answers {
            batch[q.id] = .object(["result": .array(found.map(candidate))])
        }
        return encode(batch)
    }

    static func candidate(_ f: ReconcileMatching.Found) -> JSONValue {
        let features: [JSONValue] = f.reasons.map { r in
            if case .similar(let s) = r { return .object(["id": .string("similar"), "value": .number((s * 10_000).rounded() / 10_000)]) }
            return .object(["id": .string(r.description), "value": .bool(true)])
        }
        return .object([
            "id": .string(f.id),
            "name": .string(f.name),
            "description": .string(RegionTable.describe(f.region)),
            "score": .number((f.score * 10_000).rounded() / 10_000),
            "match": .bool(f.match),
            "type": .array([.object(["id": .string(f.kind.rawValue), "name": .string(f.kind.name)])]),
            "features": .array(features),
        ])
    }
}
