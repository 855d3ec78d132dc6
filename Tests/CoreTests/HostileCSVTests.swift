import Foundation
import RegistryTesting
import Testing
@testable import Core

/// Broken and hostile CSV: each file is refused, or loaded exactly as docs/filing-format.md says,
/// and a refused file leaves the registry as it was.
@Suite("Hostile and broken CSV filings")
struct HostileCSVTests {
    static let header = "uscc,name,region\n"
    static func row(_ n: Int, name: String? = nil) -> String { "\(Codes.uscc("430211", n)),\(name ?? "企业\(n)"),430211" }

    /// Loads `bytes` as `firms-x.csv` into a fresh registry: the diagnostics of a refusal, or nil and the firms loaded.
    func load(_ bytes: [UInt8], options: LoadOptions = LoadOptions()) throws -> (refusal: [Diagnostic]?, firms: [FirmFact], registry: TestRegistry) {
        let r = try TestRegistry()
        let url = r.directory.appendingPathComponent("firms-x.csv")
        try Data(bytes).write(to: url)
        do {
            _ = try r.loader.load(path: url.path, displayName: "firms-x.csv", options: options)
            return (nil, try r.store.firms(FirmQuery()), r)
        } catch let e as LoadError {
            #expect(try r.store.filings().isEmpty, "a refused file leaves nothing behind")
            #expect(try r.store.firms(FirmQuery()).isEmpty)
            return (e.diagnostics.isEmpty ? [Diagnostic(file: "firms-x.csv", line: nil, kind: "load", problem: .malformed, message: e.errorDescription ?? "")] : e.diagnostics, [], r)
        }
    }

    func load(_ text: String) throws -> (refusal: [Diagnostic]?, firms: [FirmFact], registry: TestRegistry) {
        try load(Array(text.utf8))
    }

    @Test("a ragged row is refused with its line")
    func ragged() throws {
        let d = try #require(try load(Self.header + Self.row(1) + "\n" + Self.row(2) + ",extra\n").refusal)
        #expect(d.first?.line == 3)
        #expect(d.first?.message.contains("has 4 fields but the header has 3") == true)
    }

    @Test("an unterminated quote is refused at the line where the field starts")
    func unterminatedQuote() throws {
        let d = try #require(try load(Self.header + Self.row(1) + "\n" + "\(Codes.uscc("430211", 2)),\"未闭合,430211\n" + Self.row(3) + "\n").refusal)
        #expect(d.first?.line == 3)
        #expect(d.first?.message.contains("never closed") == true)
    }

    @Test("a quote inside an unquoted field is data, as documented")
    func strayQuote() throws {
        let r = try load(Self.header + Self.row(1, name: "某\"引号\"公司") + "\n")
        #expect(r.refusal == nil)
        #expect(r.firms.map(\.firm.name) == ["某\"引号\"公司"])
    }

    @Test("NUL bytes and UTF-16 files are refused with advice")
    func nul() throws {
        let d = try #require(try load(Array((Self.header + Self.row(1)).utf8) + [0] + Array("\n".utf8)).refusal)
        #expect(d.first?.message.contains("NUL") == true)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in (Self.header + Self.row(1) + "\n").utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let e = try #require(try load(utf16).refusal)
        #expect(e.first?.message.contains("UTF-8") == true, "\(e)")
    }

    @Test("mixed line endings load")
    func mixedLineEndings() throws {
        let r = try load(Self.header.replacingOccurrences(of: "\n", with: "\r\n") + Self.row(1) + "\n" + Self.row(2) + "\r" + Self.row(3) + "\r\n")
        #expect(r.refusal == nil)
        #expect(r.firms.count == 3)
    }

    @Test("a header with a duplicate, an unknown or a missing required column is refused at line 1", arguments: [
        ("uscc,name,name,region\n", "appears twice"),
        ("uscc,name,region,colour\n", "unknown column 'colour'"),
        ("uscc,region\n", "required column name missing"),
        (",name,region\n", "empty column name"),
    ])
    func badHeaders(header: String, expected: String) throws {
        let d = try #require(try load(header + "x,y,z\n").refusal)
        #expect(d.first?.line == 1)
        #expect(d.first?.message.contains(expected) == true, "\(d)")
    }

    @Test("an empty file and a header without records are refused")
    func empty() throws {
        #expect(try #require(try load("").refusal).first?.message.contains("empty") == true)
        #expect(try #require(try load(Self.header).refusal).first?.message.contains("no records") == true)
        #expect(try #require(try load("\u{FEFF}\r\n\r\n").refusal).first != nil)
    }

    @Test("a 10 MB field is refused without echoing it, quickly")
    func hugeField() throws {
        let started = Date()
        let big = String(repeating: "大", count: 10 * 1024 * 1024 / 3)
        let d = try #require(try load(Self.header + Self.row(1, name: big) + "\n").refusal)
        #expect(d.first?.message.contains("characters long") == true)
        #expect(d.first!.message.utf8.count < 1000)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("a file in an encoding that is neither UTF-8 nor GB18030 is refused, not half-loaded")
    func wrongEncoding() throws {
        // Latin-1 bytes decode as GB18030 garbage; the header then does not name known columns.
        let latin1: [UInt8] = Array("uscc,n".utf8) + [0xE4, 0xE4] + Array("me,region\n".utf8) + Array((Self.row(1) + "\n").utf8)
        #expect(try load(latin1).refusal != nil)
    }

    static let csvlint = ["cr-line-endings.csv", "crlf-line-endings.csv", "inconsistent-line-endings-unquoted.csv",
                          "inconsistent-line-endings.csv", "invalid-byte-sequence.csv", "invalid_many_rows.csv",
                          "lf-line-endings.csv", "title-row.csv", "valid.csv", "valid_many_rows.csv",
                          "white space in filename.csv", "windows-line-endings.csv"]

    static func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(path)))
    }

    @Test("csvlint's fixtures are refused as firm filings, each at a named line", arguments: csvlint)
    func csvlintFixtures(name: String) throws {
        let d = try #require(try load(Self.fixture("csvlint/\(name)")).refusal)
        let first = try #require(d.first)
        #expect(first.line != nil)
        // Their headers are not regctl fields, so the header check refuses them before any row.
        #expect(first.line == 1 && first.message.contains("unknown column"), "\(first)")
        if name == "invalid_many_rows.csv" {
            // Read as plain CSV, `"3" "` is text after a closing quote on line 4.
            var reader = try CSVReader(bytes: Self.fixture("csvlint/\(name)"))
            let error = #expect(throws: CSVError.self) { while try reader.next() != nil {} }
            #expect(error?.line == 4)
        }
    }

    @Test("Companies House files with hostile quoting parse exactly as Python's csv module reads them", arguments: [
        ("companies-house/CH_edgecases.csv", 10, 55), ("companies-house/CH_original.csv", 200, 53),
    ])
    func companiesHouse(path: String, rows: Int, fields: Int) throws {
        var reader = try CSVReader(bytes: Self.fixture(path))
        var records: [CSVRecord] = []
        while let r = try reader.next() { records.append(r) }
        #expect(records.count == rows)
        #expect(records.allSatisfy { $0.fields.count == fields })
        if path.contains("edgecases") {
            #expect(records.contains { $0.fields.contains("\"ARTHUR BALFOUR\",CONSERVATIVE WORKING MEN'S CLUB LIMITED") })
        }
        #expect(try load(Self.fixture(path)).refusal?.first?.line == 1)
    }

    @Test("strict mode lists up to 50 bad records and counts the rest; lenient mode loads the others", arguments: Backend.testable)
    func manyBadRecords(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            var text = Self.header
            for n in 1...120 { text += n % 2 == 0 ? Self.row(n) + "\n" : "\(Codes.uscc("430211", n).dropLast())Z,坏\(n),430211\n" }
            let r = try TestRegistry()
            let path = try r.write("firms-many.csv", text)
            do {
                _ = try r.loader.load(path: path, displayName: "firms-many.csv")
                Issue.record("expected a refusal")
            } catch let LoadError.refused(_, diagnostics, omitted, _) {
                #expect(diagnostics.count == 50)
                #expect(omitted == 10)
                #expect(LoadError.refused(file: "f", diagnostics: diagnostics, omitted: omitted, remedies: []).errorDescription!.contains("… and 10 more problems"))
            }
            let report = try r.loader.load(path: path, displayName: "firms-many.csv", options: LoadOptions(lenient: true))
            #expect(report.rejected.count == 60)
            #expect(try r.store.firms(FirmQuery()).count == 60)
        }
    }
}
