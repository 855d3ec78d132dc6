import Core
import Foundation
import Testing
@testable import regctl

/// Issue 17, items 1 and 2: regctl's catalogue is complete in both languages and matches its keys;
/// the language is chosen from --lang, then the environment.
@Suite("regctl's catalogue and language")
struct CatalogueWordsTests {
    @Test("every key regctl's code names is in both languages, with the same placeholders, and no other key is")
    func cliCatalogue() {
        #expect(!Words.cli.keys(in: .en).isEmpty, "the embedded catalogue parses")
        let problems = Words.cli.problems(expecting: Set(CLIKey.allCases.map(\.rawValue)))
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test("every built-in plugin's catalogue parses, is complete in both languages, and words the plugin's summary")
    func pluginCatalogues() {
        for entry in BuiltInPlugins.all + BuiltInPlugins.commands {
            let c = entry.plugin.messages
            let problems = c.problems()
            #expect(problems.isEmpty, "\(entry.module): \(problems.map(\.description).joined(separator: "\n"))")
            let summary = PluginDescriptor.summaryKey(entry.plugin.descriptor.id)
            #expect(c.template(summary, in: .zh) != nil, "\(entry.module): \(summary) missing in zh")
            #expect(c.words(summary, in: .en) == entry.plugin.descriptor.summary, "\(entry.module): English summary differs from the descriptor's")
        }
    }

    @Test("no two modules word the same key differently", arguments: Language.allCases)
    func noCollisions(language: Language) {
        var seen: [String: (module: String, words: String)] = [:]
        let modules = [("regctl", Words.cli)] + BuiltInPlugins.all.map { ($0.module, $0.plugin.messages) }
        for (module, c) in modules {
            for key in c.keys(in: language) {
                let w = c.words(key, in: language)
                if let s = seen[key], s.module != module { #expect(s.words == w, "\(key): \(s.module) and \(module) differ") }
                seen[key] = (module, w)
            }
        }
    }

    @Test("--lang beats the environment; LC_ALL, LC_MESSAGES, LANG in that order; else English")
    func choice() throws {
        #expect(CommandLineLanguage.choose(arguments: ["--lang", "zh", "rank"], environment: ["LANG": "en_US.UTF-8"]) == .zh)
        #expect(CommandLineLanguage.choose(arguments: ["rank", "--lang=en"], environment: ["LANG": "zh_CN.UTF-8"]) == .en)
        #expect(CommandLineLanguage.choose(arguments: ["rank"], environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(CommandLineLanguage.choose(arguments: ["rank"], environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"]) == .en)
        #expect(CommandLineLanguage.choose(arguments: ["rank"], environment: ["LANG": "C"]) == .en)
        #expect(CommandLineLanguage.choose(arguments: [], environment: [:]) == .en)
        let e = try CommandLineLanguage.extract(["load", "--lang", "zh", "a.xml", "--", "--lang", "en"])
        #expect(e.language == .zh && e.rest == ["load", "a.xml", "--", "--lang", "en"], "after -- nothing is an option")
        #expect(throws: CommandLineLanguage.UnknownLanguage(value: "xx")) { try CommandLineLanguage.extract(["--lang", "xx"]) }
        #expect(throws: CommandLineLanguage.UnknownLanguage(value: "")) { try CommandLineLanguage.extract(["--lang"]) }
    }

    @Test("Chinese help is wrapped by display width, between characters, never before closing punctuation")
    func cjkWrap() {
        let text = "将名单（认定名单、孵化器名录、年报、技术合同登记）以 XML 或 CSV 载入同一个 SQLite 登记库，然后向它提问。"
        let wrapped = HelpText.fit(text, width: 30)
        let lines = wrapped.split(separator: "\n").map(String.init)
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 30 }, "\(lines)")
        #expect(lines.allSatisfy { !"，。、）".contains($0.first!) })
        #expect(wrapped.replacingOccurrences(of: "\n", with: "") == text.replacingOccurrences(of: " ", with: "")
            || wrapped.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""))
        #expect(HelpText.fit("  rank         短", width: 10) == "  rank         短", "a line laid out in columns stays")
        #expect(HelpText.fit("short line", width: 30) == "short line")
    }

    @Test("argument-parser's own words in Chinese: headings, defaults and usage errors")
    func parserWords() {
        let zh = Words(.zh)
        let help = "OVERVIEW: x\n\nUSAGE: regctl load <path>\n\nOPTIONS:\n  --format <format>  Output. (default: table)\n  -h, --help  Show help information.\n"
        #expect(HelpText.localized(help, zh) == "概述：x\n\n用法：regctl load <path>\n\n选项：\n  --format <format>  Output. （默认：table）\n  -h, --help  显示帮助信息。\n")
        #expect(HelpText.localized("Error: Missing expected argument '<path> ...'\nUsage: regctl load", zh) == "错误：缺少参数“<path> ...”\n用法：regctl load")
        #expect(HelpText.localized("Error: Unknown option '--fromat'. Did you mean '--format'?", zh) == "错误：未知选项“--fromat”。您是否想输入“--format”？")
        #expect(HelpText.localized(help, Words(.en)) == help)
    }

    @Test("did-you-mean and lists in both languages")
    func suggestions() {
        #expect(Words(.en).didYouMean("rnak", among: ["rank", "show"]) == "; did you mean rank?")
        #expect(Words(.zh).didYouMean("rnak", among: ["rank", "show"]) == "；您是否想输入 rank？")
        #expect(Words(.zh).didYouMean("zzzz", among: ["rank"]) == "。")
        #expect(Words(.en).orList(["a", "b", "c"]) == "a, b or c")
        #expect(Words(.zh).orList(["a", "b", "c"]) == "a、b 或 c")
    }

    @Test("an external plugin's descriptor carries its words: its help in Chinese by the descriptor's keys; other languages ignored")
    func externalMessages() throws {
        let json = #"""
        {"id": "hello", "summary": "Says hello.", "parameters": [{"name": "to", "kind": {"text": {}}, "help": "Whom.", "positional": false}],
         "examples": [], "messages": {"en": {"hello.summary": "Says hello.", "hello.parameter.to": "Whom.", "hello.note": {"one": "{count} greeting", "other": "{count} greetings"}},
                                     "zh": {"hello.summary": "问好。", "hello.parameter.to": "向谁。", "hello.note": "{count} 次问候"},
                                     "fr": {"hello.summary": "Dit bonjour."}}}
        """#
        let descriptor = try JSONDecoder().decode(PluginDescriptor.self, from: Data(json.utf8))
        let catalogue = try JSONDecoder().decode(ExternalPlugin.DescribedMessages.self, from: Data(json.utf8)).catalogue(source: "regctl-hello")
        #expect(catalogue.problems().isEmpty)
        let zh = descriptor.words(in: .zh, catalogue: catalogue)
        #expect(zh.summary == "问好。" && zh.parameters[0].help == "向谁。")
        #expect(catalogue.words("hello.note", ["count": 1], in: .en) == "1 greeting" && catalogue.words("hello.note", ["count": 2], in: .zh) == "2 次问候")
        let bad = #"{"messages": {"zh": {"x": "{unclosed"}}}"#
        #expect(throws: Catalogue.FormatError.self) {
            try JSONDecoder().decode(ExternalPlugin.DescribedMessages.self, from: Data(bad.utf8)).catalogue(source: "regctl-bad")
        }
    }

    @Test("a record kind's English word is its value; its Chinese word is Chinese")
    func kindWords() {
        for kind in RecordKind.allCases {
            #expect(Words(.en)(kind.word) == kind.rawValue)
            #expect(Words(.zh)(kind.word).unicodeScalars.allSatisfy { $0.value > 0x2E80 })
        }
    }

    @Test("load errors read the same in English as Core's summary, which names no flag")
    func loadErrorEnglish() {
        let errors: [LoadError] = [.notFound(path: "x.xml"), .noFilings(folder: "d"), .unknownKind(file: "a.csv"),
                                   .conflictingFiling(file: "a.xml", id: "ID", loadedFrom: "b.xml"), .unreadable(file: "a.xml", reason: "gone")]
        for e in errors {
            #expect(e.summary(Words(.en)) == e.summary)
            #expect(e.summary(Words(.zh)) != e.summary)
        }
    }

    @Test("a plugin's parameter errors: the same English as Core's, and Chinese with its did-you-mean")
    func analysisErrors() throws {
        let descriptor = PluginDescriptor(id: "p", summary: "S.", parameters: [
            ParameterSpec(name: "by", kind: .choice(["park", "province"]), help: "H."), ParameterSpec(name: "top", kind: .integer, help: "H."),
            ParameterSpec(name: "as-of-date", kind: .date, help: "H."), ParameterSpec(name: "exact", kind: .flag, help: "H.")], examples: [])
        let requests: [[String: String]] = [["by": "parkk"], ["by": "zzzzzzzz"], ["top": "x"], ["as-of-date": "x"], ["exact": "x"], ["bye": "park"]]
        for parameters in requests {
            let error = try #require(throws: AnalysisError.self) { try Parameters(PluginRequest(asOf: Day("2024-12-31")!, parameters: parameters), descriptor: descriptor) }
            #expect(error.words(Words(.en)) == error.description)
            let zh = error.words(Words(.zh))
            #expect(zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(zh)")
            #expect(!zh.contains("expected") && !zh.contains("did you mean") && !zh.contains("unknown parameter"), "\(zh)")
        }
    }
}
