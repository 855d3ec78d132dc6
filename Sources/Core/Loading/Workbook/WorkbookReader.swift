import Foundation

/// Reads an .xlsx or .xlsm workbook as data: its sheets in order, and each sheet's rows of typed
/// cells with merged ranges filled (docs/excel.md).
///
/// Opening reads the package's listing, the workbook part (sheet names, order, state, the 1904 date
/// flag), its relationships, the shared strings and the date styles; each sheet is then read on
/// demand with `readSheet`. Every part goes through `WorkbookLimits`, and every refusal is a
/// `WorkbookError`. Macros (.xlsm) are never run: only the cells' values are read.
public struct WorkbookReader {
    /// A sheet of the workbook.
    public struct Sheet: Sendable, Hashable {
        /// Excel's visibility of a sheet.
        public enum State: String, Sendable, Hashable {
            case visible, hidden, veryHidden
        }

        /// The name on the sheet's tab.
        public var name: String
        /// 0-based position among the workbook's sheets.
        public var index: Int
        public var state: State
        /// The package part holding the sheet (`xl/worksheets/sheet1.xml`); nil for a chart sheet or
        /// a sheet whose part is missing, which have no cells.
        public var part: String?
    }

    /// The file as named in messages.
    public let displayName: String
    /// The sheets in workbook order.
    public let sheets: [Sheet]
    /// True for the 1904 date system (serial 0 is 1904-01-01).
    public let date1904: Bool
    public let limits: WorkbookLimits

    private var package: WorkbookPackage
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    /// Cells scanned so far in this workbook, against `limits.maxCellsScanned`.
    private var scanned = 0

    /// Opens the workbook at `path`; `displayName` (default: the path) is used in messages.
    public init(path: String, displayName: String? = nil, limits: WorkbookLimits = .default) throws {
        let name = displayName ?? path
        try self.init(package: WorkbookPackage(path: path, displayName: name, limits: limits))
    }

    private init(package: WorkbookPackage) throws {
        var package = package
        let file = package.file
        self.displayName = file
        self.limits = package.limits

        // The package relationships name the workbook part; xl/workbook.xml is where every writer puts it.
        var workbookPart = "xl/workbook.xml"
        if let data = try package.read("_rels/.rels") {
            let rels = try PackageParts.relationships(data, file: file, part: "_rels/.rels")
            if let main = rels.first(where: { $0.type.hasSuffix("/officeDocument") && !$0.external }) {
                workbookPart = try PackageParts.resolve(main.target, from: "", file: file)
            }
        }
        guard let workbookData = try package.read(workbookPart) else {
            throw WorkbookError(.notAWorkbook, file: file, words: .core(.workbookNoWorkbookPart, ["part": .text(workbookPart)]))
        }
        let (entries, date1904) = try PackageParts.workbook(workbookData, file: file, part: workbookPart)
        self.date1904 = date1904

        let relsPart = PackageParts.relationshipsPart(of: workbookPart)
        var rels: [PackageParts.Relationship] = []
        if let data = try package.read(relsPart) {
            rels = try PackageParts.relationships(data, file: file, part: relsPart)
        }
        func target(ofType suffix: String, fallback: String) throws -> String? {
            if let r = rels.first(where: { $0.type.hasSuffix(suffix) && !$0.external }) {
                return try PackageParts.resolve(r.target, from: workbookPart, file: file)
            }
            return package.has(fallback) ? fallback : nil
        }

        var sheets: [Sheet] = []
        for (i, e) in entries.enumerated() {
            var part: String?
            if let r = rels.first(where: { $0.id == e.relationshipID }), !r.external, r.type.hasSuffix("/worksheet") {
                part = try PackageParts.resolve(r.target, from: workbookPart, file: file)
            } else if rels.isEmpty, package.has("xl/worksheets/sheet\(i + 1).xml") {
                part = "xl/worksheets/sheet\(i + 1).xml"
            }
            sheets.append(Sheet(name: e.name, index: i, state: Sheet.State(rawValue: e.state) ?? .visible, part: part))
        }
        self.sheets = sheets

        if let part = try target(ofType: "/sharedStrings", fallback: "xl/sharedStrings.xml"), let data = try package.read(part) {
            self.sharedStrings = try SharedStrings.parse(data, file: file, part: part, limits: package.limits)
        } else {
            self.sharedStrings = []
        }
        if let part = try target(ofType: "/styles", fallback: "xl/styles.xml"), let data = try package.read(part) {
            self.dateStyles = try DateStyles.parse(data, file: file, part: part)
        } else {
            self.dateStyles = []
        }
        self.package = package
    }

    /// The sheet with this name, if any.
    public func sheet(named name: String) -> Sheet? {
        sheets.first { $0.name == name }
    }

    /// Reads a sheet, calling `row` for each row that has a value, in order. Merged ranges give their
    /// top-left value to every cell they cover.
    public mutating func readSheet(_ sheet: Sheet, row: (WorkbookRow) throws -> Void) throws {
        guard let part = sheet.part, let data = try package.read(part) else { return }
        let reader = SheetReader(file: displayName, part: part, sharedStrings: sharedStrings, dateStyles: dateStyles, date1904: date1904, limits: limits)
        try reader.read(data, scanned: &scanned, row: row)
    }

    /// All rows of a sheet (for small sheets and tests; a loader should stream with `readSheet`).
    public mutating func rows(of sheet: Sheet) throws -> [WorkbookRow] {
        var out: [WorkbookRow] = []
        try readSheet(sheet) { out.append($0) }
        return out
    }
}
