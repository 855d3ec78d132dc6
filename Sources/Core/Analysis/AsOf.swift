/// Chooses the date an analysis answers on.
public enum AsOf {
    /// The given date, else the newest issue date among loaded filings (so the answer does not change
    /// with the wall clock), else today when no filing gives a date (or none is loaded: the source says which).
    public static func resolve(_ given: Day?, registry: any RegistryReader) throws -> (date: Day, source: String) {
        if let given { return (given, Source.given.rawValue) }
        if let newest = try registry.newestIssued() { return (newest, Source.newest.rawValue) }
        // Only here, off the usual path, is it worth a read to tell an empty registry apart.
        if try registry.filings().isEmpty { return (Day.today(), Source.todayEmpty.rawValue) }
        return (Day.today(), Source.todayUndated.rawValue)
    }

    /// Where the date came from, as data. Its raw value is the English a report's `asOfSource` holds
    /// (and its JSON's `as_of_source`: an API, so it stays English); ``words`` is for a reader.
    public enum Source: String, Sendable, CaseIterable {
        case given = "--as-of"
        case newest = "newest filing issued"
        case todayEmpty = "today; no filings loaded"
        case todayUndated = "today; no loaded filing gives an issue date"

        /// The source in words (Core's catalogue; the keys regctl's catalogue words alike).
        package var words: Message {
            switch self {
            case .given: .core(.asOfGiven)
            case .newest: .core(.asOfNewest)
            case .todayEmpty: .core(.asOfTodayEmpty)
            case .todayUndated: .core(.asOfTodayUndated)
            }
        }
    }
}
