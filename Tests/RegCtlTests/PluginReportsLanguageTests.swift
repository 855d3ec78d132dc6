import Foundation
import Testing
import Core
import Eligibility
@testable import regctl

/// Issue 17: the reports of growth, transfers, incubators, changes, screen and explain (and rank's and
/// profile's) in both languages — title, every note, every column title and chart label worded from the
/// plugin's catalogue; Chinese with no English word of any catalogue, English exactly as written.
@Suite("plugins' reports in Chinese and English")
struct PluginReportsLanguageTests {
    /// The words a Chinese reader must not meet in a report's words: every word of the merged
    /// catalogue's English (regctl's and every plugin's) that its Chinese does not use too (as a
    /// code, an option or a value).
    static let englishWords: Set<String> = {
        func words(_ language: Language) -> Set<String> {
            var out = Set<String>()
            for key in Words.catalogue.keys(in: language) {
                for w in Words.catalogue.words(key, in: language).split(whereSeparator: { !($0.isASCII && $0.isLetter) }) where w.count >= 3 {
                    out.insert(w.lowercased())
                }
            }
            return out
        }
        return words(.en).subtracting(words(.zh))
    }()

    /// English words of `text` (runs of ASCII letters, wherever they stand, beside Chinese too).
    static func leaks(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init).filter { englishWords.contains($0.lowercased()) }
    }

    static func chinese(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    /// The samples' registry, opened in this process.
    static func store() throws -> SQLiteStore {
        #expect(SampleRegistry.load.status == 0)
        return try SQLiteStore(path: SampleRegistry.path, create: false)
    }

    /// Each plugin with the views and options that reach its titles, notes and charts on the samples.
    static let runs: [(id: String, parameters: [String: String])] = [
        ("growth", [:]), ("growth", ["view": "high-growth"]), ("growth", ["view": "high-growth", "by": "firm", "within": "43", "top": "5"]),
        ("growth", ["metric": "employees", "by": "firm", "top": "3"]), ("growth", ["by": "all", "within": "43", "metric": "rd-expense"]),
        ("growth", ["view": "designations", "within": "43"]), ("growth", ["view": "designations", "level": "national", "exact": "true"]),
        ("growth", ["view": "pipeline"]), ("growth", ["view": "pipeline", "by": "incubator", "within": "zz-htz"]),
        ("transfers", [:]), ("transfers", ["by": "year", "stack": "channel", "within": "43"]), ("transfers", ["by": "mode", "top": "2"]),
        ("transfers", ["by": "province", "stack": "mode"]),
        ("incubators", [:]), ("incubators", ["view": "check"]), ("incubators", ["view": "overdue"]),
        ("incubators", ["by": "prefecture", "level": "provincial", "kind": "incubator", "within": "43"]),
        ("changes", [:]), ("changes", ["by": "park", "within": "43", "since": "2022-12-31"]), ("changes", ["view": "firms"]),
        ("screen", [:]), ("screen", ["program": "specialized-sme", "within": "43"]), ("screen", ["only": "pass"]),
        ("explain", ["unit": "43"]), ("explain", ["by": "park", "level": "provincial", "unit": "zz-htz"]),
        ("rank", ["by": "park", "within": "43", "level": "provincial", "cumulative": "true"]), ("profile", ["park": "zz-htz"]),
    ]

    static func report(_ id: String, _ parameters: [String: String], store: SQLiteStore) throws -> Report {
        let plugin = try #require(BuiltInPlugins.plugin(id: id))
        let (date, source) = try AsOf.resolve(nil, registry: store)
        return try plugin.run(PluginRequest(asOf: date, asOfSource: source, parameters: parameters), registry: store)
    }

    /// Every text of a report a reader reads (but its cells), named for the failure message.
    static func wordings(_ r: Report) -> [(what: String, wording: Wording)] {
        var out = [("title", r.wordedTitle)]
        for c in r.columns { out.append(("column \(c.name)", c.wordedTitle ?? Wording(c.name))) }
        for (i, n) in r.wordedNotes.enumerated() { out.append(("note \(i + 1)", n)) }
        if let chart = r.chart {
            if let l = chart.wordedValueLabel { out.append(("chart value label", l)) }
            if let l = chart.wordedCategoryLabel { out.append(("chart category label", l)) }
        }
        return out
    }

    @Test("under zh every title, note, column title and chart label is the plugin's message, in Chinese, with no English word of a catalogue")
    func chinese() throws {
        let store = try Self.store()
        let zh = Words(.zh)
        for (id, parameters) in Self.runs {
            let r = try Self.report(id, parameters, store: store)
            #expect(!r.wordedNotes.isEmpty, "\(id) \(parameters)")
            for (what, w) in Self.wordings(r) {
                #expect(w.message != nil, "\(id) \(parameters): \(what) '\(w.text)' has no message")
                let words = zh(w)
                #expect(Self.leaks(words).isEmpty, "\(id) \(parameters): \(what): \(Self.leaks(words)) in '\(words)'")
                if what == "title" || what.hasPrefix("note") { #expect(Self.chinese(words), "\(id) \(parameters): \(what) '\(words)'") }
            }
        }
    }

    @Test("under en the words are the text the report always had (what JSON, CSV and the plugins' tests read)")
    func english() throws {
        let store = try Self.store()
        let en = Words(.en)
        for (id, parameters) in Self.runs {
            for (what, w) in Self.wordings(try Self.report(id, parameters, store: store)) {
                #expect(en(w) == w.text, "\(id) \(parameters): \(what)")
            }
        }
    }

    @Test("a date in a note reads 2024年12月31日 under zh and 2024-12-31 under en; a count of 1,000 or more has separators in both")
    func datesAndCounts() throws {
        let store = try Self.store()
        let incubators = try Self.report("incubators", [:], store: store)
        let inIncubation = try #require(incubators.wordedNotes.first { $0.message?.key == "incubators.note.inIncubation" })
        #expect(Words(.zh)(inIncubation).hasPrefix("在孵企业（2024年12月31日）："))
        #expect(Words(.en)(inIncubation).hasPrefix("In incubation on 2024-12-31: "))
        let changes = try Self.report("changes", [:], store: store)
        let firms = try #require(changes.wordedNotes.first)
        #expect(firms.text.contains(": 1,331 on 2023-12-31, 1,339 on 2024-12-31; gained 25, lost 17, net +8."), "\(firms.text)")
        #expect(Words(.zh)(firms).contains("2023年12月31日 1,331 家，2024年12月31日 1,339 家"), "\(Words(.zh)(firms))")
        // Through the command line too: the table's notes under --lang zh.
        let table = try SampleRegistry.run(["growth", "--view", "pipeline", "--lang", "zh"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("· 5,754 家企业截至 2024年12月31日 曾入孵或获得省级及以上专精特新“小巨人”企业认定。"), "\(table.stdout)")
        let english = try SampleRegistry.run(["growth", "--view", "pipeline", "--lang", "en"])
        #expect(english.stdout.contains("· 5,754 firms entered incubation or were designated little-giant provincial or above by 2024-12-31."))
    }

    @Test("the table, the chart and the JSON: Chinese headings and axes under zh, JSON the same in both languages",
          arguments: [["growth", "--view", "high-growth"], ["transfers", "--by", "year", "--stack", "channel"], ["incubators", "--view", "check"],
                      ["changes"], ["screen"], ["explain", "43"]])
    func commandLine(_ arguments: [String]) throws {
        let zh = try SampleRegistry.run(arguments + ["--lang", "zh"])
        #expect(zh.status == 0, "\(zh.stderr)")
        // The title line, the headings and the notes (the rows hold names, codes and values).
        let lines = zh.stdout.split(separator: "\n").map(String.init)
        let words = [lines[0]] + lines.filter { $0.hasPrefix("· ") } + [lines[2]]
        for line in words { #expect(Self.leaks(line).isEmpty, "\(arguments): \(Self.leaks(line)) in \(line)") }
        #expect(try SampleRegistry.run(arguments + ["--lang", "zh", "--format", "json"]).stdout == SampleRegistry.run(arguments + ["--format", "json"]).stdout)
        if arguments[0] != "screen", arguments[0] != "explain" {
            let svg = try SampleRegistry.run(arguments + ["--lang", "zh", "--format", "svg"])
            #expect(svg.status == 0, "\(svg.stderr)")
            let texts = XMLCheck.parse(svg.stdout).check.texts
            for t in texts { #expect(Self.leaks(t).isEmpty, "\(arguments): svg text '\(t)'") }
        }
    }

    @Test("the HTML report under zh has no English sentence in its growth, transfers and incubators sections")
    func htmlReport() throws {
        let page = try ReportLanguageTests.page("zh")
        for id in ["growth", "transfers-year", "transfers-mode", "incubators-check", "incubators-parks"] {
            let start = try #require(page.range(of: "<section id=\"\(id)\">"), "\(id)")
            let end = try #require(page.range(of: "</section>", range: start.upperBound..<page.endIndex))
            let section = String(page[start.lowerBound..<end.upperBound])
            #expect(section.contains("<ul class=\"notes\">"), "\(id)")
            // Tags, the reproducing command and cells aside: headings, notes and the chart's words.
            let words = section.replacingOccurrences(of: "<code>[^<]*</code>", with: " ", options: .regularExpression)
                .replacingOccurrences(of: "<td[^>]*>[^<]*</td>", with: " ", options: .regularExpression)
                .replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            #expect(Self.leaks(words).isEmpty, "\(id): \(Self.leaks(words))")
        }
    }

    @Test("an error a plugin words reads in Chinese under zh, and as before in English")
    func errors() throws {
        let top = try SampleRegistry.run(["transfers", "--top", "0", "--lang", "zh"])
        #expect(top.status == 64)
        #expect(top.stderr.contains("transfers：--top “0”无效；应为 1 或更大的数。"), "\(top.stderr)")
        let map = try SampleRegistry.run(["rank", "--chart", "map", "--by", "park", "--lang", "zh"])
        #expect(map.stderr.contains("地图每个省份一格，而不是每个园区一格"), "\(map.stderr)")
        let unit = try SampleRegistry.run(["explain", "--by", "park", "zz-hzt", "--lang", "zh"])
        #expect(unit.status == 64)
        #expect(unit.stderr.contains("explain：此排名中没有园区“zz-hzt”") && unit.stderr.contains("您是否想输入 zz-htz"), "\(unit.stderr)")
        let screen = try SampleRegistry.run(["screen", "--uscc", "91430200000000000X", "--lang", "zh"])
        #expect(screen.stderr.contains("未载入统一社会信用代码为"), "\(screen.stderr)")
        let english = try SampleRegistry.run(["transfers", "--top", "0"])
        #expect(english.stderr.contains("transfers: --top '0' is not valid; expected a number of 1 or more."), "\(english.stderr)")
        let growth = try SampleRegistry.run(["growth", "--view", "pipeline", "--from", "2020", "--lang", "zh"])
        #expect(growth.stderr.contains("--view pipeline 下不适用"), "\(growth.stderr)")
    }

    @Test("screen's criteria: the catalogue's English is the criteria set's, and the Chinese is the measures' wording")
    func criteria() {
        let c = Words.catalogue
        for (key, english) in ScreenPlugin.criteriaWords {
            #expect(c.words(key, in: .en) == english, "\(key)")
            #expect(Self.chinese(c.words(key, in: .zh)) && Self.leaks(c.words(key, in: .zh)).isEmpty, "\(key)")
        }
        #expect(c.words("screen.criterion.miit-2022.little-giant.main_revenue_share", in: .zh) == "主营业务收入占比")
    }
}
