import Foundation
import Testing
@testable import Core

@Suite("docs/filing-format.md lists the column titles ColumnTitles holds")
struct ColumnTitlesDocTests {
    @Test("the title table in docs/filing-format.md is ColumnTitles.table, row for row")
    func tableInDocs() throws {
        var lines = ["| kind | field | titles (the field's own name is accepted too) |", "|---|---|---|"]
        for kind in RecordKind.allCases.sorted() {
            for (field, titles) in ColumnTitles.table[kind] ?? [] {
                lines.append("| \(kind.rawValue) | \(field) | \(titles.joined(separator: ", ")) |")
            }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/filing-format.md"), encoding: .utf8)
        let table = lines.joined(separator: "\n") + "\n"
        #expect(doc.contains(table), "docs/filing-format.md should hold:\n\(table)")
    }
}
