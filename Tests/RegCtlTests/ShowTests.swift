import Foundation
import Testing
import Core
import RegistryTesting
@testable import regctl

/// A reader that refuses the wide reads (every designation, every incubation…), to prove that `show`
/// reads one firm's facts only.
struct NarrowReadsOnly: RegistryReader {
    struct WideRead: Error, CustomStringConvertible { var description: String }
    let base: any Registry

    func filings() throws -> [FilingInfo] { try base.filings() }
    func newestIssued() throws -> Day? { try base.newestIssued() }
    func parks() throws -> [Fact<Park>] { try base.parks() }
    func firms(_ query: FirmQuery) throws -> [FirmFact] { try base.firms(query) }
    func firms(usccs: Set<String>) throws -> [FirmFact] { try base.firms(usccs: usccs) }
    func designations(program: Program?) throws -> [DesignationFact] { throw WideRead(description: "designations(program:)") }
    func designations(program: Program?, levels: Set<Level>) throws -> [DesignationFact] { throw WideRead(description: "designations(program:levels:)") }
    func designations(program: Program?, levels: Set<Level>, unexpiredOn: Day?) throws -> [DesignationFact] {
        throw WideRead(description: "designations(program:levels:unexpiredOn:)")
    }
    func incubators() throws -> [Fact<Incubator>] { try base.incubators() }
    func incubations(uscc: String?) throws -> [Fact<Incubation>] {
        guard let uscc else { throw WideRead(description: "incubations(uscc: nil)") }
        return try base.incubations(uscc: uscc)
    }
    func annualReports(uscc: String?) throws -> [Fact<AnnualReport>] {
        guard let uscc else { throw WideRead(description: "annualReports(uscc: nil)") }
        return try base.annualReports(uscc: uscc)
    }
    func annualReportYears() throws -> [Int] { try base.annualReportYears() }
    func links() throws -> [Fact<Link>] { try base.links() }
    func firmNames() throws -> [NameIndex.IndexedFirm] { try base.firmNames() }
    func annualReports(year: Int) throws -> [Fact<AnnualReport>] { throw WideRead(description: "annualReports(year:)") }
    func transfers(recipient: String?) throws -> [Fact<Transfer>] {
        guard let recipient else { throw WideRead(description: "transfers(recipient: nil)") }
        return try base.transfers(recipient: recipient)
    }
    func designations(firm: FirmPlacement) throws -> [DesignationFact] { try base.designations(firm: firm) }
    func incubations(incubator: String) throws -> [Fact<Incubation>] { try base.incubations(incubator: incubator) }
    func park(id: String) throws -> Fact<Park>? { try base.park(id: id) }
    func incubators(park: String) throws -> [Fact<Incubator>] { try base.incubators(park: park) }
}

@Suite("show: one firm's facts from Core's narrow reads")
struct ShowTests {
    static func uscc(_ n: Int) -> String { InlineRegistry.uscc(region: "430211", serial: n) }

    /// Park a with incubators i1 and i2; firms 1…4 in it; a firm known only by name; designations,
    /// incubations (one graduating on the as-of date), a report and a transfer.
    static func registry() throws -> any Registry {
        let store = try Backend.current.makeRegistry()
        try InlineRegistry.load("""
            <park id="a" name="甲高新技术产业开发区" short-name="甲高新区" region="430211" level="national" kind="high-tech-zone"/>
            <incubator id="i1" name="甲孵化器" kind="incubator" level="national" region="430211" park="a"/>
            <incubator id="i2" name="乙众创空间" kind="maker-space" level="provincial" region="430211" park="a"/>
            <firm uscc="\(uscc(1))" name="一号企业" region="430211" park="a"/>
            <firm uscc="\(uscc(2))" name="二号企业" region="430211" park="a"/>
            <firm uscc="\(uscc(3))" name="三号企业" region="430211" park="a"/>
            <firm uscc="\(uscc(4))" name="四号企业" region="430211"/>
            """, id: "roster", issued: "2020-01-01", into: store)
        try InlineRegistry.load("""
            <designation uscc="\(uscc(1))" program="little-giant" level="provincial" year="2021"/>
            <designation uscc="\(uscc(1))" program="little-giant" level="national" year="2023" status="revoked"/>
            <designation uscc="\(uscc(2))" program="little-giant" level="national" year="2022"/>
            <designation firm="无码企业" region="湖南省" program="little-giant" level="provincial" year="2022"/>
            <incubation uscc="\(uscc(1))" incubator="i1" entered="2019-01-01" intake="local"/>
            <incubation uscc="\(uscc(2))" incubator="i1" entered="2019-01-01" intake="local" graduated="2024-12-31"/>
            <incubation uscc="\(uscc(3))" incubator="i1" entered="2025-01-01" intake="introduced"/>
            <incubation uscc="\(uscc(3))" incubator="i2" entered="2020-01-01" intake="local" exited="2021-01-01"/>
            """, id: "lists", issued: "2024-12-31", into: store)
        return store
    }

    @Test("the narrow reads answer exactly what the wide reads, filtered, do", arguments: Backend.testable)
    func narrowReads(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try Self.registry()
            let all = try store.designations(program: nil)
            let keys = Set(all.map(\.firm.key))
            #expect(keys.contains { $0.hasPrefix("~") }, "a firm known only by name is among them")
            for key in keys {
                let placement = try #require(all.first { $0.firm.key == key }?.firm)
                let narrow = try store.designations(firm: placement)
                // Only the narrow read says how each designation reached its firm (the wide reads of
                // analyses leave `link` nil); everything else is the same.
                #expect(narrow.allSatisfy { $0.link != nil })
                #expect(Set(narrow.map { var d = $0; d.link = nil; return d }) == Set(all.filter { $0.firm.key == key }), "\(key)")
            }
            for id in ["i1", "i2", "none"] {
                #expect(Set(try store.incubations(incubator: id)) == Set(try store.incubations(uscc: nil).filter { $0.value.incubator == id }))
            }
            #expect(try store.park(id: "a")?.value.name == "甲高新技术产业开发区")
            #expect(try store.park(id: "b") == nil)
            #expect(try store.incubators(park: "a").map(\.value.id) == ["i1", "i2"])
        }
    }

    @Test("a firm, a park and an incubator are shown from narrow reads; in incubation is Core's rule", arguments: Backend.testable)
    func dossiers(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let reader = NarrowReadsOnly(base: try Self.registry())
            let asOf = Day("2024-12-31")!
            guard case .found(.firm(let firm)) = try Dossier.lookup(Self.uscc(1), in: reader, asOf: asOf) else {
                Issue.record("firm 1 not found")
                return
            }
            #expect(firm.designations.map(\.designation.year) == [2021, 2023])
            #expect(firm.designations.map { DesignationState($0, on: asOf) } == [.active, .revoked(nil)])
            #expect(firm.parkName == "甲高新区" && firm.incubations.count == 1)
            guard case .found(.firm(let byName)) = try Dossier.lookup("无码企业", in: reader, asOf: asOf) else {
                Issue.record("the firm known only by name not found")
                return
            }
            #expect(byName.designations.count == 1 && byName.incubations.isEmpty)
            guard case .found(.incubator(let i1)) = try Dossier.lookup("甲孵化器", in: reader, asOf: asOf) else {
                Issue.record("i1 not found")
                return
            }
            // Firm 1 is in; firm 2 graduates on the date (out); firm 3 enters the day after.
            #expect((i1.inIncubation, i1.graduated, i1.everEntered) == (1, 1, 3))
            guard case .found(.park(let park)) = try Dossier.lookup("甲高新区", in: reader, asOf: asOf) else {
                Issue.record("park a not found")
                return
            }
            #expect(park.firms == 3 && park.incubators.map(\.value.id) == ["i1", "i2"])
            guard case .nothing(let nearest) = try Dossier.lookup("甲孵化", in: reader, asOf: asOf) else {
                Issue.record("a name of nothing found something")
                return
            }
            #expect(nearest.contains("甲孵化器"))
        }
    }

    @Test("every example of regctl show --help runs on the samples")
    func helpExamples() throws {
        let help = try CLI.run(["show", "--help"]).stdout
        let examples = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("regctl show ") }
        #expect(examples.count == 3)
        for example in examples {
            let r = try SampleRegistry.run(example.split(separator: " ").dropFirst().map(String.init))
            #expect(r.status == 0, "\(example): \(r.stderr)")
        }
    }

    @Test("a designation says how its firm was linked, in words: a firm known only by name is not linked (it read 'linked by provisional')")
    func linkWords() throws {
        let en = try SampleRegistry.run(["show", "万华节能科技集团股份有限公司"])
        #expect(en.status == 0, "\(en.stderr)")
        #expect(en.stdout.contains("not linked to a registered firm"))
        #expect(!en.stdout.contains("provisional"))
        let zh = try SampleRegistry.run(["show", "万华节能科技集团股份有限公司", "--lang", "zh"])
        #expect(zh.stdout.contains("尚未关联到登记企业"))
        #expect(!zh.stdout.contains("provisional") && !zh.stdout.contains("linked"))
    }
}
