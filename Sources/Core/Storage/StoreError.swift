import Foundation

/// Errors of the storage layer, whichever backend throws them.
///
/// The case is what went wrong, as data; ``remedy`` is what the user can do about it, for the CLI (or
/// the web) to put in words about its own options. The descriptions name no command-line flag.
public enum StoreError: Error, LocalizedError, Sendable {
    /// Nothing has been loaded at this location yet (no file, an empty one, or an empty database).
    case noRegistry(path: String)
    /// The file is not a regctl registry: not an SQLite database, or another program's (whose tables,
    /// some of them, are named). Nothing was written to it.
    case notARegistry(path: String, found: ForeignContent)
    case newerSchema(path: String, unknown: [String])
    case cannotOpen(path: String, reason: String)
    case noSuchFiling(id: String)
    /// Retracting the filing would leave facts of other filings referring to records only it defines:
    /// the first of them (at most ``RetractionDependent/shown``), and how many more there are.
    case retractionWouldBreak(id: String, dependents: [RetractionDependent], more: Int)
    /// The database refused or could not be reached: what happened is `problem` (data, with its words in
    /// Core's catalogue and a remedy); `detail` is the engine's own text (SQLite's, libpq's, always
    /// English), which a reader sees in parentheses after the words, never instead of them.
    case database(path: String, problem: DatabaseProblem, detail: String?)

    /// What a file that is not a registry holds instead.
    public enum ForeignContent: Sendable, Hashable {
        /// Not an SQLite database at all.
        case notSQLite
        /// An SQLite database of another program, with these tables (the first few, sorted).
        case otherDatabase(tables: [String])
    }

    /// What the user can do about it, when a remedy helps.
    public var remedy: Remedy? {
        switch self {
        case .noRegistry, .notARegistry: .nameRegistry
        case .retractionWouldBreak: .retractDependentsFirst
        case .noSuchFiling: .listFilings
        case let .database(_, problem, _): problem.remedy
        case .newerSchema, .cannotOpen: nil
        }
    }

    /// Core's words for what Core says itself; nil where regctl's catalogue words it (the cases that
    /// name no database's problem).
    public var words: Message? {
        guard case let .database(path, problem, detail) = self else { return nil }
        return .core(.storeDatabase, ["path": .text(path), "problem": .message(problem.words),
                                      "detail": .message(detail.map { .core(.storeDatabaseDetail, ["detail": .text($0)]) } ?? .nothing)])
    }

    public var errorDescription: String? {
        switch self {
        case let .noRegistry(path):
            return "\(path): no registry here."
        case let .notARegistry(path, found):
            switch found {
            case .notSQLite:
                return "\(path): not a regctl registry (not an SQLite database); it was left unchanged."
            case let .otherDatabase(tables):
                return "\(path): not a regctl registry but another program's database (tables \(tables.joined(separator: ", "))); it was left unchanged."
            }
        case let .newerSchema(path, unknown):
            return "\(path): this registry was written by a newer regctl (schema steps \(unknown.joined(separator: ", ")) are unknown to this one); upgrade regctl to read it."
        case let .cannotOpen(path, reason):
            return "\(path): cannot open the registry: \(reason)."
        case let .noSuchFiling(id):
            return "no filing with id '\(id)' is loaded."
        case .database:
            return words?.english
        case let .retractionWouldBreak(id, dependents, more):
            return "filing '\(id)' cannot be retracted: facts of other filings refer to records only it defines:\n  "
                + (dependents.map(\.english) + (more > 0 ? ["… and \(more) more"] : [])).joined(separator: "\n  ")
                + "\nThe registry is unchanged."
        }
    }
}
