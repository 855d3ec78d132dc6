// What both executables share and neither client is part of: the arguments, the CSV reader that turns
// firms.csv into COPY's text format, a postgres:// URL parser and a ~/.pgpass reader (for postgres-nio,
// which has neither; libpq takes the URL and PGPASSFILE as they are).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The table both executables load: firms.csv's seven columns, all text.
public let tableName = "firms_bare"
public let createTableSQL = """
    CREATE TABLE IF NOT EXISTS firms_bare (uscc text, name text, region text, park text, industry text, founded text, status text)
    """
public let expectedHeader = "uscc,name,region,park,industry,founded,status"
public let columnCount = 7

public struct BenchError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public enum Mode: Sendable {
    /// Create (if missing) and truncate firms_bare, COPY the CSV into it, all in one transaction.
    case load(url: String, file: String, chunkBytes: Int)
    /// Connect, SELECT count(*) FROM firms_bare, print it, exit.
    case query(url: String)

    public static func parse(_ tool: String) -> Mode {
        let args = Array(CommandLine.arguments.dropFirst())
        let usage = """
            usage: \(tool) load URL FILE.csv [--chunk BYTES]   COPY the CSV into \(tableName) (one transaction)
                   \(tool) query URL                         print SELECT count(*) FROM \(tableName)
            URL: postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require];
            a missing password comes from PGPASSWORD or PGPASSFILE (default ~/.pgpass).
            """
        switch args.first {
        case "load" where args.count == 3 || (args.count == 5 && args[3] == "--chunk"):
            let chunk = args.count == 5 ? Int(args[4]) ?? 0 : 256 * 1024
            guard chunk >= 1024 else { fail("--chunk wants a number of bytes, at least 1024") }
            return .load(url: args[1], file: args[2], chunkBytes: chunk)
        case "query" where args.count == 2:
            return .query(url: args[1])
        default:
            printError(usage)
            exit(2)
        }
    }
}

/// To standard error (Glibc's `stderr` is a global var, which Swift 6 refuses to touch).
public func printError(_ message: String) {
    var text = message + "\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

public func fail(_ message: String) -> Never {
    printError("error: \(message)")
    exit(1)
}

/// Seconds since `start`, as a Double.
public func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

public func report(rows: Int, seconds: Double) {
    print("rows=\(rows) seconds=\((seconds * 1000).rounded() / 1000)")
}

// MARK: CSV -> COPY text format

/// Reads a CSV file and hands out its rows re-encoded in COPY's text format, one buffer at a time.
///
/// CSV as `psql \copy ... CSV HEADER` reads it: the first line is the header (checked against
/// ``expectedHeader``); an unquoted empty field is NULL (`\N`), a quoted one ("") the empty string; a
/// quoted field may hold commas, doubled quotes and line breaks. Backslashes, tabs and line breaks in a
/// value are escaped as COPY's text format wants; CRLF line ends are taken. Every row must have seven fields.
public final class CopyTextReader {
    private let fd: Int32
    private let input: UnsafeMutableRawBufferPointer
    private let output: UnsafeMutablePointer<UInt8>
    private var eof = false
    private var headerDone = false
    private var header: [UInt8] = []
    // The parser's state, kept across buffers.
    private var inQuotes = false
    private var afterQuote = false   // just saw a quote that closed (or doubles) a quoted part
    private var fieldEmpty = true    // nothing of the current field written yet
    private var fieldQuoted = false
    private var fieldsInRow = 1
    private var rowStarted = false
    public private(set) var rows = 0
    public private(set) var line = 1

    /// `chunkBytes` of CSV are read at a time; the text format they become is at most three times as long.
    public init(path: String, chunkBytes: Int) throws {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw BenchError("cannot open \(path): \(String(cString: strerror(errno)))") }
        input = .allocate(byteCount: chunkBytes, alignment: 16)
        output = .allocate(capacity: chunkBytes * 3 + 16)
    }

    deinit {
        close(fd)
        input.deallocate()
        output.deallocate()
    }

    /// The next piece of COPY text (whole rows or not: COPY does not care where a piece ends), valid until the
    /// next call; nil at the end of the file.
    public func next() throws -> UnsafeRawBufferPointer? {
        while !eof {
            let n = read(fd, input.baseAddress, input.count)
            guard n >= 0 else { throw BenchError("read: \(String(cString: strerror(errno)))") }
            if n == 0 {
                eof = true
                let written = try finish()
                return written > 0 ? UnsafeRawBufferPointer(start: output, count: written) : nil
            }
            let written = try encode(UnsafeRawBufferPointer(rebasing: input[0..<n]))
            if written > 0 { return UnsafeRawBufferPointer(start: output, count: written) }
        }
        return nil
    }

    private func encode(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        var i = 0
        if !headerDone {
            while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { header.append(bytes[i]); i += 1 }
            guard i < bytes.count else { return 0 }
            i += 1
            headerDone = true
            line = 2
            if header.last == UInt8(ascii: "\r") { header.removeLast() }
            if header.starts(with: [0xEF, 0xBB, 0xBF]) { header.removeFirst(3) }
            guard String(decoding: header, as: UTF8.self) == expectedHeader else {
                throw BenchError("the header is not \(expectedHeader)")
            }
        }
        var o = 0
        let out = output
        @inline(__always) func put(_ b: UInt8) { out[o] = b; o += 1 }
        @inline(__always) func putEscaped(_ b: UInt8) {
            switch b {
            case UInt8(ascii: "\\"): put(UInt8(ascii: "\\")); put(UInt8(ascii: "\\"))
            case UInt8(ascii: "\t"): put(UInt8(ascii: "\\")); put(UInt8(ascii: "t"))
            case UInt8(ascii: "\n"): put(UInt8(ascii: "\\")); put(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): put(UInt8(ascii: "\\")); put(UInt8(ascii: "r"))
            default: put(b)
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if inQuotes {
                if b == UInt8(ascii: "\"") { inQuotes = false; afterQuote = true } else { putEscaped(b) }
                if b == UInt8(ascii: "\n") { line += 1 }
                continue
            }
            if afterQuote {
                afterQuote = false
                if b == UInt8(ascii: "\"") { put(b); inQuotes = true; continue }  // "" inside quotes
            }
            switch b {
            case UInt8(ascii: ","):
                if fieldEmpty && !fieldQuoted { put(UInt8(ascii: "\\")); put(UInt8(ascii: "N")) }
                put(UInt8(ascii: "\t"))
                fieldEmpty = true; fieldQuoted = false; fieldsInRow += 1; rowStarted = true
            case UInt8(ascii: "\n"):
                try endRow(put)
            case UInt8(ascii: "\r"):
                break  // CRLF (a bare CR in an unquoted field is dropped too)
            case UInt8(ascii: "\""):
                guard fieldEmpty && !fieldQuoted else { throw BenchError("line \(line): a quote inside an unquoted field") }
                inQuotes = true; fieldQuoted = true; rowStarted = true
            default:
                putEscaped(b)
                fieldEmpty = false; rowStarted = true
            }
        }
        return o
    }

    private func endRow(_ put: (UInt8) -> Void) throws {
        guard fieldsInRow == columnCount else {
            throw BenchError("line \(line): \(fieldsInRow) fields, not \(columnCount)")
        }
        if fieldEmpty && !fieldQuoted { put(UInt8(ascii: "\\")); put(UInt8(ascii: "N")) }
        put(UInt8(ascii: "\n"))
        rows += 1; line += 1
        fieldEmpty = true; fieldQuoted = false; fieldsInRow = 1; rowStarted = false
    }

    /// The last row, when the file does not end with a line break.
    private func finish() throws -> Int {
        guard !inQuotes else { throw BenchError("line \(line): the file ends inside a quoted field") }
        guard headerDone else { throw BenchError("the file has no header line") }
        guard rowStarted || !fieldEmpty || fieldQuoted else { return 0 }
        var o = 0
        let out = output
        try endRow { out[o] = $0; o += 1 }
        return o
    }
}

// MARK: postgres:// URLs and pgpass (for postgres-nio)

public struct PostgresURL: Sendable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslmode: String

    /// postgres://user[:password]@host[:port]/database[?sslmode=...]; percent-escapes are decoded.
    public init(_ url: String) throws {
        var rest = Substring(url)
        guard let scheme = ["postgresql://", "postgres://"].first(where: { rest.hasPrefix($0) }) else {
            throw BenchError("not a postgres:// URL: \(url)")
        }
        rest = rest.dropFirst(scheme.count)
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") { query = rest[rest.index(after: q)...]; rest = rest[..<q] }
        var path = Substring("")
        if let s = rest.firstIndex(of: "/") { path = rest[rest.index(after: s)...]; rest = rest[..<s] }
        var userinfo = Substring("")
        if let at = rest.lastIndex(of: "@") { userinfo = rest[..<at]; rest = rest[rest.index(after: at)...] }
        if let colon = userinfo.firstIndex(of: ":") {
            user = try Self.decode(userinfo[..<colon])
            password = try Self.decode(userinfo[userinfo.index(after: colon)...])
        } else {
            user = try Self.decode(userinfo)
            password = nil
        }
        if user.isEmpty { user = getenv("PGUSER").map { String(cString: $0) } ?? "postgres" }
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            guard let p = Int(rest[rest.index(after: colon)...]) else { throw BenchError("bad port in \(url)") }
            port = p
            rest = rest[..<colon]
        } else {
            port = 5432
        }
        host = rest.isEmpty ? "localhost" : String(rest.trimmingPrefix("[").prefix { $0 != "]" })
        database = path.isEmpty ? user : try Self.decode(path)
        sslmode = "prefer"
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 && kv[0] == "sslmode" { sslmode = String(kv[1]) }
        }
        if password == nil { password = getenv("PGPASSWORD").map { String(cString: $0) } ?? lookUpPgpass() }
    }

    private static func decode(_ s: Substring) throws -> String {
        var bytes: [UInt8] = []
        var u = s.utf8[...]
        while let b = u.popFirst() {
            if b == UInt8(ascii: "%") {
                guard u.count >= 2, let v = UInt8(String(decoding: u.prefix(2), as: UTF8.self), radix: 16) else {
                    throw BenchError("bad percent-escape in \(s)")
                }
                bytes.append(v)
                u = u.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// host:port:database:user:password lines, `*` matching anything, `\` escaping `:` and `\`.
    private func lookUpPgpass() -> String? {
        let path: String
        if let p = getenv("PGPASSFILE") {
            path = String(cString: p)
        } else if let home = getenv("HOME") {
            path = String(cString: home) + "/.pgpass"
        } else {
            return nil
        }
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var lineBuffer: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(lineBuffer) }
        while getline(&lineBuffer, &capacity, f) > 0 {
            var line = String(cString: lineBuffer!)
            while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
            if line.hasPrefix("#") { continue }
            var fields: [String] = [""]
            var escaped = false
            for c in line {
                if escaped { fields[fields.count - 1].append(c); escaped = false }
                else if c == "\\" { escaped = true }
                else if c == ":" && fields.count < 5 { fields.append("") }
                else { fields[fields.count - 1].append(c) }
            }
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
