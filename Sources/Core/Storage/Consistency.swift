import GRDB

/// A fact that contradicts another, or itself, across filings.
public struct Contradiction: Sendable, Hashable {
    /// What kind of contradiction: `firm-regions`, `firm-names`, `revoked-before-start`, `valid-to-before-start`.
    public var kind: String
    /// The words in English.
    public var message: String
    /// The words as a message of Core's catalogue, for a renderer to put in the reader's language.
    public var words: Message?
    /// The filings involved, with lines.
    public var sources: [String]

    public init(kind: String, message: String, sources: [String]) {
        self.kind = kind
        self.message = message
        self.sources = sources
    }

    /// A contradiction worded by a message of Core's catalogue; `message` is its English.
    package init(kind: String, words: Message, sources: [String]) {
        self.init(kind: kind, message: words.english, sources: sources)
        self.words = words
    }
}

extension Contradiction {
    /// A firm stated with different regions or names (`noun`) by different filings.
    package static func firmStatedDifferently(kind: String, uscc: String, noun: String, values: String, sources: String) -> Contradiction {
        Contradiction(kind: kind, words: .core(noun == "regions" ? .contradictionRegions : .contradictionNames,
                                               ["uscc": .text(uscc), "values": .message(.list(values.components(separatedBy: ",")))]),
                      sources: sources.components(separatedBy: "; "))
    }

    /// A current designation revoked before its validity began.
    package static func revokedBeforeStart(naturalKey: String, revokedOn: String, start: String, source: String) -> Contradiction {
        Contradiction(kind: "revoked-before-start",
                      words: .core(.contradictionRevokedBeforeStart, ["designation": .text(naturalKey.replacingOccurrences(of: "|", with: " ")),
                                                                       "revokedOn": .text(revokedOn), "start": .text(start)]),
                      sources: [source])
    }
}

extension SQLiteStore {
    /// Facts of different filings that disagree about one thing, and current facts that cannot both
    /// hold: a firm stated in two regions or under two names, a designation revoked before it began.
    /// Superseded facts stay in the registry (retraction needs them), so disagreement is only reported.
    public func contradictions(limit: Int = 1000) throws -> [Contradiction] {
        try reading { db in
            var out: [Contradiction] = []
            for (column, kind, noun) in [("region", "firm-regions", "regions"), ("name", "firm-names", "names")] {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT t.uscc, group_concat(DISTINCT t.\(column)) AS vals,
                           group_concat(f.id || ':' || t.line || ' ' || t.\(column), '; ') AS srcs
                    FROM firm t JOIN filing f ON f.seq = t.filing
                    GROUP BY t.uscc HAVING count(DISTINCT t.\(column)) > 1
                    ORDER BY t.uscc LIMIT ?
                    """, arguments: [limit])
                for r in rows {
                    out.append(.firmStatedDifferently(kind: kind, uscc: r["uscc"], noun: noun, values: r["vals"], sources: r["srcs"]))
                }
            }
            let revoked = try Row.fetchAll(db, sql: """
                SELECT d.nk, d.revoked_on, coalesce(d.valid_from, d.year || '-01-01') AS start, f.id AS fid, d.line
                FROM designation d JOIN filing f ON f.seq = d.filing
                WHERE d.current = 1 AND d.status = 'revoked' AND d.revoked_on IS NOT NULL
                  AND d.revoked_on < coalesce(d.valid_from, d.year || '-01-01')
                ORDER BY f.seq, d.line LIMIT ?
                """, arguments: [limit])
            for r in revoked {
                let fid: String = r["fid"], line: Int = r["line"]
                out.append(.revokedBeforeStart(naturalKey: r["nk"], revokedOn: r["revoked_on"], start: r["start"], source: "\(fid):\(line)"))
            }
            return out
        }
    }
}
