import Foundation
import Testing
@testable import regctl

/// A JSON Schema validator for exactly the keywords the W3C Reconciliation API 0.2 schemas (and the
/// Swagger 2.0 schema the manifest refers to) use: type, properties, patternProperties,
/// additionalProperties, required, items, enum, anyOf, oneOf, allOf, not, $ref (within a document,
/// to another document by its `$id`, or relative to it), contains, minItems, minProperties,
/// uniqueItems, pattern, minimum, maximum. Annotations are skipped; any other keyword is reported as
/// an error, so that a schema using one is never passed unchecked.
struct JSONSchemaValidator {
    /// Schemas by their `$id` without a fragment.
    var documents: [String: JSONValue] = [:]

    static let annotations: Set<String> = ["$schema", "$id", "id", "title", "description", "definitions", "default", "format", "example", "examples"]
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("w3c-reconciliation-api-0.2")

    /// The validator with every schema of the fixtures, and regctl's error schema.
    static let reconciliation: JSONSchemaValidator = {
        var v = JSONSchemaValidator()
        let dir = fixtures.appendingPathComponent("schemas")
        for name in try! FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".json") {
            v.add(try! load(dir.appendingPathComponent(name)))
        }
        v.add(try! load(fixtures.appendingPathComponent("regctl-error.json")))
        return v
    }()

    static let manifest = "https://reconciliation-api.github.io/specs/0.2/schemas/manifest.json"
    static let queryBatch = "https://reconciliation-api.github.io/specs/0.2/schemas/reconciliation-query.json"
    static let resultBatch = "https://reconciliation-api.github.io/specs/0.2/schemas/reconciliation-result-batch.json"
    static let error = "urn:regctl:schemas:reconcile-error.json"

    static func load(_ url: URL) throws -> JSONValue {
        try parse(Data(contentsOf: url))
    }

    static func parse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    mutating func add(_ schema: JSONValue) {
        guard case .object(let o) = schema, case .string(let id)? = o["$id"] else { preconditionFailure("a schema without $id") }
        documents[Self.stripFragment(id)] = schema
    }

    static func stripFragment(_ s: String) -> String { String(s.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]) }

    /// What is wrong with `instance` under the schema `id` (empty when it is valid).
    func errors(_ instance: JSONValue, against id: String) -> [String] {
        guard let schema = documents[id] else { return ["no schema \(id)"] }
        var out: [String] = []
        validate(instance, schema, base: id, at: "$", into: &out)
        return out
    }

    func resolve(_ ref: String, base: String) -> (schema: JSONValue, base: String)? {
        let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var doc = base
        if !parts[0].isEmpty {
            if parts[0].contains("://") || parts[0].hasPrefix("urn:") {
                doc = parts[0]
            } else if let slash = base.lastIndex(of: "/") {
                doc = String(base[...slash]) + parts[0]
            }
        }
        guard var node = documents[doc] else { return nil }
        if parts.count == 2, !parts[1].isEmpty {
            for token in parts[1].split(separator: "/") {
                let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                switch node {
                case .object(let o): guard let next = o[key] else { return nil }; node = next
                case .array(let a): guard let i = Int(key), a.indices.contains(i) else { return nil }; node = a[i]
                default: return nil
                }
            }
        }
        return (node, doc)
    }

    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): Int(exactly: n) != nil ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    static func matches(_ v: JSONValue, type: String) -> Bool {
        let t = typeName(v)
        return t == type || (type == "number" && t == "integer")
    }

    static func regex(_ pattern: String) -> NSRegularExpression { try! NSRegularExpression(pattern: pattern) }

    static func search(_ pattern: String, _ s: String) -> Bool {
        regex(pattern).firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    func valid(_ v: JSONValue, _ schema: JSONValue, base: String) -> Bool {
        var e: [String] = []
        validate(v, schema, base: base, at: "", into: &e)
        return e.isEmpty
    }

    func validate(_ v: JSONValue, _ schema: JSONValue, base: String, at path: String, into errors: inout [String]) {
        guard case .object(let s) = schema else {
            if case .bool(false) = schema { errors.append("\(path): no value is allowed here") }
            return
        }
        var base = base
        if case .string(let id)? = s["$id"], id.contains("://") || id.hasPrefix("urn:") { base = Self.stripFragment(id) }
        for (keyword, value) in s.sorted(by: { $0.key < $1.key }) {
            switch (keyword, value) {
            case _ where Self.annotations.contains(keyword):
                continue
            case ("$ref", .string(let ref)):
                guard let (target, targetBase) = resolve(ref, base: base) else { errors.append("\(path): cannot resolve $ref \(ref)"); continue }
                validate(v, target, base: targetBase, at: path, into: &errors)
            case ("type", .string(let t)):
                if !Self.matches(v, type: t) { errors.append("\(path): \(Self.typeName(v)), not \(t)") }
            case ("type", .array(let ts)):
                if !ts.contains(where: { if case .string(let t) = $0 { Self.matches(v, type: t) } else { false } }) {
                    errors.append("\(path): \(Self.typeName(v)), not one of the types")
                }
            case ("enum", .array(let options)):
                if !options.contains(v) { errors.append("\(path): not one of the enumerated values") }
            case ("required", .array(let names)):
                if case .object(let o) = v {
                    for case .string(let n) in names where o[n] == nil { errors.append("\(path): '\(n)' is required") }
                }
            case ("properties", .object(let props)):
                if case .object(let o) = v {
                    for (name, sub) in props.sorted(by: { $0.key < $1.key }) { if let x = o[name] { validate(x, sub, base: base, at: path + "." + name, into: &errors) } }
                }
            case ("patternProperties", .object(let pats)):
                if case .object(let o) = v {
                    for (pattern, sub) in pats.sorted(by: { $0.key < $1.key }) {
                        for (name, x) in o.sorted(by: { $0.key < $1.key }) where Self.search(pattern, name) { validate(x, sub, base: base, at: path + "." + name, into: &errors) }
                    }
                }
            case ("additionalProperties", _):
                if case .object(let o) = v {
                    let known: Set<String> = { if case .object(let p)? = s["properties"] { Set(p.keys) } else { [] } }()
                    let patterns: [String] = { if case .object(let p)? = s["patternProperties"] { Array(p.keys) } else { [] } }()
                    for (name, x) in o.sorted(by: { $0.key < $1.key }) where !known.contains(name) && !patterns.contains(where: { Self.search($0, name) }) {
                        if case .bool(false) = value { errors.append("\(path): '\(name)' is not allowed") } else { validate(x, value, base: base, at: path + "." + name, into: &errors) }
                    }
                }
            case ("items", _):
                if case .array(let a) = v {
                    for (i, x) in a.enumerated() { validate(x, value, base: base, at: path + "[\(i)]", into: &errors) }
                }
            case ("contains", _):
                if case .array(let a) = v, !a.contains(where: { valid($0, value, base: base) }) { errors.append("\(path): no item matches 'contains'") }
            case ("minItems", .number(let n)):
                if case .array(let a) = v, Double(a.count) < n { errors.append("\(path): fewer than \(Int(n)) items") }
            case ("minProperties", .number(let n)):
                if case .object(let o) = v, Double(o.count) < n { errors.append("\(path): fewer than \(Int(n)) properties") }
            case ("uniqueItems", .bool(let unique)):
                if unique, case .array(let a) = v, Set(a).count != a.count { errors.append("\(path): items are not unique") }
            case ("pattern", .string(let p)):
                if case .string(let x) = v, !Self.search(p, x) { errors.append("\(path): '\(x)' does not match \(p)") }
            case ("minimum", .number(let m)):
                if case .number(let x) = v, x < m { errors.append("\(path): \(x) is below \(m)") }
            case ("maximum", .number(let m)):
                if case .number(let x) = v, x > m { errors.append("\(path): \(x) is above \(m)") }
            case ("anyOf", .array(let subs)):
                if !subs.contains(where: { valid(v, $0, base: base) }) { errors.append("\(path): matches none of anyOf") }
            case ("oneOf", .array(let subs)):
                let n = subs.filter { valid(v, $0, base: base) }.count
                if n != 1 { errors.append("\(path): matches \(n) of oneOf, not exactly one") }
            case ("allOf", .array(let subs)):
                for sub in subs { validate(v, sub, base: base, at: path, into: &errors) }
            case ("not", _):
                if valid(v, value, base: base) { errors.append("\(path): matches 'not'") }
            default:
                errors.append("\(path): the validator does not know the keyword \(keyword)")
            }
        }
    }
}

@Suite("A JSON Schema validator for the W3C Reconciliation API's schemas")
struct ReconcileSchemaValidatorTests {
    static let v = JSONSchemaValidator.reconciliation

    static func examples(_ kind: String, _ validity: String) -> [String] {
        let dir = JSONSchemaValidator.fixtures.appendingPathComponent("examples/\(kind)/\(validity)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted().map { "\(kind)/\(validity)/\($0)" }
    }

    static let schemaOf = ["manifest": JSONSchemaValidator.manifest, "reconciliation-query-batch": JSONSchemaValidator.queryBatch,
                           "reconciliation-result-batch": JSONSchemaValidator.resultBatch]

    static func example(_ path: String) throws -> (JSONValue, String) {
        let value = try JSONSchemaValidator.load(JSONSchemaValidator.fixtures.appendingPathComponent("examples/" + path))
        return (value, schemaOf[String(path.split(separator: "/")[0])]!)
    }

    static let valid = ["manifest", "reconciliation-query-batch", "reconciliation-result-batch"].flatMap { examples($0, "valid") }
    static let invalid = ["manifest", "reconciliation-query-batch", "reconciliation-result-batch"].flatMap { examples($0, "invalid") }

    @Test("the fixtures hold the spec's examples") func fixturesPresent() {
        #expect(Self.valid.count >= 20)
        #expect(Self.invalid.count >= 12)
    }

    @Test("the spec's valid examples pass", arguments: valid)
    func validExample(_ path: String) throws {
        let (value, schema) = try Self.example(path)
        #expect(Self.v.errors(value, against: schema) == [])
    }

    @Test("the spec's invalid examples fail", arguments: invalid)
    func invalidExample(_ path: String) throws {
        let (value, schema) = try Self.example(path)
        #expect(!Self.v.errors(value, against: schema).isEmpty)
    }

    @Test("each keyword rejects a wrong document")
    func keywords() throws {
        func check(_ schema: String, _ good: String, _ bad: String) throws {
            var v = JSONSchemaValidator()
            var s = try JSONSchemaValidator.parse(Data(schema.utf8))
            if case .object(var o) = s { o["$id"] = .string("urn:test"); s = .object(o) }
            v.add(s)
            #expect(v.errors(try JSONSchemaValidator.parse(Data(good.utf8)), against: "urn:test") == [], "\(schema) on \(good)")
            #expect(!v.errors(try JSONSchemaValidator.parse(Data(bad.utf8)), against: "urn:test").isEmpty, "\(schema) on \(bad)")
        }
        try check(#"{"type":"integer"}"#, "3", "3.5")
        try check(#"{"type":"number"}"#, "3.5", "true")
        try check(#"{"type":"boolean"}"#, "false", "0")
        try check(#"{"type":["string","null"]}"#, "null", "1")
        try check(#"{"required":["a"]}"#, #"{"a":1}"#, #"{"b":1}"#)
        try check(#"{"properties":{"a":{"type":"string"}}}"#, #"{"a":"x"}"#, #"{"a":1}"#)
        try check(#"{"properties":{"a":{}},"additionalProperties":false}"#, #"{"a":1}"#, #"{"a":1,"b":2}"#)
        try check(#"{"additionalProperties":{"type":"string"}}"#, #"{"a":"x"}"#, #"{"a":2}"#)
        try check(#"{"patternProperties":{"^q":{"type":"object"}}}"#, #"{"q0":{},"x":1}"#, #"{"q0":1}"#)
        try check(#"{"items":{"type":"string"}}"#, #"["a"]"#, #"["a",1]"#)
        try check(#"{"enum":["a","b"]}"#, #""a""#, #""c""#)
        try check(#"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#, "1", "true")
        try check(#"{"oneOf":[{"type":"number"},{"type":"integer"}]}"#, "1.5", "1")
        try check(#"{"allOf":[{"type":"number"},{"minimum":2}]}"#, "3", "1")
        try check(#"{"not":{"type":"string"}}"#, "1", #""a""#)
        try check(#"{"contains":{"enum":["0.2"]}}"#, #"["0.1","0.2"]"#, #"["0.1"]"#)
        try check(#"{"minItems":1}"#, "[1]", "[]")
        try check(#"{"minProperties":1}"#, #"{"a":1}"#, "{}")
        try check(#"{"uniqueItems":true}"#, "[1,2]", "[1,1]")
        try check(#"{"pattern":"\\{\\{id\\}\\}"}"#, #""/x/{{id}}""#, #""/x/id""#)
        try check(#"{"minimum":0,"maximum":1}"#, "0.5", "2")
        try check(##"{"definitions":{"s":{"type":"string"}},"$ref":"#/definitions/s"}"##, #""a""#, "1")
    }

    @Test("an unknown keyword is an error, never passed unchecked")
    func unknownKeyword() throws {
        var v = JSONSchemaValidator()
        v.add(try JSONSchemaValidator.parse(Data(#"{"$id":"urn:t","frobnicate":1}"#.utf8)))
        #expect(v.errors(.number(1), against: "urn:t") == ["$: the validator does not know the keyword frobnicate"])
    }

    @Test("$ref to another document by a relative path and by its $id")
    func references() throws {
        // The manifest's defaultTypes refer to type.json: a type without a name fails through it.
        let bad = try JSONSchemaValidator.parse(Data(#"{"versions":["0.2"],"name":"n","identifierSpace":"i","schemaSpace":"s","defaultTypes":[{"id":"firm"}]}"#.utf8))
        #expect(Self.v.errors(bad, against: JSONSchemaValidator.manifest) == ["$.defaultTypes[0]: 'name' is required"])
        // authentication refers to the Swagger 2.0 schema (openapi.json, by its $id).
        let auth = try JSONSchemaValidator.parse(Data(#"{"versions":["0.2"],"name":"n","identifierSpace":"i","schemaSpace":"s","authentication":{"foo":"bar"}}"#.utf8))
        #expect(!Self.v.errors(auth, against: JSONSchemaValidator.manifest).isEmpty)
    }
}
