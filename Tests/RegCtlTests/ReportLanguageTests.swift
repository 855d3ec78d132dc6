import Foundation
import Testing
import Core
@testable import regctl

/// Issue 17: the words of tables, charts, the tile map and the HTML report in both languages.
@Suite("Report words in Chinese and English")
struct ReportLanguageTests {
    static func hasCJK(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test("rank's table under --lang zh: Chinese title, headings, notes and as-of line; under en as before")
    func rankTable() throws {
        let zh = try SampleRegistry.run(["rank", "--lang", "zh"])
        #expect(zh.status == 0, "\(zh.stderr)")
        let lines = zh.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "专精特新“小巨人”企业（国家级）按省份排名 — 截至 2024年12月31日（最新名单的发布日期）")
        #expect(lines.contains { $0.hasPrefix("排名") && $0.contains("代码") && $0.contains("名称") && $0.contains("数量") })
        #expect(lines.contains { $0.hasPrefix("· ") && $0.contains("家企业持有国家级专精特新“小巨人”企业认定") })
        // Headings line up with CJK cells: every row's count ends where the heading 数量 ends.
        let header = try #require(lines.first { $0.hasPrefix("排名") })
        let rows = lines.filter { $0.first?.isNumber == true || $0.hasPrefix(" ") }
        #expect(!rows.isEmpty)
        for row in rows.prefix(5) { #expect(DisplayWidth.of(row) == DisplayWidth.of(header), "\(row)") }
        let en = try SampleRegistry.run(["rank", "--lang", "en"])
        #expect(en.stdout.hasPrefix("专精特新“小巨人” national level by province — as of 2024-12-31 (newest filing issued)\n"))
        #expect(en.stdout.contains("rank  code"))
        // JSON keeps its English keys and English words whatever the language.
        let json = try SampleRegistry.run(["rank", "--lang", "zh", "--format", "json"])
        #expect(json.stdout == (try SampleRegistry.run(["rank", "--format", "json"])).stdout)
    }

    @Test("the tile map in Chinese: title, legend, no data and the footnote; in English no Chinese but names")
    func mapWords() throws {
        let zh = try SampleRegistry.run(["rank", "--chart", "map", "--planned-cities", "separate", "--format", "svg", "--lang", "zh"])
        #expect(zh.status == 0)
        let (error, xml) = XMLCheck.parse(zh.stdout)
        #expect(error == nil)
        #expect(xml.texts.contains("无数据") && xml.texts.contains("企业数") && xml.texts.contains("计划单列市，单列统计"))
        #expect(xml.texts.contains { $0.hasPrefix("截至 2024年12月31日") })
        #expect(xml.texts.contains { $0.hasPrefix("数据来源（") })
        #expect(!xml.texts.contains("no data") && !xml.texts.contains("firms"))
        let en = try SampleRegistry.run(["rank", "--chart", "map", "--format", "svg", "--lang", "en"])
        let names = Set(ProvinceTiles.all.map(\.short)).union(["专精特新“小巨人” national level by province"])
        for t in XMLCheck.parse(en.stdout).check.texts where !names.contains(t) {
            #expect(!Self.hasCJK(t.replacingOccurrences(of: "专精特新“小巨人”", with: "")), "\(t)")
        }
    }

    static func page(_ lang: String, _ args: [String] = ["--park", "zz-htz"]) throws -> String {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r.html")
        let r = try SampleRegistry.run(["report", "--lang", lang, "-o", file.path] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOf: file, encoding: .utf8)
    }

    @Test("the HTML report in Chinese: <html lang=zh-CN>, 截至 2024年12月31日, 数据来源, Chinese headings; English: lang=en, Provenance")
    func htmlReport() throws {
        let zh = try Self.page("zh")
        #expect(zh.contains("<html lang=\"zh-CN\">"))
        #expect(zh.contains("截至 <strong id=\"as-of\">2024年12月31日</strong>"))
        #expect(zh.contains("<h2>数据来源</h2>") && zh.contains("<th>发布机关</th>"))
        #expect(zh.contains("<h2>排名：国家级专精特新“小巨人”企业</h2>"))
        #expect(zh.contains("<th class=\"num\">排名</th><th>代码</th><th>名称</th><th class=\"num\">数量</th>"))
        for english in ["Provenance", "As of", "Source filings", "innovation economy report", "Rank: national"] {
            #expect(!zh.contains(english), "\(english)")
        }
        let en = try Self.page("en")
        #expect(en.contains("<html lang=\"en\">"))
        #expect(en.contains("As of <strong id=\"as-of\">2024-12-31</strong>"))
        #expect(en.contains("<h2>Provenance</h2>") && en.contains("<h2>Rank: national little giants</h2>"))
        #expect(!en.contains("数据来源"))
    }

    @Test("--money-unit yi in the report: 亿元 in the heading under zh")
    func moneyInReport() throws {
        let zh = try Self.page("zh", ["--park", "zz-htz", "--money-unit", "yi"])
        #expect(zh.contains("（亿元）</th>"))
    }

    @Test("every built-in plugin's help is in both languages, and its English catalogue says what its descriptor says")
    func pluginHelp() {
        for entry in BuiltInPlugins.all + BuiltInPlugins.commands {
            let d = entry.plugin.descriptor, c = entry.plugin.messages
            for key in d.wordKeys {
                #expect(c.template(key, in: .zh) != nil && c.template(key, in: .en) != nil, "\(entry.module): \(key)")
            }
            #expect(d.words(in: .en, catalogue: c) == d, "\(entry.module): the English catalogue differs from the descriptor")
            let zh = d.words(in: .zh, catalogue: c)
            #expect(Self.hasCJK(zh.summary) && zh.parameters.allSatisfy { Self.hasCJK($0.help) }, "\(entry.module)")
        }
    }

    @Test("headings plugins write in English read in Chinese under zh, each English label once; English unchanged")
    func headings() throws {
        let zh = try SampleRegistry.run(["transfers", "--lang", "zh", "--money-unit", "wan"])
        #expect(zh.status == 0)
        let header = try #require(zh.stdout.split(separator: "\n").first { $0.hasPrefix("排名") })
        #expect(header.contains("转化项数") && header.contains("总金额（万元）") && header.contains("就地转化占比"), "\(header)")
        let en = try SampleRegistry.run(["transfers", "--lang", "en"])
        #expect(en.stdout.contains("total value") && !en.stdout.contains("转化项数"))
        let svg = try SampleRegistry.run(["transfers", "--lang", "zh", "--format", "svg"])
        #expect(XMLCheck.parse(svg.stdout).check.texts.contains("转化项数"))
    }

    @Test("scripts/new-plugin's catalogue pair words every text of the plugin it writes, in both languages")
    func newPluginCatalogue() throws {
        let dir = CLI.root.appendingPathComponent("scripts/new-plugin-templates")
        func entries(_ name: String) throws -> [String: String] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name))) as? [String: String])
        }
        let en = try entries("en.json.in"), zh = try entries("zh.json.in")
        let keys = Set(["summary", "discussion", "parameter.by", "parameter.within", "example.1", "example.2"].map { "__ID__." + $0 })
        #expect(Set(en.keys) == keys && Set(zh.keys) == keys)
        // The English is the descriptor's, word for word (the discussion's lines joined as Swift joins them).
        let source = try String(contentsOf: dir.appendingPathComponent("Plugin.swift.in"), encoding: .utf8)
            .replacingOccurrences(of: "\\\n            ", with: "")
        for (key, text) in en { #expect(source.contains(text), "\(key)") }
        for text in zh.values { #expect(Self.hasCJK(text)) }
    }

    @Test("profile's title and notes under zh; English as before under en")
    func profileWords() throws {
        let zh = try SampleRegistry.run(["profile", "zz-htz", "--lang", "zh"])
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout.hasPrefix("株洲高新区主要数字 — 截至 2024年12月31日"))
        let notes = zh.stdout.split(separator: "\n").filter { $0.hasPrefix("· ") }
        #expect(notes.count >= 3)
        for note in notes {
            let words = note.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).filter { $0.count > 2 && $0 != "htz" }
            #expect(words.isEmpty, "\(note)")
        }
        let en = try SampleRegistry.run(["profile", "zz-htz", "--lang", "en"])
        #expect(en.stdout.contains("· Little giants: distinct firms whose park is zz-htz holding a little-giant designation active on 2024-12-31;"))
    }
}

