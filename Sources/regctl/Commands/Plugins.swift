import ArgumentParser
import Core

extension RegCtl {
    struct Plugins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the analytics plugins: built in, and external regctl-NAME executables on PATH.",
            discussion: """
                Each plugin runs as `regctl NAME`. An executable regctl-NAME on PATH runs as `regctl NAME` \
                unless NAME is built in; such shadowed files, and regctl-NAME files that are not executable, \
                are listed with a warning. docs/plugins.md shows how to write one.

                Example:
                  regctl plugins
                  PATH="$PWD/samples/plugins:$PATH" regctl plugins
                """)

        @OptionGroup var output: FormatOptions

        func run() throws {
            var rows = BuiltInPlugins.all.map { entry in
                [entry.plugin.descriptor.id, "built-in", entry.module, entry.plugin.descriptor.summary]
            }
            var warnings: [String] = []
            for c in ExternalPlugins.candidates() {
                if let problem = c.problem {
                    warnings.append("warning: \(c.path): \(problem)")
                } else {
                    rows.append([c.name, "external", c.path, "(run regctl \(c.name) --help)"])
                }
            }
            let report = Report(title: "Analytics plugins", asOf: Day.today(), asOfSource: "today",
                                columns: [.init("id", .text), .init("kind", .text), .init("module", .text, title: "module or path"), .init("summary", .text)],
                                rows: rows.map { $0.map(Report.Value.text) }, notes: warnings)
            switch output.format {
            case .table:
                try output.destination.write(text: TableFormat.table(headers: ["plugin", "kind", "module or path", "summary"], rightAligned: [false, false, false, false], rows: rows,
                                                                     maxWidth: output.file == nil ? Terminal.outputWidth() : nil))
                for w in warnings { printError(w) }
            default:
                try output.destination.write(report)
            }
        }
    }
}
