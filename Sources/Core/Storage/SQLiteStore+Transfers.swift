import GRDB

/// `transfers`' read at national scale: one statement streamed in recipient order, each transfer with
/// its recipient's firm, instead of every transfer and every recipient's firm held as facts (at 10M
/// firms, 380 MB).
extension SQLiteStore {
    public func eachTransfer(signed: ClosedRange<Day>, recipients: Bool, _ body: (RecipientTransfer) throws -> Void) throws {
        try reading { db in
            var filings: [Int64: String] = [:]
            try Columns.each(db, sql: "SELECT seq, id FROM filing") { r in filings[Int64(r.int(0) ?? 0)] = r.text(1) ?? "" }
            let columns = (["filing", "line"] + FactColumns.columns(.transfer)).map { "t.\($0) AS t_\($0)" }.joined(separator: ", ")
            // Along transfer_recipient, each recipient's firm by its code through firm_nk (nk, current).
            // The window is applied to the decoded date, whatever the column's encoding.
            let sql = recipients
                ? """
                  SELECT f.*, \(columns) FROM transfer t
                  LEFT JOIN firm f ON f.nk = t.recipient AND f.current = 1 AND f.uscc = t.recipient
                  WHERE t.current = 1 ORDER BY t.recipient
                  """
                : "SELECT \(columns) FROM transfer t WHERE t.current = 1 ORDER BY t.recipient"
            var firm: FirmFact?
            var firmCode: String?
            try NamedColumns.each(db, sql: sql) { r in
                let row = TransferRow(base: r)
                let transfer = FactColumns.transfer(row)
                guard signed.contains(transfer.signed) else { return }
                let fact = Fact(value: transfer, filing: filings[row.integer("filing") ?? 0] ?? "", line: row.int("line") ?? 0)
                if recipients, firmCode != transfer.recipient {
                    firmCode = transfer.recipient
                    firm = nil
                    if r.text("uscc") != nil {
                        let f = FactColumns.firm(r)
                        firm = FirmFact(firm: f, placement: FactColumns.placement(r, firm: f), filing: filings[r.integer("filing") ?? 0] ?? "",
                                        line: r.int("line") ?? 0)
                    }
                }
                try body(RecipientTransfer(transfer: fact, recipient: recipients ? firm : nil))
            }
        }
    }
}

/// A transfer's columns in a row joined to its recipient's firm, read without their `t_` prefix.
private struct TransferRow: StoredRow {
    let base: NamedColumns

    func text(_ column: String) -> String? { base.text("t_" + column) }
    func integer(_ column: String) -> Int64? { base.integer("t_" + column) }
    func real(_ column: String) -> Double? { base.real("t_" + column) }
}
