import Foundation

/// How every backend keeps a filing's own row, so that precedence and counts mean the same everywhere.
package enum FilingRows {
    /// The key that orders filings: a filing's facts supersede those of filings issued earlier; a filing
    /// without an issue date ranks by its load date. Ties go to the later sequence number.
    package static func precedence(issued: Day?, loadedAt: String, sequence: Int) -> String {
        let date = issued?.description ?? String(loadedAt.prefix(10))
        return "\(date)|" + String(format: "%012d", sequence)
    }

    /// The load time as stored: ISO 8601, UTC, to the second.
    package static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// Counts by kind as stored: a JSON object with sorted keys.
    /// SQL condition on `filing` rows: the filing states more than reviewers' link decisions. A
    /// decision is no news about the world, so a filing of decisions alone (counts exactly
    /// `{"link":N}`, see `countsText`) does not move the default as-of date of analyses.
    package static let statesFacts = #"NOT (counts LIKE '{"link":%' AND counts NOT LIKE '%,%')"#

    package static func countsText(_ counts: [RecordKind: Int]) -> String {
        var json: [String: Int] = [:]
        for (k, v) in counts where v > 0 { json[k.rawValue] = v }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(json)) ?? Data("{}".utf8), as: UTF8.self)
    }

    package static func counts(_ text: String) -> [RecordKind: Int] {
        let raw = (try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))) ?? [:]
        var counts: [RecordKind: Int] = [:]
        for (k, v) in raw { if let kind = RecordKind(rawValue: k) { counts[kind] = v } }
        return counts
    }

    /// A filing row (columns seq, id, authority, issued, title, source, format, sha256, loaded_at, counts).
    package static func info(_ r: some StoredRow) -> FilingInfo {
        FilingInfo(
            header: FilingHeader(id: r.string("id"), authority: r.string("authority"), issued: r.day("issued"), title: r.text("title")),
            source: r.string("source"), format: FilingFormat(rawValue: r.string("format")) ?? .xml, sha256: r.string("sha256"),
            loadedAt: r.string("loaded_at"), counts: counts(r.text("counts") ?? "{}"), sequence: Int(r.integer("seq") ?? 0))
    }

    /// The message of a duplicate natural key inside one filing, in English.
    package static func duplicateMessage(firstLine: Int, naturalKey: String) -> String {
        RecordProblem.duplicateWords(firstLine: firstLine, naturalKey: naturalKey).english
    }
}
