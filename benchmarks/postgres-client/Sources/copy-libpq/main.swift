// copy-libpq: firms.csv -> firms_bare with COPY FROM STDIN over libpq; or one count(*) in a new process.
import CLibPQ
import CopyText
#if canImport(Glibc)
import Glibc
#endif

func connect(_ url: String) -> OpaquePointer {
    guard let conn = PQconnectdb(url) else { fail("libpq could not allocate a connection") }
    guard PQstatus(conn) == CONNECTION_OK else { fail(String(cString: PQerrorMessage(conn))) }
    PQsetNoticeProcessor(conn, { _, _ in }, nil)
    return conn
}

/// Runs one statement; returns its result (the caller clears it) or stops with the server's message.
@discardableResult
func exec(_ conn: OpaquePointer, _ sql: String, expect: ExecStatusType = PGRES_COMMAND_OK) -> OpaquePointer {
    guard let res = PQexec(conn, sql) else { fail(String(cString: PQerrorMessage(conn))) }
    guard PQresultStatus(res) == expect else { fail("\(sql): \(String(cString: PQresultErrorMessage(res)))") }
    return res
}

switch Mode.parse("copy-libpq") {
case .query(let url):
    let conn = connect(url)
    let res = exec(conn, "SELECT count(*) FROM \(tableName)", expect: PGRES_TUPLES_OK)
    print(String(cString: PQgetvalue(res, 0, 0)))
    PQclear(res)
    PQfinish(conn)

case .load(let url, let file, let chunkBytes):
    let start = ContinuousClock.now
    let reader: CopyTextReader
    do { reader = try CopyTextReader(path: file, chunkBytes: chunkBytes) } catch { fail("\(error)") }
    let conn = connect(url)
    PQclear(exec(conn, "BEGIN"))
    PQclear(exec(conn, createTableSQL))
    PQclear(exec(conn, "TRUNCATE \(tableName)"))
    PQclear(exec(conn, "COPY \(tableName) FROM STDIN (FORMAT text)", expect: PGRES_COPY_IN))
    do {
        while let piece = try reader.next() {
            // Blocking connection: PQputCopyData returns 1 once libpq has buffered or sent the data.
            guard PQputCopyData(conn, piece.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(piece.count)) == 1 else {
                fail(String(cString: PQerrorMessage(conn)))
            }
        }
    } catch {
        _ = PQputCopyEnd(conn, "\(error)")
        fail("\(error)")
    }
    guard PQputCopyEnd(conn, nil) == 1 else { fail(String(cString: PQerrorMessage(conn))) }
    while let res = PQgetResult(conn) {
        guard PQresultStatus(res) == PGRES_COMMAND_OK else { fail("COPY: \(String(cString: PQresultErrorMessage(res)))") }
        PQclear(res)
    }
    PQclear(exec(conn, "COMMIT"))
    PQfinish(conn)
    report(rows: reader.rows, seconds: seconds(since: start))
}
