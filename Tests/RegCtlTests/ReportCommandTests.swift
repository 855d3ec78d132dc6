import Foundation
import Testing
import Core

/// `regctl report --park zz-htz` on the samples, written once and shared by the tests.
enum SampleReport {
    static let path: String = SampleRegistry.directory.appendingPathComponent("report-zz-htz.html").path
    static let result: CLI.Result = try! SampleRegistry.run(["report", "--park", "zz-htz", "-o", path])
    static var html: String {
        _ = result
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Filing ids of the report's sections, as the plugins give them.
    static func filings(_ args: [String]) throws -> [String] {
        let r = try SampleRegistry.run(args + ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try #require(object["filings"] as? [String])
    }

    /// The sections' analyses, as `regctl report --park zz-htz` runs them.
    static let analyses: [[String]] = [
        ["profile", "zz-htz"],
        ["rank", "--level", "national", "--by", "park", "--within", "43"],
        ["rank", "--level", "provincial", "--by", "park", "--within", "43"],
        ["growth", "--view", "designations", "--by", "park", "--within", "43", "--top", "8"],
        ["transfers", "--by", "year", "--stack", "channel", "--within", "zz-htz"],
        ["transfers", "--by", "mode", "--within", "zz-htz"],
        ["incubators", "--view", "check", "--within", "zz-htz"],
        ["incubators", "--by", "park", "--within", "43"],
    ]
}

@Suite("regctl report: one self-contained HTML page")
struct ReportCommandTests {
    @Test("it writes the page and says how long it took")
    func writes() throws {
        let r = SampleReport.result
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Wrote \(SampleReport.path): 8 sections"))
        #expect(SampleReport.html.hasPrefix("<!DOCTYPE html>"))
    }

    @Test("the profile shows the figures of samples/expected.json")
    func profileFigures() throws {
        let html = SampleReport.html
        let e = ExpectedProfile.value
        func card(_ figure: String, _ value: String) -> Bool {
            guard let start = html.range(of: "data-figure=\"\(figure)\"") else { return false }
            let card = html[start.upperBound...].prefix(300)
            return card.contains("<span class=\"value\">\(value)</span>")
        }
        // Numbers people read carry separators: 1,486 in the card, 1486 in the JSON.
        #expect(card("firms_in_incubation", NumberStyle.grouped("\(e.firms_in_incubation)")))
        #expect(card("little_giants_provincial_and_above", "\(e.little_giants_provincial_and_above)"))
        #expect(card("little_giants_national", "\(e.little_giants_national)"))
        #expect(card("rank_in_province_by_national_little_giants", "\(e.rank_in_province_by_national_little_giants)"))
        #expect(card("incubators_and_maker_spaces_provincial_and_above", "\(e.incubators_and_maker_spaces_provincial_and_above.count)"))
        #expect(card("projects_introduced_5y", "\(e.projects_introduced_5y)"))
        #expect(card("transfers_5y", "\(e.transfers_5y)"))
        #expect(card("transfers_5y_value", "264,581,167.14"))
        #expect(e.transfers_5y_value_total == "264581167.14")
        #expect(card("transfers_5y_recipients", "\(e.transfers_5y_distinct_recipients)"))
        #expect(html.contains("<strong id=\"as-of\">\(e.as_of)</strong>"))
    }

    @Test("each section has its chart as inline SVG and its table; the rank chart names 株洲高新区 with 25")
    func sections() throws {
        let html = SampleReport.html
        for id in ["profile", "rank-national", "rank-provincial", "growth", "transfers-year", "transfers-mode", "incubators-check", "incubators-parks", "provenance"] {
            #expect(html.contains("<section id=\"\(id)\">"), "\(id)")
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == 7)
        let rank = try #require(html.range(of: "<section id=\"rank-national\">"))
        let section = String(html[rank.lowerBound...].prefix(20_000))
        #expect(section.contains("<td>株洲高新区</td><td class=\"num\">25</td>"))
        #expect(section.contains(">株洲高新区</text>"))
        #expect(section.contains(">25</text>"))
        let provincial = try #require(html.range(of: "<section id=\"rank-provincial\">"))
        #expect(html[provincial.lowerBound...].prefix(20_000).contains("<td>株洲高新区</td><td class=\"num\">70</td>"))
        // Transfers per year are in year order.
        let years = try #require(html.range(of: "<section id=\"transfers-year\">"))
        let body = String(html[years.lowerBound...].prefix(30_000))
        let order = (2020...2024).compactMap { body.range(of: "<td>\($0)</td>")?.lowerBound }
        #expect(order.count == 5 && order == order.sorted())
    }

    @Test("the provenance lists every filing the sections rest on, with authority, date, title, source file and SHA-256 prefix")
    func provenance() throws {
        let html = SampleReport.html
        var used: Set<String> = []
        for args in SampleReport.analyses { used.formUnion(try SampleReport.filings(args)) }
        #expect(!used.isEmpty)
        let prov = try #require(html.range(of: "<section id=\"provenance\">"))
        let section = String(html[prov.lowerBound...])
        #expect(section.components(separatedBy: "<tr id=\"filing-").count - 1 == used.count)
        let store = try SQLiteStore(path: SampleRegistry.path, create: false)
        let infos = Dictionary(try store.filings().map { ($0.header.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in used {
            let info = try #require(infos[id])
            #expect(section.contains("<td><code>\(id)</code></td><td>\(info.header.authority)</td>"), "\(id)")
            #expect(section.contains("<code>\(info.sha256.prefix(12))</code>"), "\(id)")
            #expect(section.contains(info.source), "\(id)")
            if let issued = info.header.issued { #expect(section.contains("<td>\(issued)</td>")) }
        }
    }

    @Test("the page is self-contained: no script, no external resource, a policy that forbids fetching")
    func selfContained() throws {
        let html = SampleReport.html
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(!html.contains("<link"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        // The only absolute URL is the SVG namespace.
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").range(of: "https?://", options: .regularExpression) == nil)
    }

    @Test("--within a region writes the same sections per park; --park and --within together, or an unknown park, are refused")
    func regionAndErrors() throws {
        let out = SampleRegistry.directory.appendingPathComponent("report-43.html").path
        let r = try SampleRegistry.run(["report", "--within", "43", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("<h1>湖南省 — innovation economy report</h1>"))
        #expect(html.contains("<td>株洲高新区</td><td class=\"num\">25</td>"))
        #expect(html.contains("<section id=\"provenance\">"))
        let both = try SampleRegistry.run(["report", "--park", "zz-htz", "--within", "43", "-o", out])
        #expect(both.status != 0)
        #expect(both.stderr.contains("not both"))
        let unknown = try SampleRegistry.run(["report", "--park", "no-such-park", "-o", out])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no-such-park"))
    }
}

/// Headless Chromium (Debian's `chromium`), when installed.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs chromium headless with `arguments` and the page; returns stdout and stderr. Killed after 120 s.
    static func run(_ arguments: [String], url: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-chromium-\(UUID().uuidString)")
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)"] + arguments + [url.absoluteString]
        let outURL = profile.appendingPathExtension("out"), errURL = profile.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
            try? FileManager.default.removeItem(at: profile)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        try out.close()
        try err.close()
        return (p.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

@Suite("regctl report in headless Chromium")
struct ReportChromiumTests {
    @Test("Chromium renders the page with the expected figures and no console error", .enabled(if: Chromium.path != nil, "chromium is not installed"))
    func renders() throws {
        #expect(SampleReport.result.status == 0)
        let r = try Chromium.run(["--enable-logging=stderr", "--v=0", "--dump-dom"], url: URL(fileURLWithPath: SampleReport.path))
        #expect(r.status == 0, "\(r.stderr)")
        let dom = r.stdout
        let e = ExpectedProfile.value
        for figure in [NumberStyle.grouped("\(e.firms_in_incubation)"), "\(e.little_giants_provincial_and_above)", "\(e.little_giants_national)", "264,581,167.14"] {
            #expect(dom.contains("<span class=\"value\">\(figure)</span>"), "\(figure)")
        }
        #expect(dom.contains("<section id=\"provenance\">"))
        #expect(dom.contains("株洲高新区"))
        #expect(dom.components(separatedBy: "<svg ").count - 1 == 7)
        let errors = Chromium.consoleMessages(r.stderr)
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
    }

    @Test("the console check sees a script error and a fetch the page's policy blocks", .enabled(if: Chromium.path != nil, "chromium is not installed"))
    func consoleCheckWorks() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("bad.html")
        try Data("""
            <!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'"></head>
            <body><img src="https://example.invalid/x.png"><script>throw new Error("boom")</script></body></html>
            """.utf8).write(to: page)
        let r = try Chromium.run(["--enable-logging=stderr", "--v=0", "--dump-dom"], url: page)
        let messages = Chromium.consoleMessages(r.stderr)
        #expect(messages.contains { $0.contains("Uncaught Error: boom") })
        #expect(messages.contains { $0.contains("Content Security Policy") })
    }
}

extension Chromium {
    /// Console lines of `--enable-logging=stderr --v=0` output: Chromium logs console.error, uncaught
    /// exceptions and policy violations alike as `…:CONSOLE:…` (at INFO level in recent versions), so any
    /// of them counts for a page that has no script.
    static func consoleMessages(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
    }
}
