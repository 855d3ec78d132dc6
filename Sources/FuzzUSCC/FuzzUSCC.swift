@_spi(Fuzzing) import Core
import FuzzSupport
import Foundation

// libFuzzer calls this for every input when built with scripts/fuzz (-sanitize=fuzzer -DFUZZING).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUSCCTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntryPoints.uscc(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

@main
enum FuzzUSCCMain {
    static func main() {
        #if FUZZING
        exit(runFuzzer(fuzzUSCCTestOneInput))
        #else
        // Without the fuzzer, replay inputs (files or folders): past findings stay a regression check.
        print("replayed \(replay(CommandLine.arguments.dropFirst(), through: fuzzUSCCTestOneInput)) inputs without a crash")
        #endif
    }
}
