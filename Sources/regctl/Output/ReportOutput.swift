import Core
import Foundation

/// Where a report goes and in which shape: a text format or an Excel workbook, on standard output or
/// into a file (`-o FILE`), CSV with a byte-order mark for Excel (`--bom`). Every command that prints a
/// table writes through it, built-in and external plugins through `PluginRunner`.
struct ReportOutput: Equatable {
    enum Shape: Equatable {
        case text(OutputFormat)
        /// An .xlsx workbook (`XLSXRenderer`).
        case workbook
    }

    var shape: Shape
    /// The file to write, or nil for standard output.
    var file: String?
    /// CSV begins with U+FEFF: Excel on a Chinese Windows reads CSV without one as GBK.
    var bom = false
    /// Numbers people read (table, md, svg) and the words of the report's language.
    var style = NumberStyle()
    var words = Words(.en)

    /// The same destination and shape; the words and number style only change how it reads.
    static func == (a: ReportOutput, b: ReportOutput) -> Bool {
        a.shape == b.shape && a.file == b.file && a.bom == b.bom
    }

    /// Why these options cannot be followed, in the words of a usage error; nil when they can.
    ///
    /// A workbook is binary: on a terminal it would be noise, so it needs `-o FILE`; a pipe or a
    /// redirection (`> list.xlsx`, `| upload`) gets the bytes, as `curl` and `gzip -c` do.
    func problem(standardOutputIsTerminal: Bool) -> String? {
        if bom, shape != .text(.csv) {
            return words(.outputBomNotCSV)
        }
        if shape == .workbook, file == nil, standardOutputIsTerminal {
            return words(.outputWorkbookNeedsFile)
        }
        return nil
    }

    /// Renders and writes `report`.
    func write(_ report: Report) throws {
        switch shape {
        case .workbook:
            try emit(XLSXRenderer.render(report, words: words))
        case .text(let format):
            // A file is read later, not on this terminal: nothing is cut to the terminal's width.
            let renderer: any ReportFormat = format == .table
                ? TableFormat(maxWidth: file == nil ? Terminal.outputWidth() : nil, style: style, words: words)
                : format.renderer(style, words: words)
            if let streaming = renderer as? any StreamingReportFormat {
                try stream(report, with: streaming)
            } else {
                // A table lays out its columns by every row's width, and a chart by every value: those
                // read the rows whole (a streamed report's source read once, its failures thrown).
                try write(text: renderer.render(report.materialized()))
            }
        }
    }

    /// Writes `report` a row at a time (CSV, JSON, Markdown): a file through a temporary file beside
    /// it, renamed over it once whole, as `Data.write(options: .atomic)` does.
    private func stream(_ report: Report, with renderer: any StreamingReportFormat) throws {
        guard let file else {
            fflush(nil)  // what print() buffered goes first
            let sink = TextSink(writingTo: FileHandle.standardOutput)
            if bom { try sink.write("\u{FEFF}") }
            try renderer.write(report, to: sink)
            try sink.flush()
            return
        }
        let target = URL(fileURLWithPath: file)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        func failure(_ code: Int32) -> CocoaError {
            CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code))])
        }
        do {
            let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
            guard fd >= 0 else { throw failure(errno) }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            defer { try? handle.close() }
            let sink = TextSink(writingTo: handle)
            if bom { try sink.write("\u{FEFF}") }
            try renderer.write(report, to: sink)
            try sink.flush()
            guard rename(temporary.path, target.path) == 0 else { throw failure(errno) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FileProblem.readable(error)
        }
    }

    /// Writes text a command laid out itself (as `plugins` does its table).
    func write(text: String) throws {
        let text = bom ? "\u{FEFF}" + text : text
        guard file != nil else {
            print(text, terminator: "")
            return
        }
        try emit(Data(text.utf8))
    }

    private func emit(_ data: Data) throws {
        if let file {
            do {
                try data.write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                throw FileProblem.readable(error)
            }
        } else {
            fflush(nil)  // what print() buffered goes first
            FileHandle.standardOutput.write(data)
        }
    }
}
