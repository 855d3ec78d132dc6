import Foundation
import Testing
import Core
@testable import regctl

/// Issue 17 on the web: a plugin's page in the language `?lang=` names; the JSON API stays English.
@Suite("regctl serve in Chinese and English")
struct ServeLanguageTests {
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
        #expect(plain.body == en.body)
        #expect(plain.body.contains("<html lang=\"en\">") && plain.body.contains("The same on the command line:"))
        let api = await ServeSamples.get("/api/v1/rank")
        #expect(api.body.contains("\"rows\"") && !api.body.contains("排名"))
    }
}
