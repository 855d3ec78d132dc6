import GRDB

/// `incubators`' read at national scale: one statement along `incubation_uscc`, each incubation handed
/// over as it is read, instead of every incubation held as facts (420k at 10M firms).
extension SQLiteStore {
    public func eachIncubation(_ body: (Fact<Incubation>) throws -> Void) throws {
        try reading { db in
            // One string per filing id, shared by its facts.
            var filings: [Int64: String] = [:]
            try Columns.each(db, sql: "SELECT seq, id FROM filing") { r in filings[Int64(r.int(0) ?? 0)] = r.text(1) ?? "" }
            // Ties within a code in the wide read's order (incubator, entry), so the default and the
            // store hand the facts over alike.
            try NamedColumns.each(db, sql: "SELECT t.* FROM incubation t WHERE t.current = 1 ORDER BY t.uscc, t.incubator, t.entered") { r in
                try body(Fact(value: FactColumns.incubation(r), filing: filings[r.integer("filing") ?? 0] ?? "", line: r.int("line") ?? 0))
            }
        }
    }
}
