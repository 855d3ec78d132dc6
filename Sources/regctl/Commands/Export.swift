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
            let w = Words.current
            func files(_ n: Int) -> Message.Argument { .message(Message(CLIKey.countFile, ["count": .integer(n)])) }
            var line = w(.exportWrote, ["files": files(summary.written.count), "directory": .text(directory)])
            if !summary.removed.isEmpty {
                line += w(.exportRemoved, ["files": files(summary.removed.count)])
            }
            print(line)
            if !summary.foreign.isEmpty {
                let names = summary.foreign.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ") + (summary.foreign.count > 3 ? ", …" : "")
                printError(w(.exportForeign, ["directory": .text(directory), "files": files(summary.foreign.count), "names": .text(names)]))
            }
        }
    }
}

extension FilingFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { [xml, csv, xlsx].map(\.rawValue) }
}
