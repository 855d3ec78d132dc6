/// The limits that keep a hostile workbook from using unbounded time or memory (docs/excel.md).
///
/// Each is far above what a real government list needs (the largest lists have some 100,000 rows)
/// and far below what would hurt the machine. Tests lower them to reach them with small fixtures.
public struct WorkbookLimits: Sendable, Hashable {
    /// The most bytes one zip entry may inflate to. A part is held in memory while it is parsed, so this
    /// bounds memory; a 100,000-row sheet is some 15 MiB.
    public var maxEntryBytes: Int64 = 256 << 20
    /// The most all entries that are read may inflate to together.
    public var maxTotalBytes: Int64 = 1 << 30
    /// The most an entry may inflate per compressed byte, once past `ratioGraceBytes`. Real parts
    /// compress 5–30×; zip bombs compress 1,000× and more (the same bound as Apache POI's 1%).
    public var maxCompressionRatio: Int64 = 100
    /// Inflated bytes below which the ratio is not checked: tiny parts of repeated markup compress well.
    public var ratioGraceBytes: Int64 = 1 << 20
    /// The most entries a package may list (a workbook has tens; millions would make listing slow).
    public var maxEntries: Int = 10_000
    /// The most cells (filled or merely styled) scanned in one workbook, against millions of empty
    /// styled rows; 10 million is a hundred 100,000-row lists of ten columns.
    public var maxCellsScanned: Int = 10_000_000
    /// The most shared strings a workbook may have.
    public var maxSharedStrings: Int = 5_000_000
    /// The most UTF-8 bytes the shared strings may hold together (they stay in memory while sheets are read).
    public var maxSharedStringBytes: Int = 128 << 20
    /// The most merged ranges one sheet may have (each is held in memory to fill its cells).
    public var maxMergedRanges: Int = 100_000

    /// The limits regctl uses.
    public static let `default` = WorkbookLimits()

    public init() {}
}
