extension FactTableReading {
    /// Every current registered firm's code, names and regions, in one pass over the firm table:
    /// what name matching indexes. Read once for a batch of questions, not once per province (the
    /// table has no index by province, and a scan per province costs 31 scans at national scale).
    public func firmNames() throws -> [NameIndex.IndexedFirm] {
        try currentFacts("firm", where: nil, equals: nil, orderBy: "t.nk") { r in
            NameIndex.IndexedFirm(uscc: r.string("uscc"), name: r.string("name"),
                                  formerNames: r.text("former_names").map(Firm.splitNames) ?? [],
                                  region: r.string("region"), regionNow: r.text("region_now"))
        }.map(\.value)
    }
}
