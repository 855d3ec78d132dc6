import Core
import Foundation

/// `/api/v1/openapi.json`: an OpenAPI 3.1 document of the API, made from the plugins' descriptors, so a
/// new plugin appears in it without code here.
enum ServeOpenAPI {
    static func schema(_ kind: ParameterSpec.Kind) -> [String: Any] {
        switch kind {
        case .text: ["type": "string"]
        case .integer: ["type": "integer"]
        case .date: ["type": "string", "format": "date"]
        case .flag: ["type": "boolean"]
        case .choice(let options): ["type": "string", "enum": options]
        }
    }

    static func text(_ description: String) -> [String: Any] {
        ["description": description, "content": ["text/plain; charset=utf-8": ["schema": ["type": "string"]]]]
    }

    /// The JSON of `--format json` (JSONFormat): title, as-of, columns, rows keyed by column name, notes, filings.
    static var reportSchema: [String: Any] { [
        "type": "object",
        "required": ["title", "as_of", "as_of_source", "columns", "rows", "notes", "filings"],
        "properties": [
            "title": ["type": "string"],
            "as_of": ["type": "string", "format": "date"],
            "as_of_source": ["type": "string"],
            "columns": ["type": "array", "items": [
                "type": "object", "required": ["name", "type"],
                "properties": ["name": ["type": "string"], "type": ["type": "string", "enum": ["text", "integer", "number", "date", "money"]]],
            ]],
            "rows": ["type": "array", "items": ["type": "object", "additionalProperties": ["type": ["string", "integer", "number", "null"]]]],
            "notes": ["type": "array", "items": ["type": "string"]],
            "filings": ["type": "array", "items": ["type": "string"]],
        ] as [String: Any],
    ] }

    static func document(_ plugins: [PluginRunner]) -> [String: Any] {
        var paths: [String: Any] = [:]
        for p in plugins {
            var parameters: [[String: Any]] = []
            for spec in p.descriptor?.parameters ?? [] {
                var s = schema(spec.kind)
                if let d = spec.defaultValue {
                    switch spec.kind {
                    case .flag: s["default"] = d == "true"
                    case .integer: s["default"] = Int(d) ?? d
                    default: s["default"] = d
                    }
                }
                parameters.append(["name": spec.name, "in": "query", "required": spec.positional && spec.defaultValue == nil,
                                   "description": spec.help, "schema": s])
            }
            parameters.append(["name": "as-of", "in": "query", "required": false, "description": "Answer as of this date; default: the newest filing's issue date.",
                               "schema": ["type": "string", "format": "date"]])
            parameters.append(["name": "format", "in": "query", "required": false, "description": "json (default), csv, md, svg (a chart, for reports that have one), table, or xlsx (an Excel workbook).",
                               "schema": ["type": "string", "enum": ["json", "csv", "md", "svg", "table", "xlsx"], "default": "json"]])
            let ok: [String: Any] = [
                "description": "The report: exactly what `regctl \(p.id) … --format json` prints (or the format asked for).",
                "content": [
                    "application/json; charset=utf-8": ["schema": ["$ref": "#/components/schemas/Report"]],
                    "text/csv; charset=utf-8": ["schema": ["type": "string"]],
                    "text/markdown; charset=utf-8": ["schema": ["type": "string"]],
                    "image/svg+xml": ["schema": ["type": "string"]],
                    "text/plain; charset=utf-8": ["schema": ["type": "string"]],
                    ServeHandler.workbookContentType: ["schema": ["type": "string", "format": "binary"]],
                ],
            ]
            paths["/api/v1/\(p.id)"] = ["get": [
                "operationId": p.id.replacingOccurrences(of: "-", with: "_"),
                "summary": p.descriptor?.summary ?? "External plugin \(p.id).",
                "description": p.descriptor?.discussion ?? "",
                "parameters": parameters,
                "responses": [
                    "200": ok,
                    "400": text("A bad parameter: the message `regctl \(p.id)` prints."),
                    "404": text("What the request names is not in the registry."),
                    "414": text("The request's path and query are too long."),
                    "422": text("The analysis cannot answer this request from this registry: the message `regctl \(p.id)` prints (its exit status 1)."),
                    "502": text("An external plugin failed."),
                    "503": text("Busy, or the answer took longer than the server's time limit; try again."),
                ],
            ] as [String: Any]]
        }
        paths["/reconcile"] = reconcilePath
        paths["/healthz"] = ["get": ["operationId": "healthz", "summary": "The server is up.", "responses": ["200": text("ok")]]]
        paths["/metrics"] = ["get": ["operationId": "metrics", "summary": "Prometheus text exposition of the server's counters.",
                                     "responses": ["200": ["description": "Counters.", "content": ["text/plain; version=0.0.4; charset=utf-8": ["schema": ["type": "string"]]]]]]]
        return [
            "openapi": "3.1.0",
            "info": ["title": "regctl", "version": RegCtl.version,
                     "description": "The registry of China's innovation economy, read-only: each analysis answers as `regctl NAME … --format json` does. Query parameters are the CLI's option names."],
            "paths": paths,
            "components": ["schemas": ["Report": reportSchema, "ReconcileError": reconcileErrorSchema]],
        ]
    }

    /// `/reconcile`: the W3C Reconciliation Service API 0.2. Its manifest and result batches are
    /// described by the spec's own JSON Schemas (docs/serve.md); here, their outline and the errors.
    static var reconcilePath: [String: Any] {
        let error: [String: Any] = ["content": ["application/json; charset=utf-8": ["schema": ["$ref": "#/components/schemas/ReconcileError"]]]]
        func err(_ d: String) -> [String: Any] { error.merging(["description": d]) { a, _ in a } }
        let answers: [String: Any] = [
            "200": ["description": "Without parameters, the service manifest; with queries, the result batch: for each query id, {\"result\": [candidates]}.",
                    "content": ["application/json; charset=utf-8": ["schema": ["type": "object"]]]],
            "400": err("A bad query batch or parameter: what is wrong, as data (error) and words (message)."),
            "405": err("A method other than GET, HEAD, POST and OPTIONS."),
            "413": err("More queries than the manifest's batchSize, or a body too large."),
            "414": err("A path and query too long: send the batch by POST."),
            "415": err("A POST body that is not a form."),
            "503": text("Busy, or the answer took longer than the server's time limit; try again."),
        ]
        let queries: [String: Any] = ["type": "string", "description": "A reconciliation query batch in JSON: {\"q0\": {\"query\": name, \"type\": firm|park|incubator, \"limit\": n, \"properties\": [{\"pid\": \"region\", \"v\": code or name}]}}."]
        return [
            "get": [
                "operationId": "reconcile_get",
                "summary": "W3C Reconciliation Service API 0.2: the manifest, or the candidates of a query batch.",
                "parameters": [["name": "queries", "in": "query", "required": false, "schema": queries]],
                "responses": answers,
            ] as [String: Any],
            "post": [
                "operationId": "reconcile_post",
                "summary": "W3C Reconciliation Service API 0.2: the candidates of a query batch sent as a form (OpenRefine's way).",
                "requestBody": ["required": true, "content": ["application/x-www-form-urlencoded": ["schema": [
                    "type": "object", "required": ["queries"], "properties": ["queries": queries], "additionalProperties": false,
                ] as [String: Any]]]],
                "responses": answers,
            ] as [String: Any],
        ]
    }

    static var reconcileErrorSchema: [String: Any] { [
        "type": "object", "required": ["error", "message", "status"], "additionalProperties": false,
        "properties": ["error": ["type": "string"], "message": ["type": "string"], "status": ["type": "integer"]] as [String: Any],
    ] }

    static func json(_ plugins: [PluginRunner]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: document(plugins), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
