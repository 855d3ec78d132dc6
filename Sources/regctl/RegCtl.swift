import ArgumentParser
import Core
import Foundation

struct RegCtl: AsyncParsableCommand {
    /// regctl's version: `regctl --version` prints it, and the man page carries it.
    static let version = "0.1.0"

    /// Names of the commands that plugins can never shadow: the subcommands below, and `help`.
    static var commandNames: Set<String> { Set(configuration.subcommands.map { $0._commandName }).union(["help"]) }

    /// Made once: argument-parser reads a command's configuration many times per parse, and the
    /// discussion words every built-in plugin's summary (the process's language is fixed, `Words.current`).
    static let configuration = CommandConfiguration(
        commandName: "regctl",
        abstract: Words.help(.rootAbstract, width: HelpText.width - 10),
        discussion: Words.help(.rootDiscussion, ["analyses": .text(BuiltInPlugins.all.map {
            let d = $0.plugin.descriptor.words(in: Words.current.language, catalogue: Words.catalogue)
            return HelpText.item(d.id, d.summary)
        }.joined(separator: "\n"))]),
        version: "regctl \(RegCtl.version)",
        subcommands: [Load.self, Filings.self, Firms.self, Resolve.self, Show.self, Explain.self, Export.self, Copy.self, Check.self, HTMLReportCommand.self, Plugins.self, Serve.self]
    )

    /// argument-parser's `main`, with Foundation's file errors put in the words of every other message.
    static func main(_ arguments: [String]) async {
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // argument-parser's `exit(withError:)`, with its own words (help headings, usage errors)
            // in the reader's language.
            let error = worded(error)
            let text = HelpText.localized(fullMessage(for: error), .current)
            let code = exitCode(for: error)
            if !text.isEmpty {
                if code == .success { print(text) } else { printError(text) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
