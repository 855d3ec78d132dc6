import Foundation
import GRDB

extension SQLiteStore {
    /// Runs `body` for each part `0..<parts` at once, each on its own read connection, all of them on
    /// the same state of the registry; the results in part order.
    ///
    /// Each connection's snapshot starts with its first statement, which reads the loaded filings:
    /// every change to a registry's facts is a load or a retraction, which adds or removes a filing
    /// (and a reload has a new load time), so equal filing lists mean equal snapshots. If a load
    /// committed between the connections' starts, the parts are read again. An in-memory or
    /// read-only registry has one connection, which reads the parts one after the other.
    func readingInParts<T: Sendable>(_ parts: Int, _ body: @escaping @Sendable (Int, Database) throws -> T) throws -> [T] {
        let sequentially = { try self.reading { db in try (0..<parts).map { try body($0, db) } } }
        guard parts > 1, let pool = writer as? DatabasePool else { return try sequentially() }
        let path = self.path
        for _ in 0..<3 {
            let results = PartResults<(state: String?, value: T)>(parts)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                results.set(part, Result {
                    do {
                        return try pool.read { db in
                            let state = try String.fetchOne(db, sql: "SELECT group_concat(seq || ' ' || sha256 || ' ' || loaded_at, ',') FROM filing")
                            return (state, try body(part, db))
                        }
                    } catch let error as DatabaseError {
                        throw StoreError(error, path: path)
                    }
                })
            }
            let outcomes = try results.values()
            if outcomes.allSatisfy({ $0.state == outcomes[0].state }) { return outcomes.map(\.value) }
        }
        // Loads kept committing between the starts: one connection, one snapshot.
        return try sequentially()
    }
}

/// The outcomes of `readingInParts`' parts, set from their threads.
private final class PartResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<T, any Error>?]

    init(_ count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ part: Int, _ result: Result<T, any Error>) {
        lock.withLock { results[part] = result }
    }

    /// The values in part order, or the first part's error.
    func values() throws -> [T] {
        try lock.withLock { results }.map { try $0!.get() }
    }
}
