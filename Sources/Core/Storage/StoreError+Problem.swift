/// What a database refused, or why it could not be reached, as data: callers and tests branch on the
/// kind, a reader gets its words from Core's catalogue (``words``) in their language, and the CLI or
/// the web words its ``remedy``. The engine's own text (SQLite's, libpq's) is no kind: it is the
/// detail that ``StoreError/database(path:problem:detail:)`` carries beside it.
public enum DatabaseProblem: String, Sendable, Hashable, Codable, CaseIterable {
    // SQLite (and the file under it)
    /// The disk is full, or the registry reached its size limit; nothing of the operation was written.
    case diskFull = "disk-full"
    /// The file or its folder cannot be written.
    case readOnly = "read-only"
    /// Another process holds the write lock and did not finish within the busy timeout.
    case busy
    /// The file cannot be opened: its folder is missing, or it may not be read and written.
    case cannotOpen = "cannot-open"
    /// Not a database, or a damaged one.
    case notADatabase = "not-a-database"
    /// The path names a folder, not a file.
    case isFolder = "is-folder"
    /// The system reported an input/output error.
    case ioError = "io-error"
    /// The schema must be brought up to date, which a read-only registry cannot be.
    case needsUpgrade = "needs-upgrade"
    /// Another of SQLite's errors.
    case otherSQLite = "sqlite"

    // PostgreSQL
    /// libpq, PostgreSQL's client library, could not be loaded.
    case noClientLibrary = "no-client-library"
    /// Nothing answers at the URL's host and port (no server runs there, or a firewall is in the way).
    case connectionRefused = "connection-refused"
    /// The URL's host name does not resolve.
    case unknownHost = "unknown-host"
    /// The server refused the user: a wrong password, no password, an unknown role, or pg_hba.conf.
    case authenticationFailed = "authentication-failed"
    /// The database the URL names does not exist on the server.
    case databaseMissing = "database-missing"
    /// The server is older than regctl needs.
    case serverTooOld = "server-too-old"
    /// The role may not do what was asked (SQLSTATE 42501).
    case noPrivilege = "no-privilege"
    /// The server's disk is full (53100).
    case serverDiskFull = "server-disk-full"
    /// Serialization failures or deadlocks that retrying did not overcome (40001, 40P01).
    case conflicts
    /// A read-only connection, such as a standby's (25006).
    case readOnlyConnection = "read-only-connection"
    /// The connection was lost or the server shut down (08…, 57…).
    case connectionLost = "connection-lost"
    /// Another of PostgreSQL's errors.
    case otherPostgres = "postgres"

    /// What happened, in Core's catalogue.
    public var words: Message {
        let key: CoreKey = switch self {
        case .diskFull: .databaseDiskFull
        case .readOnly: .databaseReadOnly
        case .busy: .databaseBusy
        case .cannotOpen: .databaseCannotOpen
        case .notADatabase: .databaseNotADatabase
        case .isFolder: .databaseIsFolder
        case .ioError: .databaseIOError
        case .needsUpgrade: .databaseNeedsUpgrade
        case .otherSQLite: .databaseOtherSQLite
        case .noClientLibrary: .databaseNoClientLibrary
        case .connectionRefused: .databaseConnectionRefused
        case .unknownHost: .databaseUnknownHost
        case .authenticationFailed: .databaseAuthenticationFailed
        case .databaseMissing: .databaseDatabaseMissing
        case .serverTooOld: .databaseServerTooOld
        case .noPrivilege: .databaseNoPrivilege
        case .serverDiskFull: .databaseServerDiskFull
        case .conflicts: .databaseConflicts
        case .readOnlyConnection: .databaseReadOnlyConnection
        case .connectionLost: .databaseConnectionLost
        case .otherPostgres: .databaseOtherPostgres
        }
        return .core(key)
    }

    /// What the user can do about it; nil where nothing but the engine's own words can say.
    public var remedy: Remedy? {
        switch self {
        case .diskFull, .serverDiskFull: .freeSpace
        case .readOnly: .copyWritable
        case .busy: .retryLater
        case .cannotOpen: .checkPermissions
        case .notADatabase: .checkRegistry
        case .isFolder: .nameRegistry
        case .ioError, .conflicts, .connectionLost: .retry
        case .needsUpgrade: .openWritable
        case .noClientLibrary: .installClientLibrary
        case .connectionRefused, .unknownHost: .checkServer
        case .authenticationFailed: .checkCredentials
        case .databaseMissing: .createDatabase
        case .serverTooOld: .upgradeServer
        case .noPrivilege: .useGrantedRole
        case .readOnlyConnection: .connectToPrimary
        case .otherSQLite, .otherPostgres: nil
        }
    }
}
