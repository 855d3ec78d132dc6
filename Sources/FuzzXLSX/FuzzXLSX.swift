@_spi(Fuzzing) import Core
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
        let args = Array(CommandLine.arguments.dropFirst())
        if args.first == "--read", args.count == 2 {
            // benchmarks/xlsx-read.sh: read every sheet with the default limits, as a loader would.
            do {
                var reader = try WorkbookReader(path: args[1])
                var rows = 0, cells = 0
                for sheet in reader.sheets {
                    try reader.readSheet(sheet) { row in
                        rows += 1
                        cells += row.cells.count
                    }
                }
                print("\(rows) rows, \(cells) cells")
            } catch {
                print(error.localizedDescription)
                exit(1)
            }
            return
        }
        // Without the fuzzer, replay inputs (files or folders): past findings stay a regression check.
        print("replayed \(replay(args, through: fuzzXLSXTestOneInput)) inputs without a crash")
        #endif
    }
}
