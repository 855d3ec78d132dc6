@_spi(Fuzzing) import Core
import FuzzSupport
import Foundation

// libFuzzer calls this for every input when built with scripts/fuzz (-sanitize=fuzzer -DFUZZING).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntryPoints.csv(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

@main
enum FuzzCSVMain {
    static func main() {
        #if FUZZING
        exit(runFuzzer(fuzzCSVTestOneInput))
        #else
        // Without the fuzzer, replay inputs (files or folders): past findings stay a regression check.
        print("replayed \(replay(CommandLine.arguments.dropFirst(), through: fuzzCSVTestOneInput)) inputs without a crash")
        #endif
    }
}
