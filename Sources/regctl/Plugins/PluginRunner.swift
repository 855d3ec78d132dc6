import Core
import Foundation
import PostgresRegistry

/// Runs an analysis from the command line: parses its arguments against its descriptor, opens the
/// registry, runs it and renders the report. Built-in and external plugins share all of this.
struct PluginRunner {
    enum Kind {
        case builtIn(any AnalyticsPlugin)
        case external(ExternalPlugin)
    }

    let plugin: Kind

    /// Exit statuses as argument-parser uses them.
    static let usageError: Int32 = 64

    /// Options every analysis takes, besides its own parameters.
    static var common: [(name: String, value: String, help: String)] { [
        ("as-of", "date", Words.current(.pluginHelpAsOf)),
        ("format", "format", Words.current(.pluginHelpFormat, ["charts": .text(BuiltInPlugins.charted.joined(separator: ", "))])),
        ("money-unit", "unit", Words.current(.pluginHelpMoneyUnit)),
        ("registry", "path|url", Words.current(.registryOptionsHelpRegistry)),
        ("output", "file", Words.current(.pluginHelpOutput)),
        ("bom", "", Words.current(.formatOptionsHelpBom)),
    ] }

    /// What the command line asked for.
    struct Invocation {
        var parameters: [String: String] = [:]
        var asOf: Day?
        var format: OutputFormat = .table
        var money: MoneyUnit = .yuan
        /// `--format xlsx`: an Excel workbook (not a text format, so not one of `format`'s).
        var workbook = false
        /// `-o FILE`, `--output FILE`.
        var file: String?
        var bom = false
        var registry: String?
        var help = false

        /// Where and how the report is written.
        var destination: ReportOutput {
            ReportOutput(shape: workbook ? .workbook : .text(format), file: file, bom: bom, style: NumberStyle(money: money), words: Words.current)
        }
    }

    var descriptor: PluginDescriptor? {
        switch plugin {
        case .builtIn(let p): p.descriptor
        case .external(let e): e.descriptor
        }
    }

    /// The descriptor with its texts in the reader's language, for help.
    var wordedDescriptor: PluginDescriptor? {
        switch plugin {
        case .builtIn(let p): p.descriptor.words(in: Words.current.language, catalogue: Words.catalogue)
        case .external(let e): e.descriptor?.words(in: Words.current.language, catalogue: e.messages)
        }
    }

    var id: String {
        switch plugin {
        case .builtIn(let p): p.descriptor.id
        case .external(let e): e.name
        }
    }

    /// Runs and returns the process exit status.
    func run(_ arguments: [String]) -> Int32 {
        let invocation: Invocation
        do {
            invocation = try parse(arguments, commandLine: true)
        } catch {
            // A value the descriptor refuses is Core's or the plugin's message; word it as the run does.
            let said = (error as? AnalysisError)?.words(.current) ?? "\(error)"
            // Only the usage is argument-parser's shape, to be put in words and fitted as help is: the
            // message is already the reader's and may be wider than a help row.
            printError("\(errorLabel())\(said)\n" + HelpText.localized("\(usage)\n", .current) + Words.current(.pluginSeeHelp, ["id": .text(id)]))
            return PluginRunner.usageError
        }
        if invocation.help {
            print(HelpText.localized(help, .current))
            return 0
        }
        do {
            var registry = RegistryOptions()
            registry.registry = invocation.registry
            let store = try registry.open()
            let (date, source) = try AsOf.resolve(invocation.asOf, registry: store)
            let request = PluginRequest(asOf: date, asOfSource: source, parameters: invocation.parameters)
            let report: Report
            switch plugin {
            case .builtIn(let p):
                report = try p.run(request, registry: store)
            case .external(let e):
                // A PostgreSQL registry goes to the plugin as its connection string (on the plugin's stdin,
                // never on a command line); a file as its absolute path.
                let location = ConnectionString.isPostgres(registry.path) ? registry.path : URL(fileURLWithPath: registry.path).standardizedFileURL.path
                report = try e.run(request, registryPath: location)
            }
            // A report of a plugin that can chart may still have none (a view without a chart): the
            // report decides, the descriptors name the plugins to try instead.
            if invocation.format == .svg, report.chart == nil {
                let charted = BuiltInPlugins.charted.joined(separator: ", ")
                printError(errorLabel(colour: false) + Words.current(.pluginNoChart, ["id": .text(id), "title": .text(Words.current(report.wordedTitle)), "charts": .text(charted)]))
                return PluginRunner.usageError
            }
            try invocation.destination.write(report)
            return 0
        } catch let e as AnalysisError {
            printError("\(errorLabel())\(e.words(.current))")
            if case .failed = e { return 1 }
            return PluginRunner.usageError
        } catch {
            let error = worded(error)
            printError("\(errorLabel())\((error as? LocalizedError)?.errorDescription ?? "\(error)")")
            return 1
        }
    }

    struct ArgumentError: Error, CustomStringConvertible {
        var description: String
    }

    /// `--name value`, `--name=value`, `--flag`, and positional parameters in order. Only the command
    /// line (`commandLine`) writes files and workbooks: `--format xlsx`, `-o`, `--output` and `--bom`
    /// are refused elsewhere (the web's requests come through here too).
    func parse(_ arguments: [String], commandLine: Bool = false, words w: Words = .current) throws -> Invocation {
        var inv = Invocation()
        let specs = descriptor?.parameters ?? []
        var positional = specs.filter(\.positional)
        var i = 0
        func value(_ name: String, _ inline: String?) throws -> String {
            if let inline { return inline }
            i += 1
            guard i < arguments.count else { throw ArgumentError(description: w(.pluginMissingValue, ["name": .text(name)])) }
            return arguments[i]
        }
        while i < arguments.count {
            let arg = arguments[i]
            if arg == "-h" || arg == "--help" {
                inv.help = true
            } else if arg == "-o", commandLine {
                inv.file = try value("output", nil)
            } else if arg.hasPrefix("--") {
                var name = String(arg.dropFirst(2))
                var inline: String?
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                switch name {
                case "as-of":
                    let v = try value(name, inline)
                    guard let d = Day(v) else { throw ArgumentError(description: w(.pluginBadDate, ["value": .text(v)])) }
                    inv.asOf = d
                case "format":
                    let v = try value(name, inline)
                    if v == "xlsx" {
                        // A workbook is written to a file or a pipe by the command line; the web's
                        // requests, parsed here too, cannot ask for one yet.
                        guard commandLine else { throw ArgumentError(description: w(.pluginXLSXCommandLineOnly, ["id": .text(id)])) }
                        inv.workbook = true
                        inv.format = .table
                    } else {
                        guard let f = OutputFormat(rawValue: v) else { throw ArgumentError(description: w(.pluginBadFormat, ["value": .text(v)])) }
                        inv.format = f
                        inv.workbook = false
                    }
                case "money-unit":
                    let v = try value(name, inline)
                    guard let m = MoneyUnit(rawValue: v) else { throw ArgumentError(description: w(.pluginBadMoneyUnit, ["value": .text(v)])) }
                    inv.money = m
                case "output" where commandLine:
                    inv.file = try value(name, inline)
                case "bom" where commandLine:
                    guard inline == nil else { throw ArgumentError(description: w(.pluginBomTakesNoValue)) }
                    inv.bom = true
                case "registry":
                    inv.registry = try value(name, inline)
                default:
                    if let spec = specs.first(where: { $0.name == name }) {
                        if case .flag = spec.kind { inv.parameters[name] = inline ?? "true" } else { inv.parameters[name] = try value(name, inline) }
                    } else if descriptor == nil {
                        // An external plugin without a descriptor takes whatever it is given.
                        if i + 1 < arguments.count, inline == nil, !arguments[i + 1].hasPrefix("--") { inv.parameters[name] = try value(name, inline) } else { inv.parameters[name] = inline ?? "true" }
                    } else {
                        let known = specs.map(\.name) + PluginRunner.common.map(\.name) + ["help"]
                        let near = Suggestions.nearest(name, among: known).map { "--" + $0 }
                        throw ArgumentError(description: w(.pluginUnknownOption, ["name": .text(name),
                            "suggestion": .text(near.isEmpty ? "" : w(.pluginUnknownOptionSuggestion, ["options": .text(w.orList(near))]))]))
                    }
                }
            } else if !positional.isEmpty {
                inv.parameters[positional.removeFirst().name] = arg
            } else {
                throw ArgumentError(description: w(.pluginUnexpectedArgument, ["argument": .text(arg)]))
            }
            i += 1
        }
        if !inv.help, let descriptor {
            // Check values now, so that a typo is a usage error before any work is done.
            _ = try Parameters(PluginRequest(asOf: Day.startOf(year: 2000), parameters: inv.parameters), descriptor: descriptor)
            for spec in specs where spec.positional && spec.defaultValue == nil && inv.parameters[spec.name] == nil {
                throw ArgumentError(description: w(.pluginMissingPositional, ["name": .text(spec.name)]))
            }
        }
        if commandLine, !inv.help, let problem = inv.destination.problem(standardOutputIsTerminal: Terminal.isTTY(STDOUT_FILENO)) {
            throw ArgumentError(description: problem)
        }
        return inv
    }

    var usage: String { "Usage: " + usageWords.joined(separator: " ") }

    /// The usage line's words: the command, then each option with its value, never split.
    var usageWords: [String] {
        guard let d = descriptor else { return ["regctl", id, "[--NAME VALUE …]", "[--as-of <date>]", "[--format <format>]", "[--registry <path|url>]"] }
        let params = d.parameters.map { p -> String in
            if p.positional { return p.defaultValue == nil ? "<\(p.name)>" : "[<\(p.name)>]" }
            if case .flag = p.kind { return "[--\(p.name)]" }
            return "[--\(p.name) <\(PluginRunner.valueName(p))>]"
        }
        return ["regctl \(d.id)"] + params + ["[--as-of <date>]", "[--format <format>]", "[--registry <path|url>]"]
    }

    static func valueName(_ p: ParameterSpec) -> String {
        switch p.kind {
        case .text: p.name
        case .integer: "n"
        case .date: "date"
        case .flag: ""
        case .choice: p.name
        }
    }

    /// Help built from the descriptor: summary, discussion, usage, parameters, examples.
    var help: String {
        guard let d = wordedDescriptor else {
            if case .external(let e) = plugin {
                return Words.current(.pluginNoDescription, ["name": .text(e.name), "path": .text(e.path)]) + "\n\n\(usage)"
            }
            return usage
        }
        return "OVERVIEW: \(wrap(d.summary, indent: "", first: "OVERVIEW: ".count))\n" + helpBody
    }

    /// The help after its overview line: discussion, usage, options and examples (`regctl explain`'s
    /// command shows it under argument-parser's overview).
    var helpBody: String {
        guard let d = wordedDescriptor else { return "" }
        var out = ""
        if !d.discussion.isEmpty { out += "\n" + wrap(d.discussion, indent: "") + "\n" }
        if case .external(let e) = plugin { out += "\nExternal plugin: \(e.path)\n" }
        out += "\nUSAGE: " + PluginRunner.wrap(words: usageWords, indent: "         ", first: "USAGE: ".count) + "\n\nOPTIONS:\n"
        var rows: [(String, String)] = []
        for p in d.parameters {
            var left = p.positional ? "<\(p.name)>" : "--\(p.name)"
            if !p.positional, case .flag = p.kind {} else if !p.positional { left += " <\(PluginRunner.valueName(p))>" }
            var text = p.help
            if case .choice(let options) = p.kind { text += " " + Words.current(.parserValues, ["values": .text(options.joined(separator: ", "))]) }
            if let def = p.defaultValue, def != "false" { text += " " + Words.current(.parserDefault, ["value": .text(def)]) }
            rows.append((left, text))
        }
        for c in PluginRunner.common { rows.append((c.value.isEmpty ? "--\(c.name)" : "--\(c.name) <\(c.value)>", c.help)) }
        rows.append(("-h, --help", Words.current(.parserShowHelp)))
        let width = min(28, rows.map { $0.0.count }.max() ?? 0)
        for (left, text) in rows {
            let pad = left.count >= width ? "\n" + String(repeating: " ", count: width + 2) : String(repeating: " ", count: width - left.count)
            out += "  \(left)\(pad)  \(wrap(text, indent: String(repeating: " ", count: width + 4), first: width + 4))\n"
        }
        if !d.examples.isEmpty {
            out += "\nEXAMPLES:\n"
            for e in d.examples {
                out += "  " + PluginRunner.commandLines(["regctl", d.id] + e.arguments.map(PluginRunner.shellQuote), indent: 2) + "\n"
                out += "      \(wrap(e.explanation, indent: "      ", first: 6))\n"
            }
        }
        return out
    }

    static func shellQuote(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Help lines are wrapped to this many columns, so that help fits a standard terminal.
    static let helpWidth = HelpText.width

    /// Wraps text at `helpWidth` columns, never inside a `quoted command` (it is copied whole).
    private func wrap(_ text: String, indent: String, first: Int = 0) -> String {
        // Chinese breaks between characters, which only HelpText's wrapping knows (English help with a
        // Chinese name in it keeps breaking at spaces only, as it always has).
        if Words.current.language != .en, text.unicodeScalars.contains(where: { DisplayWidth.width($0) == 2 }) {
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
                HelpText.wrap(String(line), width: PluginRunner.helpWidth - max(first, indent.count), indent: indent)
            }.joined(separator: "\n" + indent)
        }
        return PluginRunner.wrap(words: PluginRunner.unbreakableWords(text), indent: indent, first: first)
    }

    /// Words separated by spaces, a `quoted command` counting as one word.
    static func unbreakableWords(_ text: String) -> [String] {
        var words: [String] = []
        var open = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if open, let last = words.popLast() { words.append(last + " " + word) } else { words.append(String(word)) }
            if word.filter({ $0 == "`" }).count % 2 == 1 { open.toggle() }
        }
        return words
    }

    /// A command in lines of at most `helpWidth` columns, continued with ` \` so that it still
    /// runs when copied whole; an option stays on the line of its value.
    static func commandLines(_ words: [String], indent: Int) -> String {
        var groups: [String] = []
        for word in words {
            if let last = groups.last, last.hasPrefix("--"), !last.contains(" "), !word.hasPrefix("--") { groups[groups.count - 1] += " " + word } else { groups.append(word) }
        }
        var lines: [String] = []
        var line = ""
        for group in groups {
            if !line.isEmpty && indent + DisplayWidth.of(line) + 1 + DisplayWidth.of(group) + 2 > helpWidth {
                lines.append(line + " \\")
                line = "    " + group
            } else {
                line += (line.isEmpty ? "" : " ") + group
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    /// Words in lines of at most `helpWidth` columns (a longer word stands alone); lines after the
    /// first start with `indent`, the first has `first` columns used already.
    static func wrap(words: [String], indent: String, first: Int = 0) -> String {
        var lines: [String] = []
        var line = ""
        var limit = helpWidth - first
        for word in words {
            if !line.isEmpty && DisplayWidth.of(line) + DisplayWidth.of(word) + 1 > limit {
                lines.append(line)
                line = word
                limit = helpWidth - indent.count
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n" + indent)
    }
}
