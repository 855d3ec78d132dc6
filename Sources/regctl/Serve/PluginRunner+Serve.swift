import Core
import Foundation
import PostgresRegistry

/// The web's way into the plugin runner: a query string's `name=value` pairs become the command line
/// `--name=value …`, parsed and checked by the same code as `regctl NAME`, so that a URL and a command
/// give the same answer and the same messages.
extension PluginRunner {
    /// Why a web request cannot be answered: the CLI's usage error (400), a name that is not in the
    /// answer (404), a built-in analysis that cannot answer this request from this registry (422: the
    /// CLI's exit status 1 with its message, e.g. `screen --uscc` of a firm not loaded), an external
    /// plugin that failed (502), or the registry failing (500).
    enum WebFailure: Error, Equatable {
        case usage(String)
        case notFound(String)
        case unanswerable(String)
        case pluginFailed(String)
        case failed(String)

        /// The HTTP status and the message.
        var status: (code: Int, message: String) {
            switch self {
            case .usage(let m): (400, m)
            case .notFound(let m): (404, m)
            case .unanswerable(let m): (422, m)
            case .pluginFailed(let m): (502, m)
            case .failed(let m): (500, m)
            }
        }
    }

    /// Options a web request may not give: the registry is the server's.
    static let serverOnlyOptions: Set<String> = ["registry", "help"]

    /// The command-line arguments of query pairs: `by=park` → `--by=park`, a bare `exact` → `--exact`.
    static func arguments(_ pairs: [(name: String, value: String?)]) -> [String] {
        pairs.map { pair in pair.value.map { "--\(pair.name)=\($0)" } ?? "--\(pair.name)" }
    }

    /// Parses query pairs as `regctl NAME` parses its arguments. Names the CLI does not take there
    /// (`registry`, `help`), and a name given twice, are usage errors. A page gives its reader's `words`
    /// for the plugin's own errors; the API leaves them as the CLI's English (an API is stable).
    func webInvocation(_ pairs: [(name: String, value: String?)], words: Words? = nil) throws(WebFailure) -> Invocation {
        var seen = Set<String>()
        for pair in pairs {
            if PluginRunner.serverOnlyOptions.contains(pair.name) {
                throw .usage("'\(pair.name)' cannot be given here: the server answers from its own registry")
            }
            if pair.name.isEmpty || pair.name.hasPrefix("-") { throw .usage("'\(pair.name)' is not a parameter name") }
            if !seen.insert(pair.name).inserted { throw .usage("'--\(pair.name)' is given more than once") }
        }
        do {
            return try parse(PluginRunner.arguments(pairs))
        } catch let e as AnalysisError {
            throw .usage(words.map { e.words($0) } ?? e.description)
        } catch {
            throw .usage("\(error)")
        }
    }

    /// Runs the plugin on `store` as `regctl NAME` does (the same as-of date, the same request), and
    /// returns its report; `location` is the registry as an external plugin is given it.
    func report(_ invocation: Invocation, store: any Registry, location: String, words: Words? = nil) throws(WebFailure) -> Report {
        do {
            let (date, source) = try AsOf.resolve(invocation.asOf, registry: store)
            let request = PluginRequest(asOf: date, asOfSource: source, parameters: invocation.parameters)
            switch plugin {
            case .builtIn(let p):
                return try p.run(request, registry: store)
            case .external(let e):
                let path = ConnectionString.isPostgres(location) ? location : URL(fileURLWithPath: location).standardizedFileURL.path
                return try e.run(request, registryPath: path)
            }
        } catch let e as AnalysisError {
            let message = words.map { e.words($0) } ?? e.description
            switch e {
            case .failed:
                if case .external = plugin { throw .pluginFailed(message) }
                throw .unanswerable(message)
            case .notFound: throw .notFound(message)
            default: throw .usage(message)
            }
        } catch {
            throw .failed((error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }

    /// The error `regctl NAME` prints for a report that has no chart, when svg is asked for.
    func noChartMessage(_ report: Report) -> String {
        "--format svg: \(id)'s report \"\(report.title)\" has no chart; use table, csv, json or md (charts: \(BuiltInPlugins.charted.joined(separator: ", ")))."
    }
}
