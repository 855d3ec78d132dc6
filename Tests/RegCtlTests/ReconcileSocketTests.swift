import Foundation
import Testing
@testable import regctl

/// `/reconcile` over a real connection: the form body read by the server (only a POST to /reconcile
/// has one read), the Host header in the manifest, and a body over the limit refused unread.
@Suite("regctl serve: /reconcile over HTTP")
struct ReconcileSocketTests {
    @Test("POST form queries= over a socket answers as in-process; the manifest names the address used; a large body is 413")
    func overHTTP() throws {
        let server = try ServeProcess.start()
        defer { _ = try? server.stop() }
        let form = ReconcileTests.queries(#"{"q0":{"query":"\#(ReconcileTests.name)","properties":[{"pid":"region","v":"湖南省"}]}}"#)
        let post = try server.raw("POST /reconcile HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                  + "Content-Length: \(form.utf8.count)\r\nConnection: close\r\n\r\n" + form)
        #expect(post.hasPrefix("HTTP/1.1 200"), "\(post.prefix(300))")
        #expect(post.contains("access-control-allow-origin: *") || post.contains("Access-Control-Allow-Origin: *"))
        #expect(post.contains(#""id":"\#(ReconcileTests.uscc)","match":true"#))

        let manifest = try server.raw("GET /reconcile HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nConnection: close\r\n\r\n")
        #expect(manifest.contains(#""url":"http://127.0.0.1:\#(server.port)/reconcile/view/{{id}}""#), "\(manifest.suffix(400))")

        let big = try server.raw("POST /reconcile HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                 + "Content-Length: \(Reconcile.maxBody + 1)\r\n\r\nqueries=")
        #expect(big.hasPrefix("HTTP/1.1 413"), "\(big.prefix(200))")
        let chunked = try server.raw("POST /reconcile HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                     + "Transfer-Encoding: chunked\r\n\r\n8\r\nqueries=\r\n0\r\n\r\n")
        #expect(chunked.hasPrefix("HTTP/1.1 411"), "\(chunked.prefix(200))")
        #expect(try server.get("/healthz").status == 200)
    }
}
