import Core
import Foundation

/// A one-line progress bar on standard error for long loads: records, bytes, rate and time left.
///
/// It draws only when standard error is a terminal and CI is not set, starts after `delay` seconds
/// (quick loads show nothing), redraws at most ten times a second, and clears its line when done.
final class ProgressBar {
    private let label: String
    private let started: Date
    private let delay: TimeInterval
    private let enabled: Bool
    private var lastDraw: Date?
    private var drawn = false

    init(label: String, enabled: Bool = ProgressBar.shouldShow(), delay: TimeInterval = 1.0) {
        self.label = label
        self.started = Date()
        self.delay = delay
        self.enabled = enabled
    }

    /// Whether a bar may be drawn at all: standard error is a terminal and CI is not set.
    static func shouldShow(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        Terminal.isTTY(STDERR_FILENO) && !Terminal.inCI(environment)
    }

    func update(_ p: LoadProgress) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(started)
        guard elapsed >= delay else { return }
        if let last = lastDraw, now.timeIntervalSince(last) < 0.1 { return }
        lastDraw = now
        let width = Terminal.width(fd: STDERR_FILENO) ?? 80
        FileHandle.standardError.write(Data(("\r" + ProgressBar.line(label: label, progress: p, elapsed: elapsed, width: width) + "\u{1B}[K").utf8))
        drawn = true
    }

    /// Clears the bar's line, if one was drawn.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    /// The bar's text for a terminal `width` columns wide:
    /// `label [#######-------]  42%  12,345 records  3.1/7.4 MB  4,100 rec/s  0:03 left`.
    /// Parts that do not fit are dropped from the right; the label is shortened last.
    static func line(label: String, progress p: LoadProgress, elapsed: TimeInterval, width: Int, words w: Words = .current) -> String {
        let fraction = p.totalBytes > 0 ? min(1, Double(p.bytesRead) / Double(p.totalBytes)) : 0
        let rate = elapsed > 0 ? Double(p.records) / elapsed : 0
        var parts: [String] = []
        if p.totalBytes > 0 { parts.append(String(format: "%3d%%", Int(fraction * 100))) }
        parts.append(w(.progressRecords, ["count": .text(grouped(p.records))]))
        parts.append(p.totalBytes > 0 ? "\(megabytes(p.bytesRead))/\(megabytes(p.totalBytes)) MB" : "\(megabytes(p.bytesRead)) MB")
        parts.append(w(.progressRate, ["count": .text(grouped(Int(rate)))]))
        if p.totalBytes > 0, fraction > 0, p.bytesRead < p.totalBytes {
            let left = elapsed / fraction - elapsed
            parts.append(w(.progressLeft, ["time": .text(clock(left))]))
        }
        let barWidth = 20
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        let maxLabel = 30
        let shortLabel = DisplayWidth.of(label) > maxLabel ? DisplayWidth.truncate(label, to: maxLabel) : label
        var out = "\(shortLabel) \(bar)"
        for part in parts {
            guard DisplayWidth.of(out) + 2 + DisplayWidth.of(part) <= width - 1 else { break }
            out += "  " + part
        }
        if DisplayWidth.of(out) > width - 1 { out = DisplayWidth.truncate(out, to: max(1, width - 1)) }
        return out
    }

    static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
