/// Chooses the date an analysis answers on.
public enum AsOf {
    /// The given date, else the newest issue date among loaded filings (so the answer does not change
    /// with the wall clock), else today when no filing gives a date (or none is loaded: the source says which).
    public static func resolve(_ given: Day?, registry: any RegistryReader) throws -> (date: Day, source: String) {
        if let given { return (given, "--as-of") }
        if let newest = try registry.newestIssued() { return (newest, "newest filing issued") }
        // Only here, off the usual path, is it worth a read to tell an empty registry apart.
        if try registry.filings().isEmpty { return (Day.today(), "today; no filings loaded") }
        return (Day.today(), "today; no loaded filing gives an issue date")
    }
}
