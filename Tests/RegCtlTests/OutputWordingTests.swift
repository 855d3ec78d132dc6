import Core
import Foundation
import Testing
@testable import regctl

/// Defect 13: what regctl says about an empty registry, counts in English, and tables that keep codes whole.
@Suite("output wording: empty registries, plurals, codes kept whole")
struct OutputWordingTests {
    /// A registry that held one filing, retracted: empty, but a registry.
    private static func emptyRegistry(in dir: URL) throws -> String {
        let registry = dir.appendingPathComponent("empty.sqlite").path
        #expect(try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", registry, "-q"]).status == 0)
        #expect(try CLI.run(["filings", "retract", "HN-FGW-2022-PARKS", "--registry", registry]).status == 0)
        return registry
    }

    @Test("an empty registry says it holds no filings and claims no newest filing's date")
    func emptyRegistry() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = try Self.emptyRegistry(in: dir)
        for command in [["filings"], ["firms"], ["rank"], ["incubators"], ["check"], ["filings", "--format", "json"], ["rank", "--format", "md"]] {
            let r = try CLI.run(command + ["--registry", registry])
            #expect(r.status == 0, "\(command): \(r.stderr)")
            #expect(!r.stdout.contains("newest filing"), "\(command): \(r.stdout)")
        }
        #expect(try CLI.run(["filings", "--registry", registry]).stdout.contains("0 filings, 0 records."))
        #expect(try CLI.run(["rank", "--registry", registry]).stdout.contains("(today; no filings loaded)"))
        #expect(try CLI.run(["check", "--registry", registry]).stdout.contains("schema: current; 0 filings, 0 records"))
    }

    @Test("counts of one are singular: 1 filing, 1 record, 1 firm")
    func plurals() throws {
        #expect(Plural.of(0, "filing") == "0 filings")
        #expect(Plural.of(1, "firm") == "1 firm")
        #expect(Plural.of(2, "firm") == "2 firms")
        #expect(Plural.of(1, "entry", "entries") == "1 entry" && Plural.of(3, "entry", "entries") == "3 entries")
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("one.sqlite").path
        #expect(try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", registry, "-q"]).status == 0)
        #expect(try CLI.run(["check", "--registry", registry]).stdout.contains("schema: current; 1 filing, 14 records\n"))
        #expect(try CLI.run(["filings", "--registry", registry]).stdout.contains("1 filing, 14 records."))
        let firm = try SampleRegistry.run(["firms", "--name", "上海启晟自动化"])
        #expect(firm.stdout.contains("· 1 firm.\n"), "\(firm.stdout)")
    }

    @Test("load's lines and summary, and plugins' notes, say 1 record, 1 firm")
    func pluralsOfLoadAndPlugins() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = dir.appendingPathComponent("firms-one.csv")
        try Data("uscc,name,region\n91310115329776453F,上海启晟自动化科技有限公司,310115\n".utf8).write(to: one)
        let bad = dir.appendingPathComponent("firms-bad.csv")
        try Data("uscc,name,region\n914403001922038217,坏码公司,440300\n".utf8).write(to: bad)
        let load = try CLI.run(["load", one.path, bad.path, "--registry", dir.appendingPathComponent("r.sqlite").path])
        #expect(load.stdout.contains("  1 firm  0 rejected  "), "\(load.stdout)")
        #expect(load.stdout.contains("1 of 2 files loaded or unchanged; 1 record in "), "\(load.stdout)")
        #expect(load.stderr.contains("(1 error)"), "\(load.stderr)")
        let parks = try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", dir.appendingPathComponent("p.sqlite").path])
        #expect(parks.stdout.contains("  14 parks  0 rejected  "), "\(parks.stdout)")
        // A plugin's note: explain lists one firm for a unit with one.
        let explain = try SampleRegistry.run(["explain", "--by", "park", "--within", "43", "hh-htz"])
        #expect(explain.stdout.contains("· 1 distinct firm: rank 12 with count 1 in `regctl rank` with the same options; 1 qualifying designation from 1 filing.\n"), "\(explain.stdout)")
    }

    @Test("a table shortened to the terminal cuts names, never USCCs, ids or numbers")
    func codesKeptWhole() {
        let report = Report(title: "screen", asOf: Day.startOf(year: 2024), asOfSource: "--as-of",
                            columns: [.init("uscc", .text), .init("name", .text), .init("park", .text), .init("verdict", .text), .init("count", .integer)],
                            rows: [[.text("91310115329776453F"), .text("上海启晟自动化科技有限公司"), .text("zz-htz"), .text("not eligible: R&D below 3%"), .integer(12345)],
                                   [.text("914302007121234556"), .text("株洲某某科技股份有限公司"), .text(""), .text("eligible"), .integer(7)]])
        let text = TableFormat(maxWidth: 60).render(report)
        for code in ["91310115329776453F", "914302007121234556", "zz-htz", "12345"] { #expect(text.contains(code), "\(code) cut:\n\(text)") }
        #expect(text.contains("…"), "the names are what is shortened")
        #expect(TableFormat.isCode("91310115329776453F") && TableFormat.isCode("HN-GXT-2021-12") && TableFormat.isCode("2024-12-31"))
        #expect(!TableFormat.isCode("株洲高新区") && !TableFormat.isCode("not eligible"))
    }
}
