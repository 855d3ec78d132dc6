import Core
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through a 1 MiB buffer with plain `write(2)`: no Foundation, no allocation per record.
final class Sink {
    static let capacity = 1 << 20
    let path: String
    private let fd: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    /// Bytes handed to the kernel so far.
    private(set) var flushed = 0

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { throw GenError.io("\(path): cannot create (\(String(cString: strerror(errno))))") }
        buffer = .allocate(capacity: Sink.capacity)
    }

    deinit { buffer.deallocate() }

    /// Bytes written so far, buffered or not.
    var size: Int { flushed + count }

    @inline(__always) func put(_ p: UnsafePointer<UInt8>, _ n: Int) {
        if count + n > Sink.capacity { flush() }
        if n > Sink.capacity {
            writeAll(p, n)
            return
        }
        (buffer + count).update(from: p, count: n)
        count += n
    }

    @inline(__always) func put(_ s: StaticString) { put(s.utf8Start, s.utf8CodeUnitCount) }

    @inline(__always) func put(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { put($0.baseAddress!, $0.count) }
    }

    @inline(__always) func put(byte b: UInt8) {
        if count == Sink.capacity { flush() }
        buffer[count] = b
        count += 1
    }

    func put(string s: String) {
        var s = s
        s.withUTF8 { put($0.baseAddress!, $0.count) }
    }

    func flush() {
        writeAll(buffer, count)
        count = 0
    }

    private func writeAll(_ p: UnsafePointer<UInt8>, _ n: Int) {
        var done = 0
        while done < n {
            let r = write(fd, p + done, n - done)
            if r < 0 {
                if errno == EINTR { continue }
                fatalError("\(path): write failed: \(String(cString: strerror(errno)))")
            }
            done += r
        }
        flushed += n
    }

    func close() {
        flush()
        if Glibc.close(fd) != 0 { fatalError("\(path): close failed: \(String(cString: strerror(errno)))") }
    }
}

enum GenError: Error, CustomStringConvertible {
    case io(String)
    case check(String)
    var description: String {
        switch self {
        case .io(let m), .check(let m): m
        }
    }
}

/// The element name, XML attribute prefixes and CSV header of one record kind, from Core's field list.
struct KindSpec: Sendable {
    let kind: RecordKind
    /// `kind.order`, computed once.
    let order: Int
    let element: [UInt8]
    let fields: [String]
    /// ` name="` for every field.
    let attributePrefix: [[UInt8]]
    /// The CSV header line, with its newline.
    let header: [UInt8]

    init(_ kind: RecordKind) {
        self.kind = kind
        order = kind.order
        element = Array(kind.rawValue.utf8)
        fields = kind.fields
        attributePrefix = fields.map { Array(" \($0)=\"".utf8) }
        header = Array((fields.joined(separator: ",") + "\n").utf8)
    }

    /// The position of a field in Core's list; a name Core does not know stops the generator.
    func index(_ name: String) -> Int {
        guard let i = fields.firstIndex(of: name) else { fatalError("Core's \(kind.rawValue) has no field \(name)") }
        return i
    }
}

/// One record's field values, built once into a scratch buffer and written to XML and CSV from there.
final class RecordBuilder {
    private let scratch: UnsafeMutablePointer<UInt8>
    private let capacity = 16_384
    private var length = 0
    // Raw storage rather than arrays: no uniqueness or exclusivity checks on the per-record path.
    private let start = UnsafeMutablePointer<Int>.allocate(capacity: 16)
    private let end = UnsafeMutablePointer<Int>.allocate(capacity: 16)
    private var fieldCount = 0
    private var open = -1

    init() {
        scratch = .allocate(capacity: capacity)
        start.initialize(repeating: -1, count: 16)
        end.initialize(repeating: 0, count: 16)
    }

    deinit {
        scratch.deallocate()
        start.deallocate()
        end.deallocate()
    }

    func reset(_ spec: KindSpec) {
        length = 0
        fieldCount = spec.fields.count
        for i in 0..<fieldCount { start[i] = -1 }
    }

    // MARK: building a field from parts

    @inline(__always) func begin(_ f: Int) {
        open = f
        start[f] = length
    }

    @inline(__always) func finish() {
        end[open] = length
        open = -1
    }

    @inline(__always) func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        precondition(length + n <= capacity, "field too long")
        (scratch + length).update(from: p, count: n)
        length += n
    }

    @inline(__always) func append(_ s: StaticString) { append(s.utf8Start, s.utf8CodeUnitCount) }

    @inline(__always) func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0.baseAddress!, $0.count) }
    }

    @inline(__always) func append(byte: UInt8) {
        scratch[length] = byte
        length += 1
    }

    /// A non-negative integer in decimal.
    @inline(__always) func append(int v: Int) {
        precondition(v >= 0)
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(48 + x % 10)
                x /= 10
                n += 1
            } while x > 0
            for k in stride(from: n - 1, through: 0, by: -1) { append(byte: d[k]) }
        }
    }

    /// A non-negative integer in decimal, zero-padded to `width` digits.
    @inline(__always) func append(int v: Int, width: Int) {
        var p = 1
        for _ in 1..<width { p *= 10 }
        var x = v
        while p > 0 {
            append(byte: UInt8(48 + (x / p) % 10))
            x %= p
            p /= 10
        }
    }

    /// A civil date (days since 1970-01-01) as YYYY-MM-DD.
    @inline(__always) func append(date days: Int) {
        let (y, m, d) = Civil.ymd(days)
        append(int: y, width: 4)
        append(byte: 45)
        append(int: m, width: 2)
        append(byte: 45)
        append(int: d, width: 2)
    }

    // MARK: whole fields

    @inline(__always) func set(_ f: Int, _ s: StaticString) { begin(f); append(s); finish() }
    @inline(__always) func set(_ f: Int, _ b: [UInt8]) { begin(f); append(b); finish() }
    @inline(__always) func set(_ f: Int, _ p: UnsafePointer<UInt8>, _ n: Int) { begin(f); append(p, n); finish() }
    @inline(__always) func set(_ f: Int, int v: Int) { begin(f); append(int: v); finish() }
    @inline(__always) func set(_ f: Int, date d: Int) { begin(f); append(date: d); finish() }

    /// Money in fen, written in yuan: "1250000" when whole, else with two decimals ("99.50").
    @inline(__always) func set(_ f: Int, fen: Int) {
        begin(f)
        append(int: fen / 100)
        let cents = fen % 100
        if cents != 0 {
            append(byte: 46)
            append(int: cents, width: 2)
        }
        finish()
    }

    // MARK: writing

    /// Writes the record as one empty element: `  <kind a="…" b="…"/>`, absent fields left out.
    func writeXML(_ spec: KindSpec, to sink: Sink) {
        sink.put("  <")
        sink.put(spec.element)
        for f in 0..<fieldCount where start[f] >= 0 {
            sink.put(spec.attributePrefix[f])
            putEscapedXML(start[f], end[f], sink)
            sink.put(byte: 34)
        }
        sink.put("/>\n")
    }

    /// Writes the record as one CSV row in Core's field order, absent fields empty.
    func writeCSV(to sink: Sink) {
        for f in 0..<fieldCount {
            if f > 0 { sink.put(byte: 44) }
            if start[f] >= 0 { putEscapedCSV(start[f], end[f], sink) }
        }
        sink.put(byte: 10)
    }

    private func putEscapedXML(_ a: Int, _ b: Int, _ sink: Sink) {
        var plain = a
        for k in a..<b {
            let c = scratch[k]
            let entity: StaticString
            switch c {
            case 38: entity = "&amp;"
            case 60: entity = "&lt;"
            case 62: entity = "&gt;"
            case 34: entity = "&quot;"
            default: continue
            }
            sink.put(scratch + plain, k - plain)
            sink.put(entity)
            plain = k + 1
        }
        sink.put(scratch + plain, b - plain)
    }

    private func putEscapedCSV(_ a: Int, _ b: Int, _ sink: Sink) {
        var needsQuotes = false
        for k in a..<b {
            let c = scratch[k]
            if c == 44 || c == 34 || c == 10 || c == 13 { needsQuotes = true; break }
        }
        guard needsQuotes else {
            sink.put(scratch + a, b - a)
            return
        }
        sink.put(byte: 34)
        for k in a..<b {
            if scratch[k] == 34 { sink.put(byte: 34) }
            sink.put(byte: scratch[k])
        }
        sink.put(byte: 34)
    }
}

/// Civil dates as days since 1970-01-01 (H. Hinnant's algorithms), for fast date arithmetic.
enum Civil {
    @inline(__always) static func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @inline(__always) static func ymd(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func year(_ days: Int) -> Int { ymd(days).0 }
}
