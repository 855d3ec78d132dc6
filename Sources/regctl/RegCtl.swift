import ArgumentParser
import Core
import Foundation

struct RegCtl: AsyncParsableCommand {
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

            ANALYSES (regctl NAME --help for each; regctl plugins also lists external ones):
            \(BuiltInPlugins.all.map { "  \($0.plugin.descriptor.id.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.plugin.descriptor.summary)" }.joined(separator: "\n"))
            """,
        subcommands: [Load.self, Filings.self, Firms.self, Show.self, Explain.self, Export.self, Copy.self, Check.self, HTMLReportCommand.self, Plugins.self]
    ) }
}
