import Foundation
import Testing
import Core
@testable import regctl

@Suite("Built-in plugins are registered everywhere")
struct PluginRegistryTests {
    @Test("Package.swift's list, regctl's registry and the folders under Sources/Plugins agree")
    func registriesAgree() throws {
        let manifest = try String(contentsOf: CLI.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let listStart = try #require(manifest.range(of: "let builtInPlugins = ["))
        let listEnd = try #require(manifest[listStart.upperBound...].range(of: "]"))
        let inManifest = Set(manifest[listStart.upperBound..<listEnd.lowerBound]
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            .filter { !$0.isEmpty })
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("Sources/Plugins").path)
            .filter { !$0.hasPrefix(".") })
        let registered = Set(BuiltInPlugins.all.map(\.module))
        #expect(inManifest == folders, "Package.swift builtInPlugins vs Sources/Plugins folders")
        #expect(registered == folders, "Sources/regctl/BuiltInPlugins.swift vs Sources/Plugins folders")
        let ids = BuiltInPlugins.all.map { $0.plugin.descriptor.id }
        #expect(Set(ids).count == ids.count, "plugin ids are unique")
    }

    @Test("the commands plugins cannot shadow are RegCtl's subcommands and help, not a list kept by hand")
    func commandNames() {
        let subcommands = RegCtl.configuration.subcommands.map { $0._commandName }
        #expect(RegCtl.commandNames == Set(subcommands + ["help"]))
        for name in ["load", "show", "explain", "report", "plugins"] { #expect(RegCtl.commandNames.contains(name)) }
    }

    @Test("explain is run by the plugin runner from Ranking's descriptor, not listed as a plugin")
    func explainIsRanking() throws {
        let explain = try #require(BuiltInPlugins.plugin(id: "explain"))
        #expect(BuiltInPlugins.commands.map(\.module) == ["Ranking"])
        #expect(!BuiltInPlugins.all.contains { $0.plugin.descriptor.id == "explain" })
        #expect(explain.descriptor.parameters.contains { $0.name == "level" } && explain.descriptor.parameters.last?.name == "unit")
    }

    @Test("regctl plugins lists every built-in plugin")
    func pluginsCommand() throws {
        let r = try CLI.run(["plugins"])
        #expect(r.status == 0)
        for entry in BuiltInPlugins.all { #expect(r.stdout.contains(entry.plugin.descriptor.id)) }
    }
}

@Suite("Help explains itself with examples")
struct HelpTests {
    static let commands: [[String]] = [[], ["load"], ["rank"], ["filings"], ["filings", "retract"], ["firms"], ["show"], ["export"], ["check"], ["plugins"]]

    @Test("each command's help has an example", arguments: commands)
    func help(command: [String]) throws {
        let r = try CLI.run(command + ["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.lowercased().contains("example"), "\(command) help:\n\(r.stdout)")
    }
}

@Suite("Parameters are read with typed, throwing accessors")
struct TypedParameterTests {
    static let descriptor = PluginDescriptor(id: "t", summary: "", parameters: [
        ParameterSpec(name: "level", kind: .choice(["national", "provincial", "municipal", "galactic"]), defaultValue: "national", help: ""),
        ParameterSpec(name: "kind", kind: .choice(["incubator", "maker-space"]), help: ""),
        ParameterSpec(name: "n", kind: .integer, help: ""),
        ParameterSpec(name: "within", kind: .text, help: ""),
    ], examples: [])

    func parameters(_ values: [String: String]) throws -> Parameters {
        try Parameters(PluginRequest(asOf: Day("2024-12-31")!, parameters: values), descriptor: Self.descriptor)
    }

    @Test("a choice reads as its enumeration, its default when absent, nil when optional and absent")
    func choices() throws {
        #expect(try parameters([:]).choice(Level.self, "level") == .national)
        #expect(try parameters(["level": "municipal"]).choice(Level.self, "level") == .municipal)
        #expect(try parameters([:]).optionalChoice(IncubatorKind.self, "kind") == nil)
        #expect(try parameters(["kind": "maker-space"]).optionalChoice(IncubatorKind.self, "kind") == .makerSpace)
    }

    @Test("a descriptor value the type lacks, or an absent required value, throws instead of crashing")
    func failures() throws {
        #expect(throws: AnalysisError.self) { try parameters(["level": "galactic"]).choice(Level.self, "level") }
        #expect(throws: AnalysisError.self) { try parameters([:]).choice(IncubatorKind.self, "kind") }
        #expect(throws: AnalysisError.self) { try parameters([:]).requiredInteger("n") }
        #expect(throws: AnalysisError.self) { try parameters([:]).requiredText("within") }
        #expect(try parameters(["within": "  "]).trimmedText("within") == nil)
        #expect(try parameters(["within": " 43 "]).trimmedText("within") == "43")
    }

    @Test("an external plugin's descriptor without charts decodes, with none")
    func descriptorWithoutCharts() throws {
        let json = #"{"id": "x", "summary": "s", "parameters": [], "examples": []}"#
        let d = try JSONDecoder().decode(PluginDescriptor.self, from: Data(json.utf8))
        #expect(d.charts.isEmpty && d.discussion.isEmpty)
    }
}
