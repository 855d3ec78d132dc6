import Testing
@testable import Core

@Suite("Record validation")
struct ValidationTests {
    let v = RecordValidator()

    func check(_ kind: RecordKind, _ fields: [String: String]) -> RecordValidator.Outcome {
        v.validate(RawRecord(kind: kind, fields: fields, line: 7))
    }

    @Test("Chinese labels are accepted for enumerations")
    func chineseAliases() throws {
        let o = check(.designation, ["uscc": "914403001922038216", "program": "专精特新\"小巨人\"", "level": "国家级", "year": "2021"])
        guard case .designation(let d)? = o.record else { Issue.record("not a designation: \(o.problems)"); return }
        #expect(d.program == .littleGiant && d.level == .national)
        for (label, mode) in [("转让", TransferMode.transfer), ("许可", .license), ("作价投资", .equity), ("合作实施", .cooperation), ("自行实施", .self)] {
            #expect(TransferMode(label: label) == mode)
        }
        #expect(Channel(label: "就地转化") == .local && Channel(label: "飞地孵化") == .enclave)
        #expect(IncubatorKind(label: "众创空间") == .makerSpace)
        #expect(Program(label: "专精特新“小巨人”") == .littleGiant)
        #expect(Program(label: "专精特新小巨人") == .littleGiant)
        #expect(Program(label: "制造业单项冠军") == .singleChampion)
    }

    @Test("an unknown enumeration names the accepted values")
    func unknownEnumeration() {
        let o = check(.designation, ["uscc": "914403001922038216", "program": "little-giant", "level": "nationa", "year": "2021"])
        #expect(o.record == nil)
        #expect(o.problems.map(\.message).joined().contains("level 'nationa' is not one of national, provincial, municipal"))
    }

    @Test("impossible dates, reversed validity, negative money and bad counts are refused")
    func badValues() {
        #expect(check(.designation, ["uscc": "914403001922038216", "program": "little-giant", "level": "national", "year": "2021", "valid-from": "2021-02-30"]).problems.map(\.message).joined().contains("valid-from '2021-02-30' is not a date"))
        #expect(check(.designation, ["uscc": "914403001922038216", "program": "little-giant", "level": "national", "year": "2021", "valid-from": "2022-01-01", "valid-to": "2021-12-31"]).problems.map(\.message).joined().contains("valid-to 2021-12-31 is before valid-from 2022-01-01"))
        #expect(check(.annualReport, ["uscc": "914403001922038216", "year": "2023", "revenue": "-5"]).problems.map(\.message).joined().contains("negative"))
        #expect(check(.annualReport, ["uscc": "914403001922038216", "year": "2023", "employees": "12.5"]).record == nil)
        #expect(check(.incubation, ["uscc": "914403001922038216", "incubator": "x", "entered": "2022-01-01", "graduated": "2021-01-01"]).problems.map(\.message).joined().contains("before entered"))
    }

    @Test("required fields, unknown fields and regions")
    func requiredAndUnknown() {
        let o = check(.firm, ["uscc": "914403001922038216", "region": "999999", "colour": "red"])
        let text = o.problems.map(\.message).joined(separator: "\n")
        #expect(text.contains("unknown field 'colour'"))
        #expect(text.contains("required field 'name' is missing"))
        #expect(text.contains("'999999' is not a known GB/T 2260 division code"))
        #expect(check(.firm, ["uscc": "914403001922038216", "name": "x", "region": "430221"]).record != nil, "a retired code is accepted")
    }

    @Test("a failing USCC is an error, or a warning with acceptBadUSCC")
    func badUSCC() {
        let bad = "914403001922038217"
        #expect(check(.firm, ["uscc": bad, "name": "x", "region": "440300"]).problems.map(\.message).joined().contains("check character"))
        let lenient = RecordValidator(acceptBadUSCC: true).validate(RawRecord(kind: .firm, fields: ["uscc": bad, "name": "x", "region": "440300"], line: 1))
        guard case .firm(let f)? = lenient.record else { Issue.record("expected the firm to be admitted"); return }
        #expect(!f.usccValid)
        #expect(lenient.warnings.count == 1)
    }

    @Test("a designation by name needs a region that resolves")
    func designationByName() {
        #expect(check(.designation, ["firm": "某公司", "program": "little-giant", "level": "national", "year": "2021"]).problems.map(\.message).joined().contains("needs 'region'"))
        #expect(check(.designation, ["firm": "某公司", "region": "火星省", "program": "little-giant", "level": "national", "year": "2021"]).record == nil)
        guard case .designation(let d)? = check(.designation, ["firm": "某公司", "region": "厦门市", "program": "little-giant", "level": "national", "year": "2021"]).record else {
            Issue.record("expected a designation"); return
        }
        #expect(d.regionUnit == "3502")
        guard case .designation(let x)? = check(.designation, ["firm": "某公司", "region": "新疆生产建设兵团", "program": "little-giant", "level": "national", "year": "2021"]).record else {
            Issue.record("expected a designation"); return
        }
        #expect(x.regionUnit == "65")
    }

    @Test("revoked-on without a status means revoked; with status active it is a contradiction")
    func revocation() {
        guard case .designation(let d)? = check(.designation, ["uscc": "914403001922038216", "program": "little-giant", "level": "national", "year": "2021", "revoked-on": "2022-05-01"]).record else {
            Issue.record("expected a designation"); return
        }
        #expect(d.status == .revoked)
        #expect(check(.designation, ["uscc": "914403001922038216", "program": "little-giant", "level": "national", "year": "2021", "status": "active", "revoked-on": "2022-05-01"]).record == nil)
    }
}
