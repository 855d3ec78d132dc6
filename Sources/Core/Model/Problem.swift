/// What is wrong with a record or a filing, as data: callers decide by the kind, never by the words.
///
/// The words of a problem (its `message`) come last and may change, or be translated; the kind and
/// the remedy are what code branches on.
public enum ProblemKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A field the record kind does not have.
    case unknownField = "unknown-field"
    /// A required field is absent or empty.
    case missingField = "missing-field"
    /// A field longer than any field may be.
    case fieldTooLong = "field-too-long"
    /// A value that is not of its field's type or range (a date, a number, an enumeration, a region code).
    case invalidValue = "invalid-value"
    /// A USCC whose check character or structure fails.
    case invalidUSCC = "invalid-uscc"
    /// Fields of one record that contradict each other (graduated before entered, R&D staff above employees).
    case inconsistent
    /// Two records of one filing with the same natural key.
    case duplicateKey = "duplicate-key"
    /// A reference to a park, firm or incubator that no loaded filing defines.
    case danglingReference = "dangling-reference"
    /// The file is not well-formed XML or CSV, or not a filing at all.
    case malformed
    /// The filing holds no records, or no valid one.
    case empty
}

/// What the user can do about a problem, as data. Core names no command-line flag: the CLI (or the web)
/// turns a remedy into words about its own options, and only where the remedy can help.
public enum Remedy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Load the valid records and set the rejected ones aside (`--lenient`).
    case loadLeniently = "load-leniently"
    /// Replace the loaded filing that has this id (`--replace`).
    case replaceFiling = "replace-filing"
    /// Admit a USCC whose check character fails (`--accept-bad-uscc`).
    case acceptBadUSCC = "accept-bad-uscc"
    /// Name the record kind of a CSV file (`--kind`).
    case nameKind = "name-kind"
    /// Name the file's text encoding (`--encoding`).
    case nameEncoding = "name-encoding"
    /// Name a registry (`--registry`, `REGCTL_REGISTRY`) or create one by loading filings.
    case nameRegistry = "name-registry"
    /// Load the filings that define what this one refers to first.
    case loadReferencedFirst = "load-referenced-first"
    /// Retract the filings that depend on this one first.
    case retractDependentsFirst = "retract-dependents-first"
    /// List the loaded filings to find the right id.
    case listFilings = "list-filings"
    /// Open the workbook in Excel or WPS and save it as .xlsx.
    case saveAsXLSX = "save-as-xlsx"
    /// Remove the workbook's password and save it again.
    case removePassword = "remove-password"
    /// The file is not what it claims: check that the right file was given.
    case checkFile = "check-file"
    /// The file is hostile or broken beyond repair: ask its sender for a clean copy.
    case askForCleanCopy = "ask-for-clean-copy"
    // What to do about a database's problem (`DatabaseProblem`).
    /// Free disk space and try again.
    case freeSpace = "free-space"
    /// Read as before; to write, copy the registry somewhere writable.
    case copyWritable = "copy-writable"
    /// Try again when the other writer has finished.
    case retryLater = "retry-later"
    /// Check that the registry's folder exists and may be read and written.
    case checkPermissions = "check-permissions"
    /// Check that the right file is named, and whether it is damaged.
    case checkRegistry = "check-registry"
    /// Try again.
    case retry
    /// Open the registry once where it can be written, so that its schema is brought up to date.
    case openWritable = "open-writable"
    /// Install PostgreSQL's client library, or use a SQLite registry.
    case installClientLibrary = "install-client-library"
    /// Check that the server runs at the host and port named.
    case checkServer = "check-server"
    /// Check the user name and password.
    case checkCredentials = "check-credentials"
    /// Create the database, or name one that exists.
    case createDatabase = "create-database"
    /// Use a newer PostgreSQL server.
    case upgradeServer = "upgrade-server"
    /// Use a role with the grants the operation needs.
    case useGrantedRole = "use-granted-role"
    /// Connect to the primary server, not a standby.
    case connectToPrimary = "connect-to-primary"
}
