import Foundation

/// Writes the records a lenient load left out as a filing of their own, in the source's format, so
/// that the user can fix them and load them: `FILE.rejects.xml`, or `FILE.rejects.csv` with its
/// sidecar. Each record's problem is written beside it (an XML comment; the CSV sidecar's `problems`).
package enum RejectsFiling {
    /// Writes the rejects of `report`, loaded from `source`, to `destination` (default: beside the
    /// source) and returns the path written.
    package static func write(_ report: LoadReport, source: String, destination: String? = nil) throws -> String {
        guard let info = report.info else { return "" }
        return try write(report.rejected, of: info.header, source: source, destination: destination)
    }

    /// Writes `rejected`, records of the filing with `header` loaded from `source`, to `destination`
    /// (default: beside the source) and returns the path written: also for a filing refused because
    /// none of its records is valid, so that the user can still fix them.
    package static func write(_ rejected: [LoadReport.Rejected], of filing: FilingHeader, source: String, destination: String? = nil) throws -> String {
        // A workbook's rejected records are written as CSV, which loads with the same titles.
        let format: FilingFormat = switch FilingLoader.format(of: source) ?? .xml { case .xlsx: .csv; case let f: f }
        let stem = (source as NSString).deletingPathExtension
        let path = destination ?? "\(stem).rejects.\(format.rawValue)"
        let rejected = merged(try completed(rejected, source: source))
        let header = FilingHeader(id: "\(filing.id)-rejects", authority: filing.authority,
                                  issued: filing.issued, title: filing.title.map { "\($0) (rejected records)" })
        switch format {
        case .xml:
            var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            out += "<!-- Records of \(comment(source)) that were not loaded. Fix them and load this file. -->\n"
            out += "<filing xmlns=\"\(XMLFilingReader.namespace)\" id=\"\(Markup.escape(header.id))\" authority=\"\(Markup.escape(header.authority))\""
            if let issued = header.issued { out += " issued=\"\(issued)\"" }
            if let title = header.title { out += " title=\"\(Markup.escape(title))\"" }
            out += ">\n"
            for r in rejected {
                out += "  <!-- line \(r.diagnostic.line.map(String.init) ?? "?"): \(comment(r.diagnostic.message)) -->\n"
                out += "  <\(r.diagnostic.kind)"
                for (k, v) in r.fields.sorted(by: { $0.key < $1.key }) { out += " \(k)=\"\(Markup.escape(v))\"" }
                out += "/>\n"
            }
            out += "</filing>\n"
            try out.write(toFile: path, atomically: true, encoding: .utf8)
        case .csv, .xlsx:
            let kind = rejected.compactMap { RecordKind(rawValue: $0.diagnostic.kind) }.first ?? .firm
            var names = kind.fields
            for r in rejected { for k in r.fields.keys.sorted() where !names.contains(k) { names.append(k) } }
            var out = names.joined(separator: ",") + "\n"
            for r in rejected { out += names.map { Exporter.csvField(r.fields[$0] ?? "") }.joined(separator: ",") + "\n" }
            try out.write(toFile: path, atomically: true, encoding: .utf8)
            var meta: [String: Any] = ["id": header.id, "authority": header.authority, "kind": kind.rawValue,
                                       "problems": rejected.map { $0.diagnostic.description }]
            if let issued = header.issued { meta["issued"] = issued.description }
            if let title = header.title { meta["title"] = title }
            let json = try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try json.write(to: URL(fileURLWithPath: path + ".meta.json"))
        }
        return path
    }

    /// Fills in the fields of records refused after parsing (duplicates, references) by reading the
    /// source once more for just those lines: the loader keeps no copy of every record it read.
    static func completed(_ rejected: [LoadReport.Rejected], source: String) throws -> [LoadReport.Rejected] {
        let missing = Set(rejected.filter { $0.fields.isEmpty }.compactMap(\.diagnostic.line))
        guard !missing.isEmpty else { return rejected }
        var found: [Int: [String: String]] = [:]
        let collect: (RawRecord) -> Void = { raw in if missing.contains(raw.line) { found[raw.line] = raw.fields } }
        switch FilingLoader.format(of: source) {
        case .xml?:
            try XMLFilingReader(path: source).read(header: { _, _ in }, record: collect)
        case .csv?:
            let kind = rejected.compactMap { RecordKind(rawValue: $0.diagnostic.kind) }.first ?? .firm
            try CSVFilingReader(path: source, displayName: source, kind: kind, encoding: nil).read(record: collect)
        case .xlsx?, nil:
            break
        }
        return rejected.map { r in
            var r = r
            if r.fields.isEmpty, let line = r.diagnostic.line, let fields = found[line] { r.fields = fields }
            return r
        }
    }

    /// One entry per record: a record refused for two references is listed once, with both problems,
    /// so that the rejects filing holds it once.
    static func merged(_ rejected: [LoadReport.Rejected]) -> [LoadReport.Rejected] {
        var out: [LoadReport.Rejected] = []
        var index: [String: Int] = [:]
        for r in rejected {
            guard let line = r.diagnostic.line else {
                out.append(r)
                continue
            }
            let key = "\(r.diagnostic.kind)|\(line)"
            if let i = index[key] {
                out[i].diagnostic.message += "; " + r.diagnostic.message
            } else {
                index[key] = out.count
                out.append(r)
            }
        }
        return out
    }

    private static func comment(_ s: String) -> String { s.replacingOccurrences(of: "--", with: "- -") }
}
