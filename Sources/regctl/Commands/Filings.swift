import ArgumentParser
import Core

extension RegCtl {
    struct Filings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.help(.filingsAbstract, width: HelpText.optionHelpWidth),
            discussion: Words.help(.filingsDiscussion),
            subcommands: [List.self, Retract.self],
            defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Words.help(.filingsListAbstract, width: HelpText.optionHelpWidth),
                usage: "regctl filings [list] [<options>]",
                discussion: Words.help(.filingsListDiscussion))
            @OptionGroup var registry: RegistryOptions
            @OptionGroup var output: FormatOptions

            func run() throws {
                let store = try registry.open()
                let filings = try store.filings()
                // Core says what the date rests on: the newest filing, or today when no filing gives one.
                let asOf = try AsOf.resolve(nil, registry: store)
                let w = Words.current
                let report = Report(
                    title: w.wording(.filingsTitle, ["registry": .text(registry.displayLocation)]), asOf: asOf.date, asOfSource: asOf.source,
                    columns: [.init("seq", .integer, title: w.wording(.colSeq)), .init("id", .text, title: w.wording(.colId)),
                              .init("authority", .text, title: w.wording(.colAuthority)), .init("issued", .date, title: w.wording(.colIssued)),
                              .init("title", .text, title: w.wording(.colTitle)), .init("source", .text, title: w.wording(.colSource)),
                              .init("records", .text, title: w.wording(.colRecords)), .init("sha256", .text, title: w.wording(.colSha256)),
                              .init("loaded_at", .text, title: w.wording(.colLoadedAt))],
                    rows: filings.map { f in
                        [.integer(f.sequence), .text(f.header.id), .text(f.header.authority), f.header.issued.map { .text($0.description) } ?? .null,
                         .text(f.header.title ?? ""), .text(f.source),
                         .text(RecordKind.allCases.compactMap { k in f.counts[k].map { "\(k.rawValue) \($0)" } }.joined(separator: ", ")),
                         .text(output.format == .table ? String(f.sha256.prefix(12)) : f.sha256), .text(f.loadedAt)]
                    },
                    notes: [w.wording(.filingsNote, ["filings": .message(Message(CLIKey.countFiling, ["count": .integer(filings.count)])),
                                                     "records": .message(Message(CLIKey.countRecord, ["count": .integer(filings.reduce(0) { $0 + $1.total })]))])])
                try output.destination.write(report)
            }
        }

        struct Retract: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Words.help(.filingsRetractAbstract, width: HelpText.optionHelpWidth),
                discussion: Words.help(.filingsRetractDiscussion))
            @OptionGroup var registry: RegistryOptions
            @Argument(help: ArgumentHelp(Words.option(.filingsRetractHelpId)), completion: .custom { words, _, _ in Completions.filingIDs(registry: Completions.registryOption(in: words)) })
            var id: String

            func run() throws {
                let info = try registry.open().retract(filingID: id)
                print(Words.current(.filingsRetracted, ["id": .text(info.header.id), "source": .text(info.source), "count": .integer(info.total)]))
            }
        }
    }
}
