import Foundation

/// Reads a workbook filing (.xlsx, .xlsm) as a list is published: each chosen sheet's table found by
/// `TableLocator` (title rows skipped, the header row, records, the end at an empty, total or note
/// row), its columns read by `ColumnLayout`, every record given the list-wide fields. Sheets without
/// a table (说明) are skipped with a warning. Locations are Excel's: `list.xlsx:Sheet1!C12`.
struct XLSXFilingReader {
    let path: String
    let displayName: String
    /// The kind of every sheet, when the options or the sidecar say it; else each sheet's name, then
    /// the file name, tells.
    let kind: RecordKind?
    var columns = ColumnOptions()
    /// Sheets to read by name; empty reads every visible sheet.
    var sheets: [String] = []

    /// Fields whose value is a USCC: a number there is a code Excel has rounded.
    static let codeFields: Set<String> = ["uscc", "operator", "recipient"]

    /// What reading found, for the filing's header.
    struct Found {
        /// The first title row of the first sheet with a table.
        var title: String?
        /// The sheet the records came from, when they all came from one.
        var onlySheet: String?
    }

    /// Reads the chosen sheets. `begin` is called once, before the first record (or at the end when
    /// there is none), with the title found so far; `problem` gets a record refused while reading (a
    /// code stored as a number, an error value), with the record's fields.
    func read(begin: (String?) throws -> Void, record: (RawRecord) throws -> Void,
              problem: (Diagnostic, [String: String]) throws -> Void, warning: (Diagnostic) throws -> Void) throws -> Found {
        var book: WorkbookReader
        do {
            book = try WorkbookReader(path: path, displayName: displayName)
        } catch let e as WorkbookError {
            throw LoadError.workbook(e)
        }
        var chosen: [WorkbookReader.Sheet] = []
        if sheets.isEmpty {
            chosen = book.sheets.filter { $0.state == .visible }
        } else {
            for name in sheets {
                guard let s = book.sheet(named: name) else {
                    throw LoadError.refused(file: displayName, diagnostics: [Diagnostic(
                        file: displayName, line: nil, kind: "xlsx", problem: .malformed,
                        words: .core(.xlsxNoSheet, ["name": .text(name), "hint": .message(Suggestions.didYouMeanWords(name, among: book.sheets.map(\.name))),
                                                    "sheets": .message(.list(book.sheets.map(\.name)))]))],
                        omitted: 0, remedies: [])
                }
                chosen.append(s)
            }
        }
        var found = Found()
        var begun = false
        var sheetsWithRecords: Set<String> = []
        let fileKind = CSVFilingReader.kind(fromFileName: path)
        // When only sheet names say the kind, a sheet whose name says none (说明) is skipped.
        let namedKinds = kind == nil && fileKind == nil && chosen.contains { Self.kind(fromSheetName: $0.name) != nil }
        for sheet in chosen {
            guard let kind = kind ?? Self.kind(fromSheetName: sheet.name) ?? fileKind else {
                if namedKinds {
                    try warning(Diagnostic(file: displayName, line: nil, sheet: sheet.name, kind: "xlsx", problem: .empty, severity: .note,
                                           words: .core(.xlsxSheetNamesNoKind)))
                    continue
                }
                throw LoadError.unknownKind(file: displayName)
            }
            var locator = TableLocator(kind: kind, preset: Set(columns.set.keys), mapped: columns.columns)
            var columnsRead: ColumnsRead?
            func refuse(_ words: Message, row: Int?, column: Int? = nil) -> LoadError {
                .refused(file: displayName, diagnostics: [Diagnostic(file: displayName, line: row, column: column, sheet: sheet.name,
                                                                     kind: kind.rawValue, problem: .malformed, words: words)],
                         omitted: 0, remedies: [])
            }
            // The columns are read once the header is settled: a header row may still gain the
            // sub-titles of the row under it (a two-row header), so not before the first record.
            func settle() throws -> ColumnsRead? {
                if let columnsRead { return columnsRead }
                guard let header = locator.header else { return nil }
                let read = ColumnLayout.resolve(kind: kind, titles: locator.headerTexts, options: columns)
                if !read.problems.isEmpty {
                    throw refuse(ColumnLayout.refusal(read.problems, kind: kind), row: header.row)
                }
                for (column, title) in read.ignored.sorted(by: { $0.key < $1.key }) {
                    try warning(Diagnostic(file: displayName, line: header.row, column: column, sheet: sheet.name, kind: kind.rawValue,
                                           problem: .unknownField, severity: .warning,
                                           words: .core(.columnIgnored, ["title": .text(title), "kind": .message(kind.words)])))
                }
                let settled = ColumnsRead(read)
                columnsRead = settled
                if found.title == nil { found.title = locator.title }
                if !begun {
                    begun = true
                    try begin(found.title)
                }
                return settled
            }
            do {
                try book.readSheet(sheet) { row in
                    switch locator.feed(number: row.number, texts: row.texts) {
                    case .record:
                        guard let columnsRead = try settle() else { return }
                        try readRecord(row, columns: columnsRead, kind: kind, sheet: sheet.name, record: record, problem: problem)
                        sheetsWithRecords.insert(sheet.name)
                    case .header, .title, .repeatedHeader, .end, .ignored:
                        break
                    }
                }
            } catch let e as WorkbookError {
                throw LoadError.workbook(e)
            }
            _ = try settle()
            if locator.header == nil {
                try warning(Diagnostic(file: displayName, line: nil, sheet: sheet.name, kind: kind.rawValue, problem: .empty, severity: .note,
                                       words: .core(.xlsxNoHeader, ["needed": .message(Self.needed(kind, given: Set(columns.set.keys)))])))
            }
        }
        if !begun { try begin(found.title) }
        found.onlySheet = sheetsWithRecords.count == 1 ? sheetsWithRecords.first : nil
        return found
    }

    /// Sheet names that say the kind of their records, besides the kinds' own names (`designations`):
    /// the names Chinese lists give their sheets. Matched whole, after folding (NFKC, spaces, case).
    static let sheetKindNames: [String: RecordKind] = [
        "认定名单": .designation, "名单": .designation, "认定": .designation, "公示名单": .designation, "拟认定名单": .designation,
        "企业": .firm, "企业名录": .firm, "企业信息": .firm,
        "园区": .park, "园区名单": .park,
        "孵化器": .incubator, "孵化载体": .incubator, "众创空间": .incubator,
        "在孵企业": .incubation,
        "年报": .annualReport, "年度报告": .annualReport,
        "成果转化": .transfer, "技术合同": .transfer,
    ]

    /// The kind a sheet's name says: a kind's name (`designation`, `designations`) or one of
    /// `sheetKindNames`; nil for `Sheet1` and other names that say nothing.
    static func kind(fromSheetName name: String) -> RecordKind? {
        if let k = RecordKind(word: name.trimmingWhitespace.lowercased()) { return k }
        let folded = ColumnTitles.fold(name)
        return sheetKindNames.first { ColumnTitles.fold($0.key) == folded }?.value
    }

    /// What a header row of `kind` must name, in words: the required fields not given to every record.
    static func needed(_ kind: RecordKind, given: Set<String>) -> Message {
        let parts = kind.requiredFields.filter { !given.contains($0) && !(kind == .designation && $0 == "uscc") }
        guard kind == .designation else { return .list(parts) }
        return parts.isEmpty ? .core(.xlsxFirmOrUSCC) : .core(.coreList, ["first": .message(.core(.xlsxFirmOrUSCC)), "rest": .message(.list(parts))])
    }

    /// A header's columns in the form each record is read with: built once per sheet, not per row.
    struct ColumnsRead {
        /// (column, field), by column.
        var fields: [(column: Int, field: String)]
        /// Field → column, shared by every record of the sheet (for the locations of problems).
        var columnOf: [String: Int]

        init(_ layout: ColumnLayout) {
            fields = layout.fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            columnOf = Dictionary(uniqueKeysWithValues: fields.map { ($0.field, $0.column) })
        }
    }

    private func readRecord(_ row: WorkbookRow, columns read: ColumnsRead, kind: RecordKind, sheet: String,
                            record: (RawRecord) throws -> Void, problem: (Diagnostic, [String: String]) throws -> Void) throws {
        var fields: [String: String] = [:]
        fields.reserveCapacity(read.fields.count + columns.set.count)
        var refusals: [(column: Int, message: Message)] = []
        for (column, field) in read.fields {
            guard let value = row.value(column: column) else { continue }
            switch value {
            case .number(let n) where Self.codeFields.contains(field):
                fields[field] = value.text
                refusals.append((column, .core(abs(n) >= 1e15 ? .xlsxCodeAsRoundedNumber : .xlsxCodeAsNumber, ["field": .text(field), "value": .text(value.text)])))
            case .error(let e):
                fields[field] = e
                refusals.append((column, .core(.xlsxErrorValue, ["field": .text(field), "value": .text(e)])))
            case .dateTime(let day, _):
                fields[field] = day.description
            default:
                let text = value.text.trimmingWhitespace
                if !text.isEmpty { fields[field] = text }
            }
        }
        for (k, v) in columns.set { fields[k] = v }
        if let first = refusals.first {
            try problem(Diagnostic(file: displayName, line: row.number, column: first.column, sheet: sheet, kind: kind.rawValue,
                                   problem: .invalidValue, words: .joined(refusals.map(\.message))), fields)
            return
        }
        var raw = RawRecord(kind: kind, fields: fields, line: row.number)
        raw.sheet = sheet
        raw.fieldColumns = read.columnOf
        try record(raw)
    }
}
