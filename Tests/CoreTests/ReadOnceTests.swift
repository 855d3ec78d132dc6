import Foundation
import RegistryTesting
import Testing
@testable import Core

/// A load reads its file once, hashing it while it parses it (issue #19), and still finds a file
/// loaded before, under any name, unchanged.
@Suite("Loading reads the file once")
struct ReadOnceTests {
    static let park = RegistryTests.park
    static func firms(_ range: ClosedRange<Int>) -> String { range.map { RegistryTests.firm($0) }.joined(separator: "\n") }

    @Test("the digest of a file fed in any chunks is its SHA-256")
    func digestVector() {
        // FIPS 180-2's "abc" vector, fed whole and byte by byte.
        for split in [3, 1] {
            let d = ContentDigest()
            let bytes = Array("abc".utf8)
            for start in stride(from: 0, to: bytes.count, by: split) {
                bytes[start..<min(start + split, bytes.count)].withUnsafeBytes { d.update($0) }
            }
            #expect(d.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(d.hex == d.hex)
        }
    }

    @Test("a filing hashed while it is parsed records the hash of its whole file", arguments: Backend.testable)
    func hashWhileParsing(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            // Larger than one read (1 MiB), so the hash spans chunks.
            let records = Self.park + "\n" + (1...6000).map { RegistryTests.firm($0, name: "测试企业\($0)号有限公司\(String(repeating: "甲", count: 40))") }.joined(separator: "\n")
            let path = try r.write("big.xml", TestRegistry.xml(id: "big", records))
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int > InputFile.chunkSize)
            let report = try r.loader.load(path: path)
            #expect(report.outcome == .loaded)
            let expected = try SHA256.hex(ofFile: path, displayName: path)
            #expect(report.info?.sha256 == expected)
            #expect(try r.store.filings().first?.sha256 == expected)
        }
    }

    @Test("the same XML under another name is unchanged and changes nothing", arguments: Backend.testable)
    func renamedXML(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let text = TestRegistry.xml(id: "a", Self.park + "\n" + Self.firms(1...3))
            #expect(try r.loader.load(path: try r.write("a.xml", text)).outcome == .loaded)
            let before = try r.store.contentDump()
            let again = try r.loader.load(path: try r.write("copy-of-a.xml", text))
            #expect(again.outcome == .unchanged(existingID: "a"))
            #expect(try r.store.contentDump() == before)
        }
    }

    @Test("another file with a taken id is still refused, or replaces it when asked", arguments: Backend.testable)
    func conflictingID(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            #expect(try r.loader.load(path: try r.write("a.xml", TestRegistry.xml(id: "a", Self.park + "\n" + Self.firms(1...1)))).outcome == .loaded)
            let other = try r.write("b.xml", TestRegistry.xml(id: "a", Self.park + "\n" + Self.firms(1...2)))
            #expect(throws: LoadError.self) { try r.loader.load(path: other) }
            #expect(try r.loader.load(path: other, options: LoadOptions(replace: true)).outcome == .replaced)
            #expect(try r.store.filings().count == 1)
            #expect(try r.store.firms(FirmQuery()).count == 2)
        }
    }

    @Test("CSV bytes loaded before under another id are found after the parse and rolled back", arguments: Backend.testable)
    func csvLoadedBeforeUnderAnotherID(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "base", Self.park)
            let csv = "uscc,name,region,park\n" + (1...3).map { "\(Codes.uscc("430211", $0)),测试企业\($0)有限公司,430211,zz" }.joined(separator: "\n") + "\n"
            let first = try r.write("firms-one.csv", csv)
            try r.write("firms-one.csv.meta.json", #"{"id": "ONE", "authority": "测试机关", "kind": "firm"}"#)
            #expect(try r.loader.load(path: first).outcome == .loaded)
            let before = try r.store.contentDump()
            let second = try r.write("firms-two.csv", csv)
            try r.write("firms-two.csv.meta.json", #"{"id": "TWO", "authority": "测试机关", "kind": "firm"}"#)
            let again = try r.loader.load(path: second)
            #expect(again.outcome == .unchanged(existingID: "ONE"))
            #expect(try r.store.contentDump() == before)
            #expect(try r.store.filings().map(\.header.id).sorted() == ["ONE", "base"])
        }
    }

    @Test("the CSV reader hashes every byte once, whatever the chunks and the encoding")
    func csvDigest() throws {
        let r = try TestRegistry()
        let utf8 = try r.write("u.csv", "\u{FEFF}uscc,name\n" + (1...500).map { "\($0),名称\($0)\r\n" }.joined())
        var gbBytes = Array("uscc,name\n".utf8)
        for i in 1...500 { gbBytes += Array("\(i),".utf8) + [0xC3, 0xFB, 0xB3, 0xC6, 0x0A] } // 名称 in GB18030
        let gb = r.directory.appendingPathComponent("g.csv").path
        try Data(gbBytes).write(to: URL(fileURLWithPath: gb))
        for (path, encoding) in [(utf8, TextEncoding?.none), (gb, nil), (gb, .gb18030)] {
            for chunk in [7, 64, 1 << 20] {
                let digest = ContentDigest()
                var reader = try CSVReader(path: path, encoding: encoding, chunkSize: chunk, digest: digest)
                var rows = 0
                while try reader.next() != nil { rows += 1 }
                #expect(rows == 501)
                #expect(digest.hex == (try SHA256.hex(ofFile: path, displayName: path)), "\(path) in chunks of \(chunk)")
            }
        }
    }
}
