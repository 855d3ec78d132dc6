import Foundation
import GRDB

/// Writes one filing inside the store's open transaction.
final class SQLiteFilingSession: FilingSession {
    let db: Database
    // Internal, not private: restore(_:) (SQLiteStore+Registry.swift) registers copied filings.
    var seq: Int?
    var counts: [RecordKind: Int] = [:]

    init(db: Database) {
        self.db = db
    }

    func filing(withSHA256 sha: String) throws -> FilingInfo? {
        try Row.fetchOne(db, sql: "SELECT * FROM filing WHERE sha256 = ? ORDER BY seq LIMIT 1", arguments: [sha]).map(SQLiteStore.filingInfo)
    }

    func begin(_ header: FilingHeader, source: String, format: FilingFormat, sha256: String, replace: Bool) throws -> Bool {
        var replaced = false
        if let existing = try SQLiteStore.filingInfo(db, id: header.id) {
            guard replace else { throw LoadError.conflictingFiling(file: source, id: header.id, loadedFrom: existing.source) }
            try SQLiteStore.remove(db, seq: existing.sequence)
            replaced = true
        }
        let now = ISO8601DateFormatter().string(from: Date())
        let next = (try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) + 1 FROM filing")) ?? 1
        // A filing's facts supersede those of filings issued earlier; a filing without an issue date
        // ranks by its load date. Ties go to the later load.
        let date = header.issued?.description ?? String(now.prefix(10))
        let precedence = "\(date)|" + String(format: "%012d", next)
        try db.execute(sql: """
            INSERT INTO filing (seq, id, authority, issued, title, source, format, sha256, loaded_at, precedence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [next, header.id, header.authority, header.issued?.description, header.title, source,
                             format.rawValue, sha256, now, precedence])
        seq = next
        counts = [:]
        return replaced
    }

    func insert(_ record: Record, line: Int) throws {
        guard let seq else { preconditionFailure("insert before begin") }
        counts[record.kind, default: 0] += 1
        let nk = record.naturalKey
        switch record {
        case .park(let p):
            try db.cachedStatement(sql: "INSERT INTO park (filing, line, nk, id, name, short_name, region, level, kind) VALUES (?,?,?,?,?,?,?,?,?)")
                .execute(arguments: [seq, line, nk, p.id, p.name, p.shortName, p.region, p.level.rawValue, p.kind.rawValue])
        case .firm(let f):
            let resolved = RegionTable.resolve(f.region)
            let now = resolved?.current ?? f.region
            try db.cachedStatement(sql: """
                INSERT INTO firm (filing, line, nk, uscc, name, name_key, region, region_now, province, prefecture, park, industry, founded, status, uscc_ok)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """).execute(arguments: [
                    seq, line, nk, f.uscc, f.name, FilingText.nameKey(f.name), f.region, now,
                    resolved?.province ?? String(now.prefix(2)), resolved?.prefecture ?? String(now.prefix(4)),
                    f.park, f.industry, f.founded?.description, f.status.rawValue, f.usccValid ? 1 : 0])
        case .incubator(let i):
            try db.cachedStatement(sql: """
                INSERT INTO incubator (filing, line, nk, id, name, kind, level, recognized, region, park, operator, area_m2, focus)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                """).execute(arguments: [seq, line, nk, i.id, i.name, i.kind.rawValue, i.level.rawValue, i.recognized, i.region,
                                         i.park, i.operator, i.areaM2, i.focus])
        case .designation(let d):
            try db.cachedStatement(sql: """
                INSERT INTO designation (filing, line, nk, uscc, firm_name, name_key, region, unit, program, level, year, batch,
                                         valid_from, valid_to, status, revoked_on, resolved)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """).execute(arguments: [
                    seq, line, nk, d.uscc, d.firmName, d.firmName.map(FilingText.nameKey), d.region, d.regionUnit,
                    d.program.rawValue, d.level.rawValue, d.year, d.batch, d.validFrom?.description, d.validTo?.description,
                    d.status.rawValue, d.revokedOn?.description, d.uscc])
        case .incubation(let i):
            try db.cachedStatement(sql: "INSERT INTO incubation (filing, line, nk, uscc, incubator, entered, intake, graduated, exited) VALUES (?,?,?,?,?,?,?,?,?)")
                .execute(arguments: [seq, line, nk, i.uscc, i.incubator, i.entered.description, i.intake.rawValue,
                                     i.graduated?.description, i.exited?.description])
        case .annualReport(let a):
            try db.cachedStatement(sql: """
                INSERT INTO annual_report (filing, line, nk, uscc, year, revenue, main_revenue, rd_expense, employees, rd_staff,
                                           invention_patents, assets, liabilities, equity_raised)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """).execute(arguments: [
                    seq, line, nk, a.uscc, a.year, a.revenue?.fen, a.mainRevenue?.fen, a.rdExpense?.fen, a.employees,
                    a.rdStaff, a.inventionPatents, a.assets?.fen, a.liabilities?.fen, a.equityRaised?.fen])
        case .transfer(let t):
            try db.cachedStatement(sql: """
                INSERT INTO transfer (filing, line, nk, id, title, source, source_kind, recipient, mode, channel, value, signed)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """).execute(arguments: [seq, line, nk, t.id, t.title, t.source, t.sourceKind.rawValue, t.recipient,
                                         t.mode.rawValue, t.channel.rawValue, t.value?.fen, t.signed.description])
        }
    }

    func finish(dropInvalid: Bool) throws -> (info: FilingInfo, problems: [RecordProblem]) {
        guard let seq else { preconditionFailure("finish before begin") }
        var problems: [RecordProblem] = []

        // Duplicate natural keys inside the filing: every occurrence after the first is a problem.
        for table in Schema.factTables {
            let kind = RecordKind(rawValue: table.replacingOccurrences(of: "_", with: "-"))!
            let rows = try Row.fetchAll(db, sql: """
                SELECT t.rowid AS rid, t.line, t.nk, (SELECT min(u.line) FROM \(table) u WHERE u.filing = t.filing AND u.nk = t.nk) AS first
                FROM \(table) t WHERE t.filing = ? AND t.nk IN (
                  SELECT nk FROM \(table) WHERE filing = ? GROUP BY nk HAVING count(*) > 1)
                ORDER BY t.line
                """, arguments: [seq, seq])
            for r in rows {
                let line: Int = r["line"], first: Int = r["first"]
                guard line != first else { continue }
                let nk: String = r["nk"]
                problems.append(RecordProblem(kind: kind, line: line, message: "duplicate of the record at line \(first) (same natural key \(nk.replacingOccurrences(of: "|", with: " + "))); a filing states each fact once"))
                if dropInvalid {
                    try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [r["rid"] as Int64])
                    counts[kind, default: 1] -= 1
                }
            }
        }

        // References, repeated when dropping: removing a firm can orphan its designations.
        var seen = Set<String>()
        var dropped = Set<String>()
        while true {
            let dangling = try SQLiteStore.danglingReferences(db, onlyFiling: seq)
            let fresh = dangling.filter { seen.insert("\($0.kind)|\($0.rowid)|\($0.message)").inserted }
            if fresh.isEmpty { break }
            for d in fresh {
                problems.append(RecordProblem(kind: d.kind, line: d.line, message: "refers to \(d.message)"))
                if dropInvalid, dropped.insert("\(d.kind)|\(d.rowid)").inserted {
                    try db.execute(sql: "DELETE FROM \(Schema.table(d.kind)) WHERE rowid = ?", arguments: [d.rowid])
                    counts[d.kind, default: 1] -= 1
                }
            }
            if !dropInvalid { break }
        }

        for table in Schema.factTables {
            try SQLiteStore.markTouched(db, table: table, seq: seq)
            try SQLiteStore.refreshCurrent(db, table: table)
        }
        try SQLiteStore.refreshResolution(db)

        var json: [String: Int] = [:]
        for (k, v) in counts where v > 0 { json[k.rawValue] = v }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(json), as: UTF8.self)
        try db.execute(sql: "UPDATE filing SET counts = ? WHERE seq = ?", arguments: [text, seq])
        let info = try Row.fetchOne(db, sql: "SELECT * FROM filing WHERE seq = ?", arguments: [seq]).map(SQLiteStore.filingInfo)!
        return (info, problems.sorted { ($0.line, $0.kind) < ($1.line, $1.kind) })
    }
}
