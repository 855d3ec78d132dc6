import ArgumentParser
import Foundation

/// `regctl-gen`: deterministic synthetic filings at any size, for benchmarks/ and for trying regctl at scale.
@main
struct RegctlGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regctl-gen",
        abstract: "Write a deterministic synthetic data set of filings (XML and CSV of the same records).",
        discussion: """
            Writes into --out (default gen-N):

              xml/filing.xml        one filing with the records of every kind
              csv/KINDs.csv         the same records, one CSV filing per kind,
                                    each with its .csv.meta.json sidecar
              second/xml, /csv      a second filing (issued 2025-06-30): the 2025
                                    lists and revocations of earlier designations,
                                    for loading into a populated registry
              aux/                  units.csv, expected-rank.csv and
                                    expected-rank-second.csv (the generator's own
                                    count of national little giants by province),
                                    manifest.json

            Per N firms: N/500 parks (at most 2,600) and N/250 incubators; \
            designations of every programme and level, 2016–2024, with validity, \
            reviews and revocations (10% of national little giants listed by name \
            and region, as MIIT prints them); incubations; annual reports \
            2022–2024; technology transfers. Firms lie in the real GB/T 2260 \
            counties of every province (a few under retired codes) and have valid \
            USCCs. Every record is a function of (seed, kind, index): memory is \
            constant, and two runs write the same bytes. See benchmarks/README.md.
            """)

    @Option(help: "Number of firm records.") var firms: Int = 10_000
    @Option(help: "Output folder (created; existing files of the set are overwritten).") var out: String?
    @Option(help: "Seed of the pseudo-random choices.") var seed: UInt64 = 20_241_231
    @Option(help: "Formats to write: both, xml or csv.") var format: String = "both"
    @Flag(help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        guard firms >= 1, firms <= 1_000_000_000 else { throw ValidationError("--firms must be between 1 and 1,000,000,000.") }
        guard ["both", "xml", "csv"].contains(format) else { throw ValidationError("--format is both, xml or csv.") }
    }

    func run() throws {
        let options = Generator.Options(
            firms: firms, seed: seed, out: out ?? "gen-\(firms)",
            xml: format != "csv", csv: format != "xml", quiet: quiet)
        do {
            try Generator(options).run()
        } catch let e as GenError {
            throw ValidationError(e.description)
        }
    }
}
