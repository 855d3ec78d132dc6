import Foundation
import GRDB

/// The registry's SQLite schema, as ordered migrations. A shipped migration is never edited;
/// a change of schema is a new migration appended here.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration(firstMigration, migrate: v1)
        m.registerMigration("v2-analysis-indexes", migrate: v2)
        m.registerMigration("v3-designation-level-covering", migrate: v3)
        m.registerMigration(applicationIDMigration, migrate: v4)
        m.registerMigration("v5-former-names", migrate: v5)
        m.registerMigration("v6-link-decisions", migrate: v6)
        m.registerMigration("v7-derived-columns-computed", migrate: v7)
        m.registerMigration("v8-firm-name-key-unindexed", migrate: v8)
        m.registerMigration("v9-firm-coded-indexes-narrowed", migrate: v9)
        m.registerMigration("v10-designation-coded", migrate: v10)
        m.registerMigration("v11-filing-row-ranges", migrate: v11)
        return m
    }

    /// The migration every registry has: how one made before the application id is recognised.
    static let firstMigration = "v1-registry"
    /// The migration that stamps the application id, which a read-only registry may lack.
    static let applicationIDMigration = "v4-application-id"

    /// Marks the file as a regctl registry in SQLite's header, where `RegistryFile` looks first.
    private static func v4(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(RegistryFile.applicationID)")
    }

    /// Former names (issue #16): a firm's names as stated and their normalised keys (a JSON array, see
    /// `FactColumns.formerKeys`), and, for each designation by name, how it was linked (`linked_by`:
    /// `name`, `former-name`). Few firms have former names, so the index holds only those.
    private static func v5(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE firm ADD COLUMN former_names TEXT;
            ALTER TABLE firm ADD COLUMN former_keys TEXT;
            CREATE INDEX firm_former ON firm(uscc) WHERE current = 1 AND former_keys IS NOT NULL;
            ALTER TABLE designation ADD COLUMN linked_by TEXT;
            """)
    }

    /// Reviewers' decisions about names without a code (issue #16): a fact table like the others.
    /// `resolved` of a designation linked by a `same` decision gets `linked_by` = `decision`.
    private static func v6(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE link (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE,
                line INTEGER NOT NULL, nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                name TEXT NOT NULL, name_key TEXT NOT NULL, region TEXT NOT NULL, unit TEXT,
                uscc TEXT NOT NULL, decision TEXT NOT NULL, note TEXT
            );
            CREATE INDEX link_nk ON link(nk, current);
            CREATE INDEX link_filing ON link(filing);
            CREATE INDEX link_name ON link(name_key, unit) WHERE current = 1;
            CREATE INDEX link_uscc ON link(uscc);
            """)
    }

    /// Issue #19: columns that are a function of others stop taking room in every row. Each becomes a
    /// VIRTUAL generated column of the same name, in the same place, computed when read: every query,
    /// index and `SELECT *` reads it as before, and an index on it still holds its values (the natural
    /// key's index finds a key as before). What cannot be computed in SQL is stored only where it says
    /// something: a normalised name key that differs from the name (few do: most names are already in
    /// normal form), a current region code that differs from the stated one (a retired code).
    /// - `nk` of the kinds keyed by several columns (designation, incubation, annual report, link): the
    ///   natural key from the key's own columns, the spelling of `Record.naturalKey`. Kinds keyed by
    ///   one column (park, firm, incubator, transfer) keep it stored: other tables' references are
    ///   looked up in their `(nk, current)` index, and SQLite reads a generated column's value from
    ///   the table row, not from the index (finding a firm's duplicate codes at 1M: 0.23 → 2.9 s CPU);
    /// - firm `name_key`: the name unless `name_key_if_other` holds the key;
    /// - firm `region_now`: the region unless `region_now_if_other` holds its successor; `province`
    ///   and `prefecture` its first two and four digits (as v1–v6 stored them, "4300" for 430000 too).
    /// A designation's `name_key` stays stored: only designations by name have one (1,508 of 522,170 at
    /// 1M firms), and rank's covering index (v3) holds it, which SQLite does not read as covering when
    /// the column is generated.
    /// SQLite cannot change a column's kind in place, so each table is made anew, its rows copied with
    /// their row ids (ties in answers follow row ids) and its indexes made again as they were.
    private static func v7(_ db: Database) throws {
        for table in v7Tables {
            let indexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", arguments: [table.name])
            try db.execute(sql: "CREATE TABLE v7_\(table.name) (\(table.columns))")
            try db.execute(sql: """
                INSERT INTO v7_\(table.name) (rowid, \(table.copied.map(\.column).joined(separator: ", ")))
                  SELECT rowid, \(table.copied.map(\.value).joined(separator: ", ")) FROM \(table.name)
                """)
            try db.execute(sql: "DROP TABLE \(table.name)")
            try db.execute(sql: "ALTER TABLE v7_\(table.name) RENAME TO \(table.name)")
            for sql in indexes { try db.execute(sql: sql) }
        }
    }

    /// Issue #19: the index of current firms by name key (52 MB of a 605 MB registry at 1M firms) served
    /// one query, the linking of designations by name, which looks up the few names such lists give;
    /// it now picks the firms of those names in one pass over the table (`CurrentView.refreshResolution`).
    private static func v8(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX IF EXISTS firm_name_key")
    }

    /// Issue #19, the next cuts (docs/architecture.md, "The SQLite registry's tables and indexes"):
    /// - a firm's `uscc` is its natural key: computed from the stored `nk` (19 bytes a firm), not the
    ///   other way round, so that `firm_nk` stays the covering index references and duplicates walk;
    /// - a firm's `founded` is stored as its day number (`founded_day`), its `status` as a code
    ///   (`status_code`, `StoredColumns.firmStatuses`); both names stay, as generated columns that
    ///   spell them as before, so every query, `SELECT *` and comparison reads them unchanged;
    /// - `firm_park` holds only firms in a park (a third at 1M): every query it serves names a park;
    /// - `designation_program` is dropped: rank's covering index (v3) holds every current
    ///   designation of a programme, and `designations(program:)` puts them back in its order.
    /// The firm table is made anew as in v7, its rows copied with their row ids.
    private static func v9(_ db: Database) throws {
        let indexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'firm' AND name != 'firm_park' AND sql IS NOT NULL ORDER BY name")
        let founded = StoredColumns.dayExpression("founded_day")
        let status = StoredColumns.codeExpression("status_code", StoredColumns.firmStatuses)
        try db.execute(sql: """
            CREATE TABLE v9_firm (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE, line INTEGER NOT NULL,
                nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT GENERATED ALWAYS AS (nk) VIRTUAL,
                name TEXT NOT NULL, name_key TEXT GENERATED ALWAYS AS (coalesce(name_key_if_other, name)) VIRTUAL,
                region TEXT NOT NULL, region_now TEXT GENERATED ALWAYS AS (coalesce(region_now_if_other, region)) VIRTUAL,
                province TEXT GENERATED ALWAYS AS (substr(region_now, 1, 2)) VIRTUAL,
                prefecture TEXT GENERATED ALWAYS AS (substr(region_now, 1, 4)) VIRTUAL,
                park TEXT, industry TEXT, founded TEXT GENERATED ALWAYS AS (\(founded)) VIRTUAL,
                status TEXT GENERATED ALWAYS AS (\(status)) VIRTUAL, uscc_ok INTEGER NOT NULL,
                former_names TEXT, former_keys TEXT, name_key_if_other TEXT, region_now_if_other TEXT,
                founded_day INTEGER, status_code INTEGER NOT NULL
            )
            """)
        // A date SQLite spells back exactly is stored as its day number, anything else as it was;
        // likewise a status not in the list.
        try db.execute(sql: """
            INSERT INTO v9_firm (rowid, filing, line, nk, current, name, region, park, industry, uscc_ok, former_names, former_keys,
                                 name_key_if_other, region_now_if_other, founded_day, status_code)
              SELECT rowid, filing, line, nk, current, name, region, park, industry, uscc_ok, former_names, former_keys,
                     name_key_if_other, region_now_if_other,
                     \(StoredColumns.dayValue("founded")), \(StoredColumns.codeValue("status", StoredColumns.firmStatuses))
              FROM firm
            """)
        try db.execute(sql: "DROP TABLE firm")
        try db.execute(sql: "ALTER TABLE v9_firm RENAME TO firm")
        for sql in indexes { try db.execute(sql: sql) }
        try db.execute(sql: """
            CREATE INDEX firm_park ON firm(park) WHERE current = 1 AND park IS NOT NULL;
            DROP INDEX IF EXISTS designation_program;
            """)
    }

    /// Issue #19: a designation's programme, level and status are stored as codes and its dates as
    /// day numbers (`StoredColumns.programs`, `levels`, `designationStatuses`; about 40 bytes a
    /// designation), in the table and in rank's covering index, which is made again on the codes: its
    /// order is the same (the codes follow the values' alphabetical order) and rank reads the codes
    /// from it, so it stays covering (a generated column is read from the table row). The readable
    /// names stay as generated columns; the natural key is spelt from them as before.
    private static func v10(_ db: Database) throws {
        let indexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'designation' AND name != 'designation_program_level_rows' AND sql IS NOT NULL ORDER BY name")
        func code(_ column: String, _ values: [String]) -> String {
            "\(column) TEXT GENERATED ALWAYS AS (\(StoredColumns.codeExpression(column + "_code", values))) VIRTUAL"
        }
        func day(_ column: String) -> String {
            "\(column) TEXT GENERATED ALWAYS AS (\(StoredColumns.dayExpression(column + "_day"))) VIRTUAL"
        }
        try db.execute(sql: """
            CREATE TABLE v10_designation (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE, line INTEGER NOT NULL,
                nk TEXT GENERATED ALWAYS AS (
                  coalesce(uscc, '~' || coalesce(name_key, '') || '@' || coalesce(unit, '')) || '|' || program || '|' || level || '|' || year) VIRTUAL,
                current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT, firm_name TEXT, name_key TEXT, region TEXT, unit TEXT,
                \(code("program", StoredColumns.programs)), \(code("level", StoredColumns.levels)), year INTEGER NOT NULL, batch TEXT,
                \(day("valid_from")), \(day("valid_to")), \(code("status", StoredColumns.designationStatuses)), \(day("revoked_on")),
                resolved TEXT, linked_by TEXT,
                program_code INTEGER NOT NULL, level_code INTEGER NOT NULL, valid_from_day INTEGER, valid_to_day INTEGER,
                status_code INTEGER NOT NULL, revoked_on_day INTEGER
            )
            """)
        try db.execute(sql: """
            INSERT INTO v10_designation (rowid, filing, line, current, uscc, firm_name, name_key, region, unit, year, batch, resolved, linked_by,
                                         program_code, level_code, valid_from_day, valid_to_day, status_code, revoked_on_day)
              SELECT rowid, filing, line, current, uscc, firm_name, name_key, region, unit, year, batch, resolved, linked_by,
                     \(StoredColumns.codeValue("program", StoredColumns.programs)), \(StoredColumns.codeValue("level", StoredColumns.levels)),
                     \(StoredColumns.dayValue("valid_from")), \(StoredColumns.dayValue("valid_to")),
                     \(StoredColumns.codeValue("status", StoredColumns.designationStatuses)), \(StoredColumns.dayValue("revoked_on"))
              FROM designation
            """)
        try db.execute(sql: "DROP TABLE designation")
        try db.execute(sql: "ALTER TABLE v10_designation RENAME TO designation")
        for sql in indexes { try db.execute(sql: sql) }
        try db.execute(sql: """
            CREATE INDEX designation_program_level_rows ON designation(
                program_code, level_code, current, filing, line, uscc, firm_name, region, year, batch, valid_from_day, valid_to_day,
                status_code, revoked_on_day, resolved, name_key, unit) WHERE current = 1
            """)
    }

    /// Issue #19: a filing's facts are found by their row ids, not by an index on `filing`. A load
    /// appends each table's rows at the end (max(rowid) + 1, staged rows too), so a filing's rows in a
    /// table are one run of row ids, which `filing_rows` keeps (``FilingRowRanges``): retraction, `copy`
    /// and the load's own checks read that run by the row-id B-tree, still with `AND filing = ?`, which
    /// bounds a run that another filing's rows interleave (a registry loaded by an older version) or
    /// that dropped rows left gaps in. The eight `*_filing` indexes (20 MB of a 357 MB registry at 1M
    /// firms) go, and with them the `ON DELETE CASCADE` of each fact table's `filing`: with no index on
    /// `filing`, SQLite's foreign-key action (and even a plain reference's check) would scan every
    /// fact table whenever a filing row is deleted; `CurrentView.remove` deletes the facts by range.
    /// The clause is taken out of each table's definition in place, as SQLite's documentation allows
    /// for removing a foreign key (the rows' format does not change); rebuilding the tables would copy
    /// the whole registry. `annual_report_uscc` (11 MB) goes too: `annual_report_nk` holds
    /// `uscc|year`, so a code's reports are a range of it (`SQLiteStore.annualReports(uscc:)`).
    private static func v11(_ db: Database) throws {
        try db.execute(sql: FilingRowRanges.definition)
        for table in v11Tables {
            try db.execute(sql: """
                INSERT INTO \(FilingRowRanges.table) (filing, fact_table, first, last)
                  SELECT filing, ?, min(rowid), max(rowid) FROM \(table) GROUP BY filing
                """, arguments: [table])
            try db.execute(sql: "DROP INDEX IF EXISTS \(table)_filing")
        }
        try db.execute(sql: "DROP INDEX IF EXISTS annual_report_uscc")
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        for table in v11Tables {
            try db.execute(sql: "UPDATE sqlite_master SET sql = replace(sql, ' REFERENCES filing(seq) ON DELETE CASCADE', '') WHERE type = 'table' AND name = ?",
                           arguments: [table])
        }
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
        db.clearSchemaCache()
    }

    /// The fact tables as of v11 (`factTables` may grow after it).
    private static let v11Tables = ["park", "firm", "incubator", "designation", "incubation", "annual_report", "transfer", "link"]

    /// v7's tables: their columns, and what fills each stored column from the table v6 left.
    private static var v7Tables: [(name: String, columns: String, copied: [(column: String, value: String)])] {
        let head = "filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE, line INTEGER NOT NULL"
        func same(_ names: String) -> [(column: String, value: String)] {
            names.split(separator: ",").map { let c = $0.trimmingCharacters(in: .whitespaces); return (c, c) }
        }
        return [
            ("park", """
                \(head), nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                id TEXT NOT NULL, name TEXT NOT NULL, short_name TEXT, region TEXT NOT NULL, level TEXT NOT NULL, kind TEXT NOT NULL
                """, same("filing, line, nk, current, id, name, short_name, region, level, kind")),
            ("firm", """
                \(head), nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT GENERATED ALWAYS AS (coalesce(name_key_if_other, name)) VIRTUAL,
                region TEXT NOT NULL, region_now TEXT GENERATED ALWAYS AS (coalesce(region_now_if_other, region)) VIRTUAL,
                province TEXT GENERATED ALWAYS AS (substr(region_now, 1, 2)) VIRTUAL,
                prefecture TEXT GENERATED ALWAYS AS (substr(region_now, 1, 4)) VIRTUAL,
                park TEXT, industry TEXT, founded TEXT, status TEXT NOT NULL, uscc_ok INTEGER NOT NULL,
                former_names TEXT, former_keys TEXT, name_key_if_other TEXT, region_now_if_other TEXT
                """, same("filing, line, nk, current, uscc, name, region, park, industry, founded, status, uscc_ok, former_names, former_keys")
                + [("name_key_if_other", "nullif(name_key, name)"), ("region_now_if_other", "nullif(region_now, region)")]),
            ("incubator", """
                \(head), nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, level TEXT NOT NULL,
                recognized INTEGER, region TEXT NOT NULL, park TEXT, operator TEXT, area_m2 REAL, focus TEXT
                """, same("filing, line, nk, current, id, name, kind, level, recognized, region, park, operator, area_m2, focus")),
            ("designation", """
                \(head), nk TEXT GENERATED ALWAYS AS (
                  coalesce(uscc, '~' || coalesce(name_key, '') || '@' || coalesce(unit, '')) || '|' || program || '|' || level || '|' || year) VIRTUAL,
                current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT, firm_name TEXT, name_key TEXT,
                region TEXT, unit TEXT, program TEXT NOT NULL, level TEXT NOT NULL, year INTEGER NOT NULL, batch TEXT,
                valid_from TEXT, valid_to TEXT, status TEXT NOT NULL, revoked_on TEXT, resolved TEXT, linked_by TEXT
                """, same("filing, line, current, uscc, firm_name, name_key, region, unit, program, level, year, batch, valid_from, valid_to, status, revoked_on, resolved, linked_by")),
            ("incubation", """
                \(head), nk TEXT GENERATED ALWAYS AS (uscc || '|' || incubator || '|' || entered) VIRTUAL, current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT NOT NULL, incubator TEXT NOT NULL, entered TEXT NOT NULL, intake TEXT NOT NULL, graduated TEXT, exited TEXT
                """, same("filing, line, current, uscc, incubator, entered, intake, graduated, exited")),
            ("annual_report", """
                \(head), nk TEXT GENERATED ALWAYS AS (uscc || '|' || year) VIRTUAL, current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT NOT NULL, year INTEGER NOT NULL,
                revenue INTEGER, main_revenue INTEGER, rd_expense INTEGER, employees INTEGER, rd_staff INTEGER,
                invention_patents INTEGER, assets INTEGER, liabilities INTEGER, equity_raised INTEGER
                """, same("filing, line, current, uscc, year, revenue, main_revenue, rd_expense, employees, rd_staff, invention_patents, assets, liabilities, equity_raised")),
            ("transfer", """
                \(head), nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                id TEXT NOT NULL, title TEXT NOT NULL, source TEXT NOT NULL, source_kind TEXT NOT NULL,
                recipient TEXT NOT NULL, mode TEXT NOT NULL, channel TEXT NOT NULL, value INTEGER, signed TEXT NOT NULL
                """, same("filing, line, nk, current, id, title, source, source_kind, recipient, mode, channel, value, signed")),
            ("link", """
                \(head), nk TEXT GENERATED ALWAYS AS ('~' || name_key || '@' || coalesce(unit, '') || '|' || uscc) VIRTUAL,
                current INTEGER NOT NULL DEFAULT 0,
                name TEXT NOT NULL, name_key TEXT NOT NULL, region TEXT NOT NULL, unit TEXT, uscc TEXT NOT NULL, decision TEXT NOT NULL, note TEXT
                """, same("filing, line, current, name, name_key, region, unit, uscc, decision, note")),
        ]
    }

    /// Every fact table has: `filing` (the stating filing's seq), `line` (where in its file),
    /// `nk` (the natural key; a later filing's fact with the same key supersedes an earlier one)
    /// and `current` (1 on the one fact per key that the registry answers with).
    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE filing (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                authority TEXT NOT NULL,
                issued TEXT,
                title TEXT,
                source TEXT NOT NULL,
                format TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                loaded_at TEXT NOT NULL,
                precedence TEXT NOT NULL,
                counts TEXT NOT NULL DEFAULT '{}'
            );
            CREATE INDEX filing_sha ON filing(sha256);

            CREATE TABLE park (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE,
                line INTEGER NOT NULL, nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                id TEXT NOT NULL, name TEXT NOT NULL, short_name TEXT, region TEXT NOT NULL,
                level TEXT NOT NULL, kind TEXT NOT NULL
            );
            CREATE TABLE firm (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE,
                line INTEGER NOT NULL, nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL,
                region TEXT NOT NULL, region_now TEXT NOT NULL, province TEXT NOT NULL, prefecture TEXT NOT NULL,
                park TEXT, industry TEXT, founded TEXT, status TEXT NOT NULL, uscc_ok INTEGER NOT NULL
            );
            CREATE INDEX firm_name_key ON firm(name_key) WHERE current = 1;
            CREATE TABLE incubator (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE,
                line INTEGER NOT NULL, nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, level TEXT NOT NULL,
                recognized INTEGER, region TEXT NOT NULL, park TEXT, operator TEXT, area_m2 REAL, focus TEXT
            );
            CREATE TABLE designation (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE,
                line INTEGER NOT NULL, nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT, firm_name TEXT, name_key TEXT, region TEXT, unit TEXT,
                program TEXT NOT NULL, level TEXT NOT NULL, year INTEGER NOT NULL, batch TEXT,
                valid_from TEXT, valid_to TEXT, status TEXT NOT NULL, revoked_on TEXT,
                resolved TEXT
            );
            CREATE INDEX designation_program ON designation(program) WHERE current = 1;
            CREATE INDEX designation_resolved ON designation(resolved);
            CREATE TABLE incubation (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE,
                line INTEGER NOT NULL, nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT NOT NULL, incubator TEXT NOT NULL, entered TEXT NOT NULL,
                intake TEXT NOT NULL, graduated TEXT, exited TEXT
            );
            CREATE INDEX incubation_uscc ON incubation(uscc);
            CREATE INDEX incubation_incubator ON incubation(incubator);
            CREATE TABLE annual_report (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE,
                line INTEGER NOT NULL, nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                uscc TEXT NOT NULL, year INTEGER NOT NULL,
                revenue INTEGER, main_revenue INTEGER, rd_expense INTEGER, employees INTEGER, rd_staff INTEGER,
                invention_patents INTEGER, assets INTEGER, liabilities INTEGER, equity_raised INTEGER
            );
            CREATE INDEX annual_report_uscc ON annual_report(uscc);
            CREATE TABLE transfer (
                filing INTEGER NOT NULL REFERENCES filing(seq) ON DELETE CASCADE,
                line INTEGER NOT NULL, nk TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0,
                id TEXT NOT NULL, title TEXT NOT NULL, source TEXT NOT NULL, source_kind TEXT NOT NULL,
                recipient TEXT NOT NULL, mode TEXT NOT NULL, channel TEXT NOT NULL, value INTEGER, signed TEXT NOT NULL
            );
            CREATE INDEX transfer_recipient ON transfer(recipient);
            """)
        // The tables v1 made, not `factTables`: a table added later (v6's `link`) makes its own indexes.
        for table in ["park", "firm", "incubator", "designation", "incubation", "annual_report", "transfer"] {
            try db.execute(sql: "CREATE INDEX \(table)_nk ON \(table)(nk, current)")
            try db.execute(sql: "CREATE INDEX \(table)_filing ON \(table)(filing)")
        }
    }

    /// Indexes for the reads of analyses at a million firms: a park's firms (profile) without scanning
    /// every firm, and a programme's designations at one level (rank) without reading the levels below.
    /// Readers that relied on `designation_program`'s order name it (`INDEXED BY`), so answers keep
    /// their order.
    private static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX firm_park ON firm(park) WHERE current = 1;
            CREATE INDEX designation_program_level ON designation(program, level) WHERE current = 1;
            """)
    }

    /// `rank` at a million firms read each counted designation's row from a random page of the table
    /// (a quarter of its time was the kernel copying such pages). The index of a programme's current
    /// designations by level now holds every column `designations(program:levels:)` reads, so those
    /// rows come off consecutive index pages. Its key continues with (filing, line), the order rows are
    /// inserted in, so a load still appends to it (see `appendedIndexes`) and readers get the rows in
    /// the order they got them before. `current` is in the key, constant 1, so that SQLite sees the
    /// index as covering.
    private static func v3(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX designation_program_level;
            CREATE INDEX designation_program_level_rows ON designation(
                program, level, current, filing, line, uscc, firm_name, region, year, batch, valid_from, valid_to,
                status, revoked_on, resolved, name_key, unit) WHERE current = 1;
            """)
    }

    /// Indexes a load appends to rather than inserts into at random: a programme (and level) has few
    /// values, each range growing at its end. (Until v11 the `*_filing` indexes were such too.)
    /// A fresh load keeps these while inserting and rebuilds the others afterwards (SQLiteFilingSession).
    static let appendedIndexes: Set<String> = ["designation_program_level", "designation_program_level_rows"]

    /// For references checked in a fresh table: an index holding the referring values, the column it
    /// holds, and the condition its rows satisfy (a partial index). A fresh designation's `resolved`
    /// is its `uscc` until the filing's checks are done (the insert writes both; resolution by name
    /// runs after the checks), so its index stands for the codes. Annual reports have no index by
    /// code since v11: their references are checked in row order, in which a filing lists them.
    static let referenceIndexes: [String: (index: String, column: String, condition: String)] = [
        "firm.park": ("firm_park", "park", "AND t.current = 1"),
        "designation.uscc": ("designation_resolved", "resolved", ""),
        "incubation.uscc": ("incubation_uscc", "uscc", ""),
        "incubation.incubator": ("incubation_incubator", "incubator", ""),
        "transfer.recipient": ("transfer_recipient", "recipient", ""),
        "link.uscc": ("link_uscc", "uscc", ""),
    ]

    // The tables and references every backend shares live in FactColumns.
    static var factTables: [String] { FactColumns.tables }
    static func table(_ kind: RecordKind) -> String { FactColumns.table(kind) }
    static var references: [(table: String, column: String, target: String, noun: String)] { FactColumns.references }
}
