import Foundation

/// Records set aside in an anonymous temporary file while an analysis runs, read back when its rows
/// are written (issue #19, item 4): what a plugin needs to make a row again, a few dozen bytes, instead
/// of the row's values, a kilobyte. The file is gone when the spill is (`tmpfile`). One reader or
/// writer at a time, under a lock: a report's row source may be read from any thread.
public final class RowSpill: @unchecked Sendable {
    private let lock = NSLock()
    private let file: UnsafeMutablePointer<FILE>
    private var end: Int64 = 0
    private var record: [UInt8] = []
    private var buffer: [UInt8] = []
    /// How many records were set aside.
    public private(set) var count = 0

    public init() throws {
        guard let file = tmpfile() else { throw RowSpill.failure("cannot make a temporary file") }
        self.file = file
    }

    deinit { fclose(file) }

    /// Sets a record aside; returns where it starts, for `read(at:)`.
    @discardableResult
    public func append(_ write: (inout Writer) -> Void) throws -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        var writer = Writer(bytes: record)
        writer.bytes.removeAll(keepingCapacity: true)
        write(&writer)
        record = writer.bytes
        var length = UInt32(record.count).littleEndian
        let at = end
        let written = withUnsafeBytes(of: &length) { fwrite($0.baseAddress, 1, 4, file) }
            + record.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == 4 + record.count else { throw RowSpill.failure(String(cString: strerror(errno))) }
        end += Int64(written)
        count += 1
        return at
    }

    /// Reads every record back, in the order set aside.
    public func forEach(_ body: (inout Reader) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        guard fflush(file) == 0, fseeko(file, 0, SEEK_SET) == 0 else { throw RowSpill.failure(String(cString: strerror(errno))) }
        defer { fseeko(file, 0, SEEK_END) }
        for _ in 0..<count { try readOne(body) }
    }

    /// Reads back the records that start at `offsets`, in that order.
    public func forEach(at offsets: [Int64], _ body: (inout Reader) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        guard fflush(file) == 0 else { throw RowSpill.failure(String(cString: strerror(errno))) }
        defer { fseeko(file, 0, SEEK_END) }
        for offset in offsets {
            guard fseeko(file, off_t(offset), SEEK_SET) == 0 else { throw RowSpill.failure(String(cString: strerror(errno))) }
            try readOne(body)
        }
    }

    private func readOne(_ body: (inout Reader) throws -> Void) throws {
        var length: UInt32 = 0
        guard withUnsafeMutableBytes(of: &length, { fread($0.baseAddress, 1, 4, file) }) == 4 else { throw RowSpill.failure("the file ended early") }
        let n = Int(UInt32(littleEndian: length))
        if buffer.count < n { buffer = Array(repeating: 0, count: max(n, 2 * buffer.count)) }
        guard buffer.withUnsafeMutableBytes({ fread($0.baseAddress, 1, n, file) }) == n else { throw RowSpill.failure("the file ended early") }
        var reader = Reader(bytes: buffer, end: n)
        try body(&reader)
    }

    /// Rows set aside could not be written or read back: the temporary folder's disk, not the input.
    public struct Failure: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "rows set aside in a temporary file: \(reason)" }
    }

    private static func failure(_ reason: String) -> Failure { Failure(reason: reason) }

    /// Writes a record's fields: numbers as zigzag LEB128 (amounts in fen take 5–6 bytes, not 8).
    public struct Writer {
        fileprivate var bytes: [UInt8]

        public mutating func put(_ value: Int64) {
            var v = UInt64(bitPattern: (value << 1) ^ (value >> 63))
            while v >= 0x80 {
                bytes.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        public mutating func put(_ value: Int) { put(Int64(value)) }

        /// An optional number: a flag, then the number.
        public mutating func put(_ value: Int64?) {
            guard let value else { return bytes.append(0) }
            bytes.append(1)
            put(value)
        }

        public mutating func put(_ text: String) {
            put(Int64(text.utf8.count))
            bytes.append(contentsOf: text.utf8)
        }

        public mutating func put(_ text: String?) {
            guard let text else { return bytes.append(0) }
            bytes.append(1)
            put(text)
        }

        public mutating func put(_ day: Day?) {
            guard let day else { return bytes.append(0) }
            bytes.append(1)
            put(Int64(day.year))
            put(Int64(day.month))
            put(Int64(day.day))
        }
    }

    /// Reads a record's fields in the order they were written.
    public struct Reader {
        private let bytes: [UInt8]
        private let end: Int
        private var at = 0

        fileprivate init(bytes: [UInt8], end: Int) {
            self.bytes = bytes
            self.end = end
        }

        private mutating func flag() -> Bool {
            defer { at += 1 }
            return at < end && bytes[at] == 1
        }

        public mutating func int64() -> Int64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while at < end {
                let b = bytes[at]
                at += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
        }

        public mutating func int() -> Int { Int(int64()) }

        public mutating func optionalInt64() -> Int64? { flag() ? int64() : nil }

        public mutating func text() -> String {
            let n = int()
            defer { at += n }
            return String(decoding: bytes[at..<min(end, at + n)], as: UTF8.self)
        }

        public mutating func optionalText() -> String? { flag() ? text() : nil }

        public mutating func day() -> Day? {
            guard flag() else { return nil }
            let y = int(), m = int(), d = int()
            return Day(year: y, month: m, day: d)
        }
    }
}
