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

            /// A region the link record would refuse is the user's option, not a line of a file they never wrote.
            func validate() throws {
                if RegionResolver.unit(for: region) == nil {
                    throw ValidationError(Words.current(.resolveBadRegion, ["region": .text(region)]))
                }
            }
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
                if let a = acceptAbove, !(0...1).contains(a) { throw ValidationError(Words.current(.resolveScoreRange, ["option": "--accept-above", "value": .text("\(a)")])) }
                if !(0...1).contains(minScore) { throw ValidationError(Words.current(.resolveScoreRange, ["option": "--min-score", "value": .text("\(minScore)")])) }
            }

            func run() throws {
                let store = try registry.open(create: acceptAbove != nil)
                let queue = ReviewQueue(registry: store, limit: candidates, minimumScore: minScore)
                let entries = try queue.entries()
                let asOf = try AsOf.resolve(nil, registry: store)
                let w = Words.current
                if let threshold = acceptAbove {
                    let chosen = queue.decisionsAbove(threshold, in: entries)
                    var notes = [w.wording(.resolveAcceptedNote, ["count": .integer(chosen.count), "total": .integer(entries.count), "threshold": .text("\(threshold)")])]
                    if !chosen.isEmpty {
                        let links = chosen.map { $0.0.link(to: $0.1, .same, note: "accepted at or above \(threshold)") }
                        let report = try queue.file(links, authority: decision.authorityName, issued: decision.day)
                        notes.append(w.wording(.resolveFiledAs, ["id": .text(report.info?.header.id ?? "")]))
                    }
                    let rows = chosen.map { Self.row($0.0, 1, $0.1, grouped: false) }
                    try output.destination.write(Self.report(w.wording(.resolveAcceptedTitle), asOf, rows, notes, w))
                    return
                }
                var rows: [[Report.Value]] = []
                for e in entries {
                    for (i, c) in e.candidates.enumerated() {
                        rows.append(Self.row(e, i + 1, c, grouped: output.format == .table && i > 0))
                    }
                }
                let without = entries.filter(\.candidates.isEmpty).count
                let notes = [w.wording(.resolveUnresolvedNote, ["count": .integer(entries.count), "without": .integer(without), "minScore": .text("\(minScore)")]),
                             w.wording(.resolveHowTo)]
                try output.destination.write(Self.report(w.wording(.resolveListTitle), asOf, rows, notes, w))
            }

            /// In the table, a name's second and later candidates leave name and region blank, so that
            /// each name reads as a group.
            static func row(_ e: ReviewQueue.Entry, _ rank: Int, _ c: FirmCandidate, grouped: Bool) -> [Report.Value] {
                let region = e.unit + (RegionTable.name(ofUnit: e.unit).map { " \($0)" } ?? "")
                return [.text(grouped ? "" : e.name), .text(grouped ? "" : region), .integer(rank), .text(c.uscc), .text(c.name),
                        .number((c.score * 10_000).rounded() / 10_000), .words(Wording(c.reasons.map(\.description).joined(separator: " "), message: reasonsWords(c.reasons)))]
            }

            /// The reasons in the reader's language (名称相似度 0.91，仅组织形式不同); in English, and in JSON and
            /// CSV, their ids as the review queue writes them (`similar:0.91 legal-form`).
            static func reasonsWords(_ reasons: [CandidateReason]) -> Message? {
                guard let last = reasons.last else { return nil }
                return reasons.dropLast().reversed().reduce(last.words) {
                    Message(CLIKey.resolveReasonsJoined, ["first": .message($1.words), "rest": .message($0)])
                }
            }

            static func report(_ title: Wording, _ asOf: (date: Day, source: String), _ rows: [[Report.Value]], _ notes: [Wording], _ w: Words) -> Report {
                Report(title: title, asOf: asOf.date, asOfSource: asOf.source,
                       columns: [.init("name", .text, title: w.wording(.colName)), .init("region", .text, title: w.wording(.colRegion)),
                                 .init("candidate", .integer, title: w.wording(.colCandidate)), .init("uscc", .text, title: w.wording(.colUscc)),
                                 .init("candidate_name", .text, title: w.wording(.colCandidateName)), .init("score", .number, title: w.wording(.colScore)),
                                 .init("reasons", .text, title: w.wording(.colReasons))],
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
            let unit = RegionResolver.unit(for: region) ?? ""
            let key = FilingText.nameKey(name)
            let listed = try store.firms(FirmQuery(unresolvedOnly: true)).contains { !$0.placement.resolved && FilingText.nameKey($0.firm.name) == key && $0.placement.region == unit }
            let report = try ReviewQueue(registry: store).file([Link(name: name, region: region, uscc: uscc, decision: kind, note: target.note)],
                                                               authority: decision.authorityName, issued: decision.day)
            print(Words.current(kind == .same ? .resolveLinked : .resolveRejected,
                                ["name": .text(name), "region": .text(region), "uscc": .text(uscc), "id": .text(report.info?.header.id ?? "")]))
            if !listed {
                print(Words.current(.resolveNoSuchUnresolved, ["name": .text(name), "unit": .text(unit)]))
            }
        }
    }
}
