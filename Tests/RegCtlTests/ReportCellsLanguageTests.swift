import Foundation
import Testing
import Core
@testable import regctl

/// Issue 17, the last English under Chinese: cells that are words (a verdict, a reason, a finding, a
/// unit) read in the reader's language in tables, Markdown, charts and pages; JSON and CSV keep the
/// English they always had; a Chinese table stays aligned.
@Suite("words in report cells in Chinese and English")
struct ReportCellsLanguageTests {
    /// Columns whose cells are data — codes, ids, names, the profile's figure ids and Chinese labels —
    /// and read the same in both languages.
    static let dataColumns: Set<String> = ["uscc", "name", "code", "region", "unit", "filing", "incubator", "incubator_name", "firm", "figure",
                                           "label", "batch", "park"]

    /// Every cell of every plugin's report on the samples (the runs of ``PluginReportsLanguageTests``)
    /// with its column, named for a failure message.
    static func cells() throws -> [(what: String, value: Report.Value, column: Report.Column)] {
        let store = try PluginReportsLanguageTests.store()
        var out: [(String, Report.Value, Report.Column)] = []
        for (id, parameters) in PluginReportsLanguageTests.runs {
            let r = try PluginReportsLanguageTests.report(id, parameters, store: store)
            for (n, row) in r.rows.enumerated() {
                for (i, v) in row.enumerated() where i < r.columns.count {
                    out.append(("\(id) \(parameters) row \(n + 1) \(r.columns[i].name)", v, r.columns[i]))
                }
            }
        }
        return out
    }

    @Test("under zh no cell but codes, ids and names holds an English word of a catalogue, and every cell of words has a message")
    func chinese() throws {
        let zh = Words(.zh)
        let cells = try Self.cells()
        #expect(cells.contains { if case .words = $0.value { true } else { false } }, "the plugins word some cells")
        for (what, v, c) in cells {
            if case .words(let w) = v { #expect(w.message != nil, "\(what): '\(w.text)' has no message") }
            guard !Self.dataColumns.contains(c.name) else { continue }
            let text = zh.cell(v, in: c, NumberStyle())
            #expect(PluginReportsLanguageTests.leaks(text).isEmpty, "\(what): \(PluginReportsLanguageTests.leaks(text)) in '\(text)'")
        }
    }

    @Test("under en every cell reads exactly as the report's text (what the plugins' tests, JSON and CSV read), but a Chinese label, in English")
    func english() throws {
        let en = Words(.en)
        for (what, v, c) in try Self.cells() {
            let text = NumberStyle().text(v, in: c), read = en.cell(v, in: c, NumberStyle())
            if ["label", "name"].contains(c.name), text.contains(where: { ("\u{4E00}"..."\u{9FFF}").contains($0) }), case .words(let w) = v, w.message != nil {
                // Profile's labels and transfers' units by mode are Chinese names as data (JSON, CSV); English readers read English.
                #expect(!read.contains(where: { ("\u{4E00}"..."\u{9FFF}").contains($0) }), "\(what): '\(read)'")
            } else {
                #expect(read == text, "\(what)")
            }
        }
    }

    @Test("a cell of words encodes as its English text, equals the plain text and hashes alike; a plain string decodes as text")
    func value() throws {
        let catalogue = try Catalogue(json: [.en: Array(#"{"k": "not eligible"}"#.utf8), .zh: Array(#"{"k": "不符合"}"#.utf8)], source: "test")
        let cell = Report.Value.words(Message("k"), catalogue: catalogue)
        #expect(cell.description == "not eligible")
        #expect(cell == .text("not eligible") && Set([cell, .text("not eligible")]).count == 1)
        #expect(cell != .text("eligible") && cell != .null)
        let json = String(decoding: try JSONEncoder().encode([cell]), as: UTF8.self)
        #expect(json == #"["not eligible"]"#)
        let decoded = try JSONDecoder().decode([Report.Value].self, from: Data(json.utf8))
        guard case .text("not eligible")? = decoded.first else { Issue.record("\(decoded)"); return }
        #expect(Words(.zh, catalogue: catalogue).cell(cell, in: Report.Column("verdict", .text), NumberStyle()) == "不符合")
        #expect(Words(.en, catalogue: catalogue).cell(cell, in: Report.Column("verdict", .text), NumberStyle()) == "not eligible")
        // An external plugin's cell may carry its message, as its notes may.
        let object = try JSONDecoder().decode(Report.Value.self, from: Data(#"{"text": "not eligible", "message": {"key": "k"}}"#.utf8))
        guard case .words(let w) = object else { Issue.record("\(object)"); return }
        #expect(w.message == Message("k") && Words(.zh, catalogue: catalogue).cell(object, in: Report.Column("verdict", .text), NumberStyle()) == "不符合")
    }

    static let commands: [[String]] = [
        ["screen"], ["screen", "--program", "specialized-sme", "--within", "43"], ["changes", "--view", "firms"], ["explain", "43"],
        ["growth", "--view", "high-growth", "--by", "firm", "--within", "43", "--top", "5"], ["growth", "--by", "all"],
        ["incubators", "--view", "check"], ["incubators", "--view", "overdue"], ["profile", "zz-htz"],
    ]

    @Test("JSON and CSV are byte for byte the same under zh and en", arguments: commands)
    func machineFormats(_ arguments: [String]) throws {
        for format in ["json", "csv"] {
            let zh = try SampleRegistry.run(arguments + ["--format", format, "--lang", "zh"])
            let en = try SampleRegistry.run(arguments + ["--format", format, "--lang", "en"])
            #expect(zh.status == 0 && en.status == 0, "\(arguments) \(format): \(zh.stderr)\(en.stderr)")
            #expect(zh.stdout == en.stdout, "\(arguments) \(format)")
        }
    }

    @Test("a Chinese table shows the cells' Chinese and stays aligned: every column starts at the same display column on every row",
          arguments: commands)
    func alignedTable(_ arguments: [String]) throws {
        let zh = try SampleRegistry.run(arguments + ["--lang", "zh"])
        #expect(zh.status == 0, "\(zh.stderr)")
        let lines = zh.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rule = try #require(lines.firstIndex { $0.hasPrefix("─") }, "\(zh.stdout)")
        // Column spans from the rule under the headings: runs of ─ separated by two spaces.
        var spans: [Range<Int>] = [], start = 0
        for run in lines[rule].components(separatedBy: "  ") {
            spans.append(start..<(start + run.count))
            start += run.count + 2
        }
        let rows = lines[(rule - 1)...].dropFirst(2).prefix { !$0.isEmpty }
        #expect(!rows.isEmpty)
        for line in [lines[rule - 1]] + rows {
            // The display column of each character's start; a gap between columns holds spaces only.
            var column = 0
            for ch in line {
                for span in spans.dropLast() where (span.upperBound..<(span.upperBound + 2)).contains(column) {
                    #expect(ch == " ", "\(arguments): '\(ch)' at column \(column) in a gap: \(line)")
                }
                column += DisplayWidth.of(String(ch))
            }
            #expect(column <= spans.last!.upperBound, "\(arguments): wider than the rule: \(line)")
        }
        let english = try SampleRegistry.run(arguments + ["--lang", "en"])
        #expect(english.stdout != zh.stdout)
    }

    @Test("screen's verdicts and findings, changes' reasons, growth's gazelles and explain's links in Chinese in the table")
    func chineseWords() throws {
        let screen = try SampleRegistry.run(["screen", "--lang", "zh"]).stdout
        #expect(screen.contains("不符合") && screen.contains("通过：") && screen.contains("未通过：") && screen.contains("主营业务收入"), "\(screen)")
        let changes = try SampleRegistry.run(["changes", "--view", "firms", "--lang", "zh"]).stdout
        #expect(changes.contains("新认定") && changes.contains("新增") && changes.contains("减少"), "\(changes)")
        let check = try SampleRegistry.run(["incubators", "--view", "check", "--lang", "zh"]).stdout
        #expect(check.contains("通过") && check.contains("孵化器"), "\(check)")
        let english = try SampleRegistry.run(["screen"]).stdout
        #expect(english.contains("not eligible") && english.contains("pass: "), "\(english)")
    }
}
