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

    /// A CSV field (RFC 4180), byte for byte as `Exporter.csvField` writes it. That rule quotes a field
    /// when one of its Characters is `,` `"` LF or CR; such a byte is that Character alone when its
    /// neighbours are ASCII and it is not half of a CR LF, which is how nearly every field that needs
    /// quoting reads (`fail: ¥85.00M, 2022 not stated`): those are quoted here, on the bytes. A field with
    /// a `"`, or with a candidate beside a non-ASCII byte or in a CR LF, goes through `Exporter.csvField`.
    func writeCSVField(_ s: String) throws {
        var quote = false, slow = false
        var utf8 = s
        utf8.withUTF8 { b in
            let n = b.count
            for i in 0..<n {
                let c = b[i]
                guard c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D else { continue }
                let before: UInt8 = i > 0 ? b[i - 1] : 0, after: UInt8 = i + 1 < n ? b[i + 1] : 0
                if c == 0x22 || before >= 0x80 || after >= 0x80 || (c == 0x0D && after == 0x0A) || (c == 0x0A && before == 0x0D) {
                    slow = true
                    return
                }
                quote = true
            }
            if !quote { buffer.append(contentsOf: b) }
        }
        if slow {
            buffer.append(contentsOf: Exporter.csvField(s).utf8)
        } else if quote {
            buffer.append(0x22)
            buffer.append(contentsOf: s.utf8)
            buffer.append(0x22)
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
