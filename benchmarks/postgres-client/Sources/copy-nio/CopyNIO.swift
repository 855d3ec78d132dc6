// copy-nio: firms.csv -> firms_bare with COPY FROM STDIN over postgres-nio (PostgresConnection.copyFrom);
// or one count(*) in a new process.
import CopyText
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

func connect(_ urlString: String, logger: Logger) async throws -> PostgresConnection {
    let url = try PostgresURL(urlString)
    let tls: PostgresConnection.Configuration.TLS
    switch url.sslmode {
    case "disable", "allow": tls = .disable
    case "prefer": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
    case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
    default: throw BenchError("sslmode=\(url.sslmode) is not supported here (disable, allow, prefer, require)")
    }
    let config = PostgresConnection.Configuration(
        host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
    return try await PostgresConnection.connect(
        on: MultiThreadedEventLoopGroup.singleton.any(), configuration: config, id: 1, logger: logger)
}

let logger = Logger(label: "copy-nio", factory: { _ in SwiftLogNoOpLogHandler() })

@main
enum CopyNIO {
    static func main() async {
        do {
            switch Mode.parse("copy-nio") {
            case .query(let url):
                let conn = try await connect(url, logger: logger)
                let rows = try await conn.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(tableName)"), logger: logger)
                for try await count in rows.decode(Int.self) { print(count) }
                try await conn.close()

            case .load(let url, let file, let chunkBytes):
                let start = ContinuousClock.now
                let reader = try CopyTextReader(path: file, chunkBytes: chunkBytes)
                let conn = try await connect(url, logger: logger)
                try await conn.query(PostgresQuery(unsafeSQL: "BEGIN"), logger: logger)
                try await conn.query(PostgresQuery(unsafeSQL: createTableSQL), logger: logger)
                try await conn.query(PostgresQuery(unsafeSQL: "TRUNCATE \(tableName)"), logger: logger)
                var buffer = ByteBufferAllocator().buffer(capacity: chunkBytes * 3 + 16)
                try await conn.copyFrom(table: tableName, format: .text(.init()), logger: logger) { writer in
                    while let piece = try reader.next() {
                        buffer.clear()
                        buffer.writeBytes(piece)
                        // One CopyData message per piece; write waits until the channel is writable again.
                        try await writer.write(buffer)
                    }
                }
                try await conn.query(PostgresQuery(unsafeSQL: "COMMIT"), logger: logger)
                try await conn.close()
                report(rows: reader.rows, seconds: seconds(since: start))
            }
        } catch {
            fail(String(reflecting: error))
        }
    }
}
