import Core
import Foundation
import RegistryTesting
import Testing

/// `regctl export --as xlsx`: one workbook per filing and kind, with the CSV export's sidecar, that loads
/// back into the same registry state; exporting again changes no byte.
@Suite("export --as xlsx loads back to the same registry")
struct XLSXExportTests {
    /// The filings a registry holds, without what depends on the load (sequence, source, hash, time).
    static func filings(_ registry: String) throws -> [[String]] {
        let r = try CLI.run(["filings", "--format", "json", "--registry", registry])
        try #require(r.status == 0, "\(r.stderr)")
        return try CLI.rows(r.stdout, columns: ["id", "authority", "issued", "title", "records"]).sorted { $0[0] < $1[0] }
    }

    @Test("the samples exported as workbooks load into an empty registry: the same filings, records and answers", arguments: Backend.testable)
    func roundTrip(backend: Backend) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try SampleRegistry.registry(backend).location
        let out = dir.appendingPathComponent("xlsx")
        let export = try CLI.run(["export", out.path, "--as", "xlsx", "--registry", source])
        #expect(export.status == 0, "\(export.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(names.contains { $0.hasPrefix("designations-") && $0.hasSuffix(".xlsx") })
        #expect(!names.contains { $0.hasSuffix(".csv") || $0.hasSuffix(".xml") })
        #expect(names.filter { $0.hasSuffix(".xlsx") }.allSatisfy { names.contains($0 + ".meta.json") })

        let copy = try backend.makeLocation(in: dir)
        let load = try CLI.run(["load", out.path, "--registry", copy])
        #expect(load.status == 0, "\(load.stderr)")

        // The same filings with the same records, kind by kind, as the CSV export gives (which states
        // each filing's current facts, as this one does).
        let csv = dir.appendingPathComponent("csv")
        #expect(try CLI.run(["export", csv.path, "--as", "csv", "--registry", source]).status == 0)
        let reference = dir.appendingPathComponent("csv.sqlite").path
        #expect(try CLI.run(["load", csv.path, "--registry", reference]).status == 0)
        let fromWorkbooks = try Self.filings(copy)
        #expect(!fromWorkbooks.isEmpty)
        let fromCSV = try Self.filings(reference)
        #expect(fromWorkbooks == fromCSV)

        // The same answers as the registry exported.
        let questions: [[String]] = Expected.value.queries.map(\.args) + [
            ["rank", "--cumulative", "--planned-cities", "separate"],
            ["rank", "--by", "incubator", "--level", "provincial", "--within", "4302"],
            ["firms", "--unresolved", "--limit", "5000"],
            ["firms", "--limit", "100000"],
        ]
        for q in questions {
            let a = try CLI.run(q + ["--format", "json", "--registry", source]).stdout
            let b = try CLI.run(q + ["--format", "json", "--registry", copy]).stdout
            let columns = q[0] == "firms" ? ["uscc", "name", "region", "park"] : ["rank", "code", "name", "count"]
            let rows = try CLI.rows(a, columns: columns)
            #expect(!rows.isEmpty, "\(q)")
            #expect(try rows == CLI.rows(b, columns: columns), "\(q)")
        }
        // Annual reports, incubations and transfers: the plugins that read them answer alike.
        for q in [["growth"], ["transfers"], ["incubators"]] {
            let a = try CLI.run(q + ["--format", "csv", "--registry", source])
            let b = try CLI.run(q + ["--format", "csv", "--registry", copy])
            #expect(a.status == 0 && a.stdout == b.stdout, "\(q): \(a.stderr)")
        }
    }

    @Test("exporting again into the folder writes the same bytes, and loading it again changes nothing")
    func idempotent() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(try SampleRegistry.run(["export", out.path, "--as", "xlsx"]).status == 0)
        func snapshot() throws -> [String: Data] {
            Dictionary(uniqueKeysWithValues: try FileManager.default.contentsOfDirectory(atPath: out.path).map {
                ($0, try Data(contentsOf: out.appendingPathComponent($0)))
            })
        }
        let first = try snapshot()
        let copy = dir.appendingPathComponent("copy.sqlite").path
        #expect(try CLI.run(["load", out.path, "--registry", copy]).status == 0)
        let again = try SampleRegistry.run(["export", out.path, "--as", "xlsx"])
        #expect(again.status == 0 && !again.stdout.contains("removed"), "\(again.stdout)")
        #expect(try snapshot() == first)
        let reload = try CLI.run(["load", out.path, "--registry", copy])
        #expect(reload.status == 0)
        #expect(!reload.stdout.contains("loaded  "), "every workbook is unchanged: \(reload.stdout)")
    }

    @Test("stored values become cells that read back as the same value")
    func cells() {
        #expect(Exporter.workbookCell(field: "uscc", value: "914302007453219174") == .text("914302007453219174"))
        #expect(Exporter.workbookCell(field: "region", value: "430211") == .text("430211"))
        #expect(Exporter.workbookCell(field: "year", value: "2024") == .number(2024))
        #expect(Exporter.workbookCell(field: "revenue", value: "1250000.50") == .money(1_250_000.5))
        #expect(Exporter.workbookCell(field: "revenue", value: "12345678901234567.5") == .text("12345678901234567.5"))
        #expect(Exporter.workbookCell(field: "signed", value: "2024-03-01") == .date(Day(year: 2024, month: 3, day: 1)!))
        #expect(Exporter.workbookCell(field: "recognized", value: "2019") == .text("2019"))
        #expect(Exporter.workbookCell(field: "batch", value: "6") == .text("6"))
    }
}
