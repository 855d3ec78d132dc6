import Foundation
import RegistryTesting
import Testing
@testable import Core

@Suite("Review queue: candidates listed, decisions filed as link filings, retraction undoes them")
struct ReviewQueueTests {
    static let park = #"<park id="zz" name="株洲高新技术产业开发区" short-name="株洲高新区" region="430211" level="national" kind="high-tech-zone"/>"#
    static let right = Codes.uscc("430211", 1)
    static let other = Codes.uscc("430211", 2)
    /// Two firms in the park; the list prints the first with another legal form and the second with a
    /// typo (源 for 元), and a third name no firm resembles.
    static let roster = #"""
        <firm uscc="\#(right)" name="株洲星源光电科技有限公司" region="430211" park="zz"/>
        <firm uscc="\#(other)" name="株洲天元精密机械股份有限公司" region="430211" park="zz"/>
        """#
    static let list = #"""
        <designation firm="株洲星源光电科技有限责任公司" region="湖南省" program="little-giant" level="national" year="2021"/>
        <designation firm="株洲天源精密机械股份有限公司" region="湖南省" program="little-giant" level="national" year="2021"/>
        <designation firm="岳阳完全不同化工有限公司" region="湖南省" program="little-giant" level="national" year="2021"/>
        """#

    /// What `rank --by park` counts: designated firms placed in each park.
    static func parkCount(_ store: any Registry) throws -> Int {
        Set(try store.designations(program: .littleGiant).filter { $0.firm.park == "zz" }.map(\.firm.key)).count
    }

    @Test("accept, reject, retract: park counts move, a rejected candidate is not offered again", arguments: Backend.testable)
    func cycle(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "park-and-firms", Self.park + Self.roster)
            try r.load(id: "list", Self.list)
            let queue = ReviewQueue(registry: r.store)
            var entries = try queue.entries()
            #expect(entries.map(\.name) == ["岳阳完全不同化工有限公司", "株洲天源精密机械股份有限公司", "株洲星源光电科技有限责任公司"])
            #expect(entries[0].candidates.isEmpty)
            // The legal-form variant: 0.97; the typo: one substitution in 14 characters.
            #expect(entries[2].candidates.map(\.uscc) == [Self.right] && entries[2].candidates[0].reasons == [.legalForm])
            #expect(abs(entries[2].candidates[0].score - 0.97) < 1e-9)
            #expect(entries[1].candidates.first?.uscc == Self.other)
            #expect(try Self.parkCount(r.store) == 0)

            // Accept the legal-form variant: its designation links and the park counts it.
            let accepted = try queue.file([Link(name: "株洲星源光电科技有限责任公司", region: "湖南省", uscc: Self.right, decision: .same)],
                                          authority: "审核员", issued: Day("2025-01-02")!)
            let linkFiling = try #require(accepted.info?.header.id)
            #expect(try Self.parkCount(r.store) == 1)
            #expect(try r.store.filings().last?.counts[.link] == 1)
            // A decision of 2025 is no news about the world: analyses stay as of the newest list.
            #expect(try r.store.newestIssued() == Day("2024-12-31"))
            // `show` and `explain` say how: by the decision, naming its filing.
            let placement = try #require(try r.store.firms(FirmQuery(uscc: Self.right)).first?.placement)
            #expect(try r.store.designations(firm: placement).map(\.link) == [.decision(filing: linkFiling)])

            // Reject the typo's candidate: the name stays unresolved and is offered nothing.
            let rejected = try queue.file([Link(name: "株洲天源精密机械股份有限公司", region: "430000", uscc: Self.other, decision: .different)],
                                          authority: "审核员", issued: Day("2025-01-02")!)
            entries = try queue.entries()
            #expect(entries.map(\.name) == ["岳阳完全不同化工有限公司", "株洲天源精密机械股份有限公司"])
            #expect(entries.allSatisfy { $0.candidates.isEmpty })
            #expect(try Self.parkCount(r.store) == 1)

            // Retracting the decisions undoes them.
            _ = try r.store.retract(filingID: linkFiling)
            #expect(try Self.parkCount(r.store) == 0)
            _ = try r.store.retract(filingID: try #require(rejected.info?.header.id))
            #expect(try queue.entries().first { $0.name == "株洲天源精密机械股份有限公司" }?.candidates.first?.uscc == Self.other)
        }
    }

    @Test("--accept-above takes a name's best candidate only when no other reaches the score", arguments: Backend.testable)
    func acceptAbove(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "park-and-firms", Self.park + Self.roster)
            try r.load(id: "list", Self.list)
            let queue = ReviewQueue(registry: r.store)
            let chosen = queue.decisionsAbove(0.95, in: try queue.entries())
            #expect(chosen.map(\.1.uscc) == [Self.right])
            // Filed as the command files them: the unit as a code, the name linked, the park counting it.
            try queue.file(chosen.map { $0.0.link(to: $0.1, .same) }, authority: "审核员", issued: Day("2025-01-02")!)
            #expect(try r.store.links().map(\.value.region) == ["430000"])
            #expect(try Self.parkCount(r.store) == 1)
            let twoClose = ReviewQueue.Entry(name: "x", unit: "43", candidates: [
                FirmCandidate(uscc: "a", name: "a", region: "430211", score: 0.97, reasons: [.legalForm]),
                FirmCandidate(uscc: "b", name: "b", region: "430211", score: 0.96, reasons: [.legalForm]),
            ])
            #expect(queue.decisionsAbove(0.95, in: [twoClose]).isEmpty)
        }
    }

    @Test("a link filing is stored, read back as stated and exported; a link to no firm is refused", arguments: Backend.testable)
    func linkFiling(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "park-and-firms", Self.park + Self.roster)
            try r.load(id: "decisions", #"<link name="株洲星源光电科技有限责任公司" region="湖南省" uscc="\#(Self.right)" decision="同一" note="same address"/>"#)
            var stated: [Record] = []
            try r.store.statedRecords(filingID: "decisions") { _, record in stated.append(record) }
            #expect(stated == [.link(Link(name: "株洲星源光电科技有限责任公司", region: "湖南省", uscc: Self.right, decision: .same, note: "same address"))])
            #expect(Exporter.csv(.link, stated) == "name,region,uscc,decision,note\n株洲星源光电科技有限责任公司,湖南省,\(Self.right),same,same address\n")
            #expect(try r.store.links().count == 1)
            let refused = r.refusal {
                try r.load(id: "bad", #"<link name="某公司" region="湖南省" uscc="\#(Codes.uscc("430211", 7))" decision="same"/>"#)
            }
            #expect(refused.map(\.problem) == [.danglingReference])
        }
    }
}
