import Foundation
import RegistryTesting
import Testing
@testable import Core

@Suite("Former names: a firm renamed between list and roster still links")
struct FormerNamesTests {
    static let list = #"""
        <designation firm="湖南旧名科技有限公司" region="湖南省" program="little-giant" level="national" year="2021"/>
        <designation firm="长沙另一旧名有限公司" region="湖南省" program="little-giant" level="national" year="2021"/>
        <designation firm="广东旧名有限公司" region="湖南省" program="little-giant" level="national" year="2021"/>
        """#

    /// Firm 1 was 湖南旧名科技有限公司 and 长沙另一旧名有限公司 (full-width brackets and a full-width `；`
    /// are folded); firm 2, in Guangdong, was 广东旧名有限公司, which the Hunan list cannot mean.
    static let roster = #"""
        <firm uscc="\#(Codes.uscc("430211", 1))" name="湖南新名科技股份有限公司" region="430211" former-names="湖南旧名科技有限公司； 长沙另一旧名有限公司"/>
        <firm uscc="\#(Codes.uscc("440300", 2))" name="广东新名有限公司" region="440300" former-names="广东旧名有限公司"/>
        """#

    @Test("the field splits at ; and ；, trims, drops empty and repeated names")
    func splitting() {
        #expect(Firm.splitNames(" 甲有限公司;乙有限公司 ；；甲有限公司;") == ["甲有限公司", "乙有限公司"])
        let f = Firm(uscc: "x", name: "丙（湖南）有限公司", region: "430211", park: nil, industry: nil, founded: nil,
                     status: .active, usccValid: true, formerNames: ["丙(湖南)有限公司", "丁有限公司", "丁 有限公司"])
        // A former name equal to the current one adds nothing; equal keys count once.
        #expect(f.formerNameKeys == ["丁有限公司"])
        #expect(FactColumns.formerKeys(f) == #"["丁有限公司"]"#)
    }

    @Test("a designation equal to a former name in its region links, loaded before or after the roster; retraction unlinks",
          arguments: Backend.testable)
    func linksByFormerName(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            for listFirst in [true, false] {
                let r = try TestRegistry()
                if listFirst { try r.load(id: "list", Self.list) }
                try r.load(id: "roster", Self.roster)
                if !listFirst { try r.load(id: "list", Self.list) }
                let ds = try r.store.designations(program: .littleGiant)
                #expect(ds.count == 3)
                let linked = ds.filter(\.firm.resolved).map(\.designation.firmName)
                #expect(Set(linked) == ["湖南旧名科技有限公司", "长沙另一旧名有限公司"], "list first: \(listFirst)")
                #expect(ds.filter(\.firm.resolved).allSatisfy { $0.firm.key == Codes.uscc("430211", 1) })
                let placement = try #require(try r.store.firms(FirmQuery(uscc: Codes.uscc("430211", 1))).first?.placement)
                #expect(try r.store.designations(firm: placement).map(\.link) == [.formerName, .formerName])
                // 广东旧名有限公司 is a Guangdong firm's former name; the list places it in Hunan.
                #expect(try r.store.firms(FirmQuery(unresolvedOnly: true)).map(\.firm.name) == ["广东旧名有限公司"])

                _ = try r.store.retract(filingID: "roster")
                #expect(try r.store.designations(program: .littleGiant).allSatisfy { !$0.firm.resolved })
            }
        }
    }

    @Test("an equal current name wins over another firm's equal former name", arguments: Backend.testable)
    func currentNameFirst(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            // Firm 1 (the smaller code) once bore the name firm 9 bears now.
            try r.load(id: "roster", #"""
                <firm uscc="\#(Codes.uscc("430211", 1))" name="新名有限公司" region="430211" former-names="同名有限公司"/>
                <firm uscc="\#(Codes.uscc("430211", 9))" name="同名有限公司" region="430211"/>
                """#)
            try r.load(id: "list", #"<designation firm="同名有限公司" region="湖南省" program="little-giant" level="national" year="2021"/>"#)
            #expect(try r.store.designations(program: nil).map(\.firm.key) == [Codes.uscc("430211", 9)])
            let placement = try #require(try r.store.firms(FirmQuery(uscc: Codes.uscc("430211", 9))).first?.placement)
            #expect(try r.store.designations(firm: placement).map(\.link) == [.equalName])
        }
    }

    @Test("former names are stored as stated, read back, and exported as the field", arguments: Backend.testable)
    func roundTrip(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            try r.load(id: "roster", Self.roster)
            let firm = try #require(try r.store.firms(FirmQuery(uscc: Codes.uscc("430211", 1))).first?.firm)
            #expect(firm.formerNames == ["湖南旧名科技有限公司", "长沙另一旧名有限公司"])
            var stated: [Record] = []
            try r.store.statedRecords(filingID: "roster") { _, record in stated.append(record) }
            let xml = Exporter.xml(FilingHeader(id: "roster", authority: "测试机关", issued: nil, title: nil), stated)
            #expect(xml.contains(#"former-names="湖南旧名科技有限公司;长沙另一旧名有限公司""#))
            let csv = Exporter.csv(.firm, stated)
            #expect(csv.hasPrefix("uscc,name,region,park,industry,founded,status,former-names\n"))

            // The exported CSV loads into an empty registry with the same former names.
            let again = try TestRegistry()
            let path = try again.write("firms.csv", csv)
            _ = try again.loader.load(path: path, displayName: "firms.csv", options: LoadOptions())
            #expect(try again.store.firms(FirmQuery(uscc: Codes.uscc("440300", 2))).first?.firm.formerNames == ["广东旧名有限公司"])
        }
    }
}
