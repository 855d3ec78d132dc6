import GRDB

extension SQLiteStore {
    public func retract(filingID: String) throws -> FilingInfo {
        do {
            return try retractInTransaction(filingID: filingID)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        }
    }

    private func retractInTransaction(filingID: String) throws -> FilingInfo {
        try writer.write { db in
            guard let info = try CurrentView.filingInfo(db, id: filingID) else { throw StoreError.noSuchFiling(id: filingID) }
            try CurrentView.remove(db, seq: info.sequence)
            let dangling = try CurrentView.danglingReferences(db, onlyFiling: nil)
            if !dangling.isEmpty {
                throw StoreError.retractionWouldBreak(id: filingID, all: dangling.map {
                    RetractionDependent(filingID: $0.filingID, line: $0.line, kind: $0.kind, words: $0.words)
                })
            }
            return info
        }
    }
}
