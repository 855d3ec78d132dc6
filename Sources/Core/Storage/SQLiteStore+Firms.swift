import Foundation
import GRDB

extension SQLiteStore {
    public func firms(_ q: FirmQuery) throws -> [FirmFact] {
        try reading { db in
            var out: [FirmFact] = []
            var conds = ["t.current = 1"]
            var args: [any DatabaseValueConvertible] = []
            // A firm's natural key is its code: asking for both lets the (nk, current) index find it
            // instead of a scan of every firm per look-up.
            if let u = q.uscc { conds.append("t.nk = ? AND t.uscc = ?"); args += [USCC.normalize(u), USCC.normalize(u)] }
            if let n = q.name { conds.append("instr(t.name_key, ?) > 0"); args.append(FilingText.nameKey(n)) }
            if let r = q.region { conds.append("(substr(t.region_now, 1, length(?)) = ? OR substr(t.region, 1, length(?)) = ?)"); args += [r, r, r, r] }
            if let p = q.park { conds.append("t.park = ?"); args.append(p) }
            if let p = q.program { conds.append("EXISTS (SELECT 1 FROM designation d WHERE d.current = 1 AND d.resolved = t.uscc AND d.program = ?)"); args.append(p.rawValue) }
            if q.badCodesOnly { conds.append("t.uscc_ok = 0") }
            let limit = q.limit.map { " LIMIT \($0)" } ?? ""
            if !q.unresolvedOnly {
                try NamedColumns.each(db, sql: "SELECT t.*, f.id AS fid FROM firm t JOIN filing f ON f.seq = t.filing WHERE \(conds.joined(separator: " AND ")) ORDER BY t.name_key, t.rowid\(limit)",
                                      arguments: StatementArguments(args)) { out.append(SQLiteStore.firmFact($0)) }
            }
            if (q.unresolvedOnly || (q.name != nil && q.uscc == nil && !q.badCodesOnly && q.park == nil)) {
                var dc = ["d.current = 1", "d.resolved IS NULL", "d.uscc IS NULL"]
                var dargs: [any DatabaseValueConvertible] = []
                if let n = q.name { dc.append("instr(d.name_key, ?) > 0"); dargs.append(FilingText.nameKey(n)) }
                if let r = q.region { dc.append("(substr(d.unit, 1, length(?)) = ? OR substr(?, 1, length(d.unit)) = d.unit)"); dargs += [r, r, r] }
                if let p = q.program { dc.append("d.program = ?"); dargs.append(p.rawValue) }
                let rows = try Row.fetchAll(db, sql: """
                    SELECT d.name_key, d.unit, min(d.firm_name) AS firm_name, min(f.id) AS fid, min(d.line) AS line
                    FROM designation d JOIN filing f ON f.seq = d.filing
                    WHERE \(dc.joined(separator: " AND ")) GROUP BY d.name_key, d.unit ORDER BY d.name_key\(limit)
                    """, arguments: StatementArguments(dargs))
                for r in rows {
                    let unit: String = r["unit"]
                    let name: String = r["firm_name"]
                    let placement = FactColumns.provisionalPlacement(nameKey: r["name_key"], name: name, unit: unit)
                    out.append(FirmFact(
                        firm: Firm(uscc: "", name: name, region: unit, park: nil, industry: nil, founded: nil, status: .active, usccValid: true),
                        placement: placement, filing: r["fid"], line: r["line"]))
                }
            }
            return out
        }
    }

    public func firms(usccs: Set<String>) throws -> [FirmFact] {
        guard !usccs.isEmpty else { return [] }
        // The codes as JSON arrays, written here: JSONEncoder took a tenth of growth's look-up of
        // 1.45M firms at 10M. SQLite sorts them itself for the IN. Many codes are looked up in two
        // halves (by the parity of the code's last byte, so the rows' order is the same from run to
        // run) on two connections at once: growth at 10M, 1.45M firms, the look-up 11 → 6 s.
        let parts = usccs.count >= 20_000 ? 2 : 1
        var json = Array(repeating: "[", count: parts)
        for code in usccs {
            let code = USCC.normalize(code)
            let part = Int(code.utf8.last ?? 0) % parts
            if json[part].utf8.count > 1 { json[part] += "," }
            SQLiteStore.appendJSONString(code, to: &json[part])
        }
        let arrays = json.map { $0 + "]" }
        return try readingInParts(parts) { part, db in
            // A firm's natural key is its code: the (nk, current) index finds each one, and gives its
            // row id. The rows are then read in row-id order, table page after table page, instead of
            // in code order, a random page each: growth at 1M looks up 131,551 firms, 152,000 `pread`
            // calls in code order, 59,000 in row-id order (the query 0.76 → 0.52 s). No ORDER BY:
            // sorting 1.45M whole rows by name spilled to disk at 10M, and every caller keys them by code.
            var out: [FirmFact] = []
            try NamedColumns.each(db, sql: """
                SELECT t.*, f.id AS fid FROM firm t JOIN filing f ON f.seq = t.filing
                WHERE t.rowid IN (SELECT x.rowid FROM firm x WHERE x.current = 1 AND x.nk IN (SELECT value FROM json_each(?)))
                """, arguments: [arrays[part]]) { out.append(SQLiteStore.firmFact($0)) }
            return out
        }.flatMap { $0 }
    }

    /// `text` as a JSON string (RFC 8259: quote, backslash and control characters escaped).
    static func appendJSONString(_ text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case _ where scalar.value < 0x20: json += String(format: "\\u%04x", scalar.value)
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }

    static func firmFact(_ r: some StoredRow) -> FirmFact {
        let firm = FactColumns.firm(r)
        return FirmFact(firm: firm, placement: FactColumns.placement(r, firm: firm), filing: r.string("fid"), line: r.int("line") ?? 0)
    }
}
