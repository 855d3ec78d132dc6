import Foundation
import Testing

/// `regctl load` with workbooks, --set, --columns and --ignore-columns: what the user sees.
@Suite("regctl load: workbooks and lists as published")
struct ExcelLoadCommandTests {
    static let fixtures = "Tests/CoreTests/Fixtures/xlsx"

    @Test("--set and --columns that are not NAME=VALUE are usage errors naming the option")
    func badOptionSyntax() throws {
        let registry = try CLI.temporaryDirectory().appendingPathComponent("r.sqlite").path
        let set = try CLI.run(["load", "\(Self.fixtures)/miit-list.xlsx", "--set", "level", "--registry", registry])
        #expect(set.status == 64 && set.stderr.contains("--set 'level' is not NAME=VALUE (for example --set level=national)"), "\(set.stderr)")
        let twice = try CLI.run(["load", "\(Self.fixtures)/miit-list.xlsx", "--set", "level=national", "--set", "level=provincial", "--registry", registry])
        #expect(twice.status == 64 && twice.stderr.contains("--set level is given twice"), "\(twice.stderr)")
        let columns = try CLI.run(["load", "\(Self.fixtures)/miit-list.xlsx", "--columns", "单位全称", "--registry", registry])
        #expect(columns.status == 64 && columns.stderr.contains("--columns '单位全称' is not NAME=VALUE"), "\(columns.stderr)")
        #expect(!FileManager.default.fileExists(atPath: registry))
    }

    @Test("a published list loads with one command; a bad --set is refused with did-you-mean, nothing loaded")
    func publishedList() throws {
        let registry = try CLI.temporaryDirectory().appendingPathComponent("r.sqlite").path
        let bad = try CLI.run(["load", "\(Self.fixtures)/miit-list.xlsx", "--kind", "designation", "--set", "program=little-giant",
                               "--set", "level=nationa", "--set", "year=2024", "--registry", registry])
        #expect(bad.status == 1 && bad.stderr.contains("list-wide field level=nationa: level 'nationa' is not one of") && bad.stderr.contains("did you mean national?"), "\(bad.stderr)")
        let ok = try CLI.run(["load", "\(Self.fixtures)/miit-list.xlsx", "--kind", "designation", "--set", "program=little-giant",
                              "--set", "level=national", "--set", "year=2024", "--registry", registry])
        #expect(ok.status == 0 && ok.stdout.contains("6 designations") && ok.stderr.isEmpty, "\(ok.stdout) \(ok.stderr)")
        let filings = try CLI.run(["filings", "--registry", registry, "--format", "json"])
        #expect(filings.stdout.contains(#"第六批专精特新\"小巨人\"企业名单"#), "the title row is the filing's title: \(filings.stdout)")
    }

    @Test("legacy and password-protected workbooks are refused with what to do", arguments: [
        ("legacy.xls", "save it as .xlsx (Excel Workbook)"), ("encrypted.xlsx", "remove the password"),
        ("not-a-zip.xlsx", "Check that this is the workbook you meant"), ("bomb.xlsx", "Ask its sender for a copy saved by Excel or WPS"),
    ])
    func refusedWorkbooks(name: String, remedy: String) throws {
        let registry = try CLI.temporaryDirectory().appendingPathComponent("r.sqlite").path
        let r = try CLI.run(["load", "\(Self.fixtures)/\(name)", "--kind", "designation", "--registry", registry])
        #expect(r.status == 1 && r.stderr.hasPrefix("\(Self.fixtures)/\(name)") && r.stderr.contains("nothing was loaded") && r.stderr.contains(remedy), "\(r.stderr)")
    }
}
