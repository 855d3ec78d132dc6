/// Every current registered firm's code, names and regions, column by column: what name matching
/// reads. A million firms are five byte arrays here, not five million Strings.
public struct FirmNameTable: Sendable {
    struct Former: Sendable {
        var row: Int32
        var name: String
    }

    var uscc = FlatText()
    var name = FlatText()
    /// `FilingText.nameKey` of the name (the registry's `name_key`).
    var key = FlatText()
    /// As stated, and today's code: a firm lies in a unit when either starts with the unit.
    var region = FlatText()
    var regionNow = FlatText()
    /// Former names, few: each with its firm's row.
    var formerNames: [Former] = []

    /// How many firms.
    public var count: Int { uscc.count }

    public init() {}

    /// The table of these firms, in this order.
    public init(_ firms: [NameIndex.IndexedFirm]) {
        for f in firms {
            append(uscc: f.uscc, name: f.name, key: FilingText.nameKey(f.name), region: f.region, regionNow: f.regionNow,
                   formerNames: f.formerNames)
        }
    }

    mutating func append(uscc: String, name: String, key: String, region: String, regionNow: String, formerNames: [String]) {
        let row = Int32(count)
        self.uscc.append(uscc)
        self.name.append(name)
        self.key.append(key)
        self.region.append(region)
        self.regionNow.append(regionNow)
        for n in formerNames { self.formerNames.append(Former(row: row, name: n)) }
    }

    /// A row read straight from a store's columns (UTF-8), without a String for the firm.
    mutating func append(uscc: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>,
                         region: UnsafeBufferPointer<UInt8>, regionNow: UnsafeBufferPointer<UInt8>, formerNames: String?) {
        let row = Int32(count)
        self.uscc.append(uscc)
        self.name.append(name)
        self.key.append(key)
        self.region.append(region)
        self.regionNow.append(regionNow)
        if let formerNames {
            for n in Firm.splitNames(formerNames) { self.formerNames.append(Former(row: row, name: n)) }
        }
    }

    /// The firm of one row, as the index's callers know it.
    public func firm(_ row: Int) -> NameIndex.IndexedFirm {
        NameIndex.IndexedFirm(uscc: uscc.string(row), name: name.string(row),
                              formerNames: formerNames.filter { $0.row == row }.map(\.name),
                              region: region.string(row), regionNow: regionNow.string(row))
    }

    /// Whether the firm of `row` lies in `unit` (its stated or its current code starts with it).
    func lies(_ row: Int, in unit: [UInt8]) -> Bool {
        regionNow.hasPrefix(row, unit) || region.hasPrefix(row, unit)
    }
}

/// A store that reads the firm table's name columns straight into a ``FirmNameTable``; others are
/// read through `firmNames()`.
public protocol FirmNameTableReading: RegistryReader {
    func firmNameTable() throws -> FirmNameTable
}

extension RegistryReader {
    /// The registry's firms for name matching: straight from the store's columns where it can.
    public func nameTable() throws -> FirmNameTable {
        if let fast = self as? any FirmNameTableReading { return try fast.firmNameTable() }
        return FirmNameTable(try firmNames())
    }
}
