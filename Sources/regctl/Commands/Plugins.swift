import ArgumentParser
import Core

extension RegCtl {
    struct Plugins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.help(.pluginsAbstract, width: HelpText.optionHelpWidth),
            discussion: Words.help(.pluginsDiscussion))

        @OptionGroup var output: FormatOptions

        func run() throws {
            let w = Words.current
            // The kind is a value (JSON, CSV keep "built-in", "external"); the table says it in words.
            var rows = BuiltInPlugins.all.map { entry in
                [entry.plugin.descriptor.id, "built-in", entry.module, entry.plugin.descriptor.words(in: w.language, catalogue: w.catalogue).summary]
            }
            var warnings: [String] = []
            for c in ExternalPlugins.candidates() {
                if let problem = c.problem {
                    warnings.append(w(.pluginsWarning, ["path": .text(c.path), "problem": .text(problem)]))
                } else {
                    rows.append([c.name, "external", c.path, w(.pluginsRunHelp, ["name": .text(c.name)])])
                }
            }
            let report = Report(title: w.wording(.pluginsTitle), asOf: Day.today(), asOfSource: "today",
                                columns: [.init("id", .text, title: w.wording(.colId)), .init("kind", .text, title: w.wording(.colKind)),
                                          .init("module", .text, title: w.wording(.colModuleOrPath)), .init("summary", .text, title: w.wording(.colSummary))],
                                rows: rows.map { $0.map(Report.Value.text) }, notes: warnings.map { Wording($0) })
            switch output.format {
            case .table:
                let worded = rows.map { r in [r[0], w(r[1] == "built-in" ? .pluginsBuiltIn : .pluginsExternal), r[2], r[3]] }
                try output.destination.write(text: TableFormat.table(headers: [w(.colPlugin), w(.colKind), w(.colModuleOrPath), w(.colSummary)],
                                                                     rightAligned: [false, false, false, false], rows: worded,
                                                                     maxWidth: output.file == nil ? Terminal.outputWidth() : nil))
                for w in warnings { printError(w) }
            default:
                try output.destination.write(report)
            }
        }
    }
}
