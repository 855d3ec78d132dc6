import ArgumentParser
import Core
import Ranking

extension RegCtl {
    /// `regctl explain`: Ranking's `explain`, which takes rank's parameters and the unit. `Main` runs it
    /// with the plugin runner (so its options, help and checks come from its descriptor); this command
    /// gives it a place among the commands, in help, the man page and completion scripts.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.fitted(ExplainPlugin.descriptor.words(in: Words.current.language, catalogue: Words.catalogue).summary, width: HelpText.optionHelpWidth),
            usage: "regctl explain [<options>] <unit>",
            discussion: String(PluginRunner(plugin: .builtIn(ExplainPlugin())).helpBody.drop { $0.isNewline }))

        @Argument(parsing: .captureForPassthrough, help: ArgumentHelp(Words.option(.explainHelpArguments)))
        var arguments: [String] = []

        func run() throws {
            let status = PluginRunner(plugin: .builtIn(ExplainPlugin())).run(arguments)
            if status != 0 { throw ExitCode(status) }
        }
    }
}
