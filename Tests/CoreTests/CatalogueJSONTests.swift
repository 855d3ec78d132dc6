import Core
import Foundation
import Testing

/// Core reads catalogue files with its own reader (Catalogue+JSON.swift); these tests hold it to what
/// JSONSerialization read before it, on every catalogue file regctl has and on JSON's corners.
@Suite("catalogue files read by hand, as JSONSerialization reads them")
struct CatalogueJSONTests {
    /// The catalogue JSONSerialization gives for the same files.
    static func viaFoundation(_ json: [Language: [UInt8]]) throws -> Catalogue {
        var entries: [Language: [String: Catalogue.Source]] = [:]
        for (language, data) in json {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
            entries[language] = try object.mapValues { value in
                if let s = value as? String { return .text(s) }
                let o = try #require(value as? [String: Any])
                return .plural(one: try #require(o["one"] as? String), other: try #require(o["other"] as? String), by: o["by"] as? String)
            }
        }
        return try Catalogue(entries: entries, source: "test")
    }

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every module's Messages folder (Core, regctl, each plugin).
    static var messageFolders: [URL] {
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        return (walker?.compactMap { $0 as? URL } ?? [])
            .filter { $0.lastPathComponent == "en.json" && $0.deletingLastPathComponent().lastPathComponent == "Messages" }
            .map { $0.deletingLastPathComponent() }
    }

    @Test("every catalogue file of regctl reads to the same templates both ways")
    func everyFile() throws {
        let folders = Self.messageFolders
        #expect(folders.count >= 9, "Core, regctl and seven plugins have catalogues")
        for folder in folders {
            var json: [Language: [UInt8]] = [:]
            for language in Language.allCases {
                json[language] = Array(try Data(contentsOf: folder.appendingPathComponent("\(language.rawValue).json")))
            }
            let hand = try Catalogue(json: json, source: "test")
            #expect(hand == (try Self.viaFoundation(json)), "\(folder.path)")
            #expect(!hand.keys(in: .en).isEmpty)
        }
    }

    @Test("escapes, surrogate pairs, Chinese and whitespace read as JSON defines them")
    func escapes() throws {
        let json = #" { "a" : "line\nnext \"quoted\" back\\slash \/ tab\t \u4e2d\u6587 \ud83d\ude00 中文 {x}" ,"#
            + #" "b": {"other": "{count} firms", "one": "{count} firm", "by": "n"}, "c": "" } "#
        let bytes = Array(json.utf8)
        #expect(try Catalogue(json: [.en: bytes], source: "t") == (try Self.viaFoundation([.en: bytes])))
        let c = try Catalogue(json: [.en: bytes], source: "t")
        #expect(c.words("a", ["x": .text("X")], in: .en) == "line\nnext \"quoted\" back\\slash / tab\t 中文 😀 中文 X")
        #expect(c.words("b", ["n": .integer(1), "count": .count(1)], in: .en) == "1 firm")
        #expect(c.words("c", in: .en) == "")
        #expect(try Catalogue(json: [.en: Array("{}".utf8)], source: "t").keys(in: .en).isEmpty)
    }

    @Test("what JSON or the catalogue's shape forbids is refused, naming the file and, when known, the key",
          arguments: [
            (#"{"a": {"one": "x", "other": "y", "few": "z"}}"#, "a"), (#"{"a": {"one": "x", "other": 3}}"#, "a"),
            (#"{"a": "x"} trailing"#, nil), (#"{"a": "x""#, nil), (#"{"a" "x"}"#, "a"), (#"{"a": "x",}"#, nil),
            ("{\"a\": \"tab\tinside\"}", "a"), (#"{"a": "\q"}"#, "a"), (#"{"a": "\ud83d alone"}"#, "a"),
            (#"{"a": "\u12"}"#, "a"), (#"{"a": "not closed}"#, "a"), (#"{"a": null}"#, "a"), ("", nil),
          ] as [(String, String?)])
    func refused(json: String, key: String?) throws {
        let error = try #require(throws: Catalogue.FormatError.self) { try Catalogue(json: [.zh: Array(json.utf8)], source: "Sources/X/Messages") }
        #expect(error.source == "Sources/X/Messages/zh.json")
        #expect(error.key == key)
    }
}
