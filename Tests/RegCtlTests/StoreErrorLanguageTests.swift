import Core
import Foundation
import Testing
@testable import PostgresRegistry
@testable import regctl
import RegistryTesting

/// Issue 17: what the database refused is a kind (`DatabaseProblem`), worded from Core's catalogue in
/// the reader's language with what to do; SQLite's or libpq's own English follows in parentheses and
/// is never the whole sentence.
@Suite("storage errors in the reader's language")
struct StoreErrorLanguageTests {
    /// Words a Chinese storage error may hold in Latin letters: programs, packages, flags, files.
    static let allowedLatin: Set<String> = ["regctl", "sqlite", "postgresql", "libpq", "debian", "apt", "get", "createdb", "name",
                                            "registry", "path", "pgpassword", "pgpass", "docs", "postgres", "check", "regctl_registry",
                                            "install", "load", "samples", "filings"]

    static func latinWords(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0 == "_")) }).map { $0.lowercased() }.filter { $0.count >= 3 }
    }

    static func hasCJK(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test("every kind is worded in Chinese and in English, the engine's text only in parentheses, with its remedy",
          arguments: DatabaseProblem.allCases)
    func everyKind(_ problem: DatabaseProblem) {
        let error = StoreError.database(path: "r.sqlite", problem: problem, detail: "engine says no")
        let zh = WordedStoreError(error: error, w: Words(.zh)).errorDescription ?? ""
        let en = WordedStoreError(error: error, w: Words(.en)).errorDescription ?? ""
        #expect(zh.hasPrefix("r.sqlite：") && zh.contains("（engine says no）"), "\(zh)")
        let own = zh.replacingOccurrences(of: "（engine says no）", with: "").replacingOccurrences(of: "r.sqlite", with: "")
        #expect(Self.hasCJK(own))
        #expect(Self.latinWords(own).filter { !Self.allowedLatin.contains($0) }.isEmpty, "\(problem): \(zh)")
        #expect(en.hasPrefix("r.sqlite: ") && en.contains(" (engine says no)"), "\(en)")
        #expect(!Self.hasCJK(en), "\(en)")
        // Core's English (what callers that know no language print) is the sentence before the remedy.
        #expect(en.hasPrefix(error.errorDescription ?? "?"), "\(en)")
        if let remedy = problem.remedy {
            #expect(zh.hasSuffix(remedy.sentence(Words(.zh))), "\(zh)")
            #expect(en.hasSuffix(remedy.sentence(Words(.en))), "\(en)")
        } else {
            #expect([.otherSQLite, .otherPostgres].contains(problem))
        }
        // Without the engine's words, no empty parentheses.
        let bare = WordedStoreError(error: .database(path: "r.sqlite", problem: problem, detail: nil), w: Words(.zh)).errorDescription ?? ""
        #expect(!bare.contains("（）") && !bare.contains("()"), "\(bare)")
    }

    @Test("libpq's and the server's words for a connection that failed map to their kinds")
    func postgresConnectionWords() {
        let cases: [(String, DatabaseProblem)] = [
            (#"connection to server at "127.0.0.1", port 1 failed: Connection refused Is the server running on that host and accepting TCP/IP connections?"#, .connectionRefused),
            (#"connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed: No such file or directory"#, .connectionRefused),
            (#"connection to server at "127.0.0.1", port 5432 failed: FATAL: password authentication failed for user "x""#, .authenticationFailed),
            (#"connection to server at "127.0.0.1", port 5432 failed: fe_sendauth: no password supplied"#, .authenticationFailed),
            (#"connection to server at "127.0.0.1", port 5432 failed: FATAL: role "nobody" does not exist"#, .authenticationFailed),
            (#"connection to server at "127.0.0.1", port 5432 failed: FATAL: database "nodb" does not exist"#, .databaseMissing),
            (#"could not translate host name "db.invalid" to address: Name or service not known"#, .unknownHost),
            ("server closed the connection unexpectedly", .connectionLost),
            ("something else entirely", .otherPostgres),
        ]
        for (message, kind) in cases { #expect(DatabaseProblem(connecting: message) == kind, "\(message)") }
        let states: [(String?, DatabaseProblem)] = [("42501", .noPrivilege), ("53100", .serverDiskFull), ("40001", .conflicts), ("40P01", .conflicts),
                                                    ("25006", .readOnlyConnection), ("57P01", .connectionLost), ("08006", .connectionLost),
                                                    ("28P01", .authenticationFailed), ("3D000", .databaseMissing), ("22P02", .otherPostgres),
                                                    (nil, .otherPostgres)]
        for (state, kind) in states { #expect(DatabaseProblem(sqlState: state, message: "m") == kind, "\(state ?? "nil")") }
    }

    /// Runs regctl under `--lang` for each language; the storage error's words in each.
    static func both(_ arguments: [String], environment: [String: String] = [:]) throws -> (zh: CLI.Result, en: CLI.Result) {
        (try CLI.run(arguments + ["--lang", "zh"], environment: environment), try CLI.run(arguments + ["--lang", "en"], environment: environment))
    }

    static func expectWorded(_ r: (zh: CLI.Result, en: CLI.Result), zh: String, en: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.zh.status != 0 && r.en.status != 0, sourceLocation: sourceLocation)
        #expect(r.zh.stderr.contains(zh), "\(r.zh.stderr)", sourceLocation: sourceLocation)
        #expect(r.en.stderr.contains(en), "\(r.en.stderr)", sourceLocation: sourceLocation)
        #expect(!hasCJK(r.en.stderr), "\(r.en.stderr)", sourceLocation: sourceLocation)
    }

    @Test("a file that is no database, a folder, a missing folder and a locked registry, in both languages")
    func sqliteEndToEnd() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // An SQLite header over bytes that are no database.
        let damaged = dir.appendingPathComponent("damaged.sqlite")
        try (Data("SQLite format 3\0".utf8) + Data(repeating: 0xA5, count: 4096)).write(to: damaged)
        Self.expectWorded(try Self.both(["rank", "--registry", damaged.path]),
                          zh: "这不是 regctl 登记库，或文件已损坏（", en: "this is not a regctl registry, or the file is damaged (")
        Self.expectWorded(try Self.both(["rank", "--registry", dir.path]),
                          zh: "这是文件夹，不是登记库文件", en: "this is a folder, not a registry file")
        Self.expectWorded(try Self.both(["load", "samples/filings/hn-parks-2022.xml", "--registry", dir.appendingPathComponent("no/such/r.sqlite").path]),
                          zh: "无法打开登记库文件（unable to open database file）。请确认其所在文件夹存在", en: "cannot open the registry file (unable to open database file). Check that its folder exists")

        let registry = dir.appendingPathComponent("r.sqlite").path
        #expect(try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", registry, "-q"]).status == 0)
        let store = try SQLiteStore(path: registry, create: false)
        let locked = try store.withFilingSession { _ in
            try Self.both(["load", "samples/filings/zz-incubators-2023.xml", "--registry", registry], environment: ["REGCTL_BUSY_TIMEOUT": "1"])
        }
        Self.expectWorded(locked, zh: "另一个进程正在写入登记库", en: "another process is writing to the registry")
        #expect(locked.zh.stderr.contains("请待其完成后重试"), "\(locked.zh.stderr)")
    }

    /// regctl run as the unprivileged user `nobody` (root may write any file, so only another user
    /// meets a read-only file or folder); nil where that cannot be done here.
    static func runAsNobody(_ arguments: [String]) throws -> CLI.Result? {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        func run(_ args: [String]) throws -> CLI.Result {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.executable.path] + args
            p.currentDirectoryURL = URL(fileURLWithPath: "/")
            p.environment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return CLI.Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
        }
        // The build folder may be private to root (a clone under /root): then there is nothing to test.
        guard try run(["--version"]).status == 0 else { return nil }
        return try run(arguments)
    }

    @Test("a read-only registry file and a folder without write permission, in both languages (as another user than root)")
    func readOnly() throws {
        let dir = URL(fileURLWithPath: "/tmp").appendingPathComponent("regctl-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let filing = dir.appendingPathComponent("incubators.xml")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("samples/filings/zz-incubators-2023.xml"), to: filing)
        let registry = dir.appendingPathComponent("r.sqlite").path
        #expect(try CLI.run(["load", "samples/filings/hn-parks-2022.xml", "--registry", registry, "-q"]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: registry)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: filing.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: dir.path)
        guard let zh = try Self.runAsNobody(["load", filing.path, "--registry", registry, "--lang", "zh"]) else { return }
        let en = try #require(try Self.runAsNobody(["load", filing.path, "--registry", registry, "--lang", "en"]))
        Self.expectWorded((zh, en), zh: "登记库无法写入：文件或其所在文件夹为只读（", en: "the registry cannot be written: the file or its folder is read-only (")
        #expect(zh.stderr.contains("只读的命令仍可使用"), "\(zh.stderr)")

        // A folder the user may not write in: a new registry cannot be made there.
        let closed = dir.appendingPathComponent("closed")
        try FileManager.default.createDirectory(at: closed, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: closed.path)
        let newRegistry = closed.appendingPathComponent("r.sqlite").path
        let zh2 = try #require(try Self.runAsNobody(["load", filing.path, "--registry", newRegistry, "--lang", "zh"]))
        let en2 = try #require(try Self.runAsNobody(["load", filing.path, "--registry", newRegistry, "--lang", "en"]))
        Self.expectWorded((zh2, en2), zh: "无法打开登记库文件", en: "cannot open the registry file")
        #expect(zh2.stderr.contains("请确认其所在文件夹存在，且您有读写权限"), "\(zh2.stderr)")
    }

    @Test("a PostgreSQL address with a wrong port, an unknown user or a missing database, in both languages",
          .enabled(if: Backend.postgresURL != nil, Comment(rawValue: Backend.postgresSkipReason)))
    func postgres() throws {
        let base = try #require(Backend.postgresURL)
        let url = try #require(URLComponents(string: base))
        var wrongPort = url
        // A port nothing listens on: the server's own, plus one, is free in the throwaway cluster's setup.
        wrongPort.port = 1
        Self.expectWorded(try Self.both(["rank", "--registry", try #require(wrongPort.string)]),
                          zh: "无法连接登记库地址所指主机和端口上的数据库服务器（", en: "the database server cannot be reached at the host and port")
        var unknownUser = url
        unknownUser.user = "no_such_role"
        let user = try Self.both(["rank", "--registry", try #require(unknownUser.string)], environment: ["PGPASSWORD": "x"])
        Self.expectWorded(user, zh: "数据库服务器拒绝了该用户名或密码（", en: "the database server refused the user name or the password (")
        #expect(user.zh.stderr.contains("请检查用户名和密码"), "\(user.zh.stderr)")
        var noDatabase = url
        noDatabase.path = "/no_such_database"
        Self.expectWorded(try Self.both(["rank", "--registry", try #require(noDatabase.string)]),
                          zh: "服务器上没有登记库地址所指的数据库（", en: "the database that the registry's address names does not exist on the server (")
    }
}
