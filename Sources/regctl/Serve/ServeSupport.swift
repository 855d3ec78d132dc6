import Foundation

/// A value behind a lock, shared by the server's request tasks and its analysis threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// One answer of the server: status, content type, extra headers and body.
struct ServeResponse: Sendable, Equatable {
    var status: Int
    var contentType: String
    var headers: [String: String] = [:]
    var body: String
    /// A binary body (an .xlsx workbook), sent instead of `body` when present.
    var bytes: Data? = nil

    /// Bytes on the wire, for the cache's accounting and the access log.
    var size: Int { bytes?.count ?? body.utf8.count }

    static func text(_ status: Int, _ body: String, headers: [String: String] = [:]) -> ServeResponse {
        ServeResponse(status: status, contentType: "text/plain; charset=utf-8", headers: headers, body: body)
    }
}

/// A request path split into segments, percent-decoded, or nil when it leaves the routes: not
/// starting with `/`, a `.` or `..` segment (written plainly or encoded), an empty segment (`//`),
/// a NUL or other control character, a `/` or `\` encoded inside a segment, invalid percent-encoding.
enum ServePath {
    static func segments(_ raw: String) -> [String]? {
        guard raw.hasPrefix("/") else { return nil }
        if raw == "/" { return [] }
        var body = raw.dropFirst()
        if body.hasSuffix("/") { body = body.dropLast() }  // `/rank/` is `/rank`
        var out: [String] = []
        for part in body.split(separator: "/", omittingEmptySubsequences: false) {
            guard !part.isEmpty, let decoded = String(part).removingPercentEncoding else { return nil }
            if decoded == "." || decoded == ".." { return nil }
            if decoded.contains("/") || decoded.contains("\\") { return nil }
            if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return nil }
            out.append(decoded)
        }
        return out
    }
}

/// A query string as ordered `name[=value]` pairs, `+` as a space, percent-decoded; nil when a
/// name or value is not valid percent-encoded UTF-8 or holds a NUL.
enum ServeQuery {
    static func pairs(_ raw: String?) -> [(name: String, value: String?)]? {
        guard let raw, !raw.isEmpty else { return [] }
        var out: [(String, String?)] = []
        for item in raw.split(separator: "&") where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String? {
                guard let d = s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding, !d.contains("\u{0}") else { return nil }
                return d
            }
            guard let name = decode(parts[0]) else { return nil }
            if parts.count == 2 {
                guard let value = decode(parts[1]) else { return nil }
                out.append((name, value))
            } else {
                out.append((name, nil))
            }
        }
        return out
    }

    /// The pairs in a fixed order (by name, then value), as text: the cache's key for a query.
    static func normalised(_ pairs: [(name: String, value: String?)]) -> String {
        pairs.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
            .map { pct($0.name) + ($0.value.map { "=" + pct($0) } ?? "") }.joined(separator: "&")
    }

    static func pct(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
}

/// Answers kept in memory, keyed by route, normalised query and the registry's state: the least
/// recently used go first when there are more than `capacity` entries or `maxBytes` of bodies.
final class ResponseCache: Sendable {
    struct Entry {
        var response: ServeResponse
        var used: UInt64
    }

    struct Contents {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
        var bytes = 0
    }

    let capacity: Int
    let maxBytes: Int
    private let contents = Locked(Contents())

    init(capacity: Int = 256, maxBytes: Int = 64 << 20) {
        self.capacity = capacity
        self.maxBytes = maxBytes
    }

    var count: Int { contents.withLock { $0.entries.count } }

    func get(_ key: String) -> ServeResponse? {
        contents.withLock { c in
            guard var e = c.entries[key] else { return nil }
            c.clock += 1
            e.used = c.clock
            c.entries[key] = e
            return e.response
        }
    }

    func put(_ key: String, _ response: ServeResponse) {
        let size = response.size
        guard capacity > 0, size <= maxBytes / 4 else { return }
        contents.withLock { c in
            c.clock += 1
            if let old = c.entries[key] { c.bytes -= old.response.size }
            c.entries[key] = Entry(response: response, used: c.clock)
            c.bytes += size
            while c.entries.count > capacity || c.bytes > maxBytes {
                guard let oldest = c.entries.min(by: { $0.value.used < $1.value.used })?.key else { break }
                c.bytes -= c.entries[oldest]?.response.size ?? 0
                c.entries[oldest] = nil
            }
        }
    }
}

/// A bound on analyses running at once: a request beyond it is answered 503 at once rather than
/// queued behind work it cannot see.
final class RunGate: Sendable {
    let limit: Int
    private let running = Locked(0)

    init(limit: Int) { self.limit = limit }

    func tryEnter() -> Bool {
        running.withLock { n in
            guard n < limit else { return false }
            n += 1
            return true
        }
    }

    func leave() { running.withLock { $0 -= 1 } }

    var inFlight: Int { running.withLock { $0 } }
}

/// Blocking work (SQLite, the plugins) on a thread of its own, off Swift's cooperative pool and the
/// event loops, with a deadline: nil when it takes longer (the work still finishes, and whatever it
/// holds, such as a place at the `RunGate`, is given back then). A thread per piece of work, not a
/// dispatch queue: the callers are bounded by the `RunGate`, and a queue's threads are as many as the
/// cores, so two slow analyses on two cores held back the others and even the deadline's timer.
enum BlockingWork {
    static func run<T: Sendable>(timeout: Double, _ work: @escaping @Sendable () -> T) async -> T? {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            let pending = Locked<CheckedContinuation<T?, Never>?>(continuation)
            @Sendable func finish(_ value: T?) {
                pending.withLock { c -> CheckedContinuation<T?, Never>? in
                    defer { c = nil }
                    return c
                }?.resume(returning: value)
            }
            // The deadline on a dispatch timer, not a Task's sleep: a test (or anything else) blocking
            // Swift's cooperative threads would hold the sleep back past it.
            // When the work finished first, the timer's finish does nothing.
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { finish(nil) }
            let thread = Thread { finish(work()) }
            thread.name = "regctl-serve-analysis"
            thread.start()
        }
    }
}

/// The server's counters, shown at /metrics in Prometheus's text format.
final class ServeMetrics: Sendable {
    struct Counts {
        var requests: [String: Int] = [:]  // "route\u{0}status"
        var latencySum: [String: Double] = [:]
        var latencyCount: [String: Int] = [:]
        var cacheHits = 0
        var cacheMisses = 0
        var busy = 0
        var timeouts = 0
    }

    private let counts = Locked(Counts())

    func record(route: String, status: Int, seconds: Double) {
        counts.withLock { c in
            c.requests[route + "\u{0}" + String(status), default: 0] += 1
            c.latencySum[route, default: 0] += seconds
            c.latencyCount[route, default: 0] += 1
        }
    }

    func cache(hit: Bool) { counts.withLock { if hit { $0.cacheHits += 1 } else { $0.cacheMisses += 1 } } }
    func busy() { counts.withLock { $0.busy += 1 } }
    func timeout() { counts.withLock { $0.timeouts += 1 } }

    var snapshot: Counts { counts.withLock { $0 } }

    /// The Prometheus text exposition (version 0.0.4) of the counters.
    func exposition(inFlight: Int, cached: Int) -> String {
        let c = snapshot
        func label(_ s: String) -> String {
            s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
        }
        var out = "# HELP regctl_http_requests_total Requests answered, by route and status.\n# TYPE regctl_http_requests_total counter\n"
        for (key, n) in c.requests.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            out += "regctl_http_requests_total{route=\"\(label(parts[0]))\",status=\"\(parts[1])\"} \(n)\n"
        }
        out += "# HELP regctl_http_request_duration_seconds Time to answer, by route.\n# TYPE regctl_http_request_duration_seconds summary\n"
        for (route, sum) in c.latencySum.sorted(by: { $0.key < $1.key }) {
            out += "regctl_http_request_duration_seconds_sum{route=\"\(label(route))\"} \(String(format: "%.6f", sum))\n"
            out += "regctl_http_request_duration_seconds_count{route=\"\(label(route))\"} \(c.latencyCount[route] ?? 0)\n"
        }
        out += "# HELP regctl_cache_hits_total Answers served from memory.\n# TYPE regctl_cache_hits_total counter\nregctl_cache_hits_total \(c.cacheHits)\n"
        out += "# HELP regctl_cache_misses_total Answers computed (not in memory, or the registry changed).\n# TYPE regctl_cache_misses_total counter\nregctl_cache_misses_total \(c.cacheMisses)\n"
        out += "# HELP regctl_cache_entries Answers held in memory.\n# TYPE regctl_cache_entries gauge\nregctl_cache_entries \(cached)\n"
        out += "# HELP regctl_analyses_in_flight Analyses running now.\n# TYPE regctl_analyses_in_flight gauge\nregctl_analyses_in_flight \(inFlight)\n"
        out += "# HELP regctl_busy_total Requests refused with 503 because the bound on analyses at once was reached.\n# TYPE regctl_busy_total counter\nregctl_busy_total \(c.busy)\n"
        out += "# HELP regctl_timeouts_total Requests answered 503 because the analysis took longer than the time limit.\n# TYPE regctl_timeouts_total counter\nregctl_timeouts_total \(c.timeouts)\n"
        return out
    }
}
