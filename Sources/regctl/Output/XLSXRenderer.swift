import Core
import Foundation

/// A report as an Excel workbook (`--format xlsx`): the table on the first sheet, with its header row
/// bold and frozen, columns fitted to their text (a Chinese character counts two), numbers and money as
/// numbers (money with two decimals), dates as dates and text — USCCs and other codes — as text; the
/// title, as-of date, notes and source filings on a second sheet, as the table format prints them
/// below the table. Core's `WorkbookWriter` writes the file.
enum XLSXRenderer {
    /// The names of the two sheets.
    static let tableSheet = "Report"
    static let aboutSheet = "About"

    /// The workbook's bytes.
    static func render(_ report: Report) throws -> Data {
        try WorkbookWriter.data(sheets(report))
    }

    static func sheets(_ report: Report) -> [WorkbookWriter.Sheet] {
        let header = report.columns.map { WorkbookWriter.Cell.text($0.title ?? $0.name) }
        let rows = report.rows.map { row in
            row.enumerated().map { i, value in cell(value, as: i < report.columns.count ? report.columns[i].type : .text) }
        }
        let table = [header] + rows
        var about: [[WorkbookWriter.Cell]] = [
            [.text("title"), .text(report.title)],
            [.text("as of"), .date(report.asOf)],
            [.text("as of source"), .text(report.asOfSource)],
        ]
        about += report.notes.map { [.text("note"), .text($0)] }
        about += report.filings.map { [.text("filing"), .text($0)] }
        return [
            WorkbookWriter.Sheet(name: tableSheet, rows: table, headerRows: 1, widths: WorkbookWriter.fittedWidths(table, measure: DisplayWidth.of)),
            WorkbookWriter.Sheet(name: aboutSheet, rows: about, headerRows: 0, widths: WorkbookWriter.fittedWidths(about, measure: DisplayWidth.of),
                                 boldColumns: 1),
        ]
    }

    /// A value as a cell of a column of `type`. A text column stays text whatever its values look
    /// like: a USCC or a region code is never turned into a number.
    static func cell(_ value: Report.Value, as type: Report.ColumnType) -> WorkbookWriter.Cell {
        switch (value, type) {
        case (.null, _): .empty
        case (.text(let s), .date): Day(s).map(WorkbookWriter.Cell.date) ?? .text(s)
        case (.text(let s), _): .text(s)
        case (.words(let w), _): .text(w.text)
        case (.integer(let i), .money): .money(Double(i))
        case (.number(let d), .money): .money(d)
        case (.integer(let i), .integer), (.integer(let i), .number): .number(Double(i))
        case (.number(let d), .integer), (.number(let d), .number): .number(d)
        case (_, .text), (_, .date): .text(value.description)
        }
    }
}
