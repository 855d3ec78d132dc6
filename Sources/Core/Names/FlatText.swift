/// Many short texts in one byte array: a million firms' codes or names without a String (and its
/// heap block) each. Name matching reads them by position.
struct FlatText: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Text i is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private(set) var ends: [Int32] = []

    var count: Int { ends.count }

    init() {}

    init(reservingTexts texts: Int, bytes: Int) {
        self.bytes.reserveCapacity(bytes)
        ends.reserveCapacity(texts)
    }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: text)
        ends.append(Int32(bytes.count))
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i]) }

    func string(_ i: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(i)]), as: UTF8.self) }
    }

    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range(i)])) }
    }

    /// Whether text i starts with `prefix` (UTF-8).
    func hasPrefix(_ i: Int, _ prefix: [UInt8]) -> Bool {
        let r = range(i)
        guard r.count >= prefix.count else { return false }
        var k = r.lowerBound
        for b in prefix {
            if bytes[k] != b { return false }
            k += 1
        }
        return true
    }
}

extension FlatText {
    /// The Unicode scalars of UTF-8 text, appended to `out`; ill-formed bytes read as U+FFFD, as
    /// `String(decoding:as:)` reads them, so that the scalars are those of the String.
    static func appendScalars(of utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt32]) {
        var iterator = utf8.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): out.append(s.value)
            case .emptyInput: return
            case .error: out.append(0xFFFD)
            }
        }
    }
}
