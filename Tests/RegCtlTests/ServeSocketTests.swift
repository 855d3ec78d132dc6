import Core
import Foundation
import Testing
@testable import regctl

#if canImport(Glibc)
import Glibc
#endif

/// A `regctl serve` process on loopback, on a free port, and a raw HTTP client that sends bytes as
/// written (a client library would normalise `/../` and encoded dots before they reach the server).
struct ServeProcess {
    let running: CLI.Running
    let port: Int

    static func start(_ extra: [String] = ["--quiet"], registry: String? = nil) throws -> ServeProcess {
        _ = ServeSamples.load
        let running = try CLI.start(["serve", "--registry", registry ?? ServeSamples.path, "--port", "0"] + extra)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let out = (try? String(contentsOf: running.out.url, encoding: .utf8)) ?? ""
            if let range = out.range(of: "http://127.0.0.1:"), let end = out[range.upperBound...].firstIndex(of: "/"),
               let port = Int(out[range.upperBound..<end]) {
                return ServeProcess(running: running, port: port)
            }
            if !running.process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        running.process.terminate()
        let r = try running.finish()
        throw CLI.Failure(description: "regctl serve did not start: \(r.stdout) \(r.stderr)")
    }

    /// Sends `request` as is and reads until the server closes or `timeout` passes.
    func raw(_ request: String, timeout: Double = 10) throws -> String {
        try ServeProcess.raw(Array(request.utf8), port: port, timeout: timeout)
    }

    static func raw(_ bytes: [UInt8], port: Int, timeout: Double = 10) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CLI.Failure(description: "socket") }
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else { throw CLI.Failure(description: "connect to \(port): errno \(errno)") }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }  // the server may close early (a header too large)
            sent += n
        }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    func get(_ target: String) throws -> (status: Int, head: String, body: String) {
        let text = try raw("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = parts.first?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, parts.first ?? "", parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// SIGTERM (or another signal), then the exit status and output.
    func stop(_ signal: Int32 = SIGTERM) throws -> CLI.Result {
        kill(running.process.processIdentifier, signal)
        return try running.finish()
    }
}

extension CLI {
    struct Failure: Error, CustomStringConvertible { var description: String }
}

@Suite("regctl serve over HTTP on loopback", .serialized)
struct ServeSocketTests {
    @Test("hostile paths sent as raw bytes get 404; the server lives on")
    func hostilePaths() throws {
        let server = try ServeProcess.start()
        defer { _ = try? server.stop() }
        for target in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd", "/rank%00", "/api/v1/%2e%2e", "/api/v1/rank/../../x", "//etc/passwd", "/profile/..%2f..%2fregistry.sqlite"] {
            let r = try server.get(target)
            #expect(r.status == 404, "\(target): \(r.head)")
            #expect(!r.body.contains("root:"))
        }
        let ok = try server.get("/healthz")
        #expect(ok.status == 200 && ok.body == "ok\n")
    }

    @Test("the API over HTTP: the CLI's JSON and the headers")
    func apiOverHTTP() throws {
        let server = try ServeProcess.start()
        defer { _ = try? server.stop() }
        let r = try server.get("/api/v1/rank?level=national&by=park&within=43")
        #expect(r.status == 200)
        #expect(r.head.lowercased().contains("content-type: application/json; charset=utf-8"))
        #expect(r.head.lowercased().contains("content-security-policy: default-src 'none'"))
        #expect(r.head.lowercased().contains("x-content-type-options: nosniff"))
        #expect(r.body == (try ServeSamples.run(["rank", "--level", "national", "--by", "park", "--within", "43", "--format", "json"])).stdout)
        let bad = try server.get("/api/v1/rank?by=parks")
        #expect(bad.status == 400)
        #expect(bad.body.hasPrefix("Error: rank: --by 'parks' is not valid"))
    }

    @Test("a request body is refused (413), other methods are 405, a header block over 16 KiB is refused")
    func sizes() throws {
        let server = try ServeProcess.start()
        defer { _ = try? server.stop() }
        let big = try server.raw("GET /api/v1/rank HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1000000\r\n\r\n" + String(repeating: "x", count: 1000))
        #expect(big.hasPrefix("HTTP/1.1 413"), "\(big.prefix(80))")
        let post = try server.raw("POST /rank HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        #expect(post.hasPrefix("HTTP/1.1 405"))
        let header = try server.raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 20000))\r\nConnection: close\r\n\r\n")
        #expect(!header.hasPrefix("HTTP/1.1 200"), "\(header.prefix(80))")
        #expect(try server.get("/healthz").status == 200)
    }

    @Test("SIGTERM and SIGINT stop the server cleanly with status 0", arguments: [SIGTERM, SIGINT])
    func gracefulStop(_ signal: Int32) throws {
        let server = try ServeProcess.start()
        #expect(try server.get("/healthz").status == 200)
        let r = try server.stop(signal)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("stopped"))
    }

    @Test("an access log line per request on standard error (none with --quiet)")
    func accessLog() throws {
        let server = try ServeProcess.start([])
        _ = try server.get("/api/v1/rank?by=park")
        _ = try server.get("/nowhere")
        let r = try server.stop()
        #expect(r.stderr.contains("GET /api/v1/rank 200"), "\(r.stderr)")
        #expect(r.stderr.contains("GET /nowhere 404"))
        let quiet = try ServeProcess.start()
        _ = try quiet.get("/healthz")
        #expect(!(try quiet.stop()).stderr.contains("GET /healthz"))
    }

    @Test("serve opens an existing registry only: a missing one is an error and is not created")
    func missingRegistry() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("none.sqlite").path
        let r = try CLI.run(["serve", "--registry", path, "--port", "0"])
        #expect(r.status != 0)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Opening a registry is Core's business (it brings the schema up to date, as every command does);
    /// from then on, answering requests writes nothing: the file and its WAL are byte for byte the same.
    @Test("answering requests writes nothing to the registry")
    func readOnly() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.sqlite").path
        #expect(try CLI.run(["load", "samples/filings", "--registry", path]).status == 0)
        func files() -> [Data?] { ["", "-wal"].map { FileManager.default.contents(atPath: path + $0) } }
        let server = try ServeProcess.start(["--quiet"], registry: path)
        _ = try server.get("/healthz")
        let opened = files()
        for t in ["/", "/rank?by=park", "/profile/zz-htz", "/api/v1/growth", "/filings/x", "/api/v1/rank?within=4302&by=county", "/transfers", "/incubators"] {
            #expect(try server.get(t).status < 500)
        }
        #expect(files() == opened)
        #expect(try server.stop().status == 0)
    }
}

/// The pages as a person sees them: headless Chromium loads them from a served registry of the
/// samples, and the DOM it renders holds the seed's figures (samples/expected.json, computed apart).
@Suite("regctl serve in headless Chromium", .serialized)
struct ServeChromiumTests {
    @Test("/, /rank?level=national&by=park&within=43 and /profile/zz-htz render with the seed's figures", .enabled(if: Chromium.path != nil, "chromium is not installed"))
    func renders() throws {
        let server = try ServeProcess.start()
        defer { _ = try? server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        func dom(_ path: String) throws -> String {
            let r = try Chromium.run(["--dump-dom"], url: try #require(URL(string: base + path)))
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }
        let home = try dom("/")
        #expect(home.contains("<strong id=\"as-of\">\(Expected.value.as_of)</strong>"))
        let provinces = try #require(Expected.value.queries.first { $0.args == ["rank"] })
        for row in provinces.rows { #expect(home.contains("<td>\(row.name)</td><td class=\"num\">\(row.count)</td>"), "\(row)") }
        let rank = try dom("/rank?level=national&by=park&within=43")
        let query = try #require(Expected.value.queries.first { $0.args.suffix(6) == ["--level", "national", "--by", "park", "--within", "43"] })
        for row in query.rows { #expect(rank.contains("<td>\(row.name)</td><td class=\"num\">\(row.count)</td>"), "\(row)") }
        #expect(rank.contains("<svg"))
        let profile = try dom("/profile/zz-htz")
        let e = ExpectedProfile.value
        // Numbers people read carry separators: 1,486 on the page, 1486 in the JSON.
        for figure in [NumberStyle.grouped("\(e.firms_in_incubation)"), "\(e.little_giants_provincial_and_above)", "\(e.little_giants_national)", "264,581,167.14"] {
            #expect(profile.contains("<span class=\"value\">\(figure)</span>"), "\(figure)")
        }
    }
}
