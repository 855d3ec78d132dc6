import ArgumentParser
import Foundation

/// Entry point: analyses (built-in plugins and external `regctl-NAME` executables) are dispatched
/// from their descriptors; everything else goes to the argument-parser commands.
@main
enum Main {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            if let plugin = BuiltInPlugins.plugin(id: first) {
                exit(PluginRunner(plugin: .builtIn(plugin)).run(Array(arguments.dropFirst())))
            }
            if !RegCtl.commandNames.contains(first), let external = ExternalPlugins.find(first) {
                exit(PluginRunner(plugin: .external(external)).run(Array(arguments.dropFirst())))
            }
        }
        await RegCtl.main()
    }
}
