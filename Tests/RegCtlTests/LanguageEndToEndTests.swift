import Core
import Foundation
import Testing
@testable import regctl

/// Issue 17: the built regctl chooses its language from --lang, then LC_ALL / LC_MESSAGES / LANG.
@Suite("language of the command line, end to end")
struct LanguageEndToEndTests {
    @Test("--lang zh and LANG=zh_CN.UTF-8 give Chinese help; --lang en beats LANG")
    func choice() throws {
        let flag = try CLI.run(["--lang", "zh", "--help"])
        #expect(flag.status == 0 && flag.stdout.contains("概述：") && flag.stdout.contains("选项："))
        let env = try CLI.run(["--help"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(env.stdout == flag.stdout)
        let english = try CLI.run(["--help", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(english.stdout.contains("OVERVIEW:") && !english.stdout.contains("概述"))
        let lcAll = try CLI.run(["--help"], environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"])
        #expect(lcAll.stdout == english.stdout)
    }

    @Test("an unknown --lang is a usage error that says what it takes")
    func unknown() throws {
        let r = try CLI.run(["filings", "--lang", "xx"])
        #expect(r.status == 64)
        #expect(r.stderr == "Error: --lang takes zh or en, not 'xx'.\n")
        let zh = try CLI.run(["--lang=fr"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.status == 64 && zh.stderr.contains("--lang 只接受 zh 或 en"))
    }

    @Test("an unknown command, with its did-you-mean, in Chinese")
    func unknownCommand() throws {
        let r = try CLI.run(["--lang", "zh", "rnak"])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("错误：“rnak”不是 regctl 的命令或插件；您是否想输入 rank？"))
    }
}

/// Issue 17, item 5: every command of regctl's own under Chinese, on the samples: real Chinese, and
/// no English word of regctl's catalogue (codes, ids, names, paths and enumeration values aside).
@Suite("every command in Chinese, end to end")
struct ChineseCommandsEndToEndTests {
    /// The words a Chinese reader must not meet: every word of the English catalogue that the Chinese
    /// catalogue does not use too (as a code, an option or a value), less the values of enumerations,
    /// which stay English.
    static let englishWords: Set<String> = {
        func words(_ file: String) -> Set<String> {
            let url = CLI.root.appendingPathComponent("Sources/regctl/Messages/\(file)")
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
        var values: [String] = []
        values += Level.allCases.map(\.rawValue)
        values += ParkLevel.allCases.map(\.rawValue)
        values += ParkKind.allCases.map(\.rawValue)
        values += Program.allCases.map(\.rawValue)
        values += FirmStatus.allCases.map(\.rawValue)
        values += IncubatorKind.allCases.map(\.rawValue)
        values += Intake.allCases.map(\.rawValue)
        values += TransferMode.allCases.map(\.rawValue)
        values += Channel.allCases.map(\.rawValue)
        values += RecordKind.allCases.map(\.rawValue)
        let enumerations: [String] = values.flatMap { $0.split(separator: "-").map { $0.lowercased() } }
        // Plugin ids and module names are names, as commands are.
        let names = (BuiltInPlugins.all + BuiltInPlugins.commands).flatMap { [$0.plugin.descriptor.id, $0.module.lowercased()] }
        return words("en.json").subtracting(words("zh.json")).subtracting(enumerations).subtracting(names)
    }()

    /// The English words of `text` a reader reads: whitespace-separated tokens of letters only (paths,
    /// codes, ids and options hold other characters), stripped of punctuation.
    static func leaks(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).compactMap { token -> String? in
            let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()[]'\"“”（）：；，。、"))
            guard !word.isEmpty, word.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            return englishWords.contains(word.lowercased()) ? word : nil
        }
    }

    static func chinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    /// regctl's commands (not the analyses, whose words are their plugins').
    static let commands: [[String]] = [[], ["load"], ["filings"], ["filings", "list"], ["filings", "retract"], ["firms"], ["resolve"],
                                       ["resolve", "list"], ["resolve", "accept"], ["resolve", "reject"], ["show"], ["copy"], ["check"],
                                       ["report"], ["plugins"]]

    @Test("every command's help is Chinese, fits 80 columns and holds no English word of the catalogue", arguments: commands)
    func help(_ command: [String]) throws {
        let r = try CLI.run(["--lang", "zh"] + command + ["--help"])
        #expect(r.status == 0)
        #expect(Self.chinese(r.stdout) && r.stdout.contains("选项："), "\(command)")
        let wide = r.stdout.split(separator: "\n").filter { DisplayWidth.of(String($0)) > 80 }
        #expect(wide.isEmpty, "\(command): \(wide)")
        // The subcommand list repeats each command's abstract, checked in its own help; export's and
        // serve's are not regctl's catalogue's yet (Commands/Export.swift, Serve/).
        let own = command.isEmpty ? String(r.stdout.prefix { _ in true }.components(separatedBy: "子命令：")[0]) : r.stdout
        #expect(Self.leaks(own).isEmpty, "\(command): \(Self.leaks(own))")
    }

    @Test("every analysis's help is in Chinese where regctl words it and fits 80 columns",
          arguments: ["rank", "growth", "screen", "transfers", "incubators", "profile", "changes", "explain"])
    func pluginHelp(_ id: String) throws {
        let r = try CLI.run(["--lang", "zh", id, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("用法：") && r.stdout.contains("选项：") && r.stdout.contains("显示帮助信息。"), "\(id)")
        let wide = r.stdout.split(separator: "\n").filter { DisplayWidth.of(String($0)) > 80 }
        #expect(wide.isEmpty, "\(id): \(wide)")
    }

    @Test("load, filings, firms, show, check, copy, plugins and their errors in Chinese, with no English word of the catalogue")
    func outputs() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.sqlite").path
        let zh = ["--lang", "zh", "--registry", registry]
        var outputs: [(String, CLI.Result)] = []
        func run(_ name: String, _ arguments: [String], status: Int32 = 0, environment: [String: String] = [:]) throws {
            let r = try CLI.run(arguments, environment: environment)
            #expect(r.status == status, "\(name): \(r.stderr)")
            outputs.append((name, r))
        }
        try run("load", ["load", "samples/filings"] + zh)
        try run("load again", ["load", "samples/filings/hn-parks-2022.xml"] + zh)
        try run("filings", ["filings"] + zh)
        try run("firms", ["firms", "--name", "株洲"] + zh)
        try run("firms none", ["firms", "--name", "不存在的企业名称"] + zh)
        try run("show firm", ["show", "914302007453219174"] + zh)
        try run("show park", ["show", "株洲高新区"] + zh)
        try run("show many", ["show", "株洲"] + zh)
        try run("show nothing", ["show", "zzzzzz"] + zh, status: 1)
        try run("check", ["check"] + zh, environment: ["LANG": "zh_CN.UTF-8"])
        try run("plugins", ["plugins", "--lang", "zh"])
        try run("copy", ["copy", "--from", registry, "--to", dir.appendingPathComponent("c.sqlite").path, "--lang", "zh"])
        try run("no registry", ["filings", "--lang", "zh", "--registry", dir.appendingPathComponent("none.sqlite").path], status: 1)
        try run("no such filing", ["filings", "retract", "NO-SUCH"] + zh, status: 1)
        try run("resolve", ["resolve"] + zh)
        try run("no such file", ["load", "nothing.xml"] + zh, status: 64)
        try run("unknown option", ["load", "--lenent", "x.xml"] + zh, status: 64)
        for (name, r) in outputs {
            let text = r.stdout + r.stderr
            #expect(Self.chinese(text), "\(name): \(text)")
            // Not regctl's catalogue's yet: the renderer's title line ("— as of …") and "(no rows)"
            // (Output/ReportRenderer.swift), and Core's words of a contradiction (`check`'s indented lines).
            let own = text.split(separator: "\n").filter { !$0.contains(" — as of ") && $0 != "(no rows)" && !(name == "check" && $0.hasPrefix("  ")) }
                .joined(separator: "\n")
            #expect(Self.leaks(own).isEmpty, "\(name): \(Self.leaks(own))\n\(text)")
        }
        let filings = try #require(outputs.first { $0.0 == "filings" }?.1.stdout)
        #expect(filings.contains("序号") && filings.contains("发布机关") && filings.contains("份名单"))
        let load = try #require(outputs.first { $0.0 == "load" }?.1.stdout)
        #expect(load.contains("已载入") && load.contains("个文件中"))
    }

    @Test("a Chinese table lines up by display width: every row's columns start where the header's do")
    func alignment() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.sqlite").path
        #expect(try CLI.run(["load", "samples/filings", "--registry", registry, "-q"]).status == 0)
        let r = try CLI.run(["firms", "--name", "株洲", "--registry", registry, "--lang", "zh"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let rule = try #require(lines.firstIndex { $0.hasPrefix("──") })
        let header = lines[rule - 1]
        #expect(header.hasPrefix("统一社会信用代码"))
        // Column starts from the rule line: a column begins after two spaces.
        var starts: [Int] = [0]
        var col = 0
        var previous: Character = " "
        for c in lines[rule] {
            if c == "─" && previous == " " && col > 0 { starts.append(col) }
            col += 1
            previous = c
        }
        for line in lines[(rule - 1)...].prefix(6) where !line.hasPrefix("──") {
            for start in starts.dropFirst() {
                let prefix = Self.prefix(line, columns: start)
                #expect(prefix.hasSuffix("  ") || prefix.hasSuffix(" "), "\(line) at \(start)")
            }
        }
    }

    /// The first `columns` display columns of `line`.
    static func prefix(_ line: String, columns: Int) -> String {
        var out = ""
        var used = 0
        for c in line {
            let w = c.unicodeScalars.reduce(0) { $0 + DisplayWidth.width($1) }
            if used + w > columns { break }
            out.append(c)
            used += w
        }
        return out
    }
}
