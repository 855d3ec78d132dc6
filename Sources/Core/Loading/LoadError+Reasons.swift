extension LoadError {
    /// Why a file could not be read, when Core says why (not the system or a library): the raw value is
    /// the English ``LoadError/unreadable(file:reason:)`` holds, ``words`` the message for a reader.
    package enum UnreadableReason: String, Sendable, CaseIterable {
        case notAFiling = "not an .xml, .csv or .xlsx file"
        case permissionDenied = "permission denied"
        case noSuchFile = "no such file"
        case noXMLParser = "libxml2 could not create a parser"
        case noDigest = "OpenSSL could not allocate a digest"
        case notTried = "not tried"

        package var words: Message {
            switch self {
            case .notAFiling: .core(.fileNotAFiling)
            case .permissionDenied: .core(.filePermissionDenied)
            case .noSuchFile: .core(.fileMissing)
            case .noXMLParser: .core(.fileNoXMLParser)
            case .noDigest: .core(.fileNoDigest)
            case .notTried: .core(.fileNotTried)
            }
        }

        /// Permission denied or no such file, as the file system says.
        package static func missingOrDenied(_ path: String) -> UnreadableReason {
            FileManager.default.fileExists(atPath: path) ? .permissionDenied : .noSuchFile
        }
    }

    /// The reason of an unreadable file as a message: Core's words, or the system's as they stand.
    package static func reasonWords(_ reason: String) -> Message {
        UnreadableReason(rawValue: reason)?.words ?? .text(reason)
    }
}

import Foundation
