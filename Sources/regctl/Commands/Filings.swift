import ArgumentParser
import Core

extension RegCtl {
    struct Filings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the loaded filings, or retract one.",
            discussion: """
                Examples:
                  regctl filings
                  regctl filings --format json
                  regctl filings retract HN-GXT-2021-12
                """,
            subcommands: [List.self, Retract.self],
            defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the loaded filings with their records by kind.",
                usage: "regctl filings [list] [<options>]",
                discussion: """
                    Examples:
                      regctl filings
                      regctl filings list --format csv
                    """)
            @OptionGroup var registry: RegistryOptions
            @OptionGroup var output: FormatOptions

            func run() throws {
                let store = try registry.open()
                let filings = try store.filings()
                // Core says what the date rests on: the newest filing, or today when no filing gives one.
                let asOf = try AsOf.resolve(nil, registry: store)
                let report = Report(
                    title: "Filings in \(registry.displayLocation)", asOf: asOf.date, asOfSource: asOf.source,
                    columns: [.init("seq", .integer), .init("id", .text), .init("authority", .text), .init("issued", .date),
                              .init("title", .text), .init("source", .text), .init("records", .text), .init("sha256", .text),
                              .init("loaded_at", .text)],
                    rows: filings.map { f in
                        [.integer(f.sequence), .text(f.header.id), .text(f.header.authority), f.header.issued.map { .text($0.description) } ?? .null,
                         .text(f.header.title ?? ""), .text(f.source),
                         .text(RecordKind.allCases.compactMap { k in f.counts[k].map { "\(k.rawValue) \($0)" } }.joined(separator: ", ")),
                         .text(output.format == .table ? String(f.sha256.prefix(12)) : f.sha256), .text(f.loadedAt)]
                    },
                    notes: ["\(Plural.of(filings.count, "filing")), \(Plural.of(filings.reduce(0) { $0 + $1.total }, "record"))."])
                try output.destination.write(report)
            }
        }

        struct Retract: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove a filing and every fact it stated; the registry answers as if it had never been loaded.",
                discussion: """
                    Refused, with nothing changed, while other filings' facts refer to records only this one defines.

                    Example:
                      regctl filings retract HN-GXT-2021-12
                    """)
            @OptionGroup var registry: RegistryOptions
            @Argument(help: "Id of the filing (see `regctl filings`).", completion: .custom { words, _, _ in Completions.filingIDs(registry: Completions.registryOption(in: words)) })
            var id: String

            func run() throws {
                let info = try registry.open().retract(filingID: id)
                print("retracted filing \(info.header.id) (\(info.source), \(info.total) records)")
            }
        }
    }
}
