import Foundation

/// Moves a whole registry, with its provenance, into an empty one of any backend: every filing with its
/// id, hash, source, load time and sequence number, and every fact it stated — superseded ones too, so
/// that retraction works the same afterwards.
package enum RegistryCopy {
    package enum Failure: Error, LocalizedError, Sendable {
        case targetNotEmpty(location: String, filings: Int)
        case mismatch(location: String, detail: String)

        package var errorDescription: String? { words.english }

        /// The failure in Core's catalogue; the check's own account of a mismatch stays as it is.
        package var words: Message {
            switch self {
            case let .targetNotEmpty(location, filings):
                .core(.copyTargetNotEmpty, ["location": .text(location), "count": .count(filings)])
            case let .mismatch(location, detail):
                .core(.copyMismatch, ["location": .text(location), "detail": .text(detail)])
            }
        }
    }

    package struct Summary: Sendable {
        package var filings: Int
        package var facts: Int
        /// References the source holds to records no filing defines (copied as they were).
        package var danglingReferences: Int
    }

    /// Copies `source` into `target` in one transaction: all of it lands, or none.
    package static func copy(from source: any Registry, to target: any Registry,
                            progress: ((FilingInfo) -> Void)? = nil) throws -> Summary {
        let existing = try target.filings()
        guard existing.isEmpty else { throw Failure.targetNotEmpty(location: target.location, filings: existing.count) }
        let filings = try source.filings()
        var summary = Summary(filings: 0, facts: 0, danglingReferences: 0)
        try target.withFilingSession { session in
            summary = Summary(filings: 0, facts: 0, danglingReferences: 0)
            for info in filings {
                try session.restore(info)
                try source.statedRecords(filingID: info.header.id) { line, record in
                    try session.insert(record, line: line)
                    summary.facts += 1
                }
                let (copied, problems) = try session.finish(dropInvalid: false)
                summary.danglingReferences += problems.count
                // Checked inside the transaction, so that a mismatch leaves the target empty.
                guard copied == info else {
                    throw Failure.mismatch(location: target.location, detail: "filing \(info.header.id): \(copied.counts) stored, \(info.counts) in the source")
                }
                summary.filings += 1
                progress?(info)
            }
        }
        return summary
    }
}
