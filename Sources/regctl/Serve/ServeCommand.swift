import ArgumentParser
import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging

extension RegCtl {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the registry on the web, read-only: a page per analysis, the API (the CLI's JSON), /healthz and /metrics.",
            usage: "regctl serve [--registry <path|url>] [--port <n>] [<options>]",
            discussion: """
                Pages: / (the registry at a glance), /NAME for every plugin (a form made from its parameters, \
                the chart, the table, the notes, the source filings and the equivalent command), \
                /profile/PARK and /filings/ID. API: /api/v1/NAME?... answers exactly what `regctl NAME ... \
                --format json` prints; format=csv, md or svg the other formats. Query parameters are the \
                CLI's option names: /rank?level=national&by=park&within=43. /reconcile is the W3C \
                Reconciliation Service API 0.2: OpenRefine matches a spreadsheet's names against the \
                registry there. Answers are kept in memory until the registry's filings change.

                The server never writes to the registry, listens on loopback unless --host says otherwise, \
                and stops cleanly on Ctrl-C or SIGTERM. docs/serve.md tells more.

                Start it with `regctl serve --port 8080`, then open http://127.0.0.1:8080/.
                """)

        @OptionGroup var registry: RegistryOptions
        @Option(name: .long, help: ArgumentHelp("The address to listen on: loopback only unless another is given.", valueName: "address"))
        var host = "127.0.0.1"
        @Option(name: .long, help: ArgumentHelp("The port to listen on; 0 picks a free one (printed when listening).", valueName: "n"))
        var port = 8080
        @Option(name: .long, help: ArgumentHelp("Analyses answered at once; more requests get 503.", valueName: "n"))
        var maxInFlight = 4
        @Option(name: .long, help: ArgumentHelp("Seconds an answer may take before the request gets 503.", valueName: "seconds"))
        var timeout = 30.0
        @Flag(name: .long, help: "No access log.")
        var quiet = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port (0–65535).") }
            guard maxInFlight >= 1 else { throw ValidationError("--max-in-flight needs at least 1.") }
            guard timeout > 0 else { throw ValidationError("--timeout needs a number of seconds above 0.") }
        }

        func run() async throws {
            let store = try registry.open(create: false)
            var limits = ServeHandler.Limits()
            limits.maxInFlight = maxInFlight
            limits.timeout = timeout
            let handler = ServeHandler(store: store, location: registry.path, plugins: ServeHandler.allPlugins(), limits: limits)
            var access = Logger(label: "regctl.serve", factory: { StreamLogHandler.standardError(label: $0) })
            access.logLevel = quiet ? .critical : .info
            var serverLog = Logger(label: "regctl.serve.http", factory: { StreamLogHandler.standardError(label: $0) })
            serverLog.logLevel = .warning
            let app = ServeCommand.application(handler: handler, host: host, port: port, access: access, logger: serverLog,
                                               onRunning: { [host, location = registry.displayLocation] port in
                FileHandle.standardOutput.write(Data("regctl serve: http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (registry \(location), read-only); Ctrl-C stops.\n".utf8))
            })
            try await app.runService()
            print("regctl serve: stopped.")
        }
    }
}

/// Hummingbird around `ServeHandler`: HTTP/1.1 with bounded headers and an idle timeout, an access
/// log line per request, graceful stop on SIGINT and SIGTERM (`runService`).
enum ServeCommand {
    /// Largest header block accepted, in bytes (a larger one closes the connection).
    static let maxHeaderBytes = 16 << 10

    static func application(handler: ServeHandler, host: String, port: Int, access: Logger, logger: Logger,
                            onRunning: @escaping @Sendable (Int) -> Void) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let length = request.headers[.contentLength].flatMap { Int($0) }
            let chunked = request.headers[.transferEncoding] != nil
            let started = ContinuousClock.now
            // Only a POST to /reconcile has a body worth reading, within Reconcile.maxBody; a larger
            // one is refused by its declared length, unread, and the connection closed. A chunked
            // body, or one that stops short of its length (read until the idle timeout), is passed
            // on as of unknown length (Int.max): 411 at /reconcile, 413 elsewhere.
            var body: String?
            var bodyLength = chunked ? Int.max : length
            if request.method == .post, request.uri.path == "/reconcile", !chunked, let length, length <= Reconcile.maxBody {
                if let buffer = try? await request.collectBody(upTo: Reconcile.maxBody) {
                    body = String(buffer: buffer)
                } else {
                    bodyLength = Int.max
                }
            }
            let (answer, route) = await handler.respond(method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                                                        bodyLength: bodyLength, body: body, contentType: request.headers[.contentType],
                                                        host: request.head.authority)
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            access.info("\(request.method.rawValue) \(request.uri.path.prefix(200)) \(answer.status) \(answer.size) \(String(format: "%.1f", ms))ms route=\(route)")
            var fields = HTTPFields()
            fields[.contentType] = answer.contentType
            for (k, v) in answer.headers.sorted(by: { $0.key < $1.key }) {
                if let name = HTTPField.Name(k) { fields[name] = v }
            }
            if answer.status >= 400 && (length ?? 0) > 0 && body == nil || chunked { fields[.connection] = "close" }
            return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: answer.bytes.map { ByteBuffer(bytes: $0) } ?? ByteBuffer(string: answer.body)))
        }
        var decoder = HTTP1Channel.Configuration.DecoderConfiguration()
        decoder.maxHeaderListSize = maxHeaderBytes
        decoder.maxHeaderFieldSize = maxHeaderBytes
        decoder.maxHeaderFieldCount = 100
        return Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .seconds(30), httpDecoderConfiguration: decoder)),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "regctl/\(RegCtl.version)"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
