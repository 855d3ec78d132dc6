import ArgumentParser
import Core
import Foundation

extension RegCtl {
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.help(.loadAbstract, width: HelpText.optionHelpWidth),
            discussion: Words.help(.loadDiscussion))

        @OptionGroup var registry: RegistryOptions

        @Argument(help: ArgumentHelp(Words.option(.loadHelpPaths), valueName: "path"), completion: .file(extensions: ["xml", "csv", "xlsx", "xlsm"]))
        var paths: [String]

        @Option(help: ArgumentHelp(Words.option(.loadHelpKind)))
        var kind: RecordKind?
        @Option(help: ArgumentHelp(Words.option(.loadHelpEncoding)))
        var encoding: TextEncoding?
        @Option(name: .customLong("filing-id"), help: ArgumentHelp(Words.option(.loadHelpFilingID))) var filingID: String?
        @Option(help: ArgumentHelp(Words.option(.loadHelpAuthority))) var authority: String?
        @Option(help: ArgumentHelp(Words.option(.loadHelpIssued))) var issued: Day?
        @Option(help: ArgumentHelp(Words.option(.loadHelpTitle))) var title: String?
        @Flag(help: ArgumentHelp(Words.option(.loadHelpLenient))) var lenient = false
        @Option(help: ArgumentHelp(Words.option(.loadHelpRejects))) var rejects: String?
        @Flag(help: ArgumentHelp(Words.option(.loadHelpReplace))) var replace = false
        @Flag(name: .customLong("accept-bad-uscc"), help: ArgumentHelp(Words.option(.loadHelpAcceptBadUSCC))) var acceptBadUSCC = false
        @Option(name: .customLong("set"), help: ArgumentHelp(Words.option(.loadHelpSet), valueName: "field=value"))
        var set: [String] = []
        @Option(help: ArgumentHelp(Words.option(.loadHelpColumns), valueName: "title=field,…"))
        var columns: String?
        @Flag(name: .customLong("ignore-columns"), help: ArgumentHelp(Words.option(.loadHelpIgnoreColumns)))
        var ignoreColumns = false
        @Option(help: ArgumentHelp(Words.option(.loadHelpSheet), valueName: "name"))
        var sheet: [String] = []
        @Flag(name: [.short, .long], help: ArgumentHelp(Words.option(.loadHelpQuiet))) var quiet = false
        @Flag(name: [.short, .long], help: ArgumentHelp(Words.option(.loadHelpVerbose))) var verbose = false

        func validate() throws {
            if quiet && verbose { throw ValidationError(Words.current(.loadQuietVerbose)) }
            _ = try columnOptions()
        }

        /// --set, --columns and --ignore-columns as Core takes them.
        func columnOptions() throws -> ColumnOptions {
            func pair(_ text: String, _ option: String, _ example: String) throws -> (String, String) {
                guard let eq = text.firstIndex(of: "="), eq != text.startIndex, text.index(after: eq) != text.endIndex else {
                    throw ValidationError(Words.current(.loadNotPair, ["option": .text(option), "text": .text(text), "example": .text(example)]))
                }
                return (text[..<eq].trimmingCharacters(in: .whitespaces), text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces))
            }
            var options = ColumnOptions(ignoreUnknown: ignoreColumns)
            for s in set {
                let (field, value) = try pair(s, "--set", "level=national")
                if let earlier = options.set[field], earlier != value {
                    throw ValidationError(Words.current(.loadSetTwice, ["field": .text(field), "earlier": .text(earlier), "value": .text(value)]))
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
            let w = Words.current
            let files: [String]
            do {
                files = try FilingLoader.filingPaths(in: paths)
            } catch {
                throw ValidationError(error.summary(w))
            }
            let csvCount = files.filter { FilingLoader.format(of: $0) != .xml }.count
            if csvCount > 1 && filingID != nil {
                throw ValidationError(w(.loadFilingIDMany, ["count": .integer(csvCount)]))
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
                        printError(w(.loadRetrying, ["count": .integer(pending.count), "ids": .text(pending.prefix(3).joined(separator: ", ") + (pending.count > 3 ? " …" : ""))]))
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
                print(w(.loadBatchSummary, ["succeeded": .integer(batch.succeeded.count), "files": .message(Message(CLIKey.countFile, ["count": .integer(batch.files.count)])),
                               "records": .message(Message(CLIKey.countRecord, ["count": .integer(batch.records)])),
                               "seconds": .text(String(format: "%.2f", batch.seconds)), "rate": .integer(rate), "registry": .text(registry.displayLocation)]))
            }
            if !batch.failed.isEmpty { throw ExitCode.failure }
        }

        /// Prints one line for a filing (and its warnings and rejects).
        private func describe(_ report: LoadReport) {
            guard let info = report.info else { return }
            let w = Words.current
            let counts = RecordKind.allCases.compactMap { k in info.counts[k].map { w(.countKind, ["count": .integer($0), "kind": .message(k.word)]) } }
                .joined(separator: w(.listSeparator))
            switch report.outcome {
            case .unchanged(let id):
                if !quiet { print(w(.loadUnchanged, ["file": .text(report.file), "id": .text(id)])) }
                if verbose { print("           sha256 \(info.sha256)") }
            case .loaded, .replaced:
                let verb = w(report.outcome == .replaced ? .loadVerbReplaced : .loadVerbLoaded)
                if !quiet {
                    print(w(.loadLine, ["verb": .text(verb), "file": .text(report.file), "id": .text(info.header.id), "counts": .text(counts.isEmpty ? w(.loadNoRecords) : counts), "rejected": .integer(report.rejected.count), "seconds": .text(String(format: "%.2f", report.seconds))]))
                }
                if verbose {
                    let t = report.timings
                    let size = ((try? FileManager.default.attributesOfItem(atPath: report.file))?[.size] as? NSNumber)?.intValue ?? 0
                    let rate = report.seconds > 0 ? Int(Double(info.total) / report.seconds) : 0
                    print(w(.loadVerboseLine, ["parse": .text(String(format: "%.3f", t.parse)), "validate": .text(String(format: "%.3f", t.validate)), "store": .text(String(format: "%.3f", t.store)), "bytes": .integer(size), "records": .integer(info.total), "rate": .integer(rate), "warnings": .integer(report.warnings.count), "sha256": .text(info.sha256)]))
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
                printError(Words.current(.loadRejectsWritten, ["count": .integer(rejected.count), "source": .text(source), "path": .text(path)]))
            } catch {
                let w = Words.current
                printError("\(errorLabel())\((FileProblem(error)?.words(w)).map { w(.loadRejectsProblem, ["problem": .text($0), "source": .text(source)]) } ?? w(.loadRejectsCannotWrite, ["source": .text(source), "error": .text("\(error)")]))")
            }
        }
    }
}
