/// What the user says about a filing's columns and list-wide fields (docs/filing-format.md,
/// "Column titles"): fields every record gets, titles or column letters mapped to fields, and
/// whether unknown columns are ignored. CSV files and Excel sheets use it alike.
package struct ColumnOptions: Sendable, Equatable {
    /// Field → value given to every record of the filing.
    package var set: [String: String]
    /// A column title (as written, compared folded) or an Excel column letter (`C`) → field.
    package var columns: [String: String]
    /// Columns whose title is no field of the kind are ignored with a warning instead of refused.
    package var ignoreUnknown: Bool

    package init(set: [String: String] = [:], columns: [String: String] = [:], ignoreUnknown: Bool = false) {
        self.set = set
        self.columns = columns
        self.ignoreUnknown = ignoreUnknown
    }

    /// Whether a `columns` key names a column by its letters (`A`, `AB`) rather than by its title.
    static func isColumnLetters(_ key: String) -> Bool {
        !key.isEmpty && key.count <= 3 && key.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }
}

/// How the columns of a header row become fields, or why they cannot.
package struct ColumnLayout: Sendable, Equatable {
    /// Column (1-based) → field.
    package var fields: [Int: String]
    /// Columns ignored because their titles are no field of the kind: column → title (each one a warning).
    package var ignored: [Int: String]
    /// What refuses the header, one message each.
    package var problems: [Message]

    /// The refusal of a header: its problems, then the columns the kind takes.
    package static func refusal(_ problems: [Message], kind: RecordKind) -> Message {
        .core(.columnRefusal, ["problems": .message(.joined(problems)), "kind": .message(kind.words), "fields": .text(kind.fields.joined(separator: ","))])
    }

    /// Reads a header row of `titles` (column 1 first) for `kind`.
    package static func resolve(kind: RecordKind, titles: [String], options: ColumnOptions) -> ColumnLayout {
        var layout = ColumnLayout(fields: [:], ignored: [:], problems: [])
        var byField: [String: Int] = [:]
        var usedKeys: Set<String> = []
        // A field given by more than one column: the columns after the first (reported once per field,
        // however many: a title merged across the whole grid repeats in every column).
        var repeats: [String: [Int]] = [:]
        let mappedTitles = Dictionary(options.columns.filter { !ColumnOptions.isColumnLetters($0.key) }.map { (ColumnTitles.fold($0.key), ($0.key, $0.value)) },
                                      uniquingKeysWith: { a, _ in a })
        func name(_ column: Int) -> Message.Argument {
            let t = titles[column - 1].trimmingCharacters(in: .whitespacesAndNewlines)
            let letters = Message.Argument.text(CellReference.letters(column: column))
            return .message(t.isEmpty ? .core(.columnByLetters, ["letters": letters]) : .core(.columnByTitle, ["title": .text(t), "letters": letters]))
        }
        for (i, raw) in titles.enumerated() {
            let column = i + 1
            let title = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            var field: String?
            let letters = CellReference.letters(column: column)
            if let f = options.columns[letters] {
                field = f
                usedKeys.insert(letters)
            } else if let (key, f) = mappedTitles[ColumnTitles.fold(title)], !title.isEmpty {
                field = f
                usedKeys.insert(key)
            } else {
                switch ColumnTitles.match(kind: kind, title: title) {
                case .field(let f): field = f
                case .ignored: continue
                case .unknown:
                    if options.ignoreUnknown {
                        layout.ignored[column] = title
                    } else if title.isEmpty {
                        layout.problems.append(.core(.columnEmptyTitle, ["letters": .text(letters)]))
                    } else {
                        layout.problems.append(.core(.columnUnknown, ["title": .text(title), "hint": .message(Suggestions.didYouMeanWords(title, among: kind.fields))]))
                    }
                    continue
                }
            }
            guard let field else { continue }
            guard kind.fields.contains(field) else {
                layout.problems.append(.core(.columnMappedToNoField, ["column": name(column), "field": .text(field), "kind": .message(kind.words),
                                                                     "hint": .message(Suggestions.didYouMeanWords(field, among: kind.fields))]))
                continue
            }
            if let value = options.set[field] {
                layout.problems.append(.core(.columnAndListWide, ["column": name(column), "field": .text(field), "value": .text(value)]))
                continue
            }
            if byField[field] != nil {
                repeats[field, default: []].append(column)
                continue
            }
            byField[field] = column
            layout.fields[column] = field
        }
        for (field, columns) in repeats.sorted(by: { $0.value[0] < $1.value[0] }) {
            let first = byField[field]!
            let same = columns.allSatisfy { ColumnTitles.fold(titles[$0 - 1]) == ColumnTitles.fold(titles[first - 1]) }
            let title = titles[first - 1].trimmingCharacters(in: .whitespacesAndNewlines)
            if same {
                layout.problems.append(columns.count == 1 ? .core(.columnTwice, ["title": .text(title)])
                                                          : .core(.columnTimes, ["title": .text(title), "count": .integer(columns.count + 1)]))
            } else {
                layout.problems.append(columns.count == 1 ? .core(.columnsBothGive, ["first": name(first), "other": name(columns[0]), "field": .text(field)])
                                                          : .core(.columnsAllGive, ["first": name(first), "count": .integer(columns.count), "field": .text(field)]))
            }
        }
        for key in options.columns.keys.sorted() where !usedKeys.contains(key) {
            layout.problems.append(.core(ColumnOptions.isColumnLetters(key) ? .columnNoLetters : .columnNoTitle, ["key": .text(key), "field": .text(options.columns[key]!)]))
        }
        let have = Set(byField.keys).union(options.set.keys)
        let missing = kind.requiredFields.filter { !have.contains($0) && !(kind == .designation && $0 == "uscc") }
        if !missing.isEmpty {
            layout.problems.append(.core(.columnRequiredMissing, ["count": .integer(missing.count), "columns": .message(.list(missing))]))
        }
        if kind == .designation, have.isDisjoint(with: ["uscc", "firm"]) {
            layout.problems.append(.core(.columnDesignationNeeds))
        }
        return layout
    }
}

/// The fields a filing gives every record (`set`), checked as any field before anything loads.
package enum ListWideFields {
    /// One message per bad field: a field the kind lacks, or a value its field refuses (with the
    /// validator's words, did-you-mean included).
    package static func problems(_ set: [String: String], kind: RecordKind, validator: RecordValidator) -> [Message] {
        var out: [Message] = []
        for field in set.keys.sorted() where !kind.fields.contains(field) {
            out.append(.core(.listWideNoSuchField, ["field": .text(field), "value": .text(set[field]!), "kind": .message(kind.words),
                                                    "hint": .message(Suggestions.didYouMeanWords(field, among: kind.fields)),
                                                    "fields": .message(.list(kind.fields))]))
        }
        let known = set.filter { kind.fields.contains($0.key) }
        guard !known.isEmpty else { return out }
        let outcome = validator.validate(RawRecord(kind: kind, fields: known, line: 0))
        for p in outcome.problems where p.kind != .missingField && p.kind != .inconsistent {
            guard let field = p.field, let value = known[field] else { continue }
            out.append(.core(.listWideBadValue, ["field": .text(field), "value": .text(value), "problem": .message(p.words)]))
        }
        return out
    }
}
