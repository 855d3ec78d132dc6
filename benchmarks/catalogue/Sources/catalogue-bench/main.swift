import Core
import Foundation

// Reads every catalogue file of regctl (Sources/**/Messages/{en,zh}.json, as the binary embeds them)
// the three ways there are, many times over, and prints the time of one pass over all of them:
// what every regctl process pays at start-up before it does anything else.

let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../..")
let passes = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 200 : 200

var modules: [(source: String, json: [Language: [UInt8]])] = []
let sources = root.appendingPathComponent("Sources")
let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
for case let url as URL in walker where url.lastPathComponent == "en.json" && url.deletingLastPathComponent().lastPathComponent == "Messages" {
    let folder = url.deletingLastPathComponent()
    var json: [Language: [UInt8]] = [:]
    for language in Language.allCases {
        json[language] = Array(try Data(contentsOf: folder.appendingPathComponent("\(language.rawValue).json")))
    }
    modules.append((folder.path, json))
}
let bytes = modules.reduce(0) { $0 + $1.json.values.reduce(0) { $0 + $1.count } }
if CommandLine.arguments.count <= 3 { print("\(modules.count) modules, \(bytes) bytes of catalogue, \(passes) passes") }

/// JSONSerialization, as Catalogue read its files until 2026-12-06.
func viaJSONSerialization(_ json: [Language: [UInt8]], source: String) throws -> Catalogue {
    var entries: [Language: [String: Catalogue.Source]] = [:]
    for (language, data) in json {
        let object = try JSONSerialization.jsonObject(with: Data(data)) as! [String: Any]
        entries[language] = object.mapValues { value in
            if let s = value as? String { return .text(s) }
            let o = value as! [String: Any]
            return .plural(one: o["one"] as! String, other: o["other"] as! String, by: o["by"] as? String)
        }
    }
    return try Catalogue(entries: entries, source: source)
}

/// JSONDecoder into `Catalogue.Source` values (what an external plugin's descriptor goes through).
func viaJSONDecoder(_ json: [Language: [UInt8]], source: String) throws -> Catalogue {
    var entries: [Language: [String: Catalogue.Source]] = [:]
    for (language, data) in json {
        entries[language] = try JSONDecoder().decode([String: Catalogue.Source].self, from: Data(data))
    }
    return try Catalogue(entries: entries, source: source)
}

func time(_ name: String, _ modules: [(source: String, json: [Language: [UInt8]])], _ read: ([Language: [UInt8]], String) throws -> Catalogue) throws -> Double {
    var keys = 0
    let start = ContinuousClock.now
    for _ in 0..<passes {
        for m in modules { keys += try read(m.json, m.source).keys(in: .en).count }
    }
    let elapsed = ContinuousClock.now - start
    let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    let perPass = ms / Double(passes)
    print(String(format: "%-34@ %8.3f ms per pass (%d keys)", name as NSString, perPass, keys / passes))
    return perPass
}

// With a method named (hand, serialization, decoder), one pass of it alone: what a process pays
// the first time, metadata and conformances included (the run script times it with hyperfine).
if CommandLine.arguments.count > 3 {
    let m = modules
    switch CommandLine.arguments[3] {
    case "hand": for x in m { _ = try Catalogue(json: x.json, source: x.source) }
    case "serialization": for x in m { _ = try viaJSONSerialization(x.json, source: x.source) }
    case "decoder": for x in m { _ = try viaJSONDecoder(x.json, source: x.source) }
    default: break
    }
    exit(0)
}

let hand = try time("Catalogue(json:) (hand reader)", modules, { try Catalogue(json: $0, source: $1) })
let serialization = try time("JSONSerialization + Catalogue(entries:)", modules, viaJSONSerialization)
let decoder = try time("JSONDecoder + Catalogue(entries:)", modules, viaJSONDecoder)
print(String(format: "ratios to the hand reader: JSONSerialization %.1f×, JSONDecoder %.1f×", serialization / hand, decoder / hand))
