internal import CLibXML2
import Foundation

/// Streams an XML filing through libxml2's SAX2 interface, one record at a time.
///
/// No tree is built and memory does not grow with the file. Hostile input is refused rather than
/// tamed: any DOCTYPE stops the parse (so no DTD is loaded, no entity is declared or expanded and
/// nothing outside the file is fetched), records may not nest, and libxml2's own size limits stay on.
package struct XMLFilingReader {
    /// The namespace of filing format version 1.
    package static let namespace = "urn:regctl:filing:1"
    /// `namespace` as a C string, for comparing libxml2's URIs without making a String of each.
    fileprivate static let namespaceBytes: [CChar] = Array(namespace.utf8CString)

    /// Bytes handed to libxml2 per call; a balance between call overhead and memory.
    static let chunkSize = InputFile.chunkSize

    package let path: String
    /// Name used in messages (the path as the user gave it).
    package let displayName: String

    package init(path: String, displayName: String? = nil) {
        self.path = path
        self.displayName = displayName ?? path
    }

    /// Reads the file, calling `header` once for the root element and `record` for each record in
    /// document order. Throws `LoadError.refused` for a malformed or hostile document, and rethrows
    /// whatever the callbacks throw.
    /// `progress`, when given, is called with the number of bytes handed to the parser so far, after
    /// each chunk.
    package func read(
        header: (FilingHeader, Int) throws -> Void,
        record: (RawRecord) throws -> Void,
        progress: ((Int) -> Void)? = nil,
        digest: ContentDigest? = nil
    ) throws {
        var file = try InputFile(path: path, displayName: displayName, digest: digest, chunkSize: XMLFilingReader.chunkSize)
        try withoutActuallyEscaping(header) { header in
            try withoutActuallyEscaping(record) { record in
                let state = SAXState(file: displayName, header: header, record: record)
                try parse(&file, state, progress: progress)
            }
        }
    }

    private func parse(_ file: inout InputFile, _ state: SAXState, progress: ((Int) -> Void)?) throws {
        regctl_xml_silence_generic_errors()
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = saxStartElement
        sax.endElementNs = saxEndElement
        sax.characters = saxCharacters
        sax.cdataBlock = saxCharacters
        sax.internalSubset = saxInternalSubset
        sax.externalSubset = saxInternalSubset
        sax.entityDecl = saxEntityDecl
        sax.serror = saxStructuredError
        sax.warning = nil
        sax.error = nil
        sax.fatalError = nil

        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        // The first bytes let libxml2 see the encoding before the parser exists.
        let (created, firstCount) = try file.next(limit: 4) { buf in
            (xmlCreatePushParserCtxt(&sax, unmanaged.toOpaque(), buf.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buf.count), displayName), buf.count)
        }
        guard let ctxt = created else {
            throw LoadError.unreadable(file: displayName, reason: .noXMLParser)
        }
        defer {
            xmlFreeParserCtxt(ctxt)
        }
        state.context = ctxt
        // NONET: never fetch anything. No NOENT, DTDLOAD, DTDATTR or HUGE: entities are not substituted,
        // no DTD is read, and libxml2's limits on text and names stay in force.
        _ = xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))

        if firstCount == 0 {
            throw LoadError.refused(file: displayName, diagnostics: [Diagnostic(file: displayName, line: 1, kind: "xml", problem: .empty, words: .core(.xmlEmpty))], omitted: 0, remedies: [])
        }
        var done = false
        var rc: Int32 = 0
        while !done {
            rc = try file.next { buf in
                done = buf.isEmpty
                return xmlParseChunk(ctxt, buf.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buf.count), done ? 1 : 0)
            }
            let fed = file.bytesRead
            if let error = state.thrown { throw error }
            if state.failure != nil || rc != 0 { break }
            progress?(fed)
        }
        if let error = state.thrown { throw error }
        if let failure = state.failure {
            throw LoadError.refused(file: displayName, diagnostics: [failure], omitted: 0, remedies: [])
        }
        // Some failures (an encoding that cannot be converted, an I/O error) stop the parser without
        // passing through the structured handler: never take a stopped parse for a finished one.
        if rc != 0 || ctxt.pointee.errNo != 0 || ctxt.pointee.disableSAX != 0 {
            let words: Message
            if let last = xmlCtxtGetLastError(ctxt), let m = last.pointee.message {
                words = .core(.xmlCutShortSaying, ["parser": .text(String(cString: m).trimmingCharacters(in: .whitespacesAndNewlines))])
            } else {
                words = .core(.xmlCutShort, ["code": .text(String(rc != 0 ? rc : ctxt.pointee.errNo))])
            }
            throw LoadError.refused(file: displayName, diagnostics: [Diagnostic(file: displayName, line: Int(xmlSAX2GetLineNumber(ctxt)), kind: "xml", problem: .malformed, words: words)], omitted: 0, remedies: [])
        }
        if ctxt.pointee.wellFormed == 0 {
            throw LoadError.refused(file: displayName, diagnostics: [Diagnostic(file: displayName, line: Int(xmlSAX2GetLineNumber(ctxt)), kind: "xml", problem: .malformed, words: .core(.xmlNotWellFormed))], omitted: 0, remedies: [])
        }
        if !state.sawRoot {
            throw LoadError.refused(file: displayName, diagnostics: [Diagnostic(file: displayName, line: 1, kind: "xml", problem: .malformed, words: .core(.xmlNoRoot))], omitted: 0, remedies: [])
        }
    }

}

/// Parse state shared with the C callbacks through libxml2's user-data pointer.
private final class SAXState {
    let file: String
    let header: (FilingHeader, Int) throws -> Void
    let record: (RawRecord) throws -> Void
    var context: xmlParserCtxtPtr?
    var depth = 0
    /// Element names seen → their kinds, and per kind attribute names seen → slots (-1: not a field
    /// of the kind). libxml2 hands every name over from its parser's dictionary, interned for the
    /// whole parse (SAX2.c keeps them in the tree as they are when `dictNames` is set), so a name is
    /// known by its pointer after the first record: no String is made of a field's name, nor hashed.
    private var kinds: [(name: UnsafePointer<xmlChar>, kind: RecordKind?)] = []
    private var slots: [[(name: UnsafePointer<xmlChar>, slot: Int)]] = Array(repeating: [], count: RecordKind.allCases.count)
    var sawRoot = false
    /// The first problem found; the parse stops there.
    var failure: Diagnostic?
    /// An error thrown by a callback, rethrown once libxml2 has returned.
    var thrown: (any Error)?

    init(file: String, header: @escaping (FilingHeader, Int) throws -> Void, record: @escaping (RawRecord) throws -> Void) {
        self.file = file
        self.header = header
        self.record = record
    }

    /// The kind an element name names, or nil.
    func kind(_ name: UnsafePointer<xmlChar>) -> RecordKind? {
        for entry in kinds where entry.name == name { return entry.kind }
        let kind = RecordKind(rawValue: string(name))
        // Bounded, for a file of many made-up names: past it they cost a lookup each, nothing more.
        if kinds.count < 64 { kinds.append((name, kind)) }
        return kind
    }

    /// The slot of attribute `name` in `kind`'s fields, or nil when the kind has no such field.
    func slot(_ name: UnsafePointer<xmlChar>, _ kind: RecordKind) -> Int? {
        let k = kind.tableIndex
        for entry in slots[k] where entry.name == name { return entry.slot < 0 ? nil : entry.slot }
        let slot = kind.slot(of: string(name))
        if slots[k].count < 64 { slots[k].append((name, slot ?? -1)) }
        return slot
    }

    var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }
    var column: Int? {
        guard let c = context else { return nil }
        let col = Int(xmlSAX2GetColumnNumber(c))
        return col > 0 ? col : nil
    }

    func fail(_ words: Message, kind: String = "xml", line: Int? = nil, column: Int? = nil) {
        if failure == nil && thrown == nil {
            failure = Diagnostic(file: file, line: line ?? self.line, column: column ?? self.column, kind: kind, problem: .malformed, words: words)
        }
        if let c = context { xmlStopParser(c) }
    }

    static func from(_ ctx: UnsafeMutableRawPointer?) -> SAXState {
        Unmanaged<SAXState>.fromOpaque(ctx!).takeUnretainedValue()
    }
}

/// Whether `uri` is the filing format's namespace, compared as bytes (no String per element).
private func isFilingNamespace(_ uri: UnsafePointer<xmlChar>?) -> Bool {
    guard let uri else { return false }
    return XMLFilingReader.namespaceBytes.withUnsafeBufferPointer { ns in
        strcmp(UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self), ns.baseAddress!) == 0
    }
}

private func string(_ p: UnsafePointer<xmlChar>?) -> String {
    guard let p else { return "" }
    return String(cString: p)
}

/// libxml2 hands `&amp;` inside attribute values over as `&#38;` when entities are not substituted
/// (so that a tree builder can re-escape it); every `&` in the value comes from such an escape.
private func attributeValue(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> String {
    let buf = UnsafeBufferPointer(start: start, count: end - start)
    if !buf.contains(UInt8(ascii: "&")) { return String(decoding: buf, as: UTF8.self) }
    return String(decoding: buf, as: UTF8.self).replacingOccurrences(of: "&#38;", with: "&")
}

private let saxStartElement: startElementNsSAX2Func = { ctx, localname, _, uri, _, _, nbAttributes, _, attributes in
    let state = SAXState.from(ctx)
    if state.failure != nil || state.thrown != nil { return }
    state.depth += 1
    let count = attributes == nil ? 0 : Int(max(0, nbAttributes))
    // A record in the filing's namespace, of a kind: its fields go straight to their slots. Anything
    // else (the root, a wrong element) is rare and takes the general path below.
    if state.depth == 2, let localname, let kind = state.kind(localname), isFilingNamespace(uri) {
        var values = [String?](repeating: nil, count: kind.fieldCount)
        var unknown: [String: String] = [:]
        for i in 0..<count {
            let base = i * 5
            guard let local = attributes![base], let vs = attributes![base + 3], let ve = attributes![base + 4] else { continue }
            // Attributes in another namespace (xml:lang, a vendor's extension) are not fields.
            if attributes![base + 2] != nil { continue }
            if let slot = state.slot(local, kind) {
                if values[slot] != nil {
                    state.fail(.core(.xmlAttributeTwice, ["name": .text(kind.fieldNames[slot])]))
                    return
                }
                values[slot] = attributeValue(vs, ve)
            } else {
                let key = string(local)
                if unknown[key] != nil {
                    state.fail(.core(.xmlAttributeTwice, ["name": .text(key)]))
                    return
                }
                unknown[key] = attributeValue(vs, ve)
            }
        }
        do {
            try state.record(RawRecord(kind: kind, values: values, unknown: unknown, line: state.line, column: state.column))
        } catch {
            state.thrown = error
            if let c = state.context { xmlStopParser(c) }
        }
        return
    }
    let name = string(localname)
    let ns = string(uri)
    var fields: [String: String] = [:]
    if let attributes, count > 0 {
        fields.reserveCapacity(count)
        for i in 0..<count {
            let base = i * 5
            guard let local = attributes[base], let vs = attributes[base + 3], let ve = attributes[base + 4] else { continue }
            if attributes[base + 2] != nil {
                // Attributes in another namespace (xml:lang, a vendor's extension) are not fields.
                continue
            }
            let key = string(local)
            if fields[key] != nil {
                state.fail(.core(.xmlAttributeTwice, ["name": .text(key)]))
                return
            }
            fields[key] = attributeValue(vs, ve)
        }
    }
    switch state.depth {
    case 1:
        guard name == "filing" else {
            state.fail(.core(.xmlWrongRoot, ["name": .text(name)]))
            return
        }
        guard ns == XMLFilingReader.namespace else {
            state.fail(ns.isEmpty
                ? .core(.xmlNoNamespace, ["namespace": .text(XMLFilingReader.namespace)])
                : .core(.xmlWrongNamespace, ["found": .text(ns), "namespace": .text(XMLFilingReader.namespace)]))
            return
        }
        state.sawRoot = true
        var problems: [Message] = []
        let allowed: Set<String> = ["id", "authority", "issued", "title"]
        for key in fields.keys.sorted() where !allowed.contains(key) {
            problems.append(.core(.xmlUnknownFilingAttribute, ["name": .text(key)]))
        }
        let id = fields["id"]?.trimmingCharacters(in: .whitespaces) ?? ""
        let authority = fields["authority"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if id.isEmpty { problems.append(.core(.xmlFilingNeeds, ["name": "id"])) }
        if authority.isEmpty { problems.append(.core(.xmlFilingNeeds, ["name": "authority"])) }
        var issued: Day?
        if let text = fields["issued"] {
            issued = Day(text.trimmingCharacters(in: .whitespaces))
            if issued == nil { problems.append(.core(.xmlIssuedNotDate, ["value": .text(text)])) }
        } else {
            problems.append(.core(.xmlFilingNeedsIssued))
        }
        if !problems.isEmpty {
            state.fail(.joined(problems), kind: "filing")
            return
        }
        let title = fields["title"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            try state.header(FilingHeader(id: id, authority: authority, issued: issued, title: title), state.line)
        } catch {
            state.thrown = error
            if let c = state.context { xmlStopParser(c) }
        }
    case 2:
        guard ns == XMLFilingReader.namespace else {
            state.fail(.core(.xmlRecordNamespace, ["name": .text(name), "found": .text(ns), "namespace": .text(XMLFilingReader.namespace)]))
            return
        }
        guard let kind = RecordKind(rawValue: name) else {
            state.fail(.core(.xmlNotRecordKind, ["name": .text(name)]), kind: name)
            return
        }
        do {
            try state.record(RawRecord(kind: kind, fields: fields, line: state.line, column: state.column))
        } catch {
            state.thrown = error
            if let c = state.context { xmlStopParser(c) }
        }
    default:
        state.fail(.core(.xmlNested, ["name": .text(name)]))
    }
}

private let saxEndElement: endElementNsSAX2Func = { ctx, _, _, _ in
    SAXState.from(ctx).depth -= 1
}

private let saxCharacters: charactersSAXFunc = { ctx, chars, len in
    let state = SAXState.from(ctx)
    guard state.failure == nil, let chars, len > 0 else { return }
    let buf = UnsafeBufferPointer(start: chars, count: Int(len))
    if buf.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
        state.fail(.core(.xmlText))
    }
}

private let saxInternalSubset: internalSubsetSAXFunc = { ctx, name, _, _ in
    SAXState.from(ctx).fail(.core(.xmlDoctype, ["name": .text(string(name))]))
}

private let saxEntityDecl: entityDeclSAXFunc = { ctx, name, _, _, _, _ in
    SAXState.from(ctx).fail(.core(.xmlEntityDeclaration, ["name": .text(string(name))]))
}

private let saxStructuredError: xmlStructuredErrorFunc = { ctx, error in
    guard let ctx, let error else { return }
    let state = SAXState.from(ctx)
    let e = error.pointee
    guard e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    // libxml2's own words stay as they are, quoted (as SQLite's do); regctl's advice is words.
    var parser = string(UnsafePointer(e.message.map { UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self) }))
        .trimmingCharacters(in: .whitespacesAndNewlines)
    if parser.isEmpty { parser = "libxml2 error \(e.code)" }
    // libxml2 puts details ("Bytes: 0xC3 0x28") on a second line; a diagnostic is one line.
    parser = parser.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
    let entities = e.code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue) || e.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue)
    state.fail(.core(.xmlParser, ["parser": .text(parser), "entities": .message(entities ? .core(.xmlPredefinedEntities) : .nothing),
                                  "advice": .message(xmlErrorAdvice(parser))]),
               line: Int(e.line), column: e.int2 > 0 ? Int(e.int2) : nil)
}

/// What to do about libxml2's terser messages.
private func xmlErrorAdvice(_ message: String) -> Message {
    if message.contains("Huge input lookup") || message.contains("too long") || message.contains("huge") {
        return .core(.xmlAdviceHuge)
    }
    if message.contains("not proper UTF-8") || message.contains("encoding") {
        return .core(.xmlAdviceEncoding)
    }
    if message.contains("Premature end") || message.contains("Extra content") || message.contains("EndTag") || message.contains("not finished") {
        return .core(.xmlAdviceCutShort)
    }
    return .nothing
}
