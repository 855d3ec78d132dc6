import Foundation

/// Writes the registry's current facts back out as filings: one per loaded filing, holding the facts
/// of it that are still current, under its own id, authority and issue date, so that loading the
/// export into an empty registry gives the same answers.
///
/// The folder it writes is exactly the registry: a manifest (`regctl-export.json`) lists the files of
/// each export, so that exporting again into the same folder removes the files of filings retracted
/// since (and `load` of the folder cannot bring them back). A file no manifest lists is never
/// removed, and a non-empty folder without a manifest is refused.
package struct Exporter {
    package let registry: any RegistryReader

    /// The manifest's file name, inside the export folder.
    package static let manifestName = "regctl-export.json"

    package init(registry: any RegistryReader) {
        self.registry = registry
    }

    /// What an export did.
    package struct Summary: Sendable, Hashable {
        /// The filing files written, as paths in the folder (CSV sidecars not counted).
        package var written: [String]
        /// Files of an earlier export that this one no longer has (filings retracted since), removed.
        package var removed: [String]
        /// Files in the folder that no export wrote: left alone, but `load` of the folder reads those
        /// that are filings.
        package var foreign: [String]
    }

    /// Why an export was refused or failed.
    package enum Failure: Error, LocalizedError, Sendable, Hashable {
        /// The folder holds files but no manifest: it is not an earlier export, and writing into it
        /// would mix filings of two origins.
        case notAnExport(directory: String, files: [String])
        /// The folder's manifest cannot be read as one.
        case unreadableManifest(path: String)
        /// Files this export would write are in the folder, but no export wrote them.
        case wouldOverwrite(directory: String, files: [String])

        package var errorDescription: String? {
            switch self {
            case .notAnExport(let directory, let files):
                let shown = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? ", …" : "")
                return "\(directory) is not empty (\(shown)) and is not an earlier export (it has no \(Exporter.manifestName)); name a new or empty folder"
            case .unreadableManifest(let path):
                return "\(path) is not a manifest of an export; name a new or empty folder"
            case .wouldOverwrite(let directory, let files):
                let shown = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? ", …" : "")
                return "\(directory) holds \(shown), which no export wrote and this one would replace; move them or name a new or empty folder"
            }
        }
    }

    /// The manifest: which files an export wrote.
    struct Manifest: Codable {
        var format = "regctl-export"
        var version = 1
        /// File names in the folder, filings and their sidecars.
        var files: [String]
    }

    /// Writes the filings into `directory` in `format`: the folder becomes exactly the registry's filings.
    /// A filing without an issue date is written as CSV (an XML filing must carry one). As CSV and as
    /// workbooks, a filing of several kinds becomes one file per kind, each with its sidecar.
    package func export(to directory: String, format: FilingFormat) throws -> Summary {
        let fm = FileManager.default
        let manifestPath = (directory as NSString).appendingPathComponent(Exporter.manifestName)
        var earlier: Set<String> = []
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            let present = try fm.contentsOfDirectory(atPath: directory).sorted()
            if fm.fileExists(atPath: manifestPath) {
                let data = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
                guard let m = try? JSONDecoder().decode(Manifest.self, from: data), m.format == "regctl-export" else {
                    throw Failure.unreadableManifest(path: manifestPath)
                }
                // Only plain names: a manifest naming another folder's file cannot make us delete it.
                earlier = Set(m.files.filter { !$0.contains("/") && $0 != "." && $0 != ".." && !$0.isEmpty })
            } else if !present.isEmpty {
                throw Failure.notAnExport(directory: directory, files: present)
            }
        } else {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        let files = try filings(format: format)
        let names = files.flatMap { f in f.sidecar == nil ? [f.name] : [f.name, f.name + ".meta.json"] }
        let clobbered = names.filter { !earlier.contains($0) && fm.fileExists(atPath: (directory as NSString).appendingPathComponent($0)) }
        if !clobbered.isEmpty { throw Failure.wouldOverwrite(directory: directory, files: clobbered.sorted()) }
        // The manifest lists old and new files while they are written, so that an export cut short
        // leaves a folder the next export can still clean.
        try write(Manifest(files: (earlier.union(names)).sorted()), to: manifestPath)
        var written: [String] = []
        for f in files {
            let path = (directory as NSString).appendingPathComponent(f.name)
            try f.contents.write(to: URL(fileURLWithPath: path), options: .atomic)
            if let sidecar = f.sidecar { try sidecar.write(to: URL(fileURLWithPath: path + ".meta.json"), options: .atomic) }
            written.append(path)
        }
        var removed: [String] = []
        for name in earlier.subtracting(names).sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            // A folder of that name is not a file an export wrote.
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try fm.removeItem(atPath: path)
            if !name.hasSuffix(".meta.json") { removed.append(path) }
        }
        try write(Manifest(files: names.sorted()), to: manifestPath)
        let ours = Set(names).union([Exporter.manifestName])
        let foreign = try fm.contentsOfDirectory(atPath: directory).filter { !ours.contains($0) }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
        return Summary(written: written, removed: removed, foreign: foreign)
    }

    private func write(_ manifest: Manifest, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// One file to write: its name in the folder, its bytes, and a CSV or workbook file's sidecar.
    private struct File {
        var name: String
        var contents: Data
        var sidecar: Data?

        init(name: String, text: String, sidecar: Data? = nil) {
            self.init(name: name, contents: Data(text.utf8), sidecar: sidecar)
        }

        init(name: String, contents: Data, sidecar: Data? = nil) {
            self.name = name
            self.contents = contents
            self.sidecar = sidecar
        }
    }

    /// The registry's filings as files, in load order. A file is named by its filing's sequence number,
    /// not its position, so that a retraction changes no other file's name.
    private func filings(format: FilingFormat) throws -> [File] {
        var byFiling: [String: [(Int, Record)]] = [:]
        for f in try registry.parks() { byFiling[f.filing, default: []].append((f.line, .park(f.value))) }
        for f in try registry.firms(FirmQuery()) { byFiling[f.filing, default: []].append((f.line, .firm(f.firm))) }
        for f in try registry.incubators() { byFiling[f.filing, default: []].append((f.line, .incubator(f.value))) }
        for f in try registry.designations(program: nil) { byFiling[f.filing, default: []].append((f.line, .designation(f.designation))) }
        for f in try registry.incubations(uscc: nil) { byFiling[f.filing, default: []].append((f.line, .incubation(f.value))) }
        for f in try registry.annualReports(uscc: nil) { byFiling[f.filing, default: []].append((f.line, .annualReport(f.value))) }
        for f in try registry.transfers(recipient: nil) { byFiling[f.filing, default: []].append((f.line, .transfer(f.value))) }

        var files: [File] = []
        for info in try registry.filings() {
            let records = (byFiling[info.header.id] ?? []).sorted { $0.0 < $1.0 }.map(\.1)
            guard !records.isEmpty else { continue }
            let stem = String(format: "%04d-", info.sequence) + Exporter.safeName(info.header.id)
            if format == .xml, info.header.issued != nil {
                files.append(File(name: stem + ".xml", text: Exporter.xml(info.header, records)))
            } else {
                for kind in RecordKind.allCases {
                    let ofKind = records.filter { $0.kind == kind }
                    guard !ofKind.isEmpty else { continue }
                    var meta: [String: String] = ["authority": info.header.authority, "kind": kind.rawValue,
                                                  "id": kinds(records) > 1 ? "\(info.header.id)#\(kind.rawValue)" : info.header.id]
                    if let i = info.header.issued { meta["issued"] = i.description }
                    if let t = info.header.title { meta["title"] = t }
                    let json = try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys])
                    if format == .xlsx {
                        files.append(File(name: "\(kind.rawValue)s-\(stem).xlsx", contents: try Exporter.xlsx(kind, ofKind), sidecar: json))
                    } else {
                        files.append(File(name: "\(kind.rawValue)s-\(stem).csv", text: Exporter.csv(kind, ofKind), sidecar: json))
                    }
                }
            }
        }
        return files
    }

    private func kinds(_ records: [Record]) -> Int { Set(records.map(\.kind)).count }

    static func safeName(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }

    /// A CSV field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, a quote
    /// or a line break.
    package static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// One XML filing.
    package static func xml(_ header: FilingHeader, _ records: [Record]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<filing xmlns=\"\(XMLFilingReader.namespace)\" id=\"\(Markup.escape(header.id))\" authority=\"\(Markup.escape(header.authority))\""
        if let i = header.issued { out += " issued=\"\(i)\"" }
        if let t = header.title { out += " title=\"\(Markup.escape(t))\"" }
        out += ">\n"
        for r in records {
            out += "  <\(r.kind.rawValue)"
            for (k, v) in r.fields { out += " \(k)=\"\(Markup.escape(v))\"" }
            out += "/>\n"
        }
        return out + "</filing>\n"
    }

    /// One workbook filing of one kind: a sheet named after the kind, a header of every field of the
    /// kind (the English names, which the loader knows without `--columns`), a row per record. Codes and
    /// words are text; counts, amounts and dates are numbers and dates where they read back as the
    /// same value.
    package static func xlsx(_ kind: RecordKind, _ records: [Record]) throws -> Data {
        var rows: [[WorkbookWriter.Cell]] = [kind.fields.map(WorkbookWriter.Cell.text)]
        rows.reserveCapacity(records.count + 1)
        for r in records {
            let f = Dictionary(r.fields, uniquingKeysWith: { a, _ in a })
            rows.append(kind.fields.map { field in f[field].map { workbookCell(field: field, value: $0) } ?? .empty })
        }
        return try WorkbookWriter.data([WorkbookWriter.Sheet(name: kind.rawValue, rows: rows, headerRows: 1)])
    }

    /// Fields written as numbers (amounts of money with two decimals) and as dates, when their value
    /// allows; every other field, and every code, is text.
    static let numberFields: Set<String> = ["year", "employees", "rd-staff", "invention-patents", "area-m2"]
    static let moneyFields: Set<String> = ["revenue", "main-revenue", "rd-expense", "assets", "liabilities", "equity-raised", "value"]
    static let dateFields: Set<String> = ["founded", "valid-from", "valid-to", "revoked-on", "entered", "graduated", "exited", "signed", "recognized"]

    /// A stored value as a cell. A number is written only when the workbook reader reads it back as
    /// the same number (its text through Decimal: `1250000.50` and `1250000.5` are one amount), so that
    /// a load of the export states exactly the facts exported.
    package static func workbookCell(field: String, value: String) -> WorkbookWriter.Cell {
        if dateFields.contains(field), value.utf8.count == 10, let day = Day(value), day.description == value, ExcelDate.serial(of: day) != nil {
            return .date(day)
        }
        let money = moneyFields.contains(field)
        if money || numberFields.contains(field), let d = Double(value), d.isFinite,
           let given = Decimal(string: value), Decimal(string: CellValue.format(d)) == given, !value.hasPrefix("+"), !value.hasPrefix(".") {
            return money ? .money(d) : .number(d)
        }
        return .text(value)
    }

    /// One CSV filing of one kind: a header of every field of the kind, then a row per record.
    package static func csv(_ kind: RecordKind, _ records: [Record]) -> String {
        var out = kind.fields.joined(separator: ",") + "\n"
        for r in records {
            let f = Dictionary(r.fields, uniquingKeysWith: { a, _ in a })
            out += kind.fields.map { csvField(f[$0] ?? "") }.joined(separator: ",") + "\n"
        }
        return out
    }
}
