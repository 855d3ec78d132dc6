import Foundation
import Testing
@testable import Core

/// Issue 17: why a file could not be read is a kind (`LoadError.UnreadableReason`) with Core's words;
/// a CSV's broken sidecar says what a sidecar is in the reader's language, the decoder's account after.
@Suite("unreadable files: the reason as a kind")
struct UnreadableReasonTests {
    @Test("a sidecar that is not JSON, or whose issued is no date: a kind, Chinese words, the field named, no Swift type dump")
    func sidecar() throws {
        let r = try TestRegistry()
        let csv = try r.write("parks.csv", "id,name,region,level,kind\nzz,株洲高新区,430211,national,high-tech-zone\n")
        let cases: [(String, String)] = [("{not json", "the file is not JSON ("), ("[1]", "the file is JSON but not an object"),
                                         (#"{"issued": "2024-13-01"}"#, "issued '2024-13-01' does not fit"), (#"{"kind": "parkz"}"#, "kind 'parkz' does not fit"),
                                         (#"{"set": {"year": [2024]}}"#, "set.year '[2024]' does not fit")]
        for (json, english) in cases {
            try Data(json.utf8).write(to: URL(fileURLWithPath: csv + ".meta.json"))
            do {
                _ = try FilingLoader(store: r.store).load(path: csv, displayName: "parks.csv")
                Issue.record("a broken sidecar was taken")
            } catch let LoadError.unreadable(file, reason) {
                #expect(file == "parks.csv.meta.json")
                guard case .invalidSidecar = reason else { Issue.record("\(reason)"); continue }
                let frame = "not a valid sidecar (a JSON object with id, authority, issued YYYY-MM-DD, title, kind, encoding, set): "
                #expect(reason.description.hasPrefix(frame + english), "\(reason.description)")
                #expect(!reason.description.contains("DecodingError") && !reason.description.contains("Context("), "\(reason.description)")
                let zh = CoreWords.catalogue.words(reason.words, in: .zh)
                #expect(zh.hasPrefix("不是有效的附属元数据文件"), "\(zh)")
                // Only Foundation's account of bad JSON, quoted, is English.
                let own = json == "{not json" ? String(zh.prefix { $0 != "（" || !zh.contains("不是 JSON") }) : zh
                #expect(!own.contains("does not fit") && !own.contains("not an object"), "\(zh)")
            }
        }
    }

    @Test("Core's reasons by their English are their kinds; the system's words stay as they are")
    func reasons() {
        let known: [LoadError.UnreadableReason] = [.notAFiling, .permissionDenied, .noSuchFile, .noXMLParser, .noDigest, .notTried]
        for reason in known {
            #expect(LoadError.UnreadableReason(text: reason.description) == reason)
            #expect(CoreWords.catalogue.words(reason.words, in: .zh) != reason.description)
        }
        let system: LoadError.UnreadableReason = "Is a directory"
        #expect(system == .system("Is a directory"))
        #expect(CoreWords.catalogue.words(system.words, in: .zh) == "Is a directory")
    }

    @Test("the schema check's own words are Core's messages; libxml2's stay as they are")
    func schemaCheck() throws {
        let r = try TestRegistry()
        let missing = XMLSchemaCheck.problems(file: "/nonexistent.xml", schema: "/nonexistent.xsd")
        #expect(missing.count == 1)
        #expect(missing.first?.english == "/nonexistent.xsd: cannot read the schema" || missing.first?.english == "/nonexistent.xsd: the schema does not parse")
        let zhMissing = CoreWords.catalogue.words(try #require(missing.first), in: .zh)
        #expect(zhMissing.hasPrefix("/nonexistent.xsd：") && zhMissing.hasSuffix("该模式文件无法解析") || zhMissing.hasSuffix("无法读取该模式文件"), "\(zhMissing)")
        let schema = CLIRoot.url.appendingPathComponent("samples/schema/filing-1.xsd").path
        guard FileManager.default.fileExists(atPath: schema) else { return }
        let bad = try r.write("bad.xml", #"<?xml version="1.0"?><filing xmlns="urn:regctl:filing:1" id="x"><nope/></filing>"#)
        let problems = XMLSchemaCheck.problems(file: bad, schema: schema)
        #expect(!problems.isEmpty)
        #expect(XMLSchemaCheck.errors(file: bad, schema: schema) == problems.map(\.english))
        for p in problems {
            let zh = CoreWords.catalogue.words(p, in: .zh)
            #expect(zh != p.english && zh.contains("bad.xml:"), "\(zh) / \(p.english)")
        }
    }
}

/// The repository, found from this file.
private enum CLIRoot {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
