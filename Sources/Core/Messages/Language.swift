import Foundation

/// A language regctl speaks: every word a user reads exists in both (docs/architecture.md, "Words").
/// Codes, ids, JSON keys, CSV column names and enumeration values are the same in both.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    /// 简体中文.
    case zh
    /// English, the fallback when a word is missing in another language.
    case en

    /// The language a locale identifier names (`zh_CN.UTF-8`, `zh-Hans`, `zh`, `en_US`, `en-GB`); nil
    /// for one regctl does not speak and for the ones that name no language (`C`, `POSIX`, empty).
    public init?(locale identifier: String) {
        // The language is what comes before the territory, script, codeset and modifier.
        let code = identifier.lowercased().prefix { $0.isLetter }
        switch code {
        case "zh": self = .zh
        case "en": self = .en
        default: return nil
        }
    }

    /// The language as `--lang` and `?lang=` take it: `zh` or `en`, and the usual spellings of each
    /// (`zh-CN`, `zh_CN.UTF-8`, `en-US`).
    public init?(argument: String) {
        if let exact = Language(rawValue: argument.lowercased()) { self = exact; return }
        self.init(locale: argument)
    }

    /// The language the environment asks for, as POSIX orders it: `LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG`; an unset, empty, `C` or `POSIX` variable passes to the next; nil when none names one.
    /// A variable naming a language regctl does not speak (`de_DE.UTF-8`) decides for English, since
    /// it is what the user set.
    public static func from(environment: [String: String]) -> Language? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty,
                  value != "C", value != "POSIX", !value.hasPrefix("C.") else { continue }
            return Language(locale: value) ?? .en
        }
        return nil
    }

    /// The first language of an HTTP `Accept-Language` header that regctl speaks, by quality
    /// (`zh-CN,zh;q=0.9,en;q=0.8` → zh); nil when it names none (`*` and `q=0` name none).
    public static func from(acceptLanguage header: String) -> Language? {
        var best: (language: Language, quality: Double, order: Int)?
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let language = Language(locale: tag) else { continue }
            var quality = 1.0
            for p in parts.dropFirst() where p.hasPrefix("q=") { quality = Double(p.dropFirst(2)) ?? 0 }
            guard quality > 0 else { continue }
            if best == nil || quality > best!.quality { best = (language, quality, order) }
        }
        return best?.language
    }

    /// The BCP 47 tag for HTML's `lang` attribute.
    public var tag: String {
        switch self {
        case .zh: "zh-CN"
        case .en: "en"
        }
    }
}
