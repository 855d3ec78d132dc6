import Foundation
import Testing
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
