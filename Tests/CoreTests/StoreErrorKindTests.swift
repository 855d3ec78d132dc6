import GRDB
import Testing
@testable import Core

/// Issue 17: SQLite's refusals are kinds (`DatabaseProblem`), whose words and remedies are data; SQLite's
/// own message is kept as the detail.
@Suite("storage errors: SQLite's codes as kinds")
struct StoreErrorKindTests {
    @Test("SQLite's result codes, extended ones by their primary code, map to their kinds")
    func sqliteCodes() {
        let cases: [(Int32, DatabaseProblem)] = [(13, .diskFull), (8, .readOnly), (8 | (4 << 8), .readOnly), (5, .busy), (6, .busy),
                                                 (14, .cannotOpen), (3, .cannotOpen), (26, .notADatabase), (11, .notADatabase),
                                                 (10, .ioError), (10 | (3 << 8), .ioError), (1, .otherSQLite)]
        for (code, kind) in cases {
            let error = StoreError(DatabaseError(resultCode: ResultCode(rawValue: code), message: "m"), path: "/nonexistent/r.sqlite")
            guard case let .database(_, problem, detail) = error else { Issue.record("\(error)"); continue }
            #expect(problem == kind, "\(code)")
            #expect(detail == "m")
        }
    }

    @Test("a folder named as the registry is its own kind, whatever SQLite calls it")
    func folder() {
        let error = StoreError(DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error"), path: "/tmp")
        guard case .database(_, .isFolder, "disk I/O error") = error else { Issue.record("\(error)"); return }
        #expect(error.remedy == .nameRegistry)
    }
}
