import Foundation

/// Why a workbook was refused, as data, with where it happened and what the user can do.
///
/// Every refusal names the file and, once the zip is open, the part (`xl/worksheets/sheet1.xml`) so
/// that a report can point at it; the words come from `errorDescription` and may change.
public struct WorkbookError: Error, LocalizedError, Sendable, Hashable {
    /// What went wrong; code branches on this, never on the words.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A legacy binary workbook (.xls BIFF, .et, .xlsb): not read.
        case legacyFormat = "legacy-format"
        /// An OLE file holding an `EncryptedPackage`: the workbook is password protected.
        case encrypted
        /// Not a zip archive, or a zip that is not a workbook (no workbook part).
        case notAWorkbook = "not-a-workbook"
        /// An entry that inflates beyond the size limit.
        case entryTooLarge = "entry-too-large"
        /// An entry that inflates beyond the ratio limit (a zip bomb).
        case compressionRatio = "compression-ratio"
        /// All entries together inflate beyond the total limit.
        case totalTooLarge = "total-too-large"
        /// More zip entries than any workbook has.
        case tooManyEntries = "too-many-entries"
        /// A zip entry that cannot be inflated (corrupt data, a bad checksum).
        case corruptEntry = "corrupt-entry"
        /// An entry or a relationship target with an absolute or `..` path leaving the package.
        case unsafePath = "unsafe-path"
        /// A DOCTYPE (and so possibly entities) in an XML part.
        case doctype
        /// An XML part that is not well-formed, or a cell reference that is not one.
        case malformedXML = "malformed-xml"
        /// A row beyond Excel's grid (1,048,576 rows) or a column beyond XFD (16,384).
        case beyondGrid = "beyond-grid"
        /// More cells scanned than the limit allows (millions of empty styled cells).
        case tooManyCells = "too-many-cells"
        /// More shared strings, or more bytes of them, than the limits allow.
        case tooManySharedStrings = "too-many-shared-strings"
        /// More merged ranges than the limit allows.
        case tooManyMerges = "too-many-merges"
        /// The file could not be read.
        case unreadable
    }

    public var kind: Kind
    /// The file as the user named it.
    public var file: String
    /// The zip part the problem is in, when there is one.
    public var part: String?
    /// Details for the message (the limit, the offending name), in English.
    public var detail: String
    /// The details as a message of Core's catalogue, for a renderer to put in the reader's language.
    public var words: Message?

    public init(_ kind: Kind, file: String, part: String? = nil, detail: String) {
        self.kind = kind
        self.file = file
        self.part = part
        self.detail = detail
    }

    /// A refusal whose details are a message of Core's catalogue; `detail` is its English.
    package init(_ kind: Kind, file: String, part: String? = nil, words: Message) {
        self.init(kind, file: file, part: part, detail: words.english)
        self.words = words
    }

    /// What the user can do about this kind of problem.
    public var remedy: Remedy {
        switch kind {
        case .legacyFormat: .saveAsXLSX
        case .encrypted: .removePassword
        case .notAWorkbook, .unreadable: .checkFile
        case .entryTooLarge, .compressionRatio, .corruptEntry, .totalTooLarge, .tooManyEntries, .unsafePath, .doctype,
             .malformedXML, .beyondGrid, .tooManyCells, .tooManySharedStrings, .tooManyMerges:
            .askForCleanCopy
        }
    }

    public var errorDescription: String? {
        let place = part.map { "\(file) (\($0))" } ?? file
        let todo: String = switch remedy {
        case .saveAsXLSX: "open it in Excel or WPS and save it as .xlsx (Excel Workbook)"
        case .removePassword: "open it, remove the password and save it again as .xlsx"
        case .checkFile: "check that this is the workbook you meant"
        case .askForCleanCopy: "nothing was loaded; ask its sender for a copy saved by Excel or WPS"
        // `remedy` gives a workbook's problems only the four above.
        default: "nothing was loaded"
        }
        return "\(place): \(detail); \(todo)."
    }
}
