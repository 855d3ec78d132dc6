import Foundation
import GRDB
import RegistryTesting
import Testing
@testable import Core

/// Issue #19, migration v9: a firm's code computed from its natural key, its founding date and status
/// stored coded, `firm_park` only for firms in a park, `designation_program` gone. The readable
/// names stay, so every query written against v8's columns reads the same values.
@Suite("Registry: coded columns and narrower indexes (schema v9)")
struct StoredColumnsV9Tests {
    typealias Base = StoredColumnsTests

    @Test("a firm's founding date and status are stored coded and read back as written")
    func codedColumns() throws {
        let store = try SQLiteStore()
        try InlineRegistry.load(Base.records + """
            <firm uscc="\(Base.u("430211", 9))" name="株洲九号有限公司" region="430211" founded="1949-10-01" status="deregistered"/>
            """, id: "a", into: store)
        try store.writer.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT *, typeof(founded_day) AS ft, typeof(status_code) AS st FROM firm") {
                let firm = FactColumns.firm(row)
                #expect(row["uscc"] as String == row["nk"] as String)
                #expect(row["st"] as String == "integer")
                #expect(row["status_code"] as Int == StoredColumns.firmStatuses.firstIndex(of: firm.status.rawValue))
                if let founded = firm.founded {
                    #expect(row["ft"] as String == "integer")
                    #expect(row["founded_day"] as Int == founded.dayNumber)
                    #expect(row["founded"] as String == founded.description)
                } else {
                    #expect(row["ft"] as String == "null")
                }
            }
            // Compared as text, as queries written against v8 compare them.
            #expect(try String.fetchAll(db, sql: "SELECT uscc FROM firm WHERE status = 'deregistered' AND founded < '1950-01-01'") == [Base.u("430211", 9)])
        }
        let firm = try #require(try store.firms(FirmQuery(uscc: Base.u("430211", 9))).first?.firm)
        #expect(firm.founded == Day("1949-10-01"))
        #expect(firm.status == .deregistered)
    }

    @Test("a v8 registry is migrated in place: same rows, same row ids, same indexes, same answers; a value the coding does not know is kept as text")
    func migratesV8InPlace() throws {
        let fresh = Base.temporaryPath("v9"), old = Base.temporaryPath("v8")
        defer { Base.remove(fresh); Base.remove(old) }
        do {
            let store = try SQLiteStore(path: fresh)
            try InlineRegistry.load(Base.records, id: "a", into: store)
            try InlineRegistry.load("""
                <firm uscc="\(Base.u("430211", 1))" name="株洲一号科技有限公司" region="430211" park="zz" founded="2015-03-02"/>
                """, id: "b", issued: "2025-01-31", into: store)
        }
        let source = try DatabaseQueue(path: fresh)
        var v8Columns: [String: [String]] = [:]
        do {
            let v8 = try DatabaseQueue(path: old)
            try Schema.migrator.migrate(v8, upTo: "v8-firm-name-key-unindexed")
            try v8.write { db in
                for table in FactColumns.tables {
                    // The columns v8 stores (hidden = 2: generated).
                    v8Columns[table] = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0", arguments: [table]).map { $0["name"] }
                }
                try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [fresh])
                try db.execute(sql: "INSERT INTO filing SELECT * FROM src.filing")
                for table in FactColumns.tables {
                    let columns = v8Columns[table]!.joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO main.\(table) (rowid, \(columns)) SELECT rowid, \(columns) FROM src.\(table)")
                }
                // What no load writes but an edited file may hold.
                try db.execute(sql: "INSERT INTO firm (filing, line, nk, current, uscc, name, region, status, uscc_ok, founded) VALUES (1, 99, 'X', 0, 'X', 'x', '430211', 'dormant', 1, '2015-3-1')")
                try db.execute(sql: """
                    INSERT INTO designation (filing, line, current, uscc, program, level, year, status, valid_from, valid_to)
                    VALUES (1, 98, 0, 'X', 'future', 'district', 2024, 'suspended', '2024-06-01', '2024-6-30')
                    """)
            }
            #expect(v8Columns["firm"]!.contains("founded") && v8Columns["firm"]!.contains("status") && v8Columns["firm"]!.contains("uscc"))
            #expect(try v8.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'designation_program')") } == true)
        }

        let migrated = try SQLiteStore(path: old)
        for table in FactColumns.tables {
            let q = "SELECT rowid, \(v8Columns[table]!.joined(separator: ", ")) FROM \(table) WHERE nk NOT LIKE 'X%' ORDER BY rowid"
            let before = try source.read { db in try Row.fetchAll(db, sql: q) }
            let after = try migrated.writer.read { db in try Row.fetchAll(db, sql: q) }
            #expect(!before.isEmpty)
            #expect(after == before, "\(table)")
        }
        #expect(try migrated.writer.read { db in try String.fetchAll(db, sql: "SELECT uscc || ' ' || status || ' ' || founded FROM firm WHERE nk = 'X'") }
                == ["X dormant 2015-3-1"])
        #expect(try migrated.writer.read { db in
            try String.fetchAll(db, sql: "SELECT nk || ' ' || status || ' ' || valid_from || ' ' || valid_to || ' ' || typeof(valid_from_day) FROM designation WHERE uscc = 'X'")
        } == ["X|future|district|2024 suspended 2024-06-01 2024-6-30 integer"])
        let indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        #expect(try migrated.writer.read { db in try Row.fetchAll(db, sql: indexes) } == (try source.read { db in try Row.fetchAll(db, sql: indexes) }))
        #expect(try migrated.integrityCheck() == "ok")

        let reference = try SQLiteStore(path: fresh)
        #expect(try migrated.firms(FirmQuery(park: "zz")) == (try reference.firms(FirmQuery(park: "zz"))))
        #expect(try migrated.firms(FirmQuery(park: "zz")).count == 1)
        #expect(try migrated.designations(program: nil) == (try reference.designations(program: nil)))
        try InlineRegistry.load(#"<firm uscc="\#(Base.u("430211", 2))" name="abc科技(株洲)有限公司" region="430212" status="deregistered"/>"#,
                                id: "c", issued: "2025-02-28", into: migrated)
        let firm = try #require(try migrated.firms(FirmQuery(uscc: Base.u("430211", 2))).first)
        #expect(firm.filing == "c")
        #expect(firm.firm.status == .deregistered)
    }

    @Test("firm_park holds only firms in a park and still serves a park's firms and the check of firms' parks")
    func firmParkPartial() throws {
        let store = try SQLiteStore()
        try InlineRegistry.load(Base.records, id: "a", into: store)
        try store.writer.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM firm INDEXED BY firm_park WHERE current = 1 AND park IS NOT NULL") == 1)
            // The index leaves out firms without a park: a query that does not say so cannot use it.
            #expect(throws: DatabaseError.self) { try Int.fetchOne(db, sql: "SELECT count(*) FROM firm INDEXED BY firm_park WHERE current = 1") }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM firm WHERE current = 1") == 4)
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM firm t WHERE t.current = 1 AND t.park = ?", arguments: ["zz"])
                .map { $0["detail"] as String }.joined(separator: "; ")
            #expect(plan.contains("INDEX firm_park"), "\(plan)")
        }
        // A firm naming an unknown park is refused, as before.
        #expect(throws: (any Error).self) {
            try InlineRegistry.load(#"<firm uscc="\#(Base.u("430211", 8))" name="株洲八号有限公司" region="430211" park="nowhere"/>"#, id: "b", into: store)
        }
    }

    @Test("a programme's designations at every level come in programme, then statement order, as designation_program gave them")
    func allLevelsOrder() throws {
        let store = try SQLiteStore()
        let u = { (n: Int) in Base.u("430211", n) }
        var records = #"<park id="zz" name="株洲高新区" region="430211" level="national" kind="high-tech-zone"/>"#
        for n in 1...6 { records += #"<firm uscc="\#(u(n))" name="株洲\#(n)号有限公司" region="430211"/>"# }
        records += """
            <designation uscc="\(u(1))" program="little-giant" level="provincial" year="2021"/>
            <designation uscc="\(u(2))" program="specialized-sme" level="municipal" year="2021"/>
            <designation uscc="\(u(3))" program="little-giant" level="national" year="2022"/>
            <designation uscc="\(u(4))" program="high-tech" level="national" year="2020"/>
            <designation uscc="\(u(5))" program="little-giant" level="municipal" year="2023"/>
            <designation uscc="\(u(6))" program="specialized-sme" level="provincial" year="2020"/>
            """
        try InlineRegistry.load(records, id: "a", into: store)
        #expect(try store.designations(program: .littleGiant).map(\.firm.key) == [u(1), u(3), u(5)])
        #expect(try store.designations(program: nil).map(\.firm.key) == [u(4), u(1), u(3), u(5), u(2), u(6)])
        #expect(try store.writer.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'designation_program')") } == false)
    }

    @Test("a designation's programme, level and status codes cover every value in the values' order, so the covering index keeps its order")
    func codeLists() {
        #expect(StoredColumns.programs == Program.allCases.map(\.rawValue).sorted())
        #expect(StoredColumns.levels == Level.allCases.map(\.rawValue).sorted())
        #expect(StoredColumns.designationStatuses == DesignationStatus.allCases.map(\.rawValue).sorted())
        #expect(StoredColumns.firmStatuses == FirmStatus.allCases.map(\.rawValue))
    }

    @Test("rank's read on the codes finds what a query on the readable columns finds, in the same order, from the covering index alone")
    func rankReadOnCodes() throws {
        let store = try SQLiteStore()
        let u = { (n: Int) in Base.u("430211", n) }
        var records = #"<park id="zz" name="株洲高新区" region="430211" level="national" kind="high-tech-zone"/>"#
        for n in 1...6 { records += #"<firm uscc="\#(u(n))" name="株洲\#(n)号有限公司" region="430211"/>"# }
        records += """
            <designation uscc="\(u(1))" program="little-giant" level="provincial" year="2021" valid-to="2023-12-31"/>
            <designation uscc="\(u(2))" program="little-giant" level="national" year="2021" valid-to="2024-01-01"/>
            <designation uscc="\(u(3))" program="little-giant" level="national" year="2022" valid-from="2022-07-01" valid-to="2025-06-30"/>
            <designation uscc="\(u(4))" program="little-giant" level="municipal" year="2020"/>
            <designation uscc="\(u(5))" program="little-giant" level="provincial" year="2023" status="revoked" revoked-on="2024-03-01"/>
            <designation uscc="\(u(6))" program="specialized-sme" level="provincial" year="2020"/>
            """
        try InlineRegistry.load(records, id: "a", into: store)
        let facts = try store.designations(program: .littleGiant, levels: [.national, .provincial], unexpiredOn: Day("2024-01-01"))
        let expected = try store.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT uscc FROM designation WHERE current = 1 AND program = 'little-giant' AND level IN ('national', 'provincial')
                  AND (valid_to IS NULL OR valid_to >= '2024-01-01') ORDER BY level, filing, line
                """)
        }
        #expect(expected == [u(2), u(3), u(5)])
        #expect(facts.map(\.firm.key) == expected)
        #expect(facts.map(\.designation.validFrom) == [nil, Day("2022-07-01"), nil])
        #expect(facts.last?.designation.status == .revoked)
        #expect(facts.last?.designation.revokedOn == Day("2024-03-01"))
        let plan = try store.writer.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT d.program_code, d.level_code, d.valid_from_day, d.valid_to_day, d.status_code, d.revoked_on_day, d.resolved
                FROM designation d INDEXED BY designation_program_level_rows WHERE d.current = 1 AND d.program_code = 2 AND d.level_code IN (1, 2)
                """).map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains("COVERING INDEX designation_program_level_rows"), "\(plan)")
    }
}
