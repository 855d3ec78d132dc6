import Core

/// What of a request shapes a page besides its route: the reader's language, whether the query named
/// it (links then carry it on, and the answer does not vary by header), whether the client reads HTML
/// (its errors are pages then), and the path and query that the language switch keeps.
struct ServeRequest: Sendable {
    /// The path as routed, its segments percent-encoded again.
    var path: String
    /// The query's pairs, without `lang`.
    var pairs: [(name: String, value: String?)]
    var words: Words
    /// `?lang=` chose the language; otherwise `Accept-Language` did (or, without one, the default).
    var languageInQuery: Bool
    var wantsHTML: Bool

    /// Bytes of an `Accept-Language` header read: a browser's is well under 200; the rest of a
    /// longer one is ignored rather than parsed (the header block itself is bounded by the server).
    static let acceptLanguageLimit = 1024

    /// The language of a page: `?lang=zh|en` (the last one given, when it names a language regctl
    /// speaks), else the best of `Accept-Language`, else English — the command line's default too
    /// (docs/serve.md, "Chinese first").
    static func language(query: String?, acceptLanguage: String?) -> (language: Language, inQuery: Bool) {
        if let query, let l = Language(argument: query) { return (l, true) }
        if let header = acceptLanguage, let l = Language.from(acceptLanguage: String(decoding: header.utf8.prefix(acceptLanguageLimit), as: UTF8.self)) {
            return (l, false)
        }
        return (.en, false)
    }

    init(segments: [String], pairs: [(name: String, value: String?)], acceptLanguage: String?, accept: String?) {
        path = "/" + segments.map(ServeQuery.pct).joined(separator: "/")
        let (language, inQuery) = ServeRequest.language(query: pairs.last { $0.name == "lang" }?.value ?? nil, acceptLanguage: acceptLanguage)
        self.pairs = pairs.filter { $0.name != "lang" }
        words = Words(language)
        languageInQuery = inQuery
        wantsHTML = ServeRequest.wantsHTML(accept)
    }

    /// A request with no query, in the language of its headers (for answers given before the query is read).
    init(acceptLanguage: String?, accept: String?) {
        self.init(segments: [], pairs: [], acceptLanguage: acceptLanguage, accept: accept)
    }

    /// A browser asks for `text/html` first; curl and the API's clients do not.
    static func wantsHTML(_ accept: String?) -> Bool {
        guard let accept else { return false }
        return accept.prefix(acceptLanguageLimit).lowercased().contains("text/html")
    }

    /// The cache keeps one answer per language and per way of choosing it (a page reached by `?lang=`
    /// carries it in its links; one chosen by the header does not).
    var cacheVariant: String { "\u{0}" + words.language.rawValue + (languageInQuery ? "q" : "h") }

    /// Headers the answer carries for its language: it depends on `Accept-Language` unless the query named one.
    var languageHeaders: [String: String] { languageInQuery ? [:] : ["Vary": "Accept-Language"] }
}
