import Core
import Foundation
import Testing

/// Defect 9: an export folder is exactly the registry's filings, and never loses a file regctl did not write.
@Suite("export writes a complete, exact folder")
struct ExportFolderTests {
    /// A registry of the samples of its own, since these tests retract from it.
    private static func samples(in dir: URL) throws -> String {
        let registry = dir.appendingPathComponent("r.sqlite").path
        let load = try CLI.run(["load", "samples/filings", "--registry", registry, "--quiet"])
        try #require(load.status == 0, "\(load.stderr)")
        return registry
    }

    private static func filingIDs(_ registry: String) throws -> Set<String> {
        Set(try CLI.rows(CLI.run(["filings", "--format", "json", "--registry", registry]).stdout, columns: ["id"]).map { $0[0] })
    }

    @Test("exporting again after a retraction removes the retracted filing's files; loading the folder does not bring it back")
    func reexportAfterRetraction() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = try Self.samples(in: dir)
        let out = dir.appendingPathComponent("out")
        for format in ["xml", "csv", "xml"] {
            #expect(try CLI.run(["export", out.path, "--as", format, "--registry", registry]).status == 0)
        }
        let notes = out.appendingPathComponent("NOTES.txt")
        try Data("mine".utf8).write(to: notes)
        let retracted = "HN-GXT-2021-12"
        #expect(try CLI.run(["filings", "retract", retracted, "--registry", registry]).status == 0)
        let again = try CLI.run(["export", out.path, "--registry", registry])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("removed 1 file of filings no longer in the registry"), "\(again.stdout)")
        #expect(again.stderr.contains("NOTES.txt"), "a file regctl did not write is named, not removed")
        #expect(FileManager.default.fileExists(atPath: notes.path))

        // The folder is what a fresh export of the registry is, file for file.
        let fresh = dir.appendingPathComponent("fresh")
        #expect(try CLI.run(["export", fresh.path, "--registry", registry]).status == 0)
        let files = { (u: URL) in Set(try FileManager.default.contentsOfDirectory(atPath: u.path)).subtracting(["NOTES.txt"]) }
        #expect(try files(out) == files(fresh))
        let copy = dir.appendingPathComponent("copy.sqlite").path
        let load = try CLI.run(["load", out.path, "--registry", copy])
        #expect(load.status == 0, "\(load.stderr)")
        let ids = try Self.filingIDs(copy)
        #expect(!ids.contains(retracted))
        #expect(ids.isSubset(of: try Self.filingIDs(registry)))

        // The manifest lists exactly the filing files (and sidecars) in the folder.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(Exporter.manifestName))) as? [String: Any]
        let listed = Set(try #require(manifest?["files"] as? [String]))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: out.path)).subtracting([Exporter.manifestName, "NOTES.txt"])
        #expect(listed == present)
    }

    @Test("a non-empty folder that is not an earlier export is refused and left unchanged")
    func foreignFolderRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = try Self.samples(in: dir)
        let folder = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("<filing/>".utf8).write(to: folder.appendingPathComponent("draft.xml"))
        let r = try CLI.run(["export", folder.path, "--registry", registry])
        #expect(r.status == 1)
        #expect(r.stderr.contains("is not an earlier export"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["draft.xml"])
        // An empty folder is fine.
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try CLI.run(["export", empty.path, "--registry", registry]).status == 0)
    }

    @Test("a manifest naming files outside its folder cannot make export delete them")
    func manifestStaysInItsFolder() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = try Self.samples(in: dir)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let victim = dir.appendingPathComponent("victim.xml")
        try Data("keep".utf8).write(to: victim)
        try FileManager.default.createDirectory(at: out.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let forged = #"{"format": "regctl-export", "version": 1, "files": ["../victim.xml", "/etc/hostname", "sub"]}"#
        try Data(forged.utf8).write(to: out.appendingPathComponent(Exporter.manifestName))
        let r = try CLI.run(["export", out.path, "--registry", registry])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: victim.path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sub").path), "a folder is not a file an export wrote")

        // A file that no export wrote is not replaced by one of the same name.
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".xml") }.sorted()
        let other = dir.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data(#"{"format": "regctl-export", "version": 1, "files": []}"#.utf8).write(to: other.appendingPathComponent(Exporter.manifestName))
        let mine = other.appendingPathComponent(try #require(names.first))
        try Data("mine".utf8).write(to: mine)
        let refused = try CLI.run(["export", other.path, "--registry", registry])
        #expect(refused.status == 1 && refused.stderr.contains("which no export wrote"), "\(refused.stderr)")
        #expect(try String(contentsOf: mine, encoding: .utf8) == "mine")
    }

    @Test("Markup.escape: text reads back the same from an attribute and from content; forbidden characters dropped")
    func markupRoundTrip() throws {
        let text = "a\tb\nc\r & 'q' \"Q\" <x> 株洲\u{1}"
        let (error, xml) = XMLCheck.parse("<a v=\"\(Markup.escape(text))\" w='\(Markup.escape(text))'>\(Markup.escape(text))</a>")
        #expect(error == nil, "\(error ?? "")")
        let expected = text.replacingOccurrences(of: "\u{1}", with: "")
        #expect(xml.attributes["v"] == [expected])
        #expect(xml.attributes["w"] == [expected])
        #expect(Markup.escape("<b>&") == "&lt;b&gt;&amp;")
    }
}
