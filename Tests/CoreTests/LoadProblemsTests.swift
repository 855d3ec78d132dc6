import Foundation
import RegistryTesting
import Testing
@testable import Core

@Suite("Problems are typed, remedies are data, and strict and lenient loads agree")
struct LoadProblemsTests {
    static func validate(_ kind: RecordKind, _ fields: [String: String], acceptBadUSCC: Bool = false) -> RecordValidator.Outcome {
        RecordValidator(acceptBadUSCC: acceptBadUSCC).validate(RawRecord(kind: kind, fields: fields, line: 1))
    }

    @Test("the validator's problems carry their kind, field and value; the words come last")
    func validatorKinds() throws {
        let uscc = Codes.uscc("430211", 1)
        let badCheck = String(uscc.dropLast()) + (uscc.last == "X" ? "Y" : "X")
        let bad = Self.validate(.firm, ["uscc": badCheck, "name": "x", "region": "430211", "founded": "2020-13-01", "colour": "red"])
        #expect(bad.record == nil)
        let kinds = Dictionary(bad.problems.map { ($0.field ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(kinds["colour"]?.kind == .unknownField)
        #expect(kinds["uscc"]?.kind == .invalidUSCC && kinds["uscc"]?.value == badCheck && kinds["uscc"]?.remedy == .acceptBadUSCC)
        #expect(kinds["founded"]?.kind == .invalidValue && kinds["founded"]?.value == "2020-13-01" && kinds["founded"]?.remedy == nil)
        #expect(Self.validate(.firm, ["uscc": uscc, "region": "430211"]).problems.map(\.kind) == [.missingField])
        #expect(Self.validate(.annualReport, ["uscc": uscc, "year": "2023", "employees": "3", "rd-staff": "5"]).problems.map(\.kind) == [.inconsistent])
        // A code of the wrong structure cannot be a misprint the list carries: no remedy offered.
        #expect(Self.validate(.firm, ["uscc": "123", "name": "x", "region": "430211"]).problems.first?.remedy == nil)
        // Admitted, it is a warning of the same kind.
        let admitted = Self.validate(.firm, ["uscc": badCheck, "name": "x", "region": "430211"], acceptBadUSCC: true)
        #expect(admitted.record != nil && admitted.warnings.map(\.kind) == [.invalidUSCC])
    }

    @Test("Core's messages name no command-line flag")
    func noFlags() {
        let uscc = Codes.uscc("430211", 1)
        let badCheck = String(uscc.dropLast()) + (uscc.last == "X" ? "Y" : "X")
        let outcomes = [
            Self.validate(.firm, ["uscc": badCheck, "name": "x", "region": "430211"]),
            Self.validate(.firm, ["uscc": badCheck, "name": "x", "region": "430211"], acceptBadUSCC: true),
        ]
        for message in outcomes.flatMap({ $0.problems + $0.warnings }).map(\.message) {
            #expect(!message.contains("--"), "\(message)")
        }
        let errors: [LoadError] = [
            .refused(file: "f", diagnostics: [], omitted: 1, remedies: [.loadLeniently]),
            .unresolvedReferences(file: "f", diagnostics: [], omitted: 1, remedies: [.loadReferencedFirst]),
            .noValidRecord(file: "f", diagnostics: [], omitted: 1, header: nil, rejected: []),
            .conflictingFiling(file: "f", id: "a", loadedFrom: "g"), .unknownKind(file: "f"),
            .unreadable(file: "f", reason: "gone"), .notFound(path: "f"), .noFilings(folder: "f"),
        ]
        for e in errors { #expect(!(e.errorDescription ?? "").contains("--"), "\(e)") }
        #expect(LoadError.conflictingFiling(file: "f", id: "a", loadedFrom: "g").remedies == [.replaceFiling])
        #expect(LoadError.unknownKind(file: "f").remedies == [.nameKind])
    }

    @Test("whole-filing problems carry their kind: duplicate key, dangling reference", arguments: Backend.testable)
    func wholeFilingKinds(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let d = r.refusal {
                try r.load(id: "x", RegistryTests.park + "\n" + RegistryTests.firm(1) + "\n" + RegistryTests.firm(1) + "\n" + RegistryTests.firm(2, park: "nowhere"))
            }
            #expect(d.map(\.problem).sorted { $0.rawValue < $1.rawValue } == [.danglingReference, .duplicateKey])
            #expect(d.allSatisfy { $0.message.hasPrefix("refers to") == ($0.problem == .danglingReference) })
        }
    }

    /// Firm 1 is valid; firm 2's date is wrong and its designation refers to it; firm 3 refers to an
    /// undefined park and its designation to it; firm 4's code fails its check.
    static let mixed = """
        \(RegistryTests.park)
        \(RegistryTests.firm(1))
        <designation uscc="\(Codes.uscc("430211", 1))" program="little-giant" level="national" year="2021"/>
        <firm uscc="\(Codes.uscc("430211", 2))" name="乙" region="430211" founded="2020-13-01"/>
        <designation uscc="\(Codes.uscc("430211", 2))" program="little-giant" level="national" year="2021"/>
        \(RegistryTests.firm(3, park: "nowhere"))
        <designation uscc="\(Codes.uscc("430211", 3))" program="little-giant" level="national" year="2021"/>
        <firm uscc="\(String(Codes.uscc("430211", 4).dropLast()) + (Codes.uscc("430211", 4).last == "X" ? "Y" : "X"))" name="丁" region="430211"/>
        """

    @Test("strict and lenient count the same problems, a refused record's dependants included", arguments: Backend.testable)
    func countsAgree(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let path = try r.write("mixed.xml", TestRegistry.xml(id: "mixed", Self.mixed))
            var strict: LoadError?
            do { _ = try r.loader.load(path: path) } catch let e as LoadError { strict = e }
            let refusal = try #require(strict)
            guard case .refused(_, _, _, let remedies) = refusal else {
                Issue.record("expected a refusal, got \(refusal)")
                return
            }
            #expect(remedies == [.loadLeniently], "two records are valid, so a lenient load helps")
            let lenient = try r.loader.load(path: path, options: LoadOptions(lenient: true))
            // Firm 2, its designation, firm 3, its designation (once firm 3 is dropped), firm 4.
            #expect(lenient.rejected.count == 5)
            #expect(refusal.errorCount == lenient.rejected.count)
            #expect(lenient.info?.total == 3)
        }
    }

    @Test("a filing with no valid record is not recorded, strict or lenient, and lenient can't help", arguments: Backend.testable)
    func noValidRecord(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let path = try r.write("none.xml", TestRegistry.xml(id: "none", """
                <firm uscc="\(Codes.uscc("430211", 2))" name="乙" region="430211" founded="2020-13-01"/>
                <designation uscc="\(Codes.uscc("430211", 2))" program="little-giant" level="national" year="2021"/>
                <firm uscc="\(Codes.uscc("430211", 5))" name="戊" region="430211" park="nowhere"/>
                """))
            for lenient in [false, true] {
                do {
                    _ = try r.loader.load(path: path, options: LoadOptions(lenient: lenient))
                    Issue.record("a filing with no valid record loaded (lenient: \(lenient))")
                } catch let error as LoadError {
                    guard case let .noValidRecord(_, diagnostics, _, header, rejected) = error else {
                        Issue.record("expected noValidRecord, got \(error)")
                        continue
                    }
                    #expect(diagnostics.count == 3)
                    #expect(!error.remedies.contains(.loadLeniently))
                    #expect(header?.id == "none")
                    // A lenient load keeps the records, so that they can still be written to fix.
                    #expect(rejected.count == (lenient ? 3 : 0))
                    if lenient {
                        let written = try RejectsFiling.write(rejected, of: try #require(header), source: path)
                        #expect(try String(contentsOfFile: written, encoding: .utf8).contains("founded=\"2020-13-01\""))
                    }
                }
                #expect(try r.store.filings().isEmpty)
            }
        }
    }

    @Test("a record refused for two references is written to the rejects once", arguments: Backend.testable)
    func rejectsOnce(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let path = try r.write("inc.xml", TestRegistry.xml(id: "inc", """
                \(RegistryTests.park)
                \(RegistryTests.firm(1))
                <incubation uscc="\(Codes.uscc("430211", 9))" incubator="inc-1" entered="2020-01-01"/>
                """))
            let report = try r.loader.load(path: path, options: LoadOptions(lenient: true))
            #expect(report.rejected.count == 2, "both references are told")
            let text = try String(contentsOfFile: try RejectsFiling.write(report, source: path), encoding: .utf8)
            #expect(text.components(separatedBy: "<incubation ").count == 2)
            #expect(text.contains("refers to firm") && text.contains("refers to incubator 'inc-1'"))
        }
    }
}
