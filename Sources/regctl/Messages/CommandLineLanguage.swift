import Core
import Foundation

/// The language of one run of regctl: `--lang zh|en` anywhere before `--` (a global option every
/// command accepts), else `LC_ALL` / `LC_MESSAGES` / `LANG`, else English. Read from the arguments and
/// the environment before argument-parser sees them, since help texts are in that language too.
enum CommandLineLanguage {
    /// A `--lang` value regctl does not speak.
    struct UnknownLanguage: Error, Equatable {
        var value: String
    }

    /// `arguments` without `--lang X` / `--lang=X`, and the language it names (nil when none).
    static func extract(_ arguments: [String]) throws(UnknownLanguage) -> (language: Language?, rest: [String]) {
        var rest: [String] = []
        var language: Language?
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" {
                rest += arguments[i...]
                break
            }
            var value: String?
            if a == "--lang" {
                value = i + 1 < arguments.count ? arguments[i + 1] : ""
                i += 2
            } else if a.hasPrefix("--lang=") {
                value = String(a.dropFirst("--lang=".count))
                i += 1
            } else {
                rest.append(a)
                i += 1
            }
            if let value {
                guard let l = Language(argument: value) else { throw UnknownLanguage(value: value) }
                language = l
            }
        }
        return (language, rest)
    }

    /// The language `arguments` and `environment` choose: `--lang` beats the environment.
    static func choose(arguments: [String], environment: [String: String]) -> Language {
        ((try? extract(arguments))?.language) ?? Language.from(environment: environment) ?? .en
    }

    /// This process's language (an unknown `--lang` is reported by `Main`, and meanwhile ignored).
    static let chosen = choose(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
}
