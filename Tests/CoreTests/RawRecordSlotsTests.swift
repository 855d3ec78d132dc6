import Foundation
import Testing
@testable import Core

/// Fields by position (issue #19): the readers put each field in its kind's slot and the validator
/// reads it from there, so these hold the slots to the names they stand for.
@Suite("Raw records: fields by position")
struct RawRecordSlotsTests {
    @Test("every field of every kind has a FieldName, and its slot is its place in the kind's fields")
    func slotsFollowTheKindsFields() {
        for kind in RecordKind.allCases {
            for (i, name) in kind.fields.enumerated() {
                let field = FieldName(rawValue: name)
                #expect(field != nil, "\(kind): \(name)")
                #expect(kind.slot(of: name) == i, "\(kind): \(name)")
                if let field { #expect(kind.slot(of: field) == i, "\(kind): \(name)") }
            }
            #expect(kind.fieldCount == kind.fields.count)
            // A field of another kind is no slot of this one.
            for field in FieldName.allCases where !kind.fields.contains(field.rawValue) {
                #expect(kind.slot(of: field) == nil, "\(kind): \(field)")
                #expect(kind.slot(of: field.rawValue) == nil, "\(kind): \(field)")
            }
        }
        #expect(Set(RecordKind.allCases.map(\.tableIndex)) == Set(0..<RecordKind.allCases.count))
        #expect(FieldName.allCases.count == FieldName.count)
        #expect(Set(FieldName.allCases.map(\.index)).count == FieldName.count)
    }

    @Test("a record made from fields by name holds them by slot, unknown ones by name, and gives them back")
    func byNameAndBack() {
        let fields = ["uscc": "91430211MA4L0XXXX1", "name": "甲", "region": "430211", "colour": "red"]
        let raw = RawRecord(kind: .firm, fields: fields, line: 3)
        #expect(raw.values.count == RecordKind.firm.fields.count)
        #expect(raw.values[0] == "91430211MA4L0XXXX1")
        #expect(raw.values[1] == "甲")
        #expect(raw.values[2] == "430211")
        #expect(raw.values[3...].allSatisfy { $0 == nil })
        #expect(raw.unknown == ["colour": "red"])
        #expect(raw.fields == fields)
    }

    @Test("an XML record's attributes reach their kind's slots: one name in two kinds, unknown names, other namespaces")
    func xmlAttributesBySlot() throws {
        let xml = """
            <filing xmlns="urn:regctl:filing:1" xmlns:v="urn:vendor" id="s" authority="a" issued="2024-01-01">
              <park kind="high-tech-zone" id="p1" name="P" region="430211" level="national" uscc="x"/>
              <firm region="430211" uscc="914302113385474000" name="F" kind="y" v:note="z"/>
              <park id="p2" name="Q" region="430211" level="provincial" kind="other"/>
            </filing>
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("slots-\(UUID().uuidString).xml").path
        try xml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var records: [RawRecord] = []
        try XMLFilingReader(path: path).read(header: { _, _ in }, record: { records.append($0) })
        try #require(records.count == 3)
        // `uscc` is a field of a firm and not of a park; `kind` the other way round: a name's slot is its kind's.
        #expect(records[0].kind == .park)
        #expect(records[0].fields == ["kind": "high-tech-zone", "id": "p1", "name": "P", "region": "430211", "level": "national", "uscc": "x"])
        #expect(records[0].unknown == ["uscc": "x"])
        #expect(records[0].values[RecordKind.park.slot(of: .kind)!] == "high-tech-zone")
        #expect(records[1].kind == .firm)
        #expect(records[1].values[RecordKind.firm.slot(of: .uscc)!] == "914302113385474000")
        #expect(records[1].unknown == ["kind": "y"])
        #expect(records[2].values[RecordKind.park.slot(of: .kind)!] == "other")
        #expect(records[2].unknown.isEmpty)
    }

    @Test("a CSV record's columns reach their slots, whatever their order, with the list-wide fields")
    func csvColumnsBySlot() throws {
        let csv = "name,region,uscc\n甲,430211,914302113385474000\n乙,,914302113385474001\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("firms-\(UUID().uuidString).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = CSVFilingReader(path: path, displayName: "firms.csv", kind: .firm, encoding: nil)
        reader.columns = ColumnOptions(set: ["status": "active"])
        var records: [RawRecord] = []
        try reader.read(record: { records.append($0) })
        try #require(records.count == 2)
        #expect(records[0].fields == ["name": "甲", "region": "430211", "uscc": "914302113385474000", "status": "active"])
        // An empty cell is an absent field.
        #expect(records[1].fields == ["name": "乙", "uscc": "914302113385474001", "status": "active"])
        #expect(records[1].values[RecordKind.firm.slot(of: .region)!] == nil)
    }
}
