import Foundation
import GRDB
import RegistryTesting
import Testing
@testable import Core

/// Issue #19: the SQLite registry computes what it no longer stores (Schema.v7). These tests hold the
/// computed columns to the values the Swift code derives, and an older registry to its answers.
@Suite("Registry: columns computed, not stored (schema v7)")
struct StoredColumnsTests {
    static func u(_ region: String, _ n: Int) -> String { Codes.uscc(region, n) }

    /// Records whose derived values take every branch: names already in normal form and not, a retired
    /// county (430221 → 430212), a retired prefecture now a province (442100 → 460000: no prefecture),
    /// a province-level region, designations by code and by name, and one record of every other kind.
    static let records = """
        <park id="zz" name="株洲高新技术产业开发区" short-name="株洲高新区" region="430211" level="national" kind="high-tech-zone"/>
        <firm uscc="\(u("430211", 1))" name="株洲一号有限公司" region="430211" park="zz" founded="2015-03-01"/>
        <firm uscc="\(u("430211", 2))" name="abc 科技 [株洲] 有限公司" region="430221"/>
        <firm uscc="\(u("430211", 3))" name="海南三号有限公司" region="442100"/>
        <firm uscc="\(u("430000", 4))" name="湖南四号有限公司" region="430000" former-names="湖南老四 有限公司"/>
        <designation uscc="\(u("430211", 1))" program="little-giant" level="national" year="2021" valid-from="2021-07-01" valid-to="2024-06-30"/>
        <designation firm="株洲五号 有限公司" region="湖南省" program="specialized-sme" level="provincial" year="2022"/>
        <designation firm="湖南老四有限公司" region="430000" program="innovative-sme" level="provincial" year="2023"/>
        <incubator id="inc1" name="株洲孵化器" kind="incubator" level="national" region="430211" park="zz"/>
        <incubation uscc="\(u("430211", 2))" incubator="inc1" entered="2020-01-15" intake="local"/>
        <annual-report uscc="\(u("430211", 1))" year="2023" revenue="1200.50" employees="40" rd-staff="8"/>
        <transfer id="t1" title="一种材料" source="某大学" source-kind="university" recipient="\(u("430211", 1))" mode="license" value="10.00" signed="2023-05-06"/>
        <link name="株洲五号 有限公司" region="湖南省" uscc="\(u("430211", 2))" decision="different"/>
        """

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("every computed column equals what the Swift code derives, and nothing derivable is stored")
    func computedColumnsMatchSwift() throws {
        let store = try SQLiteStore()
        try InlineRegistry.load(Self.records, id: "a", into: store)
        try store.writer.read { db in
            for table in FactColumns.tables {
                let kind = FactColumns.kind(ofTable: table)
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table)")
                #expect(!rows.isEmpty, "\(table) holds no rows")
                for row in rows {
                    #expect(row["nk"] as String == FactColumns.record(kind, row).naturalKey, "\(table) line \(row["line"] as Int)")
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM firm") {
                let name: String = row["name"], region: String = row["region"]
                let resolved = try #require(RegionTable.resolve(region))
                #expect(row["name_key"] as String == FilingText.nameKey(name))
                #expect(row["region_now"] as String == resolved.current)
                #expect(row["province"] as String == resolved.province)
                // As v1–v6 stored it: four digits even for a province-level code.
                #expect(row["prefecture"] as String == String(resolved.current.prefix(4)), "\(region)")
                #expect((row["name_key_if_other"] as String? == nil) == (FilingText.nameKey(name) == name))
                #expect((row["region_now_if_other"] as String? == nil) == (resolved.current == region))
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM designation WHERE firm_name IS NOT NULL") {
                #expect(row["name_key"] as String == FilingText.nameKey(row["firm_name"]))
            }
            // The by-name designations were linked through the computed keys and regions.
            #expect(try String.fetchAll(db, sql: "SELECT coalesce(linked_by, '-') FROM designation ORDER BY line") == ["-", "-", "former-name"])
            // Generated columns are VIRTUAL (table_xinfo's hidden = 2): they take no room in a row.
            let generated = try Row.fetchAll(db, sql: """
                SELECT m.name AS t, x.name AS c FROM sqlite_master m, pragma_table_xinfo(m.name) x
                WHERE m.type = 'table' AND x.hidden = 2 ORDER BY 1, 2
                """).map { "\($0["t"] as String).\($0["c"] as String)" }
            #expect(generated == [
                "annual_report.nk", "designation.level", "designation.nk", "designation.program", "designation.revoked_on",
                "designation.status", "designation.valid_from", "designation.valid_to", "firm.founded", "firm.name_key",
                "firm.prefecture", "firm.province", "firm.region_now", "firm.status", "firm.uscc", "incubation.nk", "link.nk",
            ])
        }
    }

    @Test("a v6 registry is migrated in place: same rows, same row ids, same indexes, same answers")
    func migratesV6InPlace() throws {
        let fresh = Self.temporaryPath("v7"), old = Self.temporaryPath("v6")
        defer { Self.remove(fresh); Self.remove(old) }
        let second = """
            <firm uscc="\(Self.u("430211", 1))" name="株洲一号科技有限公司" region="430211" park="zz"/>
            <designation uscc="\(Self.u("430211", 1))" program="little-giant" level="national" year="2021" status="revoked" revoked-on="2023-01-01"/>
            """
        do {
            let store = try SQLiteStore(path: fresh)
            try InlineRegistry.load(Self.records, id: "a", into: store)
            try InlineRegistry.load(second, id: "b", issued: "2025-01-31", into: store)
        }
        // The same content in a registry as v6 left it: every derived value stored in its column.
        let source = try DatabaseQueue(path: fresh)
        var v6Columns: [String: [String]] = [:]
        do {
            let v6 = try DatabaseQueue(path: old)
            try Schema.migrator.migrate(v6, upTo: "v6-link-decisions")
            try v6.write { db in
                for table in FactColumns.tables {
                    v6Columns[table] = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]).map { $0["name"] }
                }
                try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [fresh])
                try db.execute(sql: "INSERT INTO filing SELECT * FROM src.filing")
                for table in FactColumns.tables {
                    let columns = v6Columns[table]!.joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO main.\(table) (rowid, \(columns)) SELECT rowid, \(columns) FROM src.\(table)")
                }
            }
            #expect(try v6.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM firm WHERE name_key IS NULL OR region_now IS NULL") } == 0)
        }

        let migrated = try SQLiteStore(path: old)
        for table in FactColumns.tables {
            let q = "SELECT rowid, \(v6Columns[table]!.joined(separator: ", ")) FROM \(table) ORDER BY rowid"
            let before = try source.read { db in try Row.fetchAll(db, sql: q) }
            let after = try migrated.writer.read { db in try Row.fetchAll(db, sql: q) }
            #expect(!before.isEmpty)
            #expect(after == before, "\(table)")
        }
        let indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        #expect(try migrated.writer.read { db in try Row.fetchAll(db, sql: indexes) } == (try source.read { db in try Row.fetchAll(db, sql: indexes) }))
        #expect(try migrated.integrityCheck() == "ok")

        let reference = try SQLiteStore(path: fresh)
        #expect(try migrated.firms(FirmQuery()) == (try reference.firms(FirmQuery())))
        #expect(try migrated.designations(program: nil) == (try reference.designations(program: nil)))
        #expect(try migrated.designations(program: .littleGiant, levels: [.national]) == (try reference.designations(program: .littleGiant, levels: [.national])))
        // Facts stated again after the migration supersede as before.
        try InlineRegistry.load(#"<firm uscc="\#(Self.u("430211", 2))" name="abc科技(株洲)有限公司" region="430212"/>"#, id: "c", issued: "2025-02-28", into: migrated)
        let firm = try #require(try migrated.firms(FirmQuery(uscc: Self.u("430211", 2))).first)
        #expect(firm.filing == "c")
        #expect(firm.placement.county == "430212")
    }
}
