import Foundation
import Testing

/// Issue 17: the built regctl chooses its language from --lang, then LC_ALL / LC_MESSAGES / LANG.
@Suite("language of the command line, end to end")
struct LanguageEndToEndTests {
    @Test("--lang zh and LANG=zh_CN.UTF-8 give Chinese help; --lang en beats LANG")
    func choice() throws {
        let flag = try CLI.run(["--lang", "zh", "--help"])
        #expect(flag.status == 0 && flag.stdout.contains("概述：") && flag.stdout.contains("选项："))
        let env = try CLI.run(["--help"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(env.stdout == flag.stdout)
        let english = try CLI.run(["--help", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(english.stdout.contains("OVERVIEW:") && !english.stdout.contains("概述"))
        let lcAll = try CLI.run(["--help"], environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"])
        #expect(lcAll.stdout == english.stdout)
    }

    @Test("an unknown --lang is a usage error that says what it takes")
    func unknown() throws {
        let r = try CLI.run(["filings", "--lang", "xx"])
        #expect(r.status == 64)
        #expect(r.stderr == "Error: --lang takes zh or en, not 'xx'.\n")
        let zh = try CLI.run(["--lang=fr"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.status == 64 && zh.stderr.contains("--lang 只接受 zh 或 en"))
    }

    @Test("an unknown command, with its did-you-mean, in Chinese")
    func unknownCommand() throws {
        let r = try CLI.run(["--lang", "zh", "rnak"])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("错误：“rnak”不是 regctl 的命令或插件；您是否想输入 rank？"))
    }
}
