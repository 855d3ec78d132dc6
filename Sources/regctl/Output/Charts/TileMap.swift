import Core
import Foundation

/// Draws a ranking by province (`Report.Chart.Kind.map`) as a tile map of China: one square per
/// provincial unit at its fixed cell (`ProvinceTiles`), coloured by value on a five-class sequential
/// scale with a legend; units without a row (台湾, 香港, 澳门 where the registry has none) hatched
/// grey as "no data". A planned city (计划单列市) given its own row (`--planned-cities separate`) is a
/// dot with its count on its province's tile; otherwise its firms are already in the province's row.
struct TileMap {
    let report: Report
    let chart: Report.Chart
    var style: NumberStyle
    var words: Words
    /// The bar chart's drawing helpers (text, footnote), for the same looks.
    private let svg: SVGChart

    /// Light to dark, so that more reads darker (ColorBrewer's sequential "Blues", five classes).
    static let palette = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
    /// Classes from which the tile's text is white.
    static let darkFrom = 3
    static let tileSize = 70.0
    static let gap = 4.0
    /// The pattern no-data tiles are filled with; one id per document, the same in every map.
    static let noDataPattern = "regctl-tilemap-no-data"

    init?(_ report: Report, style: NumberStyle = NumberStyle(), words: Words = Words(.en)) {
        guard let chart = report.chart, chart.kind == .map, var svg = SVGChart(report) else { return nil }
        svg.words = words
        self.report = report
        self.chart = chart
        self.style = style
        self.words = words
        self.svg = svg
    }

    /// What the map shows, per tile.
    struct Data {
        /// Province code → its value; only units with a row.
        var values: [String: Double] = [:]
        /// Province code → the planned city on it with its own row: name and value.
        var planned: [String: (name: String, value: Double)] = [:]
        /// Rows whose code is no provincial unit (drawn nowhere; counted in the footnote).
        var unplaced = 0
    }

    func data() -> Data {
        let columns = report.columns
        func index(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
        let code = index(chart.category), value = chart.values.first.flatMap(index), name = index("name")
        var d = Data()
        for row in report.rows {
            guard let code, code < row.count, let value, value < row.count, let v = SVGChart.number(row[value]) else { continue }
            let unit = row[code].description
            let province = ProvinceTiles.province(of: unit)
            guard ProvinceTiles.tile(province) != nil else { d.unplaced += 1; continue }
            if unit.count == 2 {
                d.values[province] = v
            } else if let city = PlannedCities.codes[unit] {
                let label = name.flatMap { $0 < row.count ? row[$0].description : nil } ?? city
                d.planned[province] = (label, v)
            } else {
                d.unplaced += 1
            }
        }
        return d
    }

    /// The five classes of the provinces' values.
    static func classes(_ d: Data) -> SequentialClasses { SequentialClasses(values: Array(d.values.values)) }

    /// A class's range as the legend prints it; whole numbers when the values are.
    func legendText(_ scale: SequentialClasses, _ i: Int, whole: Bool) -> String? {
        let (lower, upper) = scale.bounds(i)
        guard whole else { return "\(NumberStyle.grouped(lower)) – \(NumberStyle.grouped(upper))" }
        let low = lower.rounded(.up)
        var high = i == scale.classes - 1 ? upper : upper.rounded(.up) - 1
        if scale.maximum == scale.minimum { high = upper }
        guard low <= high else { return nil }
        return low == high ? NumberStyle.grouped(low, decimals: 0) : "\(NumberStyle.grouped(low, decimals: 0)) – \(NumberStyle.grouped(high, decimals: 0))"
    }

    func render(standalone: Bool = true) -> String {
        let d = data()
        let scale = TileMap.classes(d)
        let whole = d.values.values.allSatisfy { $0 == $0.rounded() }
        let w = SVGChart.width, fs = SVGChart.fontSize, size = TileMap.tileSize, step = TileMap.tileSize + TileMap.gap
        var body = ""
        var y = 28.0
        body += svg.text(words.title(report), x: 16, y: y, size: 16, weight: "bold")
        y += 20
        body += svg.text(svg.subtitle, x: 16, y: y, size: fs, fill: "#555")
        y += 24
        let top = y, left = 24.0
        for tile in ProvinceTiles.all {
            let x = left + Double(tile.column) * step, ty = top + Double(tile.row) * step
            let value = d.values[tile.code]
            let k = value.map { scale.index(of: $0) }
            let fill = k.map { TileMap.palette[$0] } ?? "url(#\(TileMap.noDataPattern))"
            let ink = (k ?? 0) >= TileMap.darkFrom ? "#fff" : "#1f2328"
            let valueText = value.map { NumberStyle.grouped($0) } ?? words(.chartNoData)
            var tip = "\(words.language == .en ? tile.english : tile.short): \(valueText)"
            if let p = d.planned[tile.code] { tip += "; \(p.name): \(NumberStyle.grouped(p.value))" }
            body += "<g class=\"tile\" data-code=\"\(tile.code)\"\(value.map { " data-value=\"\(SVGChart.n($0))\"" } ?? " data-no-data=\"true\"")>"
            body += "<title>\(Markup.escape(tip))</title>"
            body += "<rect x=\"\(SVGChart.n(x))\" y=\"\(SVGChart.n(ty))\" width=\"\(SVGChart.n(size))\" height=\"\(SVGChart.n(size))\" rx=\"4\" fill=\"\(fill)\" stroke=\"#fff\"/>\n"
            body += svg.text(tile.short, x: x + size / 2, y: ty + 19, size: 13, anchor: "middle", fill: ink)
            body += svg.text(value.map { NumberStyle.grouped($0) } ?? "–", x: x + size / 2, y: ty + 41, size: 15, weight: "bold", anchor: "middle", fill: value == nil ? "#777" : ink)
            if let p = d.planned[tile.code] {
                body += "<circle cx=\"\(SVGChart.n(x + 9))\" cy=\"\(SVGChart.n(ty + size - 12))\" r=\"4\" fill=\"#f28e2b\" stroke=\"#fff\"/>"
                body += svg.text("\(p.name.replacingOccurrences(of: "市", with: "")) \(NumberStyle.grouped(p.value))", x: x + 16, y: ty + size - 8, size: 10.5, fill: ink)
            }
            body += "</g>\n"
        }
        // Legend, right of the grid: the value, five classes, no data, planned cities.
        let lx = left + Double(ProvinceTiles.columns) * step + 24
        var ly = top + 12
        body += svg.text(svg.valueLabel, x: lx, y: ly, size: 13, weight: "bold")
        ly += 10
        if !d.values.isEmpty {
            for i in (0..<scale.classes).reversed() {
                guard let label = legendText(scale, i, whole: whole) else { continue }
                body += "<rect x=\"\(SVGChart.n(lx))\" y=\"\(SVGChart.n(ly))\" width=\"18\" height=\"18\" fill=\"\(TileMap.palette[i])\"/>"
                body += svg.text(label, x: lx + 26, y: ly + 13, size: fs)
                ly += 24
            }
        }
        body += "<rect x=\"\(SVGChart.n(lx))\" y=\"\(SVGChart.n(ly))\" width=\"18\" height=\"18\" fill=\"url(#\(TileMap.noDataPattern))\" stroke=\"#ccc\"/>"
        body += svg.text(words(.chartNoData), x: lx + 26, y: ly + 13, size: fs)
        ly += 24
        if !d.planned.isEmpty {
            body += "<circle cx=\"\(SVGChart.n(lx + 9))\" cy=\"\(SVGChart.n(ly + 9))\" r=\"4\" fill=\"#f28e2b\"/>"
            body += svg.text(words(.chartPlannedCity), x: lx + 26, y: ly + 13, size: fs)
            ly += 24
        }
        y = max(top + Double(ProvinceTiles.rows) * step, ly) + 8
        var footnote = svg.footnote(SVGChart.Data())
        if d.unplaced > 0 { footnote.insert(words(.chartUnplaced, ["count": .integer(d.unplaced)]), at: 0) }
        let defs = "<defs><pattern id=\"\(TileMap.noDataPattern)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"6\" height=\"6\" fill=\"#eeeeee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c4c4c4\" stroke-width=\"2\"/></pattern></defs>\n"
        return svg.document(body, footnote: footnote, below: y, width: w, fontSize: fs, standalone: standalone, defs: defs)
    }
}
