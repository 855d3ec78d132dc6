import Foundation
import Testing
@testable import regctl

/// One worked example of one built-in plugin's descriptor.
struct PluginExampleCase: Sendable, CustomTestStringConvertible {
    var id: String
    var arguments: [String]
    var explanation: String

    var testDescription: String { (["regctl", id] + arguments).joined(separator: " ") }

    /// Every example of every registered built-in plugin (and of `explain`, a command the plugin runner
    /// runs), whatever plugins are registered.
    static let all: [PluginExampleCase] = (BuiltInPlugins.all + BuiltInPlugins.commands).flatMap { entry in
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

@Suite("What a plugin can chart is in its descriptor")
struct PluginChartsTests {
    @Test("a plugin that declares charts draws one for some example; one that declares none draws none",
          arguments: BuiltInPlugins.all.map { $0.plugin.descriptor.id })
    func chartsAsDeclared(id: String) throws {
        let descriptor = try #require(BuiltInPlugins.plugin(id: id)).descriptor
        let statuses = try descriptor.examples.map { try SampleRegistry.run([id] + $0.arguments + ["--format", "svg"]).status }
        if descriptor.charts.isEmpty {
            #expect(statuses.allSatisfy { $0 == 64 }, "\(id) declares no chart, yet --format svg drew one")
        } else {
            #expect(statuses.contains(0), "\(id) declares charts \(descriptor.charts), yet no example draws one")
        }
    }

    @Test("--format svg on a report without a chart names the plugins that chart, from their descriptors")
    func svgRefusal() throws {
        #expect(Array(BuiltInPlugins.charted.prefix(4)) == ["rank", "growth", "transfers", "incubators"])
        let r = try SampleRegistry.run(["profile", "zz-htz", "--format", "svg"])
        #expect(r.status == 64 && r.stderr.contains("(charts: \(BuiltInPlugins.charted.joined(separator: ", ")))"), "\(r.stderr)")
    }
}
