import Foundation

/// Writes the registry's current facts back out as filings: one per loaded filing, holding the facts
/// of it that are still current, under its own id, authority and issue date, so that loading the
/// export into an empty registry gives the same answers.
public struct Exporter {
    public let registry: any RegistryReader

    public init(registry: any RegistryReader) {
        self.registry = registry
    }

    /// Writes the filings into `directory` in `format` and returns the paths written.
    /// A filing without an issue date is written as CSV (an XML filing must carry one).
    public func export(to directory: String, format: FilingFormat) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var byFiling: [String: [(Int, Record)]] = [:]
        for f in try registry.parks() { byFiling[f.filing, default: []].append((f.line, .park(f.value))) }
        for f in try registry.firms(FirmQuery()) { byFiling[f.filing, default: []].append((f.line, .firm(f.firm))) }
        for f in try registry.incubators() { byFiling[f.filing, default: []].append((f.line, .incubator(f.value))) }
        for f in try registry.designations(program: nil) { byFiling[f.filing, default: []].append((f.line, .designation(f.designation))) }
        for f in try registry.incubations(uscc: nil) { byFiling[f.filing, default: []].append((f.line, .incubation(f.value))) }
        for f in try registry.annualReports(uscc: nil) { byFiling[f.filing, default: []].append((f.line, .annualReport(f.value))) }
        for f in try registry.transfers(recipient: nil) { byFiling[f.filing, default: []].append((f.line, .transfer(f.value))) }

        var written: [String] = []
        for (index, info) in try registry.filings().enumerated() {
            let records = (byFiling[info.header.id] ?? []).sorted { $0.0 < $1.0 }.map(\.1)
            guard !records.isEmpty else { continue }
            let stem = String(format: "%04d-", index + 1) + Exporter.safeName(info.header.id)
            if format == .xml, info.header.issued != nil {
                let path = (directory as NSString).appendingPathComponent(stem + ".xml")
                try Exporter.xml(info.header, records).write(toFile: path, atomically: true, encoding: .utf8)
                written.append(path)
            } else {
                for kind in RecordKind.allCases {
                    let ofKind = records.filter { $0.kind == kind }
                    guard !ofKind.isEmpty else { continue }
                    let path = (directory as NSString).appendingPathComponent("\(kind.rawValue)s-\(stem).csv")
                    try Exporter.csv(kind, ofKind).write(toFile: path, atomically: true, encoding: .utf8)
                    var meta: [String: String] = ["authority": info.header.authority, "kind": kind.rawValue,
                                                  "id": kinds(records) > 1 ? "\(info.header.id)#\(kind.rawValue)" : info.header.id]
                    if let i = info.header.issued { meta["issued"] = i.description }
                    if let t = info.header.title { meta["title"] = t }
                    let json = try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys])
                    try json.write(to: URL(fileURLWithPath: path + ".meta.json"))
                    written.append(path)
                }
            }
        }
        return written
    }

    private func kinds(_ records: [Record]) -> Int { Set(records.map(\.kind)).count }

    static func safeName(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }

    /// A CSV field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, a quote
    /// or a line break.
    public static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func xmlEscape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// One XML filing.
    public static func xml(_ header: FilingHeader, _ records: [Record]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<filing xmlns=\"\(XMLFilingReader.namespace)\" id=\"\(xmlEscape(header.id))\" authority=\"\(xmlEscape(header.authority))\""
        if let i = header.issued { out += " issued=\"\(i)\"" }
        if let t = header.title { out += " title=\"\(xmlEscape(t))\"" }
        out += ">\n"
        for r in records {
            out += "  <\(r.kind.rawValue)"
            for (k, v) in r.fields { out += " \(k)=\"\(xmlEscape(v))\"" }
            out += "/>\n"
        }
        return out + "</filing>\n"
    }

    /// One CSV filing of one kind: a header of every field of the kind, then a row per record.
    public static func csv(_ kind: RecordKind, _ records: [Record]) -> String {
        var out = kind.fields.joined(separator: ",") + "\n"
        for r in records {
            let f = Dictionary(r.fields, uniquingKeysWith: { a, _ in a })
            out += kind.fields.map { csvField(f[$0] ?? "") }.joined(separator: ",") + "\n"
        }
        return out
    }
}
