import Foundation
import Testing
@testable import Core

@Suite("XML filings: streaming and hostile input")
struct XMLFilingReaderTests {
    static let hostile = ["xmlbomb.xml", "xmlbomb2.xml", "cyclic.xml", "quadratic.xml", "external.xml", "external_file.xml",
                          "dtd.xml", "dtd_element.xml", "simple.xml", "simple-ns.xml"]

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("xml-hostile/\(name)").path
    }

    @Test("every defusedxml file is refused quickly with file and line, nothing loaded", arguments: hostile)
    func hostileRefused(name: String) throws {
        let r = try TestRegistry()
        let started = Date()
        let diagnostics = r.refusal { _ = try r.loader.load(path: Self.fixture(name), displayName: name) }
        #expect(Date().timeIntervalSince(started) < 2)
        let d = try #require(diagnostics.first)
        #expect(d.file == name)
        #expect(d.line != nil && d.line! >= 1)
        let text = try String(contentsOfFile: Self.fixture(name), encoding: .utf8)
        if text.contains("<!DOCTYPE") {
            #expect(d.message.contains("DOCTYPE"), "\(d)")
        } else {
            #expect(d.message.contains("not <filing>"), "\(d)")
        }
        #expect(try r.store.filings().isEmpty)
    }

    @Test("wrong namespace, missing namespace, nested records, text and unknown elements are refused")
    func structure() throws {
        let r = try TestRegistry()
        let cases: [(String, String)] = [
            (#"<filing xmlns="urn:other" id="a" authority="b" issued="2024-01-01"/>"#, "namespace 'urn:other'"),
            (#"<filing id="a" authority="b" issued="2024-01-01"/>"#, "no namespace"),
            (#"<filing xmlns="urn:regctl:filing:1" id="a" authority="b" issued="2024-01-01"><firm><firm/></firm></filing>"#, "nested"),
            (#"<filing xmlns="urn:regctl:filing:1" id="a" authority="b" issued="2024-01-01">hello</filing>"#, "text content"),
            (#"<filing xmlns="urn:regctl:filing:1" id="a" authority="b" issued="2024-01-01"><company/></filing>"#, "not a record kind"),
            (#"<filing xmlns="urn:regctl:filing:1" id="a" authority="b"/>"#, "issued"),
            (#"<filing xmlns="urn:regctl:filing:1" id="a" authority="b" issued="2024-01-01"><firm uscc="x""#, "error"),
            ("", "empty"),
        ]
        for (i, (xml, expected)) in cases.enumerated() {
            let path = try r.write("case\(i).xml", xml)
            let d = r.refusal { _ = try r.loader.load(path: path, displayName: "case\(i).xml") }
            #expect(d.first?.message.contains(expected) == true, "case \(i): \(d)")
            #expect(d.first?.file == "case\(i).xml")
        }
        #expect(try r.store.filings().isEmpty)
    }

    @Test("deep nesting is refused at the first nested level")
    func deepNesting() throws {
        let r = try TestRegistry()
        let depth = 100_000
        let xml = #"<filing xmlns="urn:regctl:filing:1" id="a" authority="b" issued="2024-01-01">"# + String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth) + "</filing>"
        let path = try r.write("deep.xml", xml)
        let started = Date()
        let d = r.refusal { _ = try r.loader.load(path: path, displayName: "deep.xml") }
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(d.first != nil)
    }

    @Test("entities in attribute values decode; GB18030 declared encodings are read")
    func entitiesAndEncodings() throws {
        let r = try TestRegistry()
        try r.load(id: "p", #"<park id="p&amp;1" name="A &lt;B&gt; &#x4E2D; &quot;x&quot;" region="430211" level="national" kind="high-tech-zone"/>"#)
        #expect(try r.store.parks().first?.value.id == "p&1")
        #expect(try r.store.parks().first?.value.name == "A <B> 中 \"x\"")

        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("encodings/filing-gb18030.xml")
        _ = try r.loader.load(path: url.path, displayName: "gb.xml")
        let q = try #require(try r.store.parks().first { $0.value.id == "q" })
        #expect(q.value.name == "株洲高新技术产业开发区")
        #expect(q.value.level == .national)
    }

    @Test("record errors carry file, line and column")
    func recordErrorLocation() throws {
        let r = try TestRegistry()
        let d = r.refusal {
            try r.load(id: "e", """
              <park id="p" name="P" region="430211" level="national" kind="high-tech-zone"/>
              <designation uscc="914403001922038216" program="little-giant" level="nationa" year="2021"/>
            """)
        }
        let first = try #require(d.first)
        #expect(first.line == 4)
        #expect(first.column != nil)
        #expect(first.description.hasPrefix("e.xml:4:"))
        #expect(first.description.contains(": designation: level 'nationa' is not one of national, provincial, municipal"))
    }
}
