import ArgumentParser
import Core
import Foundation

struct RegCtl: AsyncParsableCommand {
    /// regctl's version: `regctl --version` prints it, and the man page carries it.
    static let version = "0.1.0"

    /// Names of the commands that plugins can never shadow: the subcommands below, and `help`.
    static var commandNames: Set<String> { Set(configuration.subcommands.map { $0._commandName }).union(["help"]) }

    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "regctl",
        abstract: "A registry of China's innovation economy: designated firms, parks, incubators and technology transfer.",
        discussion: """
            Load filings (designation lists, incubator rosters, annual reports, transfer registers) as XML or \
            CSV into one SQLite registry, then ask it questions.

            Examples:
              regctl load samples/filings
              regctl rank --level national --by park --within 43
              regctl show 株洲高新区
              regctl explain --by park --within 43 zz-htz
              regctl filings
              regctl --generate-completion-script bash > /etc/bash_completion.d/regctl

            The registry is ./registry.sqlite unless --registry PATH or REGCTL_REGISTRY names another.

            ANALYSES (regctl NAME --help for each; regctl plugins lists external ones too):
            \(BuiltInPlugins.all.map { HelpText.item($0.plugin.descriptor.id, $0.plugin.descriptor.summary) }.joined(separator: "\n"))
            """,
        version: "regctl \(RegCtl.version)",
        subcommands: [Load.self, Filings.self, Firms.self, Resolve.self, Show.self, Explain.self, Export.self, Copy.self, Check.self, HTMLReportCommand.self, Plugins.self, Serve.self]
    ) }

    /// argument-parser's `main`, with Foundation's file errors put in the words of every other message.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: worded(error))
        }
    }
}
