internal import CLibXML2
import Foundation

/// Validates an XML file against an XSD with libxml2, for checking filings against the project's schema
/// (samples/schema/filing-1.xsd). The schema itself is trusted; the filing is read without network access.
package enum XMLSchemaCheck {
    /// The validation errors, as `file:line: message`; empty when the file is valid.
    package static func errors(file: String, schema: String) -> [String] {
        guard let parserCtxt = xmlSchemaNewParserCtxt(schema) else { return ["\(schema): cannot read the schema"] }
        defer { xmlSchemaFreeParserCtxt(parserCtxt) }
        guard let parsed = xmlSchemaParse(parserCtxt) else { return ["\(schema): the schema does not parse"] }
        defer { xmlSchemaFree(parsed) }
        guard let validCtxt = xmlSchemaNewValidCtxt(parsed) else { return ["cannot create a schema validation context"] }
        defer { xmlSchemaFreeValidCtxt(validCtxt) }
        final class Collector { var errors: [String] = [] }
        let collector = Collector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        xmlSchemaSetValidStructuredErrors(validCtxt, { ctx, error in
            guard let ctx, let error else { return }
            let c = Unmanaged<Collector>.fromOpaque(ctx).takeUnretainedValue()
            let e = error.pointee
            let message = e.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "error \(e.code)"
            let file = e.file.map { String(cString: $0) } ?? "?"
            c.errors.append("\(file):\(e.line): \(message)")
        }, box.toOpaque())
        let rc = xmlSchemaValidateFile(validCtxt, file, Int32(XML_PARSE_NONET.rawValue))
        if rc != 0 && collector.errors.isEmpty { collector.errors.append("\(file): not valid (libxml2 code \(rc))") }
        return collector.errors
    }
}
