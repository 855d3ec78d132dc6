import Foundation

extension FuzzEntryPoints {
    /// Opens bytes as a workbook and reads every sheet, with limits small enough that each input
    /// finishes fast; a refusal is a normal outcome, a crash, hang or leak is a finding. The bytes go
    /// through a file, as a loaded workbook does (ZIPFoundation's in-memory archives leak their
    /// backing data when the archive cannot be opened, so the reader offers none).
    public static func xlsx(_ bytes: [UInt8]) {
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(dir)/regctl-fuzz-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).xlsx"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        defer { unlink(path) }
        var limits = WorkbookLimits()
        limits.maxEntryBytes = 8 << 20
        limits.maxTotalBytes = 32 << 20
        limits.maxCellsScanned = 200_000
        guard var reader = try? WorkbookReader(path: path, displayName: "fuzz.xlsx", limits: limits) else { return }
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
