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
    /// for every error, the runner's and the plugin's; the API leaves them English, whatever the
    /// server's own language (an API is stable).
    func webInvocation(_ pairs: [(name: String, value: String?)], words: Words? = nil) throws(WebFailure) -> Invocation {
        let w = words ?? Words(.en)
        var seen = Set<String>()
        for pair in pairs {
            if PluginRunner.serverOnlyOptions.contains(pair.name) {
                throw .usage(w(.serveOptionServerOnly, ["name": .text(pair.name)]))
            }
            if pair.name.isEmpty || pair.name.hasPrefix("-") { throw .usage(w(.serveOptionNotAName, ["name": .text(pair.name)])) }
            if !seen.insert(pair.name).inserted { throw .usage(w(.serveOptionTwice, ["name": .text(pair.name)])) }
        }
        do {
            return try parse(PluginRunner.arguments(pairs), words: w)
        } catch let e as AnalysisError {
            throw .usage(e.words(w))
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
            let message = e.words(words ?? Words(.en))
            switch e {
            case .failed:
                if case .external = plugin { throw .pluginFailed(message) }
                throw .unanswerable(message)
            case .notFound: throw .notFound(message)
            default: throw .usage(message)
            }
        } catch {
            let error = worded(error, words ?? Words(.en))
            throw .failed((error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }

    /// The error `regctl NAME` prints for a report that has no chart, when svg is asked for.
    func noChartMessage(_ report: Report, words w: Words = Words(.en)) -> String {
        w(.pluginNoChart, ["id": .text(id), "title": .text(w(report.wordedTitle)), "charts": .text(BuiltInPlugins.charted.joined(separator: ", "))])
    }
}
