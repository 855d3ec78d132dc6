import Core
import Foundation

/// A report as an Excel workbook (`--format xlsx`): the table on the first sheet, with its header row
/// bold and frozen, columns fitted to their text (a Chinese character counts two), numbers and money as
/// numbers (money with two decimals), dates as dates and text — USCCs and other codes — as text; the
/// title, as-of date, notes and source filings on a second sheet, as the table format prints them
/// below the table. Core's `WorkbookWriter` writes the file.
enum XLSXRenderer {
    /// The names of the two sheets in English (what the web's API answers and the tests read).
    static let tableSheet = Words(.en)(.xlsxSheetReport)
    static let aboutSheet = Words(.en)(.xlsxSheetAbout)

    /// The workbook's bytes, its sheet names, headings, labels and worded cells in `words`' language
    /// (numbers, dates and codes are the same in both).
    static func render(_ report: Report, words: Words = Words(.en)) throws -> Data {
        try WorkbookWriter.data(sheets(report, words: words))
    }

    static func sheets(_ report: Report, words w: Words = Words(.en)) -> [WorkbookWriter.Sheet] {
        let header = report.columns.map { WorkbookWriter.Cell.text($0.wordedTitle.map { w($0) } ?? $0.name) }
        let rows = report.rows.map { row in
            row.enumerated().map { i, value in cell(value, as: i < report.columns.count ? report.columns[i].type : .text, words: w) }
        }
        let table = [header] + rows
        var about: [[WorkbookWriter.Cell]] = [
            [.text(w(.xlsxAboutTitle)), .text(w.title(report))],
            [.text(w(.xlsxAboutAsOf)), .date(report.asOf)],
            [.text(w(.xlsxAboutAsOfSource)), .text(w.language == .en ? report.asOfSource : w.asOfSource(report.asOfSource))],
        ]
        about += w.notes(report).map { [.text(w(.xlsxAboutNote)), .text($0)] }
        about += report.filings.map { [.text(w(.xlsxAboutFiling)), .text($0)] }
        return [
            WorkbookWriter.Sheet(name: w(.xlsxSheetReport), rows: table, headerRows: 1, widths: WorkbookWriter.fittedWidths(table, measure: DisplayWidth.of)),
            WorkbookWriter.Sheet(name: w(.xlsxSheetAbout), rows: about, headerRows: 0, widths: WorkbookWriter.fittedWidths(about, measure: DisplayWidth.of),
                                 boldColumns: 1),
        ]
    }

    /// A value as a cell of a column of `type`. A text column stays text whatever its values look
    /// like: a USCC or a region code is never turned into a number.
    static func cell(_ value: Report.Value, as type: Report.ColumnType, words: Words = Words(.en)) -> WorkbookWriter.Cell {
        switch (value, type) {
        case (.null, _): .empty
        case (.text(let s), .date): Day(s).map(WorkbookWriter.Cell.date) ?? .text(s)
        case (.text(let s), _): .text(s)
        case (.words(let w), _): .text(words(w))
        case (.integer(let i), .money): .money(Double(i))
        case (.number(let d), .money): .money(d)
        case (.integer(let i), .integer), (.integer(let i), .number): .number(Double(i))
        case (.number(let d), .integer), (.number(let d), .number): .number(d)
        case (_, .text), (_, .date): .text(value.description)
        }
    }
}
