import ArgumentParser
import Core
import Foundation

extension RegCtl {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.help(.exportAbstract, width: HelpText.optionHelpWidth),
            discussion: Words.help(.exportDiscussion))

        @OptionGroup var registry: RegistryOptions
        @Argument(help: ArgumentHelp(Words.option(.exportHelpDirectory)), completion: .directory) var directory: String
        // `--format`, as the other commands spell it, names the same choice.
        @Option(name: [.customLong("as"), .customLong("format")], help: ArgumentHelp(Words.option(.exportHelpAs))) var format: FilingFormat = .xml

        func run() throws {
            let summary = try Exporter(registry: try registry.open()).export(to: directory, format: format)
            var line = "wrote \(Plural.of(summary.written.count, "file")) to \(directory)"
            if !summary.removed.isEmpty {
                line += "; removed \(Plural.of(summary.removed.count, "file")) of filings no longer in the registry"
            }
            print(line)
            if !summary.foreign.isEmpty {
                printError("warning: \(directory) also holds \(Plural.of(summary.foreign.count, "file")) that regctl did not write, left as they are: \(summary.foreign.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))\(summary.foreign.count > 3 ? ", …" : "")")
            }
        }
    }
}

extension FilingFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { [xml, csv, xlsx].map(\.rawValue) }
}
