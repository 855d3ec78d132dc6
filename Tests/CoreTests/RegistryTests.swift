import Foundation
import GRDB
import RegistryTesting
import Testing
@testable import Core

@Suite("Registry: loading semantics, provenance and retraction")
struct RegistryTests {
    static let park = #"<park id="zz" name="株洲高新技术产业开发区" short-name="株洲高新区" region="430211" level="national" kind="high-tech-zone"/>"#
    static func firm(_ n: Int, name: String? = nil, region: String = "430211", park: String? = "zz") -> String {
        #"<firm uscc="\#(Codes.uscc(region, n))" name="\#(name ?? "测试企业\(n)有限公司")" region="\#(region)"\#(park.map { " park=\"\($0)\"" } ?? "")/>"#
    }

    @Test("a refused filing leaves the registry's content unchanged", arguments: Backend.testable)
    func refusedChangesNothing(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "base", Self.park + "\n" + Self.firm(1))
            let before = try r.store.contentDump()
            let d = r.refusal {
                try r.load(id: "bad", Self.firm(2) + "\n" + #"<designation uscc="\#(Codes.uscc("430211", 2))" program="little-giant" level="national" year="2021" valid-from="2021-02-30"/>"#)
            }
            #expect(d.count == 1)
            #expect(try r.store.contentDump() == before)
        }
    }

    @Test("loading the same filing again is a no-op and says so", arguments: Backend.testable)
    func repeatedLoad(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let path = try r.write("a.xml", TestRegistry.xml(id: "a", Self.park + Self.firm(1)))
            let first = try r.loader.load(path: path)
            #expect(first.outcome == .loaded)
            let before = try r.store.contentDump()
            let again = try r.loader.load(path: path)
            #expect(again.outcome == .unchanged(existingID: "a"))
            #expect(try r.store.contentDump() == before)
        }
    }

    @Test("an id loaded with other content is refused unless replaced", arguments: Backend.testable)
    func replace(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "a", Self.park + Self.firm(1))
            #expect(throws: LoadError.self) { try r.load(id: "a", Self.park + Self.firm(1) + Self.firm(2)) }
            let report = try r.load(id: "a", Self.park + Self.firm(1) + Self.firm(2), options: LoadOptions(replace: true))
            #expect(report.outcome == .replaced)
            #expect(try r.store.firms(FirmQuery()).count == 2)
            #expect(try r.store.filings().count == 1)
        }
    }

    @Test("references to undefined firms, parks and incubators are refused with their lines", arguments: Backend.testable)
    func references(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let d = r.refusal {
                try r.load(id: "x", """
                \(Self.firm(1, park: "nowhere"))
                <incubation uscc="\(Codes.uscc("430211", 9))" incubator="inc-1" entered="2020-01-01"/>
                """)
            }
            let text = d.map(\.description).joined(separator: "\n")
            #expect(text.contains("x.xml:3: firm: refers to park 'nowhere'"))
            #expect(text.contains("x.xml:4: incubation: refers to firm"))
            #expect(text.contains("x.xml:4: incubation: refers to incubator 'inc-1'"))
            #expect(d.allSatisfy { $0.problem == .danglingReference })
            #expect(try r.store.filings().isEmpty)
        }
    }

    @Test("duplicate natural keys inside one filing are refused", arguments: Backend.testable)
    func duplicates(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let d = r.refusal { try r.load(id: "d", Self.park + "\n" + Self.firm(1) + "\n" + Self.firm(1)) }
            #expect(d.first?.message.contains("duplicate of the record at line 4") == true)
        }
    }

    @Test("lenient mode loads the valid records and reports the rest", arguments: Backend.testable)
    func lenient(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let report = try r.load(id: "l", """
                \(Self.park)
                \(Self.firm(1))
                <firm uscc="914403001922038217" name="坏码" region="430211"/>
                <designation uscc="\(Codes.uscc("430211", 77))" program="little-giant" level="national" year="2021"/>
                """, options: LoadOptions(lenient: true))
            #expect(report.rejected.count == 2)
            #expect(report.info?.counts[.firm] == 1)
            #expect(report.info?.counts[.designation] == nil)
            #expect(try r.store.firms(FirmQuery()).count == 1)
        }
    }

    @Test("a later filing supersedes an earlier one by natural key; retraction restores the earlier answer", arguments: Backend.testable)
    func supersedeAndRetract(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "old", issued: "2021-01-01", Self.park + Self.firm(1, name: "旧名称有限公司"))
            let afterOld = try r.store.contentDump()
            try r.load(id: "new", issued: "2023-01-01", Self.firm(1, name: "新名称有限公司"))
            #expect(try r.store.firms(FirmQuery()).map(\.firm.name) == ["新名称有限公司"])
            #expect(try r.store.firms(FirmQuery()).first?.filing == "new")
            _ = try r.store.retract(filingID: "new")
            #expect(try r.store.firms(FirmQuery()).map(\.firm.name) == ["旧名称有限公司"])
            #expect(try r.store.contentDump() == afterOld)
        }
    }

    @Test("an earlier-issued filing loaded later does not override a newer one", arguments: Backend.testable)
    func precedenceByIssueDate(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "new", issued: "2023-01-01", Self.park + Self.firm(1, name: "新名称有限公司"))
            try r.load(id: "old", issued: "2021-01-01", Self.firm(1, name: "旧名称有限公司"))
            #expect(try r.store.firms(FirmQuery()).map(\.firm.name) == ["新名称有限公司"])
        }
    }

    @Test("into populated tables: new keys current, restated keys by precedence, a lenient duplicate's first kept, in any order of lines", arguments: Backend.testable)
    func populatedTables(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let u = { (n: Int) in Codes.uscc("430211", n) }
            try r.load(id: "base", issued: "2023-01-01", Self.park + Self.firm(5, name: "五号旧名有限公司") + Self.firm(2, name: "二号旧名有限公司")
                       + Self.firm(9, name: "九号新名有限公司"))
            // Lines deliberately out of key order: the store may write them in any order.
            let report = try r.load(id: "later", issued: "2024-06-30", """
                \(Self.firm(5, name: "五号新名有限公司"))
                \(Self.firm(7, name: "七号有限公司"))
                \(Self.firm(1, name: "一号有限公司"))
                \(Self.firm(7, name: "七号重复有限公司"))
                <designation uscc="\(u(7))" program="little-giant" level="provincial" year="2023"/>
                <designation uscc="\(u(8))" program="little-giant" level="provincial" year="2023"/>
                """, options: LoadOptions(lenient: true))
            // The duplicate firm 7 and the designation of a firm no filing defines (records start at line 3).
            #expect(report.rejected.map(\.diagnostic.line) == [6, 8])
            try r.load(id: "older", issued: "2022-01-01", Self.firm(9, name: "九号旧名有限公司"))
            let firms = try r.store.firms(FirmQuery()).map { "\($0.firm.uscc) \($0.firm.name) \($0.filing)" }.sorted()
            #expect(firms == [
                "\(u(1)) 一号有限公司 later", "\(u(2)) 二号旧名有限公司 base", "\(u(5)) 五号新名有限公司 later",
                "\(u(7)) 七号有限公司 later", "\(u(9)) 九号新名有限公司 base",
            ].sorted())
            let designations = try r.store.designations(program: .littleGiant)
            #expect(designations.map(\.firm.key) == [u(7)])
            #expect(try r.store.integrityCheck() == "ok")
        }
    }

    @Test("retraction is refused while other filings depend on it", arguments: Backend.testable)
    func retractionWithDependents(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "firms", Self.park + Self.firm(1))
            try r.load(id: "des", #"<designation uscc="\#(Codes.uscc("430211", 1))" program="little-giant" level="national" year="2021"/>"#)
            let before = try r.store.contentDump()
            #expect(throws: StoreError.self) { try r.store.retract(filingID: "firms") }
            #expect(try r.store.contentDump() == before)
            _ = try r.store.retract(filingID: "des")
            _ = try r.store.retract(filingID: "firms")
            #expect(try r.store.filings().isEmpty)
        }
    }

    @Test("a designation by name links to the firm with that normalised name, and unlinks when it goes", arguments: Backend.testable)
    func provisionalFirms(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "list", #"""
                <designation firm="瀚天天成电子科技（厦门）股份有限公司" region="厦门市" program="little-giant" level="national" year="2019"/>
                <designation firm="株洲某某科技有限公司" region="湖南省" program="little-giant" level="national" year="2019"/>
                """#)
            var ds = try r.store.designations(program: .littleGiant)
            #expect(ds.allSatisfy { !$0.firm.resolved })
            #expect(Set(ds.map(\.firm.province)) == ["35", "43"])
            #expect(try r.store.firms(FirmQuery(unresolvedOnly: true)).count == 2)

            try r.load(id: "roster", Self.park + Self.firm(5, name: "瀚天天成电子科技(厦门)股份有限公司", region: "350203", park: nil))
            ds = try r.store.designations(program: .littleGiant)
            let xm = try #require(ds.first { $0.firm.province == "35" })
            #expect(xm.firm.resolved && xm.firm.key == Codes.uscc("350203", 5))
            #expect(try r.store.firms(FirmQuery(unresolvedOnly: true)).count == 1)

            _ = try r.store.retract(filingID: "roster")
            #expect(try r.store.firms(FirmQuery(unresolvedOnly: true)).count == 2)
        }
    }

    @Test("a name in another region does not link", arguments: Backend.testable)
    func nameInOtherRegion(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "roster", Self.park + Self.firm(5, name: "同名有限公司"))
            try r.load(id: "list", #"<designation firm="同名有限公司" region="广东省" program="little-giant" level="national" year="2019"/>"#)
            #expect(try r.store.designations(program: nil).first?.firm.resolved == false)
        }
    }

    @Test("a bad USCC admitted with the option is remembered", arguments: Backend.testable)
    func badCodesRemembered(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let report = try r.load(id: "b", #"<firm uscc="914403001922038217" name="坏码" region="440300"/>"#, options: LoadOptions(acceptBadUSCC: true))
            #expect(report.warnings.count == 1)
            #expect(try r.store.firms(FirmQuery(badCodesOnly: true)).map(\.firm.uscc) == ["914403001922038217"])
        }
    }

    @Test("firms by a set of codes: only current registered firms, whatever characters the codes hold", arguments: Backend.testable)
    func firmsByCodes(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let one = InlineRegistry.uscc(serial: 1), two = InlineRegistry.uscc(serial: 2), three = InlineRegistry.uscc(serial: 3)
            try r.load(id: "f", """
                \(RegistryTests.park)
                <firm uscc="\(one)" name="株洲一号" region="430211" park="zz"/>
                <firm uscc="\(two)" name="株洲二号" region="430211"/>
                """)
            let codes: Set<String> = [one, two, three, "x\",\\{}", "", "a\u{01}\n\u{7f}é"]
            #expect(try r.store.firms(usccs: codes).map(\.firm.name) == ["株洲一号", "株洲二号"])
            #expect(try r.store.firms(usccs: []).isEmpty)
            let national = try r.store.designations(program: .littleGiant, levels: [.national])
            #expect(national.isEmpty)
        }
    }

    @Test("designations unexpired on a day: those whose valid-to is earlier are left out, the day itself and open-ended ones kept", arguments: Backend.testable)
    func unexpiredDesignations(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let u = { (n: Int) in Codes.uscc("430211", n) }
            try r.load(id: "d", Self.park + Self.firm(1) + Self.firm(2) + Self.firm(3) + Self.firm(4) + """
                <designation uscc="\(u(1))" program="little-giant" level="national" year="2021" valid-to="2024-06-29"/>
                <designation uscc="\(u(2))" program="little-giant" level="national" year="2021" valid-to="2024-06-30"/>
                <designation uscc="\(u(3))" program="little-giant" level="national" year="2022"/>
                <designation uscc="\(u(4))" program="little-giant" level="national" year="2023" valid-to="2026-12-31" status="revoked" revoked-on="2024-01-01"/>
                <designation uscc="\(u(1))" program="little-giant" level="provincial" year="2019" valid-to="2022-12-31"/>
                """)
            let day = Day("2024-06-30")!
            let all = try r.store.designations(program: .littleGiant, levels: [.national, .provincial])
            let unexpired = try r.store.designations(program: .littleGiant, levels: [.national, .provincial], unexpiredOn: day)
            #expect(unexpired.map(\.firm.key) == [u(2), u(3), u(4)])
            // Exactly the facts the whole rule could count, in the order of the unfiltered read.
            #expect(unexpired == all.filter { $0.designation.validTo.map { $0 >= day } ?? true })
            #expect(try r.store.designations(program: .littleGiant, levels: [.national, .provincial], unexpiredOn: nil) == all)
            // Every level: the path without a level filter leaves them out too.
            let everyLevel = try r.store.designations(program: .littleGiant, levels: Set(Level.allCases), unexpiredOn: day)
            #expect(everyLevel == (try r.store.designations(program: .littleGiant)).filter { !$0.designation.hasExpired(before: day) })
            #expect(everyLevel.count == 3)
        }
    }

    @Test("designations of some levels, read in two halves on two connections, come whole and in index order (level, filing, line, row)")
    func designationsInParts() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parts-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let u = { (n: Int) in Codes.uscc("430211", n) }
        let levels = ["national", "provincial", "municipal"]
        try InlineRegistry.load(Self.park + (1...40).map { Self.firm($0) }.joined(separator: "\n"), id: "firms", into: store)
        for (f, id) in ["a", "b", "c"].enumerated() {
            // Two designations on one line: the row decides between them.
            let records = (1...40).map { n in
                #"<designation uscc="\#(u(n))" program="little-giant" level="\#(levels[(n + f) % 3])" year="\#(2019 + f)"/>"#
                    + (n % 7 == 0 ? #"<designation uscc="\#(u(n))" program="specialized-sme" level="provincial" year="\#(2019 + f)"/>"# : "")
            }
            try InlineRegistry.load(records.joined(separator: "\n"), id: id, into: store)
        }
        let all = try store.designations(program: .littleGiant)
        let filingOrder = ["a": 0, "b": 1, "c": 2]
        for wanted in [Set<Level>([.national]), [.national, .provincial], [.provincial, .municipal]] {
            let expected = all.filter { wanted.contains($0.designation.level) }.enumerated().sorted {
                ($0.element.designation.level.rawValue, filingOrder[$0.element.filing]!, $0.element.line, $0.offset)
                    < ($1.element.designation.level.rawValue, filingOrder[$1.element.filing]!, $1.element.line, $1.offset)
            }.map(\.element)
            let read = try store.designations(program: .littleGiant, levels: wanted)
            #expect(read.count == 40 * 3 * wanted.count / 3)
            #expect(read == expected)
        }
        #expect(try store.designations(program: .specializedSME, levels: [.provincial]).count == 3 * 5)
    }

    @Test("firms by many codes (looked up in two halves on two connections): every one found once, unknown codes left out, the same order each time")
    func firmsByManyCodes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("many-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let count = 20_500
        try InlineRegistry.load(Self.park + (1...count).map { Self.firm($0) }.joined(separator: "\n"), id: "many", into: store)
        let codes = Set((1...count).map { Codes.uscc("430211", $0) })
        let unknown = Set((count + 1...count + 50).map { Codes.uscc("430211", $0) })
        let found = try store.firms(usccs: codes.union(unknown))
        #expect(found.count == count)
        #expect(Set(found.map(\.firm.uscc)) == codes)
        #expect(found.allSatisfy { $0.filing == "many" && $0.placement.park == "zz" })
        #expect(try store.firms(usccs: codes).map(\.firm.uscc) == found.map(\.firm.uscc))
    }

    @Test("reads in parts see one state of the registry while another connection keeps loading")
    func partsShareOneState() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        try InlineRegistry.load(Self.park, id: "park", into: store)
        let loader = try SQLiteStore(path: path, create: false)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for i in 1...30 { try? InlineRegistry.load(Self.firm(i), id: "f\(i)", into: loader) }
            done.signal()
        }
        var reads = 0
        while done.wait(timeout: .now()) == .timedOut || reads == 0 {
            let counts = try store.readingInParts(2) { _, db in try Int.fetchOne(db, sql: "SELECT count(*) FROM firm")! }
            #expect(counts[0] == counts[1])
            reads += 1
        }
        #expect(try store.readingInParts(2) { _, db in try Int.fetchOne(db, sql: "SELECT count(*) FROM firm")! } == [30, 30])
        #expect(reads > 0)
    }

    @Test("a registry of the v2 schema gains rank's covering index on open and answers as before")
    func coveringIndexMigration() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("v2-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let u = { (n: Int) in Codes.uscc("430211", n) }
        let records = Self.park + Self.firm(1) + Self.firm(2) + Self.firm(3, name: "株洲三号有限公司") + """
            <designation uscc="\(u(1))" program="little-giant" level="national" year="2021"/>
            <designation uscc="\(u(2))" program="little-giant" level="provincial" year="2020"/>
            <designation uscc="\(u(1))" program="little-giant" level="provincial" year="2019" status="revoked"/>
            <designation firm="株洲三号有限公司" region="湖南省" program="little-giant" level="national" year="2022"/>
            <designation uscc="\(u(3))" program="specialized-sme" level="provincial" year="2022"/>
            """
        do {
            let store = try SQLiteStore(path: path)
            try InlineRegistry.load(records, id: "a", into: store)
        }
        // Back to what v2 left: its index, and no record of v3 (nor of v10, which makes the covering
        // index again on the coded columns: a v2 registry gets both, in order).
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                DROP INDEX designation_program_level_rows;
                CREATE INDEX designation_program_level ON designation(program, level) WHERE current = 1;
                DELETE FROM grdb_migrations WHERE identifier IN ('v3-designation-level-covering', 'v10-designation-coded');
                """)
        }
        let v2 = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.level, d.year, d.resolved, d.line FROM designation d
                INDEXED BY designation_program_level WHERE d.current = 1 AND d.program = 'little-giant' AND d.level IN ('national', 'provincial')
                """).map { "\($0["level"] as String) \($0["year"] as Int) \($0["resolved"] as String? ?? "-") \($0["line"] as Int)" }
        }
        let store = try SQLiteStore(path: path)
        let facts = try store.designations(program: .littleGiant, levels: [.national, .provincial])
        #expect(v2.count == 4)
        #expect(facts.map { "\($0.designation.level.rawValue) \($0.designation.year) \($0.firm.resolved ? $0.firm.key : "-") \($0.line)" } == v2)
        #expect(facts.map(\.firm.key).prefix(2) == [u(1), u(3)])
        let detail = try store.writer.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT d.uscc, d.firm_name, d.region, d.year, d.batch, d.valid_from_day, d.valid_to_day, d.status_code,
                  d.revoked_on_day, d.resolved, d.name_key, d.unit, d.line, d.filing FROM designation d INDEXED BY designation_program_level_rows
                WHERE d.current = 1 AND d.program_code = 2 AND d.level_code IN (1)
                """).map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(detail.contains("COVERING INDEX designation_program_level_rows"))
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("a registry written by a newer regctl is refused on open")
    func newerSchema() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("newer-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The first write makes the file (an empty write transaction will do).
        try SQLiteStore(path: path).withFilingSession { _ in }
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
        #expect(throws: StoreError.self) { _ = try SQLiteStore(path: path) }
    }

    @Test("contradictions across filings are reported: a firm in two regions, a designation revoked before it began", arguments: Backend.testable)
    func contradictions(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "a", issued: "2021-01-01", Self.park + Self.firm(1, region: "430211"))
            try r.load(id: "b", issued: "2022-01-01", #"<firm uscc="\#(Codes.uscc("430211", 1))" name="测试企业1有限公司" region="430104"/>"#)
            try r.load(id: "c", #"<designation uscc="\#(Codes.uscc("430211", 1))" program="little-giant" level="national" year="2022" valid-from="2022-07-01" status="revoked" revoked-on="2022-03-01"/>"#)
            let found = try r.store.contradictions()
            #expect(found.map(\.kind).sorted() == ["firm-regions", "revoked-before-start"])
            let regions = try #require(found.first { $0.kind == "firm-regions" })
            #expect(regions.message.contains("430211") && regions.message.contains("430104"))
            #expect(regions.sources.count == 2)
            #expect(try r.store.integrityCheck() == "ok")
        }
    }
}

@Suite("Load order")
struct LoadOrderTests {
    @Test("the kinds a file probably holds come from a CSV's name or sidecar and an XML file's first records", arguments: Backend.testable)
    func probableKinds(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let xml = try r.write("mixed.xml", TestRegistry.xml(id: "m", RegistryTests.park + "\n" + RegistryTests.firm(1)))
            #expect(FilingLoader.probableKinds(path: xml) == [.park, .firm])
            #expect(FilingLoader.probableKinds(path: try r.write("annual-reports-2023.csv", "uscc,year\n")) == [.annualReport])
            let named = try r.write("roster.csv", "id,name\n")
            try Data(#"{"kind": "incubator"}"#.utf8).write(to: URL(fileURLWithPath: named + ".meta.json"))
            #expect(FilingLoader.probableKinds(path: named) == [.incubator])
            #expect(FilingLoader.probableKinds(path: try r.write("notes.csv", "a,b\n")).isEmpty)
        }
    }
}
