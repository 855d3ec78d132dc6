import GRDB

extension SQLiteStore {
    public func designations(program: Program?) throws -> [DesignationFact] {
        try designations(program: program, levels: Set(Level.allCases))
    }

    public func designations(program: Program?, levels: Set<Level>) throws -> [DesignationFact] {
        try designations(program: program, levels: levels, unexpiredOn: nil)
    }

    public func designations(program: Program?, levels: Set<Level>, unexpiredOn: Day?) throws -> [DesignationFact] {
        let (filter, args) = SQLiteStore.designationFilter(program: program, levels: levels, unexpiredOn: unexpiredOn)
        let allLevels = levels == Set(Level.allCases)
        // Covering (migration v3): the designation rows are not read. Most of the time goes to
        // looking up each designation's firm (an index leaf and a table page, at random), so the
        // rows are read in two halves (odd and even row ids; the row id is in every index entry) on
        // two connections at once, one per core, and merged back into the index's order (program,
        // level, filing, line, then row). rank at 10M: the query 0.8 → 0.5 s.
        let (halfFilter, halfArguments) = (filter, args)
        let halves = try readingInParts(2) { part, db in
            try SQLiteStore.designations(db, index: "designation_program_level_rows",
                                         filter: halfFilter + " AND (d.rowid & 1) = \(part)", arguments: halfArguments)
        }
        guard !allLevels else {
            // Designations come in the order of the index read, which analyses' answers may follow
            // (first designation found, evidence lists): without a level filter that was the order of
            // `designation_program` (programme, then row), the index migration v9 dropped.
            return (halves[0] + halves[1]).sorted { ($0.order.program, $0.order.row) < ($1.order.program, $1.order.row) }.map(\.fact)
        }
        var out: [DesignationFact] = []
        out.reserveCapacity(halves.reduce(0) { $0 + $1.count })
        var a = halves[0][...], b = halves[1][...]
        while let x = a.first, let y = b.first {
            if y.order < x.order { out.append(y.fact); b = b.dropFirst() } else { out.append(x.fact); a = a.dropFirst() }
        }
        out += a.map(\.fact)
        out += b.map(\.fact)
        return out
    }

    /// The SQL filter and its arguments that `designations(program:levels:unexpiredOn:)` reads with.
    static func designationFilter(program: Program?, levels: Set<Level>, unexpiredOn: Day?) -> (String, StatementArguments) {
        // Filtered on the stored codes and day numbers (Schema.v10), which the covering index holds;
        // a value no code stands for is stored as its text and compared as such.
        func code(_ value: String, _ values: [String]) -> any DatabaseValueConvertible {
            StoredColumns.code(value, in: values).map { $0 as any DatabaseValueConvertible } ?? value
        }
        var filter = program == nil ? "" : "AND d.program_code = ?"
        var args: StatementArguments = program.map { [code($0.rawValue, StoredColumns.programs)] } ?? []
        // On the covering path checked on the index entry (valid_to is in the covering index), so an
        // expired designation costs no look-up of its firm.
        if let unexpiredOn {
            filter += " AND (d.valid_to_day IS NULL OR d.valid_to_day >= ?)"
            args += [unexpiredOn.dayNumber]
        }
        if levels != Set(Level.allCases) {
            filter += " AND d.level_code IN (\(levels.map { _ in "?" }.joined(separator: ",")))"
            args += StatementArguments(levels.map(\.rawValue).sorted().map { code($0, StoredColumns.levels) })
        }
        return (filter, args)
    }

    /// The same designations as `designations(program:levels:unexpiredOn:)`, one statement on one
    /// connection, handed over as read: a count that keeps a few of them holds none of the others.
    public func eachDesignation(program: Program?, levels: Set<Level>, unexpiredOn: Day?, _ body: (DesignationFact) throws -> Void) throws {
        let (filter, args) = SQLiteStore.designationFilter(program: program, levels: levels, unexpiredOn: unexpiredOn)
        try reading { db in
            try SQLiteStore.eachDesignation(db, index: "designation_program_level_rows", filter: filter, arguments: args) { _, fact in try body(fact) }
        }
    }

    /// Where a designation stands in the order of the designation indexes.
    struct DesignationOrder: Comparable, Sendable {
        var program: Int, level: Int, filing: Int, line: Int, row: Int
        static func < (l: Self, r: Self) -> Bool {
            (l.program, l.level, l.filing, l.line, l.row) < (r.program, r.level, r.filing, r.line, r.row)
        }
    }

    /// The current designations `filter` admits, read along `index`, with their firms' placements.
    static func designations(_ db: Database, index: String, filter: String, arguments: StatementArguments) throws -> [(order: DesignationOrder, fact: DesignationFact)] {
        var out: [(order: DesignationOrder, fact: DesignationFact)] = []
        try eachDesignation(db, index: index, filter: filter, arguments: arguments) { out.append(($0, $1)) }
        return out
    }

    /// The current designations `filter` admits, read along `index`, with their firms' placements,
    /// handed to `body` as read.
    static func eachDesignation(_ db: Database, index: String, filter: String, arguments: StatementArguments,
                                _ body: (DesignationOrder, DesignationFact) throws -> Void) throws {
        // Columns read by position, straight from the statement (`Columns`). The filing's id and
        // issue date are made once per filing.
        var filings: [Int: (id: String, issued: Day?)] = [:]
        try Columns.each(db, sql: """
            SELECT d.uscc, d.firm_name, d.region, d.program_code, d.level_code, d.year, d.batch, d.valid_from_day, d.valid_to_day,
                   d.status_code, d.revoked_on_day, d.resolved, d.name_key, d.unit, d.line, d.filing, fl.id, fl.issued,
                   f.name, f.region, f.region_now_if_other, f.park, d.rowid
            FROM designation d INDEXED BY \(index) JOIN filing fl ON fl.seq = d.filing
            LEFT JOIN firm f ON f.nk = d.resolved AND f.current = 1
            WHERE d.current = 1 \(filter)
            """, arguments: arguments) { r in
            let d = Designation(
                uscc: r.text(0), firmName: r.text(1), region: r.text(2),
                program: r.coded(3, StoredColumns.programs).flatMap(Program.init(rawValue:)) ?? .littleGiant,
                level: r.coded(4, StoredColumns.levels).flatMap(Level.init(rawValue:)) ?? .municipal,
                year: r.int(5) ?? 0, batch: r.text(6), validFrom: r.codedDay(7), validTo: r.codedDay(8),
                status: r.coded(9, StoredColumns.designationStatuses).flatMap(DesignationStatus.init(rawValue:)) ?? .active,
                revokedOn: r.codedDay(10))
            let placement: FirmPlacement
            if let resolved = r.text(11), let name = r.text(18) {
                // A designation by code resolves to that code: one string for both. The firm's
                // current region, prefecture and province are `firm`'s generated columns, derived
                // here from the stored ones instead: SQLite's `coalesce` and `substr` copy a string
                // each per row, 12% of this query's time (rank at 1M).
                let region = r.text(19) ?? ""
                let now = r.text(20) ?? region
                placement = FirmPlacement(
                    key: resolved == d.uscc ? d.uscc! : resolved, name: name, resolved: true, region: region, county: now,
                    prefecture: FirmPlacement.regionPrefix(now, 4), province: FirmPlacement.regionPrefix(now, 2), park: r.text(21))
            } else {
                placement = FactColumns.provisionalPlacement(nameKey: r.text(12) ?? "", name: d.firmName ?? "", unit: r.text(13) ?? "")
            }
            let seq = r.int(15) ?? 0, line = r.int(14) ?? 0
            let filing: (id: String, issued: Day?)
            if let known = filings[seq] {
                filing = known
            } else {
                filing = (r.text(16) ?? "", r.day(17))
                filings[seq] = filing
            }
            // A value stored as text (no code) sorts after every code, as SQLite orders them.
            try body(DesignationOrder(program: r.code(3) ?? Int.max, level: r.code(4) ?? Int.max, filing: seq, line: line, row: r.int(22) ?? 0),
                     DesignationFact(designation: d, filing: filing.id, line: line, filingIssued: filing.issued, firm: placement))
        }
    }
}
