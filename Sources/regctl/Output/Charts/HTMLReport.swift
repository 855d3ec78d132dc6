import Core
import Foundation

/// One self-contained HTML page from several reports: inline CSS and inline SVG charts, each report's
/// table, notes and filings, and a provenance section with every filing the numbers rest on. No script,
/// no external resource; a Content-Security-Policy forbids fetching any.
struct HTMLReport {
    /// One report on the page.
    struct Section {
        /// Anchor id, unique on the page (`rank-national`).
        var id: String
        var heading: String
        /// What the section answers, in a sentence.
        var lead: String
        /// The regctl command that reproduces it.
        var command: String
        var report: Report
        /// Show the rows as figure cards (label, value, unit) above the table: the profile.
        var cards: Bool = false
    }

    var title: String
    var subtitle: String
    var asOf: Day
    var asOfSource: String
    var sections: [Section]
    /// The loaded filings; the provenance lists those the sections name.
    var filings: [FilingInfo]
    /// When and with what the page was made, for the footer.
    var generator: String
    /// Numbers as people read them: separators, the money unit.
    var style = NumberStyle()
    /// The reader's language: every fixed word of the page, the reports' titles, headings and notes.
    var words = Words(.en)

    static let css = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --accent: #4e79a7; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff;
               font-family: 'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',system-ui,sans-serif;
               font-size: 15px; line-height: 1.5; }
        main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
        header h1 { font-size: 28px; margin: 0 0 4px; }
        header p { margin: 2px 0; color: var(--muted); }
        nav { margin: 16px 0 8px; padding: 8px 12px; background: var(--bg); border-radius: 6px; }
        nav a { margin-right: 16px; color: var(--accent); text-decoration: none; white-space: nowrap; }
        section { margin-top: 36px; border-top: 1px solid var(--line); padding-top: 8px; }
        h2 { font-size: 21px; margin: 8px 0 4px; }
        p.lead { margin: 0 0 12px; color: var(--muted); }
        code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 13px; background: var(--bg); padding: 1px 4px; border-radius: 4px; }
        figure { margin: 12px 0; }
        figure svg { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin: 12px 0; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--bg); }
        .card .value { font-size: 26px; font-weight: bold; font-variant-numeric: tabular-nums; }
        .card .unit { color: var(--muted); font-size: 13px; margin-left: 4px; }
        .card .label { font-size: 14px; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 13.5px; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
        th { background: var(--bg); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        ul.notes { color: var(--muted); font-size: 13.5px; padding-left: 20px; }
        p.sources { font-size: 13px; color: var(--muted); }
        p.sources a { color: var(--accent); }
        footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
        """

    func render() -> String {
        let e = Markup.escape
        var h = """
            <!DOCTYPE html>
            <html lang="\(words.language.tag)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="generator" content="\(e(generator))">
            <title>\(e(title))</title>
            <style>
            \(HTMLReport.css)
            </style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(e(title))</h1>
            <p>\(e(subtitle))</p>
            <p>\(words(.reportHeaderAsOf, ["date": .text("<strong id=\"as-of\">\(e(words.date(asOf)))</strong>"), "source": .text(e(words.asOfSource(asOfSource))),
                                              "provenance": .text("<a href=\"#provenance\">\(e(words(.reportProvenance)))</a>")]))</p>
            </header>
            <nav>\(sections.map { "<a href=\"#\(e($0.id))\">\(e($0.heading))</a>" }.joined(separator: " ")) <a href="#provenance">\(e(words(.reportProvenance)))</a></nav>

            """
        for s in sections { h += section(s) }
        h += provenance()
        h += "<footer>\(e(generator))</footer>\n</main>\n</body>\n</html>\n"
        return h
    }

    func section(_ s: Section) -> String {
        let e = Markup.escape
        let r = s.report
        var h = "<section id=\"\(e(s.id))\">\n<h2>\(e(s.heading))</h2>\n<p class=\"lead\">\(e(s.lead)) <code>\(e(s.command))</code></p>\n"
        if s.cards { h += cards(r) }
        if !r.rows.isEmpty, let chart = SVGFormat.drawing(r, style: style, words: words, standalone: false) {
            h += "<figure>\n\(chart)</figure>\n"
        }
        h += table(r)
        let notes = words.notes(r)
        if !notes.isEmpty { h += "<ul class=\"notes\">" + notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n" }
        h += "<p class=\"sources\">" + e(words(.reportSourceFilings, ["count": .integer(r.filings.count)]))
            + r.filings.map { "<a href=\"#filing-\(HTMLReport.anchor($0))\">\(e($0))</a>" }.joined(separator: ", ") + "</p>\n"
        h += "</section>\n"
        return h
    }

    /// The profile's figures as cards: label, value and unit of each row.
    func cards(_ r: Report) -> String {
        let e = Markup.escape
        func column(_ name: String) -> Int? { r.columns.firstIndex { $0.name == name } }
        guard let label = column("label"), let value = column("value") else { return "" }
        let unit = column("unit"), figure = column("figure")
        var h = "<div class=\"cards\">"
        for row in r.rows {
            let v = row[value]
            let text: String
            // Every figure is a count, an area, an amount or a rank (none a year or a code): all read
            // with separators, 1,486 as 264,581,167.14.
            switch v {
            case .number(let d): text = HTMLReport.grouped(d)
            case .integer(let i): text = NumberStyle.grouped(String(i))
            default: text = v.description.isEmpty ? "–" : words.label(v)
            }
            // "firms" and "rank" go without saying under a count and a rank: the English as written decides.
            let u = unit.map { row[$0].description } ?? ""
            let id = figure.map { " data-figure=\"\(e(row[$0].description))\"" } ?? ""
            h += "<div class=\"card\"\(id)><div class=\"label\">\(e(words.label(row[label])))</div><div><span class=\"value\">\(e(text))</span><span class=\"unit\">\(e(u == "firms" || u == "rank" ? "" : unit.map { words.label(row[$0]) } ?? ""))</span></div></div>"
        }
        return h + "</div>\n"
    }

    /// A number with thousands separators and at most two decimals: 264,581,167.14.
    static func grouped(_ d: Double) -> String {
        NumberStyle.grouped(Report.Value.number(d).formatted(as: d == d.rounded() ? .number : .money))
    }

    func table(_ r: Report) -> String {
        let e = Markup.escape
        func numeric(_ t: Report.ColumnType) -> Bool { t == .integer || t == .number || t == .money }
        var h = "<div class=\"table-wrap\"><table>\n<thead><tr>"
        h += r.columns.map { "<th\(numeric($0.type) ? " class=\"num\"" : "")>\(e(words.heading($0, style)))</th>" }.joined()
        h += "</tr></thead>\n<tbody>\n"
        for row in r.rows {
            h += "<tr>"
            for (i, c) in r.columns.enumerated() {
                let v = i < row.count ? row[i] : .null
                h += "<td\(numeric(c.type) ? " class=\"num\"" : "")>\(e(words.cell(v, in: c, style)))</td>"
            }
            h += "</tr>\n"
        }
        if r.rows.isEmpty { h += "<tr><td colspan=\"\(max(1, r.columns.count))\">\(e(words(.outputNoRows)))</td></tr>\n" }
        return h + "</tbody></table></div>\n"
    }

    /// A filing id as an HTML id: letters, digits, `-`, `_` and `.` kept, anything else as `_XX` hex.
    static func anchor(_ id: String) -> String {
        var out = ""
        for b in id.utf8 {
            let c = Character(Unicode.Scalar(b))
            if c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == ".") { out.append(c) } else { out += "_" + String(format: "%02X", b) }
        }
        return out
    }

    /// Every filing any section rests on: id, authority, issued, title, source file, SHA-256 prefix, and the sections using it.
    func provenance() -> String {
        let e = Markup.escape
        var usedBy: [String: [Section]] = [:]
        for s in sections { for f in Set(s.report.filings) { usedBy[f, default: []].append(s) } }
        let known = Dictionary(filings.map { ($0.header.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ids = usedBy.keys.sorted()
        var h = "<section id=\"provenance\">\n<h2>\(e(words(.reportProvenance)))</h2>\n"
        h += "<p class=\"lead\">" + words(.reportProvenanceLead, ["count": .integer(ids.count), "loaded": .integer(filings.count), "command": "<code>regctl filings</code>"]) + "</p>\n"
        let headings: [CLIKey] = [.reportColumnFiling, .reportColumnAuthority, .reportColumnIssued, .reportColumnTitle, .reportColumnSource, .reportColumnHash, .reportColumnUsedIn]
        h += "<div class=\"table-wrap\"><table>\n<thead><tr>" + headings.map { "<th>\(e(words($0)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for id in ids {
            let f = known[id]
            let used = (usedBy[id] ?? []).map { "<a href=\"#\(e($0.id))\">\(e($0.heading))</a>" }.joined(separator: ", ")
            h += "<tr id=\"filing-\(HTMLReport.anchor(id))\"><td><code>\(e(id))</code></td>"
            if let f {
                h += "<td>\(e(f.header.authority))</td><td>\(f.header.issued.map { e(words.date($0)) } ?? "")</td><td>\(e(f.header.title ?? ""))</td>"
                h += "<td>\(e(f.source))</td><td><code>\(e(String(f.sha256.prefix(12))))</code></td>"
            } else {
                h += "<td colspan=\"5\">\(e(words(.reportNotLoaded)))</td>"
            }
            h += "<td>\(used)</td></tr>\n"
        }
        return h + "</tbody></table></div>\n</section>\n"
    }
}
