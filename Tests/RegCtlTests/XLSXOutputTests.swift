import Core
import Foundation
import Ranking
import Testing
@testable import regctl

/// `--format xlsx -o FILE` (issue #15, Excel out): the workbook a report becomes, read back with regctl's
/// own reader and, when it is installed, with openpyxl; `-o` for the text formats; `--bom`.
@Suite("Excel out: --format xlsx -o, -o, --bom")
struct XLSXOutputTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The workbook's sheets, each as its rows of typed cells keyed by column (1-based).
    static func read(_ path: String) throws -> [String: [[CellValue?]]] {
        var reader = try WorkbookReader(path: path, displayName: "out.xlsx")
        var out: [String: [[CellValue?]]] = [:]
        for sheet in reader.sheets {
            let rows = try reader.rows(of: sheet)
            let width = rows.map { $0.cells.last?.column ?? 0 }.max() ?? 0
            out[sheet.name] = rows.map { row in (1...max(width, 1)).map { row.value(column: $0) } }
        }
        return out
    }

    @Test("rank --format xlsx -o: header of titles, integers as numbers, codes as text, the as-of date and notes on a second sheet")
    func rankWorkbook() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("rank.xlsx").path
        let q = ["rank", "--level", "provincial", "--by", "county", "--within", "43"]
        let r = try SampleRegistry.run(q + ["--format", "xlsx", "-o", file])
        #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
        let report = try Self.json(SampleRegistry.run(q + ["--format", "json"]).stdout)
        let rows = try #require(report["rows"] as? [[String: Any]])
        let book = try Self.read(file)
        let table = try #require(book[XLSXRenderer.tableSheet])
        #expect(table[0] == ["rank", "code", "name", "count"].map { .text($0) })
        #expect(table.count == rows.count + 1 && rows.count > 3)
        for (row, expected) in zip(table.dropFirst(), rows) {
            let rank = try #require(expected["rank"] as? Int), count = try #require(expected["count"] as? Int)
            let code = try #require(expected["code"] as? String), name = try #require(expected["name"] as? String)
            #expect(row[0] == .number(Double(rank)))
            // A region code is text, never the number it looks like.
            #expect(row[1] == .text(code))
            #expect(row[2] == .text(name))
            #expect(row[3] == .number(Double(count)))
        }
        let about = try #require(book[XLSXRenderer.aboutSheet])
        let title = try #require(report["title"] as? String), source = try #require(report["as_of_source"] as? String)
        let asOf = try #require(Day(report["as_of"] as? String ?? ""))
        #expect(about[0] == [.text("title"), .text(title)])
        #expect(about[1] == [.text("as of"), .date(asOf)])
        #expect(about[2] == [.text("as of source"), .text(source)])
        let notes = about.filter { $0.first == .text("note") }.map { $0[1] }
        let filings = about.filter { $0.first == .text("filing") }.map { $0[1] }
        #expect(notes == (report["notes"] as? [String] ?? []).map { .text($0) })
        #expect(filings == (report["filings"] as? [String] ?? []).map { .text($0) } && !filings.isEmpty)
    }

    @Test("under --lang zh the workbook is Chinese: sheet names, headings, labels, title, notes and worded cells; numbers and codes the same")
    func chineseWorkbook() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let q = ["incubators", "--view", "check", "--within", "zz-htz"]
        let zhFile = dir.appendingPathComponent("zh.xlsx").path, enFile = dir.appendingPathComponent("en.xlsx").path
        for (lang, file) in [("zh", zhFile), ("en", enFile)] {
            let r = try SampleRegistry.run(q + ["--format", "xlsx", "-o", file, "--lang", lang])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let zh = try Self.read(zhFile), en = try Self.read(enFile)
        #expect(Set(zh.keys) == ["报告", "说明"] && Set(en.keys) == ["Report", "About"])
        let zhTable = try #require(zh["报告"]), enTable = try #require(en["Report"])
        func han(_ c: CellValue?) -> Bool { if case .text(let s) = c { s.contains { ("\u{4E00}"..."\u{9FFF}").contains($0) } } else { false } }
        func ascii(_ c: CellValue?) -> Bool { if case .text(let s) = c { s.contains { $0.isASCII && $0.isLetter } } else { false } }
        // Headings are Chinese (≥50 and m² are figures and units).
        #expect(zhTable[0].filter(han).count > zhTable[0].count / 2, "\(zhTable[0])")
        #expect(!zhTable[0].contains { c in if case .text(let s) = c { s.contains { $0.isASCII && $0.isLetter && $0 != "m" } } else { false } }, "\(zhTable[0])")
        #expect(!enTable[0].contains(where: han), "\(enTable[0])")
        #expect(zhTable.count == enTable.count)
        // Same numbers; the verdict column's words in the reader's language.
        for (z, e) in zip(zhTable.dropFirst(), enTable.dropFirst()) {
            for (a, b) in zip(z, e) {
                if case .number = b { #expect(a == b) }
            }
            #expect(z.contains { c in if case .text(let s) = c { ["通过", "未通过", "不适用"].contains(s) } else { false } })
        }
        let about = try #require(zh["说明"])
        #expect(about.map { $0.first ?? nil }.contains(.text("标题")) && about.map { $0.first ?? nil }.contains(.text("截至")))
        #expect(about.allSatisfy { !ascii($0.first ?? nil) })
        #expect(han(about.first?[1]))
    }

    @Test("filings and transfers as workbooks: dates as dates, money as numbers, USCC-length codes as text")
    func typesOfCells() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let filingsFile = dir.appendingPathComponent("filings.xlsx").path
        #expect(try SampleRegistry.run(["filings", "--format", "xlsx", "-o", filingsFile]).status == 0)
        let filings = try #require(try Self.read(filingsFile)[XLSXRenderer.tableSheet])
        let issued = try #require(filings[0].firstIndex(of: .text("issued")))
        #expect(filings.dropFirst().contains { if case .date = $0[issued] { true } else { false } })
        #expect(filings.dropFirst().allSatisfy { if case .number = $0[issued] { false } else { true } })
        let sha = try #require(filings[0].firstIndex(of: .text("sha256")))
        #expect(filings.dropFirst().allSatisfy { if case .text(let s) = $0[sha] { s.count == 64 } else { false } }, "the whole hash, not the table's prefix")

        let transfersFile = dir.appendingPathComponent("transfers.xlsx").path
        let t = try SampleRegistry.run(["transfers", "--format", "xlsx", "-o", transfersFile])
        #expect(t.status == 0, "\(t.stderr)")
        let table = try #require(try Self.read(transfersFile)[XLSXRenderer.tableSheet])
        let total = try #require(table[0].firstIndex(of: .text("total value")))
        #expect(table.dropFirst().allSatisfy { if case .number = $0[total] { true } else { $0[total] == nil } })

        let firmsFile = dir.appendingPathComponent("firms.xlsx").path
        #expect(try SampleRegistry.run(["firms", "--format", "xlsx", "-o", firmsFile]).status == 0)
        let firms = try #require(try Self.read(firmsFile)[XLSXRenderer.tableSheet])
        #expect(firms.dropFirst().allSatisfy { if case .text(let s) = $0[0] { s.count == 18 || s == "(none)" } else { false } })
    }

    @Test("an external plugin's report becomes a workbook as a built-in one's does")
    func externalPlugin() throws {
        try ExternalPATH.requirePython()
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("density.xlsx").path
        let env = ExternalPATH.environment([CLI.root.appendingPathComponent("samples/plugins")])
        let r = try CLI.run(["giants-density", "--format", "xlsx", "-o", file, "--registry", SampleRegistry.path], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try Self.json(CLI.run(["giants-density", "--format", "json", "--registry", SampleRegistry.path], environment: env).stdout)
        let rows = try #require(report["rows"] as? [[String: Any]])
        let book = try Self.read(file)
        let table = try #require(book[XLSXRenderer.tableSheet])
        #expect(table.count == rows.count + 1 && !rows.isEmpty)
        #expect(table.dropFirst().allSatisfy { if case .text = $0[0] { true } else { false } }, "region codes as text")
        #expect(table.dropFirst().allSatisfy { if case .number = $0[2] { true } else { false } })
        let about = try #require(book[XLSXRenderer.aboutSheet])
        #expect(about.contains { $0.first == .text("note") })
    }

    @Test("openpyxl reads the workbook: bold frozen header, fitted widths, number formats, the second sheet")
    func openpyxl() throws {
        guard (try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", "import openpyxl"]).waitAndStatus()) == 0 else {
            print("XLSXOutputTests.openpyxl: skipped, python3 with openpyxl is not installed (pip install openpyxl)")
            return
        }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("t.xlsx").path
        #expect(try SampleRegistry.run(["transfers", "--format", "xlsx", "-o", file]).status == 0)
        let filingsFile = dir.appendingPathComponent("f.xlsx").path
        #expect(try SampleRegistry.run(["filings", "--format", "xlsx", "-o", filingsFile]).status == 0)
        let script = """
            import json, sys, openpyxl
            out = {}
            for path in sys.argv[1:]:
                wb = openpyxl.load_workbook(path)
                ws = wb.worksheets[0]
                header = [c.value for c in ws[1]]
                out[path] = {
                    "sheets": wb.sheetnames,
                    "freeze": ws.freeze_panes,
                    "bold": [c.font.b for c in ws[1]],
                    "body_bold": any(c.font.b for c in ws[2]),
                    "header": header,
                    "widths": {k: v.width for k, v in ws.column_dimensions.items()},
                    "types": {h: sorted({r[i].data_type for r in ws.iter_rows(min_row=2) if r[i].value is not None}) for i, h in enumerate(header)},
                    "formats": {h: sorted({r[i].number_format for r in ws.iter_rows(min_row=2) if r[i].value is not None}) for i, h in enumerate(header)},
                    "dates": {h: all(r[i].is_date for r in ws.iter_rows(min_row=2) if r[i].value is not None) for i, h in enumerate(header)},
                    "about": [[c.value if not hasattr(c.value, "isoformat") else c.value.date().isoformat() for c in r] for r in wb.worksheets[1].iter_rows()],
                }
            print(json.dumps(out))
            """
        let p = try CLI.runProcess("/usr/bin/env", ["python3", "-c", script, file, filingsFile])
        #expect(p.status == 0, "\(p.stderr)")
        let all = try Self.json(p.stdout)
        let t = try #require(all[file] as? [String: Any])
        #expect(t["sheets"] as? [String] == ["Report", "About"])
        #expect(t["freeze"] as? String == "A2")
        #expect((t["bold"] as? [Bool])?.allSatisfy { $0 } == true)
        #expect(t["body_bold"] as? Bool == false)
        let types = try #require(t["types"] as? [String: [String]])
        #expect(types["code"] == ["s"] && types["transfers"] == ["n"] && types["total value"] == ["n"])
        let formats = try #require(t["formats"] as? [String: [String]])
        #expect(formats["total value"] == ["#,##0.00"])
        let widths = try #require(t["widths"] as? [String: Double])
        // The name column holds Chinese names: wider than the code column of six digits.
        let nameWidth = try #require(widths["C"]), codeWidth = try #require(widths["B"])
        #expect(nameWidth > 2 * 6 && codeWidth < 12, "\(widths)")
        let about = try #require(t["about"] as? [[Any]])
        #expect(about.count >= 3 && about[1].first as? String == "as of" && (about[1].last as? String)?.count == 10)

        let f = try #require(all[filingsFile] as? [String: Any])
        let dates = try #require(f["dates"] as? [String: Bool])
        #expect(dates["issued"] == true && dates["id"] == false)
    }

    @Test("a workbook is not written to a terminal: the error says to add -o; a pipe gets it")
    func terminalRefused() throws {
        // A pipe or a redirection gets the bytes.
        let piped = try SampleRegistry.run(["filings", "--format", "xlsx"])
        #expect(piped.status == 0 && piped.stdout.utf8.starts(with: Array("PK".utf8)), "\(piped.stderr)")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("XLSXOutputTests.terminalRefused: terminal half skipped, no /usr/bin/script to give regctl a terminal")
            return
        }
        for command in [["filings"], ["rank"], ["plugins"]] {
            let line = ([CLI.executable.path] + command + ["--format", "xlsx", "--registry", SampleRegistry.path]).joined(separator: " ")
            let r = try CLI.runProcess("/usr/bin/script", ["-qec", line, "/dev/null"])
            #expect(r.status == 64, "\(command): \(r.stdout)")
            #expect(r.stdout.contains("add -o FILE"), "\(command): \(r.stdout)")
            #expect(!r.stdout.contains("PK\u{3}\u{4}"))
        }
    }

    @Test("-o writes the text formats to a file, the table uncut; --bom begins CSV with a byte-order mark, and only CSV")
    func outputAndBOM() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in ["csv", "json", "md", "table"] {
            let file = dir.appendingPathComponent("f.\(format)").path
            let r = try SampleRegistry.run(["firms", "--limit", "5", "--format", format, "-o", file])
            #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
            let printed = try SampleRegistry.run(["firms", "--limit", "5", "--format", format]).stdout
            #expect(try String(contentsOfFile: file, encoding: .utf8) == printed, "\(format)")
        }
        let svg = dir.appendingPathComponent("rank.svg").path
        #expect(try SampleRegistry.run(["rank", "--format", "svg", "--output", svg]).status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg") || String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<?xml"))

        let plain = try SampleRegistry.run(["rank", "--format", "csv"]).stdout
        let bom = try SampleRegistry.run(["rank", "--format", "csv", "--bom"])
        #expect(bom.status == 0)
        let file = dir.appendingPathComponent("rank.csv")
        #expect(try SampleRegistry.run(["filings", "--format", "csv", "--bom", "-o", file.path]).status == 0)
        #expect(try Data(contentsOf: file).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(bom.stdout == "\u{FEFF}" + plain)
        for args in [["rank", "--format", "json", "--bom"], ["filings", "--bom"]] {
            let r = try SampleRegistry.run(args)
            #expect(r.status == 64 && r.stderr.contains("--bom is for --format csv"), "\(args): \(r.stderr)")
        }
    }

    @Test("the CSV loader reads a filing that begins with a byte-order mark as it reads one without")
    func loaderAcceptsBOM() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        #expect(try SampleRegistry.run(["export", out.path, "--as", "csv"]).status == 0)
        // The same folder with every CSV file beginning with a byte-order mark, as Excel saves "CSV UTF-8".
        let bomDir = dir.appendingPathComponent("bom")
        try FileManager.default.copyItem(at: out, to: bomDir)
        try FileManager.default.removeItem(at: bomDir.appendingPathComponent(Exporter.manifestName))
        var marked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: bomDir.path) where name.hasSuffix(".csv") {
            let url = bomDir.appendingPathComponent(name)
            try (Data([0xEF, 0xBB, 0xBF]) + Data(contentsOf: url)).write(to: url)
            marked += 1
        }
        #expect(marked > 3)
        let a = try CLI.run(["load", out.path, "--registry", dir.appendingPathComponent("a.sqlite").path])
        let b = try CLI.run(["load", bomDir.path, "--registry", dir.appendingPathComponent("b.sqlite").path])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) | \(b.stderr)")
        let fa = try CLI.run(["filings", "--format", "json", "--registry", dir.appendingPathComponent("a.sqlite").path]).stdout
        let fb = try CLI.run(["filings", "--format", "json", "--registry", dir.appendingPathComponent("b.sqlite").path]).stdout
        #expect(try CLI.rows(fa, columns: ["id", "records"]) == CLI.rows(fb, columns: ["id", "records"]))
        #expect(try CLI.rows(fa, columns: ["id"]).count == marked)
    }
}

extension Process {
    /// Waits and returns the exit status.
    func waitAndStatus() -> Int32 {
        waitUntilExit()
        return terminationStatus
    }
}

extension CLI {
    /// Runs another program (python3, script) with its output captured.
    static func runProcess(_ executable: String, _ arguments: [String]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = root
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("proc-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}

/// The web's requests are parsed by the plugin runner too; until the server serves workbooks itself
/// (it would need its own response, not a file), a request cannot make it write one or any file.
@Suite("Excel out: what only the command line may ask")
struct XLSXWebGuardTests {
    @Test("only the command line takes --format xlsx, -o, --output and --bom", arguments: [
        ["--format", "xlsx"], ["--output=/tmp/x.csv"], ["-o", "/tmp/x.csv"], ["--bom", "--format", "csv"],
    ])
    func webCannotWrite(_ arguments: [String]) throws {
        let runner = PluginRunner(plugin: .builtIn(RankPlugin()))
        #expect(throws: (any Error).self) { try runner.parse(arguments) }
        let local = try runner.parse(arguments + (arguments.contains("-o") || arguments.contains { $0.hasPrefix("--output") } || arguments.contains("--format") ? [] : ["-o", "/tmp/x"]), commandLine: true)
        #expect(local.workbook || local.file != nil || local.bom)
    }
}
