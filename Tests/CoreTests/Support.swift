import Foundation
import RegistryTesting
import Testing
@testable import Core

/// A fresh registry per test, and helpers to load filings written inline.
final class TestRegistry {
    let store: any Registry
    let directory: URL
    var loader: FilingLoader { FilingLoader(store: store) }

    init() throws {
        store = try Backend.current.makeRegistry()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes a file into the test's folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// An XML filing with the given records (element lines).
    static func xml(id: String, issued: String = "2024-12-31", authority: String = "测试机关", _ records: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <filing xmlns="urn:regctl:filing:1" id="\(id)" authority="\(authority)" issued="\(issued)">
        \(records)
        </filing>

        """
    }

    /// Loads an XML filing given inline.
    @discardableResult
    func load(id: String, issued: String = "2024-12-31", _ records: String, options: LoadOptions = LoadOptions()) throws -> LoadReport {
        let path = try write("\(id)-\(UUID().uuidString.prefix(8)).xml", TestRegistry.xml(id: id, issued: issued, records))
        return try loader.load(path: path, displayName: "\(id).xml", options: options)
    }

    /// The diagnostics of a refused load (fails the test when the load succeeds).
    func refusal(_ body: () throws -> Void) -> [Diagnostic] {
        do {
            try body()
            Issue.record("expected the filing to be refused")
            return []
        } catch let error as LoadError where !error.diagnostics.isEmpty {
            return error.diagnostics
        } catch {
            Issue.record("expected a refusal, got \(error)")
            return []
        }
    }
}

/// Valid codes for tests: a real prefix with the check character computed.
enum Codes {
    /// A valid USCC in region `region` with serial `n`.
    static func uscc(_ region: String = "430211", _ n: Int) -> String {
        let serial = String(format: "%08d", n)
        let first17 = "91" + region + serial + "0"
        return first17 + String(USCC.checkCharacter(for: first17)!)
    }
}
