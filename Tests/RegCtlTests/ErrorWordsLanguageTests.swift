import Foundation
import Testing
import Core
import RegistryTesting

/// Issue 17, the hunt: errors met on the samples and on bad input read in the reader's language —
/// Core's analysis phrases wherever they surface (the plugin runner's parse, `regctl report`), a CSV's
/// broken sidecar, a Chinese remedy that begins with a command, a file given where a folder is meant.
@Suite("errors in the reader's language, from every way in")
struct ErrorWordsLanguageTests {
    static func registry() throws -> (URL, String) {
        let dir = try CLI.temporaryDirectory()
        let registry = dir.appendingPathComponent("r.sqlite").path
        #expect(try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", registry, "-q"]).status == 0)
        return (dir, registry)
    }

    static let cases: [(arguments: [String], zh: String, en: String)] = [
        (["rank", "--top", "abc"], "错误：rank：--top “abc”无效；应为 整数。", "Error: rank: --top 'abc' is not valid; expected a whole number."),
        // The message on its own line, never wrapped at the usage's indentation.
        (["rank", "--by", "parkx"], "错误：rank：--by “parkx”无效；应为 以下之一：province、prefecture、county、park、incubator（您是否想输入 park？）。\n",
         "Error: rank: --by 'parkx' is not valid; expected one of province, prefecture, county, park, incubator (did you mean park?).\n"),
        (["report", "--park", "nowhere", "-o", "x.html"], "已载入园区的编号、名称或简称", "the id, name or short name of a loaded park"),
        (["filings", "retract", "NOPE"], "。regctl filings 列出已载入的名单。", ". `regctl filings` lists the loaded ones."),
        (["export", "samples/filings/hn-parks-2022.xml"], "路径中有一段是文件而不是文件夹", "a part of the path is a file, not a folder"),
    ]

    @Test("each error in Chinese under --lang zh and in English under --lang en", arguments: 0..<cases.count)
    func worded(_ index: Int) throws {
        let (dir, registry) = try Self.registry()
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = Self.cases[index]
        let zh = try CLI.run(c.arguments + ["--registry", registry, "--lang", "zh"])
        let en = try CLI.run(c.arguments + ["--registry", registry, "--lang", "en"])
        #expect(zh.status != 0 && en.status != 0)
        #expect(zh.stderr.replacingOccurrences(of: "\n", with: "").contains(c.zh.replacingOccurrences(of: "\n", with: "")) && (!c.zh.hasSuffix("\n") || zh.stderr.contains(c.zh)),
                "\(c.arguments): \(zh.stderr)")
        #expect(en.stderr.replacingOccurrences(of: "\n", with: " ").contains(c.en.replacingOccurrences(of: "\n", with: " ")) && (!c.en.hasSuffix("\n") || en.stderr.contains(c.en)),
                "\(c.arguments): \(en.stderr)")
        for english in ["is not valid", "expected", "Regctl", "NSCocoaErrorDomain", "The operation"] {
            #expect(!zh.stderr.contains(english), "\(c.arguments): \(zh.stderr)")
        }
    }

    @Test("a CSV whose sidecar is broken: what a sidecar is, and what in it does not fit, in both languages")
    func sidecar() throws {
        let (dir, registry) = try Self.registry()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("parks.csv")
        try Data("id,name,region,level,kind\nzz,株洲,430211,national,high-tech-zone\n".utf8).write(to: csv)
        try Data(#"{"issued": "2024-13-01"}"#.utf8).write(to: URL(fileURLWithPath: csv.path + ".meta.json"))
        let zh = try CLI.run(["load", csv.path, "--registry", registry, "--lang", "zh"])
        let en = try CLI.run(["load", csv.path, "--registry", registry, "--lang", "en"])
        #expect(zh.status != 0 && en.status != 0)
        #expect(zh.stderr.contains("parks.csv.meta.json：无法读取文件：不是有效的附属元数据文件（应为含 id、authority、issued YYYY-MM-DD、title、kind、encoding、set 的 JSON 对象）：issued“2024-13-01”不符合要求。"), "\(zh.stderr)")
        #expect(en.stderr.contains("parks.csv.meta.json: cannot read the file: not a valid sidecar (a JSON object with id, authority, issued YYYY-MM-DD, title, kind, encoding, set): issued '2024-13-01' does not fit."), "\(en.stderr)")
    }

    @Test("copying into a registry that holds filings: in the reader's language, on one line from the margin")
    func copyIntoFull() throws {
        let (dir, registry) = try Self.registry()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zh = try CLI.run(["copy", "--from", registry, "--to", registry, "--lang", "zh"])
        let en = try CLI.run(["copy", "--from", registry, "--to", registry, "--lang", "en"])
        #expect(zh.status != 0 && en.status != 0)
        #expect(zh.stderr.replacingOccurrences(of: "\n", with: "").contains("已有 1 份名单；请复制到空的登记库"), "\(zh.stderr)")
        // A wrapped line of an error goes on at the margin, not at argument-parser's help column.
        #expect(!zh.stderr.contains("\n      "), "\(zh.stderr)")
        #expect(en.stderr.contains("already holds 1 filing; copy into an empty registry"), "\(en.stderr)")
    }

    @Test("a refused retraction lists the facts that depend on it in the reader's language, those past twenty counted")
    func retractionDependants() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let registry = dir.appendingPathComponent("r.sqlite").path
        func filing(_ id: String, _ body: (Int) -> String) throws -> String {
            let url = dir.appendingPathComponent(id + ".xml")
            let records = (1...22).map(body).joined(separator: "\n")
            try Data("""
                <?xml version="1.0" encoding="UTF-8"?>
                <filing xmlns="urn:regctl:filing:1" id="\(id)" authority="测试" issued="2024-01-01" title="测试">
                \(records)
                </filing>
                """.utf8).write(to: url)
            return url.path
        }
        let firms = try filing("FIRMS") { #"<firm uscc="\#(InlineRegistry.uscc(serial: $0))" name="测试企业\#($0)有限公司" region="430211"/>"# }
        let lists = try filing("LISTS") { #"<designation uscc="\#(InlineRegistry.uscc(serial: $0))" program="little-giant" level="national" year="2021"/>"# }
        for file in [firms, lists] { #expect(try CLI.run(["load", file, "--registry", registry, "-q"]).status == 0) }
        let zh = try CLI.run(["filings", "retract", "FIRMS", "--registry", registry, "--lang", "zh"])
        let en = try CLI.run(["filings", "retract", "FIRMS", "--registry", registry, "--lang", "en"])
        #expect(zh.status != 0 && en.status != 0)
        #expect(zh.stderr.contains("LISTS 第 3 行：认定引用了") && zh.stderr.contains("……另有 2 项"), "\(zh.stderr)")
        for english in [" line ", "refers to", "more", "designation"] { #expect(!zh.stderr.contains(english), "\(zh.stderr)") }
        #expect(en.stderr.contains("LISTS line 3: designation refers to") && en.stderr.contains("… and 2 more"), "\(en.stderr)")
        #expect(!en.stderr.contains("认定"), "\(en.stderr)")
        #expect(zh.stderr.components(separatedBy: "第 ").count - 1 == 20)
    }

    @Test("report's closing line gives its as-of date as the reader's language writes it")
    func reportWroteDate() throws {
        #expect(SampleRegistry.load.status == 0)
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zh = try SampleRegistry.run(["report", "--park", "zz-htz", "--lang", "zh", "-o", dir.appendingPathComponent("zh.html").path])
        let en = try SampleRegistry.run(["report", "--park", "zz-htz", "--lang", "en", "-o", dir.appendingPathComponent("en.html").path])
        #expect(zh.status == 0 && en.status == 0, "\(zh.stderr)")
        #expect(zh.stdout.contains("截至 2024年12月31日") && !zh.stdout.contains("2024-12-31"), "\(zh.stdout)")
        #expect(en.stdout.contains("as of 2024-12-31"), "\(en.stdout)")
    }

    @Test("show: a park's firms and an incubator's area carry separators in both languages, codes do not")
    func showNumbers() throws {
        #expect(SampleRegistry.load.status == 0)
        for lang in ["zh", "en"] {
            let r = try SampleRegistry.run(["show", "zz-htz", "--lang", lang])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("3,723") && !r.stdout.contains("3723"), "\(lang): \(r.stdout.prefix(400))")
            #expect(r.stdout.contains("244,900") && r.stdout.contains("430211"), "\(lang)")
        }
    }
}
