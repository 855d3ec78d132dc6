/// Counts in English words: "1 firm", "2 firms", "0 filings". The one place regctl and its plugins
/// decide a plural, so that a count is never printed as "1 firms".
public enum Plural {
    /// `count` and the noun, singular for exactly one; the plural is the singular plus "s" unless given
    /// (give it for irregular plurals and for a noun with its verb: `Plural.of(n, "firm is", "firms are")`).
    public static func of(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(word(count, singular, plural))"
    }

    /// The word alone that agrees with `count`, for a verb further on: `Plural.word(n, "is", "are")`.
    public static func word(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }
}
