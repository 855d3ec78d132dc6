import ArgumentParser
import Foundation
import Testing
@testable import regctl

/// Defect 12: help that a newcomer can follow, and file errors in plain words.
@Suite("help, version and file errors")
struct HelpExamplesTests {
    /// Every command's help (argument-parser's, at `columns`) and every built-in plugin's, by name.
    static func helps(columns: Int) -> [(name: String, text: String)] {
        var out: [(String, String)] = [("regctl", RegCtl.helpMessage(includeHidden: false, columns: columns))]
        func add(_ command: any ParsableCommand.Type, path: [String]) {
            let name = (path + [command._commandName]).joined(separator: " ")
            out.append((name, RegCtl.helpMessage(for: command, includeHidden: false, columns: columns)))
            for sub in command.configuration.subcommands { add(sub, path: path + [command._commandName]) }
        }
        for sub in RegCtl.configuration.subcommands { add(sub, path: ["regctl"]) }
        for entry in BuiltInPlugins.all {
            out.append(("regctl " + entry.plugin.descriptor.id, PluginRunner(plugin: .builtIn(entry.plugin)).help))
        }
        return out
    }

    /// The `regctl …` example lines of every help at 80 columns, without their trailing `# comments`.
    static let examples: [String] = helps(columns: HelpText.width).reduce(into: []) { seen, help in
        for example in examples(in: help.text) where !seen.contains(example) { seen.append(example) }
    }

    /// The `regctl …` examples of one help text: a line ending in ` \` is continued by the next, as in a shell.
    static func examples(in text: String) -> [String] {
        var out: [String] = []
        var lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }[...]
        while let first = lines.popFirst() {
            guard first.hasPrefix("regctl ") else { continue }
            var example = first
            while example.hasSuffix(" \\"), let next = lines.popFirst() {
                example = String(example.dropLast(2)) + " " + next
            }
            out.append(example.components(separatedBy: "  #")[0].trimmingCharacters(in: .whitespaces))
        }
        return out
    }

    /// Examples that need what a test cannot give them: a server, a shell redirect.
    static func needsMore(_ example: String) -> Bool {
        example.contains("postgres://") || example.contains("--generate-completion-script") || example.contains(">") || example.contains("|")
    }

    /// Splits an example as a shell would: words, 'single' and "double" quotes.
    static func words(_ line: String) -> [String] {
        var out: [String] = []
        var word = ""
        var quote: Character?
        var started = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                started = true
            } else if c == " " {
                if started || !word.isEmpty { out.append(word) }
                word = ""
                started = false
            } else {
                word.append(c)
            }
        }
        if started || !word.isEmpty { out.append(word) }
        return out
    }

    @Test("every example printed by --help runs on the samples", arguments: examples.filter { !needsMore($0) })
    func exampleRuns(_ example: String) throws {
        _ = try SampleRegistry.registry(.sqlite)
        // Each example runs in a folder of its own, with `samples` in it and a copy of the samples' registry.
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("samples"), withDestinationURL: CLI.root.appendingPathComponent("samples"))
        let registry = dir.appendingPathComponent("registry.sqlite")
        try FileManager.default.copyItem(atPath: SampleRegistry.path, toPath: registry.path)
        if FileManager.default.fileExists(atPath: SampleRegistry.path + "-wal") {
            try FileManager.default.copyItem(atPath: SampleRegistry.path + "-wal", toPath: registry.path + "-wal")
        }
        let arguments = Array(Self.words(example).dropFirst())
        let r = try CLI.run(arguments, in: dir, environment: ["REGCTL_REGISTRY": registry.path])
        #expect(r.status == 0, "\(example)\n\(r.stderr)")
    }

    @Test("an example continued with ` \\` is one command, as a shell reads it")
    func continuedExamples() {
        let help = """
            Examples:
              regctl rank --program specialized-sme --level provincial --exact \\
                  --by prefecture --top 5
                  Hunan's top five prefectures.
              regctl load a.xml --lenient  # a comment
            """
        #expect(Self.examples(in: help) == [
            "regctl rank --program specialized-sme --level provincial --exact --by prefecture --top 5",
            "regctl load a.xml --lenient",
        ])
    }

    @Test("the examples include those of every command and plugin")
    func examplesFound() {
        #expect(Self.examples.count >= 40)
        for name in ["load", "rank", "export", "filings retract", "copy", "check", "profile"] {
            #expect(Self.examples.contains { $0.hasPrefix("regctl \(name)") }, "\(name)")
        }
    }

    @Test("every help fits 80 columns")
    func helpWidth() {
        for (name, text) in Self.helps(columns: HelpText.width) {
            let wide = text.split(separator: "\n").map(String.init).filter { DisplayWidth.of($0) > HelpText.width }
            #expect(wide.isEmpty, "\(name): \(wide)")
        }
    }

    @Test("no example line wraps at 80 columns: every line of an Examples block stays indented")
    func examplesDoNotWrap() {
        for (name, text) in Self.helps(columns: HelpText.width) {
            var inExamples = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "Examples:" || line == "Example:" { inExamples = true; continue }
                if line.isEmpty { inExamples = false; continue }
                if inExamples { #expect(line.hasPrefix("  "), "\(name): \(line)") }
            }
        }
    }

    @Test("regctl --version prints the version, from one place")
    func version() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout == "regctl \(RegCtl.version)\n")
        #expect(try CLI.run(["--generate-man-page"]).stdout.contains("\"regctl \(RegCtl.version)\""))
    }

    @Test("a file that cannot be written is named in plain words, never as a Foundation error dump")
    func fileErrors() throws {
        let report = try SampleRegistry.run(["report", "-o", "/no/such/dir/r.html"])
        #expect(report.status == 1)
        #expect(report.stderr == "Error: cannot write /no/such/dir/r.html: no such folder\n", "\(report.stderr)")
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = try SampleRegistry.run(["report", "-o", dir.path])
        #expect(folder.stderr == "Error: cannot write \(dir.path): it is a folder\n", "\(folder.stderr)")
        let file = dir.appendingPathComponent("file.txt")
        try Data("x".utf8).write(to: file)
        let export = try SampleRegistry.run(["export", file.appendingPathComponent("out").path])
        #expect(export.stderr == "Error: cannot write \(file.appendingPathComponent("out").path): a part of the path is a file, not a folder\n", "\(export.stderr)")
        // The rejects of a lenient load.
        let firms = dir.appendingPathComponent("firms-mixed.csv")
        try Data("uscc,name,region\n91310115329776453F,上海启晟自动化科技有限公司,310115\n914403001922038217,坏码公司,440300\n".utf8).write(to: firms)
        let rejects = dir.appendingPathComponent("no-such-folder/rejects.csv").path
        let load = try CLI.run(["load", firms.path, "--lenient", "--rejects", rejects, "--registry", dir.appendingPathComponent("r.sqlite").path])
        #expect(load.stderr.contains("cannot write \(rejects): no such folder"), "\(load.stderr)")
        #expect(!load.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test("Foundation's file errors become FileProblems by their code and path")
    func fileProblem() {
        let denied = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/x/y"])
        #expect(FileProblem(denied)?.errorDescription == "cannot write /x/y: permission denied")
        let missing = CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "/etc/no-such-file"])
        #expect(FileProblem(missing)?.errorDescription == "cannot read /etc/no-such-file: no such file")
        #expect(FileProblem(CocoaError(.fileWriteNoPermission)) == nil, "no path, no file problem")
        struct Other: Error {}
        #expect(FileProblem(Other()) == nil)
    }
}
