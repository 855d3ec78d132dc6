import Foundation

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
