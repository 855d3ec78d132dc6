internal import CLibXML2
import Foundation

/// One XML part of a workbook, read node by node with libxml2's streaming reader (xmlTextReader).
///
/// Hostile input is refused as in XML filings (XMLFilingReader): a DOCTYPE stops the read before any
/// element is seen, so no DTD is used and no entity is declared for use or expanded; nothing is
/// fetched (NONET); libxml2's own limits on names and text stay on (no HUGE). Names are compared as
/// bytes, without making Strings, because a sheet has millions of nodes.
final class XMLPartReader {
    private let reader: xmlTextReaderPtr
    private let errors: ErrorBox
    let file: String
    let part: String

    /// Node types of xmlTextReaderNodeType that the workbook parsers use.
    enum Node {
        static let element: Int32 = 1
        static let text: Int32 = 3
        static let cdata: Int32 = 4
        static let documentType: Int32 = 10
        static let whitespace: Int32 = 13
        static let significantWhitespace: Int32 = 14
        static let endElement: Int32 = 15
    }

    /// Collects libxml2's first error for the message (and keeps libxml2 from printing to stderr).
    private final class ErrorBox {
        var first: String?
        var line: Int = 0
    }

    /// Reads `data` with a reader handed to `body`; the bytes stay valid while it runs.
    static func read<T>(_ data: Data, file: String, part: String, _ body: (XMLPartReader) throws -> T) throws -> T {
        try data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) throws -> T in
            guard buf.count < Int(Int32.max) else {
                throw WorkbookError(.entryTooLarge, file: file, part: part, words: .core(.workbookPartOver2GiB))
            }
            // libxml2 reads ahead of the node it hands out, so an entity used right after the DOCTYPE
            // can fail the read before the DOCTYPE node is seen; look at the prolog first.
            if declaresDoctype(buf) {
                throw WorkbookError(.doctype, file: file, part: part, words: .core(.workbookDoctype))
            }
            let base = buf.baseAddress?.assumingMemoryBound(to: CChar.self)
            let empty: [CChar] = [0]
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
            let made = empty.withUnsafeBufferPointer { e in
                xmlReaderForMemory(base ?? e.baseAddress, Int32(buf.count), part, nil, options)
            }
            guard let reader = made else {
                throw WorkbookError(.malformedXML, file: file, part: part, words: .core(.workbookCannotOpenPart))
            }
            let stream = XMLPartReader(reader: reader, file: file, part: part)
            defer { stream.close() }
            return try body(stream)
        }
    }

    private init(reader: xmlTextReaderPtr, file: String, part: String) {
        self.reader = reader
        self.file = file
        self.part = part
        self.errors = ErrorBox()
        xmlTextReaderSetStructuredErrorHandler(reader, { arg, error in
            guard let arg, let error else { return }
            let box = Unmanaged<ErrorBox>.fromOpaque(arg).takeUnretainedValue()
            if box.first == nil {
                box.first = error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "error"
                box.line = Int(error.pointee.line)
            }
        }, Unmanaged.passUnretained(errors).toOpaque())
    }

    private func close() {
        xmlFreeTextReader(reader)
    }

    /// Moves to the next node; false at the end of the part. Throws for a DOCTYPE or malformed XML.
    func next() throws -> Bool {
        let rc = xmlTextReaderRead(reader)
        if rc == 1 {
            if xmlTextReaderNodeType(reader) == Node.documentType { throw doctype() }
            return true
        }
        if rc == 0 { return false }
        throw malformed()
    }

    /// Skips the current element's subtree (to its end tag), as `next()` otherwise moves.
    func skipSubtree() throws -> Bool {
        let rc = xmlTextReaderNext(reader)
        if rc == 1 {
            if xmlTextReaderNodeType(reader) == Node.documentType { throw doctype() }
            return true
        }
        if rc == 0 { return false }
        throw malformed()
    }


    private func doctype() -> WorkbookError {
        WorkbookError(.doctype, file: file, part: part, words: .core(.workbookDoctype))
    }

    /// True when `<!DOCTYPE` comes before the first element in an ASCII-compatible part. (A part in
    /// UTF-16 is not seen here; the reader's node check refuses its DOCTYPE.)
    static func declaresDoctype(_ buf: UnsafeRawBufferPointer) -> Bool {
        let marker = Array("<!DOCTYPE".utf8)
        var i = 0
        let n = buf.count
        while i < n {
            guard buf[i] == UInt8(ascii: "<"), i + 1 < n else { i += 1; continue }
            let next = buf[i + 1]
            if next == UInt8(ascii: "!") {
                if i + marker.count <= n, (0..<marker.count).allSatisfy({ buf[i + $0] == marker[$0] }) { return true }
            } else if next != UInt8(ascii: "?") {
                return false // the first element: no DOCTYPE may follow it
            }
            i += 2
        }
        return false
    }

    private func malformed() -> WorkbookError {
        // libxml2 reports an undeclared entity or a DTD it refused as an ordinary error; keep the kind right.
        let message: Message.Argument = .message(errors.first.map(Message.text) ?? .core(.workbookNotWellFormed))
        return WorkbookError(.malformedXML, file: file, part: part, words: .core(.workbookXMLLine, ["line": .integer(errors.line), "problem": message]))
    }

    var nodeType: Int32 { xmlTextReaderNodeType(reader) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// True when the current node's local name (prefix ignored) is `name`.
    func named(_ name: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader) else { return false }
        return strcmp(UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// The text of the current text node.
    var value: String {
        guard let v = xmlTextReaderConstValue(reader) else { return "" }
        return String(cString: UnsafeRawPointer(v).assumingMemoryBound(to: CChar.self))
    }

    /// True for the node types that carry character data.
    var isText: Bool {
        let t = nodeType
        return t == Node.text || t == Node.cdata || t == Node.significantWhitespace || t == Node.whitespace
    }

    /// Calls `body` with the local name and the value bytes of each attribute of the current element
    /// (prefixes ignored), then returns to the element.
    func attributes(_ body: (UnsafePointer<CChar>, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return }
        defer { xmlTextReaderMoveToElement(reader) }
        repeat {
            if let name = xmlTextReaderConstLocalName(reader) {
                let v = xmlTextReaderConstValue(reader)
                let bytes = v.map { UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))) }
                    ?? UnsafeBufferPointer(start: nil, count: 0)
                try body(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), bytes)
            }
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
    }

    /// The attributes of the current element as local name → value; for the small parts only.
    func attributeMap() -> [String: String] {
        var out: [String: String] = [:]
        attributes { name, value in out[String(cString: name)] = String(decoding: value, as: UTF8.self) }
        return out
    }
}

/// True when a C string equals a static name.
@inline(__always)
func isName(_ c: UnsafePointer<CChar>, _ name: StaticString) -> Bool {
    strcmp(c, UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
}
