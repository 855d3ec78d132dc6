/// What a filing says about itself: who issued it, when, and what it is.
public struct FilingHeader: Sendable, Hashable, Codable {
    /// The filer's id for the filing, unique in a registry.
    public var id: String
    /// The issuing authority (湖南省工业和信息化厅).
    public var authority: String
    /// Issue date; nil when a CSV was loaded without one (it then does not move the default as-of date).
    public var issued: Day?
    /// Title as published.
    public var title: String?

    public init(id: String, authority: String, issued: Day?, title: String?) {
        self.id = id
        self.authority = authority
        self.issued = issued
        self.title = title
    }
}

/// The format a filing was read from.
public enum FilingFormat: String, Sendable, Codable, CaseIterable {
    case xml, csv
    /// An Excel workbook (.xlsx, .xlsm) as a list is published; loaded only, exported as CSV.
    case xlsx
}

/// A filing as the registry keeps it.
public struct FilingInfo: Sendable, Hashable, Codable {
    public var header: FilingHeader
    /// The file it was loaded from (name as given to `load`).
    public var source: String
    public var format: FilingFormat
    /// SHA-256 of the file's bytes, lower-case hex.
    public var sha256: String
    /// When it was loaded (ISO 8601, UTC).
    public var loadedAt: String
    /// Records by kind.
    public var counts: [RecordKind: Int]
    /// Load order, 1 for the first filing ever loaded.
    public var sequence: Int

    public init(header: FilingHeader, source: String, format: FilingFormat, sha256: String, loadedAt: String,
                counts: [RecordKind: Int], sequence: Int) {
        self.header = header
        self.source = source
        self.format = format
        self.sha256 = sha256
        self.loadedAt = loadedAt
        self.counts = counts
        self.sequence = sequence
    }

    /// Total records.
    public var total: Int { counts.values.reduce(0, +) }
}
