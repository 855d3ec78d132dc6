import Foundation
import GRDB
import RegistryTesting
import Testing
@testable import Core

/// Issue #19, migration v11: a filing's facts are found by their run of row ids (`filing_rows`), not
/// by an index on `filing`, and a firm's annual reports by a range of `annual_report_nk`.
@Suite("Registry: a filing's rows as runs of row ids (schema v11)")
struct FilingRowRangesTests {
    typealias Base = StoredColumnsTests
    static func u(_ n: Int) -> String { Base.u("430211", n) }

    static let park = #"<park id="zz" name="株洲高新区" region="430211" level="national" kind="high-tech-zone"/>"#

    static func firms(_ numbers: ClosedRange<Int>, name: String = "号有限公司") -> String {
        numbers.map { #"<firm uscc="\#(u($0))" name="株洲\#($0)\#(name)" region="430211"/>"# }.joined(separator: "\n")
    }

    /// Each fact table's rows by filing, read without any index: what the runs must find.
    static func rowsByScan(_ store: SQLiteStore, table: String, filing: String) throws -> [Int64] {
        try store.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT t.rowid FROM \(table) t NOT INDEXED JOIN filing f ON f.seq = t.filing WHERE f.id = ? ORDER BY t.rowid",
                               arguments: [filing])
        }
    }

    static func runs(_ store: SQLiteStore, filing: String) throws -> [String: FilingRowRanges.Run] {
        try store.writer.read { db in
            let seq = try #require(try Int.fetchOne(db, sql: "SELECT seq FROM filing WHERE id = ?", arguments: [filing]))
            return try FilingRowRanges.runs(db, filing: seq)
        }
    }

    /// The records a filing stated, as `copy` reads them.
    static func stated(_ store: SQLiteStore, _ filing: String) throws -> [String] {
        var out: [String] = []
        try store.statedRecords(filingID: filing) { line, record in out.append("\(line) \(record.kind.rawValue) \(record.naturalKey)") }
        return out
    }

    @Test("a load records each table's run of row ids: a fresh table's, a populated table's staged rows, and the gap a lenient drop leaves")
    func runsRecorded() throws {
        let store = try SQLiteStore()
        try InlineRegistry.load(Self.park + Self.firms(1...3), id: "a", into: store)
        // Into populated tables (staged, moved in key order), with a duplicate a lenient load drops.
        let xml = TestRegistry.xml(id: "b", issued: "2025-01-31", Self.firms(4...6) + "\n" + #"<firm uscc="\#(Self.u(5))" name="株洲又五号有限公司" region="430211"/>"#
            + "\n" + #"<annual-report uscc="\#(Self.u(4))" year="2023" revenue="1.00"/>"#)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("b-\(UUID().uuidString).xml").path
        try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try FilingLoader(store: store).load(path: path, displayName: "b", options: LoadOptions(lenient: true))
        #expect(report.info?.counts[.firm] == 3)

        for filing in ["a", "b"] {
            let runs = try Self.runs(store, filing: filing)
            for table in FactColumns.tables {
                let rows = try Self.rowsByScan(store, table: table, filing: filing)
                if rows.isEmpty {
                    #expect(runs[table] == nil, "\(filing) \(table)")
                } else {
                    let run = try #require(runs[table], "\(filing) \(table)")
                    #expect(run.first <= rows.first! && rows.last! <= run.last, "\(filing) \(table)")
                    // The run holds no other filing's rows.
                    let inRun = try store.writer.read { db in
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE rowid BETWEEN ? AND ?", arguments: [run.first, run.last])
                    }
                    #expect(inRun == rows.count, "\(filing) \(table)")
                }
            }
        }
        let b = try Self.stated(store, "b")
        #expect(b.count == 4)
        #expect(b.filter { $0.contains(Self.u(5)) }.count == 1)
        #expect(!b.contains { $0.contains(Self.u(1)) })
    }

    @Test("retracting a middle filing deletes its rows by their run and nothing else; a load after retracting the last reuses its row ids")
    func retractByRun() throws {
        let store = try SQLiteStore()
        try InlineRegistry.load(Self.park + Self.firms(1...3), id: "a", issued: "2024-01-31", into: store)
        try InlineRegistry.load(Self.firms(2...4, name: "号新名有限公司"), id: "b", issued: "2024-02-29", into: store)
        try InlineRegistry.load(Self.firms(4...5), id: "c", issued: "2024-03-31", into: store)
        let before = try (Self.stated(store, "a"), Self.stated(store, "c"))

        _ = try store.retract(filingID: "b")
        #expect(try Self.stated(store, "a") == before.0)
        #expect(try Self.stated(store, "c") == before.1)
        #expect(try Self.rowsByScan(store, table: "firm", filing: "b").isEmpty)
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM filing_rows WHERE filing = 2") } == 0)
        // Supersession recomputed: a's names are current again where b had renamed.
        #expect(try store.firms(FirmQuery(uscc: Self.u(2))).map(\.filing) == ["a"])
        #expect(try store.firms(FirmQuery(uscc: Self.u(4))).map(\.filing) == ["c"])

        _ = try store.retract(filingID: "c")
        try InlineRegistry.load(Self.firms(6...7), id: "d", issued: "2024-04-30", into: store)
        let runs = try Self.runs(store, filing: "d")
        #expect(runs["firm"] == FilingRowRanges.Run(first: 4, last: 5))
        #expect(try Self.rowsByScan(store, table: "firm", filing: "d") == [4, 5])
        #expect(try store.firms(FirmQuery()).count == 5)
    }

    @Test("no fact table references filing, and the reads and deletes by filing search row ids, not scan")
    func noForeignKeysAndPlans() throws {
        let store = try SQLiteStore()
        try InlineRegistry.load(Base.records, id: "a", into: store)
        try store.writer.read { db in
            for table in FactColumns.tables {
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_foreign_key_list(?)", arguments: [table]) == 0, "\(table)")
                #expect(try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?)", arguments: ["\(table)_filing"]) == false)
            }
            #expect(try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'annual_report_uscc')") == false)
            let run = FilingRowRanges.Run(first: 1, last: 9)
            for sql in ["SELECT * FROM firm t WHERE \(run.condition("t", filing: 1)) ORDER BY line, rowid",
                        "DELETE FROM firm AS t WHERE \(run.condition("t", filing: 1))",
                        "SELECT t.nk FROM designation t WHERE \(run.condition("t", filing: 1))"] {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
                #expect(plan.contains("USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"), "\(plan)")
            }
        }
    }

    @Test("a firm's annual reports are a range of annual_report_nk: the same reports, in year order, and only the code's")
    func annualReportsByKeyRange() throws {
        let store = try SQLiteStore()
        try InlineRegistry.load(Self.park + Self.firms(1...2) + """
            <annual-report uscc="\(Self.u(1))" year="2023" revenue="3.00"/>
            <annual-report uscc="\(Self.u(2))" year="2022" revenue="2.00"/>
            <annual-report uscc="\(Self.u(1))" year="2021" revenue="1.00"/>
            """, id: "a", into: store)
        #expect(try store.annualReports(uscc: Self.u(1)).map(\.value.year) == [2021, 2023])
        #expect(try store.annualReports(uscc: Self.u(2)).map(\.value.year) == [2022])
        #expect(try store.annualReports(uscc: nil).map { "\($0.value.uscc) \($0.value.year)" }
                == ["\(Self.u(1)) 2021", "\(Self.u(1)) 2023", "\(Self.u(2)) 2022"])
        // A code that holds the key's separator falls inside another code's range; `uscc = ?` keeps it out.
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO annual_report (filing, line, current, uscc, year) VALUES (1, 90, 1, ?, 2020)", arguments: [Self.u(1) + "|x"])
        }
        #expect(try store.annualReports(uscc: Self.u(1)).map(\.value.year) == [2021, 2023])
        let plan = try store.writer.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT t.*, f.id AS fid FROM annual_report t JOIN filing f ON f.seq = t.filing
                WHERE t.nk >= ? || '|' AND t.nk < ? || '}' AND t.current = 1 AND t.uscc = ? ORDER BY t.uscc, t.year
                """, arguments: ["a", "a", "a"]).map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains("SEARCH t USING INDEX annual_report_nk (nk>? AND nk<?)"), "\(plan)")
    }

    @Test("a v10 registry is migrated in place: runs from its rows (interleaved filings included), no *_filing index, no foreign key, same answers")
    func migratesV10InPlace() throws {
        let fresh = Base.temporaryPath("v11"), old = Base.temporaryPath("v10")
        defer { Base.remove(fresh); Base.remove(old) }
        do {
            let store = try SQLiteStore(path: fresh)
            try InlineRegistry.load(Base.records, id: "a", into: store)
            try InlineRegistry.load(Self.firms(11...13) + "\n" + #"<firm uscc="\#(Self.u(1))" name="株洲一号新名有限公司" region="430211"/>"#,
                                    id: "b", issued: "2025-01-31", into: store)
        }
        let source = try DatabaseQueue(path: fresh)
        do {
            let v10 = try DatabaseQueue(path: old)
            try Schema.migrator.migrate(v10, upTo: "v10-designation-coded")
            try v10.write { db in
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_foreign_key_list('firm')") == 1)
                try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [fresh])
                try db.execute(sql: "INSERT INTO filing SELECT * FROM src.filing")
                for table in FactColumns.tables {
                    let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0", arguments: [table]).joined(separator: ", ")
                    // New row ids in line order: the two filings' firms interleave, as no load of regctl
                    // writes them, so only `filing = ?` tells them apart inside a run.
                    try db.execute(sql: "INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM src.\(table) ORDER BY line, filing")
                }
            }
        }
        let migrated = try SQLiteStore(path: old)
        let reference = try SQLiteStore(path: fresh)
        let runs = try Self.runs(migrated, filing: "a"), runsB = try Self.runs(migrated, filing: "b")
        let firmsA = try Self.rowsByScan(migrated, table: "firm", filing: "a"), firmsB = try Self.rowsByScan(migrated, table: "firm", filing: "b")
        #expect(runs["firm"] == FilingRowRanges.Run(first: firmsA.first!, last: firmsA.last!))
        #expect(runsB["firm"] == FilingRowRanges.Run(first: firmsB.first!, last: firmsB.last!))
        // The runs overlap: the case `filing = ?` is there for.
        #expect(firmsA.first! < firmsB.last! && firmsB.first! < firmsA.last!)
        #expect(runsB["designation"] == nil)
        #expect(runs["designation"] != nil)
        for filing in ["a", "b"] {
            #expect(try Self.stated(migrated, filing) == (try Self.stated(reference, filing)), "\(filing)")
        }
        let schema = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name"
        #expect(try migrated.writer.read { db in try Row.fetchAll(db, sql: schema) } == (try source.read { db in try Row.fetchAll(db, sql: schema) }))
        #expect(try migrated.integrityCheck() == "ok")
        #expect(try migrated.writer.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
        let current = { (store: SQLiteStore) in try store.firms(FirmQuery()).map { "\($0.firm.uscc) \($0.filing) \($0.line)" }.sorted() }
        #expect(try current(migrated) == (try current(reference)))

        _ = try migrated.retract(filingID: "a")
        #expect(try Self.rowsByScan(migrated, table: "firm", filing: "b") == firmsB)
        #expect(try migrated.firms(FirmQuery()).map(\.filing) == ["b", "b", "b", "b"])
        try InlineRegistry.load(Self.park + Self.firms(21...22), id: "c", issued: "2025-02-28", into: migrated)
        let next = firmsB.last! + 1
        #expect(try Self.runs(migrated, filing: "c")["firm"] == FilingRowRanges.Run(first: next, last: next + 1))
    }
}
