import GRDB

/// Keeps the SQLite registry's current view true inside a write transaction: which fact of each
/// natural key is current, which firm a designation by name stands for, and which references dangle.
/// Both the store (retraction) and the filing session (loading, replacing) change facts through it.
enum CurrentView {
    /// The loaded filing with this id, if any.
    static func filingInfo(_ db: Database, id: String) throws -> FilingInfo? {
        try Row.fetchOne(db, sql: "SELECT * FROM filing WHERE id = ?", arguments: [id]).map(FilingRows.info)
    }

    /// Deletes a filing's facts, each table's by its run of row ids (``FilingRowRanges``), and brings
    /// the current view up to date. The facts go before the filing's row, which nothing references
    /// by a foreign key since v11 (its action would scan every table).
    static func remove(_ db: Database, seq: Int) throws {
        let runs = try FilingRowRanges.runs(db, filing: seq)
        for table in Schema.factTables {
            guard let run = runs[table] else { continue }
            try markTouched(db, table: table, run: run, seq: seq)
            try db.execute(sql: "DELETE FROM \(table) AS t WHERE \(run.condition("t", filing: seq))")
            try refreshCurrent(db, table: table)
        }
        try FilingRowRanges.forget(db, filing: seq)
        try db.execute(sql: "DELETE FROM filing WHERE seq = ?", arguments: [seq])
        try refreshResolution(db)
    }

    static func markTouched(_ db: Database, table: String, run: FilingRowRanges.Run, seq: Int) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS touched(nk TEXT PRIMARY KEY) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM temp.touched")
        try db.execute(sql: "INSERT OR IGNORE INTO temp.touched SELECT t.nk FROM \(table) t WHERE \(run.condition("t", filing: seq))")
    }

    /// For every key in `keys` (a table of natural keys, `nk`), makes the fact of the filing with the
    /// highest precedence current.
    static func refreshCurrent(_ db: Database, table: String, keys: String = "temp.touched") throws {
        try db.execute(sql: "UPDATE \(table) SET current = 0 WHERE current = 1 AND nk IN (SELECT nk FROM \(keys))")
        try db.execute(sql: """
            UPDATE \(table) SET current = 1 WHERE rowid IN (
              SELECT (SELECT t.rowid FROM \(table) t JOIN filing f ON f.seq = t.filing
                      WHERE t.nk = k.nk ORDER BY f.precedence DESC LIMIT 1)
              FROM \(keys) k)
            """)
    }

    /// Links designations by name to a current firm within their region: the firm a reviewer's `same`
    /// decision names (`linked_by` = `decision:FILING`: a person's word comes first), else one of that
    /// normalised name (`name`), else one whose former names include it (`former-name`); among several,
    /// the smallest code, so that the answer does not depend on load order. With `onlyFiling`, only
    /// that filing's designations (when no firm changed).
    static func refreshResolution(_ db: Database, onlyFiling scope: (seq: Int, firstRow: Int64)? = nil) throws {
        let unresolved = "uscc IS NULL" + (scope.map { " AND rowid >= \($0.firstRow) AND filing = \($0.seq)" } ?? "")
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM designation WHERE \(unresolved))") ?? false else { return }
        // The current firms of the names to link, picked in one pass over the firms in table order
        // (the registry keeps no index by name key: Schema.v8; left to itself SQLite walks the
        // current firms along `firm_park` and reads a random page per firm: 1M firms 1.36 → 0.5 s),
        // and the former names of current firms, unnested
        // from the few firms that have any (a partial index): each designation then looks its key up
        // in a small temporary index.
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS named_firm(name_key TEXT NOT NULL, uscc TEXT NOT NULL,
                                                       region TEXT NOT NULL, region_now TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS temp.named_firm_key ON named_firm(name_key);
            DELETE FROM temp.named_firm;
            INSERT INTO temp.named_firm
              SELECT f.name_key, f.uscc, f.region, f.region_now FROM firm f NOT INDEXED
              WHERE f.current = 1 AND f.name_key IN (SELECT name_key FROM designation WHERE \(unresolved));
            CREATE TEMP TABLE IF NOT EXISTS former_name(name_key TEXT NOT NULL, uscc TEXT NOT NULL,
                                                        region TEXT NOT NULL, region_now TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS temp.former_name_key ON former_name(name_key);
            DELETE FROM temp.former_name;
            INSERT INTO temp.former_name
              SELECT j.value, f.uscc, f.region, f.region_now FROM firm f INDEXED BY firm_former, json_each(f.former_keys) j
              WHERE f.current = 1 AND f.former_keys IS NOT NULL;
            """)
        try db.execute(sql: """
            UPDATE designation SET (resolved, linked_by) = (
              SELECT uscc, how FROM (
                SELECT l.uscc, 'decision:' || (SELECT id FROM filing WHERE seq = l.filing) AS how, -1 AS rank FROM link l
                WHERE l.current = 1 AND l.decision = 'same' AND l.name_key = designation.name_key AND l.unit = designation.unit
                UNION ALL
                SELECT f.uscc, 'name', 0 FROM temp.named_firm f
                WHERE f.name_key = designation.name_key
                  AND (substr(f.region_now, 1, length(designation.unit)) = designation.unit
                       OR substr(f.region, 1, length(designation.unit)) = designation.unit)
                UNION ALL
                SELECT x.uscc, 'former-name', 1 FROM temp.former_name x
                WHERE x.name_key = designation.name_key
                  AND (substr(x.region_now, 1, length(designation.unit)) = designation.unit
                       OR substr(x.region, 1, length(designation.unit)) = designation.unit))
              ORDER BY rank, uscc LIMIT 1)
            WHERE \(unresolved)
            """)
    }

    struct Dangling {
        var filingID: String
        var kind: RecordKind
        var line: Int
        var rowid: Int64
        /// What it refers to, which no loaded filing defines (``RecordProblem/missing(noun:target:)``).
        var words: Message
        var message: String { words.english }
    }

    /// With `tables`, only references held by those tables (the kinds a filing states). In `freshTables`
    /// (every row is the filing's, see SQLiteFilingSession) a reference with an index on its values is
    /// first checked value by value in that index's order, so the look-ups into the target walk its
    /// index in order instead of at random; only when some value is missing are the rows read.
    /// With `onlyFiling`, only the rows of that filing, which lie at or after `firstRow[table]` (the
    /// rows a filing session appended; ``FilingRowRanges``).
    static func danglingReferences(_ db: Database, onlyFiling scope: (seq: Int, firstRow: [String: Int64])?, tables: Set<String>? = nil,
                                   freshTables: Set<String> = []) throws -> [Dangling] {
        var out: [Dangling] = []
        for ref in Schema.references where tables?.contains(ref.table) ?? true {
            if freshTables.contains(ref.table), let scan = Schema.referenceIndexes["\(ref.table).\(ref.column)"] {
                let anyMissing = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM \(ref.table) t INDEXED BY \(scan.index)
                                   WHERE t.\(scan.column) IS NOT NULL \(scan.condition)
                                     AND NOT EXISTS (SELECT 1 FROM \(ref.target) x WHERE x.nk = t.\(scan.column)))
                    """) ?? true
                if !anyMissing { continue }
            }
            let filter = scope.map { "AND t.rowid >= \($0.firstRow[ref.table] ?? 1) AND t.filing = \($0.seq)" } ?? ""
            let rows = try Row.fetchAll(db, sql: """
                SELECT f.id AS fid, t.line, t.rowid AS rid, t.\(ref.column) AS ref FROM \(ref.table) t JOIN filing f ON f.seq = t.filing
                WHERE t.\(ref.column) IS NOT NULL \(filter)
                  AND NOT EXISTS (SELECT 1 FROM \(ref.target) x WHERE x.nk = t.\(ref.column))
                ORDER BY t.filing, t.line
                """)
            let kind = RecordKind(rawValue: ref.table.replacingOccurrences(of: "_", with: "-"))!
            for r in rows {
                let target: String = r["ref"]
                out.append(Dangling(
                    filingID: r["fid"], kind: kind, line: r["line"], rowid: r["rid"],
                    words: RecordProblem.missing(noun: ref.noun, target: target)))
            }
        }
        return out.sorted { ($0.filingID, $0.line) < ($1.filingID, $1.line) }
    }
}
