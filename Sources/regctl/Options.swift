import ArgumentParser
import Core
import Foundation

/// Where the registry is: --registry, else $REGCTL_REGISTRY, else ./registry.sqlite.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The registry file (default: $REGCTL_REGISTRY, else ./registry.sqlite).", valueName: "path"))
    var registry: String?

    var path: String {
        if let registry { return registry }
        if let env = ProcessInfo.processInfo.environment["REGCTL_REGISTRY"], !env.isEmpty { return env }
        return "registry.sqlite"
    }

    /// Opens the registry; `create` for commands that write. A writer waits for another process's
    /// load for $REGCTL_BUSY_TIMEOUT seconds (default 10).
    func open(create: Bool = false) throws -> SQLiteStore {
        let timeout = ProcessInfo.processInfo.environment["REGCTL_BUSY_TIMEOUT"].flatMap(Double.init) ?? 10
        return try SQLiteStore(path: path, create: create, busyTimeout: timeout)
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

struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table (aligned, the default), csv, json or md.")
    var format: OutputFormat = .table
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
