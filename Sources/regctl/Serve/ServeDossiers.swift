import Core
import Foundation

/// `/parks/{id}`, `/firms/{uscc}`, `/incubators/{id}` and `/search?q=`: what `regctl show` shows, from
/// Core's `Dossier`, every fact with a link to the filing (and line) that states it.
extension ServePages {
    private var e: (String) -> String { Markup.escape }

    /// `[FILING:LINE]` linked to the filing's page.
    func source(_ filing: String, _ line: Int) -> String {
        "<a class=\"src\" href=\"/filings/\(e(ServeQuery.pct(filing)))\">\(e(filing)):\(line)</a>"
    }

    func asOf() throws -> Day { try AsOf.resolve(nil, registry: handler.store).date }

    func facts(_ rows: [(String, String)]) -> String {
        "<div class=\"table-wrap\"><table><tbody>\n" + rows.map { "<tr><th>\(e($0.0))</th><td>\($0.1)</td></tr>\n" }.joined() + "</tbody></table></div>\n"
    }

    /// A table whose cells are already HTML.
    func grid(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        var h = "<div class=\"table-wrap\"><table>\n<thead><tr>" + headers.enumerated().map { "<th\(numeric.contains($0.offset) ? " class=\"num\"" : "")>\(e($0.element))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { h += "<tr>" + row.enumerated().map { "<td\(numeric.contains($0.offset) ? " class=\"num\"" : "")>\($0.element)</td>" }.joined() + "</tr>\n" }
        if rows.isEmpty { h += "<tr><td colspan=\"\(headers.count)\">(none)</td></tr>\n" }
        return h + "</tbody></table></div>\n"
    }

    func failurePage(_ error: any Error) -> ServeResponse {
        html(500, title: "Error", body: "<p class=\"error\" id=\"error\">Error: \(e((error as? LocalizedError)?.errorDescription ?? "\(error)"))</p>")
    }

    func park(_ id: String) -> ServeResponse {
        do {
            let parks = try handler.store.parks()
            guard let fact = parks.first(where: { $0.value.id == id }) ?? parks.first(where: { $0.value.name == id || $0.value.shortName == id }) else {
                return html(404, title: "No such park", body: "<p class=\"error\" id=\"error\">Error: no park '\(e(id))' is loaded; try <a href=\"/search?q=\(e(ServeQuery.pct(id)))\">searching</a>.</p>")
            }
            let d = try ParkDossier(fact, registry: handler.store)
            let p = d.park.value
            var b = "<header><h1>\(e(p.name))\(p.shortName.map { " <small>(\(e($0)))</small>" } ?? "")</h1><p>\(source(d.park.filing, d.park.line))</p></header>\n"
            b += facts([("id", "<code>\(e(p.id))</code>"), ("region", e(RegionTable.describe(p.region))), ("level", e(p.level.rawValue)), ("kind", e(p.kind.rawValue)),
                        ("firms", String(d.firms)), ("profile", "<a href=\"/profile/\(e(ServeQuery.pct(p.id)))\">\(e(p.name)) in figures</a>")])
            b += "<h2>Incubators and maker spaces (\(d.incubators.count))</h2>\n"
            b += grid(["id", "name", "kind", "level", "area m²", "filing"], d.incubators.map { i in
                [ "<a href=\"/incubators/\(e(ServeQuery.pct(i.value.id)))\">\(e(i.value.id))</a>", e(i.value.name), e(i.value.kind.rawValue), e(i.value.level.rawValue),
                  i.value.areaM2.map { String(Int($0)) } ?? "", source(i.filing, i.line) ]
            }, numeric: [4])
            b += "<p class=\"lead\">The same on the command line: <code>\(e("regctl show " + PluginRunner.shellQuote(p.id)))</code></p>\n"
            return html(200, title: p.name, body: b)
        } catch { return failurePage(error) }
    }

    func incubator(_ id: String) -> ServeResponse {
        do {
            guard let fact = try handler.store.incubators().first(where: { $0.value.id == id }) else {
                return html(404, title: "No such incubator", body: "<p class=\"error\" id=\"error\">Error: no incubator '\(e(id))' is loaded.</p>")
            }
            let d = try IncubatorDossier(fact, registry: handler.store, asOf: try asOf())
            let i = d.incubator.value
            var rows: [(String, String)] = [("id", "<code>\(e(i.id))</code>"), ("kind", e(i.kind.rawValue)), ("level", e(i.level.rawValue))]
            if let r = i.recognized { rows.append(("recognised", "\(r)")) }
            rows.append(("region", e(RegionTable.describe(i.region))))
            if let p = i.park { rows.append(("park", "<a href=\"/parks/\(e(ServeQuery.pct(p)))\">\(e(p))</a>")) }
            if let o = i.operator { rows.append(("operator", e(o))) }
            if let a = i.areaM2 { rows.append(("area", "\(Int(a)) m²")) }
            if let f = i.focus { rows.append(("focus", e(f))) }
            rows += [("in incubation on \(d.asOf)", String(d.inIncubation)), ("graduated", String(d.graduated)), ("ever entered", String(d.everEntered))]
            var b = "<header><h1>\(e(i.name))</h1><p>\(source(d.incubator.filing, d.incubator.line))</p></header>\n" + facts(rows)
            b += "<p class=\"lead\">The same on the command line: <code>\(e("regctl show " + PluginRunner.shellQuote(i.id)))</code></p>\n"
            return html(200, title: i.name, body: b)
        } catch { return failurePage(error) }
    }

    func firm(_ key: String) -> ServeResponse {
        do {
            let code = USCC.normalize(key)
            guard code.count == 18, let fact = try handler.store.firms(FirmQuery(uscc: code)).first else {
                return html(404, title: "No such firm", body: "<p class=\"error\" id=\"error\">Error: no firm with the USCC '\(e(key))'; try <a href=\"/search?q=\(e(ServeQuery.pct(key)))\">searching</a> by name.</p>")
            }
            return firmPage(try FirmDossier(fact, registry: handler.store, asOf: try asOf()))
        } catch { return failurePage(error) }
    }

    func firmPage(_ d: FirmDossier) -> ServeResponse {
        let f = d.firm, firm = f.firm
        var rows: [(String, String)] = []
        if f.placement.resolved {
            rows.append(("uscc", "<code>\(e(firm.uscc))</code>\(firm.usccValid ? "" : " (fails the check; admitted with --accept-bad-uscc)") \(source(f.filing, f.line))"))
            rows.append(("region", e(RegionTable.describe(firm.region))))
        } else {
            rows.append(("uscc", "(none: known only by name from a list that prints no code) \(source(f.filing, f.line))"))
            rows.append(("region", e(f.placement.region + " " + (RegionTable.name(ofUnit: f.placement.region) ?? ""))))
        }
        if let park = firm.park { rows.append(("park", "<a href=\"/parks/\(e(ServeQuery.pct(park)))\">\(e(park))</a> \(e(d.parkName ?? ""))")) }
        if let i = firm.industry { rows.append(("industry", e(i))) }
        if let founded = firm.founded { rows.append(("founded", "\(founded)")) }
        rows.append(("status", e(firm.status.rawValue)))
        var b = "<header><h1>\(e(firm.name))</h1></header>\n" + facts(rows)
        b += "<h2>Designations (\(d.designations.count))</h2>\n"
        b += grid(["year", "programme", "level", "batch", "valid", "on \(d.asOf)", "filing"], d.designations.map { fact in
            let x = fact.designation
            let state = switch DesignationState(fact, on: d.asOf) {
            case .active: "active"
            case .revoked(let on): "revoked \(on?.description ?? "")"
            case .inactive: "not active"
            }
            return [String(x.year), e(x.program.chinese), e(x.level.chinese), x.batch.map { e("\($0)") } ?? "",
                    e("\(x.validFrom?.description ?? "from \(x.year)")–\(x.validTo?.description ?? "")"), e(state), source(fact.filing, fact.line)]
        })
        if f.placement.resolved {
            b += "<h2>Incubations (\(d.incubations.count))</h2>\n"
            b += grid(["incubator", "entered", "intake", "graduated", "exited", "filing"], d.incubations.map { i in
                let v = i.value
                return ["<a href=\"/incubators/\(e(ServeQuery.pct(v.incubator)))\">\(e(v.incubator))</a>", "\(v.entered)", e(v.intake.rawValue),
                        v.graduated.map { "\($0)" } ?? "", v.exited.map { "\($0)" } ?? "", source(i.filing, i.line)]
            })
            b += "<h2>Annual reports (\(d.annualReports.count))</h2>\n"
            b += grid(["year", "revenue", "main revenue", "R&D expense", "employees", "R&D staff", "patents", "filing"], d.annualReports.map { r in
                let a = r.value
                return [String(a.year), a.revenue.map { e("\($0)") } ?? "", a.mainRevenue.map { e("\($0)") } ?? "", a.rdExpense.map { e("\($0)") } ?? "",
                        a.employees.map(String.init) ?? "", a.rdStaff.map(String.init) ?? "", a.inventionPatents.map(String.init) ?? "", source(r.filing, r.line)]
            }, numeric: [1, 2, 3, 4, 5, 6])
            b += "<h2>Transfers received (\(d.transfers.count))</h2>\n"
            b += grid(["signed", "title", "from", "mode", "channel", "value ¥", "filing"], d.transfers.map { t in
                let v = t.value
                return ["\(v.signed)", e(v.title), e(v.source), e(v.mode.rawValue), e(v.channel.rawValue), v.value.map { e("\($0)") } ?? "", source(t.filing, t.line)]
            }, numeric: [5])
        }
        b += "<p class=\"lead\">The same on the command line: <code>\(e("regctl show " + PluginRunner.shellQuote(f.placement.resolved ? firm.uscc : firm.name)))</code></p>\n"
        return html(200, title: firm.name, body: b)
    }

    /// `/search?q=`: a firm by USCC, a park or incubator by id or name, firms by part of their name
    /// (Core's `Dossier.lookup`, as `regctl show` finds them).
    func search(_ pairs: [(name: String, value: String?)]) -> ServeResponse {
        let q = (pairs.last { $0.name == "q" }?.value ?? "").trimmingCharacters(in: .whitespaces)
        var b = "<header><h1>Search</h1><p>A USCC, a park or incubator id or name, or part of a firm's name.</p></header>\n"
        b += "<form class=\"params\" method=\"get\" action=\"/search\"><div><label for=\"q\">q</label><input id=\"q\" type=\"text\" name=\"q\" value=\"\(e(q))\"></div><div class=\"submit\"><button type=\"submit\">Search</button></div></form>\n"
        guard !q.isEmpty else { return html(200, title: "Search", body: b) }
        do {
            switch try Dossier.lookup(q, in: handler.store, asOf: try asOf()) {
            case .found(.firm(let d)):
                b += "<ul class=\"plugins\" id=\"results\"><li>" + firmLink(d.firm) + "</li></ul>\n"
            case .found(.park(let d)):
                b += "<ul class=\"plugins\" id=\"results\"><li><a href=\"/parks/\(e(ServeQuery.pct(d.park.value.id)))\">\(e(d.park.value.name))</a> <code>\(e(d.park.value.id))</code> (park)</li></ul>\n"
            case .found(.incubator(let d)):
                b += "<ul class=\"plugins\" id=\"results\"><li><a href=\"/incubators/\(e(ServeQuery.pct(d.incubator.value.id)))\">\(e(d.incubator.value.name))</a> <code>\(e(d.incubator.value.id))</code> (incubator)</li></ul>\n"
            case .firms(let firms, let more):
                b += "<p class=\"lead\">\(more ? "More than \(firms.count)" : String(firms.count)) firms match; give a USCC or a longer name.</p>\n"
                b += "<ul class=\"plugins\" id=\"results\">" + firms.map { "<li>" + firmLink($0) + "</li>" }.joined() + "</ul>\n"
            case .nothing(let nearest):
                b += "<p class=\"lead\" id=\"results\">Nothing matches '\(e(q))'\(nearest.isEmpty ? "." : "; did you mean " + nearest.map { "<a href=\"/search?q=\(e(ServeQuery.pct($0)))\">\(e($0))</a>" }.joined(separator: ", ") + "?")</p>\n"
            }
            return html(200, title: "Search: \(q)", body: b)
        } catch { return failurePage(error) }
    }

    func firmLink(_ f: FirmFact) -> String {
        f.placement.resolved
            ? "<a href=\"/firms/\(e(ServeQuery.pct(f.firm.uscc)))\">\(e(f.firm.name))</a> <code>\(e(f.firm.uscc))</code>"
            : "\(e(f.firm.name)) (no code: known only by name)"
    }
}
