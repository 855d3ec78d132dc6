import Foundation

/// One problem found in a filing, located as `file:line[:column]: kind: message`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whether the problem refuses the record or is only reported.
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var file: String
    public var line: Int?
    public var column: Int?
    /// The record kind (`designation`) or the layer (`xml`, `csv`, `filing`) the problem belongs to.
    public var kind: String
    public var message: String
    public var severity: Severity
    /// True when the only problem is a reference to something no loaded filing defines yet: loading
    /// the filing that defines it first would cure it.
    public var isReference: Bool

    public init(file: String, line: Int?, column: Int? = nil, kind: String, message: String, severity: Severity = .error, isReference: Bool = false) {
        self.isReference = isReference
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
        self.message = message
        self.severity = severity
    }

    /// `file:line[:column]: kind: message` (warnings say so after the location).
    public var description: String {
        var loc = file
        if let line { loc += ":\(line)" }
        if let column { loc += ":\(column)" }
        return "\(loc): \(severity == .warning ? "warning: " : "")\(kind): \(message)"
    }
}

/// Why a load did not happen or did not complete.
public enum LoadError: Error, LocalizedError, Sendable {
    /// The filing was refused whole; the registry is unchanged.
    case refused(file: String, diagnostics: [Diagnostic], omitted: Int)
    /// Refused only because records refer to parks, firms or incubators that no loaded filing defines:
    /// loading the filings that define them first would cure it. The registry is unchanged.
    case unresolvedReferences(file: String, diagnostics: [Diagnostic], omitted: Int)
    /// A filing with this id is loaded already with other content.
    case conflictingFiling(file: String, id: String, loadedFrom: String)
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The kind of a CSV file could not be told.
    case unknownKind(file: String)

    /// The problems listed in a refusal, empty for other errors.
    public var diagnostics: [Diagnostic] {
        switch self {
        case let .refused(_, d, _), let .unresolvedReferences(_, d, _): d
        default: []
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .refused(file, diagnostics, omitted), let .unresolvedReferences(file, diagnostics, omitted):
            var lines = diagnostics.map(\.description)
            if omitted > 0 { lines.append("… and \(omitted) more problems") }
            let errors = diagnostics.filter { $0.severity == .error }.count + omitted
            lines.append("\(file): filing refused (\(errors) error\(errors == 1 ? "" : "s")); the registry is unchanged. Fix the records above, or load with --lenient to load the valid records and write the rejected ones to a file.")
            return lines.joined(separator: "\n")
        case let .conflictingFiling(file, id, loadedFrom):
            return "\(file): filing '\(id)' is already loaded (from \(loadedFrom)) with different content; load with --replace to replace it, or give this filing another id."
        case let .unreadable(file, reason):
            return "\(file): cannot read the file: \(reason)."
        case let .unknownKind(file):
            return "\(file): cannot tell which record kind this CSV holds; name the file after its kind (firms.csv, designations-2021.csv, annual-reports.csv …) or pass --kind park|firm|incubator|designation|incubation|annual-report|transfer."
        }
    }
}
