import Foundation
import GRDB
import RegistryTesting
import Testing
@testable import Core

/// `eachReportingFirm` hands over each code with current reports once, in code order, with its
/// current reports ascending by year and its current firm — whatever order the facts were loaded in,
/// however many filings state them, and on SQLite whether or not the table is read along an index.
@Suite("The streamed read of reporting firms")
struct ReportingFirmsTests {
    /// Six firms in three regions, so that neither the serials nor the load order are the codes' order.
    static let codes = (1...6).map { InlineRegistry.uscc(region: ["430211", "110108", "440305"][$0 % 3], serial: $0) }

    static func report(_ code: Int, _ year: Int, revenue: Int) -> String {
        "<annual-report uscc=\"\(codes[code])\" year=\"\(year)\" revenue=\"\(revenue)\" employees=\"\(10 + code)\"/>"
    }

    /// Firms in no code order, one restated by a later filing; reports of several years in two
    /// filings, one report stated in both (the later issue wins), two firms with no reports.
    static func load(into store: any RegistryStore) throws {
        let firms = [5, 0, 3, 1, 4, 2].map { "<firm uscc=\"\(codes[$0])\" name=\"企业\($0)\" region=\"430211\"/>" }
        try InlineRegistry.load(firms.joined(separator: "\n"), id: "firms", issued: "2020-01-01", into: store)
        try InlineRegistry.load("<firm uscc=\"\(codes[3])\" name=\"新名称\" region=\"430211\"/>", id: "renamed", issued: "2023-01-01", into: store)
        try InlineRegistry.load([report(4, 2023, revenue: 2), report(0, 2022, revenue: 1), report(0, 2024, revenue: 3),
                                 report(3, 2021, revenue: 5)].joined(separator: "\n"), id: "r-late", issued: "2024-06-30", into: store)
        try InlineRegistry.load([report(4, 2023, revenue: 1), report(0, 2023, revenue: 2), report(2, 2020, revenue: 7),
                                 report(3, 2024, revenue: 6)].joined(separator: "\n"), id: "r-early", issued: "2024-01-01", into: store)
    }

    static func streamed(_ store: any RegistryReader, years: Set<Int>?) throws -> [ReportingFirm] {
        var out: [ReportingFirm] = []
        try store.eachReportingFirm(years: years) { out.append($0) }
        return out
    }

    /// What every store must answer, written out.
    static func checkAnswers(_ store: any RegistryReader) throws {
        let all = try streamed(store, years: nil)
        let inOrder = [0, 2, 3, 4].map { codes[$0] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(all.map(\.uscc) == inOrder)
        let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.uscc, $0) })
        let zero = try #require(byCode[codes[0]])
        #expect(zero.reports.map(\.value.year) == [2022, 2023, 2024])
        #expect(zero.reports.map(\.filing) == ["r-late", "r-early", "r-late"])
        #expect(zero.firm?.firm.name == "企业0")
        let restated = try #require(byCode[codes[3]])
        #expect(restated.firm?.firm.name == "新名称")
        #expect(restated.firm?.filing == "renamed")
        #expect(restated.reports.map(\.value.year) == [2021, 2024])
        // The report stated twice: only the current one, from the filing issued later.
        let twice = try #require(byCode[codes[4]])
        #expect(twice.reports.map(\.value.revenue) == [Money(fen: 200)])
        #expect(twice.reports.map(\.filing) == ["r-late"])
        for r in all { #expect(r.firm?.firm.uscc == r.uscc) }

        // Two years: only the codes with a report of one of them, only those reports.
        let two = try streamed(store, years: [2023, 2024])
        #expect(two.map(\.uscc) == [0, 3, 4].map { codes[$0] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(two.first { $0.uscc == codes[0] }?.reports.map(\.value.year) == [2023, 2024])
        #expect(two.first { $0.uscc == codes[3] }?.reports.map(\.value.year) == [2024])
        #expect(try streamed(store, years: [2019]).isEmpty)
    }

    @Test("codes in order, each once, reports by year from several filings, the current firm", arguments: Backend.testable)
    func answers(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try backend.makeRegistry()
            try Self.load(into: store)
            try Self.checkAnswers(store)
            // The protocol's default, built on the wide reads, answers alike.
            for years: Set<Int>? in [nil, [2023, 2024], [2020]] {
                #expect(try Self.streamed(store, years: years) == (try Self.streamed(HeldReader(store), years: years)))
            }
        }
    }

    /// A registry file, read through a pool's readers (which keep temporary data in memory), with the
    /// index by code gone that the read walked before: the same answers.
    @Test("a registry file without annual_report_uscc answers alike")
    func fileWithoutIndex() throws {
        try Self.withLoadedFile { store in
            try store.writer.write { db in try db.execute(sql: "DROP INDEX IF EXISTS annual_report_uscc") }
            try Self.checkAnswers(store)
        }
    }

    /// The test registry loaded into a file and opened again, as a command opens it (a pool of readers).
    static func withLoadedFile(_ body: (SQLiteStore) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("r.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            try Self.load(into: store)
        }
        try body(try SQLiteStore(path: path, create: false))
    }

    /// Codes whose reports name no current firm (a registry edited by hand, or a backend that lets a
    /// firm go): handed over with no firm, the codes around them with theirs — in the middle of the
    /// codes and as the last code.
    @Test("a code with reports but no current firm gets none; the others keep theirs")
    func codeWithoutFirm() throws {
        let store = try SQLiteStore()
        try Self.load(into: store)
        let reporting = [0, 2, 3, 4].map { Self.codes[$0] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let gone = [reporting[1], reporting[3]]
        try store.writer.write { db in try db.execute(sql: "UPDATE firm SET current = 0 WHERE nk IN (?, ?)", arguments: [gone[0], gone[1]]) }
        let all = try Self.streamed(store, years: nil)
        #expect(all.map(\.uscc) == reporting)
        for r in all {
            #expect(r.firm?.firm.uscc == (gone.contains(r.uscc) ? nil : r.uscc), "\(r.uscc)")
        }
        #expect(all.allSatisfy { !$0.reports.isEmpty })
    }

    /// A pool's reader keeps temporary data in memory, where SQLite's sorter never writes a sorted run
    /// out: the sort of every report would be held whole. For the read it sorts through files, in runs
    /// of its page cache; afterwards the reader is as it was.
    @Test("the sorted read sorts through files, and leaves the reader as it was")
    func sortingSettings() throws {
        try Self.withLoadedFile { store in
            let (before, during, after) = try store.reading { db in
                func settings() throws -> [Int?] {
                    [try Int.fetchOne(db, sql: "PRAGMA temp_store"), try Int.fetchOne(db, sql: "PRAGMA cache_size")]
                }
                let before = try settings()
                let during = try SQLiteStore.sortingInFiles(db) { try settings() }
                return (before, during, try settings())
            }
            #expect(before == [2, -2048])
            #expect(during == [1, -2048])
            #expect(after == before)
        }
    }
}
