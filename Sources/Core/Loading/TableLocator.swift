/// Finds the table in a sheet of a published list (docs/excel.md, "Finding the table"): the title
/// rows, the header row, the records, and where the table ends. Pure: it sees rows of cell texts,
/// so CSV files and Excel sheets are read alike, row by row as they stream.
///
/// - The header row is the first whose known titles cover the kind's required fields (less those the
///   filing gives every record, `preset`) and, for a designation, name the firm (`uscc` or `firm`).
/// - A header may take two rows: group titles merged over sub-titles (`所在地区` over `省份 | 城市`).
///   The two rows are read as one, a sub-title winning over the group title above it.
/// - Rows above it are the title: the first of them becomes the filing's title.
/// - The table ends at an empty row, a total row (合计 or 总计 in one of the first columns), or a note:
///   one text in the first column, starting 注/说明/备注… or longer than any name.
/// - A sheet with no header row within `maxTitleRows` rows (a 说明 sheet) is skipped.
public struct TableLocator: Sendable {
    /// What a row is.
    public enum Disposition: Sendable, Hashable {
        /// Above the header: part of the title.
        case title
        /// The header row.
        case header
        /// A record.
        case record
        /// The header printed again (page breaks in printed lists): skipped.
        case repeatedHeader
        /// The row that ends the table (not a record).
        case end(End)
        /// After the end of the table, or in a sheet without a header row: not read.
        case ignored
    }

    /// Why the table ended.
    public enum End: String, Sendable, Hashable {
        case emptyRow = "empty-row"
        case total
        case note
    }

    /// The header row, read.
    public struct Header: Sendable, Hashable {
        /// Its row number (of a two-row header, the lower row's).
        public var row: Int
        /// Of a two-row header, the row of the group titles above `row`.
        public var groupRow: Int? = nil
        /// Column (1-based) → field.
        public var fields: [Int: String]
        /// Columns whose title is known to carry nothing (序号).
        public var ignored: [Int]
        /// Columns whose title is not one of the kind's: the loader refuses them or, when told to,
        /// ignores them with a warning. Column → title as written.
        public var unknown: [Int: String]
        /// Columns that name a field another column already gave: column → field.
        public var duplicates: [Int: String]
    }

    /// Rows above the header searched before a sheet is taken for notes.
    public static let maxTitleRows = 30
    /// A text this long in the first column alone is a note, not a name (the longest registered firm
    /// names run to some 40 characters).
    public static let noteLength = 60
    /// How notes under a table begin.
    public static let notePrefixes = ["注", "说明", "备注", "附注", "附件", "数据来源", "资料来源", "填表", "制表"]
    /// How total rows begin.
    public static let totalPrefixes = ["合计", "总计"]
    /// Columns searched for a total.
    public static let totalColumns = 3

    public let kind: RecordKind
    /// Fields given to every record by the filing (`--set`), so not needed as columns.
    public let preset: Set<String>
    public private(set) var header: Header?
    /// The rows above the header, each as its distinct texts joined by a space.
    public private(set) var titleLines: [String] = []
    /// Why the table ended, once it has.
    public private(set) var end: End?
    /// True once `maxTitleRows` rows passed without a header: the sheet has no table.
    public private(set) var skipped = false

    private var rowsSeen = 0
    private var lastRow = 0
    /// The header's titles by column (of a two-row header, a sub-title or else the group title above
    /// it): what the columns are read as.
    public private(set) var headerTexts: [String] = []
    /// The last title row's cells and number, for a header whose group titles are in it.
    private var previousTitle: (row: Int, cells: [String])?
    /// Whether the row under the header has been looked at for sub-titles.
    private var subTitlesChecked = false

    /// Titles (compared folded) or column letters the user maps to fields, on top of `ColumnTitles`.
    public let mapped: [String: String]
    private let mappedTitles: [String: String]

    public init(kind: RecordKind, preset: Set<String> = [], mapped: [String: String] = [:]) {
        self.kind = kind
        self.preset = preset
        self.mapped = mapped
        self.mappedTitles = Dictionary(mapped.map { (ColumnTitles.fold($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The filing's title as the sheet gives it: the first row above the header.
    public var title: String? { titleLines.first }

    /// Classifies the next row; `number` is its row number (a gap since the last row is an empty
    /// row), `texts` its cells from the first column on.
    public mutating func feed(number: Int, texts: [String]) -> Disposition {
        defer { lastRow = number }
        if end != nil || skipped { return .ignored }
        let cells = texts.map(\.trimmingWhitespace)
        let distinct = Self.distinct(cells)
        guard let found = header else {
            if distinct.isEmpty { return .title }
            rowsSeen += 1
            if let found = readHeader(row: number, cells: cells) {
                self.header = found
                headerTexts = cells
                return .header
            }
            // The row may be the sub-titles of group titles in the row above, which alone is no header.
            if let above = previousTitle, above.row == number - 1 {
                let both = Self.combined(group: above.cells, sub: cells)
                if var found = readHeader(row: number, cells: both) {
                    found.groupRow = above.row
                    self.header = found
                    headerTexts = both
                    subTitlesChecked = true
                    titleLines.removeLast()
                    return .header
                }
            }
            if rowsSeen >= Self.maxTitleRows {
                skipped = true
                return .ignored
            }
            titleLines.append(distinct.joined(separator: " "))
            previousTitle = (number, cells)
            return .title
        }
        if !subTitlesChecked {
            subTitlesChecked = true
            // A header that is one by itself may still have sub-titles under its merged group titles.
            if number == found.row + 1, isSubTitleRow(cells) {
                let both = Self.combined(group: headerTexts, sub: cells)
                if var lower = readHeader(row: number, cells: both) {
                    lower.groupRow = found.row
                    self.header = lower
                    headerTexts = both
                    return .header
                }
            }
        }
        if distinct.isEmpty || number > lastRow + 1 && lastRow > 0 {
            end = .emptyRow
            return .end(.emptyRow)
        }
        if cells.prefix(Self.totalColumns).contains(where: { c in
            // Folding (NFKC) every row's first cells is a quarter of a load's time; 计 has no other
            // form that folds to it, so a cell without it cannot be a total.
            guard c.unicodeScalars.contains("计") else { return false }
            let f = ColumnTitles.fold(c)
            return Self.totalPrefixes.contains { f.hasPrefix($0) }
        }) {
            end = .total
            return .end(.total)
        }
        if distinct.count == 1, let first = cells.first, !first.isEmpty, first == distinct[0],
           Self.notePrefixes.contains(where: { first.hasPrefix($0) }) || first.count > Self.noteLength {
            end = .note
            return .end(.note)
        }
        if cells == headerTexts { return .repeatedHeader }
        return .record
    }

    /// The header this row would be, if it is one.
    private func readHeader(row: Int, cells: [String]) -> Header? {
        var h = Header(row: row, fields: [:], ignored: [], unknown: [:], duplicates: [:])
        var seen: Set<String> = []
        for (i, text) in cells.enumerated() where !text.isEmpty {
            let user = mapped[CellReference.letters(column: i + 1)] ?? mappedTitles[ColumnTitles.fold(text)]
            switch user.map(ColumnTitles.Match.field) ?? ColumnTitles.match(kind: kind, title: text) {
            case .field(let f):
                if seen.insert(f).inserted { h.fields[i + 1] = f } else { h.duplicates[i + 1] = f }
            case .ignored:
                h.ignored.append(i + 1)
            case .unknown:
                h.unknown[i + 1] = text
            }
        }
        guard !seen.isEmpty else { return nil }
        let needed = Set(kind.requiredFields).subtracting(preset)
        guard needed.isSubset(of: seen) else { return nil }
        if kind == .designation, seen.isDisjoint(with: ["uscc", "firm"]) { return nil }
        return h
    }

    /// Whether the row under the header holds sub-titles: each of its texts stands under an empty
    /// header cell or a group title (one merged over several columns, so its text repeats), or is the
    /// header's own text (merged down over both rows); and one of them is a title of the kind. A record
    /// has a value under a single-column title (the firm's name), so it never passes.
    private func isSubTitleRow(_ cells: [String]) -> Bool {
        var known = false
        for (i, text) in cells.enumerated() where !text.isEmpty {
            let above = i < headerTexts.count ? headerTexts[i] : ""
            if text == above { continue }
            let grouped = above.isEmpty
                || (i > 0 && headerTexts[i - 1] == above) || (i + 1 < headerTexts.count && headerTexts[i + 1] == above)
            guard grouped else { return false }
            if case .unknown = mapped[CellReference.letters(column: i + 1)].map(ColumnTitles.Match.field) ?? mappedTitles[ColumnTitles.fold(text)].map(ColumnTitles.Match.field)
                ?? ColumnTitles.match(kind: kind, title: text) {
                continue
            }
            known = true
        }
        return known
    }

    /// A two-row header read as one: each column's sub-title, or else its group title.
    static func combined(group: [String], sub: [String]) -> [String] {
        (0..<max(group.count, sub.count)).map { i in
            let lower = i < sub.count ? sub[i] : ""
            return lower.isEmpty && i < group.count ? group[i] : lower
        }
    }

    /// The non-empty texts of a row, each once, in order (a merged title repeats its text).
    static func distinct(_ cells: [String]) -> [String] {
        var out: [String] = []
        for c in cells where !c.isEmpty && !out.contains(c) { out.append(c) }
        return out
    }
}
