/// A firm's former names (曾用名) as the filing format writes them: one field, names separated by `;`.
extension Firm {
    /// The names of a `former-names` field: split at `;` (or the full-width `；` that Chinese
    /// keyboards type), trimmed, empty ones dropped, each once in the order first given.
    public static func splitNames(_ field: String) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for part in field.split(whereSeparator: { $0 == ";" || $0 == "；" }) {
            let name = FilingText.trimmed(String(part))
            if !name.isEmpty && seen.insert(name).inserted { out.append(name) }
        }
        return out
    }

    /// The `former-names` field of a list of names.
    public static func joinedNames(_ names: [String]) -> String { names.joined(separator: ";") }

    /// The normalised keys of the former names that differ from the current name's: what a name-only
    /// designation is matched against. Sorted, each once, so that equal firms store equal values.
    public var formerNameKeys: [String] {
        let current = FilingText.nameKey(name)
        return Set(formerNames.map(FilingText.nameKey)).subtracting([current, ""]).sorted()
    }
}
