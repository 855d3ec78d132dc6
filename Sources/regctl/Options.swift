import ArgumentParser
import Core
import Foundation
import PostgresRegistry

/// Where the registry is: --registry, else $REGCTL_REGISTRY, else ./registry.sqlite. A SQLite file's
/// path, or a PostgreSQL connection string (postgres://user@host:port/db).
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Words.option(.registryOptionsHelpRegistry), valueName: "path|url"), completion: .file())
    var registry: String?

    var path: String {
        if let registry { return registry }
        if let env = ProcessInfo.processInfo.environment["REGCTL_REGISTRY"], !env.isEmpty { return env }
        return "registry.sqlite"
    }

    /// Opens the registry; `create` for commands that write.
    func open(create: Bool = false) throws -> any Registry {
        try RegistryOptions.open(path, create: create)
    }

    /// Opens a registry by path or connection string. A SQLite writer waits for another process's
    /// load for $REGCTL_BUSY_TIMEOUT seconds (default 10); PostgreSQL loads wait for each other as
    /// the server arranges.
    static func open(_ location: String, create: Bool) throws -> any Registry {
        if ConnectionString.isPostgres(location) {
            return try PostgresStore(connectionString: location, create: create)
        }
        let timeout = ProcessInfo.processInfo.environment["REGCTL_BUSY_TIMEOUT"].flatMap(Double.init) ?? 10
        return try SQLiteStore(path: location, create: create, busyTimeout: timeout)
    }

    /// Where the registry is, fit to print (no password).
    var displayLocation: String {
        ConnectionString.isPostgres(path) ? ConnectionString.redacted(path) : path
    }
}

/// Output format of reports and listings. `svg` draws an analysis's chart (Output/Charts); listings
/// have none, so their `--format` does not offer it.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, md, svg

    /// Formats of listings (`filings`, `firms`, `plugins`): every one but svg.
    static let listing: [OutputFormat] = [.table, .csv, .json, .md]

    init?(argument: String) {
        guard let f = OutputFormat(rawValue: argument), OutputFormat.listing.contains(f) else { return nil }
        self = f
    }

    static var allValueStrings: [String] { listing.map(\.rawValue) }
}

/// `--format` of a listing as typed: a text format, or `xlsx`, an Excel workbook (binary, so it is not
/// one of `OutputFormat`'s text renderers).
enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, md, xlsx
}

struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Words.option(.formatOptionsHelpFormat)))
    var format: ListingFormat = .table
    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp(Words.option(.formatOptionsHelpOutput), valueName: "file"),
            completion: .file())
    var file: String?
    @Flag(name: .long, help: ArgumentHelp(Words.option(.formatOptionsHelpBom)))
    var bom = false

    /// Where and how the command writes its report.
    var destination: ReportOutput {
        ReportOutput(shape: format == .xlsx ? .workbook : .text(OutputFormat(rawValue: format.rawValue) ?? .table), file: file, bom: bom,
                     words: Words.current)
    }

    func validate() throws {
        if let problem = destination.problem(standardOutputIsTerminal: Terminal.isTTY(STDOUT_FILENO)) { throw ValidationError(problem) }
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Level: ExpressibleByArgument {}
extension Program: ExpressibleByArgument {}
extension UnitKind: ExpressibleByArgument {}
extension PlannedCities: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

extension RecordKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(word: argument) }
}

/// Writes to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
