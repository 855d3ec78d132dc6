import ArgumentParser
import Core
import Foundation

extension RegCtl {
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load filings (XML, CSV or Excel .xlsx files, or folders of them) into the registry.",
            discussion: """
                Each file is one filing and loads whole or not at all. Loading the same file again changes \
                nothing; a different file with an id already loaded is refused unless --replace. Within one \
                command, a filing that refers to firms, parks or incubators defined by another file of the \
                same command is loaded after it, whatever the order of the files.

                A CSV file holds one record kind, told by --kind or by the first word of its name \
                (firms.csv, designations-2021.csv, annual-reports.csv). Its filing id, authority, issue date \
                and title come from the options below, else from a sidecar FILE.meta.json, else the id is \
                made from the file name and content hash. UTF-8 (with or without BOM) and GB18030/GBK are \
                detected; --encoding names one. Columns may be titled by field name or in Chinese \
                (docs/filing-format.md lists the titles); --columns maps other titles, \
                --ignore-columns ignores the rest, and --set gives every record a field the \
                file leaves out.

                An Excel workbook (.xlsx, .xlsm) is one filing, read as a list is published: \
                title rows skipped (the first becomes the filing's title), the header row \
                found by its titles, merged cells filled, the table ended by a total or a \
                note; sheets without a table are skipped. Its kind comes from --kind, the \
                sheet name or the file name. Save .xls and .et files as .xlsx first.

                Examples:
                  regctl load samples/filings
                  regctl load samples/filings/incubators-hunan-2024.csv --kind incubator
                  regctl load samples/filings/designations-hn-lg-2024.csv --encoding gb18030 \\
                      --filing-id HN-GXT-2024-LG --issued 2024-12-20 \\
                      --authority 湖南省工业和信息化厅
                  # rejected records, if any, go to FILE.rejects.xml beside the file:
                  regctl load samples/filings/zz-incubators-2024.xml --lenient
                  # a ministry's list as published, an .xlsx workbook:
                  regctl load samples/filings/miit-key-little-giants-2024.xlsx \\
                      --kind designation --set program=little-giant --set level=national
                """)

        @OptionGroup var registry: RegistryOptions

        @Argument(help: ArgumentHelp("Files or folders to load (.xml, .csv, .xlsx; folders are searched recursively).", valueName: "path"), completion: .file(extensions: ["xml", "csv", "xlsx", "xlsm"]))
        var paths: [String]

        @Option(help: "Record kind of the CSV files: park, firm, incubator, designation, incubation, annual-report or transfer.")
        var kind: RecordKind?
        @Option(help: "Encoding of the CSV files: utf-8 or gb18030 (gbk). Default: detected.")
        var encoding: TextEncoding?
        @Option(name: .customLong("filing-id"), help: "Filing id of a CSV file.") var filingID: String?
        @Option(help: "Issuing authority of a CSV file.") var authority: String?
        @Option(help: "Issue date of a CSV file (YYYY-MM-DD).") var issued: Day?
        @Option(help: "Title of a CSV file.") var title: String?
        @Flag(help: "Load the valid records and report the rejected ones, instead of refusing the whole filing.") var lenient = false
        @Option(help: "With --lenient, write the rejected records here (default: FILE.rejects.xml or .csv beside the file, a filing you can fix and load).") var rejects: String?
        @Flag(help: "Replace a loaded filing that has the same id but other content.") var replace = false
        @Flag(name: .customLong("accept-bad-uscc"), help: "Admit USCCs whose check character fails, with a warning (`regctl firms --bad-uscc` lists them).") var acceptBadUSCC = false
        @Option(name: .customLong("set"), help: ArgumentHelp("Give every record of the filing a field the file leaves out (repeatable): --set program=little-giant --set level=national --set year=2024. Also a sidecar's \"set\" object.", valueName: "field=value"))
        var set: [String] = []
        @Option(help: ArgumentHelp("Map column titles the title table does not know to fields, or a column by its Excel letter: 'TITLE=firm,C=region'.", valueName: "title=field,…"))
        var columns: String?
        @Flag(name: .customLong("ignore-columns"), help: "Ignore columns whose titles are no field of the kind (contacts, phone numbers), each named in a warning, instead of refusing the filing.")
        var ignoreColumns = false
        @Option(help: ArgumentHelp("Sheet of a workbook to read (repeatable; default: every visible sheet).", valueName: "name"))
        var sheet: [String] = []
        @Flag(name: [.short, .long], help: "Print errors only: no line per filing, no warnings, no summary, no progress bar.") var quiet = false
        @Flag(name: [.short, .long], help: "Print details per filing: time spent parsing, validating and storing, bytes, and retries of filings that refer to others.") var verbose = false

        func validate() throws {
            if quiet && verbose { throw ValidationError("--quiet and --verbose contradict each other; give one.") }
            _ = try columnOptions()
        }

        /// --set, --columns and --ignore-columns as Core takes them.
        func columnOptions() throws -> ColumnOptions {
            func pair(_ text: String, _ option: String, _ example: String) throws -> (String, String) {
                guard let eq = text.firstIndex(of: "="), eq != text.startIndex, text.index(after: eq) != text.endIndex else {
                    throw ValidationError("\(option) '\(text)' is not NAME=VALUE (for example \(option) \(example)).")
                }
                return (text[..<eq].trimmingCharacters(in: .whitespaces), text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces))
            }
            var options = ColumnOptions(ignoreUnknown: ignoreColumns)
            for s in set {
                let (field, value) = try pair(s, "--set", "level=national")
                if let earlier = options.set[field], earlier != value {
                    throw ValidationError("--set \(field) is given twice (\(earlier) and \(value)); give it once.")
                }
                options.set[field] = value
            }
            for c in (columns ?? "").split(separator: ",").map(String.init) where !c.trimmingCharacters(in: .whitespaces).isEmpty {
                let (title, field) = try pair(c, "--columns", "'单位全称=firm'")
                options.columns[title] = field
            }
            return options
        }

        func run() throws {
            let files: [String]
            do {
                files = try FilingLoader.filingPaths(in: paths)
            } catch {
                throw ValidationError(error.summary)
            }
            let csvCount = files.filter { FilingLoader.format(of: $0) != .xml }.count
            if csvCount > 1 && filingID != nil {
                throw ValidationError("--filing-id names one filing, but \(csvCount) CSV or Excel files were given; load them one at a time or use sidecar .meta.json files.")
            }
            let store = try registry.open(create: true)
            var options = LoadOptions(kind: kind, encoding: encoding, filingID: filingID, authority: authority, issued: issued,
                                      title: title, lenient: lenient, replace: replace, acceptBadUSCC: acceptBadUSCC)
            options.columns = try columnOptions()
            options.sheets = sheet
            var bar: ProgressBar?
            let batch = try FilingLoader(store: store).load(paths: files, options: options) { event in
                switch event {
                case .starting(let file, _):
                    bar = ProgressBar(label: file, enabled: !quiet && ProgressBar.shouldShow())
                case .progress(_, let p):
                    bar?.update(p)
                case .loaded(let report):
                    bar?.finish()
                    describe(report)
                case .failed:
                    bar?.finish()
                case .retrying(let pending):
                    if verbose {
                        printError("retrying \(Plural.of(pending.count, "filing that refers", "filings that refer")) to records defined by files loaded since: \(pending.prefix(3).joined(separator: ", "))\(pending.count > 3 ? " …" : "")")
                    }
                }
            }
            for (file, error) in batch.failed {
                printError(loadErrorWords(error, lenient: lenient))
                if case let LoadError.noValidRecord(_, _, _, header?, rejected) = error, !rejected.isEmpty {
                    writeRejects(rejected, of: header, source: file, listed: true)
                }
            }
            if batch.files.count > 1 && !quiet {
                let rate = batch.seconds > 0 ? Int(Double(batch.records) / batch.seconds) : 0
                print("\(batch.succeeded.count) of \(Plural.of(batch.files.count, "file")) loaded or unchanged; \(Plural.of(batch.records, "record")) in \(String(format: "%.2f", batch.seconds)) s (\(rate) records/s). Registry: \(registry.displayLocation)")
            }
            if !batch.failed.isEmpty { throw ExitCode.failure }
        }

        /// Prints one line for a filing (and its warnings and rejects).
        private func describe(_ report: LoadReport) {
            guard let info = report.info else { return }
            let counts = RecordKind.allCases.compactMap { k in info.counts[k].map { Plural.of($0, k.rawValue) } }.joined(separator: ", ")
            switch report.outcome {
            case .unchanged(let id):
                if !quiet { print("unchanged  \(report.file)  already loaded as filing \(id); nothing changed") }
                if verbose { print("           sha256 \(info.sha256)") }
            case .loaded, .replaced:
                let verb = report.outcome == .replaced ? "replaced" : "loaded   "
                if !quiet {
                    print("\(verb)  \(report.file)  filing \(info.header.id)  \(counts.isEmpty ? "no records" : counts)  \(report.rejected.count) rejected  \(String(format: "%.2f", report.seconds)) s")
                }
                if verbose {
                    let t = report.timings
                    let size = ((try? FileManager.default.attributesOfItem(atPath: report.file))?[.size] as? NSNumber)?.intValue ?? 0
                    let rate = report.seconds > 0 ? Int(Double(info.total) / report.seconds) : 0
                    print("           parse \(String(format: "%.3f", t.parse)) s, validate \(String(format: "%.3f", t.validate)) s, store \(String(format: "%.3f", t.store)) s; \(size) bytes, \(info.total) records (\(rate) records/s), \(report.warnings.count) warnings; sha256 \(info.sha256)")
                }
                // Notes (a workbook's 说明 sheet skipped) only when asked for details.
                if !quiet { for w in report.warnings where w.severity != .note || verbose { printError(w.words(lenient: lenient)) } }
                if !report.rejected.isEmpty { writeRejects(report.rejected, of: info.header, source: report.file) }
            }
        }

        /// Prints the rejected records' problems (unless a refusal listed them already) and writes them
        /// as a filing the user can fix and load.
        private func writeRejects(_ rejected: [LoadReport.Rejected], of header: FilingHeader, source: String, listed: Bool = false) {
            if !listed { for r in rejected { printError(r.diagnostic.words(lenient: lenient)) } }
            do {
                let path = try RejectsFiling.write(rejected, of: header, source: source, destination: rejects)
                printError("\(Plural.of(rejected.count, "rejected record")) of \(source) written to \(path): fix them there and load that file.")
            } catch {
                printError("\(errorLabel())\((FileProblem(error)?.errorDescription).map { "\($0) (the rejected records of \(source))" } ?? "cannot write the rejected records of \(source): \(error)")")
            }
        }
    }
}
