import Core
import Foundation

/// Writes filings inside the store's open transaction.
///
/// Records go in through COPY into temporary staging tables (one per kind, no indexes, no WAL): each
/// kind's rows collect in a buffer sent as one COPY when it fills and when the filing finishes, so memory
/// stays bounded whatever the filing's size and however its kinds interleave. `finish` checks the staged
/// rows (duplicates, references), then moves them into the fact tables with `current` already decided,
/// so that no fact row is written twice: updating a million rows' flag after the fact was what a first
/// version spent 80 of its 109 seconds on (docs/postgres.md, "Load speed").
///
/// The records' COPY text is made and sent on a second thread (``CopyPipeline``) while the loader's
/// thread parses and validates the next ones: at a million firms the two halves take about as long
/// each. Between the first `insert` and `finish` the connection and the COPY buffers belong to that
/// thread; `finish` (and `begin`, `restore`) use them only after `drain`.
final class PostgresFilingSession: FilingSession, @unchecked Sendable {
    private let conn: Connection
    private var seq: Int?
    private var precedence = ""
    private var counts: [RecordKind: Int] = [:]
    private var buffers: [RecordKind: [UInt8]] = [:]
    /// Kinds with a staging table in this transaction, and whether it holds rows of the current filing.
    private var staged: [RecordKind: Bool] = [:]
    /// Bytes per kind buffered before a COPY: large enough that per-COPY costs vanish, small enough
    /// that seven of them stay well under the loader's memory budget.
    static let flushBytes = 4 << 20

    init(conn: Connection) {
        self.conn = conn
    }

    func filing(withSHA256 sha: String) throws -> FilingInfo? {
        try conn.exec("SELECT * FROM filing WHERE sha256 = $1 ORDER BY seq LIMIT 1", [sha]).first.map(FilingRows.info)
    }

    func hasFiling(fromSource source: String) throws -> Bool {
        try conn.exec("SELECT 1 AS one FROM filing WHERE source = $1 LIMIT 1", [source]).first != nil
    }

    func identify(sha256: String) throws {
        guard let seq else { preconditionFailure("identify before begin") }
        try pipeline.drain()
        try conn.exec("UPDATE filing SET sha256 = $1 WHERE seq = $2", [sha256, String(seq)])
    }

    func begin(_ header: FilingHeader, source: String, format: FilingFormat, sha256: String?, replace: Bool) throws -> Bool {
        // Two loads of one filing id wait for each other here; the second then sees the first's filing.
        try conn.exec("SELECT pg_advisory_xact_lock(\(PostgresStore.lockClass + 1), hashtext(current_schema() || '/' || $1::text))", [header.id])
        var replaced = false
        if let existing = try PostgresStore.filingInfo(conn, id: header.id) {
            guard let sha256 else { throw ContentHashNeeded() }
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
        try register(seq: next, header: header, source: source, format: format, sha256: sha256 ?? "", loadedAt: FilingRows.now())
        return replaced
    }

    func restore(_ info: FilingInfo) throws {
        try register(seq: info.sequence, header: info.header, source: info.source, format: info.format,
                     sha256: info.sha256, loadedAt: info.loadedAt)
        try conn.exec("SELECT setval('filing_seq', greatest((SELECT max(seq) FROM filing), 1))")
    }

    private func register(seq: Int, header: FilingHeader, source: String, format: FilingFormat, sha256: String, loadedAt: String) throws {
        try pipeline.drain()
        precedence = FilingRows.precedence(issued: header.issued, loadedAt: loadedAt, sequence: seq)
        try conn.exec("""
            INSERT INTO filing (seq, id, authority, issued, title, source, format, sha256, loaded_at, precedence)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, [String(seq), header.id, header.authority, header.issued?.description, header.title, source,
                  format.rawValue, sha256, loadedAt, precedence])
        // The set operations of `finish` sort and hash whole filings; PostgreSQL's default 4 MB of
        // working memory would send them to disk.
        try conn.exec("SET LOCAL work_mem = '256MB'")
        self.seq = seq
        counts = [:]
        buffers = [:]
        for kind in staged.keys where staged[kind] == true {
            try conn.exec("TRUNCATE \(PostgresFilingSession.stage(kind))")
            staged[kind] = false
        }
    }

    static func stage(_ kind: RecordKind) -> String { "stage_" + FactColumns.table(kind) }

    /// Records waiting to be handed to the pipeline's thread.
    private var batch: [(Record, Int)] = []
    private lazy var pipeline = CopyPipeline { [unowned self] records in
        for (record, line) in records { try self.encode(record, line: line) }
    }

    func insert(_ record: Record, line: Int) throws {
        guard seq != nil else { preconditionFailure("insert before begin") }
        counts[record.kind, default: 0] += 1
        batch.append((record, line))
        if batch.count >= 4096 {
            try pipeline.submit(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Appends a record to its kind's COPY buffer; on the pipeline's thread.
    private func encode(_ record: Record, line: Int) throws {
        let kind = record.kind
        // The buffer moves into the line writer and back: one owner at a time, so appending never copies it.
        var row = CopyLine(buffer: buffers.removeValue(forKey: kind) ?? [])
        if row.buffer.isEmpty { row.buffer.reserveCapacity(PostgresFilingSession.flushBytes + 4096) }
        row.first(line: line, naturalKey: record.naturalKey)
        FactColumns.write(record, to: &row)
        row.buffer.append(10)
        if row.buffer.count >= PostgresFilingSession.flushBytes {
            try flush(kind, row.buffer)
            row.buffer.removeAll(keepingCapacity: true)
        }
        buffers[kind] = row.buffer
    }

    private func flush(_ kind: RecordKind, _ buffer: [UInt8]) throws {
        guard !buffer.isEmpty else { return }
        let table = FactColumns.table(kind), stage = PostgresFilingSession.stage(kind)
        if staged[kind] == nil {
            // The fact table's columns and types, without its indexes; `sid` orders and names staged rows.
            try conn.exec("""
                CREATE TEMP TABLE \(stage) ON COMMIT DROP AS SELECT line, nk, \(FactColumns.columns(kind).joined(separator: ", ")) FROM \(table) WITH NO DATA;
                ALTER TABLE \(stage) ADD COLUMN sid bigint GENERATED ALWAYS AS IDENTITY
                """)
        }
        staged[kind] = true
        try conn.copy(into: stage, columns: ["line", "nk"] + FactColumns.columns(kind), data: buffer)
    }

    /// Stops using the connection: waits for the pipeline's thread, dropping its error. The store calls
    /// this before it rolls back a transaction the loader gave up.
    func quiesce() {
        try? pipeline.drain()
    }

    /// Waits until every record inserted so far is in its staging table.
    private func flushAll() throws {
        if !batch.isEmpty {
            try pipeline.submit(batch)
            batch = []
        }
        try pipeline.drain()
        for kind in RecordKind.allCases {
            if let buffer = buffers[kind] { try flush(kind, buffer) }
        }
        buffers = [:]
    }

    func finish(dropInvalid: Bool) throws -> (info: FilingInfo, problems: [RecordProblem]) {
        guard let seq else { preconditionFailure("finish before begin") }
        try flushAll()
        let kinds = RecordKind.allCases.filter { staged[$0] == true }
        for kind in kinds { try conn.exec("ANALYZE \(PostgresFilingSession.stage(kind))") }
        // From here on, one load at a time: the checks must see every filing that landed before.
        try PostgresStore.lockWrites(conn)
        var problems: [RecordProblem] = []

        // Duplicate natural keys inside the filing: every occurrence after the first is a problem.
        var duplicates = false
        for kind in kinds {
            let stage = PostgresFilingSession.stage(kind)
            let rows = try conn.exec("""
                SELECT s.sid, s.line, s.nk, d.first FROM \(stage) s
                JOIN (SELECT nk, min(line) AS first FROM \(stage) GROUP BY nk HAVING count(*) > 1) d ON d.nk = s.nk
                WHERE s.line <> d.first ORDER BY s.line, s.sid
                """).rows
            for r in rows {
                duplicates = true
                problems.append(.duplicate(kind: kind, line: r.int("line") ?? 0, firstLine: r.int("first") ?? 0, naturalKey: r.string("nk")))
                if dropInvalid {
                    try conn.exec("DELETE FROM \(stage) WHERE sid = $1", [r.string("sid")])
                    counts[kind, default: 1] -= 1
                }
            }
        }

        // References, to facts of the registry or of this filing; repeated when dropping: removing a
        // firm can orphan its designations.
        while true {
            var fresh = 0
            // Dropped once every reference is checked, so that a record is told of each of its dangling
            // references, as on SQLite.
            var doomed: [(kind: RecordKind, sid: String)] = []
            for ref in FactColumns.references {
                let kind = FactColumns.kind(ofTable: ref.table), target = FactColumns.kind(ofTable: ref.target)
                guard staged[kind] == true else { continue }
                let stage = PostgresFilingSession.stage(kind)
                let inStage = staged[target] == true
                    ? "AND NOT EXISTS (SELECT 1 FROM \(PostgresFilingSession.stage(target)) y WHERE y.nk = s.\(ref.column))" : ""
                let rows = try conn.exec("""
                    SELECT s.sid, s.line, s.\(ref.column) AS ref FROM \(stage) s
                    WHERE s.\(ref.column) IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM \(ref.target) x WHERE x.current AND x.nk = s.\(ref.column)) \(inStage)
                    ORDER BY s.line, s.sid
                    """).rows
                for r in rows {
                    fresh += 1
                    problems.append(.dangling(kind: kind, line: r.int("line") ?? 0, missing: RecordProblem.missing(noun: ref.noun, target: r.string("ref"))))
                    if dropInvalid { doomed.append((kind, r.string("sid"))) }
                }
            }
            var dropped = Set<String>()
            for d in doomed where dropped.insert("\(d.kind)|\(d.sid)").inserted {
                try conn.exec("DELETE FROM \(PostgresFilingSession.stage(d.kind)) WHERE sid = $1", [d.sid])
                counts[d.kind, default: 1] -= 1
            }
            if fresh == 0 || !dropInvalid { break }
        }

        // A strict load with duplicates is refused by the caller; moving them would break the rule of
        // one current fact per key on the way.
        if !(duplicates && !dropInvalid) {
            for kind in kinds { try move(kind, seq: seq) }
            // Only firms, designations and reviewers' decisions change which firm a designation by name belongs to.
            if kinds.contains(.firm) || kinds.contains(.designation) || kinds.contains(.link) { try PostgresStore.refreshResolution(conn) }
        }

        try conn.exec("UPDATE filing SET counts = $1 WHERE seq = $2", [FilingRows.countsText(counts), String(seq)])
        let info = try conn.exec("SELECT * FROM filing WHERE seq = $1", [seq]).first.map(FilingRows.info)!
        return (info, problems.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) })
    }

    /// Moves a kind's staged rows into its fact table. A staged fact is current unless a filing of
    /// higher precedence states the same key; the current facts it outranks stop being current first.
    /// In key order: the index on current keys then grows at its edges instead of at random places,
    /// which halved this statement's time for a million firms.
    private func move(_ kind: RecordKind, seq: Int) throws {
        let table = FactColumns.table(kind), stage = PostgresFilingSession.stage(kind)
        let columns = FactColumns.columns(kind).joined(separator: ", ")
        try conn.exec("""
            UPDATE \(table) o SET current = false FROM \(stage) s, filing f
            WHERE o.current AND o.nk = s.nk AND f.seq = o.filing AND f.precedence < $1
            """, [precedence])
        try conn.exec("""
            INSERT INTO \(table) (filing, line, nk, current, \(columns))
            SELECT $1, s.line, s.nk,
                   NOT EXISTS (SELECT 1 FROM \(table) o JOIN filing f ON f.seq = o.filing
                               WHERE o.current AND o.nk = s.nk AND f.precedence > $2),
                   \(FactColumns.columns(kind).map { "s." + $0 }.joined(separator: ", "))
            FROM \(stage) s ORDER BY s.nk
            """, [String(seq), precedence])
    }
}

/// One line of PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes. Its
/// columns are `line`, `nk`, then the kind's ``FactColumns`` in the order ``FactColumns/write(_:to:)``
/// writes them.
struct CopyLine: ColumnWriter {
    var buffer: [UInt8]

    /// Starts the line with the record's line number and natural key.
    mutating func first(line: Int, naturalKey: String) {
        buffer.append(contentsOf: String(line).utf8)
        buffer.append(9)
        escaped(naturalKey)
    }

    mutating func text(_ value: String?) {
        buffer.append(9)
        if let value { escaped(value) } else { null() }
    }

    mutating func integer(_ value: Int64?) {
        buffer.append(9)
        if let value { buffer.append(contentsOf: String(value).utf8) } else { null() }
    }

    mutating func real(_ value: Double?) {
        buffer.append(9)
        if let value { buffer.append(contentsOf: "\(value)".utf8) } else { null() }
    }

    private mutating func null() {
        buffer.append(92)
        buffer.append(78)
    }

    private mutating func escaped(_ s: String) {
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

/// Runs a batch-consuming function on a thread of its own, at most a few batches behind the producer.
/// The first error stops the work; `submit` and `drain` then throw it.
final class CopyPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[(Record, Int)]] = []
    private var working = false
    private var closing = false
    private var failure: (any Error)?
    private let work: ([(Record, Int)]) throws -> Void
    /// Batches queued before the producer waits: enough to ride out a COPY's round trip.
    private static let depth = 4

    init(_ work: @escaping ([(Record, Int)]) throws -> Void) {
        self.work = work
    }

    func submit(_ batch: [(Record, Int)]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= CopyPipeline.depth && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(batch)
        if !working {
            working = true
            let thread = Thread { [self] in run() }
            thread.stackSize = 1 << 20
            thread.start()
        }
        condition.broadcast()
    }

    /// Waits until every submitted batch is done; rethrows the first error.
    func drain() throws {
        condition.lock()
        defer { condition.unlock() }
        closing = true
        condition.broadcast()
        while working { condition.wait() }
        closing = false
        if let failure {
            self.failure = nil
            throw failure
        }
    }

    private func run() {
        condition.lock()
        while true {
            while queue.isEmpty && !closing { condition.wait() }
            if queue.isEmpty {
                working = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue.removeFirst()
            condition.broadcast()
            let stopped = failure != nil
            condition.unlock()
            if !stopped {
                do { try work(batch) } catch {
                    condition.lock()
                    failure = error
                    condition.unlock()
                }
            }
            condition.lock()
        }
    }
}
