import ArgumentParser
import Core
import Foundation
import Growth
import Incubators
import Profile
import Ranking
import Transfers

extension RegCtl {
    struct HTMLReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: Words.help(.reportAbstract, width: HelpText.optionHelpWidth),
            usage: "regctl report [<options>]",
            discussion: Words.help(.reportDiscussion))

        @OptionGroup var registry: RegistryOptions
        @Option(name: .long, help: ArgumentHelp(Words.option(.reportHelpPark), valueName: "park"), completion: .custom { words, _, _ in Completions.parkIDs(registry: Completions.registryOption(in: words)) }) var park: String?
        @Option(name: .long, help: ArgumentHelp(Words.option(.reportHelpWithin), valueName: "code"), completion: .custom { words, _, _ in Completions.withinValues(registry: Completions.registryOption(in: words)) }) var within: String?
        @Option(name: [.short, .long], help: ArgumentHelp(Words.option(.reportHelpOutput), valueName: "file"), completion: .file(extensions: ["html"])) var output: String = "report.html"
        @Option(name: .long, help: ArgumentHelp(Words.option(.reportHelpAsOf), valueName: "date")) var asOf: Day?
        @Option(name: .long, help: ArgumentHelp(Words.option(.reportHelpMoneyUnit), valueName: "unit")) var moneyUnit: MoneyUnit = .yuan

        func validate() throws {
            if park != nil, within != nil { throw ValidationError(Words.current(.reportParkOrWithin)) }
            if let within, within.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError(Words.current(.reportWithinEmpty)) }
        }

        func run() throws {
            let started = Date()
            let store = try registry.open()
            var page = try ReportBuilder(store: store, asOf: asOf, park: park, within: within?.trimmingCharacters(in: .whitespaces), words: Words.current).build()
            page.style = NumberStyle(money: moneyUnit)
            let url = URL(fileURLWithPath: output)
            try Data(page.render().utf8).write(to: url, options: .atomic)
            let seconds = Date().timeIntervalSince(started)
            let used = Set(page.sections.flatMap(\.report.filings)).count
            print(Words.current(.reportWrote, ["output": .text(output), "sections": .message(Message(CLIKey.countSection, ["count": .integer(page.sections.count)])),
                                               "filings": .message(Message(CLIKey.countFiling, ["count": .integer(used)])), "asOf": .date(page.asOf),
                                               "seconds": .text(String(format: "%.2f", seconds))]))
        }
    }
}

/// Runs the analyses of `regctl report` and assembles the page: each section is a plugin's typed
/// query, run through the plugin's typed entry point, with the command that reproduces it.
struct ReportBuilder {
    let store: any Registry
    let asOf: Day?
    let park: String?
    let within: String?
    /// The page's language.
    var words = Words(.en)

    /// One section's analysis: the plugin that runs it, its parameters as the command line gives them
    /// (for the command printed under the heading) and the run itself.
    struct Analysis {
        var plugin: String
        var parameters: [String: String]
        var positional: String?
        var run: (_ asOf: Day, _ source: String, _ registry: any RegistryReader) throws -> Report

        static func rank(_ q: RankQuery) -> Analysis {
            Analysis(plugin: RankPlugin.descriptor.id, parameters: q.parameters) { try RankPlugin().rank(q, asOf: $0, asOfSource: $1, registry: $2) }
        }
        static func growth(_ q: GrowthQuery) -> Analysis {
            Analysis(plugin: GrowthPlugin.descriptor.id, parameters: q.parameters) { try GrowthPlugin().growth(q, asOf: $0, asOfSource: $1, registry: $2) }
        }
        static func transfers(_ q: TransfersQuery) -> Analysis {
            Analysis(plugin: TransfersPlugin.descriptor.id, parameters: q.parameters) { try TransfersPlugin().transfers(q, asOf: $0, asOfSource: $1, registry: $2) }
        }
        static func incubators(_ q: IncubatorsQuery) -> Analysis {
            Analysis(plugin: IncubatorsPlugin.descriptor.id, parameters: q.parameters) { try IncubatorsPlugin().incubators(q, asOf: $0, asOfSource: $1, registry: $2) }
        }
        static func profile(_ q: ProfileQuery) -> Analysis {
            Analysis(plugin: ProfilePlugin.descriptor.id, parameters: [:], positional: q.park) { try ProfilePlugin().profile(q, asOf: $0, asOfSource: $1, registry: $2) }
        }
    }

    func build() throws -> HTMLReport {
        let (date, source) = try AsOf.resolve(asOf, registry: store)
        func command(_ a: Analysis) -> String {
            var words = ["regctl", a.plugin]
            if let positional = a.positional { words.append(PluginRunner.shellQuote(positional)) }
            for (k, v) in a.parameters.sorted(by: { $0.key < $1.key }) { words += v == "true" ? ["--\(k)"] : ["--\(k)", PluginRunner.shellQuote(v)] }
            if asOf != nil { words += ["--as-of", date.description] }
            return words.joined(separator: " ")
        }
        /// Transfers per year in year order, not ranked by count.
        func chronological(_ r: Report) -> Report {
            var r = r
            guard let code = r.columns.firstIndex(where: { $0.name == "code" }) else { return r }
            r.rows.sort { $0[code].description < $1[code].description }
            return r
        }

        var sections: [HTMLReport.Section] = []
        func add(_ id: String, _ heading: String, _ lead: String, _ analysis: Analysis, cards: Bool = false,
                 transform: (Report) -> Report = { $0 }) throws {
            let report = transform(try analysis.run(date, source, store))
            sections.append(.init(id: id, heading: heading, lead: lead, command: command(analysis), report: report, cards: cards))
        }

        let title: String, subtitle: String
        if let park {
            let p = try Park.named(park, in: try store.parks().map(\.value), plugin: ProfilePlugin.descriptor.id)
            let province = String(p.region.prefix(2))
            let provinceName = RegionTable.name(ofUnit: province) ?? province
            let pv: [String: Message.Argument] = ["province": .text(provinceName)]
            title = words(.reportTitle, ["name": .text(p.displayName)])
            subtitle = words(.reportParkSubtitle, ["name": .text(p.name), "id": .text(p.id), "province": .text(provinceName)])
            try add("profile", words(.reportProfile), words(.reportProfileLead, ["park": .text(p.displayName)]), .profile(ProfileQuery(park: p.id)), cards: true)
            try add("rank-national", words(.reportRankNational), words(.reportRankNationalParksLead, pv),
                    .rank(RankQuery(level: .national, by: .park, within: province)))
            try add("rank-provincial", words(.reportRankProvincial), words(.reportRankProvincialParksLead, pv),
                    .rank(RankQuery(level: .provincial, by: .park, within: province)))
            try add("growth", words(.reportGrowth), words(.reportGrowthParksLead, pv),
                    .growth(GrowthQuery(view: .designations, by: .unit(.park), within: province, top: 8)))
            try add("transfers-year", words(.reportTransfersYear), words(.reportTransfersYearParkLead),
                    .transfers(TransfersQuery(by: .year, within: p.id, stack: .channel)), transform: chronological)
            try add("transfers-mode", words(.reportTransfersMode), words(.reportTransfersModeLead),
                    .transfers(TransfersQuery(by: .mode, within: p.id)))
            try add("incubators-check", words(.reportIncubatorsCheck), words(.reportIncubatorsCheckLead),
                    .incubators(IncubatorsQuery(within: p.id, view: .check)))
            try add("incubators-parks", words(.reportIncubatorsParks, pv), words(.reportIncubatorsParksLead, pv),
                    .incubators(IncubatorsQuery(by: .park, within: province)))
        } else {
            let scope = within
            let unit: UnitKind = scope == nil ? .province : .park
            let name = try scope.map { code in try store.park(id: code)?.value.displayName ?? RegionTable.name(ofUnit: code) ?? code } ?? words(.reportNationwide)
            title = words(.reportTitle, ["name": .text(name)])
            subtitle = scope.map { words(.reportScopeSubtitle, ["scope": .text($0)]) } ?? words(.reportAllSubtitle)
            let one: Message.Argument = .text(words(unit == .park ? .unitPark : .unitProvince))
            let many: Message.Argument = .text(words(unit == .park ? .unitParks : .unitProvinces))
            // Provinces are drawn on the tile map of China; parks as bars.
            try add("rank-national", words(.reportRankNational), words(.reportRankNationalLead, ["units": many]),
                    .rank(RankQuery(level: .national, by: unit, within: scope, chart: unit == .province ? .map : .bar)))
            try add("rank-provincial", words(.reportRankProvincial), words(.reportRankProvincialLead, ["units": many]),
                    .rank(RankQuery(level: .provincial, by: unit, within: scope)))
            try add("growth", words(.reportGrowth), words(.reportGrowthLead, ["units": .text(words(unit == .park ? .unitPark : .unitProvince))]),
                    .growth(GrowthQuery(view: .designations, by: .unit(unit), within: scope, top: 8)))
            try add("transfers-year", words(.reportTransfersYear), words(.reportTransfersYearLead),
                    .transfers(TransfersQuery(by: .year, within: scope, stack: .channel)), transform: chronological)
            try add("transfers-unit", words(.reportTransfersUnit, ["unit": one]), words(.reportTransfersUnitLead, ["unit": one]),
                    .transfers(TransfersQuery(by: unit == .park ? .park : .province, within: scope)))
            try add("incubators", words(.reportIncubatorsUnit, ["unit": one]), words(.reportIncubatorsUnitLead, ["unit": one]),
                    .incubators(IncubatorsQuery(by: unit, within: scope)))
        }
        let filings = try store.filings()
        return HTMLReport(title: title, subtitle: subtitle, asOf: date, asOfSource: source, sections: sections,
                          filings: filings, generator: words(.reportGenerator, ["count": .integer(filings.count), "date": .text(words.date(date))]),
                          words: words)
    }
}

/// `--money-unit yuan|wan|yi`, listed in help and completions.
extension MoneyUnit: ExpressibleByArgument {}
