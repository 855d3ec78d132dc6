import Foundation
import GRDB

extension StoreError {
    /// SQLite's error as what happened to the registry (a ``DatabaseProblem``), with SQLite's own words
    /// as the detail.
    init(_ error: DatabaseError, path: String) {
        var folder: ObjCBool = false
        // SQLite reports a folder as an I/O error or a file it cannot open; the user named the wrong path.
        let problem = FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
            ? .isFolder : DatabaseProblem(sqlite: error.resultCode)
        self = .database(path: path, problem: problem, detail: error.message.flatMap { $0.isEmpty ? nil : $0 })
    }
}

extension DatabaseProblem {
    /// The kind of an SQLite result code (extended codes by their primary one).
    init(sqlite code: ResultCode) {
        switch code.primaryResultCode {
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_READONLY: self = .readOnly
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: self = .cannotOpen
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: self = .notADatabase
        case .SQLITE_IOERR: self = .ioError
        default: self = .otherSQLite
        }
    }
}
