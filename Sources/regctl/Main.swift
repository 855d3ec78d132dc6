import ArgumentParser
import Core
import Foundation

/// Entry point: analyses (built-in plugins and external `regctl-NAME` executables) are dispatched
/// from their descriptors; everything else goes to the argument-parser commands.
@main
enum Main {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
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
                    printError("\(errorLabel()) --generate-completion-script takes bash, zsh or fish\(Suggestions.didYouMean(name, among: ["bash", "zsh", "fish"]).ifEmpty("."))")
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
                printError("\(errorLabel()) '\(first)' is not a command or plugin of regctl\(Suggestions.didYouMean(first, among: known).ifEmpty("."))\nCommands: \(RegCtl.commandNames.filter { $0 != "help" }.sorted().joined(separator: ", ")); plugins: \(Completions.pluginIDs().joined(separator: ", ")). See 'regctl --help'.")
                exit(PluginRunner.usageError)
            }
        }
        await RegCtl.main()
    }
}
