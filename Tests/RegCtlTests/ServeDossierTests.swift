import Core
import Foundation
import Testing
@testable import regctl

/// `/parks/{id}`, `/firms/{uscc}`, `/incubators/{id}`, `/search?q=`: what `regctl show` shows.
@Suite("regctl serve: dossiers and search")
struct ServeDossierTests {
    /// The `[FILING:LINE]` sources `regctl show` prints.
    static func sources(_ text: String) -> [String] {
        text.split(separator: "[").dropFirst().compactMap { part in part.split(separator: "]").first.map(String.init) }.filter { $0.contains(":") }
    }

    @Test("every fact regctl show prints is on the page, linked to its filing", arguments: ["zz-htz", "91431381746286535B", "ZZHTZ-FH-001"])
    func sameAsShow(_ what: String) async throws {
        let show = try SampleRegistry.run(["show", what])
        try #require(show.status == 0, "\(show.stderr)")
        let route = what.hasPrefix("9") ? "firms" : what.hasPrefix("ZZ") ? "incubators" : "parks"
        let page = await ServeSamples.get("/\(route)/\(what)")
        #expect(page.status == 200)
        let sources = Self.sources(show.stdout)
        #expect(!sources.isEmpty)
        for s in sources {
            let filing = String(s[..<s.lastIndex(of: ":")!])
            #expect(page.body.contains("<a class=\"src\" href=\"/filings/\(ServeQuery.pct(filing))\">\(Markup.escape(s))</a>"), "\(s)")
        }
        #expect(page.body.contains(Markup.escape(show.stdout.split(separator: "\n")[0].components(separatedBy: "  ")[0].components(separatedBy: " (")[0])))
        #expect(page.body.contains("<code>regctl show \(what)</code>"))
    }

    @Test("a park by name is the park; a park, firm or incubator that is not there is a 404")
    func notThere() async {
        #expect(await ServeSamples.get("/parks/" + ServeQuery.pct("株洲高新区")).status == 200)
        #expect(await ServeSamples.get("/parks/nowhere").status == 404)
        #expect(await ServeSamples.get("/firms/914302007121234556").status == 404)
        #expect(await ServeSamples.get("/firms/" + ServeQuery.pct("<b>")).body.contains("&lt;b&gt;"))
        #expect(await ServeSamples.get("/incubators/nowhere").status == 404)
    }

    @Test("/search finds as regctl show does: a park, firms by part of the name, nearest names")
    func search() async throws {
        let park = await ServeSamples.get("/search?q=zz-htz")
        #expect(park.body.contains("<a href=\"/parks/zz-htz\">"))
        let show = try SampleRegistry.run(["show", "光电"])
        let firms = await ServeSamples.get("/search?q=" + ServeQuery.pct("光电"))
        #expect(firms.status == 200)
        for line in show.stdout.split(separator: "\n").dropFirst() {
            let code = line.trimmingCharacters(in: .whitespaces).split(separator: " ")[0]
            if code.count == 18 { #expect(firms.body.contains("<a href=\"/firms/\(code)\">"), "\(code)") }
        }
        let nothing = await ServeSamples.get("/search?q=zz-htx")
        #expect(nothing.body.contains("did you mean"))
        #expect(nothing.body.contains("/search?q=zz-htz"))
        #expect(await ServeSamples.get("/search").status == 200)
    }
}
