import ArgumentParser
import Core
import Foundation

/// Shell completion: argument-parser's scripts for the commands, extended with the plugins (which are
/// dispatched before argument-parser) and with values looked up at completion time through the hidden
/// command `regctl __complete WHAT …`:
///
/// - `__complete plugins` — plugin ids, built in and external (`regctl-NAME` on PATH);
/// - `__complete parks` — park ids in the registry (`--registry` on the line, else REGCTL_REGISTRY,
///   else ./registry.sqlite), nothing when there is none;
/// - `__complete regions` — province and prefecture codes (43, 4302), from the region table;
/// - `__complete args ID WORD…` — for `regctl ID WORD… <TAB>`: the values of the option just typed,
///   else the plugin's options and its positional values.
enum Completions {
    static let hiddenCommand = "__complete"

    /// Runs `regctl __complete …`; returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        guard let what = arguments.first else { return PluginRunner.usageError }
        let rest = Array(arguments.dropFirst())
        let words: [String]
        switch what {
        case "plugins": words = pluginIDs()
        case "parks": words = parkIDs(registry: registryOption(in: rest))
        case "regions": words = regionCodes()
        case "args":
            guard let id = rest.first else { return PluginRunner.usageError }
            words = pluginArguments(id: id, words: Array(rest.dropFirst()))
        default: return PluginRunner.usageError
        }
        for w in words { print(w) }
        return 0
    }

    static func pluginIDs() -> [String] {
        var ids = BuiltInPlugins.all.map(\.plugin.descriptor.id)
        for c in ExternalPlugins.candidates() where c.problem == nil && !ids.contains(c.name) && !RegCtl.commandNames.contains(c.name) {
            ids.append(c.name)
        }
        return ids
    }

    static func registryOption(in words: [String]) -> String? {
        for (i, w) in words.enumerated() {
            if w.hasPrefix("--registry=") { return String(w.dropFirst("--registry=".count)) }
            if w == "--registry", i + 1 < words.count { return words[i + 1] }
        }
        return nil
    }

    /// Park ids of the registry; empty when it does not exist or cannot be read.
    static func parkIDs(registry: String? = nil) -> [String] {
        var options = RegistryOptions()
        options.registry = registry
        guard FileManager.default.fileExists(atPath: options.path) || options.path.contains("://"), let store = try? options.open() else { return [] }
        return ((try? store.parks()) ?? []).map(\.value.id).sorted()
    }

    /// Ids of the registry's filings, in load order; empty when it does not exist or cannot be read.
    static func filingIDs(registry: String? = nil) -> [String] {
        var options = RegistryOptions()
        options.registry = registry
        guard FileManager.default.fileExists(atPath: options.path) || options.path.contains("://"), let store = try? options.open() else { return [] }
        return ((try? store.filings()) ?? []).map(\.header.id)
    }

    /// Province (2-digit) and prefecture (4-digit) codes in use.
    static func regionCodes() -> [String] {
        RegionTable.upperLevelUnits.map(\.code)
    }

    /// Values for --within and rank-like units: region codes and park ids.
    static func withinValues(registry: String? = nil) -> [String] {
        regionCodes() + parkIDs(registry: registry)
    }

    /// Completions after `regctl ID words…`.
    static func pluginArguments(id: String, words: [String]) -> [String] {
        guard let descriptor = BuiltInPlugins.plugin(id: id)?.descriptor ?? ExternalPlugins.find(id)?.descriptor else { return [] }
        let registry = registryOption(in: words)
        if let last = words.last, last.hasPrefix("--"), !last.contains("=") {
            let name = String(last.dropFirst(2))
            switch name {
            // svg only for a plugin that draws a chart (external plugins may: their reports say so).
            case "format": return OutputFormat.allCases.map(\.rawValue).filter { $0 != "svg" || !BuiltInPlugins.all.contains { $0.plugin.descriptor.id == id } || BuiltInPlugins.charted.contains(id) } + ["xlsx"]
            case "as-of", "registry", "output": return []
            default: break
            }
            if let spec = descriptor.parameters.first(where: { $0.name == name }) {
                switch spec.kind {
                case .choice(let values): return values
                case .flag: break
                case .text: return values(for: spec, registry: registry)
                case .integer, .date: return []
                }
            }
        }
        var out = descriptor.parameters.map { "--" + $0.name } + PluginRunner.common.map { "--" + $0.name } + ["--help"]
        let givenPositionals = words.enumerated().filter { i, w in
            !w.hasPrefix("-") && !(i > 0 && words[i - 1].hasPrefix("--") && !words[i - 1].contains("=") && !isFlag(words[i - 1], descriptor))
        }.count
        let positionals = descriptor.parameters.filter(\.positional)
        if givenPositionals < positionals.count { out += values(for: positionals[givenPositionals], registry: registry) }
        return out
    }

    private static func isFlag(_ word: String, _ d: PluginDescriptor) -> Bool {
        guard let spec = d.parameters.first(where: { "--" + $0.name == word }) else { return word == "--help" }
        if case .flag = spec.kind { return true }
        return false
    }

    /// Values of a text parameter, guessed from its name: parks, regions.
    private static func values(for spec: ParameterSpec, registry: String?) -> [String] {
        switch spec.name {
        case "park": parkIDs(registry: registry)
        case "within", "region": withinValues(registry: registry)
        default: []
        }
    }

    // MARK: - Scripts

    /// argument-parser's script for `shell`, with the plugins added.
    static func script(for shell: CompletionShell) -> String {
        let base = RegCtl.completionScript(for: shell)
        // Commands run by the plugin runner (explain) complete as plugins do: argument-parser knows none of their options.
        let commands = RegCtl.commandNames.filter { BuiltInPlugins.plugin(id: $0) == nil }.sorted().joined(separator: " ")
        // What --lang takes, as `Language(argument:)` reads it.
        let languages = Language.allCases.map(\.rawValue).joined(separator: " ")
        switch shell {
        case .bash:
            // argument-parser's `_regctl` becomes `_regctl_commands`; `_regctl` first offers plugins.
            return base.replacingOccurrences(of: "\n_regctl() {\n", with: "\n_regctl_commands() {\n") + """

                # --lang is taken out of the arguments before anything parses them (Main): it completes
                # everywhere, and the rest of the line completes as if it were not there.
                _regctl() {
                    local cur="${COMP_WORDS[COMP_CWORD]}"
                    if [[ "${COMP_CWORD}" -ge 1 && "${COMP_WORDS[COMP_CWORD-1]}" == --lang ]]; then
                        COMPREPLY=($(compgen -W "\(languages)" -- "${cur}"))
                        return
                    fi
                    if [[ "${cur}" == --lang=* ]]; then
                        COMPREPLY=($(compgen -W "\(languages.split(separator: " ").map { "--lang=" + $0 }.joined(separator: " "))" -- "${cur}"))
                        return
                    fi
                    local -a kept=()
                    local i word cword="${COMP_CWORD}"
                    for (( i = 0; i < ${#COMP_WORDS[@]}; i++ )); do
                        if (( i < COMP_CWORD )) && [[ "${COMP_WORDS[i]}" == --lang ]]; then
                            (( i++ )); (( cword -= 2 )); continue
                        fi
                        if (( i < COMP_CWORD )) && [[ "${COMP_WORDS[i]}" == --lang=* ]]; then
                            (( cword -= 1 )); continue
                        fi
                        kept+=("${COMP_WORDS[i]}")
                    done
                    local -a COMP_WORDS=("${kept[@]}")
                    local COMP_CWORD="${cword}"
                    # argument-parser's function reads the word and the one before it from its arguments.
                    _regctl_line "${1:-${COMP_WORDS[0]}}" "${cur}" "${COMP_WORDS[COMP_CWORD-1]}"
                    if [[ "${cur}" == -* ]]; then
                        while IFS='' read -r word; do COMPREPLY+=("${word}"); done < <(compgen -W "--lang" -- "${cur}")
                    fi
                }

                # Plugins are dispatched before argument-parser: their ids, options and values come from
                # `regctl __complete` (park ids from the registry, region codes from the region table).
                _regctl_line() {
                    local cur="${COMP_WORDS[COMP_CWORD]}"
                    local prev=""
                    if [[ "${COMP_CWORD}" -ge 1 ]]; then prev="${COMP_WORDS[COMP_CWORD-1]}"; fi
                    local word
                    COMPREPLY=()
                    if [[ "${COMP_CWORD}" -ge 2 && " \(commands) " != *" ${COMP_WORDS[1]} "* && "${COMP_WORDS[1]}" != -* ]]; then
                        if [[ "${prev}" == --registry ]]; then
                            while IFS='' read -r word; do COMPREPLY+=("${word}"); done < <(compgen -f -- "${cur}")
                            return
                        fi
                        while IFS='' read -r word; do COMPREPLY+=("${word}"); done < <(IFS=$'\\n' compgen -W "$("${COMP_WORDS[0]}" __complete args "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null)" -- "${cur}")
                        return
                    fi
                    # argument-parser's function reads the word and the one before it from its arguments.
                    _regctl_commands "${1:-${COMP_WORDS[0]}}" "${cur}" "${prev}"
                    if [[ "${COMP_CWORD}" -eq 1 && "${cur}" != -* ]]; then
                        while IFS='' read -r word; do COMPREPLY+=("${word}"); done < <(IFS=$'\\n' compgen -W "$("${COMP_WORDS[0]}" __complete plugins 2>/dev/null)" -- "${cur}")
                    fi
                }

                complete -o filenames -F _regctl regctl

                """
        case .zsh:
            let body = base.replacingOccurrences(of: "\n_regctl() {\n", with: "\n_regctl_commands() {\n")
            let wrapper = """
                # Plugins are dispatched before argument-parser: their ids, options and values come from
                # `regctl __complete` (park ids from the registry, region codes from the region table).
                _regctl() {
                    local -a candidates
                    # --lang is taken out before anything parses the line (Main): it completes everywhere,
                    # and the rest completes as if it were not there.
                    if [[ "${words[CURRENT-1]}" == --lang ]]; then
                        compadd \(languages)
                        return
                    fi
                    local i=2
                    while (( i < CURRENT )); do
                        if [[ "${words[i]}" == --lang ]]; then
                            words[i,i+1]=()
                            (( CURRENT -= 2 ))
                        elif [[ "${words[i]}" == --lang=* ]]; then
                            words[i]=()
                            (( CURRENT -= 1 ))
                        else
                            (( i++ ))
                        fi
                    done
                    if [[ "${words[CURRENT]}" == -* ]]; then
                        compadd -- --lang
                    fi
                    if (( CURRENT > 2 )) && [[ " \(commands) " != *" ${words[2]} "* && "${words[2]}" != -* ]]; then
                        if [[ "${words[CURRENT-1]}" == --registry ]]; then
                            _files
                            return
                        fi
                        candidates=("${(@f)$("${words[1]}" __complete args "${(@)words[2,CURRENT-1]}" 2>/dev/null)}")
                        compadd -a candidates
                        return
                    fi
                    _regctl_commands "$@"
                    if (( CURRENT == 2 )); then
                        candidates=("${(@f)$("${words[1]}" __complete plugins 2>/dev/null)}")
                        compadd -a candidates
                    fi
                }


                """
            let tail = "if [[ \"${funcstack[1]}\" = _regctl ]]; then"
            if let r = body.range(of: tail, options: .backwards) {
                return String(body[..<r.lowerBound]) + wrapper + String(body[r.lowerBound...])
            }
            return body + "\n" + wrapper + "compdef _regctl regctl\n"
        case .fish:
            // argument-parser's parser takes a plugin id for a positional argument of the root command
            // and keeps offering subcommands after it; a catch-all case makes it a command level of its own.
            // The catch-all goes after the last command's case (`help`), whatever options argument-parser lists for it.
            var patched = base
            // --lang is taken out before anything parses the line (Main): argument-parser's parser reads
            // the line without it, through a `__regctl_tokens` that drops it, so the rest completes as if
            // it were not there.
            patched = patched.replacingOccurrences(of: "function __regctl_tokens\n", with: """
                function __regctl_tokens
                    set -l skip 0
                    for t in (__regctl_tokens_with_lang $argv)
                        if test $skip = 1
                            set skip 0
                            continue
                        end
                        if test "$t" = --lang
                            set skip 1
                            continue
                        end
                        string match -q -- '--lang=*' $t; and continue
                        printf '%s\\n' $t
                    end
                end

                function __regctl_tokens_with_lang

                """)
            if let help = base.range(of: "        case 'help'\n"), let end = base[help.upperBound...].range(of: "\n") {
                patched.insert(contentsOf: "        case '?*'\n            set -a commands $unparsed_tokens[1]\n", at: end.upperBound)
            }
            return patched + """

                # Plugins are dispatched before argument-parser: their ids, options and values come from
                # `regctl __complete` (park ids from the registry, region codes from the region table).
                function __regctl_is_plugin_line
                    set -l tokens (__regctl_tokens -pc)
                    test (count $tokens) -ge 2; or return 1
                    contains -- $tokens[2] (string split ' ' '\(commands)'); and return 1
                    string match -q -- '-*' $tokens[2]; and return 1
                    return 0
                end
                function __regctl_plugin_args
                    set -l tokens (__regctl_tokens -pc)
                    $tokens[1] __complete args $tokens[2..-1] 2>/dev/null
                end
                function __regctl_after_registry
                    set -l tokens (commandline -opc)
                    test "$tokens[-1]" = --registry
                end
                # --lang is every command's (taken out before anything parses the line).
                complete -c regctl -l lang -x -a '\(languages)' -d '\(Words.current(.completionLangHelp).replacingOccurrences(of: "'", with: "\\'"))'
                # No command yet: fish's __fish_use_subcommand would take --lang's value for one.
                function __regctl_at_command
                    for t in (__regctl_tokens -pc)[2..-1]
                        string match -q -- '-*' $t; or return 1
                    end
                    return 0
                end
                complete -c regctl -n '__regctl_at_command' -f -a '(regctl __complete plugins 2>/dev/null)'
                complete -c regctl -n '__regctl_is_plugin_line; and not __regctl_after_registry' -f -a '(__regctl_plugin_args)'
                complete -c regctl -n '__regctl_is_plugin_line; and __regctl_after_registry' -F

                """
        default:
            return base
        }
    }

    // MARK: - Manual

    /// A man page (roff, section 1) from the same help the commands and plugins print.
    static func manPage() -> String {
        func esc(_ s: String) -> String {
            s.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                var l = line.replacingOccurrences(of: "\\", with: "\\e")
                if l.hasPrefix(".") || l.hasPrefix("'") { l = "\\&" + l }
                return l
            }.joined(separator: "\n")
        }
        func block(_ text: String) -> String { ".nf\n" + esc(text.trimmingCharacters(in: .newlines)) + "\n.fi\n" }
        var out = """
            .\\" Generated by `regctl --generate-man-page`; do not edit. Regenerate with scripts/gen-docs.
            .TH REGCTL 1 "" "regctl \(RegCtl.version)" "User Commands"
            .SH NAME
            regctl \\- \(esc(RegCtl.configuration.abstract))
            .SH SYNOPSIS
            .B regctl
            .I command
            [\\fIoptions\\fR]
            .br
            .B regctl
            .I plugin
            [\\fIoptions\\fR]
            .SH DESCRIPTION

            """
        out += block(RegCtl.configuration.discussion)
        out += ".SH COMMANDS\n"
        func add(_ command: any ParsableCommand.Type, path: [String]) {
            let name = (path + [command._commandName]).joined(separator: " ")
            out += ".SS \(esc(name))\n"
            out += block(RegCtl.helpMessage(for: command, includeHidden: false, columns: HelpText.width))
            for sub in command.configuration.subcommands { add(sub, path: path + [command._commandName]) }
        }
        for sub in RegCtl.configuration.subcommands { add(sub, path: ["regctl"]) }
        out += ".SH ANALYSES\nEach analysis is a plugin run as \\fBregctl ID\\fR; external plugins are executables \\fBregctl-NAME\\fR on PATH (see \\fBregctl plugins\\fR).\n"
        for entry in BuiltInPlugins.all {
            out += ".SS regctl \(esc(entry.plugin.descriptor.id))\n"
            out += block(PluginRunner(plugin: .builtIn(entry.plugin)).help)
        }
        out += """
            .SH ENVIRONMENT
            .TP
            .B REGCTL_REGISTRY
            The registry when \\fB\\-\\-registry\\fR is not given: a SQLite file, or postgres://user@host:port/db (default ./registry.sqlite).
            .TP
            .B REGCTL_BUSY_TIMEOUT
            Seconds a writer waits for another process's load (default 10).
            .TP
            .B NO_COLOR
            When set to a non-empty value, no colour is used (error labels are red on a terminal otherwise).
            .TP
            .B COLUMNS
            Width of the terminal for table output; tables wider than it are shortened with \\(lq…\\(rq. Ignored when standard output is not a terminal.
            .TP
            .B CI
            When set (and not false or 0), no progress bar is drawn.
            .SH EXIT STATUS
            0 on success; 1 when the work failed (a filing refused, nothing found, a damaged registry); 64 for a usage error (unknown option, bad value).
            .SH FILES
            ./registry.sqlite, the default registry (SQLite, WAL mode).
            .SH SEE ALSO
            README.md, docs/output.md, docs/analytics.md, docs/filing-format.md, docs/plugins.md.

            """
        return out
    }
}

extension RegionTable {
    /// Province (2-digit) and prefecture (4-digit) unit codes in use, with their names, in code order.
    static var upperLevelUnits: [(code: String, name: String)] {
        var out: [(String, String)] = []
        for p in 10...99 {
            let code = String(p)
            guard let name = RegionTable.name(ofUnit: code) else { continue }
            out.append((code, name))
            for q in 1...99 {
                let pref = code + String(format: "%02d", q)
                if let n = RegionTable.name(ofUnit: pref) { out.append((pref, n)) }
            }
        }
        return out
    }
}
