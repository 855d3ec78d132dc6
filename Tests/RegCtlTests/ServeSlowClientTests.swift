import Foundation
import Testing
@testable import regctl

/// A client that trickles its header block (slowloris) holds a connection only until the idle
/// timeout (30 s), not for ever. Takes about 35 s: run with REGCTL_SLOW_TESTS=1 (docs/serve.md, Tests).
@Suite("regctl serve: slow clients")
struct ServeSlowClientTests {
    static let enabled = ProcessInfo.processInfo.environment["REGCTL_SLOW_TESTS"] == "1"

    @Test("a POST to /reconcile that stops short of its Content-Length is not waited for beyond the idle timeout",
          .enabled(if: enabled, "about 30 s: set REGCTL_SLOW_TESTS=1"))
    func shortBody() throws {
        let server = try ServeProcess.start()
        defer { _ = try? server.stop() }
        let started = Date()
        // raw reads until the server closes (or 45 s pass): the body never comes in full.
        _ = try server.raw("POST /reconcile HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nqueries=", timeout: 45)
        #expect(Date().timeIntervalSince(started) < 40)
        #expect(try server.get("/healthz").status == 200)
    }

    @Test("a header line every 5 s: the server closes the connection within 40 s and answers others meanwhile",
          .enabled(if: enabled, "about 35 s: set REGCTL_SLOW_TESTS=1"))
    func trickledHeaders() throws {
        let server = try ServeProcess.start()
        defer { _ = try? server.stop() }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(server.port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        try #require(connected == 0)
        func push(_ s: String) -> Bool {
            Array(s.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } > 0
        }
        #expect(push("GET /healthz HTTP/1.1\r\nHost: x\r\n"))
        let started = Date()
        var closedAfter: Double?
        while Date().timeIntervalSince(started) < 45 {
            Thread.sleep(forTimeInterval: 5)
            // A peek that returns 0 means the server closed its side.
            var byte: UInt8 = 0
            let n = recv(fd, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
            if n == 0 || !push("X-Slow: 1\r\n") { closedAfter = Date().timeIntervalSince(started); break }
            #expect(try server.get("/healthz").status == 200)
        }
        let after = try #require(closedAfter, "the trickling connection was still open after 45 s")
        #expect(after < 40)
        #expect(try server.get("/healthz").status == 200)
    }
}
