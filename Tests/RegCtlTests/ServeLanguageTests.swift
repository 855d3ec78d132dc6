import Foundation
import Testing
import Core
@testable import regctl

/// Issue 17 on the web: every page in the language `?lang=` names, else `Accept-Language`, else
/// English; the cache keeps one answer per language; the JSON API stays English.
// Serialized: its checks read whole pages on Swift's cooperative threads, and run in parallel they
// held back the continuations of ServeHangTests' 503s on a 2-core machine.
@Suite("regctl serve in Chinese and English", .serialized)
struct ServeLanguageTests {
    /// A request with the headers a browser sends.
    static func get(_ target: String, acceptLanguage: String? = nil, accept: String? = nil) async -> ServeResponse {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        return await ServeSamples.handler.respond(method: "GET", path: parts[0], query: parts.count > 1 ? parts[1] : nil,
                                                  acceptLanguage: acceptLanguage, accept: accept).response
    }

    @Test("/rank?lang=zh: <html lang=zh-CN>, Chinese help, headings, notes, map words; the form keeps the language")
    func rankInChinese() async throws {
        let r = await ServeSamples.get("/rank?lang=zh&chart=map")
        #expect(r.status == 200)
        #expect(r.body.contains("<html lang=\"zh-CN\">"))
        #expect(r.body.contains("<th class=\"num\">排名</th><th>代码</th><th>名称</th><th class=\"num\">数量</th>"))
        #expect(r.body.contains("<span class=\"help\">排名单位。</span>"))
        #expect(r.body.contains("<input type=\"hidden\" name=\"lang\" value=\"zh\">"))
        #expect(r.body.contains("截至 2024年12月31日") && r.body.contains("命令行中的同一查询："))
        #expect(r.body.contains(">无数据<"))
        for english in ["The same on the command line", "Source filings", "Unit to rank.", ">no data<"] {
            #expect(!r.body.contains(english), "\(english)")
        }
        // The command shown is the command line's, without the page's language.
        #expect(r.body.contains("<code id=\"command\">regctl rank --chart map</code>"))
    }

    @Test("/rank and /rank?lang=en are the English page; the API ignores nothing and answers in English keys")
    func english() async throws {
        let plain = await ServeSamples.get("/rank")
        let en = await ServeSamples.get("/rank?lang=en")
        // The same page; the one reached by ?lang=en carries it in its links.
        #expect(plain.body == en.body.replacingOccurrences(of: "?lang=en\"", with: "\"").replacingOccurrences(of: "&amp;lang=en\"", with: "\"")
            .replacingOccurrences(of: "<input type=\"hidden\" name=\"lang\" value=\"en\">", with: ""))
        #expect(plain.body.contains("<html lang=\"en\">") && plain.body.contains("The same on the command line:"))
        let api = await ServeSamples.get("/api/v1/rank")
        #expect(api.body.contains("\"rows\"") && !api.body.contains("排名"))
    }

    /// Every kind of page, by its path.
    static let pages = ["/", "/search", "/search?q=光电", "/search?q=zz-htz", "/search?q=ZZHTZ-FH-001", "/search?q=zzqqxx",
                        "/parks/zz-htz", "/firms/91430204092084984G", "/firms/914302007453219174", "/incubators/ZZHTZ-FH-001",
                        "/filings/HN-GXT-2021-12", "/profile/zz-htz", "/profile", "/rank?by=park&within=43", "/growth",
                        "/parks/nowhere", "/firms/nobody", "/incubators/none", "/filings/none"]

    /// What a reader reads of a page: the text outside tags, with the style sheet, `<code>` (commands,
    /// codes) and `<select>` options (enumeration values shown as such) left out.
    static func visibleText(_ html: String) -> String {
        var s = html
        for pattern in ["<style>[\\s\\S]*?</style>", "<code[^>]*>[\\s\\S]*?</code>", "<option[^>]*>[\\s\\S]*?</option>", "<svg[\\s\\S]*?</svg>", "<[^>]+>"] {
            s = s.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return s.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&apos;", with: "'")
    }

    /// The ASCII words of a Chinese page that are not what it may show as such: a token with a digit,
    /// a hyphen, a dot, a slash or an underscore (codes, ids, dates, file names, option names such as
    /// `--accept-bad-uscc`); regctl and its commands; plugins' ids and parameter names (the form's
    /// labels are the CLI's option names); enumeration values (the data's words: `incubator`, `active`);
    /// filing formats; `English`, the language switch's words, by convention in their own language;
    /// `id`/`ID` and `N`, as the plugins' Chinese help writes a park's id and a number to give;
    /// `Eurostat`, `OECD`: organisations Chinese names in Latin letters (growth's help cites their definition);
    /// `CAGR`, the acronym growth's Chinese gives after 年均复合增长率; the samples' park and incubator ids.
    static let allowedOnChinese: Set<String> = {
        var words: Set<String> = ["regctl", "English", "xml", "csv", "xlsx", "json", "md", "svg", "m", "SHA", "id", "ID", "N", "Eurostat", "OECD", "CAGR"]
        words.formUnion(SampleIDs.all)
        let plugins = ServeSamples.handler.plugins
        words.formUnion(plugins.map(\.id))
        for p in plugins.flatMap({ $0.descriptor?.parameters ?? [] }) {
            words.insert(p.name)
            if case .choice(let values) = p.kind { words.formUnion(values) }
        }
        words.formUnion(RegCtl.commandNames)
        for values in [Level.allCases.map(\.rawValue), ParkLevel.allCases.map(\.rawValue), ParkKind.allCases.map(\.rawValue),
                       Program.allCases.map(\.rawValue), FirmStatus.allCases.map(\.rawValue), IncubatorKind.allCases.map(\.rawValue),
                       Intake.allCases.map(\.rawValue), TransferMode.allCases.map(\.rawValue), Channel.allCases.map(\.rawValue)] {
            words.formUnion(values)
        }
        return words
    }()

    static func asciiLeaks(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || "，。、：；（）“”「」()[]:;,'\"?!·—–".contains($0) }).compactMap { token -> String? in
            let t = String(token)
            guard t.contains(where: { $0.isASCII && $0.isLetter }) else { return nil }
            if t.contains(where: { $0.isNumber || "-./_".contains($0) }) { return nil }
            // A token mixing Han and ASCII letters: its ASCII part counts.
            let ascii = String(t.filter { $0.isASCII && $0.isLetter })
            return allowedOnChinese.contains(ascii) ? nil : t
        }
    }

    /// Han runs an English page may hold: the registry's names (everything the samples' filings
    /// state, read from their text files, without a process: the cooperative threads are not blocked),
    /// and 中文, the language switch.
    static let names: String = {
        var texts = ["中文"]
        let folder = CLI.root.appendingPathComponent("samples/filings")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !name.hasSuffix(".xlsx") {
            if let t = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) { texts.append(t) }
        }
        // A workbook's filing states its title and authority inside it: read them from the registry.
        for f in (try? ServeSamples.handler.store.filings()) ?? [] { texts += [f.header.authority, f.header.title ?? ""] }
        return texts.joined(separator: "\n")
    }()

    static func hanRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current = ""
        for c in text {
            if c.unicodeScalars.contains(where: { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }) { current.append(c) } else {
                if !current.isEmpty { runs.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Plugins whose reports (table, notes) are still English on main for reasons other engineers are
    /// removing now; their pages' own words (form, headings, navigation) are checked, the answer's
    /// table and notes not. The lead deletes an entry when merging the branch named.
    static let pendingReports: [String: String] = [:]

    /// What a page's checks read: the visible text, less the user's own input echoed back (the
    /// missing id, the query searched for) and, for a plugin in `pendingReports`, the answer's table and notes.
    static func checked(_ html: String, path: String) -> String {
        var body = html
        let segments = path.split(separator: "?")[0].split(separator: "/").map(String.init)
        if let first = segments.first, pendingReports[first] != nil {
            body = body.replacingOccurrences(of: "<div class=\"table-wrap\">[\\s\\S]*?</div>|<ul class=\"notes\">[\\s\\S]*?</ul>|<div class=\"cards\">[^\\n]*\\n",
                                             with: " ", options: .regularExpression)
        }
        var text = visibleText(body)
        var inputs = segments.count == 2 ? [segments[1]] : []
        if let q = path.split(separator: "?").dropFirst().first, let pairs = ServeQuery.pairs(String(q)) {
            inputs += pairs.filter { $0.name == "q" }.compactMap(\.value)
        }
        for input in inputs where !input.isEmpty { text = text.replacingOccurrences(of: input, with: " ") }
        return text
    }

    @Test("every page under ?lang=zh: <html lang=zh-CN>, Chinese words, no English word but codes, ids, options and values",
          arguments: pages)
    func chinesePage(_ path: String) async throws {
        let r = await Self.get(path + (path.contains("?") ? "&" : "?") + "lang=zh")
        #expect(r.contentType == "text/html; charset=utf-8")
        #expect(r.body.contains("<html lang=\"zh-CN\">"), "\(path)")
        let text = Self.checked(r.body, path: path)
        #expect(ChineseCommandsEndToEndTests.chinese(text), "\(path)")
        #expect(Self.asciiLeaks(text).isEmpty, "\(path): \(Self.asciiLeaks(text))")
        // Links between pages keep the language; the switch goes to English with the rest of the query.
        #expect(r.body.contains("href=\"/search?lang=zh\""), "\(path)")
        #expect(r.body.contains("id=\"language-switch\"") && r.body.contains("lang=en\">English</a>"), "\(path)")
        #expect(r.headers["Vary"] == nil, "the query chose the language")
    }

    @Test("every page under ?lang=en and by default: no Han character but the registry's names", arguments: pages)
    func englishPage(_ path: String) async throws {
        for target in [path, path + (path.contains("?") ? "&" : "?") + "lang=en"] {
            let r = await Self.get(target)
            #expect(r.body.contains("<html lang=\"en\">"), "\(target)")
            // Region names come from the region table (RegionTable.describe), as the registry's names do.
            let leaks = Self.hanRuns(Self.checked(r.body, path: path)).filter { !Self.names.contains($0) && RegionTable.codes(named: $0).isEmpty }
            #expect(leaks.isEmpty, "\(target): \(leaks)")
        }
    }

    @Test("dates as 2024年12月31日 and numbers with separators under zh")
    func datesAndNumbers() async throws {
        let home = await Self.get("/?lang=zh")
        #expect(home.body.contains("<strong id=\"as-of\">2024年12月31日</strong>"))
        #expect(home.body.contains("已载入名单："))
        let firm = await Self.get("/firms/914302007453219174?lang=zh")
        #expect(firm.body.contains("统一社会信用代码") && firm.body.contains("认定（"))
        #expect(firm.body.range(of: "<td class=\"num\">[0-9]{1,3}(,[0-9]{3})+", options: .regularExpression) != nil, "revenue grouped")
        let filing = await Self.get("/filings/HN-GXT-2021-12?lang=zh")
        #expect(filing.body.contains("发布日期") && filing.body.range(of: "<td>20[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日</td>", options: .regularExpression) != nil)
    }

    @Test("the language switch keeps the rest of the query")
    func languageSwitch() async throws {
        let r = await Self.get("/rank?by=park&within=43&lang=zh")
        #expect(r.body.contains("href=\"/rank?by=park&amp;within=43&amp;lang=en\""))
        let profile = await Self.get("/profile/zz-htz", acceptLanguage: "zh-CN")
        #expect(profile.body.contains("href=\"/profile/zz-htz?lang=en\""))
    }

    @Test("Accept-Language chooses when the query does not, with Vary; ?lang= beats the header", arguments: [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"), ("zh-Hans", "zh-CN"), ("zh-TW", "zh-CN"), ("en-US,en;q=0.9,zh;q=0.8", "en"),
        ("de-DE,fr;q=0.8", "en"), ("en;q=0.2,zh;q=0.7", "zh-CN"),
    ])
    func acceptLanguage(_ header: String, _ tag: String) async throws {
        let r = await Self.get("/", acceptLanguage: header)
        #expect(r.status == 200)
        #expect(r.body.contains("<html lang=\"\(tag)\">"), "\(header)")
        #expect(r.headers["Vary"] == "Accept-Language")
        let query = await Self.get("/?lang=en", acceptLanguage: header)
        #expect(query.body.contains("<html lang=\"en\">") && query.headers["Vary"] == nil)
    }

    @Test("hostile Accept-Language: a sane language, never a 5xx", arguments: [
        String(repeating: "zh-CN;q=0.5,", count: 20_000),                       // huge
        String(repeating: "x", count: 100_000),                                 // one huge tag
        ";;;,,,==q=;q=q=,zh;q=abc,en;q=-1,en;q=nan,zh;q=inf",                   // malformed
        (0..<2000).map { "en;q=0.\($0 % 10)" }.joined(separator: ","),          // many q-values
        "\u{0}\u{7F}zh\u{FFFD}", "*", "zh;q=0", "",
    ])
    func hostileAcceptLanguage(_ header: String) async throws {
        for path in ["/", "/rank", "/nope"] {
            let r = await Self.get(path, acceptLanguage: header, accept: "text/html")
            #expect(r.status < 500, "\(path): \(r.status)")
            #expect(r.body.contains("<html lang=\"en\">") || r.body.contains("<html lang=\"zh-CN\">"))
        }
    }

    @Test("the cache keeps one answer per language: a Chinese page is never an English request's answer")
    func cacheByLanguage() async throws {
        // A query no other test asks, so that the first answer is computed here.
        let path = "/rank?by=prefecture&within=4302&top=7"
        let zh = await Self.get(path, acceptLanguage: "zh-CN")
        let en = await Self.get(path, acceptLanguage: "en-US")
        let none = await Self.get(path)
        let zhAgain = await Self.get(path, acceptLanguage: "zh")
        let zhQuery = await Self.get(path + "&lang=zh")
        #expect(zh.body.contains("<html lang=\"zh-CN\">") && zhAgain.body == zh.body)
        #expect(en.body.contains("<html lang=\"en\">") && none.body == en.body)
        #expect(zhQuery.body.contains("<html lang=\"zh-CN\">") && zhQuery.body != zh.body, "a page reached by ?lang= carries it in its links")
        // The same key in other words: the API keeps one answer whatever the header says.
        let api = await Self.get("/api/v1/rank?by=prefecture&within=4302&top=7", acceptLanguage: "zh-CN")
        #expect(!api.body.contains("排名") && api.headers["Vary"] == nil)
    }

    @Test("errors are pages in the reader's language when the client asks for HTML; text otherwise", arguments: [
        ("/nope", 404), ("/parks/nowhere", 404), ("/rank?by=parks", 400), ("/search?q=%ZZ", 400),
    ])
    func errorPages(_ path: String, _ status: Int) async throws {
        let zh = await Self.get(path, acceptLanguage: "zh-CN", accept: "text/html,application/xhtml+xml")
        #expect(zh.status == status)
        #expect(zh.contentType == "text/html; charset=utf-8" && zh.body.contains("<html lang=\"zh-CN\">") && zh.body.contains("错误："), "\(path)")
        let text = Self.checked(zh.body, path: path).replacingOccurrences(of: "parks", with: " ")  // the bad value given
        #expect(Self.asciiLeaks(text).isEmpty, "\(path): \(Self.asciiLeaks(text))")
        let curl = await Self.get(path, accept: "*/*")
        #expect(curl.status == status)
        #expect(curl.body.hasPrefix("Error: ") || curl.contentType.hasPrefix("text/html"), "\(path)")
    }

    @Test("a 405 and a 413 as pages too; the API's errors stay English text")
    func otherErrors() async throws {
        let h = ServeSamples.handler
        let post = await h.respond(method: "POST", path: "/", query: nil, acceptLanguage: "zh", accept: "text/html").response
        #expect(post.status == 405 && post.body.contains("服务器只读") && post.headers["Allow"] == "GET, HEAD")
        let big = await h.respond(method: "GET", path: "/", query: nil, bodyLength: 1 << 30, acceptLanguage: "zh", accept: "text/html").response
        #expect(big.status == 413 && big.body.contains("<html lang=\"zh-CN\">"))
        let api = await h.respond(method: "GET", path: "/api/v1/nope", query: nil, acceptLanguage: "zh", accept: "text/html").response
        #expect(api.status == 404 && api.body.hasPrefix("Error: no plugin 'nope'"))
    }
}
