import ArgumentParser
import Core
import Foundation

/// Entry point: analyses (built-in plugins and external `regctl-NAME` executables) are dispatched
/// from their descriptors; everything else goes to the argument-parser commands.
@main
enum Main {
    static func main() async {
        // `--lang` is everyone's option: taken out here, so that no command or plugin parses it.
        let arguments: [String]
        do {
            arguments = try CommandLineLanguage.extract(Array(CommandLine.arguments.dropFirst())).rest
        } catch {
            let words = Words.current
            printError("\(errorLabel())\(words(.unknownLanguage, ["value": .text(error.value)]))")
            exit(PluginRunner.usageError)
        }
        let w = Words.current
        if let first = arguments.first {
            if first == Completions.hiddenCommand { exit(Completions.run(Array(arguments.dropFirst()))) }
            if first == "--generate-man-page" {
                print(Completions.manPage(), terminator: "")
                exit(0)
            }
            if first == "--generate-completion-script" || first.hasPrefix("--generate-completion-script=") {
                let name = first.contains("=") ? String(first.split(separator: "=", maxSplits: 1)[1])
                    : arguments.count > 1 ? arguments[1] : CompletionShell.autodetected()?.rawValue ?? ""
                guard let shell = CompletionShell(rawValue: name) else {
                    printError("\(errorLabel())\(w(.completionShellUnknown, ["suggestion": .text(w.didYouMean(name, among: ["bash", "zsh", "fish"]))]))")
                    exit(PluginRunner.usageError)
                }
                print(Completions.script(for: shell), terminator: "")
                exit(0)
            }
            // `regctl help PLUGIN` is `regctl PLUGIN --help`.
            if first == "help", arguments.count == 2, let plugin = BuiltInPlugins.plugin(id: arguments[1]) {
                exit(PluginRunner(plugin: .builtIn(plugin)).run(["--help"]))
            }
        }
        if let first = arguments.first, !first.hasPrefix("-") {
            if let plugin = BuiltInPlugins.plugin(id: first) {
                exit(PluginRunner(plugin: .builtIn(plugin)).run(Array(arguments.dropFirst())))
            }
            if !RegCtl.commandNames.contains(first), let external = ExternalPlugins.find(first) {
                exit(PluginRunner(plugin: .external(external)).run(Array(arguments.dropFirst())))
            }
            if !RegCtl.commandNames.contains(first) {
                let known = RegCtl.commandNames.sorted() + Completions.pluginIDs()
                printError("\(errorLabel())\(w(.unknownCommand, ["name": .text(first), "suggestion": .text(w.didYouMean(first, among: known)), "commands": .text(RegCtl.commandNames.filter { $0 != "help" }.sorted().joined(separator: ", ")), "plugins": .text(Completions.pluginIDs().joined(separator: ", "))]))")
                exit(PluginRunner.usageError)
            }
        }
        await RegCtl.main(arguments)
    }
}
