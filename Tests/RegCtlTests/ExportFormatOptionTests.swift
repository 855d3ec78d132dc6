import Foundation
import Testing

/// `regctl export --format xlsx`, as the issue and every other command spell the choice, is `--as xlsx`.
@Suite struct ExportFormatOptionTests {
    @Test("export --format xlsx writes what --as xlsx writes; its help names xlsx in both languages")
    func formatIsAs() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("as").path, b = dir.appendingPathComponent("format").path
        let r1 = try SampleRegistry.run(["export", a, "--as", "xlsx"])
        let r2 = try SampleRegistry.run(["export", b, "--format", "xlsx"])
        #expect(r1.status == 0 && r2.status == 0, "\(r1.stderr) \(r2.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: a).sorted()
        #expect(files.contains { $0.hasSuffix(".xlsx") })
        #expect(files == (try FileManager.default.contentsOfDirectory(atPath: b).sorted()))
        for f in files where f.hasSuffix(".xlsx") {
            #expect(FileManager.default.contents(atPath: "\(a)/\(f)") == FileManager.default.contents(atPath: "\(b)/\(f)"), "\(f)")
        }
        #expect(try CLI.run(["export", "--help"]).stdout.contains("xml, csv or xlsx"))
        #expect(try CLI.run(["export", "--help", "--lang", "zh"]).stdout.contains("Excel 工作簿"))
    }
}
