import Core
import Foundation
import PostgresRegistry
import RegistryTesting
import Testing

/// What only a shared PostgreSQL registry has: copying to and from it, roles, passwords, TLS settings,
/// processes migrating at once. Skipped without a test server (REGCTL_TEST_POSTGRES; scripts/test).
@Suite("PostgreSQL registries", .enabled(if: Backend.postgresURL != nil, Comment(rawValue: Backend.postgresSkipReason)))
struct PostgresTests {
    /// Everything a registry answers, in one text, backend-independent: filings with their provenance,
    /// every current fact with filing and line, and every fact each filing stated.
    static func canonical(_ r: any Registry) throws -> String {
        var out: [String] = []
        let filings = try r.filings()
        // Counts sorted by kind: a dictionary's printed order varies from process to process.
        out += filings.map { f in
            "\(f.sequence) \(f.header) \(f.source) \(f.format) \(f.sha256) \(f.loadedAt) "
                + f.counts.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ",")
        }
        out += try r.parks().map { "\($0)" }
        out += try r.firms(FirmQuery()).map { "\($0)" }
        out += try r.firms(FirmQuery(unresolvedOnly: true)).map { "\($0)" }
        out += try r.designations(program: nil).map { "\($0)" }.sorted()
        out += try r.incubators().map { "\($0)" }
        out += try r.incubations(uscc: nil).map { "\($0)" }
        out += try r.annualReports(uscc: nil).map { "\($0)" }
        out += try r.transfers(recipient: nil).map { "\($0)" }
        for f in filings {
            var stated: [String] = []
            try r.statedRecords(filingID: f.header.id) { line, record in stated.append("\(line) \(record)") }
            out.append("\(f.header.id): \(stated.count) stated")
            out += stated
        }
        return out.joined(separator: "\n")
    }

    @Test("copy moves a registry to PostgreSQL and back with its provenance; every answer and retraction stay the same")
    func copyRoundTrip() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = dir.appendingPathComponent("original.sqlite").path
        let back = dir.appendingPathComponent("back.sqlite").path
        #expect(try CLI.run(["load", "samples/filings", "--registry", original]).status == 0)
        // A filing superseded in part by a later one, so that superseded facts must travel too.
        let pg = try Backend.scratchConnectionString()
        let toPG = try CLI.run(["copy", "--from", original, "--to", pg, "--quiet"])
        #expect(toPG.status == 0, "\(toPG.stderr)")
        let toSQLite = try CLI.run(["copy", "--from", pg, "--to", back])
        #expect(toSQLite.status == 0, "\(toSQLite.stderr)")
        #expect(toSQLite.stdout.contains("52 filings, 20112 facts copied"), "\(toSQLite.stdout)")

        let a = try Backend.open(original), b = try Backend.open(pg), c = try Backend.open(back)
        let reference = try PostgresTests.canonical(a)
        #expect(try PostgresTests.canonical(b) == reference)
        #expect(try PostgresTests.canonical(c) == reference)
        #expect(try a.contentDump() == c.contentDump())
        #expect(try b.integrityCheck() == "ok")

        // Retraction works the same on the copy: the revocations filing goes, earlier answers come back.
        let q = ["rank", "--level", "provincial", "--by", "park", "--within", "43", "--format", "json"]
        let revocations = try #require(Expected.value.filings.first { $0.file.contains("revocation") })
        for registry in [original, pg] {
            #expect(try CLI.run(["filings", "retract", revocations.id, "--registry", registry]).status == 0)
        }
        #expect(try CLI.rows(CLI.run(q + ["--registry", pg]).stdout) == CLI.rows(CLI.run(q + ["--registry", original]).stdout))

        // Into a registry that is not empty: refused, nothing changes.
        let again = try CLI.run(["copy", "--from", original, "--to", back])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already holds 52 filings"))
        #expect(try PostgresTests.canonical(Backend.open(back)) == reference)
    }

    @Test("the analyst role (SELECT only) can rank and list but cannot load or retract; the registry stays as it was")
    func readOnlyRole() throws {
        let analystBase = try #require(Backend.postgresAnalystURL)
        let owner = try Backend.scratchConnectionString()
        let schema = try #require(owner.components(separatedBy: "search_path%3D").last)
        // The grants of docs/postgres.md, given before the loader's first load creates the tables.
        try PostgresMaintenance.execute("""
            GRANT USAGE ON SCHEMA \(schema) TO regctl_test_analyst;
            ALTER DEFAULT PRIVILEGES IN SCHEMA \(schema) GRANT SELECT ON TABLES TO regctl_test_analyst;
            """, connectionString: owner)
        #expect(try CLI.run(["load", "samples/filings", "--registry", owner, "--quiet"]).status == 0)
        let analyst = PostgresMaintenance.connectionString(analystBase, schema: schema)
        let before = try Backend.open(owner).contentDump()

        let rank = try CLI.run(["rank", "--level", "national", "--by", "park", "--within", "43", "--format", "json", "--registry", analyst])
        #expect(rank.status == 0, "\(rank.stderr)")
        #expect(try CLI.rows(rank.stdout).first { $0[1] == "zz-htz" }?[3] == "25")
        #expect(try CLI.run(["filings", "--registry", analyst]).status == 0)

        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("parks-new.xml")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <filing xmlns="urn:regctl:filing:1" id="NEW-PARK" authority="t" issued="2025-01-01">
            <park id="np" name="新园区" region="430211" level="provincial" kind="high-tech-zone"/>
            </filing>
            """.utf8).write(to: file)
        let load = try CLI.run(["load", file.path, "--registry", analyst])
        #expect(load.status != 0)
        #expect(load.stderr.contains("may not do that"), "\(load.stderr)")
        #expect(load.stderr.contains("docs/postgres.md"), "\(load.stderr)")
        let retract = try CLI.run(["filings", "retract", try #require(Expected.value.filings.last?.id), "--registry", analyst])
        #expect(retract.status != 0)
        #expect(try Backend.open(owner).contentDump() == before)
    }

    @Test("a password never appears in output or errors, from the URL or from the password file; a wrong one is a clear error")
    func passwords() throws {
        let base = try #require(Backend.postgresURL)
        // The test cluster keeps the passwords in PGPASSFILE (scripts/postgres-throwaway).
        let passfile = try #require(ProcessInfo.processInfo.environment["PGPASSFILE"])
        let line = try #require(try String(contentsOfFile: passfile, encoding: .utf8).split(separator: "\n").first { $0.contains(":regctl_test:") })
        let password = String(try #require(line.split(separator: ":").last))
        let scratch = try Backend.scratchConnectionString()
        let withPassword = scratch.replacingOccurrences(of: "://regctl_test@", with: "://regctl_test:\(password)@")
        #expect(withPassword != scratch)
        let env = ["PGPASSFILE": "/nonexistent"]
        var outputs: [CLI.Result] = []
        outputs.append(try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", withPassword], environment: env))
        outputs.append(try CLI.run(["filings", "--registry", withPassword], environment: env))
        outputs.append(try CLI.run(["load", "samples/filings/no-such-file.xml", "--registry", withPassword], environment: env))
        outputs.append(try CLI.run(["rank", "--registry", withPassword.replacingOccurrences(of: "/regctl_test?", with: "/no_such_db?")], environment: env))
        let wrong = try CLI.run(["rank", "--registry", scratch.replacingOccurrences(of: "://regctl_test@", with: "://regctl_test:not-\(password)@")], environment: env)
        outputs.append(wrong)
        #expect(outputs[0].status == 0, "\(outputs[0].stderr)")
        #expect(outputs[1].stdout.contains("Filings in postgres://regctl_test@127.0.0.1"), "\(outputs[1].stdout)")
        for o in outputs {
            #expect(!o.stdout.contains(password) && !o.stderr.contains(password))
        }
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
        // No password at all (no file, no PGPASSWORD): libpq says one is needed.
        let none = try CLI.run(["rank", "--registry", base], environment: env)
        #expect(none.status != 0)
        #expect(none.stderr.contains("password"), "\(none.stderr)")
    }

    @Test("sslmode is honoured: require fails clearly on a server without TLS, disable connects")
    func sslmode() throws {
        let scratch = try Backend.scratchConnectionString()
        let require = try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", scratch + "&sslmode=require"])
        #expect(require.status != 0)
        #expect(require.stderr.contains("SSL"), "\(require.stderr)")
        let disable = try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", scratch + "&sslmode=disable"])
        #expect(disable.status == 0, "\(disable.stderr)")
    }

    @Test("processes that open a new registry at once migrate it once (an advisory lock)")
    func concurrentMigration() throws {
        let scratch = try Backend.scratchConnectionString()
        let files = Array(repeating: "hn-parks-2022.xml", count: 4)
        let results = try CLI.runConcurrently(files.map { ["load", "samples/filings/\($0)", "--registry", scratch] })
        for r in results { #expect(r.status == 0, "\(r.stderr)") }
        let store = try Backend.open(scratch)
        #expect(try store.filings().count == 1)
        // Each migration once: v1-registry, v5-former-names, v6-link-decisions.
        #expect(try PostgresMaintenance.value("SELECT count(*) FROM regctl_migrations", connectionString: scratch) == "3")
        #expect(results.filter { $0.stdout.contains("unchanged") }.count == 3)
    }
}

