import ArgumentParser
import Core

extension RegCtl {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the registry: SQLite's integrity check, its schema version, and facts that contradict each other.",
            discussion: """
                Reports a firm stated in two regions or under two names by different filings, and a \
                designation revoked before it began. Exit status 1 when the file is damaged; contradictions \
                are reported but are facts as filed, so they do not fail the check unless --strict.

                Examples:
                  regctl check
                  regctl check --registry registry.sqlite
                """)

        @OptionGroup var registry: RegistryOptions
        @Flag(help: "Fail (exit status 1) when any contradiction is found.") var strict = false

        func run() throws {
            // Opening checks the schema version: a registry from a newer regctl is refused there.
            let store = try registry.open()
            let integrity = try store.integrityCheck()
            print("integrity: \(integrity)")
            let filings = try store.filings()
            print("schema: current; \(Plural.of(filings.count, "filing")), \(Plural.of(filings.reduce(0) { $0 + $1.total }, "record"))")
            let contradictions = try store.contradictions()
            print("contradictions: \(contradictions.count)")
            for c in contradictions {
                print("  \(c.kind): \(c.message)")
                for s in c.sources { print("      \(s)") }
            }
            if integrity != "ok" || (strict && !contradictions.isEmpty) { throw ExitCode.failure }
        }
    }
}
