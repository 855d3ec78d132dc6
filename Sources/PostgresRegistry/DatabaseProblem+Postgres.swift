import Core

extension DatabaseProblem {
    /// The kind of an error PostgreSQL reported while the connection was up: by its SQLSTATE, or, for
    /// libpq's own errors (no SQLSTATE), by libpq's words for a connection that went away.
    init(sqlState: String?, message: String) {
        switch sqlState ?? "" {
        case "42501": self = .noPrivilege
        case "53100": self = .serverDiskFull
        case "40001", "40P01": self = .conflicts
        case "25006": self = .readOnlyConnection
        case "28000", "28P01": self = .authenticationFailed
        case "3D000": self = .databaseMissing
        case let s where s.hasPrefix("08") || s.hasPrefix("57"): self = .connectionLost
        case "":
            self = DatabaseProblem.lostConnectionWords.contains { message.contains($0) } ? .connectionLost : .otherPostgres
        default: self = .otherPostgres
        }
    }

    /// The kind of a connection that could not be made. libpq gives no SQLSTATE before a connection is
    /// up, only its words and the server's (English unless a program sets a locale, which regctl never
    /// does; the server's follow its lc_messages): the phrases below are libpq's and the server's own
    /// (fe-connect.c, auth.c, postinit.c). What matches none is a lost connection's kind or "another
    /// PostgreSQL error", and its words are still shown as the detail.
    init(connecting message: String) {
        let m = message.lowercased()
        if m.contains("password authentication failed") || m.contains("no password supplied") || m.contains("authentication failed")
            || (m.contains("role \"") && m.contains("does not exist")) || m.contains("no pg_hba.conf entry") {
            self = .authenticationFailed
        } else if m.contains("database \"") && m.contains("does not exist") {
            self = .databaseMissing
        } else if m.contains("could not translate host name") {
            self = .unknownHost
        } else if m.contains("connection refused") || m.contains("no such file or directory") || m.contains("timeout expired")
            || m.contains("could not connect") || m.contains("network is unreachable") || m.contains("no route to host") {
            self = .connectionRefused
        } else {
            self = DatabaseProblem(sqlState: nil, message: message)
        }
    }

    /// libpq's words for a connection the server closed or that broke.
    static let lostConnectionWords = ["server closed the connection", "no connection to the server", "terminating connection",
                                      "could not receive data from server", "could not send data to server", "connection to server was lost"]
}
