import Foundation
import Testing
@testable import Core
#if canImport(Glibc)
import Glibc
#endif

@Suite("Hostile XML: size, encodings and the network")
struct HostileXMLExtraTests {
    static let open = #"<?xml version="1.0" encoding="UTF-8"?><filing xmlns="urn:regctl:filing:1" id="h" authority="a" issued="2024-01-01">"#

    @Test("a 100 MB attribute value is refused quickly, within libxml2's limits")
    func hugeAttribute() throws {
        let r = try TestRegistry()
        let url = r.directory.appendingPathComponent("huge.xml")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let fh = try FileHandle(forWritingTo: url)
        try fh.write(contentsOf: Data((Self.open + #"<park id="p" name=""#).utf8))
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<100 { try fh.write(contentsOf: chunk) }
        try fh.write(contentsOf: Data(#"" region="430211" level="national" kind="other"/></filing>"#.utf8))
        try fh.close()
        let started = Date()
        let d = r.refusal { _ = try r.loader.load(path: url.path, displayName: "huge.xml") }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(d.first?.line == 1)
        #expect(try r.store.filings().isEmpty)
    }

    @Test("an encoding declaration that lies, and invalid UTF-8, are refused with the line")
    func lyingEncodings() throws {
        let r = try TestRegistry()
        // Declared UTF-8, written in GB18030.
        let gb = try Data(contentsOf: Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("encodings/filing-gb18030.xml"))
        let lie = String(decoding: gb.prefix(38), as: UTF8.self).replacingOccurrences(of: "GB18030", with: "UTF-8")
        var bytes = Array(lie.utf8) + Array(gb.dropFirst(38))
        let url = r.directory.appendingPathComponent("lie.xml")
        try Data(bytes).write(to: url)
        let d = r.refusal { _ = try r.loader.load(path: url.path, displayName: "lie.xml") }
        #expect(d.first?.message.lowercased().contains("utf-8") == true || d.first?.message.contains("encoding") == true, "\(d)")
        // Invalid UTF-8 in an attribute.
        bytes = Array((Self.open + #"<park id="p" name="bad "#).utf8) + [0xC3, 0x28] + Array(#"" region="430211" level="national" kind="other"/></filing>"#.utf8)
        try Data(bytes).write(to: url)
        let e = r.refusal { _ = try r.loader.load(path: url.path, displayName: "bad.xml") }
        #expect(e.first?.line == 1)
        #expect(try r.store.filings().isEmpty)
    }

    @Test("external entities and DTDs never reach the network: a loopback listener stays untouched")
    func noNetwork() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        try #require(bound == 0)
        try #require(listen(fd, 8) == 0)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let documents = [
            #"<?xml version="1.0"?><!DOCTYPE filing SYSTEM "http://127.0.0.1:\#(port)/filing.dtd"><filing xmlns="urn:regctl:filing:1" id="n1" authority="a" issued="2024-01-01"/>"#,
            #"<?xml version="1.0"?><!DOCTYPE filing [<!ENTITY e SYSTEM "http://127.0.0.1:\#(port)/e.xml">]><filing xmlns="urn:regctl:filing:1" id="n2" authority="a" issued="2024-01-01">&e;</filing>"#,
            #"<?xml version="1.0"?><!DOCTYPE filing [<!ENTITY % p SYSTEM "http://127.0.0.1:\#(port)/p.dtd"> %p;]><filing xmlns="urn:regctl:filing:1" id="n3" authority="a" issued="2024-01-01"/>"#,
            Self.open + #"<park id="p" name="&e;" region="430211" level="national" kind="other"/></filing>"#,
        ]
        let r = try TestRegistry()
        for (i, xml) in documents.enumerated() {
            let path = try r.write("net\(i).xml", xml)
            let d = r.refusal { _ = try r.loader.load(path: path, displayName: "net\(i).xml") }
            #expect(!d.isEmpty)
        }
        // Nothing connected: a non-blocking accept finds no pending connection.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let client = accept(fd, nil, nil)
        #expect(client < 0 && (errno == EAGAIN || errno == EWOULDBLOCK), "a connection reached the listener")
        if client >= 0 { close(client) }
        #expect(try r.store.filings().isEmpty)
    }

    @Test("bytes the declared encoding cannot convert stop the load: a partial parse is never taken for a whole one")
    func conversionFailureMidFile() throws {
        let r = try TestRegistry()
        // A valid record, then a GB18030 sequence that cannot be converted (found by fuzzing: libxml2
        // stops without reporting through the structured handler).
        let bytes = Array(#"<?xml version="1.0" encoding="GB18030"?><filing xmlns="urn:regctl:filing:1" id="x" authority="a" issued="2024-01-01"><park id="p" name="x" region="430211" level="national" kind="other"/>"#.utf8)
            + Array("\n<park id=\"q".utf8) + [0xA8, 0x22] + Array(#" " name="x"/></filing>"#.utf8)
        let url = r.directory.appendingPathComponent("conv.xml")
        try Data(bytes).write(to: url)
        let d = r.refusal { _ = try r.loader.load(path: url.path, displayName: "conv.xml") }
        #expect(d.first?.line == 2)
        #expect(d.first?.message.contains("could not be read to its end") == true, "\(d)")
        #expect(try r.store.filings().isEmpty)
    }
}
