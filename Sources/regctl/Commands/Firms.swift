import ArgumentParser
import Core

extension RegCtl {
    struct Firms: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.help(.firmsAbstract, width: HelpText.optionHelpWidth),
            usage: "regctl firms [<options>]",
            discussion: Words.help(.firmsDiscussion))

        @OptionGroup var registry: RegistryOptions
        @Option(help: ArgumentHelp(Words.option(.firmsHelpName))) var name: String?
        @Option(help: ArgumentHelp(Words.option(.firmsHelpRegion)), completion: .custom { _, _, _ in Completions.regionCodes() }) var region: String?
        @Option(help: ArgumentHelp(Words.option(.firmsHelpPark)), completion: .custom { words, _, _ in Completions.parkIDs(registry: Completions.registryOption(in: words)) }) var park: String?
        @Option(help: ArgumentHelp(Words.option(.firmsHelpProgram))) var program: Program?
        @Flag(help: ArgumentHelp(Words.option(.firmsHelpUnresolved))) var unresolved = false
        @Flag(name: .customLong("bad-uscc"), help: ArgumentHelp(Words.option(.firmsHelpBadUSCC))) var badUSCC = false
        @Option(help: ArgumentHelp(Words.option(.firmsHelpLimit))) var limit: Int = 200
        @OptionGroup var output: FormatOptions

        func run() throws {
            let store = try registry.open()
            let firms = try store.firms(FirmQuery(name: name, region: region, park: park, program: program,
                                                  unresolvedOnly: unresolved, badCodesOnly: badUSCC, limit: limit + 1))
            let shown = firms.prefix(limit)
            let asOf = try AsOf.resolve(nil, registry: store)
            let w = Words.current
            let report = Report(
                title: w.wording(unresolved ? .firmsTitleUnresolved : .firmsTitle), asOf: asOf.date, asOfSource: asOf.source,
                columns: [.init("uscc", .text, title: w.wording(.colUscc)), .init("name", .text, title: w.wording(.colName)),
                          .init("region", .text, title: w.wording(.colRegion)), .init("region_name", .text, title: w.wording(.colRegionName)),
                          .init("park", .text, title: w.wording(.colPark)), .init("filing", .text, title: w.wording(.colFiling)),
                          .init("line", .integer, title: w.wording(.colLine))],
                rows: shown.map { f in
                    let unit = f.placement.county ?? f.placement.prefecture ?? f.placement.province
                    return [.text(f.placement.resolved ? f.firm.uscc : w(.firmsNoCode)), .text(f.firm.name), .text(f.placement.region),
                            .text(RegionTable.name(ofUnit: unit) ?? ""), .text(f.firm.park ?? ""), .text(f.filing), .integer(f.line)]
                },
                notes: [firms.count > limit ? w.wording(.firmsMore, ["limit": .integer(limit)]) : w.wording(.firmsCount, ["count": .integer(firms.count)])])
            try output.destination.write(report)
        }
    }
}
