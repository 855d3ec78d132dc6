import Foundation
import Testing
@_spi(Fuzzing) @testable import Core

/// Replays the committed fuzzing regressions (fuzz/regressions/) through the fuzzers' entry points:
/// each past finding must now pass without a crash, a hang or a trap.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func inputs(_ target: String) -> [String] {
        let dir = root.appendingPathComponent("fuzz/regressions/\(target)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().map { "\(target)/\($0)" }
    }

    static let all = inputs("xml") + inputs("csv") + inputs("uscc")

    @Test("every committed regression input runs through its entry point", arguments: all)
    func replay(input: String) throws {
        let data = Array(try Data(contentsOf: Self.root.appendingPathComponent("fuzz/regressions/\(input)")))
        let started = Date()
        switch input.split(separator: "/").first {
        case "xml": FuzzEntryPoints.xml(data)
        case "csv": FuzzEntryPoints.csv(data)
        default: FuzzEntryPoints.uscc(data)
        }
        #expect(Date().timeIntervalSince(started) < 5, "\(input) took too long")
    }

    @Test("there is at least one regression input per target")
    func corpusPresent() {
        for target in ["xml", "csv", "uscc"] { #expect(!Self.inputs(target).isEmpty, "fuzz/regressions/\(target) is empty") }
    }
}
