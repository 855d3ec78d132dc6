import GRDB

extension StoreError {
    /// SQLite's errors in words that say what happened to the registry and what to do.
    init(_ error: DatabaseError, path: String) {
        let message: String
        switch error.resultCode {
        case .SQLITE_FULL:
            message = "the disk is full (or the registry reached its size limit); nothing of this operation was written, and the registry is as it was. Free some space and try again"
        case .SQLITE_READONLY:
            message = "the registry cannot be written (the file or its folder is read-only); read commands still work, or copy it somewhere writable"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            message = "another process is writing to the registry and did not finish within 10 seconds; try again when it has finished (its load is all or nothing, so you will see either the old or the new state)"
        case .SQLITE_CANTOPEN:
            message = "cannot open the registry file (check that its folder exists and that you may read and write it): \(error.message ?? "")"
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            message = "this is not a regctl registry, or the file is damaged (regctl check tells which)"
        case .SQLITE_IOERR:
            message = "an input/output error occurred while using the registry (\(error.message ?? "")); nothing of this operation was written"
        default:
            message = "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error)")"
        }
        self = .database(path: path, message: message)
    }
}
