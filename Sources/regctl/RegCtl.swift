import ArgumentParser
import Core

@main
struct RegCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regctl",
        abstract: "A registry of China's innovation economy: designated firms, parks, incubators and technology transfer.",
        discussion: """
            Load filings (designation lists, incubator rosters, annual reports, transfer registers) as XML or \
            CSV into one SQLite registry, then ask it questions.

            Examples:
              regctl load samples/filings
              regctl rank --level national --by park --within 43
              regctl show 株洲高新区
              regctl filings

            The registry is ./registry.sqlite unless --registry PATH or REGCTL_REGISTRY names another.
            """,
        subcommands: [Load.self, Rank.self, Filings.self, Firms.self, Show.self, Export.self, Plugins.self]
    )
}
