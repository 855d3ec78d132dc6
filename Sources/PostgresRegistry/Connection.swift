import CLibPQ
import Core
import Foundation

/// An error PostgreSQL (or libpq, before a server answered) reported.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// PostgreSQL's five-character SQLSTATE; nil for errors of the client library (no connection, …).
    public var sqlState: String?
    public var message: String
    /// What happened, where regctl knows it without the server's words (libpq not loaded).
    public var problem: DatabaseProblem?

    public init(sqlState: String?, message: String, problem: DatabaseProblem? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.problem = problem
    }

    public var description: String { sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message }

    /// A serialization failure or a deadlock: the transaction may succeed when run again.
    var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }
    /// A unique key taken by a transaction that committed while this one waited.
    var isUniqueViolation: Bool { sqlState == "23505" }
}

/// One libpq connection. Not thread-safe: ``PostgresStore`` serialises its use.
final class Connection {
    private let conn: OpaquePointer

    /// Connects with a libpq connection string (a `postgres://` URI or `key=value` pairs). Passwords come
    /// from the string, PGPASSWORD or ~/.pgpass, as libpq takes them; `sslmode` and the other PG*
    /// variables are libpq's too.
    init(conninfo: String) throws {
        if let why = regctl_libpq_error() {
            throw PostgresError(sqlState: nil, message: String(cString: why), problem: .noClientLibrary)
        }
        guard let c = PQconnectdb(conninfo) else {
            throw PostgresError(sqlState: nil, message: "libpq could not allocate a connection")
        }
        guard PQstatus(c) == CONNECTION_OK else {
            let message = Connection.clean(String(cString: PQerrorMessage(c)))
            PQfinish(c)
            throw PostgresError(sqlState: nil, message: message)
        }
        // NOTICEs ("relation already exists, skipping") would go to stderr by default.
        PQsetNoticeProcessor(c, { _, _ in }, nil)
        conn = c
    }

    deinit { PQfinish(conn) }

    var serverVersion: Int { Int(PQserverVersion(conn)) }

    /// Runs one statement (or, without parameters, several separated by semicolons).
    /// REGCTL_PG_TRACE=1: every statement's time on stderr (its first words only: never parameters).
    static let trace = ProcessInfo.processInfo.environment["REGCTL_PG_TRACE"].map { !$0.isEmpty } ?? false

    @discardableResult
    func exec(_ sql: String, _ params: [String?] = []) throws -> Result {
        guard Connection.trace else { return try run(sql, params) }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" }).prefix(12).joined(separator: " ")
            FileHandle.standardError.write(Data(String(format: "pg %9.1f ms  %@\n", ms, words).utf8))
        }
        return try run(sql, params)
    }

    private func run(_ sql: String, _ params: [String?]) throws -> Result {
        let raw: OpaquePointer?
        if params.isEmpty {
            raw = PQexec(conn, sql)
        } else {
            let cstrings: [UnsafeMutablePointer<CChar>?] = params.map { $0.flatMap { strdup($0) } }
            defer { cstrings.forEach { free($0) } }
            raw = cstrings.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { values in
                    PQexecParams(conn, sql, Int32(params.count), nil, values, nil, nil, 0)
                }
            }
        }
        return try check(raw)
    }

    /// Runs a statement with parameters of any printable type.
    @discardableResult
    func exec(_ sql: String, _ params: [(any CustomStringConvertible)?]) throws -> Result {
        try exec(sql, params.map { $0?.description })
    }

    private func check(_ raw: OpaquePointer?) throws -> Result {
        guard let raw else {
            throw PostgresError(sqlState: nil, message: Connection.clean(String(cString: PQerrorMessage(conn))))
        }
        let status = PQresultStatus(raw)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN else {
            let error = Connection.error(of: raw)
            PQclear(raw)
            throw error
        }
        return Result(raw)
    }

    static func error(of raw: OpaquePointer) -> PostgresError {
        let state = PQresultErrorField(raw, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        return PostgresError(sqlState: state, message: clean(String(cString: PQresultErrorMessage(raw))))
    }

    /// Streams `data` (COPY text format) into a table: `COPY table (columns) FROM STDIN`.
    func copy(into table: String, columns: [String], data: [UInt8]) throws {
        _ = try exec("COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN")
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            // libpq takes any length, but sends in chunks of its buffer; 1 MiB pieces keep the copy
            // into its buffer small.
            while offset < bytes.count {
                let n = min(1 << 20, bytes.count - offset)
                let ok = PQputCopyData(conn, bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self), Int32(n))
                if ok != 1 {
                    failure = Connection.clean(String(cString: PQerrorMessage(conn)))
                    return
                }
                offset += n
            }
        }
        if PQputCopyEnd(conn, failure) != 1 {
            failure = failure ?? Connection.clean(String(cString: PQerrorMessage(conn)))
        }
        var error: PostgresError?
        while let r = PQgetResult(conn) {
            if PQresultStatus(r) != PGRES_COMMAND_OK, error == nil { error = Connection.error(of: r) }
            PQclear(r)
        }
        if let error { throw error }
        if let failure { throw PostgresError(sqlState: nil, message: failure) }
    }

    private static func clean(_ message: String) -> String {
        message.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "  ", with: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    /// A query's rows, in text form.
    final class Result {
        let raw: OpaquePointer
        private var columnIndex: [String: Int32] = [:]

        init(_ raw: OpaquePointer) {
            self.raw = raw
            for i in 0..<PQnfields(raw) {
                // A COPY's result counts columns but names none.
                if let name = PQfname(raw, i) { columnIndex[String(cString: name)] = i }
            }
        }

        deinit { PQclear(raw) }

        var count: Int { Int(PQntuples(raw)) }

        func value(_ row: Int, _ column: String) -> String? {
            guard let c = columnIndex[column] else { preconditionFailure("no column \(column) in the result") }
            return value(row, c)
        }

        func value(_ row: Int, _ column: Int32) -> String? {
            if PQgetisnull(raw, Int32(row), column) != 0 { return nil }
            return String(cString: PQgetvalue(raw, Int32(row), column))
        }

        var rows: [Row] { (0..<count).map { Row(result: self, index: $0) } }
        var first: Row? { count > 0 ? Row(result: self, index: 0) : nil }
    }

    /// One row of a result, read by column name.
    struct Row: StoredRow {
        let result: Result
        let index: Int

        func text(_ column: String) -> String? { result.value(index, column) }
        func integer(_ column: String) -> Int64? {
            guard let s = text(column) else { return nil }
            // Booleans come back as t/f.
            if s == "t" { return 1 }
            if s == "f" { return 0 }
            return Int64(s)
        }
        func real(_ column: String) -> Double? { text(column).flatMap(Double.init) }
        subscript(_ column: String) -> String? { text(column) }
    }
}

/// Connection strings as they may be shown: without a password.
public enum ConnectionString {
    /// True for the registries this backend opens: `postgres://…`, `postgresql://…`.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// The connection string with any password removed (from the user part and from `password=`).
    public static func redacted(_ conninfo: String) -> String {
        var s = conninfo
        if let scheme = s.range(of: "://") {
            let rest = s[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                s.replaceSubrange(colon..<at, with: "")
            }
        }
        // password=… as a URI query parameter or a key=value pair (quoted or not).
        let pattern = #"password\s*=\s*('(\\.|[^'\\])*'|[^&\s]*)&?"#
        if let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) {
            s = regex.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "")
        }
        while s.hasSuffix("?") || s.hasSuffix("&") || s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

/// Statements run outside a registry: for the test suite and tools that prepare a database.
public enum PostgresMaintenance {
    /// Runs `sql` (one or more statements) on a new connection.
    public static func execute(_ sql: String, connectionString: String) throws {
        try Connection(conninfo: connectionString).exec(sql)
    }

    /// The first column of the first row of a query's answer.
    public static func value(_ sql: String, connectionString: String) throws -> String? {
        let result = try Connection(conninfo: connectionString).exec(sql)
        return result.count > 0 ? result.value(0, Int32(0)) : nil
    }

    /// The connection string with libpq's `options` set so that the session works in `schema`.
    public static func connectionString(_ base: String, schema: String) -> String {
        base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
    }
}
