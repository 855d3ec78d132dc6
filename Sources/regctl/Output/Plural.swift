/// Counts in English words: "1 firm", "2 firms", "0 filings". The one place regctl decides a plural,
/// so that a count is never printed as "1 firms".
enum Plural {
    /// `count` and the noun, singular for exactly one; the plural is the singular plus "s" unless given.
    static func of(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
