import ArgumentParser
import Core

extension RegCtl {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.help(.checkAbstract, width: HelpText.optionHelpWidth),
            discussion: Words.help(.checkDiscussion))

        @OptionGroup var registry: RegistryOptions
        @Flag(help: ArgumentHelp(Words.option(.checkHelpStrict))) var strict = false

        func run() throws {
            // Opening checks the schema version: a registry from a newer regctl is refused there.
            let store = try registry.open()
            let w = Words.current
            let integrity = try store.integrityCheck()
            // SQLite answers "ok" or the problems it found, in its own words.
            print(w(.checkIntegrity, ["result": integrity == "ok" ? .message(Message(CLIKey.checkIntegrityOK)) : .text(integrity)]))
            let filings = try store.filings()
            print(w(.checkSchema, ["filings": .message(Message(CLIKey.countFiling, ["count": .integer(filings.count)])),
                                   "records": .message(Message(CLIKey.countRecord, ["count": .integer(filings.reduce(0) { $0 + $1.total })]))]))
            let contradictions = try store.contradictions()
            print(w(.checkContradictions, ["count": .integer(contradictions.count)]))
            for c in contradictions {
                print(w(.checkContradictionLine, ["kind": .text(w(c.kindWords)), "message": .text(w(c.wordsOrText))]))
                for s in c.sources { print("      \(s)") }
            }
            if integrity != "ok" || (strict && !contradictions.isEmpty) { throw ExitCode.failure }
        }
    }
}
