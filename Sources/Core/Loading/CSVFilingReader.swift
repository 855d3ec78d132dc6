import Foundation

/// Reads a CSV filing: a header of field names or their titles (`ColumnTitles`), then one record per
/// row, all of one kind.
struct CSVFilingReader {
    let path: String
    let displayName: String
    let kind: RecordKind
    let encoding: TextEncoding?
    /// Titles mapped, columns ignored, fields set for every record.
    var columns = ColumnOptions()

    /// The kind a file name announces by its first word(s): `firms.csv`, `designations-2021.csv`,
    /// `annual-reports-2023.csv`.
    static func kind(fromFileName path: String) -> RecordKind? {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        let parts = stem.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." || $0 == " " }).map(String.init)
        var found: RecordKind?
        for n in stride(from: min(parts.count, 2), through: 1, by: -1) {
            if let k = RecordKind(word: parts.prefix(n).joined(separator: "-")) { found = k; break }
        }
        return found
    }

    /// Reads the rows, calling `record` for each and `progress` with the bytes read so far after it.
    func read(record: (RawRecord) throws -> Void, warning: (Diagnostic) throws -> Void = { _ in }, progress: ((Int) -> Void)? = nil,
              digest: ContentDigest? = nil) throws {
        var reader: CSVReader
        do {
            reader = try CSVReader(path: path, encoding: encoding, digest: digest)
        } catch {
            throw refusal(error)
        }
        guard let header = try next(&reader) else {
            throw LoadError.refused(file: displayName, diagnostics: [Diagnostic(file: displayName, line: 1, kind: "csv", problem: .empty, words: .core(.csvEmpty, ["fields": .text(kind.fields.joined(separator: ","))]))], omitted: 0, remedies: [])
        }
        let layout = ColumnLayout.resolve(kind: kind, titles: header.fields, options: columns)
        if !layout.problems.isEmpty {
            throw LoadError.refused(file: displayName, diagnostics: [Diagnostic(
                file: displayName, line: header.line, kind: kind.rawValue, problem: .malformed,
                words: ColumnLayout.refusal(layout.problems, kind: kind))], omitted: 0, remedies: [])
        }
        for (column, title) in layout.ignored.sorted(by: { $0.key < $1.key }) {
            try warning(Diagnostic(file: displayName, line: header.line, column: column, kind: kind.rawValue, problem: .unknownField,
                                   severity: .warning, words: .core(.columnIgnored, ["title": .text(title), "kind": .message(kind.words)])))
        }
        let names: [String?] = header.fields.indices.map { layout.fields[$0 + 1] }
        // Each column's slot in the kind's fields, found once per file (`ColumnLayout` maps only to
        // the kind's fields); the list-wide fields likewise.
        let slots: [Int?] = names.map { $0.flatMap { kind.slot(of: $0) } }
        var preset = [String?](repeating: nil, count: kind.fieldCount)
        var presetUnknown: [String: String] = [:]
        for (k, v) in columns.set {
            if let slot = kind.slot(of: k) { preset[slot] = v } else { presetUnknown[k] = v }
        }
        while true {
            guard let row = try next(&reader) else { break }
            if row.fields.count != names.count {
                throw LoadError.refused(file: displayName, diagnostics: [Diagnostic(
                    file: displayName, line: row.line, kind: kind.rawValue, problem: .malformed,
                    words: .core(.csvFieldCount, ["fields": .integer(row.fields.count), "header": .integer(names.count)]))], omitted: 0, remedies: [])
            }
            var values = preset
            for (i, v) in row.fields.enumerated() where !v.isEmpty {
                if let slot = slots[i], preset[slot] == nil { values[slot] = v }
            }
            try record(RawRecord(kind: kind, values: values, unknown: presetUnknown, line: row.line))
            progress?(reader.bytesRead)
        }
    }

    private func next(_ reader: inout CSVReader) throws(LoadError) -> CSVRecord? {
        do {
            return try reader.next()
        } catch {
            throw refusal(error)
        }
    }

    private func refusal(_ e: CSVError) -> LoadError {
        .refused(file: displayName, diagnostics: [Diagnostic(file: displayName, line: e.line, column: e.column, kind: "csv", problem: .malformed, remedy: e.remedy, words: e.words)], omitted: 0, remedies: [])
    }
}
