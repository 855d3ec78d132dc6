import Foundation
import Testing
@testable @_spi(Fuzzing) import Core

/// Hostile and broken workbooks (docs/excel.md, "Limits"): each is refused with its kind, the file
/// and, once inside the zip, the part. No timing asserts: each fixture is built so that only its
/// guard stops it, and without the guard the read would run away or succeed.
@Suite("Workbook reader: hostile workbooks are refused")
struct WorkbookHostileTests {
    /// Opens the fixture and reads every sheet; returns the refusal.
    static func refusal(_ name: String, limits: WorkbookLimits = .default) -> WorkbookError? {
        do {
            var reader = try XLSXFixtures.open(name, limits: limits)
            for sheet in reader.sheets { try reader.readSheet(sheet) { _ in } }
            return nil
        } catch let error as WorkbookError {
            return error
        } catch {
            Issue.record("not a WorkbookError: \(error)")
            return nil
        }
    }

    @Test("a file that is not a zip", arguments: ["not-a-zip.xlsx"])
    func notZip(name: String) {
        let e = Self.refusal(name)
        #expect(e?.kind == .notAWorkbook)
        #expect(e?.remedy == .checkFile)
        #expect(e?.file == name)
    }

    /// openpyxl's workbook of five codes and a last row holding 企业, its sheet's declaration rewritten to
    /// `encoding="US-ASCII"`: libxml2 stops converting at the first non-ASCII byte (the fuzzing run's
    /// "input conversion failed"). A sheet cut there must not pass for a whole one with fewer rows.
    @Test("a part that declares one encoding and holds another is refused, not read up to the bad bytes")
    func wrongEncoding() {
        #expect(Self.refusal("wrong-encoding.xlsx")?.kind == .malformedXML)
    }

    @Test("a zip without a workbook part")
    func noWorkbook() {
        #expect(Self.refusal("no-workbook.xlsx")?.kind == .notAWorkbook)
    }

    @Test("an encrypted workbook is said to be password protected")
    func encrypted() {
        let e = Self.refusal("encrypted.xlsx")
        #expect(e?.kind == .encrypted)
        #expect(e?.remedy == .removePassword)
        #expect(e?.errorDescription?.contains("password") == true)
    }

    @Test("an OLE file without EncryptedPackage is a legacy .xls, whatever its extension")
    func oleLegacy() {
        let e = Self.refusal("legacy-biff.xlsx")
        #expect(e?.kind == .legacyFormat)
        #expect(e?.remedy == .saveAsXLSX)
        #expect(e?.errorDescription?.contains(".xlsx") == true)
    }

    @Test(".xls and .et are refused by extension with the advice to save as .xlsx", arguments: ["legacy.xls", "legacy.et"])
    func legacyExtension(name: String) {
        let e = Self.refusal(name)
        #expect(e?.kind == .legacyFormat)
        #expect(e?.remedy == .saveAsXLSX)
    }

    @Test("a zip bomb is stopped by the ratio while inflating")
    func bombRatio() {
        let e = Self.refusal("bomb.xlsx")
        #expect(e?.kind == .compressionRatio)
        #expect(e?.part == "xl/worksheets/sheet1.xml")
    }

    @Test("the same bomb, the ratio allowed, is stopped by the entry size")
    func bombSize() {
        var limits = WorkbookLimits()
        limits.maxCompressionRatio = 1 << 40
        limits.maxEntryBytes = 16 << 20
        #expect(Self.refusal("bomb.xlsx", limits: limits)?.kind == .entryTooLarge)
    }

    @Test("the same bomb, ratio and entry size allowed, is stopped by the total")
    func bombTotal() {
        var limits = WorkbookLimits()
        limits.maxCompressionRatio = 1 << 40
        limits.maxTotalBytes = 8 << 20
        #expect(Self.refusal("bomb.xlsx", limits: limits)?.kind == .totalTooLarge)
    }

    @Test("a DOCTYPE in any part is refused before any entity is used", arguments: [
        ("doctype-workbook.xlsx", "xl/workbook.xml"), ("doctype-sharedstrings.xlsx", "xl/sharedStrings.xml"),
        ("doctype-sheet.xlsx", "xl/worksheets/sheet1.xml"), ("doctype-styles.xlsx", "xl/styles.xml"),
        ("doctype-rels.xlsx", "_rels/.rels"), ("doctype-external.xlsx", "xl/sharedStrings.xml"),
    ])
    func doctype(name: String, part: String) {
        let e = Self.refusal(name)
        #expect(e?.kind == .doctype)
        #expect(e?.part == part)
    }

    @Test("1.5 million empty styled rows: the guard on the ratio passed, rows stop at Excel's grid")
    func emptyRowsGrid() {
        var limits = WorkbookLimits()
        limits.maxCompressionRatio = 1 << 40
        #expect(Self.refusal("empty-rows.xlsx", limits: limits)?.kind == .beyondGrid)
    }

    @Test("empty styled rows count as scanned cells")
    func emptyRowsScanned() {
        var limits = WorkbookLimits()
        limits.maxCompressionRatio = 1 << 40
        limits.maxCellsScanned = 100_000
        #expect(Self.refusal("empty-rows.xlsx", limits: limits)?.kind == .tooManyCells)
    }

    @Test("with the default limits the empty rows are refused too (by the ratio: they compress 600-fold)")
    func emptyRowsDefault() {
        #expect(Self.refusal("empty-rows.xlsx")?.kind == .compressionRatio)
    }

    @Test("a merged range over the whole grid is stopped by the cells it would fill")
    func hugeMerge() {
        var limits = WorkbookLimits()
        limits.maxCellsScanned = 50_000
        #expect(Self.refusal("huge-merge.xlsx", limits: limits)?.kind == .tooManyCells)
    }

    @Test("a shared-string table beyond the count or the bytes limit")
    func sharedStrings() {
        var count = WorkbookLimits()
        count.maxSharedStrings = 50_000
        #expect(Self.refusal("many-strings.xlsx", limits: count)?.kind == .tooManySharedStrings)
        var bytes = WorkbookLimits()
        bytes.maxSharedStringBytes = 10_000
        #expect(Self.refusal("many-strings.xlsx", limits: bytes)?.kind == .tooManySharedStrings)
        #expect(Self.refusal("many-strings.xlsx") == nil)
    }

    @Test("zip entries with '..' or absolute paths, and targets that climb out", arguments: ["unsafe-entry.xlsx", "absolute-entry.xlsx", "unsafe-target.xlsx"])
    func unsafePaths(name: String) {
        #expect(Self.refusal(name)?.kind == .unsafePath)
    }

    @Test("a corrupt deflate stream is refused, not read as garbage")
    func corrupt() {
        let kind = Self.refusal("truncated.xlsx")?.kind
        #expect(kind == .corruptEntry || kind == .malformedXML)
    }

    @Test("too many zip entries")
    func tooManyEntries() {
        var limits = WorkbookLimits()
        limits.maxEntries = 3
        #expect(Self.refusal("miit-list.xlsx", limits: limits)?.kind == .tooManyEntries)
    }

    @Test("too many merged ranges")
    func tooManyMerges() {
        var limits = WorkbookLimits()
        limits.maxMergedRanges = 2
        #expect(Self.refusal("miit-list.xlsx", limits: limits)?.kind == .tooManyMerges)
    }

    @Test("malformed sheets: bad references, rows out of order, unknown shared strings, text as a number", arguments: [
        #"<row r="1"><c r="1A"><v>1</v></c></row>"#,
        #"<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>"#,
        #"<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>"#,
        #"<row r="1"><c r="A2"><v>1</v></c></row>"#,
        #"<row r="1"><c r="A1" t="s"><v>99</v></c></row>"#,
        #"<row r="1"><c r="A1"><v>abc</v></c></row>"#,
        #"<row r="x"/>"#,
        #"<row r="1"><c r="A1"><v>1</v></row>"#,
    ])
    func malformed(sheetData: String) throws {
        let sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"# + sheetData + "</sheetData></worksheet>"
        let reader = SheetReader(file: "f.xlsx", part: "xl/worksheets/sheet1.xml", sharedStrings: [], dateStyles: [], date1904: false, limits: .default)
        var scanned = 0
        #expect {
            try reader.read(Data(sheet.utf8), scanned: &scanned) { _ in }
        } throws: { ($0 as? WorkbookError)?.kind == .malformedXML }
    }

    @Test("a cell beyond column XFD")
    func beyondColumn() {
        let sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>"#
        let reader = SheetReader(file: "f.xlsx", part: "p", sharedStrings: [], dateStyles: [], date1904: false, limits: .default)
        var scanned = 0
        #expect {
            try reader.read(Data(sheet.utf8), scanned: &scanned) { _ in }
        } throws: { ($0 as? WorkbookError)?.kind == .beyondGrid }
    }

    @Test("the fuzz entry point takes the fixtures, hostile ones included, without crashing")
    func fuzzEntry() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: XLSXFixtures.root.path).sorted() {
            FuzzEntryPoints.xlsx(Array(try Data(contentsOf: XLSXFixtures.root.appendingPathComponent(name))))
        }
    }
}

@Suite("Workbook reader: the XML part reader")
struct XMLPartReaderTests {
    @Test("a DOCTYPE in a UTF-16 part, past the prolog check, is refused by the node check")
    func utf16Doctype() {
        let text = #"<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE sst [<!ENTITY e "x">]><sst><si><t>&e;</t></si></sst>"#
        var data = Data([0xFF, 0xFE])
        for unit in text.utf16 { data.append(UInt8(unit & 0xFF)); data.append(UInt8(unit >> 8)) }
        #expect {
            _ = try XMLPartReader.read(data, file: "f.xlsx", part: "xl/sharedStrings.xml") { xml in
                while try xml.next() {}
            }
        } throws: { ($0 as? WorkbookError)?.kind == .doctype }
    }

    @Test("the prolog check finds a DOCTYPE after a declaration and comments, never after the root")
    func prolog() {
        func check(_ s: String) -> Bool { Data(s.utf8).withUnsafeBytes { XMLPartReader.declaresDoctype($0) } }
        #expect(check(#"<?xml version="1.0"?><!-- c --><!DOCTYPE x><x/>"#))
        #expect(!check(#"<?xml version="1.0"?><x><t>&lt;!DOCTYPE</t></x>"#))
        #expect(!check(#"<x/><!DOCTYPE x>"#))
    }

    @Test("an undeclared entity is malformed XML, not expanded")
    func undeclaredEntity() {
        #expect {
            _ = try XMLPartReader.read(Data("<sst><si><t>&e;</t></si></sst>".utf8), file: "f", part: "p") { xml in while try xml.next() {} }
        } throws: { ($0 as? WorkbookError)?.kind == .malformedXML }
    }
}

@Suite("Workbook reader: deflate streams that run past their entry")
struct WorkbookRunawayTests {
    @Test("a deflate stream that does not end within its entry is refused, not read on to the end of the file")
    func runaway() {
        #expect(WorkbookHostileTests.refusal("runaway-deflate.xlsx")?.kind == .corruptEntry)
    }
}

/// Replays fuzz/regressions/xlsx through the fuzz target's entry point (FuzzRegressionTests does the
/// same for xml, csv and uscc; the lead may fold this in there).
@Suite("Fuzzing regressions: xlsx")
struct WorkbookFuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz/regressions/xlsx")
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()

    @Test("every committed xlsx regression input runs through FuzzEntryPoints.xlsx", arguments: inputs)
    func replay(input: String) throws {
        FuzzEntryPoints.xlsx(Array(try Data(contentsOf: Self.root.appendingPathComponent(input))))
    }

    @Test("there is at least one")
    func present() { #expect(!Self.inputs.isEmpty) }
}

@Suite("Workbook reader: more guards")
struct WorkbookGuardTests {
    static func temp(_ bytes: [UInt8], ext: String = "xlsx") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-guard-\(UUID().uuidString).\(ext)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a file that starts like a zip but is none")
    func fakeZip() throws {
        let path = try Self.temp(Array("PK\u{3}\u{4}not really a zip".utf8))
        defer { unlink(path) }
        #expect { _ = try WorkbookReader(path: path) } throws: { ($0 as? WorkbookError)?.kind == .notAWorkbook }
    }

    @Test("an .xlsm is read as data like an .xlsx")
    func xlsm() throws {
        let path = try Self.temp(Array(try Data(contentsOf: URL(fileURLWithPath: XLSXFixtures.path("miit-list.xlsx")))), ext: "xlsm")
        defer { unlink(path) }
        var reader = try WorkbookReader(path: path)
        #expect(try reader.rows(of: reader.sheets[0]).count == 10)
    }

    @Test("a deflated entry larger than the part limit even compressed is refused before inflating")
    func compressedTooLarge() {
        var limits = WorkbookLimits()
        limits.maxEntryBytes = 32 << 10
        let e = WorkbookHostileTests.refusal("bomb.xlsx", limits: limits)
        #expect(e?.kind == .entryTooLarge)
        #expect(e?.detail.contains("even compressed") == true)
    }

    @Test("a stored entry that claims more bytes than the file holds stops at the end of the file")
    func storedOverlong() {
        let e = WorkbookHostileTests.refusal("stored-overlong.xlsx")
        #expect(e?.kind == .corruptEntry)
        // Stopped at the first empty read, not after reading on (emptily) to the claimed size.
        #expect(e?.detail.contains("ends before its stated size") == true)
    }

    @Test("paths that leave the package", arguments: ["/etc/passwd", "\\evil", "C:/evil", "xl/../../evil", "..", ""])
    func uncontained(path: String) {
        #expect(!WorkbookPackage.isContained(path))
    }

    @Test("paths inside the package", arguments: ["xl/workbook.xml", "[Content_Types].xml", "xl/..x/y", "a..b"])
    func contained(path: String) {
        #expect(WorkbookPackage.isContained(path))
    }

    @Test("malformed merges: no ref, not a range, beyond the grid", arguments: [
        (#"<mergeCell/>"#, WorkbookError.Kind.malformedXML), (#"<mergeCell ref="A1:ZZ"/>"#, .malformedXML), (#"<mergeCell ref="A1:XFE2"/>"#, .beyondGrid),
    ])
    func badMerges(cell: String, kind: WorkbookError.Kind) {
        let data = WorkbookMergeTests.sheet("<mergeCells>\(cell)</mergeCells>")
        #expect { try WorkbookMergeTests.reader.mergedRanges(data) } throws: { ($0 as? WorkbookError)?.kind == kind }
    }

    @Test("a cell outside any row")
    func cellOutsideRow() {
        let sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><c r="A1"><v>1</v></c></sheetData></worksheet>"#
        var scanned = 0
        #expect {
            try WorkbookMergeTests.reader.read(Data(sheet.utf8), scanned: &scanned) { _ in }
        } throws: { ($0 as? WorkbookError)?.kind == .malformedXML }
    }
}
