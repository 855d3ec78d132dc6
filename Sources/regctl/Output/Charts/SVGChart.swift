import Core
import Foundation

/// Draws a report with a chart hint (`Report.Chart`) as one self-contained SVG: real `<text>` in a
/// font stack that ends in CJK-capable system families and generic `sans-serif`, no external font,
/// image or script. Title, subtitle with the as-of date, axis labels, legend, and a footnote listing
/// the source filings. Labels are measured with `DisplayWidth` (CJK = two columns) to lay out margins.
struct SVGChart {
    let report: Report
    let chart: Report.Chart
    /// The reader's language for titles, labels and the footnote.
    var words = Words(.en)

    /// The generic font stack: Chinese names render with whatever CJK font the viewer has.
    static let fontFamily = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',sans-serif"
    /// Colours of successive series (segments, lines).
    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
    /// Bars (rows) drawn at most; lines drawn at most. Further rows are counted in the footnote.
    static let maxBars = 40
    static let maxLines = 10
    /// Filing ids listed in the footnote before "… and N more".
    static let maxFilings = 12

    static let width = 880.0
    static let fontSize = 12.0

    init?(_ report: Report) {
        guard let chart = report.chart else { return nil }
        self.report = report
        self.chart = chart
    }

    /// Estimated rendered width of a label in pixels at `size`: 0.6 em per display column.
    static func textWidth(_ s: String, size: Double = fontSize) -> Double { Double(DisplayWidth.of(s)) * size * 0.6 }

    /// A number as an SVG coordinate: at most one decimal.
    static func n(_ d: Double) -> String {
        let r = (d * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    // MARK: data

    /// The chart's data: one entry per bar or line (`labels`), one value per segment or x point (`parts`).
    struct Data {
        var labels: [String] = []
        var parts: [String] = []
        /// values[label][part]; nil where the cell is empty.
        var values: [[Double?]] = []
        /// Rows not drawn because of the limits.
        var omitted = 0
    }

    static func number(_ v: Report.Value) -> Double? {
        switch v {
        case .integer(let i): Double(i)
        case .number(let d): d.isFinite ? d : nil
        case .text(let s): Double(s)
        case .words, .null: nil
        }
    }

    func data() -> Data {
        let columns = report.columns
        func index(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
        func cell(_ row: [Report.Value], _ i: Int?) -> Report.Value { i.flatMap { $0 < row.count ? row[$0] : nil } ?? .null }
        var d = Data()
        let category = index(chart.category)
        if let series = chart.series {
            // Long table: pivot. Lines are series with x = category; bars are categories with segments = series.
            let s = index(series), v = chart.values.first.flatMap(index)
            var labels: [String] = [], parts: [String] = []
            var table: [String: [String: Double]] = [:]
            for row in report.rows {
                let c = words.label(cell(row, category)), k = words.label(cell(row, s))
                let (label, part) = chart.kind == .line ? (k, c) : (c, k)
                if !labels.contains(label) { labels.append(label) }
                if !parts.contains(part) { parts.append(part) }
                if let x = SVGChart.number(cell(row, v)) { table[label, default: [:]][part] = x }
            }
            d.labels = labels
            d.parts = parts
            d.values = labels.map { l in parts.map { table[l]?[$0] } }
        } else {
            let vs = chart.values.map(index)
            d.parts = chart.values.enumerated().map { i, name in vs[i].map { words(columns[$0].wordedTitle ?? Wording(columns[$0].name)) } ?? name }
            for row in report.rows {
                d.labels.append(words.label(cell(row, category)))
                var values = vs.map { SVGChart.number(cell(row, $0)) }
                // Diverging: the columns after the first are losses, stated as positive counts; drawn
                // to the left of zero, so that each bar's total is the net.
                if chart.kind == .divergingBar { for j in values.indices.dropFirst() { values[j] = values[j].map { -abs($0) } } }
                d.values.append(values)
            }
        }
        let limit = chart.kind == .line ? SVGChart.maxLines : SVGChart.maxBars
        if d.labels.count > limit {
            d.omitted = d.labels.count - limit
            d.labels = Array(d.labels.prefix(limit))
            d.values = Array(d.values.prefix(limit))
        }
        return d
    }

    // MARK: scale

    /// Axis ticks from `lo` to `hi` at a 1, 2 or 5 × 10^k step, about five of them.
    static func ticks(lo: Double, hi: Double) -> (lo: Double, hi: Double, step: Double) {
        var lo = lo, hi = hi
        if hi - lo <= 0 { hi = lo + 1 }
        let raw = (hi - lo) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        lo = floor(lo / step) * step
        hi = ceil(hi / step) * step
        return (lo, hi, step)
    }

    /// A tick or value label: integers with thousands separators, large values in k/M/B, fractions with up to three decimals.
    static func label(_ v: Double, step: Double? = nil) -> String {
        let a = abs(v)
        if a >= 1e9 { return trimmed(v / 1e9, 2) + "B" }
        if a >= 1e6 { return trimmed(v / 1e6, 2) + "M" }
        if a >= 1e4 && (step ?? 1) >= 1 { return trimmed(v / 1e3, 1) + "k" }
        if v == v.rounded() { return NumberStyle.grouped(String(Int(v))) }
        return trimmed(v, a < 1 ? 3 : 2)
    }

    static func trimmed(_ v: Double, _ decimals: Int) -> String {
        var t = String(format: "%.\(decimals)f", v)
        if t.contains(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        return t == "-0" ? "0" : t
    }

    // MARK: drawing

    /// The SVG document; `standalone` adds the XML declaration and namespace-qualified root for a file.
    func render(standalone: Bool = true) -> String {
        let d = data()
        let w = SVGChart.width, fs = SVGChart.fontSize
        var body = ""
        var y = 28.0
        // Title and subtitle.
        body += text(words.title(report), x: 16, y: y, size: 16, weight: "bold")
        y += 20
        body += text(subtitle, x: 16, y: y, size: fs, fill: "#555")
        y += 16
        // Legend for several segments or lines.
        let legendItems: [String] = chart.kind == .line ? d.labels : (d.parts.count > 1 ? d.parts : [])
        if !legendItems.isEmpty {
            y += 8
            var x = 16.0
            for (i, item) in legendItems.enumerated() {
                let itemWidth = 18 + SVGChart.textWidth(item) + 16
                if x + itemWidth > w - 16 { x = 16; y += 18 }
                body += "<rect x=\"\(SVGChart.n(x))\" y=\"\(SVGChart.n(y - 10))\" width=\"12\" height=\"12\" fill=\"\(chart.kind == .line ? SVGChart.color(i) : segmentColor(i, parts: legendItems.count))\"/>"
                body += text(item, x: x + 16, y: y, size: fs)
                x += itemWidth
            }
            y += 10
        }
        y += 12
        let plot: String
        let plotHeight: Double
        if d.labels.isEmpty {
            plotHeight = 40
            plot = text(words(.chartNoRows), x: w / 2, y: y + 24, size: fs, anchor: "middle", fill: "#555")
        } else if chart.kind == .line {
            (plot, plotHeight) = lines(d, top: y)
        } else {
            (plot, plotHeight) = bars(d, top: y)
        }
        body += plot
        y += plotHeight + 12
        // Footnote: the source filings.
        return document(body, footnote: footnote(d), below: y, width: w, fontSize: fs, standalone: standalone)
    }

    /// The SVG document around a chart's `body`: the footnote lines from `below` on, the size, the
    /// title for screen readers, a white ground, and any `defs` (patterns) the body refers to. Every
    /// chart kind ends this way (the bar and line charts here, the tile map).
    func document(_ body: String, footnote: [String], below top: Double, width w: Double, fontSize fs: Double,
                  standalone: Bool, defs: String = "") -> String {
        var body = body, y = top
        for line in footnote {
            y += 14
            body += text(line, x: 16, y: y, size: 10.5, fill: "#555")
        }
        y += 14
        let h = y.rounded(.up)
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGChart.n(w))\" height=\"\(SVGChart.n(h))\" viewBox=\"0 0 \(SVGChart.n(w)) \(SVGChart.n(h))\" "
        out += "font-family=\"\(SVGChart.fontFamily)\" font-size=\"\(SVGChart.n(fs))\" role=\"img\" aria-label=\"\(Markup.escape(words.title(report)))\">\n"
        out += "<title>\(Markup.escape(words.title(report)))</title>\n"
        out += defs
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
        out += body
        out += "</svg>\n"
        return out
    }

    static func color(_ i: Int) -> String { palette[i % palette.count] }

    /// Colours of a diverging chart's gains and losses: green and red, whatever the palette's order.
    static let divergingPalette = ["#59a14f", "#e15759"]

    /// The colour of segment `j` of a bar.
    func segmentColor(_ j: Int, parts: Int) -> String {
        if chart.kind == .divergingBar { return SVGChart.divergingPalette[min(j, 1)] }
        return SVGChart.color(parts > 1 ? j : 0)
    }

    func text(_ s: String, x: Double, y: Double, size: Double, weight: String? = nil, anchor: String? = nil, fill: String? = nil, rotate: Bool = false) -> String {
        var attrs = "x=\"\(SVGChart.n(x))\" y=\"\(SVGChart.n(y))\""
        if size != SVGChart.fontSize { attrs += " font-size=\"\(SVGChart.n(size))\"" }
        if let weight { attrs += " font-weight=\"\(weight)\"" }
        if let anchor { attrs += " text-anchor=\"\(anchor)\"" }
        if let fill { attrs += " fill=\"\(fill)\"" }
        if rotate { attrs += " transform=\"rotate(-90 \(SVGChart.n(x)) \(SVGChart.n(y)))\"" }
        return "<text \(attrs)>\(Markup.escape(s))</text>\n"
    }

    /// The subtitle: as of the date, and where the date came from.
    var subtitle: String {
        words(.chartAsOf, ["date": .text(words.date(report.asOf)), "source": .text(words.asOfSource(report.asOfSource))])
    }

    var valueLabel: String {
        if let l = chart.wordedValueLabel { return words(l) }
        if chart.series == nil, chart.values.count == 1, let c = report.columns.first(where: { $0.name == chart.values[0] }) { return words(c.wordedTitle ?? Wording(c.name)) }
        return chart.values.joined(separator: ", ")
    }

    var categoryLabel: String? { chart.wordedCategoryLabel.map { words($0) } }

    /// Horizontal bars, one per label, segments stacked left to right; the value axis below.
    func bars(_ d: Data, top: Double) -> (String, Double) {
        let fs = SVGChart.fontSize, w = SVGChart.width
        let barHeight = 18.0, gap = 6.0
        let labelWidth = min(320, max(60, d.labels.map { SVGChart.textWidth($0) }.max() ?? 0))
        let left = 16 + labelWidth + 10
        let totals = d.values.map { $0.compactMap { $0 }.reduce(0, +) }
        let negatives = d.values.map { $0.compactMap { $0 }.filter { $0 < 0 }.reduce(0, +) }
        let positives = d.values.map { $0.compactMap { $0 }.filter { $0 > 0 }.reduce(0, +) }
        // A diverging bar ends in its net, signed: +3 reads as a gain where 3 could be a count.
        func totalText(_ v: Double) -> String { chart.kind == .divergingBar && v > 0 ? "+" + SVGChart.label(v) : SVGChart.label(v) }
        let widestTotal = totals.map { SVGChart.textWidth(totalText($0)) }.max() ?? 0
        let right = w - 24 - widestTotal
        let scale = SVGChart.ticks(lo: min(0, negatives.min() ?? 0), hi: max(0, positives.max() ?? 0))
        func x(_ v: Double) -> Double { left + (v - scale.lo) / (scale.hi - scale.lo) * (right - left) }
        var out = ""
        if let categoryLabel {
            out += text(categoryLabel, x: left - 10, y: top - 2, size: 11, anchor: "end", fill: "#555")
        }
        let plotTop = top + 4
        let plotHeight = Double(d.labels.count) * (barHeight + gap)
        // Grid and ticks.
        var t = scale.lo
        while t <= scale.hi + scale.step / 2 {
            let gx = x(t)
            out += "<line x1=\"\(SVGChart.n(gx))\" y1=\"\(SVGChart.n(plotTop))\" x2=\"\(SVGChart.n(gx))\" y2=\"\(SVGChart.n(plotTop + plotHeight))\" stroke=\"#e5e5e5\"/>\n"
            out += text(SVGChart.label(t, step: scale.step), x: gx, y: plotTop + plotHeight + 14, size: 11, anchor: "middle", fill: "#333")
            t += scale.step
        }
        out += "<line x1=\"\(SVGChart.n(x(0)))\" y1=\"\(SVGChart.n(plotTop))\" x2=\"\(SVGChart.n(x(0)))\" y2=\"\(SVGChart.n(plotTop + plotHeight))\" stroke=\"#333\"/>\n"
        for (i, label) in d.labels.enumerated() {
            let by = plotTop + Double(i) * (barHeight + gap) + gap / 2
            out += text(SVGChart.clip(label, to: labelWidth), x: left - 8, y: by + barHeight / 2 + fs * 0.35, size: fs, anchor: "end")
            var pos = 0.0, neg = 0.0
            for (j, value) in d.values[i].enumerated() {
                guard let v = value, v != 0 else { continue }
                let from = v > 0 ? pos : neg + v
                if v > 0 { pos += v } else { neg += v }
                let x0 = x(from), x1 = x(from + abs(v))
                out += "<rect x=\"\(SVGChart.n(x0))\" y=\"\(SVGChart.n(by))\" width=\"\(SVGChart.n(max(0.5, x1 - x0)))\" height=\"\(SVGChart.n(barHeight))\" fill=\"\(segmentColor(j, parts: d.parts.count))\">"
                out += "<title>\(Markup.escape("\(label) · \(d.parts[j]): \(SVGChart.label(v))"))</title></rect>\n"
            }
            let known = d.values[i].contains { $0 != nil }
            out += text(known ? totalText(totals[i]) : "–", x: x(pos) + 4, y: by + barHeight / 2 + fs * 0.35, size: 11, fill: "#333")
        }
        out += text(valueLabel, x: (left + right) / 2, y: plotTop + plotHeight + 32, size: 11, anchor: "middle", fill: "#555")
        return (out, plotHeight + 40)
    }

    /// Lines through the parts (x points), one per label; the value axis on the left.
    func lines(_ d: Data, top: Double) -> (String, Double) {
        let w = SVGChart.width
        let height = 300.0
        let all = d.values.flatMap { $0.compactMap { $0 } }
        let scale = SVGChart.ticks(lo: min(0, all.min() ?? 0), hi: max(0, all.max() ?? 0))
        let tickWidth = stride(from: scale.lo, through: scale.hi, by: scale.step).map { SVGChart.textWidth(SVGChart.label($0, step: scale.step), size: 11) }.max() ?? 20
        let left = 16 + 18 + tickWidth + 8, right = w - 32
        let plotTop = top + 4, plotBottom = top + 4 + height
        func x(_ i: Int) -> Double { d.parts.count == 1 ? (left + right) / 2 : left + Double(i) / Double(d.parts.count - 1) * (right - left) }
        func y(_ v: Double) -> Double { plotBottom - (v - scale.lo) / (scale.hi - scale.lo) * height }
        var out = ""
        var t = scale.lo
        while t <= scale.hi + scale.step / 2 {
            out += "<line x1=\"\(SVGChart.n(left))\" y1=\"\(SVGChart.n(y(t)))\" x2=\"\(SVGChart.n(right))\" y2=\"\(SVGChart.n(y(t)))\" stroke=\"\(t == 0 ? "#333" : "#e5e5e5")\"/>\n"
            out += text(SVGChart.label(t, step: scale.step), x: left - 6, y: y(t) + 4, size: 11, anchor: "end", fill: "#333")
            t += scale.step
        }
        for (i, part) in d.parts.enumerated() {
            out += text(part, x: x(i), y: plotBottom + 16, size: 11, anchor: "middle", fill: "#333")
        }
        for (i, label) in d.labels.enumerated() {
            let c = SVGChart.color(i)
            var segment: [String] = []
            var paths: [[String]] = []
            for (j, v) in d.values[i].enumerated() {
                if let v { segment.append("\(SVGChart.n(x(j))),\(SVGChart.n(y(v)))") } else if !segment.isEmpty { paths.append(segment); segment = [] }
            }
            if !segment.isEmpty { paths.append(segment) }
            for p in paths where p.count > 1 {
                out += "<polyline points=\"\(p.joined(separator: " "))\" fill=\"none\" stroke=\"\(c)\" stroke-width=\"2\"/>\n"
            }
            for (j, v) in d.values[i].enumerated() {
                guard let v else { continue }
                out += "<circle cx=\"\(SVGChart.n(x(j)))\" cy=\"\(SVGChart.n(y(v)))\" r=\"3\" fill=\"\(c)\"><title>\(Markup.escape("\(label) · \(d.parts[j]): \(SVGChart.label(v))"))</title></circle>\n"
            }
        }
        out += text(valueLabel, x: 24, y: (plotTop + plotBottom) / 2, size: 11, anchor: "middle", fill: "#555", rotate: true)
        if let categoryLabel {
            out += text(categoryLabel, x: (left + right) / 2, y: plotBottom + 34, size: 11, anchor: "middle", fill: "#555")
        }
        return (out, height + 44)
    }

    /// A label cut to `width` pixels with an ellipsis.
    static func clip(_ s: String, to width: Double) -> String {
        guard textWidth(s) > width else { return s }
        var out = ""
        for ch in s {
            if textWidth(out + String(ch) + "…") > width { break }
            out.append(ch)
        }
        return out + "…"
    }

    /// Lines of the footnote: rows left out, and the source filings (at most `maxFilings` ids).
    func footnote(_ d: Data) -> [String] {
        var parts: [String] = []
        if d.omitted > 0 {
            parts.append(words(.chartRowsOmitted, ["shown": .integer(d.labels.count), "total": .integer(d.labels.count + d.omitted)]))
        }
        let ids = report.filings
        var list = ids.prefix(SVGChart.maxFilings).joined(separator: ", ")
        if ids.count > SVGChart.maxFilings { list = words(.chartSourcesMore, ["ids": .text(list), "count": .integer(ids.count - SVGChart.maxFilings)]) }
        parts.append(ids.isEmpty ? words(.chartSourcesNone) : words(.chartSources, ["count": .integer(ids.count), "ids": .text(list)]) + words(.sentenceEnd))
        parts.append(words(.chartFootnote))
        // Wrap at the chart's width.
        let limit = SVGChart.width - 32
        var lines: [String] = []
        for p in parts {
            var line = ""
            for word in p.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if SVGChart.textWidth(candidate, size: 10.5) > limit, !line.isEmpty { lines.append(line); line = String(word) } else { line = candidate }
            }
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }
}

/// `--format svg`: the report's chart. Only reports with a chart hint reach it (PluginRunner checks).
struct SVGFormat: ReportFormat {
    var style = NumberStyle()
    var words = Words(.en)

    func render(_ report: Report) -> String {
        SVGFormat.drawing(report, style: style, words: words) ?? SVGFormat.noChart(report)
    }

    /// The report's chart as SVG, whatever its kind (bars and lines, or the tile map); nil without one.
    /// `standalone: false` for inline SVG in HTML (no XML declaration).
    static func drawing(_ report: Report, style: NumberStyle = NumberStyle(), words: Words = Words(.en), standalone: Bool = true) -> String? {
        if let map = TileMap(report, style: style, words: words) { return map.render(standalone: standalone) }
        guard var chart = SVGChart(report) else { return nil }
        chart.words = words
        return chart.render(standalone: standalone)
    }

    /// An SVG saying there is no chart, for a report that reached the renderer without one.
    static func noChart(_ report: Report) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"40\"><text x=\"8\" y=\"24\">"
            + Markup.escape("\(report.title): no chart") + "</text></svg>\n"
    }
}
