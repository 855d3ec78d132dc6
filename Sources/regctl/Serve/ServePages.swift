import Core
import Foundation

/// The server's HTML pages: server-rendered, no script, every value through `Markup.escape`, charts
/// as the inline SVG `--format svg` draws, tables and figure cards as `regctl report` makes them.
struct ServePages {
    let handler: ServeHandler
    /// The request: its language, its path and query (for the language switch).
    var request: ServeRequest
    /// The page's words, in the request's language.
    var words: Words { request.words }

    init(handler: ServeHandler, request: ServeRequest) {
        self.handler = handler
        self.request = request
    }

    static let css = HTMLReport.css + """

        header.site { background: var(--bg); border-bottom: 1px solid var(--line); }
        header.site div { max-width: 1200px; margin: 0 auto; padding: 10px 32px; }
        header.site a { margin-right: 14px; color: var(--accent); text-decoration: none; white-space: nowrap; }
        header.site a.home { font-weight: bold; color: var(--ink); }
        form.params { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px 16px; padding: 12px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); }
        form.params label { display: block; font-size: 13px; }
        form.params span.help { display: block; color: var(--muted); font-size: 12px; }
        form.params input[type=text], form.params input[type=number], form.params input[type=date], form.params select { width: 100%; padding: 3px 4px; }
        form.params .submit { align-self: end; }
        p.error { color: #b42318; background: #fef3f2; border: 1px solid #fecdca; padding: 8px 12px; border-radius: 6px; }
        p.api a { color: var(--accent); margin-right: 10px; }
        ul.plugins li { margin: 4px 0; }
        header.site a.lang { float: right; margin-right: 0; }
        """

    /// A link within the site: `path` (already percent-encoded) and `query`, with the page's language
    /// when the query chose it (a language from the header needs no carrying), HTML-escaped.
    func href(_ path: String, _ query: [(String, String)] = []) -> String {
        let all = query + (request.languageInQuery ? [("lang", words.language.rawValue)] : [])
        return Markup.escape(path + (all.isEmpty ? "" : "?" + all.map { ServeQuery.pct($0.0) + "=" + ServeQuery.pct($0.1) }.joined(separator: "&")))
    }

    /// This page in the other language: the same path and query, `lang` switched.
    var languageSwitch: String {
        let other: Language = words.language == .zh ? .en : .zh
        let query = request.pairs.map { ServeQuery.pct($0.name) + ($0.value.map { "=" + ServeQuery.pct($0) } ?? "") } + ["lang=" + other.rawValue]
        return "<a class=\"lang\" id=\"language-switch\" hreflang=\"\(other.tag)\" lang=\"\(other.tag)\" href=\"\(Markup.escape(request.path + "?" + query.joined(separator: "&")))\">\(Markup.escape(words(.serveOtherLanguage)))</a>"
    }

    /// A hidden field that keeps the page's language in a form's answer, when the query chose it.
    var languageField: String {
        request.languageInQuery ? "<input type=\"hidden\" name=\"lang\" value=\"\(words.language.rawValue)\">" : ""
    }

    /// A whole page around `body`.
    func page(title: String, body: String) -> String {
        let e = Markup.escape
        let nav = handler.plugins.filter { $0.id != "explain" }.map { "<a href=\"\(href("/" + ServeQuery.pct($0.id)))\">\(e($0.id))</a>" }.joined(separator: " ")
        return """
            <!DOCTYPE html>
            <html lang="\(words.language.tag)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title)) · regctl</title>
            <style>
            \(ServePages.css)
            </style>
            </head>
            <body>
            <header class="site"><nav aria-label="\(e(words(.serveNavLabel)))"><div><a class="home" href="\(href("/"))">regctl</a> \(nav) <a href="\(href("/search"))">\(e(words(.serveNavSearch)))</a> \(languageSwitch)</div></nav></header>
            <main>
            \(body)
            <footer>\(e(words(.serveFooter, ["version": .text(RegCtl.version)])))</footer>
            </main>
            </body>
            </html>

            """
    }

    /// The words of `key` escaped, with each `html` argument put in as the HTML given (already escaped).
    func rich(_ key: CLIKey, text: [String: String] = [:], html: [String: String] = [:]) -> String {
        var arguments: [String: Message.Argument] = text.mapValues { .text($0) }
        // A private-use character marks where each piece of HTML goes: escaping leaves it alone, and
        // no catalogue or registry text holds it.
        for name in html.keys { arguments[name] = .text("\u{E000}\(name)\u{E000}") }
        var out = Markup.escape(words(key, arguments))
        for (name, value) in html { out = out.replacingOccurrences(of: "\u{E000}\(name)\u{E000}", with: value) }
        return out
    }

    /// A plugin's descriptor in the page's language (an external plugin's from its own catalogue).
    func described(_ runner: PluginRunner) -> PluginDescriptor? {
        switch runner.plugin {
        case .builtIn(let p): p.descriptor.words(in: words.language, catalogue: words.catalogue)
        case .external(let x): x.descriptor?.words(in: words.language, catalogue: x.messages)
        }
    }

    /// A whole number with thousands separators.
    static func count(_ n: Int) -> String { NumberStyle.grouped(String(n)) }

    func html(_ status: Int, title: String, body: String) -> ServeResponse {
        ServeResponse(status: status, contentType: "text/html; charset=utf-8", body: page(title: title, body: body))
    }

    /// `/`: filings loaded, the as-of date, the national ranking of provinces, and every plugin.
    func home() -> ServeResponse {
        let e = Markup.escape
        guard let rank = handler.plugin("rank") else { return errorPage(500, message: words(.serveErrorNotFound)) }
        let filings: [FilingInfo]
        let report: Report
        do {
            filings = try handler.store.filings()
            report = try rank.report(try rank.webInvocation([], words: words), store: handler.store, location: handler.location, words: words)
        } catch let error as PluginRunner.WebFailure {
            return errorPage(error, title: "regctl")
        } catch {
            return failurePage(error)
        }
        let records = filings.reduce(0) { $0 + $1.total }
        var b = "<header><h1>\(e(words(.serveHomeTitle)))</h1>\n"
        b += "<p>" + rich(.serveHomeSummary, text: ["source": words.asOfSource(report.asOfSource)],
                          html: ["filings": "<strong id=\"filings-count\">\(ServePages.count(filings.count))</strong>", "records": ServePages.count(records),
                                 "date": "<strong id=\"as-of\">\(e(words.date(report.asOf)))</strong>"]) + "</p>\n"
        b += "<form method=\"get\" action=\"/search\">\(languageField)<label for=\"q\">\(e(words(.serveSearchLabel)))</label> <input id=\"q\" type=\"text\" name=\"q\" placeholder=\"\(e(words(.serveSearchPlaceholder)))\"> <button type=\"submit\">\(e(words(.serveSearchButton)))</button></form></header>\n"
        b += section(report, heading: words(.serveHomeRank), runner: rank, pairs: [], id: "rank")
        b += "<section id=\"plugins\"><h2>\(e(words(.serveAnalyses)))</h2>\n<ul class=\"plugins\">\n"
        for p in handler.plugins where p.id != "explain" {
            let summary = described(p)?.summary ?? words(.serveExternalPlugin)
            b += "<li><a href=\"\(href("/" + ServeQuery.pct(p.id)))\">\(e(p.id))</a> — \(e(summary))</li>\n"
        }
        b += "</ul></section>\n"
        b += "<section id=\"filings\"><h2>\(e(words(.serveFilingsNewest)))</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>\(e(words(.reportColumnFiling)))</th><th>\(e(words(.reportColumnAuthority)))</th><th>\(e(words(.reportColumnIssued)))</th><th>\(e(words(.reportColumnTitle)))</th><th class=\"num\">\(e(words(.serveColumnRecords)))</th></tr></thead>\n<tbody>\n"
        for f in filings.sorted(by: { $0.sequence > $1.sequence }) {
            b += "<tr><td><a href=\"\(href("/filings/" + ServeQuery.pct(f.header.id)))\">\(e(f.header.id))</a></td><td>\(e(f.header.authority))</td><td>\(f.header.issued.map { e(words.date($0)) } ?? "")</td><td>\(e(f.header.title ?? ""))</td><td class=\"num\">\(ServePages.count(f.total))</td></tr>\n"
        }
        b += "</tbody></table></div></section>\n"
        return html(200, title: words(.serveHomeTitle), body: b)
    }

    /// The command that gives the same answer: `regctl rank --level national …`.
    static func command(_ runner: PluginRunner, _ pairs: [(name: String, value: String?)]) -> String {
        var words = ["regctl", runner.id]
        let positional = Set(runner.descriptor?.parameters.filter(\.positional).map(\.name) ?? [])
        for p in pairs {
            if positional.contains(p.name), let v = p.value {
                words.append(PluginRunner.shellQuote(v))
            } else if let v = p.value {
                if v == "true", case .flag? = runner.descriptor?.parameters.first(where: { $0.name == p.name })?.kind { words.append("--\(p.name)") } else { words += ["--\(p.name)", PluginRunner.shellQuote(v)] }
            } else {
                words.append("--\(p.name)")
            }
        }
        return words.joined(separator: " ")
    }

    /// A report as a section: chart, cards (the profile), table, notes, source filings, command, API links.
    func section(_ r: Report, heading: String, runner: PluginRunner, pairs: [(name: String, value: String?)], id: String) -> String {
        let e = Markup.escape
        var h = "<section id=\"\(e(id))\">\n<h2>\(e(heading))</h2>\n"
        h += "<p class=\"lead\">" + e(words(.outputAsOf, ["title": .text(words.title(r)), "date": .text(words.date(r.asOf)), "source": .text(words.asOfSource(r.asOfSource))]))
            + words(.sentenceEnd) + " " + e(words(.serveSameCommand)) + " <code id=\"command\">\(e(ServePages.command(runner, pairs)))</code></p>\n"
        let helper = HTMLReport(title: "", subtitle: "", asOf: r.asOf, asOfSource: r.asOfSource, sections: [], filings: [], generator: "", words: words)
        if runner.id == "profile" { h += helper.cards(r) }
        if !r.rows.isEmpty, let chart = SVGFormat.drawing(r, words: words, standalone: false) { h += "<figure>\n\(chart)</figure>\n" }
        h += helper.table(r)
        let notes = words.notes(r)
        if !notes.isEmpty { h += "<ul class=\"notes\">" + notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n" }
        h += "<p class=\"sources\">" + e(words(.reportSourceFilings, ["count": .integer(r.filings.count)])) + r.filings.map { "<a href=\"\(href("/filings/" + ServeQuery.pct($0)))\">\(e($0))</a>" }.joined(separator: ", ") + "</p>\n"
        let query = pairs.map { ServeQuery.pct($0.name) + ($0.value.map { "=" + ServeQuery.pct($0) } ?? "") }.joined(separator: "&")
        let api = "/api/v1/\(ServeQuery.pct(runner.id))"
        h += "<p class=\"api\">" + e(words(.serveAnswerAsData)) + " "
        for format in ["json", "csv", "md"] + (r.chart == nil ? [] : ["svg"]) {
            h += "<a href=\"\(e(api + "?" + (query.isEmpty ? "" : query + "&") + "format=" + format))\">\(format)</a>"
        }
        return h + "</p>\n</section>\n"
    }

    /// The form of a plugin's parameters, made from its descriptor, filled with the values asked for.
    func form(_ runner: PluginRunner, pairs: [(name: String, value: String?)]) -> String {
        let e = Markup.escape
        let given = Dictionary(pairs.map { ($0.name, $0.value ?? "true") }, uniquingKeysWith: { a, _ in a })
        var h = "<form class=\"params\" method=\"get\" action=\"/\(e(ServeQuery.pct(runner.id)))\">\n"
        h += languageField
        for p in described(runner)?.parameters ?? [] {
            let name = e(p.name)
            let value = given[p.name]
            h += "<div><label for=\"p-\(name)\">\(name)</label>"
            switch p.kind {
            case .choice(let options):
                h += "<select id=\"p-\(name)\" name=\"\(name)\">"
                if p.defaultValue == nil { h += "<option value=\"\"\(value == nil ? " selected" : "")>—</option>" }
                for o in options {
                    let selected = (value ?? p.defaultValue) == o
                    h += "<option value=\"\(e(o))\"\(selected ? " selected" : "")>\(e(o))</option>"
                }
                h += "</select>"
            case .flag:
                h += " <input id=\"p-\(name)\" type=\"checkbox\" name=\"\(name)\" value=\"true\"\((value ?? p.defaultValue) == "true" ? " checked" : "")>"
            case .integer:
                h += "<input id=\"p-\(name)\" type=\"number\" step=\"1\" name=\"\(name)\" value=\"\(e(value ?? ""))\" placeholder=\"\(e(p.defaultValue ?? ""))\">"
            case .date:
                h += "<input id=\"p-\(name)\" type=\"date\" name=\"\(name)\" value=\"\(e(value ?? ""))\">"
            case .text:
                h += "<input id=\"p-\(name)\" type=\"text\" name=\"\(name)\" value=\"\(e(value ?? ""))\" placeholder=\"\(e(p.defaultValue ?? ""))\">"
            }
            h += "<span class=\"help\">\(e(p.help))</span></div>\n"
        }
        h += "<div><label for=\"p-as-of\">as-of</label><input id=\"p-as-of\" type=\"date\" name=\"as-of\" value=\"\(e(given["as-of"] ?? ""))\"><span class=\"help\">\(e(words(.serveAsOfHelp)))</span></div>\n"
        h += "<div class=\"submit\"><button type=\"submit\">\(e(words(.serveShow)))</button></div>\n</form>\n"
        return h
    }

    /// `/{plugin}?…`: the form, then the answer. A form's empty fields are not given; an unchecked box is absent.
    func plugin(_ runner: PluginRunner, pairs raw: [(name: String, value: String?)]) -> ServeResponse {
        let e = Markup.escape
        let d = described(runner)
        // A form sends every select with its default: a value equal to the default is left out, as a
        // command line would leave it (and some options apply to one view only: growth's --level).
        let defaults = Dictionary((d?.parameters ?? []).filter { !$0.positional }.compactMap { p in p.defaultValue.map { (p.name, $0) } }, uniquingKeysWith: { a, _ in a })
        func given(_ pair: (name: String, value: String?)) -> Bool {
            guard let v = pair.value else { return true }
            return !v.isEmpty && defaults[pair.name] != v
        }
        let pairs = raw.filter(given)
        // The language switch keeps what the answer depends on, as the command shown does.
        if request.pairs.contains(where: { !given($0) }) {
            var shown = self
            shown.request.pairs = request.pairs.filter(given)
            return shown.plugin(runner, pairs: pairs)
        }
        var b = "<header><h1>\(e(runner.id))</h1><p>\(e(d?.summary ?? words(.serveExternalPlugin)))</p></header>\n"
        b += form(runner, pairs: pairs)
        let givenNames = Set(pairs.map(\.name))
        let missing = (d?.parameters ?? []).filter { $0.positional && $0.defaultValue == nil && !givenNames.contains($0.name) }
        if !missing.isEmpty {
            b += "<p class=\"lead\">" + rich(.serveGiveParameters, html: ["names": missing.map { "<code>\(e($0.name))</code>" }.joined(separator: words(.listSeparator))]) + "</p>\n"
            if runner.id == "profile", let parks = try? handler.store.parks() {
                b += "<ul class=\"plugins\">" + parks.map { "<li><a href=\"\(href("/profile/" + ServeQuery.pct($0.value.id)))\">\(e($0.value.name))</a> <code>\(e($0.value.id))</code></li>" }.joined() + "</ul>\n"
            }
            return html(200, title: runner.id, body: b)
        }
        do {
            let invocation = try runner.webInvocation(pairs.filter { $0.name != "format" }, words: words)
            let report = try runner.report(invocation, store: handler.store, location: handler.location, words: words)
            b += section(report, heading: words.title(report), runner: runner, pairs: pairs.filter { $0.name != "format" }, id: "answer")
            return html(200, title: words.title(report), body: b)
        } catch {
            let (status, message) = ServePages.status(error)
            b += "<p class=\"error\" id=\"error\">\(e(words(.errorLabel) + message))</p>\n"
            return html(status, title: runner.id, body: b)
        }
    }

    static func status(_ error: PluginRunner.WebFailure) -> (Int, String) { error.status }

    func errorPage(_ error: PluginRunner.WebFailure, title: String) -> ServeResponse {
        let (status, message) = ServePages.status(error)
        return html(status, title: title, body: "<p class=\"error\" id=\"error\">\(Markup.escape(words(.errorLabel) + message))</p>")
    }

    /// An error as a page: its status, the message, and the way back.
    func errorPage(_ status: Int, message: String) -> ServeResponse {
        let e = Markup.escape
        return html(status, title: words(.serveErrorTitle, ["status": .integer(status)]),
                    body: "<header><h1>\(e(words(.serveErrorTitle, ["status": .integer(status)])))</h1></header>\n<p class=\"error\" id=\"error\">\(e(words(.errorLabel) + message))</p>\n<p><a href=\"\(href("/"))\">\(e(words(.serveBackHome)))</a></p>\n")
    }

    /// `/filings/{id}`: a filing's authority, date, title, source, hash and records by kind.
    func filing(_ id: String) -> ServeResponse {
        let e = Markup.escape
        let all: [FilingInfo]
        do { all = try handler.store.filings() } catch { return failurePage(error) }
        guard let f = all.first(where: { $0.header.id == id }) else {
            return html(404, title: words(.serveNoFilingTitle), body: "<p class=\"error\" id=\"error\">" + e(words(.errorLabel))
                        + rich(.serveNoFiling, text: ["id": id], html: ["list": "<a href=\"\(href("/"))\">\(e(words(.serveTheList)))</a>"]) + "</p>")
        }
        var b = "<header><h1>\(e(words(.serveFilingHeading, ["id": .text(f.header.id)])))</h1><p>\(e(f.header.title ?? ""))</p></header>\n<div class=\"table-wrap\"><table>\n<tbody>\n"
        let rows: [(CLIKey, String)] = [
            (.reportColumnAuthority, f.header.authority), (.reportColumnIssued, f.header.issued.map { words.date($0) } ?? ""), (.reportColumnTitle, f.header.title ?? ""),
            (.reportColumnSource, f.source), (.serveFilingFormat, "\(f.format)"), (.reportColumnHash, f.sha256), (.serveFilingLoaded, f.loadedAt),
            (.serveFilingSequence, String(f.sequence)),
        ]
        for (k, v) in rows { b += "<tr><th>\(e(words(k)))</th><td>\(e(v))</td></tr>\n" }
        b += "</tbody></table></div>\n<h2>\(e(words(.serveRecords)))</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>\(e(words(.serveColumnKind)))</th><th class=\"num\">\(e(words(.serveColumnRecords)))</th></tr></thead>\n<tbody>\n"
        for k in RecordKind.allCases { if let n = f.counts[k] { b += "<tr><td>\(e(words(k.word)))</td><td class=\"num\">\(ServePages.count(n))</td></tr>\n" } }
        b += "</tbody></table></div>\n<p class=\"lead\">\(e(words(.serveSameCommand))) <code>regctl filings --format json</code></p>\n"
        return html(200, title: words(.serveFilingHeading, ["id": .text(f.header.id)]), body: b)
    }
}
