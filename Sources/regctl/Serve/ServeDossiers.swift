import Core
import Foundation

/// `/parks/{id}`, `/firms/{uscc}`, `/incubators/{id}` and `/search?q=`: what `regctl show` shows, from
/// Core's `Dossier`, every fact with a link to the filing (and line) that states it, in the page's language.
extension ServePages {
    private var e: (String) -> String { Markup.escape }

    /// `[FILING:LINE]` linked to the filing's page.
    func source(_ filing: String, _ line: Int) -> String {
        "<a class=\"src\" href=\"\(href("/filings/" + ServeQuery.pct(filing)))\">\(e(filing)):\(line)</a>"
    }

    func asOf() throws -> Day { try AsOf.resolve(nil, registry: handler.store).date }

    func facts(_ rows: [(CLIKey, String)]) -> String {
        "<div class=\"table-wrap\"><table><tbody>\n" + rows.map { "<tr><th>\(e(words($0.0)))</th><td>\($0.1)</td></tr>\n" }.joined() + "</tbody></table></div>\n"
    }

    /// A table whose cells are already HTML.
    func grid(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        var h = "<div class=\"table-wrap\"><table>\n<thead><tr>" + headers.enumerated().map { "<th\(numeric.contains($0.offset) ? " class=\"num\"" : "")>\(e($0.element))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { h += "<tr>" + row.enumerated().map { "<td\(numeric.contains($0.offset) ? " class=\"num\"" : "")>\($0.element)</td>" }.joined() + "</tr>\n" }
        if rows.isEmpty { h += "<tr><td colspan=\"\(headers.count)\">\(e(words(.serveNone)))</td></tr>\n" }
        return h + "</tbody></table></div>\n"
    }

    func failurePage(_ error: any Error) -> ServeResponse {
        errorPage(500, message: (error as? LocalizedError)?.errorDescription ?? "\(error)")
    }

    /// A date as the page's language writes it, escaped.
    func day(_ d: Day?) -> String { d.map { e(words.date($0)) } ?? "" }

    /// A level as the page's reader knows it: 国家级 in Chinese, the enumeration's value in English.
    func level(_ l: Level) -> String { e(words.language == .zh ? l.chinese : l.rawValue) }

    /// An amount or count with thousands separators.
    func number(_ text: String) -> String { e(NumberStyle.grouped(text)) }

    /// A link to another page of the site, its text escaped.
    func link(_ path: String, _ text: String, query: [(String, String)] = []) -> String { "<a href=\"\(href(path, query))\">\(e(text))</a>" }

    /// The command that shows the same, under the page's words.
    func sameCommand(_ command: String) -> String {
        "<p class=\"lead\">\(e(words(.serveSameCommand))) <code>\(e(command))</code></p>\n"
    }

    func notFoundPage(_ titleKey: CLIKey, _ messageKey: CLIKey, id: String, search: Bool) -> ServeResponse {
        let searching = search ? ["searching": link("/search", words(.serveSearching), query: [("q", id)])] : [:]
        return html(404, title: words(titleKey), body: "<p class=\"error\" id=\"error\">" + e(words(.errorLabel)) + rich(messageKey, text: ["id": id], html: searching) + "</p>")
    }

    func park(_ id: String) -> ServeResponse {
        do {
            let parks = try handler.store.parks()
            guard let fact = parks.first(where: { $0.value.id == id }) ?? parks.first(where: { $0.value.name == id || $0.value.shortName == id }) else {
                return notFoundPage(.serveNoParkTitle, .serveNoPark, id: id, search: true)
            }
            let d = try ParkDossier(fact, registry: handler.store)
            let p = d.park.value
            var b = "<header><h1>\(e(p.name))\(p.shortName.map { " <small>(\(e($0)))</small>" } ?? "")</h1><p>\(source(d.park.filing, d.park.line))</p></header>\n"
            b += facts([(.serveFactId, "<code>\(e(p.id))</code>"), (.serveFactRegion, e(RegionTable.describe(p.region))), (.serveFactLevel, e(value(p.level))),
                        (.serveFactKind, e(value(p.kind))), (.serveFactFirms, ServePages.count(d.firms)),
                        (.serveFactProfile, link("/profile/" + ServeQuery.pct(p.id), words(.serveProfileLink, ["name": .text(p.name)])))])
            b += "<h2>\(e(words(.showIncubators, ["count": .integer(d.incubators.count)])))</h2>\n"
            b += grid([words(.serveFactId), words(.serveColumnName), words(.serveFactKind), words(.serveFactLevel), words(.serveColumnAreaM2), words(.reportColumnFiling)], d.incubators.map { i in
                [ link("/incubators/" + ServeQuery.pct(i.value.id), i.value.id), e(i.value.name), e(value(i.value.kind)), level(i.value.level),
                  i.value.areaM2.map { ServePages.count(Int($0)) } ?? "", source(i.filing, i.line) ]
            }, numeric: [4])
            b += sameCommand("regctl show " + PluginRunner.shellQuote(p.id))
            return html(200, title: p.name, body: b)
        } catch { return failurePage(error) }
    }

    func incubator(_ id: String) -> ServeResponse {
        do {
            guard let fact = try handler.store.incubators().first(where: { $0.value.id == id }) else {
                return notFoundPage(.serveNoIncubatorTitle, .serveNoIncubator, id: id, search: false)
            }
            let d = try IncubatorDossier(fact, registry: handler.store, asOf: try asOf())
            let i = d.incubator.value
            var rows: [(CLIKey, String)] = [(.serveFactId, "<code>\(e(i.id))</code>"), (.serveFactKind, e(value(i.kind))), (.serveFactLevel, level(i.level))]
            if let r = i.recognized { rows.append((.serveFactRecognised, String(r))) }
            rows.append((.serveFactRegion, e(RegionTable.describe(i.region))))
            if let p = i.park { rows.append((.serveFactPark, link("/parks/" + ServeQuery.pct(p), p))) }
            if let o = i.operator { rows.append((.serveFactOperator, e(o))) }
            if let a = i.areaM2 { rows.append((.serveFactArea, e(words(.serveArea, ["area": .text(ServePages.count(Int(a)))])))) }
            if let f = i.focus { rows.append((.serveFactFocus, e(f))) }
            var b = "<header><h1>\(e(i.name))</h1><p>\(source(d.incubator.filing, d.incubator.line))</p></header>\n" + facts(rows)
            b += "<div class=\"table-wrap\"><table><tbody>\n"
            b += "<tr><th>\(e(words(.serveFactIncubating, ["date": .text(words.date(d.asOf))])))</th><td class=\"num\">\(ServePages.count(d.inIncubation))</td></tr>\n"
            b += "<tr><th>\(e(words(.serveFactGraduated)))</th><td class=\"num\">\(ServePages.count(d.graduated))</td></tr>\n"
            b += "<tr><th>\(e(words(.serveFactEverEntered)))</th><td class=\"num\">\(ServePages.count(d.everEntered))</td></tr>\n"
            b += "</tbody></table></div>\n"
            b += sameCommand("regctl show " + PluginRunner.shellQuote(i.id))
            return html(200, title: i.name, body: b)
        } catch { return failurePage(error) }
    }

    func firm(_ key: String) -> ServeResponse {
        do {
            let code = USCC.normalize(key)
            guard code.count == 18, let fact = try handler.store.firms(FirmQuery(uscc: code)).first else {
                return notFoundPage(.serveNoFirmTitle, .serveNoFirm, id: key, search: true)
            }
            return firmPage(try FirmDossier(fact, registry: handler.store, asOf: try asOf()))
        } catch { return failurePage(error) }
    }

    func firmPage(_ d: FirmDossier) -> ServeResponse {
        let f = d.firm, firm = f.firm
        var rows: [(CLIKey, String)] = []
        if f.placement.resolved {
            rows.append((.serveFactUscc, "<code>\(e(firm.uscc))</code>\(firm.usccValid ? "" : " " + e(words(.serveUsccFails))) \(source(f.filing, f.line))"))
            rows.append((.serveFactRegion, e(RegionTable.describe(firm.region))))
        } else {
            rows.append((.serveFactUscc, "\(e(words(.serveUsccNone))) \(source(f.filing, f.line))"))
            rows.append((.serveFactRegion, e(f.placement.region + " " + (RegionTable.name(ofUnit: f.placement.region) ?? ""))))
        }
        if let park = firm.park { rows.append((.serveFactPark, "\(link("/parks/" + ServeQuery.pct(park), park)) \(e(d.parkName ?? ""))")) }
        if let i = firm.industry { rows.append((.serveFactIndustry, e(i))) }
        if let founded = firm.founded { rows.append((.serveFactFounded, day(founded))) }
        rows.append((.serveFactStatus, e(value(firm.status))))
        var b = "<header><h1>\(e(firm.name))</h1></header>\n" + facts(rows)
        b += "<h2>\(e(words(.showDesignations, ["count": .integer(d.designations.count)])))</h2>\n"
        b += grid([words(.serveColumnYear), words(.serveColumnProgram), words(.serveFactLevel), words(.serveColumnBatch), words(.serveColumnValid),
                   words(.serveColumnOn, ["date": .text(words.date(d.asOf))]), words(.reportColumnFiling)], d.designations.map { fact in
            let x = fact.designation
            let state = switch DesignationState(fact, on: d.asOf) {
            case .active: words(.serveStateActive)
            case .revoked(let on): words(.serveStateRevoked, ["date": .text(on.map { words.date($0) } ?? "")])
            case .inactive: words(.serveStateInactive)
            }
            let from = x.validFrom.map { words.date($0) } ?? words(.showFromYear, ["year": .text(String(x.year))])
            return [String(x.year), e(words.language == .zh ? x.program.chinese : x.program.rawValue), level(x.level), x.batch.map { e("\($0)") } ?? "",
                    e("\(from)–\(x.validTo.map { words.date($0) } ?? "")"), e(state), source(fact.filing, fact.line)]
        })
        if f.placement.resolved {
            b += "<h2>\(e(words(.showIncubations, ["count": .integer(d.incubations.count)])))</h2>\n"
            b += grid([words(.serveColumnIncubator), words(.serveColumnEntered), words(.serveColumnIntake), words(.serveColumnGraduated), words(.serveColumnExited),
                       words(.reportColumnFiling)], d.incubations.map { i in
                let v = i.value
                return [link("/incubators/" + ServeQuery.pct(v.incubator), v.incubator), day(v.entered), e(value(v.intake)), day(v.graduated), day(v.exited), source(i.filing, i.line)]
            })
            b += "<h2>\(e(words(.showAnnualReports, ["count": .integer(d.annualReports.count)])))</h2>\n"
            b += grid([words(.serveColumnYear), words(.serveColumnRevenue), words(.serveColumnMainRevenue), words(.serveColumnRdExpense), words(.serveColumnEmployees),
                       words(.serveColumnRdStaff), words(.serveColumnPatents), words(.reportColumnFiling)], d.annualReports.map { r in
                let a = r.value
                return [String(a.year), a.revenue.map { number("\($0)") } ?? "", a.mainRevenue.map { number("\($0)") } ?? "", a.rdExpense.map { number("\($0)") } ?? "",
                        a.employees.map(ServePages.count) ?? "", a.rdStaff.map(ServePages.count) ?? "", a.inventionPatents.map(ServePages.count) ?? "", source(r.filing, r.line)]
            }, numeric: [1, 2, 3, 4, 5, 6])
            b += "<h2>\(e(words(.showTransfers, ["count": .integer(d.transfers.count)])))</h2>\n"
            b += grid([words(.serveColumnSigned), words(.reportColumnTitle), words(.serveColumnFrom), words(.serveColumnMode), words(.serveColumnChannel),
                       words(.serveColumnValueYuan), words(.reportColumnFiling)], d.transfers.map { t in
                let v = t.value
                return [day(v.signed), e(v.title), e(v.source), e(value(v.mode)), e(value(v.channel)), v.value.map { number("\($0)") } ?? "", source(t.filing, t.line)]
            }, numeric: [5])
        }
        b += sameCommand("regctl show " + PluginRunner.shellQuote(f.placement.resolved ? firm.uscc : firm.name))
        return html(200, title: firm.name, body: b)
    }

    /// `/search?q=`: a firm by USCC, a park or incubator by id or name, firms by part of their name
    /// (Core's `Dossier.lookup`, as `regctl show` finds them).
    func search(_ pairs: [(name: String, value: String?)]) -> ServeResponse {
        let q = (pairs.last { $0.name == "q" }?.value ?? "").trimmingCharacters(in: .whitespaces)
        var b = "<header><h1>\(e(words(.serveSearchTitle)))</h1><p>\(e(words(.serveSearchLead)))</p></header>\n"
        b += "<form class=\"params\" method=\"get\" action=\"/search\">\(languageField)<div><label for=\"q\">\(e(words(.serveSearchField)))</label><input id=\"q\" type=\"text\" name=\"q\" value=\"\(e(q))\"></div><div class=\"submit\"><button type=\"submit\">\(e(words(.serveSearchButton)))</button></div></form>\n"
        guard !q.isEmpty else { return html(200, title: words(.serveSearchTitle), body: b) }
        do {
            switch try Dossier.lookup(q, in: handler.store, asOf: try asOf()) {
            case .found(.firm(let d)):
                b += "<ul class=\"plugins\" id=\"results\"><li>" + firmLink(d.firm) + "</li></ul>\n"
            case .found(.park(let d)):
                b += "<ul class=\"plugins\" id=\"results\"><li>\(link("/parks/" + ServeQuery.pct(d.park.value.id), d.park.value.name)) <code>\(e(d.park.value.id))</code> \(e(words(.serveResultPark)))</li></ul>\n"
            case .found(.incubator(let d)):
                b += "<ul class=\"plugins\" id=\"results\"><li>\(link("/incubators/" + ServeQuery.pct(d.incubator.value.id), d.incubator.value.name)) <code>\(e(d.incubator.value.id))</code> \(e(words(.serveResultIncubator)))</li></ul>\n"
            case .firms(let firms, let more):
                b += "<p class=\"lead\">\(e(more ? words(.serveFirmsMatchMore, ["count": .text(ServePages.count(firms.count))]) : words(.serveFirmsMatch, ["count": .integer(firms.count)])))</p>\n"
                b += "<ul class=\"plugins\" id=\"results\">" + firms.map { "<li>" + firmLink($0) + "</li>" }.joined() + "</ul>\n"
            case .nothing(let nearest):
                let text = nearest.isEmpty
                    ? rich(.serveNothingMatches, text: ["query": q])
                    : rich(.serveNothingMatchesDidYouMean, text: ["query": q],
                           html: ["names": nearest.map { link("/search", $0, query: [("q", $0)]) }.joined(separator: e(words(.listSeparator)))])
                b += "<p class=\"lead\" id=\"results\">\(text)</p>\n"
            }
            return html(200, title: words(.serveSearchQueryTitle, ["query": .text(q)]), body: b)
        } catch { return failurePage(error) }
    }

    func firmLink(_ f: FirmFact) -> String {
        f.placement.resolved
            ? "\(link("/firms/" + ServeQuery.pct(f.firm.uscc), f.firm.name)) <code>\(e(f.firm.uscc))</code>"
            : "\(e(f.firm.name)) \(e(words(.serveNoCode)))"
    }
}
