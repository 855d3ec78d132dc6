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
