#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Public types

/// One record (row) of a CSV file.
package struct CSVRecord: Sendable, Equatable {
    /// The record's fields, unquoted and unescaped, in file order. The reader does not check
    /// that records have the same number of fields; compare against the header yourself.
    package var fields: [String]
    /// The 1-based physical line of the file on which the record starts. A record containing
    /// quoted line breaks spans several lines; the next record's `line` accounts for them.
    package var line: Int

    /// Creates a record from its fields and starting line.
    package init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// A problem found while reading a CSV file, with the position where it was found.
package struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based physical line of the problem, or 0 when the problem concerns the whole file
    /// (for example, the file cannot be opened).
    package let line: Int
    /// The 1-based column of the problem on ``line``, counted in characters (Unicode scalars)
    /// of the decoded text, or `nil` when no single column is to blame.
    package let column: Int?
    /// What the user can do beyond fixing the file (naming its encoding), for the caller to word.
    package let remedy: Remedy?
    /// A full sentence saying what is wrong and what to do about it, in English.
    package let message: String
    /// The sentence as a message of Core's catalogue.
    package let words: Message

    /// Creates an error at a position with an explanatory message.
    package init(line: Int, column: Int?, remedy: Remedy? = nil, words: Message) {
        self.line = line
        self.column = column
        self.remedy = remedy
        self.words = words
        self.message = words.english
    }

    /// Creates an error whose words are data already (no catalogue's).
    package init(line: Int, column: Int?, remedy: Remedy? = nil, message: String) {
        self.init(line: line, column: column, remedy: remedy, words: .text(message))
    }

    /// `"line L, column C: message"`, `"line L: message"`, or just the message for line 0.
    package var description: String {
        guard line > 0 else { return message }
        if let column { return "line \(line), column \(column): \(message)" }
        return "line \(line): \(message)"
    }
}

/// A streaming RFC 4180 CSV reader over a file or an in-memory byte array.
///
/// - Fields are separated by commas and may be enclosed in double quotes; inside quotes, `""`
///   is a literal quote and commas, CR and LF are data.
/// - Records end at LF, CRLF or a lone CR (mixed line endings are accepted). A final record
///   without a line ending is read; a trailing line ending does not produce an extra record;
///   entirely empty lines are skipped but still count for line numbers.
/// - A UTF-8 byte-order mark at the start is dropped.
/// - Input is read in chunks (1 MiB by default), so memory use stays flat however large the
///   file is; it grows only with the size of the largest single record.
/// - The text is UTF-8 or GB18030 (``TextEncoding``); pass `nil` to detect it: a UTF-8 BOM, or
///   a first 64 KiB that is valid UTF-8, means UTF-8; anything else is read as GB18030.
/// - A quote inside an unquoted field (`37°36'37.8"N`) is data, as spreadsheets write it.
/// - Malformed input (an unclosed quote, text after a closing quote, a NUL byte,
///   bytes invalid in the encoding) throws a ``CSVError`` naming the line and column. After an
///   error, ``next()`` keeps throwing the same error.
///
/// `CSVReader` is a value type: a copy reads on independently from where the original was
/// (files are read with `pread(2)` at the copy's own offset). The one exception is a
/// non-seekable file such as a pipe, whose copies share the stream.
///
/// ```swift
/// var reader = try CSVReader(path: "filings.csv")
/// while let record = try reader.next() {
///     print(record.line, record.fields)
/// }
/// ```
package struct CSVReader: Sendable {
    /// The encoding the reader decodes the input with: the one passed in, or the detected one.
    package private(set) var encoding: TextEncoding

    /// Default number of bytes read from the input at a time.
    static let defaultChunkSize = 1 << 20
    /// Number of leading bytes inspected when detecting the encoding.
    static let detectionLimit = 64 * 1024

    private var source: ByteSource
    private var converter: IconvConverter?
    private let chunkSize: Int

    /// Raw bytes read ahead for encoding detection; served before the rest of the source.
    private var prefix: [UInt8] = []
    private var prefixPos = 0
    /// GB18030 input staging area; the first `rawCarry` bytes are an incomplete character
    /// left over from the previous chunk.
    private var raw: [UInt8] = []
    private var rawCarry = 0
    private var sourceDone = false

    /// Decoded UTF-8 text; bytes `0..<len` are valid, `pos` is where the next record starts.
    private var buf: [UInt8]
    private var len = 0
    private var pos = 0
    /// 1-based physical line at `pos`.
    private var line = 1
    /// The previous record ended with CR: skip one LF at the start of the next.
    private var pendingLF = false
    private var checkedBOM = false
    /// No more decoded text will arrive (the source is exhausted and fully decoded).
    private var eof = false
    /// A decoding or read problem that happens right after byte `len` of the decoded text.
    private var streamFailure: StreamFailure?
    /// The error already thrown; thrown again by later calls.
    private var failure: CSVError?
    /// Reused buffer for unescaping quoted fields that contain `""`.
    private var scratch: [UInt8] = []
    private var lastFieldCount = 8

    /// Bytes read from the input so far (read ahead of the records returned by up to one chunk):
    /// with the file's size, how far a read has got.
    package var bytesRead: Int { source.bytesRead }

    // MARK: Initialisers

    /// Opens the CSV file at `path` for reading.
    ///
    /// - Parameters:
    ///   - path: The file to read. Regular files are read with `pread(2)`; pipes also work.
    ///   - encoding: The text encoding, or `nil` to detect it from the first 64 KiB.
    /// - Throws: ``CSVError`` (with line 0) if the file cannot be opened or read, or is a
    ///   directory; or if GB18030 is needed and the system's iconv cannot convert it.
    ///   - digest: Given every raw byte read, in order, once (the loader's hash of the filing).
    package init(path: String, encoding: TextEncoding? = nil, digest: ContentDigest? = nil) throws(CSVError) {
        try self.init(path: path, encoding: encoding, chunkSize: Self.defaultChunkSize, digest: digest)
    }

    /// Creates a reader over CSV data already in memory.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - encoding: The text encoding, or `nil` to detect it from the first 64 KiB.
    /// - Throws: ``CSVError`` (with line 0) if GB18030 is needed and the system's iconv cannot
    ///   convert it.
    package init(bytes: [UInt8], encoding: TextEncoding? = nil) throws(CSVError) {
        try self.init(bytes: bytes, encoding: encoding, chunkSize: Self.defaultChunkSize)
    }

    /// Opens a file with a chosen chunk size (tests use tiny ones to exercise chunk boundaries).
    init(path: String, encoding: TextEncoding?, chunkSize: Int, digest: ContentDigest? = nil) throws(CSVError) {
        let box = try FileDescriptorBox(path: path)
        try self.init(source: ByteSource(file: box, digest: digest), encoding: encoding, chunkSize: chunkSize)
    }

    /// Reads bytes in memory with a chosen chunk size (tests use tiny ones).
    init(bytes: [UInt8], encoding: TextEncoding?, chunkSize: Int) throws(CSVError) {
        try self.init(source: ByteSource(memory: bytes), encoding: encoding, chunkSize: chunkSize)
    }

    private init(source: ByteSource, encoding: TextEncoding?, chunkSize: Int) throws(CSVError) {
        precondition(chunkSize > 0, "chunk size must be positive")
        self.source = source
        self.chunkSize = chunkSize
        self.encoding = .utf8
        self.buf = [UInt8](repeating: 0, count: max(2 * chunkSize + 16, 64))
        if let encoding {
            self.encoding = encoding
        } else {
            self.encoding = try detectEncoding()
        }
        if self.encoding == .gb18030 {
            converter = try IconvConverter()
            raw = [UInt8](repeating: 0, count: chunkSize + 8)
        }
    }

    /// Reads up to 64 KiB ahead (kept in `prefix`) and decides between UTF-8 and GB18030.
    private mutating func detectEncoding() throws(CSVError) -> TextEncoding {
        var bytes = [UInt8](repeating: 0, count: Self.detectionLimit)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { b in
                pullRaw(into: b.baseAddress! + count, count: b.count - count)
            }
            if case .readError(let code) = streamFailure {
                throw CSVError(line: 0, column: nil, words: Self.readFailureMessage(code))
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        prefix = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        // UTF-16 is neither; reading it as UTF-8 lets the first `next()` say so clearly.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .utf8 }
        let valid = bytes.withUnsafeBufferPointer {
            UTF8Check.firstInvalid(in: $0, allowTruncatedEnd: !sourceDone) == nil
        }
        return valid ? .utf8 : .gb18030
    }

    // MARK: Reading

    /// Returns the next record, or `nil` at the end of the input.
    ///
    /// - Throws: ``CSVError`` if the input is malformed at the next record or cannot be read
    ///   or decoded. Records before the problem have all been returned; every later call
    ///   throws the same error.
    package mutating func next() throws(CSVError) -> CSVRecord? {
        if let failure { throw failure }
        do {
            return try parseRecord()
        } catch {
            failure = error
            throw error
        }
    }

    /// Outcome of scanning the buffered bytes.
    private enum ScanResult {
        case needMore
        case recordDone
        case syntax(SyntaxProblem, at: Int)
    }

    /// A problem with the CSV text itself (as opposed to reading or decoding it).
    private enum SyntaxProblem {
        case unterminatedQuote, textAfterQuote, nul, invalidUTF8
    }

    private enum Phase {
        case recordStart, fieldStart, unquoted, quoted, afterQuote
    }

    /// Bytes that interrupt an unquoted field: NUL, LF, CR, `"` and `,` (all below 64).
    private static let unquotedStops: UInt64 = 1 << 0 | 1 << 0x0A | 1 << 0x0D | 1 << 0x2C
    /// Bytes that interrupt a quoted field: NUL, LF, CR and `"`.
    private static let quotedStops: UInt64 = 1 << 0 | 1 << 0x0A | 1 << 0x0D | 1 << 0x22

    private mutating func parseRecord() throws(CSVError) -> CSVRecord? {
        if !checkedBOM { try skipBOM() }

        var fields: [String] = []
        fields.reserveCapacity(lastFieldCount)
        var recordStart = pos
        var i = pos
        var phase = Phase.recordStart
        var fieldStart = 0
        var quoteOpen = 0
        var escaped = false
        var nonASCII: UInt8 = 0
        var extraLines = 0
        var line = self.line
        var pendingLF = self.pendingLF
        var scratch: [UInt8] = []
        swap(&scratch, &self.scratch)
        defer { swap(&scratch, &self.scratch) }
        let validate = encoding == .utf8

        while true {
            if i == len {
                let shift = fill(keepingFrom: recordStart)
                i -= shift; recordStart -= shift; fieldStart -= shift; quoteOpen -= shift
                if i == len {
                    // No more text: finish the record in progress, or report why not.
                    if let streamFailure {
                        self.line = line; self.pendingLF = pendingLF
                        throw streamError(streamFailure, at: i, recordStart: recordStart, recordLine: line)
                    }
                    var problem: (SyntaxProblem, Int)?
                    switch phase {
                    case .recordStart:
                        pos = i; self.line = line; self.pendingLF = pendingLF
                        return nil
                    case .fieldStart:
                        fields.append("")
                    case .unquoted:
                        buf.withUnsafeBufferPointer { b in
                            problem = Self.appendField(b, fieldStart, i, nonASCII, validate, &fields)
                        }
                    case .quoted:
                        throw syntaxError(.unterminatedQuote, at: quoteOpen, recordStart: recordStart, recordLine: line)
                    case .afterQuote:
                        buf.withUnsafeBufferPointer { b in
                            problem = Self.appendQuotedField(b, fieldStart, i - 1, escaped, nonASCII, validate, &scratch, &fields)
                        }
                    }
                    if let (kind, at) = problem {
                        throw syntaxError(kind, at: at, recordStart: recordStart, recordLine: line)
                    }
                    pos = i
                    lastFieldCount = fields.count
                    let record = CSVRecord(fields: fields, line: line)
                    self.line = line + extraLines
                    self.pendingLF = false
                    return record
                }
            }

            let end = len
            let result: ScanResult = buf.withUnsafeBufferPointer { b -> ScanResult in
                let p = b.baseAddress!
                while i < end {
                    switch phase {
                    case .recordStart:
                        let c = p[i]
                        if c == 0x0A {
                            if !pendingLF { line += 1 }
                            pendingLF = false
                            i += 1; recordStart = i
                        } else if c == 0x0D {
                            line += 1; pendingLF = true
                            i += 1; recordStart = i
                        } else {
                            pendingLF = false
                            phase = .fieldStart
                        }

                    case .fieldStart:
                        if p[i] == 0x22 {
                            quoteOpen = i
                            i += 1
                            fieldStart = i
                            escaped = false
                            nonASCII = 0
                            phase = .quoted
                        } else {
                            fieldStart = i
                            nonASCII = 0
                            phase = .unquoted
                        }

                    case .unquoted:
                        var acc = nonASCII
                        var c: UInt8 = 0
                        while i < end {
                            c = p[i]
                            if c < 64 && (Self.unquotedStops >> UInt64(c)) & 1 != 0 { break }
                            acc |= c
                            i += 1
                        }
                        nonASCII = acc
                        if i == end { return .needMore }
                        switch c {
                        case 0x2C:  // ,
                            if let problem = Self.appendField(b, fieldStart, i, acc, validate, &fields) {
                                return .syntax(problem.0, at: problem.1)
                            }
                            i += 1
                            phase = .fieldStart
                        case 0x0A, 0x0D:
                            if let problem = Self.appendField(b, fieldStart, i, acc, validate, &fields) {
                                return .syntax(problem.0, at: problem.1)
                            }
                            pendingLF = c == 0x0D
                            i += 1
                            return .recordDone
                        default:
                            return .syntax(.nul, at: i)
                        }

                    case .quoted:
                        var acc = nonASCII
                        var c: UInt8 = 0
                        while i < end {
                            c = p[i]
                            if c < 64 && (Self.quotedStops >> UInt64(c)) & 1 != 0 { break }
                            acc |= c
                            i += 1
                        }
                        nonASCII = acc
                        if i == end { return .needMore }
                        switch c {
                        case 0x22:
                            i += 1
                            phase = .afterQuote
                        case 0x0A:
                            if p[i - 1] != 0x0D { extraLines += 1 }
                            i += 1
                        case 0x0D:
                            extraLines += 1
                            i += 1
                        default:
                            return .syntax(.nul, at: i)
                        }

                    case .afterQuote:
                        let c = p[i]
                        switch c {
                        case 0x22:  // "" inside quotes
                            escaped = true
                            i += 1
                            phase = .quoted
                        case 0x2C:
                            if let problem = Self.appendQuotedField(b, fieldStart, i - 1, escaped, nonASCII, validate, &scratch, &fields) {
                                return .syntax(problem.0, at: problem.1)
                            }
                            i += 1
                            phase = .fieldStart
                        case 0x0A, 0x0D:
                            if let problem = Self.appendQuotedField(b, fieldStart, i - 1, escaped, nonASCII, validate, &scratch, &fields) {
                                return .syntax(problem.0, at: problem.1)
                            }
                            pendingLF = c == 0x0D
                            i += 1
                            return .recordDone
                        case 0:
                            return .syntax(.nul, at: i)
                        default:
                            return .syntax(.textAfterQuote, at: i)
                        }
                    }
                }
                return .needMore
            }

            switch result {
            case .needMore:
                continue
            case .recordDone:
                pos = i
                lastFieldCount = fields.count
                let record = CSVRecord(fields: fields, line: line)
                self.line = line + 1 + extraLines
                self.pendingLF = pendingLF
                return record
            case .syntax(let kind, let at):
                self.line = line
                throw syntaxError(kind, at: at, recordStart: recordStart, recordLine: line)
            }
        }
    }

    /// Appends the unquoted field `p[start..<end]`; returns the problem if it is not valid UTF-8.
    @inline(__always)
    private static func appendField(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ nonASCII: UInt8,
        _ validate: Bool, _ fields: inout [String]
    ) -> (SyntaxProblem, Int)? {
        let bytes = UnsafeBufferPointer(rebasing: p[start..<end])
        if nonASCII & 0x80 != 0 && validate {
            guard let string = makeValidatedString(bytes) else {
                return (.invalidUTF8, start + (UTF8Check.firstInvalid(in: bytes, allowTruncatedEnd: false) ?? 0))
            }
            fields.append(string)
        } else {
            fields.append(String(decoding: bytes, as: UTF8.self))
        }
        return nil
    }

    /// Appends the quoted field whose content (between the quotes) is `p[start..<end]`,
    /// collapsing `""` to `"` when `escaped`.
    @inline(__always)
    private static func appendQuotedField(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ escaped: Bool, _ nonASCII: UInt8,
        _ validate: Bool, _ scratch: inout [UInt8], _ fields: inout [String]
    ) -> (SyntaxProblem, Int)? {
        if !escaped { return appendField(p, start, end, nonASCII, validate, &fields) }
        let content = UnsafeBufferPointer(rebasing: p[start..<end])
        if nonASCII & 0x80 != 0 && validate,
           let bad = UTF8Check.firstInvalid(in: content, allowTruncatedEnd: false) {
            return (.invalidUTF8, start + bad)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(content.count)
        var k = 0
        while k < content.count {
            let c = content[k]
            scratch.append(c)
            k += c == 0x22 ? 2 : 1  // the content holds quotes only in pairs
        }
        fields.append(String(decoding: scratch, as: UTF8.self))
        return nil
    }

    /// Makes a string from bytes, or returns `nil` if they are not valid UTF-8.
    @inline(__always)
    private static func makeValidatedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            return String(validating: bytes, as: UTF8.self)
        }
        guard UTF8Check.firstInvalid(in: bytes, allowTruncatedEnd: false) == nil else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Drops a UTF-8 byte-order mark at the very start of the decoded text.
    private mutating func skipBOM() throws(CSVError) {
        checkedBOM = true
        while len - pos < 3 {
            let before = len - pos
            pos -= fill(keepingFrom: pos)
            if len - pos == before { break }
        }
        if len - pos >= 3 && buf[pos] == 0xEF && buf[pos + 1] == 0xBB && buf[pos + 2] == 0xBF {
            pos += 3
        } else if encoding == .utf8 && len - pos >= 2
                    && (buf[pos] == 0xFF && buf[pos + 1] == 0xFE || buf[pos] == 0xFE && buf[pos + 1] == 0xFF) {
            throw CSVError(line: 1, column: 1, words: .core(.csvUTF16))
        }
    }

    // MARK: Buffer filling and decoding

    /// Discards decoded text before `keep`, then appends more decoded text unless the input is
    /// exhausted or has failed (`eof` or `streamFailure` is then set). Returns how far the
    /// retained bytes moved towards the front; the caller adjusts its indices by that much.
    private mutating func fill(keepingFrom keep: Int) -> Int {
        var shift = 0
        if keep > 0 {
            let remaining = len - keep
            if remaining > 0 {
                buf.withUnsafeMutableBufferPointer { b in
                    let base = b.baseAddress!
                    base.update(from: base + keep, count: remaining)
                }
            }
            len = remaining
            shift = keep
        }
        if eof || streamFailure != nil { return shift }

        let needed = encoding == .utf8 ? chunkSize : 2 * chunkSize + 16
        if buf.count - len < needed {
            growBuffer(to: max(buf.count * 2, len + needed))
        }

        let before = len
        while len == before && !eof && streamFailure == nil {
            switch encoding {
            case .utf8:
                var text: [UInt8] = []
                swap(&text, &buf)
                let n = text.withUnsafeMutableBytes { b in
                    pullRaw(into: b.baseAddress! + len, count: chunkSize)
                }
                swap(&text, &buf)
                if n == 0 { eof = streamFailure == nil } else { len += n }
            case .gb18030:
                decodeGB18030Chunk()
            }
        }
        return shift
    }

    /// Replaces `buf` with a larger one holding the same first `len` bytes.
    private mutating func growBuffer(to newCount: Int) {
        var grown = [UInt8](repeating: 0, count: newCount)
        grown.withUnsafeMutableBufferPointer { destination in
            buf.withUnsafeBufferPointer { source in
                destination.baseAddress!.update(from: source.baseAddress!, count: len)
            }
        }
        buf = grown
    }

    /// Copies up to `count` raw input bytes to `destination`: first any bytes read ahead for
    /// detection, then from the source. Returns 0 at the end of the input or on a read error
    /// (which is recorded in `streamFailure`).
    private mutating func pullRaw(into destination: UnsafeMutableRawPointer, count: Int) -> Int {
        if prefixPos < prefix.count {
            let n = min(count, prefix.count - prefixPos)
            prefix.withUnsafeBytes { src in
                destination.copyMemory(from: src.baseAddress! + prefixPos, byteCount: n)
            }
            prefixPos += n
            if prefixPos == prefix.count { prefix = []; prefixPos = 0 }
            return n
        }
        if sourceDone { return 0 }
        do {
            let n = try source.read(into: destination, count: count)
            if n == 0 { sourceDone = true }
            return n
        } catch {
            streamFailure = .readError(error.errno)
            return 0
        }
    }

    /// Reads one raw chunk and converts it from GB18030 to UTF-8 at the end of `buf`.
    private mutating func decodeGB18030Chunk() {
        var staging: [UInt8] = []
        swap(&staging, &raw)
        defer { swap(&staging, &raw) }
        let carry = rawCarry
        let n = staging.withUnsafeMutableBytes { b in
            pullRaw(into: b.baseAddress! + carry, count: chunkSize)
        }
        if n == 0 {
            if streamFailure != nil { return }
            if rawCarry > 0 {
                streamFailure = .truncatedGB18030(Array(staging[0..<rawCarry]))
                rawCarry = 0
            } else {
                eof = true
            }
            return
        }
        if !isKnownUniquelyReferenced(&converter!) {
            // A copy of this reader shares the converter; take a fresh one of our own. GB18030
            // is stateless and incomplete characters are carried in `raw`, so this is lossless.
            do {
                converter = try IconvConverter()
            } catch {
                streamFailure = .converterUnavailable(error.words)
                return
            }
        }
        var inputLeft = rawCarry + n
        var consumed = 0
        while true {
            let outcome = staging.withUnsafeMutableBufferPointer { input in
                buf.withUnsafeMutableBufferPointer { output in
                    converter!.convert(
                        input: input.baseAddress! + consumed, inputCount: &inputLeft,
                        output: output.baseAddress! + len, outputCapacity: output.count - len)
                }
            }
            consumed += outcome.consumed
            len += outcome.produced
            switch outcome.status {
            case .complete:
                rawCarry = 0
                return
            case .incompleteInput:
                // Keep the start of a character cut by the chunk boundary for the next chunk.
                staging.withUnsafeMutableBufferPointer { b in
                    b.baseAddress!.update(from: b.baseAddress! + consumed, count: inputLeft)
                }
                rawCarry = inputLeft
                return
            case .outputFull:
                growBuffer(to: buf.count + max(buf.count, 4 * inputLeft + 16))
            case .invalidInput:
                streamFailure = .invalidGB18030(staging[consumed])
                rawCarry = 0
                return
            }
        }
    }

    // MARK: Errors

    private func syntaxError(_ problem: SyntaxProblem, at index: Int, recordStart: Int, recordLine: Int) -> CSVError {
        let (line, column) = position(of: index, recordStart: recordStart, recordLine: recordLine)
        let message: Message
        switch problem {
        case .unterminatedQuote:
            message = .core(.csvUnterminatedQuote)
        case .textAfterQuote:
            message = .core(.csvTextAfterQuote, ["character": .message(describeCharacter(at: index))])
        case .nul:
            message = .core(.csvNul)
        case .invalidUTF8:
            message = .core(.csvInvalidUTF8, ["byte": .text(hex(buf[index]))])
        }
        return CSVError(line: line, column: column, remedy: problem == .invalidUTF8 ? .nameEncoding : nil, words: message)
    }

    private func streamError(_ failure: StreamFailure, at index: Int, recordStart: Int, recordLine: Int) -> CSVError {
        let (line, column) = position(of: index, recordStart: recordStart, recordLine: recordLine)
        switch failure {
        case .readError(let code):
            return CSVError(line: line, column: nil, words: Self.readFailureMessage(code))
        case .invalidGB18030(let byte):
            return CSVError(line: line, column: column, remedy: .nameEncoding, words: .core(.csvInvalidGB18030, ["byte": .text(hex(byte))]))
        case .converterUnavailable(let message):
            return CSVError(line: line, column: nil, words: message)
        case .truncatedGB18030(let bytes):
            return CSVError(line: line, column: column, words: .core(.csvTruncatedGB18030, ["bytes": .text(bytes.map(hex).joined(separator: " "))]))
        }
    }

    /// The line and column of decoded byte `index`, found by rescanning the current record
    /// (which starts at the beginning of line `recordLine`; its bytes are always buffered).
    private func position(of index: Int, recordStart: Int, recordLine: Int) -> (line: Int, column: Int) {
        buf.withUnsafeBufferPointer { p in
            var line = recordLine
            var lineStart = recordStart
            var k = recordStart
            while k < index {
                let c = p[k]
                if c == 0x0A {
                    if k == recordStart || p[k - 1] != 0x0D { line += 1 }
                    lineStart = k + 1
                } else if c == 0x0D {
                    line += 1
                    lineStart = k + 1
                }
                k += 1
            }
            var column = 1
            for k in lineStart..<max(index, lineStart) where p[k] & 0xC0 != 0x80 { column += 1 }
            return (line, column)
        }
    }

    private func describeCharacter(at index: Int) -> Message {
        let c = buf[index]
        if c >= 0x21 && c < 0x7F { return .core(.csvQuotedCharacter, ["character": .text(String(Character(Unicode.Scalar(c))))]) }
        if c == 0x20 { return .core(.csvSpace) }
        if c == 0x09 { return .core(.csvTab) }
        return .core(.csvCharacter)
    }

    private static func readFailureMessage(_ code: Int32) -> Message {
        .core(.csvCannotRead, ["reason": .text(String(cString: strerror(code)))])
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
}

/// A problem in the input stream below the CSV syntax.
private enum StreamFailure: Sendable {
    case readError(Int32)
    case invalidGB18030(UInt8)
    case truncatedGB18030([UInt8])
    case converterUnavailable(Message)
}

// MARK: - Byte sources

/// An `errno` value from a failed read.
fileprivate struct ReadFailure: Error {
    var errno: Int32
}

/// An open file descriptor, closed when the last reader copy holding it goes away.
fileprivate final class FileDescriptorBox: Sendable {
    let fd: Int32
    /// Whether the file supports `pread(2)`; pipes and terminals do not.
    let seekable: Bool

    init(path: String) throws(CSVError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw CSVError(line: 0, column: nil, words: .core(.csvCannotOpen, ["path": .text(path), "reason": .text(String(cString: strerror(code)))]))
        }
        var info = stat()
        if fstat(fd, &info) == 0 && Int(info.st_mode) & Int(S_IFMT) == Int(S_IFDIR) {
            close(fd)
            throw CSVError(line: 0, column: nil, words: .core(.csvIsFolder, ["path": .text(path)]))
        }
        self.fd = fd
        self.seekable = lseek(fd, 0, SEEK_CUR) >= 0
    }

    deinit { close(fd) }
}

/// Where raw bytes come from: a file (read at `offset`) or an array in memory.
fileprivate struct ByteSource: Sendable {
    private var file: FileDescriptorBox?
    private var memory: [UInt8]
    private var offset: Int
    /// Shared by a reader's copies: only the copy that reads the file through may have one.
    private let digest: ContentDigest?

    init(file: FileDescriptorBox, digest: ContentDigest? = nil) {
        self.file = file
        self.memory = []
        self.offset = 0
        self.digest = digest
    }

    init(memory: [UInt8]) {
        self.file = nil
        self.memory = memory
        self.offset = 0
        self.digest = nil
    }

    /// Bytes taken from the input so far.
    var bytesRead: Int { offset }

    /// Reads up to `count` bytes to `destination`; returns 0 at the end.
    mutating func read(into destination: UnsafeMutableRawPointer, count: Int) throws(ReadFailure) -> Int {
        guard let file else {
            let n = min(count, memory.count - offset)
            if n > 0 {
                memory.withUnsafeBytes { src in
                    destination.copyMemory(from: src.baseAddress! + offset, byteCount: n)
                }
                offset += n
            }
            return n
        }
        while true {
            let n = file.seekable
                ? pread(file.fd, destination, count, off_t(offset))
                : Self.sequentialRead(file.fd, destination, count)
            if n >= 0 {
                offset += n
                digest?.update(UnsafeRawBufferPointer(start: destination, count: n))
                return n
            }
            if errno != EINTR { throw ReadFailure(errno: errno) }
        }
    }

    private static func sequentialRead(_ fd: Int32, _ destination: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, destination, count)
        #elseif canImport(Musl)
        return Musl.read(fd, destination, count)
        #else
        return Darwin.read(fd, destination, count)
        #endif
    }
}

// MARK: - GB18030 conversion

/// An iconv conversion descriptor from GB18030 to UTF-8.
///
/// `@unchecked Sendable`: a reader only converts with a converter it holds the sole reference
/// to (it makes a fresh one otherwise), so no two threads ever use the same descriptor.
fileprivate final class IconvConverter: @unchecked Sendable {
    private let descriptor: iconv_t

    enum Status { case complete, incompleteInput, outputFull, invalidInput }

    init() throws(CSVError) {
        let cd = iconv_open("UTF-8", "GB18030")
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            let code = errno
            throw CSVError(line: 0, column: nil, words: .core(.csvNoIconv, ["reason": .text(String(cString: strerror(code)))]))
        }
        descriptor = cd
    }

    deinit { iconv_close(descriptor) }

    /// Converts as much of `input` as fits; `inputCount` is updated to the bytes left over.
    func convert(
        input: UnsafeMutablePointer<UInt8>, inputCount: inout Int,
        output: UnsafeMutablePointer<UInt8>, outputCapacity: Int
    ) -> (consumed: Int, produced: Int, status: Status) {
        let inputBefore = inputCount
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(input).assumingMemoryBound(to: CChar.self)
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output).assumingMemoryBound(to: CChar.self)
        var inLeft = inputCount
        var outLeft = outputCapacity
        let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
        let code = errno
        inputCount = inLeft
        let consumed = inputBefore - inLeft
        let produced = outputCapacity - outLeft
        if result != -1 || inLeft == 0 { return (consumed, produced, .complete) }
        switch code {
        case EINVAL: return (consumed, produced, .incompleteInput)
        case E2BIG: return (consumed, produced, .outputFull)
        default: return (consumed, produced, .invalidInput)
        }
    }
}

// MARK: - UTF-8 validation

fileprivate enum UTF8Check {
    /// The offset of the first byte of the first invalid UTF-8 sequence in `bytes`, or `nil`
    /// if they are all valid. With `allowTruncatedEnd`, a sequence cut short by the end of
    /// `bytes` but valid so far is accepted (the data continues beyond the sample).
    static func firstInvalid(in bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> Int? {
        let count = bytes.count
        guard count > 0 else { return nil }
        let p = bytes.baseAddress!
        var i = 0
        while i < count {
            // Skip ASCII eight bytes at a time.
            while i + 8 <= count {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= count { break }
            let lead = p[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            for k in 1..<length {
                if i + k >= count { return allowTruncatedEnd ? nil : i }
                let c = p[i + k]
                if k == 1 {
                    if c < low || c > high { return i }
                } else if c & 0xC0 != 0x80 {
                    return i
                }
            }
            i += length
        }
        return nil
    }
}
