import ArgumentParser
import Core

extension RegCtl {
    struct Firms: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search firms by name, region, park or designation.",
            usage: "regctl firms [<options>]",
            discussion: """
                Names match in part, ignoring full-width/half-width, bracket style and spaces.

                Examples:
                  regctl firms --name 株洲
                  regctl firms --park zz-htz --program little-giant
                  regctl firms --unresolved          # known only by name, without a code
                  regctl firms --bad-uscc            # codes admitted with --accept-bad-uscc
                """)

        @OptionGroup var registry: RegistryOptions
        @Option(help: "Part of the firm's name.") var name: String?
        @Option(help: "Region code prefix: 43, 4302 or 430211.", completion: .custom { _, _, _ in Completions.regionCodes() }) var region: String?
        @Option(help: "Park id.", completion: .custom { words, _, _ in Completions.parkIDs(registry: Completions.registryOption(in: words)) }) var park: String?
        @Option(help: "Only firms holding a designation of this programme.") var program: Program?
        @Flag(help: "Only firms known by name alone, from lists that print no code.") var unresolved = false
        @Flag(name: .customLong("bad-uscc"), help: "Only firms whose USCC fails its check.") var badUSCC = false
        @Option(help: "Show at most this many.") var limit: Int = 200
        @OptionGroup var output: FormatOptions

        func run() throws {
            let store = try registry.open()
            let firms = try store.firms(FirmQuery(name: name, region: region, park: park, program: program,
                                                  unresolvedOnly: unresolved, badCodesOnly: badUSCC, limit: limit + 1))
            let shown = firms.prefix(limit)
            let asOf = try AsOf.resolve(nil, registry: store)
            let report = Report(
                title: unresolved ? "Firms known only by name" : "Firms", asOf: asOf.date, asOfSource: asOf.source,
                columns: [.init("uscc", .text), .init("name", .text), .init("region", .text), .init("region_name", .text),
                          .init("park", .text), .init("filing", .text), .init("line", .integer)],
                rows: shown.map { f in
                    let unit = f.placement.county ?? f.placement.prefecture ?? f.placement.province
                    return [.text(f.placement.resolved ? f.firm.uscc : "(none)"), .text(f.firm.name), .text(f.placement.region),
                            .text(RegionTable.name(ofUnit: unit) ?? ""), .text(f.firm.park ?? ""), .text(f.filing), .integer(f.line)]
                },
                notes: firms.count > limit ? ["more than \(limit) firms match; narrow the search or raise --limit"] : ["\(Plural.of(firms.count, "firm"))."])
            try output.destination.write(report)
        }
    }
}
