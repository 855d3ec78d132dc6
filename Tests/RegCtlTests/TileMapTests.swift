import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Core
@testable import regctl

/// The tile map of China (`rank --chart map`): layout, colours, no-data tiles, planned cities.
@Suite("Tile map of China")
struct TileMapTests {
    @Test("34 provincial units, each code once, each at its own cell inside the grid")
    func layout() {
        let tiles = ProvinceTiles.all
        #expect(tiles.count == 34)
        #expect(Set(tiles.map(\.code)).count == 34)
        #expect(Set(tiles.map { "\($0.column),\($0.row)" }).count == 34)
        #expect(tiles.allSatisfy { (0..<ProvinceTiles.columns).contains($0.column) && (0..<ProvinceTiles.rows).contains($0.row) })
        // The region table knows every code (台湾 71, 香港 81, 澳门 82 included).
        for t in tiles { #expect(RegionTable.name(ofUnit: t.code) != nil, "\(t.code)") }
    }

    /// Real land borders the layout keeps (side or corner). It cannot keep 内蒙古's with 黑龙江, 吉林,
    /// 辽宁, 甘肃 and 陕西, nor 新疆–西藏 (ProvinceTiles says so).
    static let borders: [(String, [String])] = [
        ("湖南", ["湖北", "江西", "广东", "广西", "贵州", "重庆"]),
        ("河北", ["北京", "天津", "山西", "河南", "山东", "辽宁", "内蒙古"]),
        ("四川", ["重庆", "贵州", "云南", "西藏", "青海", "甘肃", "陕西"]),
        ("湖北", ["河南", "安徽", "江西", "湖南", "重庆", "陕西"]),
        ("广东", ["广西", "湖南", "江西", "福建", "香港", "澳门", "海南"]),
        ("上海", ["江苏", "浙江"]),
        ("浙江", ["上海", "江苏", "安徽", "江西", "福建"]),
        ("安徽", ["江苏", "浙江", "江西", "湖北", "河南", "山东"]),
        ("河南", ["河北", "山西", "陕西", "湖北", "安徽", "山东"]),
        ("陕西", ["山西", "河南", "湖北", "重庆", "四川", "甘肃", "宁夏"]),
        ("甘肃", ["新疆", "青海", "四川", "陕西", "宁夏"]),
        ("云南", ["西藏", "四川", "贵州", "广西"]),
        ("北京", ["天津", "河北"]),
        ("吉林", ["辽宁", "黑龙江"]),
        ("台湾", ["福建"]),
    ]

    @Test("neighbours stay neighbours", arguments: borders)
    func neighbours(unit: String, around: [String]) throws {
        let byName = Dictionary(uniqueKeysWithValues: ProvinceTiles.all.map { ($0.short, $0) })
        let tile = try #require(byName[unit])
        for n in around {
            let other = try #require(byName[n], "\(n)")
            #expect(ProvinceTiles.touch(tile, other), "\(unit) and \(n) share a border but not a tile edge or corner")
        }
    }

    @Test("classes never fall as values grow, and the palette darkens class by class")
    func monotone() {
        let scale = SequentialClasses(values: [3, 17, 41, 8, 25])
        var last = -1
        for v in stride(from: 3.0, through: 41, by: 0.5) {
            let k = scale.index(of: v)
            #expect(k >= last)
            last = k
        }
        #expect(scale.index(of: 3) == 0 && scale.index(of: 41) == 4)
        func luminance(_ hex: String) -> Double {
            let v = Int(hex.dropFirst(), radix: 16)!
            return 0.2126 * Double(v >> 16) + 0.7152 * Double((v >> 8) & 0xff) + 0.0722 * Double(v & 0xff)
        }
        let l = TileMap.palette.map(luminance)
        #expect(l.count == 5)
        #expect(zip(l, l.dropFirst()).allSatisfy { $0 > $1 })
        // One value: the top class, not a division by zero.
        #expect(SequentialClasses(values: [7]).index(of: 7) == 4)
    }

    static func report(_ rows: [(String, String, Int)]) -> Report {
        Report(title: "专精特新“小巨人” national level by province", asOf: Day("2024-12-31")!, asOfSource: "test",
               columns: [.init("rank", .integer), .init("code", .text), .init("name", .text), .init("count", .integer)],
               rows: rows.enumerated().map { [.integer($0.offset + 1), .text($0.element.0), .text($0.element.1), .integer($0.element.2)] },
               filings: ["F1"], chart: Report.Chart(.map, category: "code", values: ["count"], valueLabel: "firms", categoryLabel: "province"))
    }

    /// The `<g class="tile">` of `code` in the SVG.
    static func tile(_ svg: String, _ code: String) -> String? {
        guard let start = svg.range(of: "<g class=\"tile\" data-code=\"\(code)\"") else { return nil }
        guard let end = svg.range(of: "</g>", range: start.upperBound..<svg.endIndex) else { return nil }
        return String(svg[start.lowerBound..<end.upperBound])
    }

    @Test("the SVG parses, holds every province's value, colours by class and hatches units without data")
    func svg() throws {
        let r = Self.report([("43", "湖南省", 1486), ("44", "广东省", 41), ("11", "北京市", 3)])
        let svg = try #require(TileMap(r)).render()
        let (error, xml) = XMLCheck.parse(svg)
        #expect(error == nil, "\(error ?? "")")
        #expect(xml.texts.contains("1,486") && xml.texts.contains("41") && xml.texts.contains("3"))
        let hunan = try #require(Self.tile(svg, "43")), beijing = try #require(Self.tile(svg, "11"))
        #expect(hunan.contains(TileMap.palette[4]) && beijing.contains(TileMap.palette[0]))
        for code in ["71", "81", "82", "65"] {
            let t = try #require(Self.tile(svg, code))
            #expect(t.contains("url(#\(TileMap.noDataPattern))") && t.contains("data-no-data"), "\(code)")
        }
        #expect(xml.elements.filter { $0 == "g" }.count == 34)
        #expect(xml.texts.contains("no data"))
        #expect(xml.texts.contains("firms"))
        #expect(!svg.contains("<script") && !svg.contains("href=\"http"))
    }

    @Test("planned cities: merged they are in the province's value; separate they are a dot with their count on it")
    func plannedCities() throws {
        let merged = try #require(TileMap(Self.report([("44", "广东省", 12), ("21", "辽宁省", 5)]))).render()
        #expect(!merged.contains("<circle"))
        let separate = try #require(TileMap(Self.report([("44", "广东省", 9), ("4403", "深圳市", 3), ("21", "辽宁省", 5), ("2102", "大连市", 2)]))).render()
        let guangdong = try #require(Self.tile(separate, "44"))
        #expect(guangdong.contains("<circle") && guangdong.contains(">深圳 3<") && guangdong.contains(">9<"))
        let liaoning = try #require(Self.tile(separate, "21"))
        #expect(liaoning.contains(">大连 2<"))
        #expect(separate.contains("计划单列市"))
        // The planned cities take no tile and no class of their own.
        #expect(separate.components(separatedBy: "<g class=\"tile\"").count - 1 == 34)
    }

    @Test("rank --chart map on samples/: the SVG holds each province's count from the JSON")
    func rankMap() throws {
        let svg = try SampleRegistry.run(["rank", "--chart", "map", "--format", "svg"])
        #expect(svg.status == 0, "\(svg.stderr)")
        let (error, xml) = XMLCheck.parse(svg.stdout)
        #expect(error == nil)
        let rows = try CLI.rows(try SampleRegistry.run(["rank", "--format", "json"]).stdout)
        #expect(!rows.isEmpty)
        for row in rows {
            let t = try #require(Self.tile(svg.stdout, row[1]), "\(row)")
            #expect(t.contains(">\(NumberStyle.grouped(row[3]))<"), "\(row)")
        }
        #expect(xml.texts.contains("no data"))
        let separate = try SampleRegistry.run(["rank", "--chart", "map", "--planned-cities", "separate", "--format", "svg"])
        #expect(separate.status == 0)
        #expect(XMLCheck.parse(separate.stdout).error == nil)
    }

    @Test("--chart map with any unit but province is a clear usage error", arguments: ["park", "prefecture", "county", "incubator"])
    func mapNeedsProvinces(unit: String) throws {
        let r = try SampleRegistry.run(["rank", "--by", unit, "--chart", "map", "--format", "svg"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--chart 'map' is not valid; expected --by province"), "\(r.stderr)")
    }

    @Test("the web page of rank draws the map with chart=map, and refuses it by park with the CLI's message")
    func webPage() async throws {
        let r = await ServeSamples.get("/rank?chart=map")
        #expect(r.status == 200)
        #expect(r.body.components(separatedBy: "<g class=\"tile\"").count - 1 == 34)
        #expect(r.body.contains("<option value=\"map\" selected"))
        let bad = await ServeSamples.get("/rank?by=park&chart=map")
        #expect(bad.status == 400)
        #expect(bad.body.contains("expected --by province"))
    }

    @Test("regctl report per province draws the national ranking on the map and prints the command with --chart map")
    func reportPage() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("all.html")
        let r = try SampleRegistry.run(["report", "-o", page.path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<g class=\"tile\"").count - 1 == 34)
        #expect(html.contains("regctl rank --chart map"))
    }
}
