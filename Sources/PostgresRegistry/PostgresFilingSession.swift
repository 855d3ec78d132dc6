import Core
import Foundation

/// Writes filings inside the store's open transaction. Records go in through COPY: each fact table's
/// rows collect in a buffer that is sent as one COPY when it fills and when the filing finishes, so
/// memory stays bounded whatever the filing's size and however its kinds interleave.
final class PostgresFilingSession: FilingSession {
    private let conn: Connection
    private var seq: Int?
    private var counts: [RecordKind: Int] = [:]
    private var buffers: [RecordKind: [UInt8]] = [:]
    /// Bytes per table buffered before a COPY: large enough that per-COPY costs vanish, small enough
    /// that seven of them stay well under the loader's memory budget.
    static let flushBytes = 4 << 20

    init(conn: Connection) {
        self.conn = conn
    }

    func filing(withSHA256 sha: String) throws -> FilingInfo? {
        try conn.exec("SELECT * FROM filing WHERE sha256 = $1 ORDER BY seq LIMIT 1", [sha]).first.map(FilingRows.info)
    }

    func begin(_ header: FilingHeader, source: String, format: FilingFormat, sha256: String, replace: Bool) throws -> Bool {
        // Two loads of one filing id wait for each other here; the second then sees the first's filing.
        try conn.exec("SELECT pg_advisory_xact_lock(\(PostgresStore.lockClass + 1), hashtext(current_schema() || '/' || $1::text))", [header.id])
        var replaced = false
        if let existing = try PostgresStore.filingInfo(conn, id: header.id) {
            if existing.sha256 == sha256 {
                // The same bytes landed from another process after this load looked: run it again, to
                // report the filing unchanged.
                throw PostgresError(sqlState: PostgresStore.Retry.state, message: "the filing landed meanwhile")
            }
            guard replace else { throw LoadError.conflictingFiling(file: source, id: header.id, loadedFrom: existing.source) }
            try PostgresStore.lockWrites(conn)
            try PostgresStore.remove(conn, seq: existing.sequence)
            replaced = true
        }
        let next = Int(try conn.exec("SELECT nextval('filing_seq') AS n").first?.integer("n") ?? 1)
        try register(seq: next, header: header, source: source, format: format, sha256: sha256, loadedAt: FilingRows.now())
        return replaced
    }

    func restore(_ info: FilingInfo) throws {
        try register(seq: info.sequence, header: info.header, source: info.source, format: info.format,
                     sha256: info.sha256, loadedAt: info.loadedAt)
        try conn.exec("SELECT setval('filing_seq', greatest((SELECT max(seq) FROM filing), 1))")
    }

    private func register(seq: Int, header: FilingHeader, source: String, format: FilingFormat, sha256: String, loadedAt: String) throws {
        let precedence = FilingRows.precedence(issued: header.issued, loadedAt: loadedAt, sequence: seq)
        try conn.exec("""
            INSERT INTO filing (seq, id, authority, issued, title, source, format, sha256, loaded_at, precedence)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, [String(seq), header.id, header.authority, header.issued?.description, header.title, source,
                  format.rawValue, sha256, loadedAt, precedence])
        self.seq = seq
        counts = [:]
        buffers = [:]
    }

    func insert(_ record: Record, line: Int) throws {
        guard let seq else { preconditionFailure("insert before begin") }
        let kind = record.kind
        counts[kind, default: 0] += 1
        var buffer = buffers.removeValue(forKey: kind) ?? []
        if buffer.isEmpty { buffer.reserveCapacity(PostgresFilingSession.flushBytes + 4096) }
        CopyText.append(.integer(Int64(seq)), to: &buffer)
        buffer.append(9)
        CopyText.append(.integer(Int64(line)), to: &buffer)
        buffer.append(9)
        CopyText.append(.text(record.naturalKey), to: &buffer)
        for value in FactColumns.values(record) {
            buffer.append(9)
            CopyText.append(value, to: &buffer)
        }
        buffer.append(10)
        if buffer.count >= PostgresFilingSession.flushBytes {
            try flush(kind, buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        buffers[kind] = buffer
    }

    private func flush(_ kind: RecordKind, _ buffer: [UInt8]) throws {
        guard !buffer.isEmpty else { return }
        try conn.copy(into: FactColumns.table(kind), columns: ["filing", "line", "nk"] + FactColumns.columns(kind), data: buffer)
    }

    private func flushAll() throws {
        for kind in RecordKind.allCases {
            if let buffer = buffers[kind] { try flush(kind, buffer) }
        }
        buffers = [:]
    }

    func finish(dropInvalid: Bool) throws -> (info: FilingInfo, problems: [RecordProblem]) {
        guard let seq else { preconditionFailure("finish before begin") }
        try flushAll()
        // From here on, one load at a time: the checks must see every filing that landed before.
        try PostgresStore.lockWrites(conn)
        var problems: [RecordProblem] = []

        // Duplicate natural keys inside the filing: every occurrence after the first is a problem.
        for table in FactColumns.tables {
            let kind = FactColumns.kind(ofTable: table)
            let rows = try conn.exec("""
                SELECT t.rid, t.line, t.nk, d.first FROM \(table) t
                JOIN (SELECT nk, min(line) AS first FROM \(table) WHERE filing = $1 GROUP BY nk HAVING count(*) > 1) d ON d.nk = t.nk
                WHERE t.filing = $1 AND t.line <> d.first ORDER BY t.line, t.rid
                """, [seq]).rows
            for r in rows {
                problems.append(RecordProblem(kind: kind, line: r.int("line") ?? 0,
                                              message: FilingRows.duplicateMessage(firstLine: r.int("first") ?? 0, naturalKey: r.string("nk"))))
                if dropInvalid {
                    try conn.exec("DELETE FROM \(table) WHERE rid = $1", [r.string("rid")])
                    counts[kind, default: 1] -= 1
                }
            }
        }

        // References, repeated when dropping: removing a firm can orphan its designations.
        var seen = Set<String>()
        var dropped = Set<String>()
        while true {
            let dangling = try PostgresStore.danglingReferences(conn, onlyFiling: seq)
            let fresh = dangling.filter { seen.insert("\($0.kind)|\($0.rid)|\($0.message)").inserted }
            if fresh.isEmpty { break }
            for d in fresh {
                problems.append(RecordProblem(kind: d.kind, line: d.line, message: "refers to \(d.message)"))
                if dropInvalid, dropped.insert("\(d.kind)|\(d.rid)").inserted {
                    try conn.exec("DELETE FROM \(FactColumns.table(d.kind)) WHERE rid = $1", [String(d.rid)])
                    counts[d.kind, default: 1] -= 1
                }
            }
            if !dropInvalid { break }
        }

        for table in FactColumns.tables {
            try PostgresStore.markTouched(conn, table: table, seq: seq)
            try PostgresStore.refreshCurrent(conn, table: table)
        }
        try PostgresStore.refreshResolution(conn)

        try conn.exec("UPDATE filing SET counts = $1 WHERE seq = $2", [FilingRows.countsText(counts), String(seq)])
        let info = try conn.exec("SELECT * FROM filing WHERE seq = $1", [seq]).first.map(FilingRows.info)!
        return (info, problems.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) })
    }
}

/// PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes.
enum CopyText {
    static func append(_ value: ColumnValue, to buffer: inout [UInt8]) {
        switch value {
        case .null:
            buffer.append(92)
            buffer.append(78)
        case .integer(let i):
            buffer.append(contentsOf: String(i).utf8)
        case .real(let d):
            buffer.append(contentsOf: "\(d)".utf8)
        case .text(let s):
            for byte in s.utf8 {
                switch byte {
                case 92: buffer.append(92); buffer.append(92)
                case 9: buffer.append(92); buffer.append(116)
                case 10: buffer.append(92); buffer.append(110)
                case 13: buffer.append(92); buffer.append(114)
                default: buffer.append(byte)
                }
            }
        }
    }
}
