import Core
import Foundation
import Testing

@Suite("regctl load: each file once, no filing without a valid record, hints only where they help")
struct LoadCommandTests {
    static func uscc(_ n: Int) -> String {
        let first17 = "91430211" + String(format: "%08d", n) + "0"
        return first17 + String(USCC.checkCharacter(for: first17)!)
    }

    static func badCheck(_ n: Int) -> String {
        let code = uscc(n)
        return String(code.dropLast()) + (code.last == "X" ? "Y" : "X")
    }

    static func filing(_ id: String, _ records: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <filing xmlns="urn:regctl:filing:1" id="\(id)" authority="测试机关" issued="2024-12-31">
        \(records)
        </filing>

        """
    }

    /// Firm 1 and its designation are valid; firm 2's date is wrong and its designation refers to it;
    /// firm 3 refers to an undefined park and its designation to it; firm 4's check character fails.
    static let mixed = filing("mixed", """
        <firm uscc="\(uscc(1))" name="甲" region="430211"/>
        <designation uscc="\(uscc(1))" program="little-giant" level="national" year="2021"/>
        <firm uscc="\(uscc(2))" name="乙" region="430211" founded="2020-13-01"/>
        <designation uscc="\(uscc(2))" program="little-giant" level="national" year="2021"/>
        <firm uscc="\(uscc(3))" name="丙" region="430211" park="nowhere"/>
        <designation uscc="\(uscc(3))" program="little-giant" level="national" year="2021"/>
        <firm uscc="\(badCheck(4))" name="丁" region="430211"/>
        """)

    /// No record valid: a bad date, a designation of that firm, a firm in an undefined park.
    static let hopeless = filing("hopeless", """
        <firm uscc="\(uscc(2))" name="乙" region="430211" founded="2020-13-01"/>
        <designation uscc="\(uscc(2))" program="little-giant" level="national" year="2021"/>
        <firm uscc="\(uscc(5))" name="戊" region="430211" park="nowhere"/>
        """)

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func filingCount(_ registry: String) throws -> Int {
        let r = try CLI.run(["filings", "--registry", registry, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return (json["rows"] as? [Any])?.count ?? -1
    }

    @Test("a file named twice, or reached through a folder and by name, is loaded once (it crashed)")
    func fileNamedTwice() throws {
        let dir = try CLI.temporaryDirectory()
        let registry = dir.appendingPathComponent("r.sqlite").path
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("samples/filings").path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") }
        let r = try CLI.run(["load", "samples/filings", "samples/filings/miit-lg-b6-2024.xml", "./samples/filings/miit-lg-b6-2024.xml",
                             "--registry", registry])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
        #expect(r.stdout.contains("\(files.count) of \(files.count) files loaded or unchanged"), "\(r.stdout.suffix(300))")
        #expect(r.stdout.components(separatedBy: "miit-lg-b6-2024.xml").count == 2, "one line for the file named three times")
    }

    @Test("--lenient with every record rejected fails, records nothing, and still writes the rejects")
    func lenientNothingValid() throws {
        let dir = try CLI.temporaryDirectory()
        let registry = dir.appendingPathComponent("r.sqlite").path
        // A valid filing first, so that the registry exists and a stray empty filing would show.
        let good = try Self.write(Self.filing("good", #"<firm uscc="\#(Self.uscc(9))" name="己" region="430211"/>"#), "good.xml", in: dir)
        #expect(try CLI.run(["load", good, "--registry", registry]).status == 0)
        let path = try Self.write(Self.hopeless, "hopeless.xml", in: dir)
        let r = try CLI.run(["load", path, "--lenient", "--registry", registry])
        #expect(r.status == 1)
        #expect(r.stderr.contains("none of its records is valid"), "\(r.stderr)")
        #expect(!r.stderr.contains("--lenient"), "a lenient load is not told to load leniently")
        let rejects = dir.appendingPathComponent("hopeless.rejects.xml").path
        #expect(r.stderr.contains("3 rejected records of \(path) written to \(rejects)"))
        #expect(try String(contentsOfFile: rejects, encoding: .utf8).contains(#"founded="2020-13-01""#))
        #expect(try Self.filingCount(registry) == 1)
        // Strict, the same file fails alike, with no hint that lenient would help.
        let strict = try CLI.run(["load", path, "--registry", registry])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("none of its records is valid (3 errors)"))
        #expect(!strict.stderr.contains("--lenient"))
    }

    @Test("strict and lenient count the same rejects (they said 3 and 6)")
    func countsAgree() throws {
        let dir = try CLI.temporaryDirectory()
        let path = try Self.write(Self.mixed, "mixed.xml", in: dir)
        let strict = try CLI.run(["load", path, "--registry", dir.appendingPathComponent("s.sqlite").path])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("filing refused (5 errors)"), "\(strict.stderr)")
        #expect(strict.stderr.contains("Or load with --lenient"), "valid records remain, so lenient helps")
        let lenient = try CLI.run(["load", path, "--lenient", "--registry", dir.appendingPathComponent("l.sqlite").path])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("1 firm, 1 designation  5 rejected"), "\(lenient.stdout)")
        #expect(lenient.stderr.contains("5 rejected records of"))
    }

    @Test("the --lenient hint only where lenient helps; other remedies name their flags")
    func hints() throws {
        let dir = try CLI.temporaryDirectory()
        let registry = dir.appendingPathComponent("r.sqlite").path
        let broken = try Self.write("<filing", "broken.xml", in: dir)
        for extra in [[], ["--lenient"]] {
            let r = try CLI.run(["load", broken, "--registry", registry] + extra)
            #expect(r.status == 1)
            #expect(r.stderr.contains("filing refused (1 error)"))
            #expect(!r.stderr.contains("--lenient"), "a malformed file is not cured by --lenient: \(r.stderr)")
        }
        let first = try Self.write(Self.filing("same", #"<firm uscc="\#(Self.uscc(1))" name="甲" region="430211"/>"#), "first.xml", in: dir)
        let other = try Self.write(Self.filing("same", #"<firm uscc="\#(Self.uscc(1))" name="乙" region="430211"/>"#), "other.xml", in: dir)
        #expect(try CLI.run(["load", first, "--registry", registry]).status == 0)
        let conflict = try CLI.run(["load", other, "--registry", registry])
        #expect(conflict.status == 1)
        #expect(conflict.stderr.contains("--replace") && !conflict.stderr.contains("--lenient"), "\(conflict.stderr)")
        // A failed check character offers --accept-bad-uscc, beside its record.
        let bad = try Self.write(Self.filing("bad", #"<firm uscc="\#(Self.badCheck(7))" name="庚" region="430211"/>"#), "bad.xml", in: dir)
        let r = try CLI.run(["load", bad, "--registry", registry])
        #expect(r.stderr.contains("is not a valid USCC") && r.stderr.contains("load with --accept-bad-uscc"))
        let notes = try Self.write("a,b\n1,2\n", "notes.csv", in: dir)
        #expect(try CLI.run(["load", notes, "--registry", registry]).stderr.contains("--kind park|firm"))
    }
}
