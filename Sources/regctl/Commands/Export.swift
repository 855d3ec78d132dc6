import ArgumentParser
import Core

extension RegCtl {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the registry's current facts back out as filings.",
            discussion: """
                One filing per loaded filing, with its id, authority and issue date and the facts of it that \
                are still current. Loading the folder into an empty registry gives the same answers.

                Examples:
                  regctl export out/
                  regctl export out/ --as csv
                """)

        @OptionGroup var registry: RegistryOptions
        @Argument(help: "Folder to write the filings into (created if missing).") var directory: String
        @Option(name: .customLong("as"), help: "Format of the filings: xml or csv.") var format: FilingFormat = .xml

        func run() throws {
            let paths = try Exporter(registry: try registry.open()).export(to: directory, format: format)
            print("wrote \(paths.count) filings to \(directory)")
        }
    }
}

extension FilingFormat: ExpressibleByArgument {}
