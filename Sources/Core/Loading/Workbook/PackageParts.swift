import Foundation

/// The parts that say where everything is: relationships (`_rels/*.rels`) and the workbook part.
enum PackageParts {
    struct Relationship: Hashable {
        var id: String
        var type: String
        var target: String
        var external: Bool
    }

    /// A sheet as the workbook part lists it.
    struct SheetEntry: Hashable {
        var name: String
        var relationshipID: String
        var state: String
    }

    /// The relationships of a `.rels` part.
    static func relationships(_ data: Data, file: String, part: String) throws -> [Relationship] {
        try XMLPartReader.read(data, file: file, part: part) { xml in
            var out: [Relationship] = []
            while try xml.next() {
                guard xml.nodeType == XMLPartReader.Node.element, xml.named("Relationship") else { continue }
                let a = xml.attributeMap()
                out.append(Relationship(id: a["Id"] ?? "", type: a["Type"] ?? "", target: a["Target"] ?? "", external: a["TargetMode"] == "External"))
            }
            return out
        }
    }

    /// The sheets in workbook order and the date system of the workbook part.
    static func workbook(_ data: Data, file: String, part: String) throws -> (sheets: [SheetEntry], date1904: Bool) {
        try XMLPartReader.read(data, file: file, part: part) { xml in
            var sheets: [SheetEntry] = []
            var date1904 = false
            while try xml.next() {
                guard xml.nodeType == XMLPartReader.Node.element else { continue }
                if xml.named("workbookPr") {
                    let v = xml.attributeMap()["date1904"]
                    date1904 = v == "1" || v == "true"
                } else if xml.named("sheet") {
                    let a = xml.attributeMap()
                    // r:id is the only attribute whose local name is "id".
                    sheets.append(SheetEntry(name: a["name"] ?? "", relationshipID: a["id"] ?? "", state: a["state"] ?? "visible"))
                }
            }
            return (sheets, date1904)
        }
    }

    /// The part a relationship target names, resolved against the part that holds the relationship
    /// (`source`; "" for the package itself, whose relationships are `_rels/.rels`). Absolute targets
    /// (`/xl/worksheets/sheet1.xml`, as WPS writes) start at the package root; a target that climbs
    /// out of the package is refused.
    static func resolve(_ target: String, from source: String, file: String) throws -> String {
        var segments: [Substring] = []
        let t = target.replacingOccurrences(of: "\\", with: "/")
        if !t.hasPrefix("/") {
            segments = source.split(separator: "/")
            if !segments.isEmpty { segments.removeLast() } // the source part's own name
        }
        for s in t.split(separator: "/") {
            if s == "." { continue }
            if s == ".." {
                guard !segments.isEmpty else {
                    throw WorkbookError(.unsafePath, file: file, part: source.isEmpty ? "_rels/.rels" : source, words: .core(.workbookUnsafeTarget, ["target": .text(target)]))
                }
                segments.removeLast()
            } else {
                segments.append(s)
            }
        }
        return segments.joined(separator: "/")
    }

    /// The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationshipsPart(of part: String) -> String {
        var segments = part.split(separator: "/").map(String.init)
        let name = segments.popLast() ?? ""
        return (segments + ["_rels", name + ".rels"]).joined(separator: "/")
    }
}
