/// Gives the value of a merged range's top-left cell to every cell of the range, row by row as the
/// sheet streams: a province merged down over its firms reaches each firm's row.
struct MergeFiller {
    private let merges: [SheetReader.Merge]
    private var nextMerge = 0
    /// The ranges that cover the rows being read and whose top-left cell had a value.
    private var active: [(merge: SheetReader.Merge, value: CellValue)] = []
    /// The last row handed to `fill`.
    private var lastRow = 0

    init(merges: [SheetReader.Merge]) {
        self.merges = merges.sorted { ($0.firstRow, $0.firstColumn) < ($1.firstRow, $1.firstColumn) }
    }

    /// Fills the cells of `row` that merged ranges cover; every filled cell counts as scanned.
    mutating func fill(row: Int, cells: inout [Cell], scanned: inout Int, limit: Int, error: () -> WorkbookError) throws {
        lastRow = row
        while nextMerge < merges.count, merges[nextMerge].firstRow <= row {
            let m = merges[nextMerge]
            nextMerge += 1
            // A range whose top row had no <row> at all has no value to give.
            guard m.firstRow == row, let v = cells.first(where: { $0.column == m.firstColumn })?.value else { continue }
            active.append((m, v))
        }
        active.removeAll { $0.merge.lastRow < row }
        guard !active.isEmpty else { return }
        var present = Set(cells.map(\.column))
        let before = cells.count
        for (m, v) in active {
            for column in m.firstColumn...m.lastColumn where !present.contains(column) {
                scanned += 1
                if scanned > limit { throw error() }
                cells.append(Cell(row: row, column: column, value: v))
                present.insert(column)
            }
        }
        if cells.count != before { cells.sort { $0.column < $1.column } }
    }

    /// Emits the rows after the last one filled and before `row` that the sheet leaves out but a
    /// merged range covers (Excel writes them, other writers may not).
    mutating func emitCoveredRows(before row: Int, scanned: inout Int, limit: Int, error: () -> WorkbookError, _ emit: (WorkbookRow) throws -> Void) throws {
        var r = lastRow + 1
        while r < row {
            active.removeAll { $0.merge.lastRow < r }
            guard !active.isEmpty else { lastRow = row - 1; return }
            var cells: [Cell] = []
            try fill(row: r, cells: &cells, scanned: &scanned, limit: limit, error: error)
            if !cells.isEmpty { try emit(WorkbookRow(number: r, cells: cells)) }
            r += 1
        }
    }
}
