import Core
import Foundation
import Testing
@testable import regctl

/// Core's storage errors name no flag; the command line adds what the user can do, in its own words,
/// wherever the error surfaces (an argument-parser command, a plugin, a load).
@Suite("storage errors: Core's words, then regctl's remedy")
struct RemedyWordsTests {
    @Test("Core's storage errors name no command-line flag or command")
    func coreNamesNoFlag() {
        let errors: [StoreError] = [
            .noRegistry(path: "r.sqlite"), .notARegistry(path: "o.db", found: .otherDatabase(tables: ["t"])),
            .noSuchFiling(id: "X"), .retractionWouldBreak(id: "X", dependents: [RetractionDependent(filingID: "Y", line: 3, kind: .designation, words: Message("m"))], more: 1),
        ]
        for e in errors {
            let words = e.errorDescription ?? ""
            #expect(!words.contains("--") && !words.contains("`regctl"), "\(words)")
            #expect(e.remedy != nil, "\(e)")
        }
    }

    @Test("a missing registry, a foreign database and an unknown filing id say what to do, in every kind of command")
    func remediesWorded() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("none.sqlite").path
        // rank is a plugin (PluginRunner), filings an argument-parser command: both word the remedy.
        for command in [["rank"], ["filings"]] {
            let r = try CLI.run(command + ["--registry", missing])
            #expect(r.status != 0)
            #expect(r.stderr.contains("no registry here. Name a registry with --registry PATH"), "\(command): \(r.stderr)")
        }
        let registry = dir.appendingPathComponent("r.sqlite").path
        #expect(try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", registry, "-q"]).status == 0)
        let retract = try CLI.run(["filings", "retract", "NO-SUCH-ID", "--registry", registry])
        #expect(retract.status != 0)
        #expect(retract.stderr.contains("no filing with id 'NO-SUCH-ID' is loaded. `regctl filings` lists the loaded ones."), "\(retract.stderr)")
    }
}
