/// A plugin's help in the reader's language. The descriptor stays English (external plugins and
/// older code read it as it is); its words in another language are keys of the plugin's catalogue,
/// named after the descriptor's parts, so that a plugin adds Chinese help with no change of its code:
///
/// - `<id>.summary`, `<id>.discussion`
/// - `<id>.parameter.<name>` (a parameter's help)
/// - `<id>.example.<n>` (the n-th example's explanation, from 1)
extension PluginDescriptor {
    public static func summaryKey(_ id: String) -> String { "\(id).summary" }
    public static func discussionKey(_ id: String) -> String { "\(id).discussion" }
    public static func parameterKey(_ id: String, _ name: String) -> String { "\(id).parameter.\(name)" }
    public static func exampleKey(_ id: String, _ number: Int) -> String { "\(id).example.\(number)" }

    /// The keys of every text of the descriptor, for a test that a plugin's catalogue words them all.
    public var wordKeys: [String] {
        [PluginDescriptor.summaryKey(id)] + (discussion.isEmpty ? [] : [PluginDescriptor.discussionKey(id)])
            + parameters.map { PluginDescriptor.parameterKey(id, $0.name) }
            + examples.indices.map { PluginDescriptor.exampleKey(id, $0 + 1) }
    }

    /// The descriptor with its texts in `language` where `catalogue` has them (in that language
    /// itself: English falls back to what the descriptor says, not to the catalogue's English).
    public func words(in language: Language, catalogue: Catalogue) -> PluginDescriptor {
        func word(_ key: String, _ fallback: String) -> String {
            catalogue.template(key, in: language) != nil ? catalogue.words(key, in: language) : fallback
        }
        var d = self
        d.summary = word(PluginDescriptor.summaryKey(id), summary)
        d.discussion = word(PluginDescriptor.discussionKey(id), discussion)
        d.parameters = parameters.map { p in
            var p = p
            p.help = word(PluginDescriptor.parameterKey(id, p.name), p.help)
            return p
        }
        d.examples = examples.enumerated().map { i, e in
            var e = e
            e.explanation = word(PluginDescriptor.exampleKey(id, i + 1), e.explanation)
            return e
        }
        return d
    }
}
