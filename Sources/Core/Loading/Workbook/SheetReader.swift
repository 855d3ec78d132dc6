import Foundation

/// One worksheet part read row by row with the streaming reader, its merged ranges filled.
///
/// The merge list (`<mergeCells>`) follows `<sheetData>` in the part, so it is read first in a pass
/// that skips the rows, and only when the bytes after the last `sheetData` mention `mergeCell` at all;
/// the second pass yields the rows. Only rows with a value are yielded; the cells scanned, styled
/// but empty ones included, count against `maxCellsScanned`.
struct SheetReader {
    /// A merged range, 1-based and inclusive.
    struct Merge: Hashable {
        var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
    }

    let file: String
    let part: String
    let sharedStrings: [String]
    let dateStyles: [Bool]
    let date1904: Bool
    let limits: WorkbookLimits

    /// Reads the sheet; `scanned` carries the workbook's count of cells scanned across sheets.
    func read(_ data: Data, scanned: inout Int, row emit: (WorkbookRow) throws -> Void) throws {
        let merges = try mergedRanges(data)
        var filler = MergeFiller(merges: merges)
        try XMLPartReader.read(data, file: file, part: part) { xml in
            var rowNumber = 0
            var cells: [Cell] = []
            var inRow = false

            // Cell state.
            var column = 0
            var cellType: CellKind = .number
            var style = 0
            var text = ""
            var collecting = false, inCell = false, inInline = false, phoneticDepth = 0
            var hasValue = false

            func flush() throws {
                guard inRow else { return }
                inRow = false
                try filler.emitCoveredRows(before: rowNumber, scanned: &scanned, limit: limits.maxCellsScanned, error: cellLimit, emit)
                try filler.fill(row: rowNumber, cells: &cells, scanned: &scanned, limit: limits.maxCellsScanned, error: cellLimit)
                if !cells.isEmpty { try emit(WorkbookRow(number: rowNumber, cells: cells)) }
                cells.removeAll(keepingCapacity: true)
            }

            while try xml.next() {
                let type = xml.nodeType
                if type == XMLPartReader.Node.element {
                    if inCell {
                        if xml.named("v") {
                            collecting = !xml.isEmptyElement; text = ""; hasValue = true
                        } else if xml.named("is") {
                            inInline = true; text = ""; hasValue = true
                        } else if inInline, xml.named("rPh") {
                            if !xml.isEmptyElement { phoneticDepth += 1 }
                        } else if inInline, xml.named("t") {
                            collecting = phoneticDepth == 0 && !xml.isEmptyElement
                        }
                        // <f> (the formula) is not read: its cached result is in <v>.
                    } else if xml.named("c") {
                        guard inRow else { throw malformed(.core(.sheetCellOutsideRow)) }
                        scanned += 1
                        if scanned > limits.maxCellsScanned { throw cellLimit() }
                        var ref: (row: Int, column: Int)?
                        var badRef = false
                        cellType = .number
                        style = 0
                        xml.attributes { name, value in
                            if isName(name, "r") {
                                ref = CellReference.parse(utf8: value)
                                badRef = ref == nil
                            } else if isName(name, "t") {
                                cellType = CellKind(value)
                            } else if isName(name, "s") {
                                style = SheetReader.integer(value) ?? 0
                            }
                        }
                        if badRef { throw malformed(.core(.sheetBadCellReference, ["row": .integer(rowNumber)])) }
                        // WPS and some generators leave out r: the cell follows the previous one.
                        column = ref?.column ?? column + 1
                        if let ref, ref.row != rowNumber { throw malformed(.core(.sheetCellInOtherRow, ["cell": .text(CellReference.name(row: ref.row, column: ref.column)), "row": .integer(rowNumber)])) }
                        guard column <= CellReference.maxColumn else {
                            throw WorkbookError(.beyondGrid, file: file, part: part, words: .core(.workbookBeyondColumn, ["row": .integer(rowNumber)]))
                        }
                        if let last = cells.last, last.column >= column { throw malformed(.core(.sheetCellsOutOfOrder, ["row": .integer(rowNumber)])) }
                        text = ""; hasValue = false; collecting = false; inInline = false; phoneticDepth = 0
                        inCell = !xml.isEmptyElement
                    } else if xml.named("row") {
                        try flush()
                        var r: Int?
                        var bad = false
                        xml.attributes { name, value in
                            if isName(name, "r") {
                                r = Int(String(decoding: value, as: UTF8.self))
                                bad = r == nil || r! < 1
                            }
                        }
                        if bad { throw malformed(.core(.sheetBadRowNumber)) }
                        let next = r ?? rowNumber + 1
                        guard next > rowNumber else { throw malformed(.core(.sheetRowOrder, ["next": .integer(next), "row": .integer(rowNumber)])) }
                        guard next <= CellReference.maxRow else {
                            throw WorkbookError(.beyondGrid, file: file, part: part, words: .core(.workbookBeyondRow, ["row": .integer(CellReference.maxRow)]))
                        }
                        rowNumber = next
                        column = 0
                        inRow = !xml.isEmptyElement
                        if !inRow {
                            // An empty <row/> still counts: a sheet of a million of them is scanned.
                            scanned += 1
                            if scanned > limits.maxCellsScanned { throw cellLimit() }
                        }
                    }
                } else if type == XMLPartReader.Node.endElement {
                    if inCell {
                        if xml.named("c") {
                            inCell = false
                            if hasValue, let value = try cellValue(cellType, text, style: style, row: rowNumber, column: column) {
                                cells.append(Cell(row: rowNumber, column: column, value: value))
                            }
                        } else if xml.named("v") || xml.named("t") {
                            collecting = false
                        } else if xml.named("rPh") {
                            phoneticDepth = max(0, phoneticDepth - 1)
                        } else if xml.named("is") {
                            inInline = false
                        }
                    } else if xml.named("row") {
                        try flush()
                    } else if xml.named("sheetData") {
                        // Nothing after the rows matters here (merges were read in the first pass).
                        break
                    }
                } else if collecting, xml.isText {
                    text += xml.value
                }
            }
            try flush()
            try filler.emitCoveredRows(before: CellReference.maxRow + 1, scanned: &scanned, limit: limits.maxCellsScanned, error: cellLimit, emit)
        }
    }

    /// The cell types of the `t` attribute.
    enum CellKind {
        case number, sharedString, inlineString, formulaString, bool, error, isoDate
        /// From the attribute's bytes, without making a String (a sheet has a `t` on most cells).
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            func equals(_ word: StaticString) -> Bool {
                bytes.count == word.utf8CodeUnitCount && memcmp(bytes.baseAddress!, word.utf8Start, bytes.count) == 0
            }
            if bytes.isEmpty { self = .number }
            else if equals("s") { self = .sharedString }
            else if equals("str") { self = .formulaString }
            else if equals("inlineStr") { self = .inlineString }
            else if equals("b") { self = .bool }
            else if equals("e") { self = .error }
            else if equals("d") { self = .isoDate }
            else { self = .number }
        }
    }

    /// A non-negative decimal integer from bytes (a style index), nil if it is none or too long.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var n = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }

    private func cellValue(_ kind: CellKind, _ text: String, style: Int, row: Int, column: Int) throws -> CellValue? {
        switch kind {
        case .sharedString:
            guard let i = Int(text) ?? Int(text.trimmingCharacters(in: .whitespaces)), i >= 0, i < sharedStrings.count else {
                throw malformed(.core(.sheetNoSharedString, ["cell": .text(CellReference.name(row: row, column: column)), "index": .text(text)]))
            }
            let s = sharedStrings[i]
            return s.isEmpty ? nil : .text(s)
        case .inlineString, .formulaString:
            let s = InlineText.unescape(text)
            return s.isEmpty ? nil : .text(s)
        case .bool:
            return .bool(text.trimmingCharacters(in: .whitespaces) == "1" || text == "true")
        case .error:
            return .error(text)
        case .isoDate:
            // Strict OOXML writes dates as ISO 8601 text; the day is kept.
            return Day(String(text.prefix(10))).map { .date($0) } ?? .text(text)
        case .number:
            // Excel writes bare numbers; only other writers pad them.
            guard let n = Double(text) ?? Double(text.trimmingCharacters(in: .whitespaces)) else {
                let t = text.trimmingCharacters(in: .whitespaces)
                if t.isEmpty { return nil }
                throw malformed(.core(.sheetNotNumber, ["cell": .text(CellReference.name(row: row, column: column)), "value": .text(t)]))
            }
            if style >= 0, style < dateStyles.count, dateStyles[style], let date = ExcelDate.value(serial: n, date1904: date1904) {
                return date
            }
            return .number(n)
        }
    }

    /// The merged ranges. When the bytes after the last `sheetData` hold a `mergeCells` element, that
    /// element alone is parsed (wrapped in a root that declares its prefix): a pass over the whole part
    /// would cost a fifth of the read (docs/excel.md). Should the slice not parse, the whole part is
    /// read instead, so a refusal names the real fault.
    func mergedRanges(_ data: Data) throws -> [Merge] {
        let tailStart = data.range(of: Data("sheetData".utf8), options: .backwards)?.upperBound ?? data.startIndex
        guard let hit = data.range(of: Data("mergeCells".utf8), in: tailStart..<data.endIndex),
              let open = data[tailStart..<hit.lowerBound].lastIndex(of: UInt8(ascii: "<")) else { return [] }
        let prefix = Data(data[(open + 1)..<hit.lowerBound])
        guard prefix.isEmpty || (prefix.last == UInt8(ascii: ":") && !prefix.dropLast().isEmpty && !prefix.contains(UInt8(ascii: " "))),
              let gt = data[hit.upperBound...].firstIndex(of: UInt8(ascii: ">")) else {
            return try mergedRangesByFullPass(data)
        }
        if data[gt - 1] == UInt8(ascii: "/") { return [] } // <mergeCells count="0"/>
        guard let close = data.range(of: Data("</".utf8) + prefix + Data("mergeCells>".utf8), in: gt..<data.endIndex) else {
            return try mergedRangesByFullPass(data)
        }
        let declaration = prefix.isEmpty ? "" : #" xmlns:\#(String(decoding: prefix.dropLast(), as: UTF8.self))="urn:regctl:merges""#
        var slice = Data("<merges\(declaration)>".utf8)
        slice.append(data[open..<close.upperBound])
        slice.append(Data("</merges>".utf8))
        do {
            return try parseMerges(slice)
        } catch is WorkbookError {
            return try mergedRangesByFullPass(data)
        }
    }

    /// The merged ranges by a pass over the whole part that skips the rows.
    func mergedRangesByFullPass(_ data: Data) throws -> [Merge] {
        try parseMerges(data)
    }

    private func parseMerges(_ data: Data) throws -> [Merge] {
        try XMLPartReader.read(data, file: file, part: part) { xml in
            var merges: [Merge] = []
            var more = try xml.next()
            while more {
                if xml.nodeType == XMLPartReader.Node.element {
                    if xml.named("sheetData") {
                        more = try xml.skipSubtree()
                        continue
                    }
                    if xml.named("mergeCell") {
                        guard let ref = xml.attributeMap()["ref"] else { throw malformed(.core(.sheetMergeWithoutRef)) }
                        let ends = ref.split(separator: ":")
                        guard let first = ends.first, let a = CellReference.parse(String(first)), let b = CellReference.parse(String(ends.last ?? first)) else {
                            throw malformed(.core(.sheetBadMerge, ["range": .text(ref)]))
                        }
                        guard max(a.row, b.row) <= CellReference.maxRow, max(a.column, b.column) <= CellReference.maxColumn else {
                            throw WorkbookError(.beyondGrid, file: file, part: part, words: .core(.workbookMergeBeyondGrid, ["range": .text(ref)]))
                        }
                        merges.append(Merge(firstRow: min(a.row, b.row), firstColumn: min(a.column, b.column), lastRow: max(a.row, b.row), lastColumn: max(a.column, b.column)))
                        if merges.count > limits.maxMergedRanges {
                            throw WorkbookError(.tooManyMerges, file: file, part: part, words: .core(.workbookTooManyMerges, ["limit": .integer(limits.maxMergedRanges)]))
                        }
                    }
                }
                more = try xml.next()
            }
            return merges
        }
    }

    private func malformed(_ what: Message) -> WorkbookError {
        WorkbookError(.malformedXML, file: file, part: part, words: what)
    }

    private func cellLimit() -> WorkbookError {
        WorkbookError(.tooManyCells, file: file, part: part, words: .core(.workbookTooManyCells, ["limit": .integer(limits.maxCellsScanned)]))
    }
}
