import ArgumentParser
import Core
import Foundation

extension RegCtl {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole registry, with its provenance, into an empty one (SQLite ⇄ PostgreSQL).",
            discussion: """
                Every filing keeps its id, hash, source, load time and sequence number, and every fact it \
                stated comes along, superseded ones included, so the copy answers exactly as the original and \
                retracting a filing works the same there. The copy is one transaction: it lands whole or not \
                at all. The target must be empty.

                Examples:
                  regctl copy --from registry.sqlite --to postgres://loader@db/regctl
                  regctl copy --from postgres://analyst@db/regctl --to offline.sqlite
                """)

        @Option(help: ArgumentHelp("The registry to copy: a SQLite file or postgres://user@host:port/db.", valueName: "path|url"), completion: .file())
        var from: String
        @Option(help: ArgumentHelp("The registry to create: a new SQLite file or an empty PostgreSQL database or schema.", valueName: "path|url"), completion: .file())
        var to: String
        @Flag(name: [.short, .long], help: "Print errors only.") var quiet = false

        func run() throws {
            let started = Date()
            let source = try RegistryOptions.open(from, create: false)
            let target = try RegistryOptions.open(to, create: true)
            let summary = try RegistryCopy.copy(from: source, to: target) { info in
                if !quiet { print("copied  \(info.header.id)  \(Plural.of(info.total, "fact"))") }
            }
            if summary.danglingReferences > 0 {
                printError("warning: the source holds \(Plural.of(summary.danglingReferences, "reference")) to records no filing defines; they were copied as they were (regctl check lists them)")
            }
            if !quiet {
                print("\(Plural.of(summary.filings, "filing")), \(Plural.of(summary.facts, "fact")) copied from \(source.location) to \(target.location) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s.")
            }
        }
    }
}
