import Core
import FuzzSupport
import Foundation

// libFuzzer calls this for every input when built with scripts/fuzz (-sanitize=fuzzer -DFUZZING).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntryPoints.xlsx(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

@main
enum FuzzXLSXMain {
    static func main() {
        #if FUZZING
        exit(runFuzzer(fuzzXLSXTestOneInput))
        #else
        // Without the fuzzer, replay inputs (files or folders): past findings stay a regression check.
        print("replayed \(replay(CommandLine.arguments.dropFirst(), through: fuzzXLSXTestOneInput)) inputs without a crash")
        #endif
    }
}
