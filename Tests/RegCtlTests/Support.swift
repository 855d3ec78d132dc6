import Foundation
import Testing

/// Runs the built regctl and the repository's files.
enum CLI {
    /// The repository root, found from this file.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The regctl executable built beside the test bundle.
    static let executable: URL = {
        var candidates: [URL] = []
        if let arg0 = CommandLine.arguments.first { candidates.append(URL(fileURLWithPath: arg0).deletingLastPathComponent().appendingPathComponent("regctl")) }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("regctl"))
        for b in Bundle.allBundles { candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("regctl")) }
        for config in ["debug", "release"] { candidates.append(root.appendingPathComponent(".build/\(config)/regctl")) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs regctl with arguments, in `directory`, with REGCTL_REGISTRY unset.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        try start(arguments, in: directory, environment: environment).finish()
    }

    /// Starts every command at once, then waits for all of them.
    static func runConcurrently(_ commands: [[String]], environment: [String: String] = [:]) throws -> [Result] {
        try commands.map { try start($0, environment: environment) }.map { try $0.finish() }
    }

    /// A started regctl process, its output going to files.
    struct Running {
        let process: Process
        let out: (url: URL, handle: FileHandle)
        let err: (url: URL, handle: FileHandle)

        func finish() throws -> Result {
            defer {
                try? FileManager.default.removeItem(at: out.url)
                try? FileManager.default.removeItem(at: err.url)
            }
            process.waitUntilExit()
            try out.handle.close()
            try err.handle.close()
            let o = try Data(contentsOf: out.url), e = try Data(contentsOf: err.url)
            return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
        }
    }

    static func start(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Running {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        p.currentDirectoryURL = directory ?? root
        var env = ProcessInfo.processInfo.environment
        env["REGCTL_REGISTRY"] = nil
        // English unless a test asks for another language: the suite's answers do not depend on the
        // locale of the machine that runs it.
        env["LC_ALL"] = nil
        env["LC_MESSAGES"] = nil
        env["LANG"] = "C.UTF-8"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        // Files rather than pipes: Foundation's pipe reads trap on EINTR, which parallel tests provoke.
        func file(_ stream: String) throws -> (URL, FileHandle) {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-\(stream)-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            return (url, try FileHandle(forWritingTo: url))
        }
        let out = try file("out"), err = try file("err")
        p.standardOutput = out.1
        p.standardError = err.1
        try p.run()
        return Running(process: p, out: out, err: err)
    }

    /// A fresh temporary folder, inside this test process's own folder, which is removed when the
    /// process exits (the tests make some 80 of them a run; they used to stay in /tmp).
    static func temporaryDirectory() throws -> URL {
        let url = testsFolder.appendingPathComponent("e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Parses a JSON report's rows as the values of `columns`, in order (absent ones empty).
    static func rows(_ json: String, columns: [String] = ["rank", "code", "name", "count"]) throws -> [[String]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        return rows.map { r in columns.map { r[$0].map { "\($0)" } ?? "" } }
    }
}

/// The folder of this test process's temporary folders, removed at exit.
private let testsFolder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-e2e-\(ProcessInfo.processInfo.processIdentifier)")
    atexit { try? FileManager.default.removeItem(at: testsFolder) }
    return url
}()
