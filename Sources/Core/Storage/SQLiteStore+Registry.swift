import Foundation
import GRDB

extension SQLiteStore: Registry {
    public var location: String { path }

    public func statedRecords(filingID: String, _ each: (Int, Record) throws -> Void) throws {
        try reading { db in
            guard let info = try CurrentView.filingInfo(db, id: filingID) else { throw StoreError.noSuchFiling(id: filingID) }
            // Each table's facts of the filing are its run of row ids (FilingRowRanges).
            let runs = try FilingRowRanges.runs(db, filing: info.sequence)
            for table in FactColumns.tables {
                guard let run = runs[table] else { continue }
                let kind = FactColumns.kind(ofTable: table)
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) t WHERE \(run.condition("t", filing: info.sequence)) ORDER BY line, rowid")
                while let row = try rows.next() {
                    try each(row["line"], FactColumns.record(kind, row))
                }
            }
        }
    }
}

extension SQLiteFilingSession {
    func restore(_ info: FilingInfo) throws {
        let precedence = FilingRows.precedence(issued: info.header.issued, loadedAt: info.loadedAt, sequence: info.sequence)
        try db.execute(sql: """
            INSERT INTO filing (seq, id, authority, issued, title, source, format, sha256, loaded_at, precedence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [info.sequence, info.header.id, info.header.authority, info.header.issued?.description, info.header.title,
                             info.source, info.format.rawValue, info.sha256, info.loadedAt, precedence])
        seq = info.sequence
        startFiling()
    }
}

/// GRDB's rows, read as the backends' shared ``StoredRow``.
extension Row: StoredRow {
    public func text(_ column: String) -> String? { self[column] }
    public func integer(_ column: String) -> Int64? { self[column] }
    public func real(_ column: String) -> Double? { self[column] }
}
