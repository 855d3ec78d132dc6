import ArgumentParser
import Core
import Foundation

extension RegCtl {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.help(.copyAbstract, width: HelpText.optionHelpWidth),
            discussion: Words.help(.copyDiscussion))

        @Option(help: ArgumentHelp(Words.option(.copyHelpFrom), valueName: "path|url"), completion: .file())
        var from: String
        @Option(help: ArgumentHelp(Words.option(.copyHelpTo), valueName: "path|url"), completion: .file())
        var to: String
        @Flag(name: [.short, .long], help: ArgumentHelp(Words.option(.copyHelpQuiet))) var quiet = false

        func run() throws {
            let started = Date()
            let w = Words.current
            let source = try RegistryOptions.open(from, create: false)
            let target = try RegistryOptions.open(to, create: true)
            let summary = try RegistryCopy.copy(from: source, to: target) { info in
                if !quiet { print(w(.copyCopied, ["id": .text(info.header.id), "facts": .message(Message(CLIKey.countFact, ["count": .integer(info.total)]))])) }
            }
            if summary.danglingReferences > 0 {
                printError(w(.copyDangling, ["references": .message(Message(CLIKey.countReference, ["count": .integer(summary.danglingReferences)]))]))
            }
            if !quiet {
                print(w(.copySummary, ["filings": .message(Message(CLIKey.countFiling, ["count": .integer(summary.filings)])),
                                       "facts": .message(Message(CLIKey.countFact, ["count": .integer(summary.facts)])),
                                       "source": .text(source.location), "target": .text(target.location),
                                       "seconds": .text(String(format: "%.2f", Date().timeIntervalSince(started)))]))
            }
        }
    }
}
