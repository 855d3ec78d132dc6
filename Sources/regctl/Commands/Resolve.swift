import ArgumentParser
import Core
import Foundation

extension RegCtl {
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review names without a code that link to no firm: candidates, and decisions filed as `link` filings.",
            discussion: """
                A name links by itself only when it equals a firm's name or former name in the list's region.
                Others get candidates scored 0–1 with their reasons (legal-form, region-prefix, similar:0.91);
                none is linked until a reviewer decides. Decisions are a filing (`regctl filings`), so
                `regctl filings retract ID` undoes them.

                Examples:
                  regctl resolve
                  regctl resolve --format csv
                  regctl resolve accept 湖南三友环保科技有限公司 -r 湖南 -u 91430200MA4LQM6DXF
                  regctl resolve reject 湖南三友环保科技有限公司 -r 湖南 -u 91430200MA4LQM6DXF
                  regctl resolve --accept-above 0.95
                """,
            subcommands: [List.self, Accept.self, Reject.self],
            defaultSubcommand: List.self)

        /// The name, its region and the firm a decision is about (accept and reject alike).
        struct LinkTarget: ParsableArguments {
            @Argument(help: "The name as the list prints it.") var name: String
            @Option(name: [.customShort("r"), .long], help: "The list's region: a code (430000) or a name (湖南省).") var region: String
            @Option(name: [.customShort("u"), .long], help: "The firm's USCC.") var uscc: String
            @Option(help: "Why (kept in the filing).") var note: String?

            /// A region the link record would refuse is the user's option, not a line of a file they never wrote.
            func validate() throws {
                if RegionResolver.unit(for: region) == nil {
                    throw ValidationError("--region '\(region)' is neither a division code (430000) nor the name of a province or prefecture (湖南省)")
                }
            }
        }

        struct DecisionOptions: ParsableArguments {
            @Option(help: "Who decides (the link filing's authority; default: the user name).") var authority: String?
            @Option(help: "Issue date of the link filing (default: today).") var issued: Day?

            var authorityName: String {
                authority ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
            }
            var day: Day { issued ?? Day.today() }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List unresolved names with their candidates, one row per name and candidate.",
                usage: "regctl resolve [list] [<options>]",
                discussion: """
                    Examples:
                      regctl resolve --format json
                      # accept each name's only candidate scoring 0.95 or more:
                      regctl resolve --accept-above 0.95
                    """)
            @OptionGroup var registry: RegistryOptions
            @Option(help: "Candidates per name at most.") var candidates: Int = 3
            @Option(name: .customLong("min-score"), help: "Lowest score listed.") var minScore: Double = 0.6
            @Option(name: .customLong("accept-above"), help: "Accept each name's best candidate scoring at least this, when no other does; lists what it accepted.")
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
                    print(output.format.renderer.render(Self.report("Accepted links", asOf, rows, notes)), terminator: "")
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
                print(output.format.renderer.render(Self.report("Names without a code and their candidates", asOf, rows, notes)), terminator: "")
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
                abstract: "Decide that a name in a region is the firm with this code: its designations link to the firm.",
                usage: "regctl resolve accept <name> -r <region> -u <uscc> [<options>]",
                discussion: """
                    Example:
                      regctl resolve accept 湖南三友环保科技有限公司 -r 湖南 -u 91430200MA4LQM6DXF
                    """)
            @OptionGroup var registry: RegistryOptions
            @OptionGroup var target: LinkTarget
            @OptionGroup var decision: DecisionOptions

            func run() throws {
                try Resolve.file(.same, target, decision, registry)
            }
        }

        struct Reject: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Decide that a name in a region is not the firm with this code: it is not offered again.",
                usage: "regctl resolve reject <name> -r <region> -u <uscc> [<options>]",
                discussion: """
                    Example:
                      regctl resolve reject 湖南三友环保科技有限公司 -r 湖南 -u 91430200MA4LQM6DXF
                    """)
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
            print("\(kind == .same ? "Linked" : "Rejected") \(name) (\(region)) \(kind == .same ? "to" : "as") \(uscc): filing \((report.info?.header.id ?? "")); `regctl filings retract \((report.info?.header.id ?? ""))` undoes it.")
            if !listed {
                print("Note: no unresolved name \(name) in \(unit) (`regctl resolve` lists them): the decision links a designation only when a list names it so.")
            }
        }
    }
}
