import Foundation
import Testing
@testable import regctl

/// One worked example of one built-in plugin's descriptor.
struct PluginExampleCase: Sendable, CustomTestStringConvertible {
    var id: String
    var arguments: [String]
    var explanation: String

    var testDescription: String { (["regctl", id] + arguments).joined(separator: " ") }

    /// Every example of every registered built-in plugin, whatever plugins are registered.
    static let all: [PluginExampleCase] = BuiltInPlugins.all.flatMap { entry in
        entry.plugin.descriptor.examples.map {
            PluginExampleCase(id: entry.plugin.descriptor.id, arguments: $0.arguments, explanation: $0.explanation)
        }
    }
}

@Suite("Every built-in plugin's worked examples run on the samples")
struct PluginExamplesTests {
    @Test("every built-in plugin gives worked examples", arguments: BuiltInPlugins.all.map { $0.plugin.descriptor.id })
    func hasExamples(id: String) throws {
        let plugin = try #require(BuiltInPlugins.plugin(id: id))
        #expect(!plugin.descriptor.examples.isEmpty, "\(id) has no examples for its help")
    }

    @Test("the example runs and answers with rows", arguments: PluginExampleCase.all)
    func example(_ example: PluginExampleCase) throws {
        let r = try SampleRegistry.run([example.id] + example.arguments + ["--format", "json"])
        #expect(r.status == 0, "\(example.testDescription) (\(example.explanation)): \(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                                  "\(example.testDescription) did not print a JSON object:\n\(r.stdout)")
        let asOf = try #require(object["as_of"] as? String, "no as_of")
        #expect(asOf.count == 10 && asOf.dropFirst(4).first == "-", "as_of '\(asOf)'")
        let rows = try #require(object["rows"] as? [[String: Any]], "no rows")
        #expect(!rows.isEmpty, "\(example.testDescription) (\(example.explanation)) gave no rows on the samples")
        let columns = try #require(object["columns"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        for row in rows { #expect(Set(row.keys) == Set(columns), "\(example.testDescription): row keys \(row.keys.sorted()) vs columns \(columns)") }
    }
}
