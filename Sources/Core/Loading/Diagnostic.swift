import Foundation

/// One problem found in a filing, located as `file:line[:column]: kind: message`, or in a workbook as
/// Excel names a cell: `file:Sheet1!C12: kind: message` (a whole row: `file:Sheet1!12:12`).
package struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whether the problem refuses the record or is only reported.
    package enum Severity: String, Sendable, Codable {
        case error, warning
        /// Worth knowing, nothing wrong: a workbook's notes sheet (说明) skipped.
        case note
    }

    package var file: String
    package var line: Int?
    package var column: Int?
    /// The sheet of a workbook filing; `line` is then its row number and `column` its column.
    package var sheet: String?
    /// The record kind (`designation`) or the layer (`xml`, `csv`, `filing`) the problem belongs to.
    package var kind: String
    /// What kind of problem it is: what callers branch on (a dangling reference may be cured by loading
    /// another filing first; a malformed file by nothing but fixing it).
    package var problem: ProblemKind
    /// What the user can do about it beyond fixing the record, when anything can; the caller words it.
    package var remedy: Remedy?
    package var severity: Severity
    /// The words in English (what `description`, the rejects file and callers that know no language read).
    package var message: String
    /// The words as a message of Core's catalogue, for a renderer to put in the reader's language; nil
    /// for words that are data already (a parser's own message), which `message` holds.
    package var words: Message?

    package init(file: String, line: Int?, column: Int? = nil, sheet: String? = nil, kind: String, problem: ProblemKind,
                remedy: Remedy? = nil, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.sheet = sheet
        self.kind = kind
        self.problem = problem
        self.remedy = remedy
        self.severity = severity
        self.message = message
    }

    /// A diagnostic worded by a message of Core's catalogue; `message` is its English.
    package init(file: String, line: Int?, column: Int? = nil, sheet: String? = nil, kind: String, problem: ProblemKind,
                remedy: Remedy? = nil, severity: Severity = .error, words: Message) {
        self.init(file: file, line: line, column: column, sheet: sheet, kind: kind, problem: problem, remedy: remedy,
                  severity: severity, message: words.english)
        self.words = words
    }

    /// The problem's words as a message: `words`, or the English text as it stands.
    package var wordsOrText: Message { words ?? .text(message) }

    /// The `kind` label in words: a record kind's name, or the layer's (`xml`, `csv`, `xlsx`, `filing`).
    package var kindWords: Message {
        if let record = RecordKind(rawValue: kind) { return record.words }
        return switch kind {
        case "xml": .core(.layerXML)
        case "csv": .core(.layerCSV)
        case "xlsx": .core(.layerXLSX)
        case "filing": .core(.layerFiling)
        default: .text(kind)
        }
    }

    /// `file:line[:column]: kind: message` (warnings say so after the location); the remedy is the
    /// caller's to word.
    package var description: String {
        var loc = file
        if let sheet {
            loc += ":" + Diagnostic.location(sheet: sheet, row: line, column: column)
        } else {
            if let line { loc += ":\(line)" }
            if let column { loc += ":\(column)" }
        }
        let label = switch severity {
        case .error: ""
        case .warning: "warning: "
        case .note: "note: "
        }
        return "\(loc): \(label)\(kind): \(message)"
    }
}

extension Diagnostic {
    /// The same diagnostic located in a workbook's sheet.
    package func at(sheet: String?) -> Diagnostic {
        var d = self
        d.sheet = sheet
        return d
    }

    /// `Sheet1!C12`, `Sheet1!12:12` for a row, `Sheet1` alone for a sheet.
    static func location(sheet: String, row: Int?, column: Int?) -> String {
        let cell = CellReference.location(sheet: sheet, row: 1, column: 1)
        let prefix = String(cell.dropLast(2))
        guard let row else { return String(prefix.dropLast()) }
        if let column { return prefix + CellReference.name(row: row, column: column) }
        return prefix + "\(row):\(row)"
    }
}

extension ProblemKind {
    /// Whether the problem belongs to one record, which a lenient load can set aside; a malformed or
    /// empty file has no valid records to keep.
    package var isRecordLevel: Bool {
        switch self {
        case .malformed, .empty: false
        default: true
        }
    }
}

/// Why a load did not happen or did not complete. Its words name no command-line option: what the user
/// can do is in ``remedies``, for the caller to word.
package enum LoadError: Error, LocalizedError, Sendable {
    /// The filing was refused whole; the registry is unchanged.
    case refused(file: String, diagnostics: [Diagnostic], omitted: Int, remedies: [Remedy])
    /// Refused only because records refer to parks, firms or incubators that no loaded filing defines:
    /// loading the filings that define them first would cure it. The registry is unchanged.
    case unresolvedReferences(file: String, diagnostics: [Diagnostic], omitted: Int, remedies: [Remedy])
    /// No record of the filing is valid, so it is not recorded (a lenient load included); the registry
    /// is unchanged. With a lenient load, `rejected` holds the records (with their fields) and `header`
    /// the filing's header, so that the caller can still write them as a rejects filing.
    case noValidRecord(file: String, diagnostics: [Diagnostic], omitted: Int, header: FilingHeader?, rejected: [LoadReport.Rejected])
    /// A filing with this id is loaded already with other content.
    case conflictingFiling(file: String, id: String, loadedFrom: String)
    /// The file could not be read.
    case unreadable(file: String, reason: UnreadableReason)
    /// The kind of a CSV file could not be told.
    case unknownKind(file: String)
    /// A path given to load names no file or folder.
    case notFound(path: String)
    /// A folder given to load holds no .xml or .csv file.
    case noFilings(folder: String)
    /// A workbook refused before any of it was loaded (not a workbook, legacy, password protected,
    /// hostile); its `remedy` is the caller's to word. The registry is unchanged.
    case workbook(WorkbookError)

    /// The file (or folder) the error is about.
    package var file: String {
        switch self {
        case let .refused(file, _, _, _), let .unresolvedReferences(file, _, _, _), let .noValidRecord(file, _, _, _, _),
             let .conflictingFiling(file, _, _), let .unreadable(file, _), let .unknownKind(file):
            file
        case let .notFound(path): path
        case let .noFilings(folder): folder
        case let .workbook(e): e.file
        }
    }

    /// The problems listed in a refusal, empty for other errors.
    package var diagnostics: [Diagnostic] {
        switch self {
        case let .refused(_, d, _, _), let .unresolvedReferences(_, d, _, _), let .noValidRecord(_, d, _, _, _): d
        default: []
        }
    }

    /// Problems counted but not listed in ``diagnostics``.
    package var omitted: Int {
        switch self {
        case let .refused(_, _, n, _), let .unresolvedReferences(_, _, n, _), let .noValidRecord(_, _, n, _, _): n
        default: 0
        }
    }

    /// Errors of the refusal, listed or not (warnings are listed but not counted).
    package var errorCount: Int { diagnostics.filter { $0.severity == .error }.count + omitted }

    /// What the user can do about the whole error, in the order worth trying; empty when only fixing the
    /// file can help.
    package var remedies: [Remedy] {
        switch self {
        case let .refused(_, _, _, r), let .unresolvedReferences(_, _, _, r): r
        case .conflictingFiling: [.replaceFiling]
        case .unknownKind: [.nameKind]
        case .noValidRecord, .unreadable, .notFound, .noFilings, .workbook: []
        }
    }

    /// The closing sentence, without the remedies.
    package var summary: String {
        switch self {
        case .refused, .unresolvedReferences:
            "\(file): filing refused (\(Plural.of(errorCount, "error"))); the registry is unchanged. Fix the \(diagnostics.contains { $0.problem.isRecordLevel } ? "records above" : "file")."
        case .noValidRecord:
            "\(file): filing refused: none of its records is valid (\(Plural.of(errorCount, "error"))), so there is nothing to load; the registry is unchanged. Fix the records above."
        case let .conflictingFiling(file, id, loadedFrom):
            "\(file): filing '\(id)' is already loaded (from \(loadedFrom)) with different content; give this filing another id."
        case let .unreadable(file, reason):
            "\(file): cannot read the file: \(reason)."
        case let .unknownKind(file):
            "\(file): cannot tell which record kind this CSV holds; name the file after its kind (firms.csv, designations-2021.csv, annual-reports.csv …)."
        case let .notFound(path):
            "\(path): no such file or folder."
        case let .noFilings(folder):
            "\(folder): no .xml, .csv or .xlsx files in this folder."
        case let .workbook(e):
            "\(e.file)\(e.part.map { " (\($0))" } ?? ""): \(e.detail); nothing was loaded, the registry is unchanged."
        }
    }

    /// The diagnostics, a count of those left out, and the summary, one a line, without remedies.
    package var errorDescription: String? {
        var lines = diagnostics.map(\.description)
        if omitted > 0 { lines.append("… and \(omitted) more problems") }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }
}
