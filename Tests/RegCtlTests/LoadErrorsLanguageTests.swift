import Core
import Foundation
import Testing
@testable import regctl

/// Issue 17: what Core writes (load diagnostics, refusals of workbooks, contradictions, storage errors)
/// reads in the reader's language, its location intact: under `--lang zh` Chinese with no English word
/// of any catalogue (Core's or regctl's), codes, ids, field names and paths aside; under `--lang en` the
/// English it always printed.
@Suite("Core's words through the command line, in both languages")
struct LoadErrorsLanguageTests {
    /// Words of the English catalogues (Core's and regctl's) that the Chinese ones do not use too, less
    /// enumeration values and plugin names (``ChineseCommandsEndToEndTests/englishWords``, with Core's).
    static let englishWords: Set<String> = {
        func words(_ file: String) -> Set<String> {
            let url = CLI.root.appendingPathComponent(file)
            let object = (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any] ?? [:]
            var out = Set<String>()
            for value in object.values {
                let texts = (value as? String).map { [$0] } ?? ((value as? [String: String]).map { Array($0.values) } ?? [])
                for t in texts {
                    for w in t.split(whereSeparator: { !($0.isASCII && $0.isLetter) }) where w.count >= 3 { out.insert(w.lowercased()) }
                }
            }
            return out
        }
        let core = words("Sources/Core/Messages/en.json").subtracting(words("Sources/Core/Messages/zh.json"))
            .subtracting(words("Sources/regctl/Messages/zh.json"))
        var values: [String] = Level.allCases.map(\.rawValue) + ParkLevel.allCases.map(\.rawValue) + ParkKind.allCases.map(\.rawValue)
        values += Program.allCases.map(\.rawValue) + FirmStatus.allCases.map(\.rawValue) + IncubatorKind.allCases.map(\.rawValue)
        values += Intake.allCases.map(\.rawValue) + TransferMode.allCases.map(\.rawValue) + Channel.allCases.map(\.rawValue)
        values += RecordKind.allCases.map(\.rawValue) + DesignationStatus.allCases.map(\.rawValue)
        // Field names are ids of the filing format, as enumeration values are.
        values += RecordKind.allCases.flatMap(\.fields)
        let ids = Set(values.flatMap { $0.split(separator: "-").map { $0.lowercased() } })
        return ChineseCommandsEndToEndTests.englishWords.union(core).subtracting(ids)
    }()

    /// The English words of `text` a reader reads (tokens of letters only: paths, codes, ids and
    /// options hold other characters).
    static func leaks(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || "：；，。、（）“”".contains($0) }).compactMap { token -> String? in
            let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()[]'\"<>"))
            guard !word.isEmpty, word.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            return englishWords.contains(word.lowercased()) ? word : nil
        }
    }

    static func chinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    /// A temporary folder with `files` (name → content) written in it.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = try CLI.temporaryDirectory()
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    /// Runs `arguments` under both languages against a fresh registry each, and returns the two stderrs.
    static func both(_ arguments: [String], in dir: URL, setUp: [[String]] = []) throws -> (zh: CLI.Result, en: CLI.Result) {
        var results: [CLI.Result] = []
        for language in ["zh", "en"] {
            let registry = dir.appendingPathComponent("r-\(language).sqlite").path
            for s in setUp { _ = try CLI.run(s + ["--registry", registry], in: dir) }
            results.append(try CLI.run(arguments + ["--registry", registry, "--lang", language], in: dir))
        }
        return (results[0], results[1])
    }

    static let firm = "91430211MA4L0XXXX1"

    static let cases: [(name: String, files: [String: String], arguments: [String], location: String, english: String)] = [
        ("a bad XML header", ["a.xml": """
            <?xml version="1.0" encoding="UTF-8"?>
            <filing xmlns="urn:regctl:filing:1" id="x" authority="a" issued="2024-13-01">
            </filing>
            """], ["load", "a.xml"], "a.xml:2:", "a.xml:2:77: filing: issued '2024-13-01' is not a date; write YYYY-MM-DD"),
        ("text in an XML filing", ["b.xml": "<?xml version=\"1.0\"?>\n<filing xmlns=\"urn:regctl:filing:1\" id=\"x\" authority=\"a\" issued=\"2024-01-01\">\n文字</filing>\n"],
         ["load", "b.xml"], "b.xml:", "text content is not allowed in a filing; every field is an attribute of its record element"),
        ("a bad CSV", ["firms.csv": "uscc,name,region\n\"abc,1\n"], ["load", "firms.csv"], "firms.csv:2:1: ",
         "firms.csv:2:1: csv: quoted field starting here is never closed; add the missing closing quote (a quote inside a quoted field must be doubled as \"\")"),
        ("bad values with a USCC misprint", ["firms.csv": "uscc,name,region,founded\n\(firm),甲,430299,2021-02-30\n"], ["load", "firms.csv"], "firms.csv:2: ",
         "firms.csv:2: firm: uscc '\(firm)' is not a valid USCC: check character is '1' but the first 17 characters require 'G'; region '430299' is not a known GB/T 2260 division code (nor a retired one); founded '2021-02-30' is not a date; write YYYY-MM-DD with a day that exists (2021-02-28); if the list really prints this code, load with --accept-bad-uscc"),
        ("an unknown region with did-you-mean", ["designations.csv": "firm,region,program,level,year\n甲,株州市,little-giant,national,2024\n"],
         ["load", "designations.csv"], "designations.csv:2: ",
         "region '株州市' is neither a known division code nor the name of a province or prefecture (湖南省, 株洲市, 厦门市); did you mean 株洲市?"),
        ("an unknown column", ["firms.csv": "uscc,name,regoin\n"], ["load", "firms.csv"], "firms.csv:1: ",
         "unknown column 'regoin'; did you mean region?"),
        ("a duplicate key", ["firms.csv": "uscc,name,region\n914302007453219174,甲,430211\n914302007453219174,乙,430211\n"], ["load", "firms.csv"], "firms.csv:3: ",
         "firms.csv:3: firm: duplicate of the record at line 2 (same natural key 914302007453219174); a filing states each fact once"),
        ("a dangling reference", ["designations.csv": "uscc,program,level,year\n914302007453219174,little-giant,national,2024\n"],
         ["load", "designations.csv"], "designations.csv:2: ",
         "designations.csv:2: designation: refers to firm '914302007453219174', which no loaded filing defines"),
    ]

    @Test("a refused filing: Chinese with its location under zh, the English of before under en", arguments: cases.indices)
    func refusals(_ index: Int) throws {
        let c = Self.cases[index]
        let dir = try Self.folder(c.files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (zh, en) = try Self.both(c.arguments, in: dir)
        #expect(zh.status == 1 && en.status == 1, "\(c.name): \(zh.stderr) \(en.stderr)")
        #expect(en.stderr.contains(c.english), "\(c.name): \(en.stderr)")
        #expect(zh.stderr.hasPrefix(c.location) && en.stderr.hasPrefix(c.location), "\(c.name): \(zh.stderr)")
        #expect(Self.chinese(zh.stderr), "\(c.name): \(zh.stderr)")
        #expect(Self.leaks(zh.stderr).isEmpty, "\(c.name): \(Self.leaks(zh.stderr)) in \(zh.stderr)")
    }

    @Test("a bad workbook cell and a hostile workbook: the cell's location and the part kept, the words Chinese",
          arguments: [("uscc-number.xlsx", "uscc-number.xlsx:"), ("bomb.xlsx", "Tests/CoreTests/Fixtures/xlsx/bomb.xlsx"),
                      ("not-a-zip.xlsx", "Tests/CoreTests/Fixtures/xlsx/not-a-zip.xlsx")])
    func workbooks(name: String, location: String) throws {
        let path = "Tests/CoreTests/Fixtures/xlsx/\(name)"
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for language in ["zh", "en"] {
            let r = try CLI.run(["load", path, "--kind", "firm", "--registry", dir.appendingPathComponent("r-\(language).sqlite").path, "--lang", language])
            #expect(r.status == 1 && r.stderr.contains(location), "\(r.stderr)")
            if language == "zh" {
                #expect(Self.chinese(r.stderr) && Self.leaks(r.stderr).isEmpty, "\(Self.leaks(r.stderr)) in \(r.stderr)")
                #expect(r.stderr.contains("登记库未作改动"), "\(r.stderr)")
            } else {
                #expect(r.stderr.contains("nothing was loaded") || r.stderr.contains("filing refused"), "\(r.stderr)")
            }
        }
        let zh = try CLI.run(["load", "Tests/CoreTests/Fixtures/xlsx/uscc-number.xlsx", "--kind", "firm", "--ignore-columns", "--lang", "zh",
                              "--registry", dir.appendingPathComponent("x.sqlite").path])
        #expect(zh.stderr.contains("Excel 把 18 位代码存成了数字"), "\(zh.stderr)")
    }

    @Test("check: a contradiction's kind and words in Chinese; the English of before")
    func contradiction() throws {
        let dir = try Self.folder([
            "firms.csv": "uscc,name,region\n914302007453219174,甲,430211\n",
            "firms-2.csv": "uscc,name,region\n914302007453219174,甲,430203\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let setUp = [["load", "firms.csv", "--filing-id", "A"], ["load", "firms-2.csv", "--filing-id", "B", "--kind", "firm"]]
        let (zh, en) = try Self.both(["check"], in: dir, setUp: setUp)
        #expect(en.stdout.contains("  firm-regions: firm 914302007453219174 is stated with different regions: 430203, 430211")
            || en.stdout.contains("  firm-regions: firm 914302007453219174 is stated with different regions: 430211, 430203"), "\(en.stdout)")
        #expect(zh.stdout.contains("企业地区不一致：企业 914302007453219174 在不同名单中的地区不一致："), "\(zh.stdout)")
        #expect(Self.leaks(zh.stdout).isEmpty, "\(Self.leaks(zh.stdout)) in \(zh.stdout)")
    }

    @Test("a file that is not a registry: Chinese, the path kept")
    func notARegistry() throws {
        let dir = try Self.folder(["notes.txt": "这不是登记库"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("notes.txt").path
        let zh = try CLI.run(["filings", "--registry", path, "--lang", "zh"])
        let en = try CLI.run(["filings", "--registry", path, "--lang", "en"])
        #expect(zh.status == 1 && en.status == 1)
        #expect(en.stderr.contains("\(path): not a regctl registry (not an SQLite database); it was left unchanged."), "\(en.stderr)")
        #expect(zh.stderr.contains(path) && Self.chinese(zh.stderr) && Self.leaks(zh.stderr).isEmpty, "\(zh.stderr)")
    }

    @Test("no key is worded differently by Core and regctl or a plugin, and Core's English is what Diagnostic.description prints")
    func collisions() {
        let modules = [("Core", CoreWords.catalogue), ("regctl", Words.cli)] + BuiltInPlugins.all.map { ($0.module, $0.plugin.messages) }
        for language in Language.allCases {
            var seen: [String: (module: String, words: String)] = [:]
            for (module, c) in modules {
                for key in c.keys(in: language) {
                    let w = c.words(key, in: language)
                    if let s = seen[key], s.module != module { #expect(s.words == w, "\(key): \(s.module) and \(module) differ in \(language)") }
                    seen[key] = (module, w)
                }
            }
        }
        let d = Diagnostic(file: "a.csv", line: 3, kind: "firm", problem: .missingField, severity: .warning, words: .core(.validateMissingField, ["field": "name"]))
        #expect(d.located(Words(.en)) == d.description)
        #expect(d.located(Words(.zh)) == "a.csv:3: 警告：企业：缺少必填字段“name”")
    }
}
