import Core
import Foundation
import Testing

@Suite("languages, messages and catalogues")
struct CatalogueTests {
    static func catalogue(_ en: String, _ zh: String) throws -> Catalogue {
        try Catalogue(json: [.en: Array(en.utf8), .zh: Array(zh.utf8)], source: "test")
    }

    @Test("a locale identifier names its language; C, POSIX and empty name none",
          arguments: [("zh_CN.UTF-8", Language.zh), ("zh-Hans", .zh), ("zh", .zh), ("zh_TW", .zh), ("en_US", .en), ("en-GB", .en),
                      ("EN_us.utf8", .en)])
    func locale(identifier: String, language: Language) {
        #expect(Language(locale: identifier) == language)
    }

    @Test("identifiers that name no language regctl speaks", arguments: ["C", "POSIX", "", "de_DE.UTF-8", "C.UTF-8"])
    func noLocale(identifier: String) {
        #expect(Language(locale: identifier) == nil)
    }

    @Test("the environment: LC_ALL, then LC_MESSAGES, then LANG; C and empty pass on; another language is English")
    func environment() {
        #expect(Language.from(environment: [:]) == nil)
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"]) == .en)
        #expect(Language.from(environment: ["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8", "LC_ALL": ""]) == .zh)
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "C"]) == .zh)
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "C.UTF-8"]) == .zh)
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "POSIX"]) == .zh)
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "de_DE.UTF-8"]) == .en)
        #expect(Language.from(environment: ["LANG": "C"]) == nil)
    }

    @Test("Accept-Language picks the best language regctl speaks by quality")
    func acceptLanguage() {
        #expect(Language.from(acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8") == .zh)
        #expect(Language.from(acceptLanguage: "en-US,en;q=0.9,zh-CN;q=0.8") == .en)
        #expect(Language.from(acceptLanguage: "fr-FR, fr;q=0.9, en;q=0.5") == .en)
        #expect(Language.from(acceptLanguage: "en;q=0.4, zh;q=0.6") == .zh)
        #expect(Language.from(acceptLanguage: "zh;q=0, fr") == nil)
        #expect(Language.from(acceptLanguage: "*") == nil)
        #expect(Language.from(acceptLanguage: "") == nil)
        #expect(Language(argument: "zh-CN") == .zh && Language(argument: "EN") == .en && Language(argument: "xx") == nil)
    }

    @Test("named arguments, English plurals, nested messages, escaped braces")
    func words() throws {
        let c = try Self.catalogue(
            #"{"count": {"one": "{count} firm in {park}", "other": "{count} firms in {park}"}, "wrap": "({inner})", "brace": "{{x}} {x}"}"#,
            #"{"count": "{park}有 {count} 家企业", "wrap": "（{inner}）", "brace": "{{x}} {x}"}"#)
        #expect(c.words("count", ["count": 1, "park": "A"], in: .en) == "1 firm in A")
        #expect(c.words("count", ["count": 0, "park": "A"], in: .en) == "0 firms in A")
        #expect(c.words("count", ["count": 2, "park": "A"], in: .en) == "2 firms in A")
        #expect(c.words("count", ["count": 1, "park": "甲"], in: .zh) == "甲有 1 家企业")
        #expect(c.words("wrap", ["inner": .message(Message("count", ["count": 3, "park": "甲"]))], in: .zh) == "（甲有 3 家企业）")
        #expect(c.words("brace", ["x": "y"], in: .en) == "{x} y")
        #expect(c.words("count", ["count": 2], in: .en) == "2 firms in {park}", "an argument not given stays visible")
    }

    @Test("a key missing in a language falls back to English, then to the key")
    func fallback() throws {
        let c = try Self.catalogue(#"{"a": "A {x}", "b": "B"}"#, #"{"b": "乙"}"#)
        #expect(c.words("a", ["x": "1"], in: .zh) == "A 1")
        #expect(c.words("b", in: .zh) == "乙")
        #expect(c.words("nothing", in: .zh) == "nothing")
        #expect(c.has("a") && !c.has("nothing"))
    }

    @Test("merging: another module's entries join, and win on the same key")
    func merging() throws {
        let a = try Self.catalogue(#"{"a": "A", "s": "old"}"#, #"{"a": "甲", "s": "旧"}"#)
        let b = try Self.catalogue(#"{"b": "B", "s": "new"}"#, #"{"b": "乙", "s": "新"}"#)
        let m = a.merging(b)
        #expect(m.words("a", in: .zh) == "甲" && m.words("b", in: .zh) == "乙" && m.words("s", in: .en) == "new")
        #expect(m.keys(in: .en) == ["a", "b", "s"])
    }

    @Test("problems: a key missing in one language, placeholders that differ, keys no code uses, keys code uses that none has")
    func problems() throws {
        let c = try Self.catalogue(#"{"a": "A {x}", "b": "B {x}", "c": {"one": "a firm", "other": "{count} firms"}, "d": "D"}"#,
                                   #"{"a": "甲 {x}", "b": "乙 {y}", "c": "{count} 家企业", "e": "戊"}"#)
        let found = Set(c.problems(expecting: ["a", "b", "c", "d", "e", "f"]))
        #expect(found == [
            .placeholdersDiffer(key: "b", byLanguage: [.en: ["x"], .zh: ["y"]]),
            .missing(key: "d", language: .zh),
            .missing(key: "e", language: .en),
            .missing(key: "f", language: .en), .missing(key: "f", language: .zh),
        ])
        #expect(Set(c.problems(expecting: ["a", "b", "c"])).contains(.unused(key: "d")))
        #expect(try Self.catalogue(#"{"a": "A {x}"}"#, #"{"a": "甲{x}"}"#).problems().isEmpty)
    }

    @Test("a malformed catalogue file is refused, saying which file and key",
          arguments: [#"{"a": "lone } brace"}"#, #"{"a": "open { brace"}"#, #"{"a": "{not a name}"}"#, #"{"a": 3}"#,
                      #"{"a": {"one": "x"}}"#, #"["a"]"#, "not json"])
    func malformed(json: String) {
        #expect(throws: Catalogue.FormatError.self) { try Self.catalogue(json, "{}") }
        #expect(Catalogue.embedded([.en: Array(json.utf8)], source: "x").keys(in: .en).isEmpty)
    }

    @Test("a Wording is a plain string in JSON when it carries no message, and reads from one")
    func wordingCoding() throws {
        let plain: Wording = "3 firms"
        #expect(String(decoding: try JSONEncoder().encode(plain), as: UTF8.self) == #""3 firms""#)
        #expect(try JSONDecoder().decode(Wording.self, from: Data(#""x""#.utf8)) == Wording("x"))
        let worded = Wording("3 firms", message: Message("n", ["count": 3, "unit": "园区"]))
        #expect(try JSONDecoder().decode(Wording.self, from: JSONEncoder().encode(worded)) == worded)
    }

    @Test("a report's JSON is unchanged for plain notes and titles; a report written before messages reads")
    func reportCoding() throws {
        let old = #"{"title":"T","asOf":"2024-12-31","asOfSource":"--as-of","columns":[{"name":"n","type":"integer","title":"N"}],"rows":[[1]],"notes":["a note"],"filings":[]}"#
        let report = try JSONDecoder().decode(Report.self, from: Data(old.utf8))
        #expect(report.title == "T" && report.notes == ["a note"] && report.columns[0].title == "N")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let again = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(again.contains(#""notes":["a note"]"#) && again.contains(#""title":"T""#) && again.contains(#""title":"N""#))
    }

    @Test("setting a report's notes as text keeps the messages of the notes left as they were")
    func notesKeepMessages() throws {
        let c = try Self.catalogue(#"{"n": "{count} firms"}"#, #"{"n": "{count} 家企业"}"#)
        var r = Report(title: "T", asOf: Day("2024-12-31")!, asOfSource: "--as-of", columns: [], rows: [],
                       notes: [Wording(Message("n", ["count": 3]), catalogue: c)])
        #expect(r.notes == ["3 firms"])
        r.notes.append("plain")
        #expect(r.wordedNotes[0].message == Message("n", ["count": 3]))
        #expect(r.wordedNotes.map { $0.words(in: .zh, catalogue: c) } == ["3 家企业", "plain"])
        r.notes[0] = "changed"
        #expect(r.wordedNotes[0].message == nil)
    }

    @Test("a plugin's help in Chinese from its catalogue's keys, English as the descriptor says")
    func descriptorWords() throws {
        let d = PluginDescriptor(id: "p", summary: "Sum.", parameters: [ParameterSpec(name: "by", kind: .text, help: "By what.")],
                                 examples: [PluginExample(["p"], "Example.")])
        let c = try Self.catalogue(#"{"p.summary": "Other English."}"#, #"{"p.summary": "摘要。", "p.parameter.by": "按什么。", "p.example.1": "示例。"}"#)
        let zh = d.words(in: .zh, catalogue: c)
        #expect(zh.summary == "摘要。" && zh.parameters[0].help == "按什么。" && zh.examples[0].explanation == "示例。")
        let en = d.words(in: .en, catalogue: c)
        #expect(en.summary == "Other English." && en.parameters[0].help == "By what.")
        #expect(d.wordKeys == ["p.summary", "p.parameter.by", "p.example.1"])
    }
}
