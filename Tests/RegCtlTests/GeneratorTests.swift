import Foundation
import Testing

/// regctl-gen (benchmarks/): its output loads without a single error in both forms, the XML and the CSV
/// form give the same answers, those answers are the ones the generator computed itself, and two runs
/// write the same bytes.
@Suite struct GeneratorTests {
    static let generator: URL = CLI.executable.deletingLastPathComponent().appendingPathComponent("regctl-gen")

    static func generate(_ firms: Int, into dir: URL) throws {
        let p = Process()
        p.executableURL = generator
        p.arguments = ["--firms", String(firms), "--out", dir.path, "--quiet"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// `regctl rank --format csv` as rank,code,count lines, the generator's format.
    static func rank(_ registry: String) throws -> [String] {
        let r = try CLI.run(["rank", "--format", "csv", "--registry", registry])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(whereSeparator: \.isNewline).map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(f[0]),\(f[1]),\(f[3])"
        }
    }

    static func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    }

    @Test func loadsCleanlyAndAgreesWithItself() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("gen")
        try Self.generate(4_000, into: data)
        let expected = try Self.lines(data.appendingPathComponent("aux/expected-rank.csv"))
        let expectedSecond = try Self.lines(data.appendingPathComponent("aux/expected-rank-second.csv"))
        #expect(expected.count > 10)

        for form in ["xml", "csv"] {
            let registry = dir.appendingPathComponent("\(form).sqlite").path
            let first = try CLI.run(["load", data.appendingPathComponent(form).path, "--registry", registry])
            #expect(first.status == 0, "\(form): \(first.stderr)")
            #expect(first.stderr.isEmpty, "\(form): \(first.stderr)")
            #expect(try Self.rank(registry) == expected, "\(form)")

            let second = try CLI.run(["load", data.appendingPathComponent("second/\(form)").path, "--registry", registry])
            #expect(second.status == 0 && second.stderr.isEmpty, "\(form), second filing: \(second.stderr)")
            #expect(try Self.rank(registry) == expectedSecond, "\(form), after the second filing")
            let check = try CLI.run(["check", "--registry", registry])
            #expect(check.status == 0, "\(form): \(check.stdout) \(check.stderr)")
        }

        let again = dir.appendingPathComponent("again")
        try Self.generate(4_000, into: again)
        for file in ["xml/filing.xml", "csv/firms.csv", "csv/designations.csv", "csv/annual-reports.csv",
                     "second/xml/designations-2025.xml", "aux/expected-rank.csv"] {
            #expect(FileManager.default.contents(atPath: data.appendingPathComponent(file).path)
                    == FileManager.default.contents(atPath: again.appendingPathComponent(file).path), "\(file) differs between runs")
        }
    }
}
