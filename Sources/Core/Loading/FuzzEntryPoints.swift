import Foundation

/// The code paths the fuzzers drive (Sources/Fuzz*/, docs/reliability.md): each takes arbitrary bytes,
/// must never crash, hang or leak, and reports nothing. Kept in Core so that the regression tests run
/// the very same functions on the corpus of past findings.
@_spi(Fuzzing) public enum FuzzEntryPoints {
    /// Parses bytes as an XML filing and validates every record.
    public static func xml(_ bytes: [UInt8]) {
        let path = scratchFile(bytes, suffix: "xml")
        defer { unlink(path) }
        let validator = RecordValidator()
        try? XMLFilingReader(path: path, displayName: "fuzz.xml").read(header: { _, _ in }, record: { raw in
            _ = validator.validate(raw)
        })
    }

    /// Parses bytes as CSV (encoding detected), then validates each row as a firm record against the header.
    public static func csv(_ bytes: [UInt8]) {
        guard var reader = try? CSVReader(bytes: bytes) else { return }
        let validator = RecordValidator(acceptBadUSCC: true)
        var header: [String]?
        while let row = try? reader.next() {
            guard let names = header else {
                header = row.fields
                continue
            }
            var fields: [String: String] = [:]
            for (i, v) in row.fields.enumerated() where i < names.count { fields[names[i]] = v }
            _ = validator.validate(RawRecord(kind: .firm, fields: fields, line: row.line))
        }
    }

    /// Normalises and checks bytes as a USCC; a code that passes must agree with its own check character.
    public static func uscc(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let code = USCC.normalize(text)
        if USCC.problem(code) == nil {
            let computed = USCC.checkCharacter(for: String(code.prefix(17)))
            precondition(computed == code.last, "USCC \(code) passes but its check character disagrees")
            precondition(USCC.divisionCode(code) != nil)
        }
        _ = FilingText.nameKey(text)
        _ = Day(text)
        _ = Money(yuan: text)
    }

    private static func scratchFile(_ bytes: [UInt8], suffix: String) -> String {
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array("\(dir)/regctl-fuzz-XXXXXX.\(suffix)".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count + 1)) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return path
    }
}
