import Foundation
import Testing
@testable import regctl

/// Defect 11: shell completion, driven as bash drives it.
@Suite("shell completion")
struct CompletionTests {
    /// COMPREPLY of `_regctl` for a command line; the last word is the one being completed. regctl is
    /// found on PATH (the built one), the registry is the samples', and the shell starts in the repository.
    static func bash(_ words: [String]) throws -> [String] {
        let script = try CLI.run(["--generate-completion-script", "bash"]).stdout
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("regctl.bash")
        try Data(script.utf8).write(to: file)
        let quoted = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let driver = """
            source '\(file.path)'
            COMP_WORDS=(\(quoted))
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            _regctl regctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", driver]
        p.currentDirectoryURL = CLI.root
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = CLI.executable.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["REGCTL_REGISTRY"] = try SampleRegistry.registry(.sqlite).location
        p.environment = env
        let out = dir.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        p.standardOutput = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        #expect(p.terminationStatus == 0)
        return String(decoding: try Data(contentsOf: out), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("bash: commands and plugins are separate words, matched by prefix")
    func commandsAndPlugins() throws {
        #expect(try Self.bash(["regctl", "fi"]).sorted() == ["filings", "firms"])
        #expect(try Self.bash(["regctl", "ra"]) == ["rank"])
        #expect(try Self.bash(["regctl", "pro"]) == ["profile"])
        let all = try Self.bash(["regctl", ""])
        for word in ["load", "export", "rank", "screen", "profile"] { #expect(all.contains(word), "\(word)") }
    }

    @Test("bash: option values — formats with svg, programs, levels, units, park ids")
    func optionValues() throws {
        #expect(try Self.bash(["regctl", "rank", "--format", ""]) == ["table", "csv", "json", "md", "svg", "xlsx"])
        #expect(!(try Self.bash(["regctl", "screen", "--format", ""]).contains("svg")), "screen draws no chart")
        #expect(!(try Self.bash(["regctl", "filings", "list", "--format", ""]).contains("svg")))
        #expect(try Self.bash(["regctl", "rank", "--level", ""]) == ["national", "provincial", "municipal"])
        #expect(try Self.bash(["regctl", "rank", "--by", "p"]).sorted() == ["park", "prefecture", "province"])
        #expect(try Self.bash(["regctl", "firms", "--program", "li"]) == ["little-giant"])
        #expect(try Self.bash(["regctl", "rank", "--within", ""]).contains("zz-htz"))
        #expect(try Self.bash(["regctl", "rank", "--within", "430"]).contains("4302"))
        #expect(try Self.bash(["regctl", "show", "zz"]) == ["zz-htz"])
        #expect(try Self.bash(["regctl", "firms", "--park", "zz"]) == ["zz-htz"])
        #expect(try Self.bash(["regctl", "report", "--park", "zz"]) == ["zz-htz"])
        #expect(try Self.bash(["regctl", "explain", "--within", "zz"]) == ["zz-htz"])
        #expect(try Self.bash(["regctl", "explain", "--planned"]) == ["--planned-cities"])
        #expect(try Self.bash(["regctl", "expl"]) == ["explain"], "offered once, as a command")
        #expect(try Self.bash(["regctl", "filings", "retract", "HN-GXT-2021"]) == ["HN-GXT-2021-12"])
    }

    @Test("bash: paths for load, --registry and export")
    func paths() throws {
        #expect(try Self.bash(["regctl", "load", "sam"]) == ["samples"])
        #expect(try Self.bash(["regctl", "load", "samples/filings/hn-parks"]) == ["samples/filings/hn-parks-2022.xml"])
        #expect(try Self.bash(["regctl", "filings", "list", "--registry", "Package.sw"]) == ["Package.swift"])
        #expect(try Self.bash(["regctl", "rank", "--registry", "Package.sw"]) == ["Package.swift"])
        #expect(try Self.bash(["regctl", "export", "sam"]) == ["samples"])
    }

    @Test("the zsh and fish scripts complete the plugins, their values and files")
    func zshAndFish() throws {
        for shell in ["zsh", "fish"] {
            let script = try CLI.run(["--generate-completion-script", shell]).stdout
            for word in ["__complete plugins", "__complete args", "--registry"] { #expect(script.contains(word), "\(shell): \(word)") }
            // explain is run by the plugin runner: it completes as a plugin, not as one of argument-parser's commands.
            #expect(script.contains("copy export") && !script.contains("copy explain export"), "\(shell)")
        }
        // fish: after a plugin id, argument-parser's commands are not offered (a catch-all command level).
        #expect(try CLI.run(["--generate-completion-script", "fish"]).stdout.contains("case '?*'\n            set -a commands"))
        #expect(try CLI.run(["__complete", "args", "growth", "--format"]).stdout.contains("svg\n"))
        #expect(!(try CLI.run(["__complete", "args", "profile", "--format"]).stdout.contains("svg")))
    }

    @Test("bash: --lang on every command, with zh and en; the rest of the line completes as if it were not there")
    func bashLanguage() throws {
        #expect(try Self.bash(["regctl", "--lang", ""]) == ["zh", "en"])
        #expect(try Self.bash(["regctl", "rank", "--lang", "z"]) == ["zh"])
        #expect(try Self.bash(["regctl", "filings", "retract", "--lang=", ]) == ["--lang=zh", "--lang=en"])
        #expect(try Self.bash(["regctl", "--l"]) == ["--lang"])
        #expect(try Self.bash(["regctl", "load", "--la"]).contains("--lang"))
        #expect(try Self.bash(["regctl", "rank", "--la"]) == ["--lang"])
        #expect(try Self.bash(["regctl", "--lang", "zh", "ra"]) == ["rank"])
        #expect(try Self.bash(["regctl", "--lang=zh", "fi"]).sorted() == ["filings", "firms"])
        #expect(try Self.bash(["regctl", "--lang", "zh", "rank", "--by", "p"]).sorted() == ["park", "prefecture", "province"])
        #expect(try Self.bash(["regctl", "rank", "--lang", "en", "--level", ""]) == ["national", "provincial", "municipal"])
        #expect(try Self.bash(["regctl", "--lang", "zh", "filings", "re"]) == ["retract"])
        #expect(try Self.bash(["regctl", "--lang", "zh", "show", "zz"]) == ["zz-htz"])
    }

    /// What fish offers for a command line (`complete -C`), with the generated script loaded.
    static func fish(_ line: String) throws -> [String] {
        let script = try CLI.run(["--generate-completion-script", "fish"]).stdout
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("regctl.fish")
        try Data(script.utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["fish", "--no-config", "-c", "source '\(file.path)'; complete -C '\(line)'"]
        p.currentDirectoryURL = CLI.root
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = CLI.executable.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["REGCTL_REGISTRY"] = try SampleRegistry.registry(.sqlite).location
        p.environment = env
        let out = dir.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        p.standardOutput = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        return String(decoding: try Data(contentsOf: out), as: UTF8.self).split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
    }

    static let hasFish = ["/usr/bin/fish", "/usr/local/bin/fish", "/bin/fish"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    static let hasZsh = ["/usr/bin/zsh", "/bin/zsh", "/usr/local/bin/zsh"].contains { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("fish: --lang with zh and en, and the commands after it", .enabled(if: hasFish, "fish is not installed"))
    func fishLanguage() throws {
        #expect(try Self.fish("regctl --lang ").sorted() == ["en", "zh"])
        #expect(try Self.fish("regctl rank --la") == ["--lang"])
        #expect(try Self.fish("regctl --lang zh ra") == ["rank"])
        #expect(try Self.fish("regctl --lang zh rank --by p").sorted() == ["park", "prefecture", "province"])
        #expect(try Self.fish("regctl --lang zh filings re") == ["retract"])
    }

    @Test("zsh: the script offers --lang with zh and en and takes it out of the line; it parses")
    func zshLanguage() throws {
        let script = try CLI.run(["--generate-completion-script", "zsh"]).stdout
        #expect(script.contains("compadd zh en") && script.contains("compadd -- --lang") && script.contains("words[i,i+1]=()"))
        if Self.hasZsh {
            let dir = try CLI.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("_regctl")
            try Data(script.utf8).write(to: file)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["zsh", "-n", file.path]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
    }

    @Test("regctl --help names --lang, in both languages")
    func helpNamesLang() throws {
        #expect(try CLI.run(["--help"]).stdout.contains("--lang zh|en"))
        #expect(try CLI.run(["--lang", "zh", "--help"]).stdout.contains("--lang zh|en"))
        #expect(try CLI.run(["--lang", "zh", "--help"]).stdout.contains("每个命令都接受"))
    }
}
