import Core
import Foundation

/// Reading: the same queries as SQLiteStore's, in PostgreSQL's dialect. Where SQLite leaves the order
/// of ties to its storage (the order facts were stated in), these name it (filing, line), so both
/// backends list alike.
extension PostgresStore: FactTableReading {
    public func filings() throws -> [FilingInfo] {
        try reading { conn in try conn.exec("SELECT * FROM filing ORDER BY seq").rows.map(FilingRows.info) }
    }

    public func newestIssued() throws -> Day? {
        try reading { conn in try conn.exec("SELECT max(issued) AS d FROM filing WHERE \(FilingRows.statesFacts)").first?.day("d") }
    }

    /// Current facts of one table, optionally only those whose `column` equals `value`, with their filing.
    public func currentFacts<V>(_ table: String, where column: String?, equals value: String?, orderBy: String,
                                _ make: (any StoredRow) -> V) throws -> [Fact<V>] {
        try reading { conn in
            let filter = value == nil ? "" : "AND t.\(column!) = $1"
            return try conn.exec("""
                SELECT t.*, f.id AS fid FROM \(table) t JOIN filing f ON f.seq = t.filing
                WHERE t.current \(filter) ORDER BY \(orderBy), t.filing, t.line, t.rid
                """, value.map { [$0] } ?? []).rows.map { r in Fact(value: make(r), filing: r.string("fid"), line: r.int("line") ?? 0) }
        }
    }

    public func annualReportYears() throws -> [Int] {
        try reading { conn in
            try conn.exec("SELECT DISTINCT year FROM annual_report WHERE current ORDER BY year").rows.compactMap { $0.int("year") }
        }
    }

    public func annualReports(year: Int) throws -> [Fact<AnnualReport>] {
        try currentFacts("annual_report", where: "year", equals: String(year), orderBy: "t.filing, t.line") { FactColumns.annualReport($0) }
    }

    public func firms(_ q: FirmQuery) throws -> [FirmFact] {
        try reading { conn in
            var out: [FirmFact] = []
            var conds = ["t.current"]
            var args: [String?] = []
            func arg(_ value: String) -> String {
                args.append(value)
                return "$\(args.count)::text"
            }
            if let u = q.uscc { conds.append("t.uscc = \(arg(USCC.normalize(u)))") }
            if let n = q.name { conds.append("strpos(t.name_key, \(arg(FilingText.nameKey(n)))) > 0") }
            if let r = q.region {
                let p = arg(r)
                conds.append("(left(t.region_now, length(\(p))) = \(p) OR left(t.region, length(\(p))) = \(p))")
            }
            if let p = q.park { conds.append("t.park = \(arg(p))") }
            if let p = q.program {
                conds.append("EXISTS (SELECT 1 FROM designation d WHERE d.current AND d.resolved = t.uscc AND d.program = \(arg(p.rawValue)))")
            }
            if q.badCodesOnly { conds.append("t.uscc_ok = 0") }
            let limit = q.limit.map { " LIMIT \($0)" } ?? ""
            if !q.unresolvedOnly {
                let rows = try conn.exec("""
                    SELECT t.*, f.id AS fid FROM firm t JOIN filing f ON f.seq = t.filing
                    WHERE \(conds.joined(separator: " AND ")) ORDER BY t.name_key, t.filing, t.line\(limit)
                    """, args).rows
                out = rows.map { r in
                    let firm = FactColumns.firm(r)
                    return FirmFact(firm: firm, placement: FactColumns.placement(r, firm: firm), filing: r.string("fid"), line: r.int("line") ?? 0)
                }
            }
            if q.unresolvedOnly || (q.name != nil && q.uscc == nil && !q.badCodesOnly && q.park == nil) {
                args = []
                var dc = ["d.current", "d.resolved IS NULL", "d.uscc IS NULL"]
                if let n = q.name { dc.append("strpos(d.name_key, \(arg(FilingText.nameKey(n)))) > 0") }
                if let r = q.region {
                    let p = arg(r)
                    dc.append("(left(d.unit, length(\(p))) = \(p) OR left(\(p), length(d.unit)) = d.unit)")
                }
                if let p = q.program { dc.append("d.program = \(arg(p.rawValue))") }
                let rows = try conn.exec("""
                    SELECT d.name_key, d.unit, min(d.firm_name) AS firm_name, min(f.id) AS fid, min(d.line) AS line
                    FROM designation d JOIN filing f ON f.seq = d.filing
                    WHERE \(dc.joined(separator: " AND ")) GROUP BY d.name_key, d.unit ORDER BY d.name_key, d.unit\(limit)
                    """, args).rows
                for r in rows {
                    let unit = r.string("unit"), name = r.string("firm_name")
                    out.append(FirmFact(
                        firm: FactColumns.provisionalFirm(name: name, unit: unit),
                        placement: FactColumns.provisionalPlacement(nameKey: r.string("name_key"), name: name, unit: unit),
                        filing: r.string("fid"), line: r.int("line") ?? 0))
                }
            }
            return out
        }
    }

    public func firms(usccs: Set<String>) throws -> [FirmFact] {
        guard !usccs.isEmpty else { return [] }
        return try reading { conn in
            // A firm's natural key is its code: the index of current keys finds each one.
            try conn.exec("""
                SELECT t.*, f.id AS fid FROM firm t JOIN filing f ON f.seq = t.filing
                WHERE t.current AND t.nk = ANY($1::text[]) ORDER BY t.name_key, t.filing, t.line
                """, [PostgresStore.arrayLiteral(usccs.map(USCC.normalize).sorted())]).rows.map { r in
                let firm = FactColumns.firm(r)
                return FirmFact(firm: firm, placement: FactColumns.placement(r, firm: firm), filing: r.string("fid"), line: r.int("line") ?? 0)
            }
        }
    }

    /// A text[] literal: every element quoted, so that no value can break out of it.
    static func arrayLiteral(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }

    public func designations(program: Program?) throws -> [DesignationFact] {
        try designations(program: program, levels: Set(Level.allCases))
    }

    public func designations(program: Program?, levels: Set<Level>) throws -> [DesignationFact] {
        try reading { conn in
            var args: [String?] = []
            var filter = ""
            if let program {
                args.append(program.rawValue)
                filter += " AND d.program = $\(args.count)"
            }
            if levels != Set(Level.allCases) {
                args.append(PostgresStore.arrayLiteral(levels.map(\.rawValue).sorted()))
                filter += " AND d.level = ANY($\(args.count)::text[])"
            }
            let rows = try conn.exec("""
                SELECT d.*, fl.id AS fid, fl.issued AS fissued,
                       f.name AS f_name, f.region AS f_region, f.region_now AS f_now, f.prefecture AS f_pref,
                       f.province AS f_prov, f.park AS f_park
                FROM designation d JOIN filing fl ON fl.seq = d.filing
                LEFT JOIN firm f ON f.nk = d.resolved AND f.current
                WHERE d.current \(filter) ORDER BY d.filing, d.line, d.rid
                """, args).rows
            return rows.map { r in
                let d = FactColumns.designation(r)
                let placement: FirmPlacement
                if let uscc = r.text("resolved"), let name = r.text("f_name") {
                    placement = FirmPlacement(
                        key: uscc, name: name, resolved: true, region: r.string("f_region"), county: r.text("f_now"),
                        prefecture: r.text("f_pref"), province: r.string("f_prov"), park: r.text("f_park"))
                } else {
                    placement = FactColumns.provisionalPlacement(nameKey: r.text("name_key") ?? "", name: d.firmName ?? "", unit: r.text("unit") ?? "")
                }
                return DesignationFact(designation: d, filing: r.string("fid"), line: r.int("line") ?? 0, filingIssued: r.day("fissued"), firm: placement)
            }
        }
    }

    // MARK: Registry

    public func statedRecords(filingID: String, _ each: (Int, Record) throws -> Void) throws {
        // A cursor, so that a filing of millions of facts is not held in memory at once.
        try reading { conn in
            guard let info = try PostgresStore.filingInfo(conn, id: filingID) else { throw StoreError.noSuchFiling(id: filingID) }
            for table in FactColumns.tables {
                let kind = FactColumns.kind(ofTable: table)
                try conn.exec("DECLARE stated NO SCROLL CURSOR FOR SELECT * FROM \(table) WHERE filing = \(info.sequence) ORDER BY line, rid")
                while true {
                    let batch = try conn.exec("FETCH 10000 FROM stated")
                    if batch.count == 0 { break }
                    for r in batch.rows { try each(r.int("line") ?? 0, FactColumns.record(kind, r)) }
                }
                try conn.exec("CLOSE stated")
            }
        }
    }

    /// What SQLite's integrity check finds for a file, checked here for the registry's own rules: every
    /// natural key with facts has exactly one current fact, from the filing with the highest precedence,
    /// and every filing's counts match its facts.
    public func integrityCheck() throws -> String {
        try reading { conn in
            var problems: [String] = []
            for table in FactColumns.tables {
                let wrong = try conn.exec("""
                    SELECT count(*) AS n FROM (
                      SELECT t.nk FROM \(table) t GROUP BY t.nk HAVING count(*) FILTER (WHERE t.current) <> 1) s
                    """).first?.int("n") ?? 0
                if wrong > 0 { problems.append("\(table): \(wrong) natural keys without exactly one current fact") }
                let notBest = try conn.exec("""
                    SELECT count(*) AS n FROM \(table) c JOIN filing cf ON cf.seq = c.filing
                    WHERE c.current AND EXISTS (
                      SELECT 1 FROM \(table) o JOIN filing of ON of.seq = o.filing
                      WHERE o.nk = c.nk AND of.precedence > cf.precedence)
                    """).first?.int("n") ?? 0
                if notBest > 0 { problems.append("\(table): \(notBest) current facts superseded by a later filing's") }
                let orphans = try conn.exec("SELECT count(*) AS n FROM \(table) t WHERE NOT EXISTS (SELECT 1 FROM filing f WHERE f.seq = t.filing)").first?.int("n") ?? 0
                if orphans > 0 { problems.append("\(table): \(orphans) facts of no loaded filing") }
            }
            for r in try conn.exec("SELECT * FROM filing ORDER BY seq").rows {
                let info = FilingRows.info(r)
                for kind in RecordKind.allCases {
                    let n = try conn.exec("SELECT count(*) AS n FROM \(FactColumns.table(kind)) WHERE filing = $1", [info.sequence]).first?.int("n") ?? 0
                    if n != info.counts[kind, default: 0] {
                        problems.append("filing \(info.header.id): \(n) \(kind.rawValue) facts stored, \(info.counts[kind, default: 0]) counted")
                    }
                }
            }
            return problems.isEmpty ? "ok" : problems.joined(separator: "\n")
        }
    }

    public func contentDump() throws -> String {
        try reading { conn in
            var out = ""
            let tables = [("filing", ["seq", "id", "authority", "issued", "title", "source", "format", "sha256", "loaded_at", "precedence", "counts"], "seq")]
                + FactColumns.tables.map { ($0, ["filing", "line", "nk", "current"] + FactColumns.columns(FactColumns.kind(ofTable: $0)), "rid") }
            for (table, columns, order) in tables {
                out += "## \(table)\n"
                let result = try conn.exec("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(order)")
                for row in 0..<result.count {
                    out += columns.enumerated().map { "\($0.element):\(result.value(row, Int32($0.offset)) ?? "NULL")" }.joined(separator: " ") + "\n"
                }
            }
            return out
        }
    }

    public func contradictions(limit: Int = 1000) throws -> [Contradiction] {
        try reading { conn in
            var out: [Contradiction] = []
            for (column, kind, noun) in [("region", "firm-regions", "regions"), ("name", "firm-names", "names")] {
                let rows = try conn.exec("""
                    SELECT t.uscc, string_agg(DISTINCT t.\(column), ',' ORDER BY t.\(column)) AS vals,
                           string_agg(f.id || ':' || t.line || ' ' || t.\(column), '; ' ORDER BY f.seq, t.line) AS srcs
                    FROM firm t JOIN filing f ON f.seq = t.filing
                    GROUP BY t.uscc HAVING count(DISTINCT t.\(column)) > 1
                    ORDER BY t.uscc LIMIT $1
                    """, [limit]).rows
                for r in rows {
                    out.append(.firmStatedDifferently(kind: kind, uscc: r.string("uscc"), noun: noun, values: r.string("vals"), sources: r.string("srcs")))
                }
            }
            let revoked = try conn.exec("""
                SELECT d.nk, d.revoked_on, coalesce(d.valid_from, d.year || '-01-01') AS start, f.id AS fid, d.line
                FROM designation d JOIN filing f ON f.seq = d.filing
                WHERE d.current AND d.status = 'revoked' AND d.revoked_on IS NOT NULL
                  AND d.revoked_on < coalesce(d.valid_from, d.year || '-01-01')
                ORDER BY f.seq, d.line LIMIT $1
                """, [limit]).rows
            for r in revoked {
                out.append(.revokedBeforeStart(naturalKey: r.string("nk"), revokedOn: r.string("revoked_on"), start: r.string("start"),
                                               source: "\(r.string("fid")):\(r.int("line") ?? 0)"))
            }
            return out
        }
    }
}
