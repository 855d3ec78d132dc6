import Foundation
import Testing
import Core
@testable import regctl

/// Issue 17 on the web: a plugin page's option errors — the runner's (an unknown option, a bad date,
/// a server-only name) and the plugin's (a value out of range) — are in
/// the page's language, whatever the server process's; the API's stay English.
@Suite("regctl serve: option errors in the page's language", .serialized)
struct ServeOptionLanguageTests {
    static let cases: [(query: String, zh: String, en: String)] = [
        ("bogus=1", "未知选项 --bogus", "unknown option '--bogus'"),
        ("as-of=2024-13-01", "--as-of “2024-13-01”不是 YYYY-MM-DD 格式的日期", "--as-of '2024-13-01' is not a date YYYY-MM-DD"),
        ("registry=x.sqlite", "此处不能指定“registry”", "'registry' cannot be given here"),
        ("top=abc", "--top “abc”无效；应为 整数", "--top 'abc' is not valid; expected a whole number"),
        ("by=parkx", "以下之一：province、prefecture、county、park、incubator（您是否想输入 park？）", "one of province, prefecture, county, park, incubator (did you mean park?)"),
    ]

    @Test("a bad option under ?lang=zh and ?lang=en: a 400 page whose message is in that language", arguments: 0..<cases.count)
    func optionError(_ index: Int) async throws {
        let c = Self.cases[index]
        let zh = await ServeLanguageTests.get("/rank?\(c.query)&lang=zh", accept: "text/html")
        #expect(zh.status == 400)
        #expect(zh.body.contains("<html lang=\"zh-CN\">") && zh.body.contains(Markup.escape(c.zh)), "\(c.query): \(zh.body)")
        let en = await ServeLanguageTests.get("/rank?\(c.query)&lang=en", accept: "text/html")
        #expect(en.status == 400)
        #expect(en.body.contains(Markup.escape(c.en)), "\(c.query): \(en.body)")
        #expect(!en.body.contains(Markup.escape(c.zh)) && !zh.body.contains(Markup.escape(c.en)), "\(c.query)")
        // The API answers in English, whatever the header asks.
        let api = await ServeSamples.handler.respond(method: "GET", path: "/api/v1/rank", query: c.query, acceptLanguage: "zh", accept: "*/*").response
        #expect(api.status == 400 && api.body.contains(c.en), "\(c.query): \(api.body)")
    }
}
