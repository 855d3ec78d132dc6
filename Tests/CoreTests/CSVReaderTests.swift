import Foundation
import Testing

@testable import Core

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Helpers

private enum CSVFixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }

    /// The csv-spectrum case names (`csvs/<name>.csv` with `json/<name>.json`).
    static let spectrumCases = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "location_coordinates",
        "newlines", "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]
}

private func readAll(
    _ bytes: [UInt8], encoding: TextEncoding? = nil, chunkSize: Int = CSVReader.defaultChunkSize
) throws -> [CSVRecord] {
    var reader = try CSVReader(bytes: bytes, encoding: encoding, chunkSize: chunkSize)
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

private func readAll(_ text: String, chunkSize: Int = CSVReader.defaultChunkSize) throws -> [CSVRecord] {
    try readAll(Array(text.utf8), chunkSize: chunkSize)
}

private func readAll(
    path: String, encoding: TextEncoding? = nil, chunkSize: Int = CSVReader.defaultChunkSize
) throws -> (records: [CSVRecord], encoding: TextEncoding) {
    var reader = try CSVReader(path: path, encoding: encoding, chunkSize: chunkSize)
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return (records, reader.encoding)
}

/// Reads until the end or the first error; returns the records read before it and the error.
private func readUntilError(
    _ bytes: [UInt8], encoding: TextEncoding? = nil, chunkSize: Int = CSVReader.defaultChunkSize
) throws -> (records: [CSVRecord], error: CSVError?) {
    var reader = try CSVReader(bytes: bytes, encoding: encoding, chunkSize: chunkSize)
    var records: [CSVRecord] = []
    do {
        while let record = try reader.next() { records.append(record) }
        return (records, nil)
    } catch {
        return (records, error)
    }
}

private func fields(_ records: [CSVRecord]) -> [[String]] { records.map(\.fields) }

/// Encodes UTF-8 text as GB18030 with the system iconv (independently of the reader's path).
private func gb18030(_ text: String) throws -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    try #require(cd != nil && cd != iconv_t(bitPattern: -1))
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    let produced = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer -> Int in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            var outLeft = outBuffer.count
            let result = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
            return result == -1 ? -1 : outBuffer.count - outLeft
        }
    }
    try #require(produced >= 0)
    return Array(output[0..<produced])
}

/// A file in a fresh temporary directory, removed by `cleanUp()`.
private struct TemporaryFile {
    let directory: URL
    let path: String

    init(name: String = "test.csv", bytes: [UInt8]) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("CSVReaderTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        path = url.path
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

// MARK: - csv-spectrum

@Suite("CSVReader: csv-spectrum acid tests")
struct CSVSpectrumTests {
    /// Known mistakes in the upstream expected JSON, as (case, column, value the CSV really holds).
    /// https://github.com/max-mapper/csv-spectrum/issues/20
    static let errata: [(String, String, String)] = [
        ("location_coordinates", "Contact Phone Number", "2095257564"),
    ]

    @Test("every fixture case is listed")
    func allCasesListed() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: CSVFixtures.url("csv-spectrum/csvs").path)
        let cases = Set(names.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) })
        #expect(cases == Set(CSVFixtures.spectrumCases))
    }

    /// Cases that break a rule regctl enforces on purpose, as (case, line, column) of the error.
    /// None today: a quote inside an unquoted field (location_coordinates.csv's `37°36'37.8"N`) is
    /// kept as data, as csv-spectrum expects and as spreadsheets write it (docs/filing-format.md).
    static let rejected: [(String, Int, Int)] = []

    @Test("matches the expected JSON", arguments: CSVFixtures.spectrumCases)
    func matchesExpectedJSON(name: String) throws {
        let path = CSVFixtures.url("csv-spectrum/csvs/\(name).csv").path
        if let (_, line, column) = Self.rejected.first(where: { $0.0 == name }) {
            let error = #expect(throws: CSVError.self) { _ = try readAll(path: path) }
            #expect(error?.line == line)
            #expect(error?.column == column)
            #expect(error?.message.contains("quote inside an unquoted field") == true)
            return
        }
        let (records, encoding) = try readAll(path: path)
        #expect(encoding == .utf8)
        let header = try #require(records.first).fields

        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: CSVFixtures.url("csv-spectrum/json/\(name).json")))
        // location_coordinates.json is a bare object (upstream issue #22); treat it as one row.
        var expected = try #require((json as? [[String: String]]) ?? (json as? [String: String]).map { [$0] })
        for (errataCase, column, value) in Self.errata where errataCase == name {
            for index in expected.indices { expected[index][column] = value }
        }

        let rows = records.dropFirst().map { record -> [String: String] in
            #expect(record.fields.count == header.count, "record at line \(record.line) is ragged")
            return Dictionary(zip(header, record.fields), uniquingKeysWith: { first, _ in first })
        }
        #expect(Set(header) == Set(expected.first.map { Array($0.keys) } ?? []))
        #expect(rows == expected)
    }

    @Test("CRLF variants read like their LF twins, apart from embedded line breaks")
    func crlfTwins() throws {
        for name in ["empty", "simple"] {
            let lf = try readAll(CSVFixtures.bytes("csv-spectrum/csvs/\(name).csv"))
            let crlf = try readAll(CSVFixtures.bytes("csv-spectrum/csvs/\(name)_crlf.csv"))
            #expect(lf == crlf)
        }
        let lf = try readAll(CSVFixtures.bytes("csv-spectrum/csvs/newlines.csv"))
        let crlf = try readAll(CSVFixtures.bytes("csv-spectrum/csvs/newlines_crlf.csv"))
        #expect(lf.map(\.line) == [1, 2, 3, 5])
        #expect(crlf.map(\.line) == [1, 2, 3, 5])
        #expect(crlf[2].fields[0] == "Once upon \r\na time")
    }
}

// MARK: - Syntax

@Suite("CSVReader: RFC 4180 syntax")
struct CSVReaderSyntaxTests {
    @Test("LF, CRLF, lone CR and mixed line endings", arguments: [
        "a,b\n1,2\n3,4\n",
        "a,b\r\n1,2\r\n3,4\r\n",
        "a,b\r1,2\r3,4\r",
        "a,b\r\n1,2\n3,4\r",
        "a,b\n1,2\r3,4",
    ])
    func lineEndings(text: String) throws {
        let records = try readAll(text)
        #expect(fields(records) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test("a final record needs no line ending; a trailing line ending adds no record")
    func finalRecord() throws {
        #expect(fields(try readAll("a,b\n1,2")) == [["a", "b"], ["1", "2"]])
        #expect(fields(try readAll("a,b\n1,2\n")) == [["a", "b"], ["1", "2"]])
        #expect(fields(try readAll("a,b\n1,2\r\n")) == [["a", "b"], ["1", "2"]])
        #expect(fields(try readAll("a,b\n1,\"2\"")) == [["a", "b"], ["1", "2"]])
        #expect(fields(try readAll("a,b\n1,")) == [["a", "b"], ["1", ""]])
    }

    @Test("empty input, BOM-only input and blank lines give no records")
    func emptyInputs() throws {
        #expect(try readAll("").isEmpty)
        #expect(try readAll("\n").isEmpty)
        #expect(try readAll("\r\n\r\n\n").isEmpty)
        #expect(try readAll([0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(try readAll([0xEF, 0xBB, 0xBF, 0x0A]).isEmpty)
    }

    @Test("empty lines are skipped but counted")
    func emptyLinesSkipped() throws {
        let records = try readAll("a,b\n\n1,2\r\n\r\n\r\n3,4\n\n")
        #expect(fields(records) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 3, 6])
    }

    @Test("quoted fields: separators, quotes, line breaks and empty fields")
    func quotedFields() throws {
        let records = try readAll("\"a,b\",\"say \"\"hi\"\"\",\"\",x\n\"\"\"\",\"l1\nl2\",,\" \"\n")
        #expect(fields(records) == [
            ["a,b", "say \"hi\"", "", "x"],
            ["\"", "l1\nl2", "", " "],
        ])
    }

    @Test("whitespace and single quotes are data")
    func whitespaceKept() throws {
        #expect(fields(try readAll(" a , b ,'c'\n")) == [[" a ", " b ", "'c'"]])
    }

    @Test("a record holding one empty quoted field is not an empty line")
    func emptyQuotedRecord() throws {
        let records = try readAll("a\n\"\"\n\nb\n")
        #expect(fields(records) == [["a"], [""], ["b"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test("quoted line breaks move the following records' line numbers", arguments: ["\n", "\r\n", "\r"])
    func lineNumbersAfterQuotedBreaks(newline: String) throws {
        let n = newline
        let text = "h1,h2\(n)\"a\(n)b\(n)c\",1\(n)x,\"\(n)\"\(n)\(n)y,2\(n)\"\(n)\(n)\",3"
        let records = try readAll(text)
        #expect(records.map(\.line) == [1, 2, 5, 8, 9])
        #expect(records[1].fields == ["a\(n)b\(n)c", "1"])
        #expect(records[2].fields == ["x", n])
        #expect(records[4].fields == ["\(n)\(n)", "3"])
    }

    @Test("a UTF-8 BOM is dropped, from the first field only")
    func bomDropped() throws {
        let withBOM = try readAll([0xEF, 0xBB, 0xBF] + Array("id,name\n1,\u{FEFF}x\n".utf8))
        let without = try readAll(Array("id,name\n1,\u{FEFF}x\n".utf8))
        #expect(withBOM == without)
        #expect(withBOM[0].fields == ["id", "name"])
        #expect(withBOM[1].fields == ["1", "\u{FEFF}x"])
        let quoted = try readAll([0xEF, 0xBB, 0xBF] + Array("\"id\",name\n".utf8))
        #expect(quoted[0].fields == ["id", "name"])
    }

    @Test("ragged rows are returned as they are")
    func raggedRows() throws {
        #expect(fields(try readAll("a,b,c\n1\n1,2,3,4\n")) == [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]])
    }

    @Test("non-ASCII UTF-8 text, including U+FFFD itself, is kept")
    func unicodeText() throws {
        let text = "名字,emoji,x\n张三,😀👍🏽,\u{FFFD}é\n"
        #expect(fields(try readAll(text)) == [["名字", "emoji", "x"], ["张三", "😀👍🏽", "\u{FFFD}é"]])
    }

    @Test("large fields (10 MB) quoted and unquoted")
    func largeFields() throws {
        let unit = "0123456789abcdef\"\"中文,\r\n"  // 27 bytes
        let repeats = 10_000_000 / 27 + 1
        let body = String(repeating: unit, count: repeats)
        let expectedQuoted = String(repeating: "0123456789abcdef\"中文,\r\n", count: repeats)
        let plain = String(repeating: "x", count: 10_000_000)
        let text = "a,b\n\"\(body)\",\(plain)\n\(plain),2\n"
        for chunkSize in [CSVReader.defaultChunkSize, 65_536] {
            let records = try readAll(text, chunkSize: chunkSize)
            try #require(records.count == 3)
            #expect(records[1].fields[0] == expectedQuoted)
            #expect(records[1].fields[1] == plain)
            #expect(records[2].fields == [plain, "2"])
            #expect(records[2].line == 3 + repeats)
        }
    }
}

// MARK: - Errors

@Suite("CSVReader: malformed input")
struct CSVReaderErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var encoding: TextEncoding?
        var line: Int
        var column: Int?
        var recordsBefore: Int
        var messageContains: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, encoding: TextEncoding? = nil, line: Int, column: Int?,
             recordsBefore: Int, _ messageContains: String) {
            self.init(name, Array(text.utf8), encoding: encoding, line: line, column: column,
                      recordsBefore: recordsBefore, messageContains)
        }

        init(_ name: String, _ bytes: [UInt8], encoding: TextEncoding? = nil, line: Int, column: Int?,
             recordsBefore: Int, _ messageContains: String) {
            self.name = name
            self.bytes = bytes
            self.encoding = encoding
            self.line = line
            self.column = column
            self.recordsBefore = recordsBefore
            self.messageContains = messageContains
        }
    }

    static let cases: [Case] = [
        Case("unterminated quote", "a,b\n1,\"abc\n2,3\n4,5\n", line: 2, column: 3, recordsBefore: 1, "never closed"),
        Case("unterminated quote at end", "a,b\n1,\"", line: 2, column: 3, recordsBefore: 1, "never closed"),
        Case("unterminated quote after quoted breaks", "a\n\"x\ny\"\n\"z\r\n\r\n",
             line: 4, column: 1, recordsBefore: 2, "never closed"),
        Case("text after closing quote", "\"ab\"c,d\n", line: 1, column: 5, recordsBefore: 0,
             "unexpected 'c' after a closing quote"),
        Case("space after closing quote", "a\n\"ab\" ,d\n", line: 2, column: 5, recordsBefore: 1,
             "unexpected space after a closing quote"),
        Case("error line counts quoted breaks", "a\n\"x\ny\"\n\"b\"c\n", line: 4, column: 4, recordsBefore: 2,
             "after a closing quote"),
        Case("column counts characters, not bytes", "名字,\"ab\"c\n", line: 1, column: 8, recordsBefore: 0,
             "after a closing quote"),
        Case("error inside a multi-line quoted field", "a\n\"x\r\ny\"z\n", line: 3, column: 3, recordsBefore: 1,
             "after a closing quote"),
        Case("NUL in unquoted field", "a,b\n1,2\u{0}\n", line: 2, column: 4, recordsBefore: 1, "NUL byte"),
        Case("NUL in quoted field", "a,b\n1,\"x\ny\u{0}\"\n", line: 3, column: 2, recordsBefore: 1, "NUL byte"),
        Case("NUL at record start", "a\n\u{0}\n", line: 2, column: 1, recordsBefore: 1, "NUL byte"),
        Case("NUL after closing quote", "\"a\"\u{0}\n", line: 1, column: 4, recordsBefore: 0, "NUL byte"),
        Case("UTF-16 with BOM", [0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00], line: 1, column: 1, recordsBefore: 0,
             "the file is UTF-16"),
        Case("UTF-16 with BOM, read as UTF-8", [0xFE, 0xFF, 0x00, 0x61], encoding: .utf8, line: 1, column: 1,
             recordsBefore: 0, "the file is UTF-16"),
        Case("UTF-16 without BOM", [0x61, 0x00, 0x2C, 0x00], line: 1, column: 2, recordsBefore: 0,
             "UTF-16 files look like this"),
        Case("invalid UTF-8", Array("a,b\n1,x".utf8) + [0xFF] + Array("\n".utf8), encoding: .utf8,
             line: 2, column: 4, recordsBefore: 1, "if the file is GB18030 (GBK), name that encoding"),
        Case("invalid UTF-8 in quoted field with escapes", Array("a,b\n1,\"\"\"\n".utf8) + [0xC3, 0x28] + Array("\"\n".utf8),
             encoding: .utf8, line: 3, column: 1, recordsBefore: 1, "invalid UTF-8 byte 0xC3"),
        Case("truncated UTF-8 at end of file", Array(Array("a\né".utf8).dropLast()), encoding: .utf8,
             line: 2, column: 1, recordsBefore: 1, "invalid UTF-8"),
        Case("UTF-8 surrogate", Array("a\n".utf8) + [0xED, 0xA0, 0x80], encoding: .utf8,
             line: 2, column: 1, recordsBefore: 1, "invalid UTF-8 byte 0xED"),
        Case("invalid GB18030", Array("a,b\n1,".utf8) + [0xFF, 0x41] + Array("\n".utf8), encoding: .gb18030,
             line: 2, column: 3, recordsBefore: 1, "invalid GB18030 byte sequence starting with byte 0xFF"),
        Case("invalid GB18030 after a whole record", Array("a,b\n".utf8) + [0x80, 0x41] + Array("\n".utf8),
             encoding: .gb18030, line: 2, column: 1, recordsBefore: 1, "invalid GB18030"),
        Case("GB18030 cut at end of file", Array("a,b\n1,".utf8) + [0xB1], encoding: .gb18030,
             line: 2, column: 3, recordsBefore: 1, "ends in the middle of a GB18030 character"),
    ]

    @Test("is reported with its position", arguments: cases)
    func reported(testCase: Case) throws {
        for chunkSize in [CSVReader.defaultChunkSize, 1, 2, 3, 7] {
            let (records, error) = try readUntilError(testCase.bytes, encoding: testCase.encoding, chunkSize: chunkSize)
            let thrown = try #require(error, "chunk size \(chunkSize)")
            #expect(thrown.line == testCase.line, "chunk size \(chunkSize)")
            #expect(thrown.column == testCase.column, "chunk size \(chunkSize)")
            #expect(thrown.message.contains(testCase.messageContains), "\(thrown.message)")
            #expect(records.count == testCase.recordsBefore, "chunk size \(chunkSize)")
        }
    }

    @Test("the same error is thrown again on later calls")
    func errorIsSticky() throws {
        var reader = try CSVReader(bytes: Array("a\n\"b\"c\nd\n".utf8))
        #expect(try reader.next()?.fields == ["a"])
        let first = #expect(throws: CSVError.self) { try reader.next() }
        let second = #expect(throws: CSVError.self) { try reader.next() }
        #expect(first == second)
        #expect(first?.line == 2)
    }

    @Test("description names line and column")
    func description() {
        #expect(CSVError(line: 3, column: 7, message: "bad.").description == "line 3, column 7: bad.")
        #expect(CSVError(line: 3, column: nil, message: "bad.").description == "line 3: bad.")
        #expect(CSVError(line: 0, column: nil, message: "bad.").description == "bad.")
    }

    @Test("a missing file or a directory is an error at line 0")
    func unopenable() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/x.csv"
        let error = #expect(throws: CSVError.self) { _ = try CSVReader(path: missing) }
        #expect(error?.line == 0)
        #expect(error?.message.contains(missing) == true)
        let directory = #expect(throws: CSVError.self) {
            _ = try CSVReader(path: FileManager.default.temporaryDirectory.path)
        }
        #expect(directory?.message.contains("is a directory") == true)
    }
}

// MARK: - Encodings

@Suite("CSVReader: encodings")
struct CSVReaderEncodingTests {
    static let expectedChinese: [[String]] = [
        ["编号", "姓名", "城市", "备注"],
        ["1", "张三", "北京", "说：\"你好\""],
        ["2", "李四", "上海,浦东", "多行"],
        ["3", "王五", "广州\n天河", "😀表情"],
        ["4", "赵六", "深圳", "𠀀扩展B"],
    ]

    @Test("UTF-8, UTF-8 with BOM and GB18030 are detected and read alike", arguments: [
        ("chinese-utf8.csv", TextEncoding.utf8),
        ("chinese-utf8-bom.csv", TextEncoding.utf8),
        ("chinese-gb18030.csv", TextEncoding.gb18030),
    ])
    func detected(file: String, encoding: TextEncoding) throws {
        let (records, detected) = try readAll(path: CSVFixtures.url("encodings/\(file)").path)
        #expect(detected == encoding)
        #expect(fields(records) == Self.expectedChinese)
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test("the fixtures are what their names say")
    func fixtureBytes() throws {
        let utf8 = try CSVFixtures.bytes("encodings/chinese-utf8.csv")
        #expect(try CSVFixtures.bytes("encodings/chinese-utf8-bom.csv") == [0xEF, 0xBB, 0xBF] + utf8)
        #expect(try CSVFixtures.bytes("encodings/chinese-gb18030.csv") == gb18030(String(decoding: utf8, as: UTF8.self)))
    }

    @Test("an explicit encoding is used instead of detection")
    func explicitEncoding() throws {
        let gbBytes = try CSVFixtures.bytes("encodings/chinese-gb18030.csv")
        var gbReader = try CSVReader(bytes: gbBytes, encoding: .gb18030)
        #expect(gbReader.encoding == .gb18030)
        #expect(try gbReader.next()?.fields == Self.expectedChinese[0])

        // GB18030 bytes forced to be read as UTF-8 fail on the first field, with advice.
        let (_, error) = try readUntilError(gbBytes, encoding: .utf8)
        let thrown = try #require(error)
        #expect(thrown.line == 1 && thrown.column == 1)
        #expect(thrown.message.contains("if the file is GB18030 (GBK), name that encoding") && thrown.remedy == .nameEncoding)

        // UTF-8 bytes forced to be read as GB18030 decode to different text (mojibake), not to an error.
        let utf8Bytes = try CSVFixtures.bytes("encodings/chinese-utf8.csv")
        var utf8AsGB = try CSVReader(bytes: utf8Bytes, encoding: .gb18030)
        #expect(utf8AsGB.encoding == .gb18030)
        let header = try #require(try utf8AsGB.next())
        #expect(header.fields.count == 4)
        #expect(header.fields != Self.expectedChinese[0])

        // ASCII reads the same either way.
        #expect(try readAll(Array("a,b\n1,2\n".utf8), encoding: .gb18030) == readAll("a,b\n1,2\n"))
    }

    @Test("a GB18030 BOM is dropped too")
    func gb18030BOM() throws {
        let bytes = try gb18030("\u{FEFF}a,b\n1,2\n")
        #expect(bytes.prefix(4) == [0x84, 0x31, 0x95, 0x33])
        #expect(fields(try readAll(bytes, encoding: .gb18030)) == [["a", "b"], ["1", "2"]])
    }

    @Test("detection looks at the first 64 KiB and tolerates a character cut at that boundary")
    func detectionWindow() throws {
        let limit = CSVReader.detectionLimit
        // A three-byte character starting two bytes before the 64 KiB boundary.
        let filler = String(repeating: "x", count: limit - 2 - 2)
        let utf8Text = "a\n\(filler)中\n"
        #expect(Array(utf8Text.utf8)[limit - 2] == 0xE4)
        var reader = try CSVReader(bytes: Array(utf8Text.utf8))
        #expect(reader.encoding == .utf8)
        #expect(try reader.next()?.fields == ["a"])
        #expect(try reader.next()?.fields == ["\(filler)中"])

        // A file that ends with a cut character is not UTF-8.
        #expect(try CSVReader(bytes: Array(Array("a,中".utf8).dropLast())).encoding == .gb18030)

        // Non-UTF-8 within the window means GB18030.
        let gbText = try gb18030("a\n" + String(repeating: "y", count: limit - 100) + "张三\n")
        let gbReader = try CSVReader(bytes: gbText)
        #expect(gbReader.encoding == .gb18030)
        #expect(fields(try readAll(gbText)).last == [String(repeating: "y", count: limit - 100) + "张三"])
    }

    @Test("detection's UTF-8 check agrees with the standard library on random bytes")
    func detectionAgreesWithStandardLibrary() throws {
        guard #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) else { return }
        // Bytes biased towards UTF-8 structure: ASCII, lead bytes, continuation bytes, edge values.
        let palette: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func nextRandom() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(truncatingIfNeeded: state >> 1)
        }
        var disagreements: [[UInt8]] = []
        for _ in 0..<20_000 {
            let count = 1 + nextRandom() % 6
            let bytes = [0x78] + (0..<count).map { _ in palette[nextRandom() % palette.count] }
            let expectValid = String(validating: bytes, as: UTF8.self) != nil
            if try (CSVReader(bytes: bytes).encoding == .utf8) != expectValid { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test("GB18030 beyond the detection window is an error naming its line, with advice")
    func gb18030AfterWindow() throws {
        var text = "id,name\n"
        var line = 1
        while text.utf8.count <= CSVReader.detectionLimit {
            line += 1
            text += "\(line),ascii\n"
        }
        let bytes = try gb18030(text + "\(line + 1),张三\n")
        let (records, error) = try readUntilError(bytes)
        #expect(records.count == line)
        let thrown = try #require(error)
        #expect(thrown.line == line + 1)
        #expect(thrown.column == String(line + 1).count + 2)
        #expect(thrown.message.contains("if the file is GB18030 (GBK), name that encoding") && thrown.remedy == .nameEncoding)
        // With the encoding given, it reads.
        #expect(try readAll(bytes, encoding: .gb18030).last?.fields == [String(line + 1), "张三"])
    }

    @Test("a GB18030 file larger than a chunk, read from disk")
    func largeGB18030File() throws {
        var text = "编号,姓名,备注\n"
        for index in 1...60_000 {
            text += "\(index),张三\(index),\"多行\n备注😀,\"\"引号\"\"\"\n"
        }
        let file = try TemporaryFile(bytes: try gb18030(text))
        defer { file.cleanUp() }
        let (records, encoding) = try readAll(path: file.path)
        #expect(encoding == .gb18030)
        try #require(records.count == 60_001)
        #expect(records[60_000].fields == ["60000", "张三60000", "多行\n备注😀,\"引号\""])
        #expect(records[60_000].line == 2 + 2 * 59_999)
        #expect(fields(records) == fields(try readAll(Array(text.utf8))))
    }

    @Test("encoding names and aliases", arguments: [
        ("utf8", TextEncoding.utf8), ("UTF-8", .utf8), (" utf-8 ", .utf8), ("Utf8", .utf8),
        ("gb18030", .gb18030), ("GB18030", .gb18030), ("gbk", .gb18030), ("GBK", .gb18030),
        ("gb2312", .gb18030), ("GB2312", .gb18030), ("cp936", .gb18030), ("CP936", .gb18030),
    ])
    func names(name: String, encoding: TextEncoding) {
        #expect(TextEncoding(name: name) == encoding)
    }

    @Test("unknown encoding names are rejected", arguments: ["", "latin1", "utf16", "big5", "gb", "utf 8"])
    func unknownNames(name: String) {
        #expect(TextEncoding(name: name) == nil)
    }

    @Test("raw values and Codable use the canonical names")
    func canonicalNames() throws {
        #expect(TextEncoding.allCases.map(\.rawValue) == ["utf8", "gb18030"])
        for encoding in TextEncoding.allCases {
            #expect(TextEncoding(name: encoding.rawValue) == encoding)
        }
        #expect(TextEncoding.acceptedNames.allSatisfy { TextEncoding(name: $0) != nil })
        let data = try JSONEncoder().encode([TextEncoding.gb18030])
        #expect(String(decoding: data, as: UTF8.self) == "[\"gb18030\"]")
    }
}

// MARK: - Chunk boundaries and streaming

@Suite("CSVReader: chunk boundaries")
struct CSVReaderChunkTests {
    static let chunkSizes = [1, 2, 3, 7, 64]

    static let inputs: [String] = [
        "a,b\r\n1,\"x\r\ny\"\r\n\r\n\"\"\"\",\"\"\r\n",
        "é,😀,中文\n\"𠀀,\"\"😀\"\"\",ñ\r\r\n\nlast",
        "\u{FEFF}h1,h2\n1,2",
        "a,b\r",
        String(repeating: "字段,\"引\"\"号\",😀\r\n", count: 40),
    ]

    @Test("csv-spectrum cases read the same at any chunk size",
          arguments: CSVFixtures.spectrumCases, chunkSizes)
    func spectrum(name: String, chunkSize: Int) throws {
        let bytes = try CSVFixtures.bytes("csv-spectrum/csvs/\(name).csv")
        let reference = try readUntilError(bytes)
        let chunked = try readUntilError(bytes, chunkSize: chunkSize)
        #expect(chunked.records == reference.records)
        #expect(chunked.error == reference.error)
    }

    @Test("encoding fixtures read the same at any chunk size", arguments: [
        "chinese-utf8.csv", "chinese-utf8-bom.csv", "chinese-gb18030.csv",
    ], chunkSizes)
    func encodings(file: String, chunkSize: Int) throws {
        let path = CSVFixtures.url("encodings/\(file)").path
        let reference = try readAll(path: path)
        let chunked = try readAll(path: path, chunkSize: chunkSize)
        #expect(chunked.records == reference.records)
        #expect(chunked.encoding == reference.encoding)
        #expect(fields(chunked.records) == CSVReaderEncodingTests.expectedChinese)
    }

    @Test("UTF-8 and GB18030 inputs read the same at any chunk size", arguments: inputs.indices, chunkSizes)
    func synthetic(index: Int, chunkSize: Int) throws {
        let text = Self.inputs[index]
        let reference = try readAll(text)
        #expect(try readAll(text, chunkSize: chunkSize) == reference)
        let gbBytes = try gb18030(text)
        #expect(try readAll(gbBytes, encoding: .gb18030, chunkSize: chunkSize) == reference)
    }

    @Test("a multi-byte character split at every possible offset")
    func splitCharacter() throws {
        for prefixLength in 0..<8 {
            let text = String(repeating: "x", count: prefixLength) + "😀中é," + "𠀀\n"
            for chunkSize in 1...6 {
                #expect(try readAll(text, chunkSize: chunkSize) == readAll(text),
                        "prefix \(prefixLength), chunk size \(chunkSize)")
                let gbBytes = try gb18030(text)
                #expect(try readAll(gbBytes, encoding: .gb18030, chunkSize: chunkSize) == readAll(text),
                        "GB18030, prefix \(prefixLength), chunk size \(chunkSize)")
            }
        }
    }

    @Test("a copy of a reader continues independently")
    func copiesAreIndependent() throws {
        let path = CSVFixtures.url("encodings/chinese-gb18030.csv").path
        var original = try CSVReader(path: path, encoding: nil, chunkSize: 5)
        _ = try original.next()
        var copy = original
        var fromOriginal: [CSVRecord] = []
        while let record = try original.next() { fromOriginal.append(record) }
        var fromCopy: [CSVRecord] = []
        while let record = try copy.next() { fromCopy.append(record) }
        #expect(fromOriginal == fromCopy)
        #expect(fields(fromCopy) == Array(CSVReaderEncodingTests.expectedChinese.dropFirst()))
    }

    @Test("a pipe (not seekable) is read sequentially, detection bytes included")
    func pipe() throws {
        var text = "编号,备注\n"
        for index in 1...5_000 { text += "\(index),\"第\(index)行\n续\"\n" }
        let bytes = try gb18030(text)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("CSVReaderTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pipe.csv").path
        try #require(mkfifo(path, 0o600) == 0)
        let writer = Thread {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(fd, buffer.baseAddress! + offset, min(4096, buffer.count - offset))
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(fd)
        }
        writer.start()
        let (records, encoding) = try readAll(path: path, chunkSize: 1000)
        #expect(encoding == .gb18030)
        #expect(fields(records) == fields(try readAll(text)))
    }

    @Test("a reader can be sent to another task")
    func sendable() async throws {
        let reader = try CSVReader(bytes: Array("a,b\n1,2\n".utf8))
        let count = try await Task.detached {
            var reader = reader
            var count = 0
            while try reader.next() != nil { count += 1 }
            return count
        }.value
        #expect(count == 2)
    }
}

@Suite("CSVReader: quotes inside unquoted fields")
struct BareQuoteTests {
    @Test("a quote inside an unquoted field is kept as data")
    func bareQuoteIsData() throws {
        var reader = try CSVReader(bytes: Array("a,b\nab\"c,37°36'37.8\"N\n".utf8))
        _ = try reader.next()
        let row = try #require(try reader.next())
        #expect(row.fields == ["ab\"c", "37°36'37.8\"N"])
        #expect(row.line == 2)
    }
}
