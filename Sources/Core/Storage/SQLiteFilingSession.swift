import Foundation
import GRDB

/// Writes one filing inside the store's open transaction.
final class SQLiteFilingSession: FilingSession {
    // Internal, not private: restore(_:) (SQLiteStore+Registry.swift) registers copied filings.
    let db: Database
    var seq: Int?
    /// Records of each kind written, by `RecordKind.tableIndex` (a dictionary's hashing showed in a load's profile).
    private var written = [Int](repeating: 0, count: RecordKind.allCases.count)
    var counts: [RecordKind: Int] {
        Dictionary(uniqueKeysWithValues: RecordKind.allCases.compactMap { kind in
            let n = written[kind.tableIndex]
            return n > 0 ? (kind, n) : nil
        })
    }
    /// Each kind's insert, prepared on its first record (by `RecordKind.order`).
    private var statements: [Statement?] = Array(repeating: nil, count: RecordKind.allCases.count)
    /// Whether the kind's table held no facts when this filing began writing to it (see `prepare`).
    private var fresh: [Bool] = Array(repeating: false, count: RecordKind.allCases.count)
    /// Definitions of the indexes of fresh tables, dropped for the load and built in `finish`.
    private var deferredIndexes: [String] = []
    /// The first row id of this filing's rows in each kind's table, by `RecordKind.tableIndex`: its rows
    /// are appended after what the table held (``FilingRowRanges``).
    private var firstRow: [Int64] = Array(repeating: 0, count: RecordKind.allCases.count)

    init(db: Database) {
        self.db = db
    }

    func filing(withSHA256 sha: String) throws -> FilingInfo? {
        try Row.fetchOne(db, sql: "SELECT * FROM filing WHERE sha256 = ? ORDER BY seq LIMIT 1", arguments: [sha]).map(FilingRows.info)
    }

    func hasFiling(fromSource source: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM filing WHERE source = ?)", arguments: [source]) ?? false
    }

    func identify(sha256: String) throws {
        guard let seq else { preconditionFailure("identify before begin") }
        try db.execute(sql: "UPDATE filing SET sha256 = ? WHERE seq = ?", arguments: [sha256, seq])
    }

    func begin(_ header: FilingHeader, source: String, format: FilingFormat, sha256: String?, replace: Bool) throws -> Bool {
        var replaced = false
        if let existing = try CurrentView.filingInfo(db, id: header.id) {
            guard sha256 != nil else { throw ContentHashNeeded() }
            guard replace else { throw LoadError.conflictingFiling(file: source, id: header.id, loadedFrom: existing.source) }
            try CurrentView.remove(db, seq: existing.sequence)
            replaced = true
        }
        let now = FilingRows.now()
        let next = (try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) + 1 FROM filing")) ?? 1
        let precedence = FilingRows.precedence(issued: header.issued, loadedAt: now, sequence: next)
        try db.execute(sql: """
            INSERT INTO filing (seq, id, authority, issued, title, source, format, sha256, loaded_at, precedence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [next, header.id, header.authority, header.issued?.description, header.title, source,
                             format.rawValue, sha256 ?? "", now, precedence])
        seq = next
        startFiling()
        return replaced
    }

    /// Forgets what belonged to the previous filing of this session (`regctl copy` writes many in one):
    /// its counts, and its prepared inserts with their notion of which tables were fresh.
    func startFiling() {
        written = [Int](repeating: 0, count: RecordKind.allCases.count)
        statements = Array(repeating: nil, count: RecordKind.allCases.count)
        fresh = Array(repeating: false, count: RecordKind.allCases.count)
        firstRow = Array(repeating: 0, count: RecordKind.allCases.count)
    }

    func insert(_ record: Record, line: Int) throws {
        guard let seq else { preconditionFailure("insert before begin") }
        let kind = record.kind
        let index = kind.tableIndex
        written[index] += 1
        if statements[index] == nil { try prepare(kind) }
        var b = Binder(statements[index]!.sqliteStatement, layout: SQLiteFilingSession.layouts[index])
        b.integer(Int64(seq))
        b.integer(Int64(line))
        b.integer(fresh[index] ? 1 : 0)
        FactColumns.write(record, to: &b)
        // Some fact tables compute their natural key (Schema.v7); a staging table is a plain copy of
        // the columns, which sorts by the key, so it is always given it.
        if !fresh[index] || StoredColumns.storesKey(kind) { b.text(record.naturalKey) }
        try b.run(db)
    }

    /// Columns each kind's insert binds after (filing, line, current): the stored ones of FactColumns,
    /// in the order `FactColumns.write` binds them (`StoredColumns`).
    private static let insertColumns: [RecordKind: String] = Dictionary(uniqueKeysWithValues: RecordKind.allCases.map {
        ($0, StoredColumns.insertColumns($0).joined(separator: ", "))
    })

    /// How the binder treats each kind's values, by `RecordKind.tableIndex`: after filing, line and current.
    private static let layouts: [Binder.Layout] = RecordKind.allCases.sorted { $0.tableIndex < $1.tableIndex }.map {
        StoredColumns.layout($0, leading: 3)
    }

    /// Prepares the kind's insert once per filing, and tells whether its table held no facts before
    /// this filing's first record of the kind. In such a table each key's only facts are this
    /// filing's, so they are inserted as current: finish() then refuses or drops duplicates and
    /// dangling references exactly as it would have, and what is left is what the recomputation of
    /// `current` would have chosen, without the per-key update of every row.
    ///
    /// Into a table that holds facts already, the rows go first to a temporary table of the same
    /// columns, which `moveStaged` moves into the table sorted by natural key (see there).
    private func prepare(_ kind: RecordKind) throws {
        let table = Schema.table(kind)
        let columns = SQLiteFilingSession.insertColumns[kind]!
        let params = Array(repeating: "?", count: columns.split(separator: ",").count + 3).joined(separator: ",")
        let isFresh = !(try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") ?? true)
        fresh[kind.tableIndex] = isFresh
        firstRow[kind.tableIndex] = try FilingRowRanges.firstFree(db, table: table)
        var target = "main.\(table)"
        if isFresh {
            // Inserting random keys into a B-tree index touches a random page per row, which at a
            // million rows no longer fits the cache; building the index afterwards sorts once. The
            // indexes are dropped and made again in this transaction, so a failed or interrupted
            // load leaves them as they were, and they come back exactly as the migrations wrote them.
            // Indexes whose keys arrive in order stay: appending to them is cheap, and each index
            // built afterwards reads the whole table again.
            let indexes = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", arguments: [table])
            for index in indexes {
                let name: String = index["name"]
                if Schema.appendedIndexes.contains(name) { continue }
                try db.execute(sql: "DROP INDEX \"\(name)\"")
                deferredIndexes.append(index["sql"])
            }
        } else {
            target = "temp.stage_\(table)"
            try db.execute(sql: "DROP TABLE IF EXISTS \(target)")
            try db.execute(sql: "CREATE TEMP TABLE stage_\(table) AS SELECT * FROM main.\(table) WHERE 0")
        }
        let insert = isFresh && !StoredColumns.storesKey(kind)
            ? "INSERT INTO \(target) (filing, line, current, \(columns)) VALUES (\(params))"
            : "INSERT INTO \(target) (filing, line, current, \(columns), nk) VALUES (\(params),?)"
        statements[kind.tableIndex] = try db.makeStatement(sql: insert)
    }

    /// Moves the rows staged for tables that held facts already into them, in natural-key order.
    /// In filing order each row went to a random page of the table's key indexes (natural key, firm),
    /// and once those outgrew the cache every page was written out and read back again and again:
    /// a 45,000-designation filing into the 1M-firm registry wrote 271,000 pages. In key order the
    /// inserts walk each index once. The sort goes into a second temporary table, in small runs
    /// (`sortingInSmallRuns`), so that the move itself keeps the writer's whole cache.
    ///
    /// A key no other filing states goes in as current, as in a fresh table (see `prepare`); the keys
    /// other filings state too are kept in `temp.existing_<table>` for `finish` to decide by
    /// precedence. Setting `current` afterwards on every new row moved each one in the (nk, current)
    /// index and into the current-only indexes a second time.
    private func moveStaged() throws {
        for kind in RecordKind.allCases where !fresh[kind.tableIndex] && statements[kind.tableIndex] != nil {
            let table = Schema.table(kind)
            // Finalizes the insert into the staging table, which is dropped below.
            statements[kind.tableIndex] = nil
            try sortingInSmallRuns {
                try db.execute(sql: "CREATE TEMP TABLE sorted_\(table) AS SELECT * FROM temp.stage_\(table) ORDER BY nk, line")
            }
            try db.execute(sql: """
                DROP TABLE temp.stage_\(table);
                DROP TABLE IF EXISTS temp.existing_\(table);
                CREATE TEMP TABLE existing_\(table) (nk TEXT PRIMARY KEY) WITHOUT ROWID;
                INSERT OR IGNORE INTO temp.existing_\(table)
                  SELECT s.nk FROM temp.sorted_\(table) s WHERE EXISTS (SELECT 1 FROM main.\(table) t WHERE t.nk = s.nk);
                """)
            let columns = SQLiteFilingSession.insertColumns[kind]!
            let current = "NOT EXISTS (SELECT 1 FROM temp.existing_\(table) e WHERE e.nk = s.nk)"
            try db.execute(sql: """
                INSERT INTO main.\(table) (filing, line, current, \(columns)\(StoredColumns.storesKey(kind) ? ", nk" : ""))
                  SELECT filing, line, \(current), \(columns)\(StoredColumns.storesKey(kind) ? ", nk" : "") FROM temp.sorted_\(table) s;
                DROP TABLE temp.sorted_\(table);
                """)
        }
    }

    /// Runs `body`, whose sorts then go in runs of 2 MiB on `threads` threads, and restores the
    /// writer's cache. SQLite's sorter takes as much memory as the page cache allows, per thread:
    /// with the writer's 16 MiB a load's peak grew with what it sorted, and runs of 2 MiB, which fit
    /// the processor's cache, sorted no slower.
    private func sortingInSmallRuns<T>(threads: Int = 0, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "PRAGMA cache_size = -2048; PRAGMA threads = \(threads)")
        defer { try? db.execute(sql: "PRAGMA threads = 0; PRAGMA cache_size = \(SQLiteStore.writerCacheSize)") }
        return try body()
    }

    /// Builds the indexes `prepare` dropped. Two sorting threads were faster than one (1M firms:
    /// builds 4.0 → 2.2 s, peak 82 → 72 MB); only these builds get the second one, the sorts of a
    /// load into a populated registry keep the single one they were measured with.
    private func rebuildIndexes() throws {
        guard !deferredIndexes.isEmpty else { return }
        try sortingInSmallRuns(threads: 2) {
            for sql in deferredIndexes { try db.execute(sql: sql) }
        }
        deferredIndexes = []
    }

    /// Every occurrence of a natural key after the first in this filing, as a problem (and, with
    /// `dropInvalid`, deleted).
    private func findDuplicates(stated: [RecordKind], dropInvalid: Bool, into problems: inout [RecordProblem]) throws {
        guard let seq else { return }
        for kind in stated {
            let table = Schema.table(kind)
            let isFresh = fresh[kind.tableIndex]
            // The filing's rows are those appended from `firstRow` on (in a fresh table, all of them).
            let first = firstRow[kind.tableIndex]
            let rows = try Row.fetchAll(db, sql: """
                SELECT t.rowid AS rid, t.line, t.nk, (SELECT min(u.line) FROM \(table) u WHERE u.filing = t.filing AND u.nk = t.nk) AS first
                FROM \(table) t WHERE t.filing = ? AND t.nk IN (
                  SELECT nk FROM \(table) \(isFresh ? "" : "WHERE rowid >= ? AND filing = ?") GROUP BY nk HAVING count(*) > 1)
                ORDER BY t.line
                """, arguments: isFresh ? [seq] : [seq, first, seq])
            for r in rows {
                let line: Int = r["line"], first: Int = r["first"]
                guard line != first else { continue }
                let nk: String = r["nk"]
                problems.append(.duplicate(kind: kind, line: line, firstLine: first, naturalKey: nk))
                if dropInvalid {
                    try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [r["rid"] as Int64])
                    written[kind.tableIndex] -= 1
                }
            }
        }
    }

    func finish(dropInvalid: Bool) throws -> (info: FilingInfo, problems: [RecordProblem]) {
        guard let seq else { preconditionFailure("finish before begin") }
        var problems: [RecordProblem] = []
        try moveStaged()
        try rebuildIndexes()

        // Duplicate natural keys inside the filing: every occurrence after the first is a problem.
        // A kind the filing does not state needs no check; in a fresh table every row is the
        // filing's, so the keys are grouped straight off the (nk, current) index, without sorting.
        let stated = RecordKind.allCases.filter { written[$0.tableIndex] > 0 }
        // In a populated table the filing's keys are grouped by sorting them: with the full cache
        // the 10M-firm registry's second filing (451,645 designations) took 17 MB of sorter, 83 MB in all.
        try sortingInSmallRuns { try findDuplicates(stated: stated, dropInvalid: dropInvalid, into: &problems) }

        // References, repeated when dropping: removing a firm can orphan its designations.
        let statedTables = Set(stated.map(Schema.table))
        let freshTables = Set(stated.filter { fresh[$0.tableIndex] }.map(Schema.table))
        var seen = Set<String>()
        var dropped = Set<String>()
        let scopeRows = Dictionary(uniqueKeysWithValues: stated.map { (Schema.table($0), firstRow[$0.tableIndex]) })
        while true {
            let dangling = try CurrentView.danglingReferences(db, onlyFiling: (seq, scopeRows), tables: statedTables, freshTables: freshTables)
            let fresh = dangling.filter { seen.insert("\($0.kind)|\($0.rowid)|\($0.message)").inserted }
            if fresh.isEmpty { break }
            for d in fresh {
                problems.append(.dangling(kind: d.kind, line: d.line, missing: d.words))
                if dropInvalid, dropped.insert("\(d.kind)|\(d.rowid)").inserted {
                    try db.execute(sql: "DELETE FROM \(Schema.table(d.kind)) WHERE rowid = ?", arguments: [d.rowid])
                    written[d.kind.tableIndex] -= 1
                }
            }
            if !dropInvalid { break }
        }

        // Fresh tables' rows went in as current (see `prepare`), and so did the other tables' rows
        // of keys no other filing states (`moveStaged`); kinds not stated touch no key.
        for kind in stated where !fresh[kind.tableIndex] {
            let table = Schema.table(kind)
            try CurrentView.refreshCurrent(db, table: table, keys: "temp.existing_\(table)")
            try db.execute(sql: "DROP TABLE temp.existing_\(table)")
        }
        // A designation's resolution depends on current firms and its own fields only: new firms can
        // change any designation's, new designations only their own, and a filing of neither none.
        if stated.contains(.firm) || stated.contains(.link) {
            try CurrentView.refreshResolution(db)
        } else if stated.contains(.designation) {
            try CurrentView.refreshResolution(db, onlyFiling: (seq, firstRow[RecordKind.designation.tableIndex]))
        }

        for kind in stated {
            try FilingRowRanges.record(db, filing: seq, table: Schema.table(kind), firstFree: firstRow[kind.tableIndex])
        }
        try db.execute(sql: "UPDATE filing SET counts = ? WHERE seq = ?", arguments: [FilingRows.countsText(counts), seq])
        let info = try Row.fetchOne(db, sql: "SELECT * FROM filing WHERE seq = ?", arguments: [seq]).map(FilingRows.info)!
        return (info, problems.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) })
    }
}
