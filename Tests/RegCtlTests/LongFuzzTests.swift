import Foundation
import Testing

/// Long fuzzing runs, out of the default suite: set REGCTL_FUZZ_SECONDS (e.g. 1800) to run
/// scripts/fuzz on each target for that long; any crash, hang or leak fails the test.
@Suite("Long fuzzing runs (REGCTL_FUZZ_SECONDS)", .serialized)
struct LongFuzzTests {
    static let seconds = ProcessInfo.processInfo.environment["REGCTL_FUZZ_SECONDS"].flatMap(Int.init)

    @Test("libFuzzer finds nothing", .enabled(if: seconds != nil), arguments: ["xml", "csv", "uscc"])
    func fuzz(target: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [CLI.root.appendingPathComponent("scripts/fuzz").path, target, String(Self.seconds ?? 60)]
        p.currentDirectoryURL = CLI.root
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "scripts/fuzz \(target) found a problem; see fuzz/findings/\(target)/")
    }
}
