import Core
import Foundation

/// An analysis outside regctl: an executable `regctl-NAME` on PATH, run as `regctl NAME`.
///
/// Protocol, version 1 (docs/plugins.md): regctl writes one JSON request to the plugin's standard
/// input — `{"version": 1, "plugin", "registry", "as_of", "as_of_source", "parameters", "language"}` —
/// and reads one report as JSON from its standard output — `{"title", "columns": [{"name", "type"}],
/// "rows", "notes", "filings"}`. Run with `--describe`, a plugin may print its descriptor (id, summary,
/// parameters, examples, and `"messages": {"en": {…}, "zh": {…}}`, its catalogue) so that regctl
/// checks arguments and writes its help. A title, column title or note may be a plain string or
/// `{"text": "…", "message": {"key": "…", "arguments": {…}}}`, a message of that catalogue.
struct ExternalPlugin {
    let name: String
    let path: String
    /// What `--describe` printed, when it printed a valid descriptor.
    let descriptor: PluginDescriptor?
    /// The words its descriptor carries (`messages`); empty when it carries none or they do not parse.
    var messages = Catalogue()

    /// The `messages` member of a descriptor: language code → key → template.
    struct DescribedMessages: Decodable {
        var messages: [String: [String: Catalogue.Source]]?

        /// The catalogue they make; languages regctl does not speak are ignored.
        func catalogue(source: String) throws -> Catalogue {
            var entries: [Language: [String: Catalogue.Source]] = [:]
            for (code, values) in messages ?? [:] {
                if let language = Language(rawValue: code) { entries[language] = values }
            }
            return try Catalogue(entries: entries, source: source)
        }
    }

    static let protocolVersion = 1

    struct Request: Encodable {
        var version = ExternalPlugin.protocolVersion
        var plugin: String
        var registry: String
        var as_of: String
        var as_of_source: String
        var parameters: [String: String]
        /// The reader's language (`zh`, `en`), for a plugin that writes finished words.
        var language: String
    }

    struct Response: Decodable {
        struct Column: Decodable {
            var name: String
            var type: String?
            var title: Wording?
        }
        var title: Wording
        var as_of: String?
        var columns: [Column]
        var rows: [Row]
        var notes: [Wording]?
        var filings: [String]?

        /// A row as an array of cells or an object keyed by column name.
        enum Row: Decodable {
            case array([Report.Value])
            case object([String: Report.Value])

            init(from decoder: any Decoder) throws {
                if let a = try? [Report.Value](from: decoder) { self = .array(a) } else { self = .object(try [String: Report.Value](from: decoder)) }
            }
        }
    }

    /// Runs the plugin with one request and turns its answer into a report.
    func run(_ request: PluginRequest, registryPath: String, language: Language = Words.current.language) throws -> Report {
        let body = Request(plugin: name, registry: registryPath, as_of: request.asOf.description,
                           as_of_source: request.asOfSource, parameters: request.parameters, language: language.rawValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let (status, out, err) = try ExternalPlugin.execute(path, arguments: [], input: try encoder.encode(body))
        guard status == 0 else {
            throw AnalysisError.failed(plugin: name, message: "the external plugin \(path) exited with status \(status)\(err.isEmpty ? "" : ": " + err.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: out)
        } catch {
            throw AnalysisError.failed(plugin: name, message: "the external plugin \(path) did not write a report as JSON on standard output (\(error)); see docs/plugins.md for the format")
        }
        let columns = response.columns.map { c in
            Report.Column(c.name, Report.ColumnType(rawValue: c.type ?? "text") ?? .text, title: c.title)
        }
        let rows: [[Report.Value]] = response.rows.map { row in
            switch row {
            case .array(let a): a
            case .object(let o): columns.map { o[$0.name] ?? .null }
            }
        }
        return Report(title: response.title, asOf: response.as_of.flatMap { Day($0) } ?? request.asOf, asOfSource: request.asOfSource,
                      columns: columns, rows: rows, notes: response.notes ?? [], filings: response.filings ?? [])
    }

    /// Runs an executable with input on standard input; returns its status, standard output and error.
    static func execute(_ path: String, arguments: [String], input: Data) throws -> (Int32, Data, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        // Input and output through files: the report may be large, and files need no reader thread.
        // A pipe for input would also kill regctl with SIGPIPE when a plugin exits without reading it.
        let dir = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        let inURL = dir.appendingPathComponent("regctl-plugin-\(id).in")
        let outURL = dir.appendingPathComponent("regctl-plugin-\(id).out")
        let errURL = dir.appendingPathComponent("regctl-plugin-\(id).err")
        try input.write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            for url in [inURL, outURL, errURL] { try? FileManager.default.removeItem(at: url) }
        }
        let inp = try FileHandle(forReadingFrom: inURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        try? inp.close()
        try? out.close()
        try? err.close()
        let errText = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return (p.terminationStatus, (try? Data(contentsOf: outURL)) ?? Data(), errText)
    }
}

/// Finds `regctl-NAME` executables on PATH.
enum ExternalPlugins {
    /// One `regctl-NAME` file found on PATH, and what stands in its way.
    struct Candidate {
        var name: String
        var path: String
        var executable: Bool
        /// Why `regctl NAME` will not run it, if it will not.
        var problem: String?
    }

    /// Every `regctl-*` file on PATH, in PATH order.
    static func candidates(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> [Candidate] {
        var out: [Candidate] = []
        var seen: [String: String] = [:]
        let builtIns = Set(BuiltInPlugins.all.map { $0.plugin.descriptor.id })
        for dir in (path ?? "").split(separator: ":").map(String.init) where !dir.isEmpty {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for entry in entries.sorted() where entry.hasPrefix("regctl-") && entry.count > "regctl-".count {
                let full = (dir as NSString).appendingPathComponent(entry)
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                let name = String(entry.dropFirst("regctl-".count))
                let executable = FileManager.default.isExecutableFile(atPath: full)
                var problem: String?
                let w = Words.current
                if builtIns.contains(name) || RegCtl.commandNames.contains(name) {
                    problem = w(.pluginsShadowedBuiltIn, ["name": .text(name)])
                } else if let first = seen[name] {
                    problem = w(.pluginsShadowedBy, ["first": .text(first)])
                } else if !executable {
                    problem = w(.pluginsNotExecutable, ["name": .text(name)])
                }
                if executable && seen[name] == nil { seen[name] = full }
                out.append(Candidate(name: name, path: full, executable: executable, problem: problem))
            }
        }
        return out
    }

    /// The external plugin `regctl NAME` runs, if any, with its descriptor when it gives one.
    static func find(_ name: String) -> ExternalPlugin? {
        guard let c = candidates().first(where: { $0.name == name && $0.problem == nil }) else { return nil }
        var descriptor: PluginDescriptor?
        if let (status, out, _) = try? ExternalPlugin.execute(c.path, arguments: ["--describe"], input: Data()), status == 0 {
            descriptor = try? JSONDecoder().decode(PluginDescriptor.self, from: out)
            if descriptor?.id != name { descriptor = nil }
            if descriptor != nil, let described = try? JSONDecoder().decode(ExternalPlugin.DescribedMessages.self, from: out),
               let catalogue = try? described.catalogue(source: c.path) {
                return ExternalPlugin(name: name, path: c.path, descriptor: descriptor, messages: catalogue)
            }
        }
        return ExternalPlugin(name: name, path: c.path, descriptor: descriptor)
    }
}
