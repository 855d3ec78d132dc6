import ArgumentParser
import Core

extension RegCtl {
    struct Plugins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the analytics plugins.",
            discussion: """
                Each plugin is also a subcommand (regctl rank …).

                Example:
                  regctl plugins
                """)

        @OptionGroup var output: FormatOptions

        func run() throws {
            let rows = BuiltInPlugins.all.map { entry in
                [entry.plugin.descriptor.id, "built-in", entry.module, entry.plugin.descriptor.summary]
            }
            switch output.format {
            case .json:
                let r = Report(title: "plugins", asOf: Day.today(), asOfSource: "today", columns: [.init("id", .text), .init("kind", .text), .init("module", .text), .init("summary", .text)],
                               rows: rows.map { $0.map(Report.Value.text) })
                print(JSONFormat().render(r), terminator: "")
            default:
                print(TableFormat.table(headers: ["plugin", "kind", "module", "summary"], rightAligned: [false, false, false, false], rows: rows), terminator: "")
            }
        }
    }
}
