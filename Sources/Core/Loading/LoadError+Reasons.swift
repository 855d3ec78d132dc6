import Foundation

extension LoadError {
    /// Why a file could not be read, as data: Core's own reasons, each worded from Core's catalogue, or
    /// the system's words (`strerror`) as they stand. ``description`` is the English the error always
    /// printed; ``words`` the message for a reader.
    public enum UnreadableReason: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
        case notAFiling
        case permissionDenied
        case noSuchFile
        case noXMLParser
        case noDigest
        case notTried
        /// The CSV's `.meta.json` is not a sidecar: not JSON, not an object, or a field that does not fit.
        case invalidSidecar(problem: Message)
        /// The system's words for why, quoted as they are.
        case system(String)

        /// The system's words; a reason Core knows by its English is that reason.
        public init(stringLiteral value: String) { self.init(text: value) }

        /// Core's reason whose English is `text`, else the system's words.
        package init(text: String) {
            self = [UnreadableReason.notAFiling, .permissionDenied, .noSuchFile, .noXMLParser, .noDigest, .notTried]
                .first { $0.words.english == text } ?? .system(text)
        }

        package var words: Message {
            switch self {
            case .notAFiling: .core(.fileNotAFiling)
            case .permissionDenied: .core(.filePermissionDenied)
            case .noSuchFile: .core(.fileMissing)
            case .noXMLParser: .core(.fileNoXMLParser)
            case .noDigest: .core(.fileNoDigest)
            case .notTried: .core(.fileNotTried)
            case let .invalidSidecar(problem): .core(.fileInvalidSidecar, ["detail": .message(problem)])
            case let .system(text): .text(text)
            }
        }

        public var description: String { words.english }

        /// Permission denied or no such file, as the file system says.
        package static func missingOrDenied(_ path: String) -> UnreadableReason {
            FileManager.default.fileExists(atPath: path) ? .permissionDenied : .noSuchFile
        }
    }

    /// The reason of an unreadable file as a message: Core's words, or the system's as they stand.
    package static func reasonWords(_ reason: String) -> Message {
        UnreadableReason(text: reason).words
    }
}
