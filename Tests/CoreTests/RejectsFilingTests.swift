import Foundation
import RegistryTesting
import Testing
@testable import Core

@Suite("Lenient loads write the rejects as a filing to fix and reload")
struct RejectsFilingTests {
    @Test("XML: every rejected record, with its fields and problem, in a filing that loads once fixed", arguments: Backend.testable)
    func xmlRejects(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let good = Codes.uscc("430211", 1), orphan = Codes.uscc("430211", 2)
            let path = try r.write("list.xml", TestRegistry.xml(id: "list", """
                \(RegistryTests.park)
                \(RegistryTests.firm(1))
                <designation uscc="\(good)" program="little-giant" level="nationa" year="2021"/>
                <designation uscc="\(orphan)" program="little-giant" level="national" year="2021"/>
                <designation uscc="\(good)" program="little-giant" level="provincial" year="2020"/>
                """))
            let report = try r.loader.load(path: path, displayName: path, options: LoadOptions(lenient: true))
            #expect(report.rejected.count == 2)
            let rejects = try RejectsFiling.write(report, source: path)
            #expect(rejects.hasSuffix("list.rejects.xml"))
            let text = try String(contentsOfFile: rejects, encoding: .utf8)
            #expect(text.contains("line 5: level 'nationa' is not one of"))
            #expect(text.contains("line 6: refers to firm '\(orphan)'"))
            #expect(text.contains(#"uscc="\#(orphan)""#), "a record refused for its reference keeps its fields")
            // As written, it is refused for the same reasons; fixed, it loads.
            #expect(throws: LoadError.self) { _ = try r.loader.load(path: rejects) }
            let fixed = text.replacingOccurrences(of: "nationa\"", with: "national\"")
                .replacingOccurrences(of: "</filing>", with: #"<firm uscc="\#(orphan)" name="补录企业" region="430211"/></filing>"#)
            try fixed.write(toFile: rejects, atomically: true, encoding: .utf8)
            let second = try r.loader.load(path: rejects)
            #expect(second.info?.counts[.designation] == 2)
            #expect(try r.store.designations(program: .littleGiant).count == 3)
        }
    }

    @Test("CSV: the rejects keep the kind's columns and a sidecar that names the problems", arguments: Backend.testable)
    func csvRejects(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            _ = try r.load(id: "base", RegistryTests.park + RegistryTests.firm(1))
            let path = try r.write("designations-x.csv", """
                uscc,program,level,year
                \(Codes.uscc("430211", 1)),little-giant,national,2021
                \(Codes.uscc("430211", 1)),little-giant,national,20x1
                """)
            let report = try r.loader.load(path: path, displayName: path, options: LoadOptions(lenient: true))
            let rejects = try RejectsFiling.write(report, source: path)
            #expect(rejects.hasSuffix("designations-x.rejects.csv"))
            let csv = try String(contentsOfFile: rejects, encoding: .utf8)
            #expect(csv.hasPrefix(RecordKind.designation.fields.joined(separator: ",")))
            #expect(csv.contains("20x1"))
            let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: rejects + ".meta.json"))) as? [String: Any]
            #expect((meta?["problems"] as? [String])?.first?.contains("year '20x1' is not a year") == true)
            #expect(meta?["kind"] as? String == "designation")
        }
    }
}
