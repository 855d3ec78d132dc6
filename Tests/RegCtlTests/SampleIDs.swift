import Foundation

/// The ids of the samples' parks and incubators (`zgc`, `cs-htz`, `CSHTZ-FH-001`): ids, which a page or
/// a table in either language shows as they are, like codes.
enum SampleIDs {
    static let all: Set<String> = {
        var ids: Set<String> = []
        let folder = CLI.root.appendingPathComponent("samples/filings")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            if name.hasSuffix(".xml") {
                // <park id="…"> and <incubator id="…">, and the parks firms name.
                for m in text.matches(of: /<(?:park|incubator) id="([^"]+)"|park="([^"]+)"/) {
                    if let id = m.1 ?? m.2 { ids.insert(String(id)) }
                }
            } else if name.hasPrefix("parks-") || name.hasPrefix("incubators-"), name.hasSuffix(".csv") {
                for line in text.split(separator: "\n").dropFirst() {
                    if let id = line.split(separator: ",").first { ids.insert(String(id)) }
                }
            }
        }
        return ids
    }()
}
