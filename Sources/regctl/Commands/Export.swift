import ArgumentParser
import Core
import Foundation

extension RegCtl {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the registry's current facts back out as filings.",
            discussion: """
                One filing per loaded filing, with its id, authority and issue date and the facts of it that \
                are still current. Loading the folder into an empty registry gives the same answers.

                The folder is new, empty, or an earlier export (it has regctl-export.json, which lists the \
                files written): an earlier export becomes exactly the registry's filings, the files of \
                filings retracted since removed. Files regctl did not write are never removed.

                Examples:
                  regctl export out/
                  regctl export out/ --as csv
                  regctl export out/ --as xlsx
                """)

        @OptionGroup var registry: RegistryOptions
        @Argument(help: "Folder to write the filings into: new, empty, or an earlier export.", completion: .directory) var directory: String
        @Option(name: .customLong("as"), help: "Format of the filings: xml or csv.") var format: FilingFormat = .xml

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
