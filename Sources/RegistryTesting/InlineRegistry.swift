import Core
import Foundation

/// Registries built from records written inline, for tests: the plugins' test targets share it so that
/// each test states only the records it needs.
public enum InlineRegistry {
    /// A valid USCC in `region` with serial `serial` (check character computed).
    public static func uscc(region: String = "430211", serial: Int) -> String {
        let first17 = "91" + region + String(format: "%08d", serial) + "0"
        return first17 + String(USCC.checkCharacter(for: first17)!)
    }

    /// Loads `records` (XML record elements) as one filing into `store`, through the real loader.
    public static func load(_ records: String, id: String, issued: String = "2024-12-31", into store: any RegistryStore) throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <filing xmlns="urn:regctl:filing:1" id="\(id)" authority="t" issued="\(issued)">
            \(records)
            </filing>
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("inline-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try FilingLoader(store: store).load(path: url.path, displayName: id)
    }
}
