import ArgumentParser
import Core
import Foundation

extension RegCtl {
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.help(.resolveAbstract, width: HelpText.optionHelpWidth),
            discussion: Words.help(.resolveDiscussion),
            subcommands: [List.self, Accept.self, Reject.self],
            defaultSubcommand: List.self)

        /// The name, its region and the firm a decision is about (accept and reject alike).
        struct LinkTarget: ParsableArguments {
            @Argument(help: ArgumentHelp(Words.option(.resolveLinkTargetHelpName))) var name: String
            @Option(name: [.customShort("r"), .long], help: ArgumentHelp(Words.option(.resolveLinkTargetHelpRegion))) var region: String
            @Option(name: [.customShort("u"), .long], help: ArgumentHelp(Words.option(.resolveLinkTargetHelpUscc))) var uscc: String
            @Option(help: ArgumentHelp(Words.option(.resolveLinkTargetHelpNote))) var note: String?
        }

        struct DecisionOptions: ParsableArguments {
            @Option(help: ArgumentHelp(Words.option(.resolveDecisionHelpAuthority))) var authority: String?
            @Option(help: ArgumentHelp(Words.option(.resolveDecisionHelpIssued))) var issued: Day?

            var authorityName: String {
                authority ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
            }
            var day: Day { issued ?? Day.today() }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Words.help(.resolveListAbstract, width: HelpText.optionHelpWidth),
                usage: "regctl resolve [list] [<options>]",
                discussion: Words.help(.resolveListDiscussion))
            @OptionGroup var registry: RegistryOptions
            @Option(help: ArgumentHelp(Words.option(.resolveListHelpCandidates))) var candidates: Int = 3
            @Option(name: .customLong("min-score"), help: ArgumentHelp(Words.option(.resolveListHelpMinScore))) var minScore: Double = 0.6
            @Option(name: .customLong("accept-above"), help: ArgumentHelp(Words.option(.resolveListHelpAcceptAbove)))
            var acceptAbove: Double?
            @OptionGroup var decision: DecisionOptions
            @OptionGroup var output: FormatOptions

            func validate() throws {
                if let a = acceptAbove, !(0...1).contains(a) { throw ValidationError("--accept-above takes a score between 0 and 1, not \(a)") }
                if !(0...1).contains(minScore) { throw ValidationError("--min-score takes a score between 0 and 1, not \(minScore)") }
            }

            func run() throws {
                let store = try registry.open(create: acceptAbove != nil)
                let queue = ReviewQueue(registry: store, limit: candidates, minimumScore: minScore)
                let entries = try queue.entries()
                let asOf = try AsOf.resolve(nil, registry: store)
                if let threshold = acceptAbove {
                    let chosen = queue.decisionsAbove(threshold, in: entries)
                    var notes = ["\(Plural.of(chosen.count, "name")) of \(entries.count) accepted at \(threshold) or more."]
                    if !chosen.isEmpty {
                        let links = chosen.map { $0.0.link(to: $0.1, .same, note: "accepted at or above \(threshold)") }
                        let report = try queue.file(links, authority: decision.authorityName, issued: decision.day)
                        notes.append("Filed as \((report.info?.header.id ?? "")); `regctl filings retract \((report.info?.header.id ?? ""))` undoes it.")
                    }
                    let rows = chosen.map { Self.row($0.0, 1, $0.1, grouped: false) }
                    try output.destination.write(Self.report("Accepted links", asOf, rows, notes))
                    return
                }
                var rows: [[Report.Value]] = []
                for e in entries {
                    for (i, c) in e.candidates.enumerated() {
                        rows.append(Self.row(e, i + 1, c, grouped: output.format == .table && i > 0))
                    }
                }
                let without = entries.filter(\.candidates.isEmpty).count
                let notes = ["\(Plural.of(entries.count, "unresolved name")), \(without) without a candidate scoring \(minScore) or more.",
                             "Accept: regctl resolve accept NAME --region R --uscc CODE; reject: regctl resolve reject …"]
                try output.destination.write(Self.report("Names without a code and their candidates", asOf, rows, notes))
            }

            /// In the table, a name's second and later candidates leave name and region blank, so that
            /// each name reads as a group.
            static func row(_ e: ReviewQueue.Entry, _ rank: Int, _ c: FirmCandidate, grouped: Bool) -> [Report.Value] {
                let region = e.unit + (RegionTable.name(ofUnit: e.unit).map { " \($0)" } ?? "")
                return [.text(grouped ? "" : e.name), .text(grouped ? "" : region), .integer(rank), .text(c.uscc), .text(c.name),
                        .number((c.score * 10_000).rounded() / 10_000), .text(c.reasons.map(\.description).joined(separator: " "))]
            }

            static func report(_ title: String, _ asOf: (date: Day, source: String), _ rows: [[Report.Value]], _ notes: [String]) -> Report {
                Report(title: title, asOf: asOf.date, asOfSource: asOf.source,
                       columns: [.init("name", .text), .init("region", .text), .init("candidate", .integer), .init("uscc", .text),
                                 .init("candidate_name", .text), .init("score", .number), .init("reasons", .text)],
                       rows: rows, notes: notes)
            }
        }

        struct Accept: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Words.help(.resolveAcceptAbstract, width: HelpText.optionHelpWidth),
                usage: "regctl resolve accept <name> -r <region> -u <uscc> [<options>]",
                discussion: Words.help(.resolveAcceptDiscussion))
            @OptionGroup var registry: RegistryOptions
            @OptionGroup var target: LinkTarget
            @OptionGroup var decision: DecisionOptions

            func run() throws {
                try Resolve.file(.same, target, decision, registry)
            }
        }

        struct Reject: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Words.help(.resolveRejectAbstract, width: HelpText.optionHelpWidth),
                usage: "regctl resolve reject <name> -r <region> -u <uscc> [<options>]",
                discussion: Words.help(.resolveRejectDiscussion))
            @OptionGroup var registry: RegistryOptions
            @OptionGroup var target: LinkTarget
            @OptionGroup var decision: DecisionOptions

            func run() throws {
                try Resolve.file(.different, target, decision, registry)
            }
        }

        static func file(_ kind: LinkDecision, _ target: LinkTarget, _ decision: DecisionOptions, _ registry: RegistryOptions) throws {
            let (name, region, uscc) = (target.name, target.region, target.uscc)
            let store = try registry.open(create: true)
            let report = try ReviewQueue(registry: store).file([Link(name: name, region: region, uscc: uscc, decision: kind, note: target.note)],
                                                               authority: decision.authorityName, issued: decision.day)
            print("\(kind == .same ? "Linked" : "Rejected") \(name) (\(region)) \(kind == .same ? "to" : "as") \(uscc): filing \((report.info?.header.id ?? "")); `regctl filings retract \((report.info?.header.id ?? ""))` undoes it.")
        }
    }
}
