import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Core
@testable import regctl

/// Parses XML with Foundation's XMLParser and collects every text node and attribute value.
final class XMLCheck: NSObject, XMLParserDelegate {
    var texts: [String] = []
    var elements: [String] = []
    var attributes: [String: [String]] = [:]
    private var current = ""

    /// nil when the document is well-formed; the parser's error otherwise.
    static func parse(_ xml: String) -> (error: String?, check: XMLCheck) {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = check
        let ok = parser.parse()
        return (ok ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown error") at line \(parser.lineNumber)", check)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
        for (k, v) in attributes { self.attributes[k, default: []].append(v) }
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let t = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !t.isEmpty { texts.append(t) }
        current = ""
    }
}

@Suite("--format svg: charts on samples/")
struct ChartEndToEndTests {
    @Test("the rank chart is well-formed SVG with 株洲高新区 and 25, the axis labels, the as-of date and the filings")
    func rankChart() throws {
        let r = try SampleRegistry.run(["rank", "--level", "national", "--by", "park", "--within", "43", "--format", "svg"])
        #expect(r.status == 0, "\(r.stderr)")
        let (error, xml) = XMLCheck.parse(r.stdout)
        #expect(error == nil, "\(error ?? "")")
        #expect(xml.elements.first == "svg")
        #expect(xml.texts.contains("株洲高新区"))
        #expect(xml.texts.contains("长沙高新区"))
        #expect(xml.texts.contains("25"))
        #expect(xml.texts.contains("41"))
        #expect(xml.texts.contains("firms"))
        #expect(xml.texts.contains("park"))
        #expect(xml.texts.contains { $0.contains("as of 2024-12-31") })
        #expect(xml.texts.contains { $0.hasPrefix("Source filings (8): MIIT-LG-") })
        // Real text, a CJK-capable font stack ending in a generic family; nothing external.
        #expect(xml.attributes["font-family"]?.first?.contains("'Noto Sans CJK SC'") == true)
        #expect(xml.attributes["font-family"]?.first?.hasSuffix("sans-serif") == true)
        #expect(!r.stdout.contains("<script"))
        #expect(!r.stdout.contains("href"))
        #expect(!r.stdout.contains("@font-face"))
    }

    @Test("every charted plugin and view draws well-formed SVG", arguments: [
        ["rank"], ["rank", "--by", "prefecture", "--within", "43", "--level", "provincial"],
        ["growth"], ["growth", "--view", "designations", "--within", "43"], ["growth", "--view", "high-growth"],
        ["growth", "--view", "high-growth", "--by", "firm", "--within", "zz-htz", "--top", "5"],
        ["transfers"], ["transfers", "--by", "year", "--stack", "channel", "--within", "zz-htz"], ["transfers", "--by", "park", "--stack", "mode"],
        ["incubators"], ["incubators", "--view", "check", "--within", "zz-htz"],
        ["changes"], ["changes", "--since", "2023-12-31", "--by", "park", "--within", "43"],
    ])
    func everyChart(args: [String]) throws {
        let r = try SampleRegistry.run(args + ["--format", "svg"])
        #expect(r.status == 0, "\(r.stderr)")
        let (error, xml) = XMLCheck.parse(r.stdout)
        #expect(error == nil, "\(args): \(error ?? "")")
        #expect(xml.elements.contains("rect") || xml.elements.contains("polyline"))
    }

    @Test("the growth designations chart is a line per park over the years 2020 … 2024")
    func growthLines() throws {
        let r = try SampleRegistry.run(["growth", "--view", "designations", "--within", "43", "--top", "3", "--format", "svg"])
        let (error, xml) = XMLCheck.parse(r.stdout)
        #expect(error == nil)
        #expect(xml.elements.filter { $0 == "polyline" }.count == 3)
        for year in 2020...2024 { #expect(xml.texts.contains(String(year))) }
        #expect(xml.texts.contains("株洲高新区"))
    }

    @Test("the transfers stacked chart has a legend of the channels")
    func transfersStacked() throws {
        let r = try SampleRegistry.run(["transfers", "--by", "year", "--stack", "channel", "--within", "zz-htz", "--format", "svg"])
        let (error, xml) = XMLCheck.parse(r.stdout)
        #expect(error == nil)
        for label in ["local", "enclave", "other", "2020", "2024", "transfers", "year"] { #expect(xml.texts.contains(label), "\(label)") }
        // The stacked channel counts add up to transfers in every row.
        let json = try SampleRegistry.run(["transfers", "--by", "year", "--stack", "channel", "--within", "zz-htz", "--format", "json"])
        let rows = try CLI.rows(json.stdout, columns: ["transfers", "channel_local", "channel_enclave", "channel_other"])
        #expect(rows.count == 5)
        for row in rows { #expect(Int(row[0]) == row[1...].compactMap { Int($0) }.reduce(0, +)) }
        #expect(rows.map { Int($0[0])! }.reduce(0, +) == 156)
    }

    @Test("a report without a chart is refused with --format svg, and listings do not offer svg")
    func noChart() throws {
        let r = try SampleRegistry.run(["screen", "--format", "svg"])
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("has no chart"))
        #expect(r.stderr.contains("rank, growth, transfers, incubators"))
        let overdue = try SampleRegistry.run(["incubators", "--view", "overdue", "--within", "zz-htz", "--format", "svg"])
        #expect(overdue.status == 64)
        let listing = try SampleRegistry.run(["filings", "--format", "svg"])
        #expect(listing.status != 0)
        let bad = try SampleRegistry.run(["rank", "--format", "png"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("table, csv, json, md, svg"))
    }
}

@Suite("SVG renderer")
struct SVGChartTests {
    func report(rows: [[Report.Value]], filings: [String] = ["F1"], chart: Report.Chart) -> Report {
        Report(title: "Title <&> \"quoted\"", asOf: Day("2024-12-31")!, asOfSource: "--as-of",
               columns: [.init("name", .text), .init("a", .integer, title: "甲"), .init("b", .number, title: "乙"), .init("year", .text)],
               rows: rows, filings: filings, chart: chart)
    }

    @Test("text is escaped and the document stays well-formed")
    func escaping() throws {
        let r = report(rows: [[.text("<script>alert('x')</script> & 株洲"), .integer(3), .number(1.5), .text("2024")]],
                       chart: .init(.bar, category: "name", values: ["a"]))
        let svg = try #require(SVGChart(r)).render()
        let (error, xml) = XMLCheck.parse(svg)
        #expect(error == nil, "\(error ?? "")")
        #expect(!svg.contains("<script"))
        #expect(xml.texts.contains("<script>alert('x')</script> & 株洲"))
        #expect(xml.texts.contains("Title <&> \"quoted\""))
        #expect(Markup.escape("a<b>&\"'\u{1}") == "a&lt;b&gt;&amp;&quot;&apos;")
    }

    @Test("a long list of filings is cut with \"… and N more\"")
    func footnote() throws {
        let ids = (1...30).map { "FILING-\($0)" }
        let r = report(rows: [[.text("x"), .integer(1), .null, .text("2024")]], filings: ids, chart: .init(.bar, category: "name", values: ["a"]))
        let (_, xml) = XMLCheck.parse(try #require(SVGChart(r)).render())
        let note = xml.texts.filter { $0.contains("FILING-") || $0.contains("more") }.joined(separator: " ")
        #expect(note.contains("Source filings (30): FILING-1, FILING-2"))
        #expect(note.contains("FILING-12"))
        #expect(!note.contains("FILING-13"))
        #expect(note.contains("… and 18 more"))
    }

    @Test("stacked bars draw one segment per value column with a legend of their titles; null cells draw nothing")
    func stacked() throws {
        let r = report(rows: [[.text("甲园区"), .integer(3), .number(2), .text("2024")], [.text("乙园区"), .integer(1), .null, .text("2024")]],
                       chart: .init(.stackedBar, category: "name", values: ["a", "b"]))
        let chart = try #require(SVGChart(r))
        let data = chart.data()
        #expect(data.labels == ["甲园区", "乙园区"])
        #expect(data.parts == ["甲", "乙"])
        #expect(data.values == [[3, 2], [1, nil]])
        let (error, xml) = XMLCheck.parse(chart.render())
        #expect(error == nil)
        #expect(xml.texts.contains("甲") && xml.texts.contains("乙"))
        #expect(xml.texts.contains("5"))   // the total at the end of the first bar
    }

    @Test("a diverging bar draws the first value column right of zero and the second left, green and red, ending in the signed net")
    func diverging() throws {
        let r = report(rows: [[.text("甲园区"), .integer(4), .number(1), .text("")], [.text("乙园区"), .integer(0), .number(3), .text("")]],
                       chart: .init(.divergingBar, category: "name", values: ["a", "b"]))
        let chart = try #require(SVGChart(r))
        let data = chart.data()
        // Losses are stated as positive counts and drawn negated.
        #expect(data.values == [[4, -1], [0, -3]])
        let svg = chart.render()
        let (error, xml) = XMLCheck.parse(svg)
        #expect(error == nil, "\(error ?? "")")
        #expect(xml.texts.contains("甲") && xml.texts.contains("乙"))   // the legend: the columns' titles
        #expect(xml.texts.contains("+3") && xml.texts.contains("-3"))   // the nets, signed
        #expect(xml.texts.contains("甲园区 · 乙: -1"))
        #expect(svg.contains("fill=\"#59a14f\"") && svg.contains("fill=\"#e15759\""))
        // The axis runs from the largest loss to the largest gain, zero inside it.
        #expect(xml.texts.contains("-4") || xml.texts.contains("-3"))
        #expect(xml.texts.contains("4"))
    }

    @Test("a long table with a series column is pivoted: one line per series value over the categories")
    func longSeries() throws {
        let r = report(rows: [[.text("甲"), .integer(1), .null, .text("2023")], [.text("甲"), .integer(2), .null, .text("2024")],
                              [.text("乙"), .integer(5), .null, .text("2024")]],
                       chart: .init(.line, category: "year", values: ["a"], series: "name"))
        let data = try #require(SVGChart(r)).data()
        #expect(data.labels == ["甲", "乙"])
        #expect(data.parts == ["2023", "2024"])
        #expect(data.values == [[1, 2], [nil, 5]])
        #expect(XMLCheck.parse(try #require(SVGChart(r)).render()).error == nil)
    }

    @Test("ticks step by 1, 2 or 5 × 10^k; labels abbreviate large values; widths count CJK as two columns")
    func scale() {
        #expect(SVGChart.ticks(lo: 0, hi: 41).step == 10)
        #expect(SVGChart.ticks(lo: 0, hi: 41).hi == 50)
        #expect(SVGChart.ticks(lo: 0, hi: 7).step == 2)
        #expect(SVGChart.ticks(lo: -3, hi: 0.9).lo == -3)
        #expect(SVGChart.label(264_581_167.14) == "264.58M")
        #expect(SVGChart.label(25) == "25")
        #expect(SVGChart.label(0.125) == "0.125")
        #expect(SVGChart.textWidth("株洲") == SVGChart.textWidth("abcd"))
    }

    @Test("a report without rows draws a note, not an empty axis")
    func empty() throws {
        let r = report(rows: [], chart: .init(.line, category: "name", values: ["a", "b"]))
        let (error, xml) = XMLCheck.parse(try #require(SVGChart(r)).render())
        #expect(error == nil)
        #expect(xml.texts.contains("(no rows)"))
    }
}
