internal import CLibXML2
import Foundation

/// Validates an XML file against an XSD with libxml2, for checking filings against the project's schema
/// (samples/schema/filing-1.xsd). The schema itself is trusted; the filing is read without network access.
package enum XMLSchemaCheck {
    /// The validation errors in English, as `file:line: message`; empty when the file is valid.
    package static func errors(file: String, schema: String) -> [String] {
        problems(file: file, schema: schema).map(\.english)
    }

    /// The validation errors as messages of Core's catalogue (libxml2's own words inside, as they are).
    package static func problems(file: String, schema: String) -> [Message] {
        guard let parserCtxt = xmlSchemaNewParserCtxt(schema) else { return [.core(.schemaUnreadable, ["schema": .text(schema)])] }
        defer { xmlSchemaFreeParserCtxt(parserCtxt) }
        guard let parsed = xmlSchemaParse(parserCtxt) else { return [.core(.schemaDoesNotParse, ["schema": .text(schema)])] }
        defer { xmlSchemaFree(parsed) }
        guard let validCtxt = xmlSchemaNewValidCtxt(parsed) else { return [.core(.schemaNoContext)] }
        defer { xmlSchemaFreeValidCtxt(validCtxt) }
        final class Collector {
            let file: String
            var errors: [Message] = []
            init(file: String) { self.file = file }
        }
        let collector = Collector(file: file)
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        xmlSchemaSetValidStructuredErrors(validCtxt, { ctx, error in
            guard let ctx, let error else { return }
            let c = Unmanaged<Collector>.fromOpaque(ctx).takeUnretainedValue()
            let e = error.pointee
            let message: Message = e.message.map { .text(String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines)) }
                ?? .core(.schemaErrorCode, ["code": .integer(Int(e.code))])
            // libxml2 names no file when it validates one it opened itself.
            let file = e.file.map { String(cString: $0) } ?? c.file
            c.errors.append(.core(.schemaError, ["file": .text(file), "line": .integer(Int(e.line)), "problem": .message(message)]))
        }, box.toOpaque())
        let rc = xmlSchemaValidateFile(validCtxt, file, Int32(XML_PARSE_NONET.rawValue))
        if rc != 0 && collector.errors.isEmpty { collector.errors.append(.core(.schemaInvalid, ["file": .text(file), "code": .integer(Int(rc))])) }
        return collector.errors
    }
}
