import Foundation

extension FuzzEntryPoints {
    /// Opens bytes as a workbook and reads every sheet, with limits small enough that each input
    /// finishes fast; a refusal is a normal outcome, a crash, hang or leak is a finding.
    public static func xlsx(_ bytes: [UInt8]) {
        var limits = WorkbookLimits()
        limits.maxEntryBytes = 8 << 20
        limits.maxTotalBytes = 32 << 20
        limits.maxCellsScanned = 200_000
        guard var reader = try? WorkbookReader(data: Data(bytes), displayName: "fuzz.xlsx", limits: limits) else { return }
        for sheet in reader.sheets {
            try? reader.readSheet(sheet) { row in
                for cell in row.cells {
                    _ = CellReference.location(sheet: sheet.name, row: cell.row, column: cell.column)
                    _ = cell.value.text
                }
            }
        }
    }
}
