@_spi(Fuzzing) import Core
import FuzzSupport
import Foundation

// libFuzzer calls this for every input when built with scripts/fuzz (-sanitize=fuzzer -DFUZZING).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMLTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntryPoints.xml(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

@main
enum FuzzXMLMain {
    static func main() {
        #if FUZZING
        exit(runFuzzer(fuzzXMLTestOneInput))
        #else
        // Without the fuzzer, replay inputs (files or folders): past findings stay a regression check.
        print("replayed \(replay(CommandLine.arguments.dropFirst(), through: fuzzXMLTestOneInput)) inputs without a crash")
        #endif
    }
}
