import Core
import Foundation

/// Where a rendering goes a piece at a time: into memory (`render` returns a string), or to standard
/// output or a file through a buffer of 1 MiB, so that a report of a million rows is never one string
/// (issue #19, item 4: screen's CSV at 10M firms was a 440 MB string).
final class TextSink {
    private var buffer: [UInt8] = []
    private let handle: FileHandle?
    private static let flushAt = 1 << 20

    /// A sink that keeps what it is given (`text`).
    init() {
        handle = nil
    }

    /// A sink that writes to `handle` as its buffer fills.
    init(writingTo handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(TextSink.flushAt + 4096)
    }

    /// What a sink that keeps its text was given.
    var text: String { String(decoding: buffer, as: UTF8.self) }

    func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if handle != nil, buffer.count >= TextSink.flushAt { try flush() }
    }

    func write(byte: UInt8) {
        buffer.append(byte)
    }

    /// A CSV field (RFC 4180): as `Exporter.csvField` writes it, whose rule it falls back on when a
    /// byte needs quoting; the bytes of most fields go as they are.
    func writeCSVField(_ s: String) throws {
        if s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            buffer.append(contentsOf: Exporter.csvField(s).utf8)
        } else {
            buffer.append(contentsOf: s.utf8)
        }
        if handle != nil, buffer.count >= TextSink.flushAt { try flush() }
    }

    /// Writes what is buffered.
    func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A renderer that writes a report a row at a time, for reports whose rows are streamed.
protocol StreamingReportFormat: ReportFormat {
    func write(_ report: Report, to sink: TextSink) throws
}

extension StreamingReportFormat {
    func render(_ report: Report) -> String {
        let sink = TextSink()
        do {
            try write(report, to: sink)
        } catch {
            // Only a streamed report's source can fail here; its own reading says why.
            fatalError("a report's rows could not be read back: \(error)")
        }
        return sink.text
    }
}
