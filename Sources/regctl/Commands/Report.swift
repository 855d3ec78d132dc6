import ArgumentParser
import Core
import Foundation
import Profile

extension RegCtl {
    struct HTMLReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write one self-contained HTML page: profile, rankings, growth, transfers and incubators, as charts and tables, with provenance.",
            discussion: """
                Runs the built-in analyses for a park (--park: its profile; its province's parks ranked by national \
                and by provincial-and-above little giants; new designations per year; the park's transfers per year \
                by channel and by mode; its incubators against the national criteria and the province's parks by \
                incubators) or for a region prefix (--within: the same per park of the region), or, with neither, \
                per province. Each section shows a chart (inline SVG), the table, the notes and the filings it \
                rests on; the last section lists every one of those filings with authority, issue date, title, \
                source file and SHA-256 prefix. The page has no script and fetches nothing.

                Examples:
                  regctl report --park zz-htz -o report.html
                  regctl report --within 43 -o hunan.html
                  regctl report --park 株洲高新区 --as-of 2023-12-31 -o zz-2023.html
                """)

        @OptionGroup var registry: RegistryOptions
        @Option(name: .long, help: ArgumentHelp("A park: its id, name or short name.", valueName: "park"), completion: .custom { words, _, _ in Completions.parkIDs(registry: Completions.registryOption(in: words)) }) var park: String?
        @Option(name: .long, help: ArgumentHelp("A region code prefix (43, 4302) or park id: the report covers it per park.", valueName: "code"), completion: .custom { words, _, _ in Completions.withinValues(registry: Completions.registryOption(in: words)) }) var within: String?
        @Option(name: [.short, .long], help: ArgumentHelp("The HTML file to write.", valueName: "file"), completion: .file(extensions: ["html"])) var output: String = "report.html"
        @Option(name: .long, help: ArgumentHelp("Answer as of this date (YYYY-MM-DD); default: the newest filing's issue date.", valueName: "date")) var asOf: Day?

        func validate() throws {
            if park != nil, within != nil { throw ValidationError("Give --park or --within, not both.") }
            if let within, within.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--within needs a region code or park id.") }
        }

        func run() throws {
            let started = Date()
            let store = try registry.open()
            let page = try ReportBuilder(store: store, asOf: asOf, park: park, within: within?.trimmingCharacters(in: .whitespaces)).build()
            let url = URL(fileURLWithPath: output)
            try Data(page.render().utf8).write(to: url, options: .atomic)
            let seconds = Date().timeIntervalSince(started)
            let used = Set(page.sections.flatMap(\.report.filings)).count
            print("Wrote \(output): \(page.sections.count) sections, \(used) filings, as of \(page.asOf) (\(String(format: "%.2f", seconds)) s).")
        }
    }
}

/// Runs the analyses of `regctl report` and assembles the page.
struct ReportBuilder {
    let store: any Registry
    let asOf: Day?
    let park: String?
    let within: String?

    func build() throws -> HTMLReport {
        let (date, source) = try AsOf.resolve(asOf, registry: store)
        func run(_ id: String, _ parameters: [String: String]) throws -> Report {
            guard let plugin = BuiltInPlugins.plugin(id: id) else { throw ValidationError("no built-in plugin \(id)") }
            return try plugin.run(PluginRequest(asOf: date, asOfSource: source, parameters: parameters), registry: store)
        }
        func command(_ id: String, _ parameters: [String: String], positional: String? = nil) -> String {
            var words = ["regctl", id]
            if let positional { words.append(PluginRunner.shellQuote(positional)) }
            for (k, v) in parameters.sorted(by: { $0.key < $1.key }) { words += v == "true" ? ["--\(k)"] : ["--\(k)", PluginRunner.shellQuote(v)] }
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
        func add(_ id: String, _ heading: String, _ lead: String, plugin: String, _ parameters: [String: String], cards: Bool = false,
                 positional: String? = nil, transform: (Report) -> Report = { $0 }) throws {
            var params = parameters
            if let positional { params["park"] = positional }
            let report = transform(try run(plugin, params))
            sections.append(.init(id: id, heading: heading, lead: lead, command: command(plugin, parameters, positional: positional), report: report, cards: cards))
        }

        let title: String, subtitle: String
        if let park {
            let p = try ProfilePlugin.park(named: park, in: try store.parks().map(\.value))
            let province = String(p.region.prefix(2))
            let provinceName = RegionTable.name(ofUnit: province) ?? province
            title = "\(p.displayName) — innovation economy report"
            subtitle = "\(p.name) (\(p.id)), \(provinceName)"
            try add("profile", "Profile", "\(p.displayName) in the figures a newspaper prints.", plugin: "profile", [:], cards: true, positional: p.id)
            try add("rank-national", "Rank: national little giants", "\(provinceName)'s parks by firms with an active national 专精特新“小巨人” designation.",
                    plugin: "rank", ["level": "national", "by": "park", "within": province])
            try add("rank-provincial", "Rank: provincial-and-above little giants", "\(provinceName)'s parks by firms with an active provincial or national designation (省级以上).",
                    plugin: "rank", ["level": "provincial", "by": "park", "within": province])
            try add("growth", "Growth: new little giants per year", "Firms designated provincial-or-above for the first time, per year, in \(provinceName)'s eight parks with the most.",
                    plugin: "growth", ["view": "designations", "by": "park", "within": province, "top": "8"])
            try add("transfers-year", "Transfers per year by channel", "Technology transfers to the park's firms in the five years to the date, per signing year, local (就地转化), enclave (飞地孵化) and other.",
                    plugin: "transfers", ["by": "year", "stack": "channel", "within": p.id], transform: chronological)
            try add("transfers-mode", "Transfers by mode", "The same transfers by mode: transfer, licence, cooperation, equity….",
                    plugin: "transfers", ["by": "mode", "within": p.id])
            try add("incubators-check", "Incubators against the national criteria", "The park's incubators, maker spaces and accelerators: firms in incubation, density, graduates.",
                    plugin: "incubators", ["view": "check", "within": p.id])
            try add("incubators-parks", "Incubators of \(provinceName)'s parks", "Incubators per park of \(provinceName) by kind, firms in incubation, graduates and alumni.",
                    plugin: "incubators", ["by": "park", "within": province])
        } else {
            let scope = within
            let unit = scope == nil ? "province" : "park"
            let name = scope.map { code in (try? store.parks().first { $0.value.id == code }?.value.displayName) ?? RegionTable.name(ofUnit: code) ?? code } ?? "全国"
            title = "\(name) — innovation economy report"
            subtitle = scope.map { "Region or park \($0), per park" } ?? "Every loaded filing, per province"
            var w: [String: String] = [:]
            if let scope { w["within"] = scope }
            try add("rank-national", "Rank: national little giants", "\(unit.capitalized)s by firms with an active national 专精特新“小巨人” designation.",
                    plugin: "rank", w.merging(["level": "national", "by": unit]) { a, _ in a })
            try add("rank-provincial", "Rank: provincial-and-above little giants", "\(unit.capitalized)s by firms with an active provincial or national designation (省级以上).",
                    plugin: "rank", w.merging(["level": "provincial", "by": unit]) { a, _ in a })
            try add("growth", "Growth: new little giants per year", "Firms designated provincial-or-above for the first time, per year, in the eight \(unit)s with the most.",
                    plugin: "growth", w.merging(["view": "designations", "by": unit, "top": "8"]) { a, _ in a })
            try add("transfers-year", "Transfers per year by channel", "Technology transfers in the five years to the date, per signing year, local (就地转化), enclave (飞地孵化) and other.",
                    plugin: "transfers", w.merging(["by": "year", "stack": "channel"]) { a, _ in a }, transform: chronological)
            try add("transfers-unit", "Transfers by \(unit)", "The same transfers by the recipient's \(unit).",
                    plugin: "transfers", w.merging(["by": unit]) { a, _ in a })
            try add("incubators", "Incubators by \(unit)", "Incubators per \(unit) by kind, firms in incubation, graduates and alumni.",
                    plugin: "incubators", w.merging(["by": unit]) { a, _ in a })
        }
        let filings = try store.filings()
        return HTMLReport(title: title, subtitle: subtitle, asOf: date, asOfSource: source, sections: sections,
                          filings: filings, generator: "Generated by regctl report from a registry of \(filings.count) filings, as of \(date).")
    }
}
