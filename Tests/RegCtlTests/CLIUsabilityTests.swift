import Core
import Foundation
import Testing
@testable import regctl

@Suite("Progress, completions, suggestions, explain, table width")
struct CLIUsabilityTests {
    // MARK: Progress

    @Test("the progress bar's line: percent, records, bytes, rate, time left; fits the width")
    func progressLine() {
        let p = LoadProgress(bytesRead: 3_000_000, totalBytes: 12_000_000, records: 45_000)
        let line = ProgressBar.line(label: "designations-2024.csv", progress: p, elapsed: 3, width: 120)
        #expect(line == "designations-2024.csv [#####---------------]   25%  45,000 records  3.0/12.0 MB  15,000 rec/s  0:09 left")
        let narrow = ProgressBar.line(label: "株洲高新区名单.csv", progress: p, elapsed: 3, width: 50)
        #expect(DisplayWidth.of(narrow) <= 49)
        #expect(narrow.hasPrefix("株洲高新区名单.csv [#####"))
        #expect(ProgressBar.clock(3725) == "1:02:05")
        #expect(ProgressBar.grouped(1234567) == "1,234,567")
        #expect(!ProgressBar.shouldShow(environment: ["CI": "true"]))
    }

    @Test("loading on a pipe or file shows no progress; --quiet prints nothing; --verbose prints phases")
    func loadOutput() throws {
        let dir = try CLI.temporaryDirectory()
        let registry = dir.appendingPathComponent("r.sqlite").path
        let quiet = try CLI.run(["load", "samples/filings", "--registry", registry, "--quiet"])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)\(quiet.stderr)")
        let other = dir.appendingPathComponent("v.sqlite").path
        let verbose = try CLI.run(["load", "samples/filings/parks-kfq-2018.csv", "--registry", other, "--verbose"])
        #expect(verbose.status == 0)
        #expect(verbose.stdout.contains("parse ") && verbose.stdout.contains("validate ") && verbose.stdout.contains("store "))
        #expect(!verbose.stderr.contains("\r") && !verbose.stderr.contains("rec/s"))
        let both = try CLI.run(["load", "samples/filings/parks-kfq-2018.csv", "--registry", other, "-q", "-v"])
        #expect(both.status == 64)
    }

    // MARK: Completions and manual

    @Test("completion scripts offer the commands, the plugins and the park completion hook")
    func completionScripts() throws {
        for shell in ["bash", "zsh", "fish"] {
            let r = try CLI.run(["--generate-completion-script", shell])
            #expect(r.status == 0)
            for word in ["load", "explain", "__complete plugins", "__complete args"] {
                #expect(r.stdout.contains(word), "\(shell) script lacks \(word)")
            }
        }
        let plugins = try CLI.run(["__complete", "plugins"])
        #expect(plugins.stdout.split(separator: "\n").map(String.init).starts(with: ["rank", "growth", "screen", "transfers", "incubators", "profile"]))
        #expect(try CLI.run(["__complete", "args", "rank", "--level"]).stdout == "national\nprovincial\nmunicipal\n")
        let args = try CLI.run(["__complete", "args", "rank"]).stdout
        #expect(args.contains("--within\n") && args.contains("--by\n"))
        #expect(try CLI.run(["__complete", "regions"]).stdout.contains("\n4302\n"))
        let parks = try SampleRegistry.run(["__complete", "parks"])
        #expect(parks.stdout.contains("zz-htz\n"))
        // The park hook reaches argument-parser's commands too.
        let bash = try CLI.run(["--generate-completion-script", "bash"]).stdout
        #expect(bash.contains("---completion") && bash.contains("show"))
    }

    @Test("the man page documents every command and every plugin")
    func manPage() throws {
        let r = try CLI.run(["--generate-man-page"])
        #expect(r.status == 0 && r.stdout.hasPrefix(".\\\""))
        for name in RegCtl.commandNames where name != "help" { #expect(r.stdout.contains(".SS regctl \(name)"), "\(name)") }
        for entry in BuiltInPlugins.all { #expect(r.stdout.contains(".SS regctl \(entry.plugin.descriptor.id)")) }
        for heading in ["ENVIRONMENT", "EXIT STATUS", "NO_COLOR", "REGCTL_REGISTRY"] { #expect(r.stdout.contains(heading)) }
        let committed = try String(contentsOf: CLI.root.appendingPathComponent("docs/regctl.1"), encoding: .utf8)
        #expect(committed == r.stdout, "docs/regctl.1 is stale: run scripts/gen-docs")
    }

    // MARK: Errors that teach

    @Test("unknown commands, options, values, parks and --within suggest the nearest valid ones")
    func suggestions() throws {
        let rnak = try CLI.run(["rnak"])
        #expect(rnak.status == 64 && rnak.stderr.contains("did you mean rank?"))
        let levl = try CLI.run(["rank", "--levl", "national"])
        #expect(levl.status == 64 && levl.stderr.contains("did you mean --level?"))
        let value = try SampleRegistry.run(["rank", "--level", "nationa"])
        #expect(value.status == 64 && value.stderr.contains("did you mean national?"))
        let within = try SampleRegistry.run(["rank", "--by", "park", "--within", "株洲高新区"])
        #expect(within.status == 64 && within.stderr.contains("did you mean zz-htz (株洲高新区)?"), "\(within.stderr)")
        let profile = try SampleRegistry.run(["profile", "株洲高新"])
        #expect(profile.stderr.contains("did you mean 株洲高新区 (zz-htz)?"), "\(profile.stderr)")
        let show = try SampleRegistry.run(["show", "zz-hzt"])
        #expect(show.status == 1 && show.stderr.contains("did you mean zz-htz?"), "\(show.stderr)")
        #expect(!show.stderr.contains("\u{1B}["), "no colour off a terminal")
    }

    // MARK: explain

    @Test("explain lists the firms behind a ranking row; their number is rank's count")
    func explain() throws {
        let options = ["--level", "national", "--by", "park", "--within", "43"]
        let rank = try SampleRegistry.run(["rank"] + options + ["--format", "json"])
        let row = try #require(try CLI.rows(rank.stdout).first { $0[1] == "zz-htz" })
        #expect(row[3] == "25")
        let r = try SampleRegistry.run(["explain"] + options + ["zz-htz", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try CLI.rows(r.stdout, columns: ["uscc", "name", "filing", "line"])
        #expect(Set(rows.map { $0[0] }).count == 25)
        #expect(rows.allSatisfy { !$0[2].isEmpty && Int($0[3]) != nil })
        for kind in ["prefecture", "province"] {
            let o = ["--level", "provincial", "--by", kind]
            let ranked = try CLI.rows(try SampleRegistry.run(["rank"] + o + ["--format", "json"]).stdout)
            for unit in ranked.prefix(3) {
                let e = try CLI.rows(try SampleRegistry.run(["explain"] + o + [unit[1], "--format", "json"]).stdout, columns: ["uscc", "name"])
                #expect(Set(e.map { $0[0] + $0[1] }).count == Int(unit[3]), "\(kind) \(unit)")
            }
        }
        let byName = try SampleRegistry.run(["explain"] + options + ["株洲高新区"])
        #expect(byName.status == 0 && byName.stdout.contains("25 distinct firms"))
        let typo = try SampleRegistry.run(["explain"] + options + ["zz-htx"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean zz-htz"))
    }

    // MARK: Tables and colour

    @Test("tables fit a narrow terminal without splitting Chinese characters; no limit, no cuts")
    func tableWidth() {
        let rows = [["1", "株洲高新技术产业开发区管理委员会", "430211", "25"], ["2", "长沙高新区", "430104", "41"]]
        let full = TableFormat.table(headers: ["rank", "name", "code", "count"], rightAligned: [true, false, false, true], rows: rows)
        #expect(full.contains("株洲高新技术产业开发区管理委员会"))
        let narrow = TableFormat.table(headers: ["rank", "name", "code", "count"], rightAligned: [true, false, false, true], rows: rows, maxWidth: 30)
        for line in narrow.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 30, "\(line)") }
        #expect(narrow.contains("株洲高新…  430211"))
        #expect(narrow.contains("   25") && narrow.contains("41"))
        #expect(DisplayWidth.truncate("株洲高新区", to: 6) == "株洲…")
        #expect(DisplayWidth.truncate("株洲高新区", to: 5) == "株洲…")
        #expect(DisplayWidth.truncate("abc", to: 5) == "abc")
    }

    @Test("NO_COLOR turns colour off, as does a pipe")
    func noColor() {
        #expect(Terminal.colourAllowed(isTTY: true, environment: [:]))
        #expect(!Terminal.colourAllowed(isTTY: true, environment: ["NO_COLOR": "1"]))
        #expect(!Terminal.colourAllowed(isTTY: false, environment: [:]))
        #expect(errorLabel(colour: false, words: Words(.en)) == "Error: ")
        #expect(errorLabel(colour: false, words: Words(.zh)) == "错误：")
        #expect(errorLabel(colour: true).contains("\u{1B}[31m"))
    }
}
