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
            abstract: Words.help(.serveAbstract, width: HelpText.optionHelpWidth),
            usage: "regctl serve [--registry <path|url>] [--port <n>] [<options>]",
            discussion: Words.help(.serveDiscussion))

        @OptionGroup var registry: RegistryOptions
        @Option(name: .long, help: ArgumentHelp(Words.option(.serveHelpHost), valueName: "address"))
        var host = "127.0.0.1"
        @Option(name: .long, help: ArgumentHelp(Words.option(.serveHelpPort), valueName: "n"))
        var port = 8080
        @Option(name: .long, help: ArgumentHelp(Words.option(.serveHelpMaxInFlight), valueName: "n"))
        var maxInFlight = 4
        @Option(name: .long, help: ArgumentHelp(Words.option(.serveHelpTimeout), valueName: "seconds"))
        var timeout = 30.0
        @Flag(name: .long, help: ArgumentHelp(Words.option(.serveHelpQuiet)))
        var quiet = false

        func validate() throws {
            let w = Words.current
            guard (0...65535).contains(port) else { throw ValidationError(w(.serveBadPort, ["port": .integer(port)])) }
            guard maxInFlight >= 1 else { throw ValidationError(w(.serveBadMaxInFlight)) }
            guard timeout > 0 else { throw ValidationError(w(.serveBadTimeout)) }
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
                let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
                FileHandle.standardOutput.write(Data((Words.current(.serveListening, ["url": .text(url), "registry": .text(location)]) + "\n").utf8))
            })
            try await app.runService()
            print(Words.current(.serveStopped))
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
                                                        host: request.head.authority, acceptLanguage: request.headers[.acceptLanguage],
                                                        accept: request.headers[.accept])
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
