import Foundation
import Testing
import Core
@testable import regctl

@Suite("Built-in plugins are registered everywhere")
struct PluginRegistryTests {
    @Test("Package.swift's list, regctl's registry and the folders under Sources/Plugins agree")
    func registriesAgree() throws {
        let inManifest = try Set(Self.manifestPlugins(CLI.root.appendingPathComponent("Package.swift")))
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("Sources/Plugins").path)
            .filter { !$0.hasPrefix(".") })
        let registered = Set(BuiltInPlugins.all.map(\.module))
        #expect(inManifest == folders, "Package.swift builtInPlugins vs Sources/Plugins folders")
        #expect(registered == folders, "Sources/regctl/BuiltInPlugins.swift vs Sources/Plugins folders")
        let ids = BuiltInPlugins.all.map { $0.plugin.descriptor.id }
        #expect(Set(ids).count == ids.count, "plugin ids are unique")
    }

    /// The names in Package.swift's `builtInPlugins` list.
    static func manifestPlugins(_ url: URL) throws -> [String] {
        let manifest = try String(contentsOf: url, encoding: .utf8)
        let listStart = try #require(manifest.range(of: "let builtInPlugins = ["))
        let listEnd = try #require(manifest[listStart.upperBound...].range(of: "]"))
        return manifest[listStart.upperBound..<listEnd.lowerBound]
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            .filter { !$0.isEmpty }
    }

    @Test("scripts/new-plugin adds the folder, the test target, the manifest and registry entries, and a filled-in plugin")
    func newPluginScript() throws {
        // On a copy of the files it edits: a real run (then build and test) is proved by hand, as
        // docs/plugins.md says; the suite checks what the script writes, cheaply.
        let root = try CLI.temporaryDirectory()
        let fm = FileManager.default
        for dir in ["Sources/regctl", "Sources/Plugins", "Tests"] {
            try fm.createDirectory(at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        for file in ["Package.swift", "Sources/regctl/BuiltInPlugins.swift"] {
            try fm.copyItem(at: CLI.root.appendingPathComponent(file), to: root.appendingPathComponent(file))
        }
        let script = CLI.root.appendingPathComponent("scripts/new-plugin").path
        func run(_ arguments: [String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: script)
            p.arguments = ["--no-docs", "--root", root.path] + arguments
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(try run(["firm-counts"]) == 0)
        #expect(try Self.manifestPlugins(root.appendingPathComponent("Package.swift")) == Self.manifestPlugins(CLI.root.appendingPathComponent("Package.swift")) + ["FirmCounts"])
        let registry = try String(contentsOf: root.appendingPathComponent("Sources/regctl/BuiltInPlugins.swift"), encoding: .utf8)
        #expect(registry.contains("\nimport FirmCounts\n"))
        #expect(registry.contains("        (\"FirmCounts\", FirmCountsPlugin()),\n        // new-plugin: entries above this line"))
        let plugin = try String(contentsOf: root.appendingPathComponent("Sources/Plugins/FirmCounts/FirmCountsPlugin.swift"), encoding: .utf8)
        let tests = try String(contentsOf: root.appendingPathComponent("Tests/FirmCountsTests/FirmCountsPluginTests.swift"), encoding: .utf8)
        #expect(plugin.contains("public struct FirmCountsPlugin: AnalyticsPlugin") && plugin.contains("public static let descriptor")
                && plugin.contains("id: \"firm-counts\"") && plugin.contains("public struct FirmCountsQuery"))
        #expect(tests.contains("import FirmCounts") && tests.contains("FirmCountsPlugin().run("))
        #expect(!(plugin + tests).contains("__NAME__") && !(plugin + tests).contains("__ID__"))
        // The other spelling gives the same names; a second plugin of that name, or a bad name, is refused.
        #expect(try run(["FirmCounts"]) == 1)
        #expect(try run(["firm_counts"]) == 64)
        #expect(try run(["GrowthRates"]) == 0)
        #expect(try String(contentsOf: root.appendingPathComponent("Sources/Plugins/GrowthRates/GrowthRatesPlugin.swift"), encoding: .utf8)
            .contains("id: \"growth-rates\""))
    }

    @Test("no built-in plugin takes the name of a command")
    func idsAreNotCommands() {
        for entry in BuiltInPlugins.all { #expect(!RegCtl.commandNames.contains(entry.plugin.descriptor.id), "\(entry.plugin.descriptor.id)") }
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
