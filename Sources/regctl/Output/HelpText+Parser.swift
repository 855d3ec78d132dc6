import Core
import Foundation

extension HelpText {
    /// argument-parser's own words in help and usage errors (`OVERVIEW:`, `Show help information.`,
    /// `Missing expected argument '<path>'`, …) in `words`' language: the catalogue's `parser…`
    /// entries hold its English phrases, placeholders matching any text, and their translations.
    static func localized(_ text: String, _ words: Words) -> String {
        guard words.language != .en else { return text }
        var out = text
        for (pattern, key) in parserPhrases(words.catalogue) {
            let range = NSRange(out.startIndex..., in: out)
            var result = ""
            var last = out.startIndex
            for match in pattern.regex.matches(in: out, range: range) {
                guard let whole = Range(match.range, in: out) else { continue }
                result += out[last..<whole.lowerBound]
                var arguments: [String: Message.Argument] = [:]
                for (i, name) in pattern.names.enumerated() {
                    if let r = Range(match.range(at: i + 1), in: out) { arguments[name] = .text(String(out[r])) }
                }
                result += words.catalogue.words(Message(key.rawValue, arguments), in: words.language)
                last = whole.upperBound
            }
            out = result + out[last...]
        }
        return fitOptionRows(out)
    }

    /// Lines that the translation made wider than `width` (an option's help with its values), wrapped
    /// under argument-parser's help column.
    private static func fitOptionRows(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let line = String(line)
            guard DisplayWidth.of(line) > width else { return line }
            let leading = line.prefix { $0 == " " }.count
            // An option's row (indented, as argument-parser indents them): its help starts at
            // argument-parser's help column; a continuation line at its own indentation; a line that
            // starts at the margin (an error, a usage line) wraps at the margin.
            let column = (1...4).contains(leading) && line.count > width - optionHelpWidth && line.prefix(width - optionHelpWidth).hasSuffix(" ")
                ? width - optionHelpWidth : leading
            let indent = String(repeating: " ", count: column)
            return String(line.prefix(column)) + wrap(String(line.dropFirst(column)), width: width - column, indent: indent)
        }.joined(separator: "\n")
    }

    /// Each `parser…` key's English as a pattern (its placeholders as lazy groups), longest first so
    /// that a phrase is replaced before a shorter one inside it.
    private static func parserPhrases(_ catalogue: Catalogue) -> [((regex: NSRegularExpression, names: [String]), CLIKey)] {
        CLIKey.allCases.filter { $0.rawValue.hasPrefix("parser") }.compactMap { key -> ((NSRegularExpression, [String]), CLIKey, Int)? in
            let english = catalogue.words(Message(key.rawValue), in: .en)
            var pattern = ""
            var names: [String] = []
            var rest = Substring(english)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
                names.append(String(rest[rest.index(after: open)..<close]))
                // A wrapped phrase goes on after a line break and the help's indentation.
                pattern += "((?:[^)\\n]|\\n +)+?)"
                rest = rest[rest.index(after: close)...]
            }
            pattern += NSRegularExpression.escapedPattern(for: String(rest))
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
            return ((regex, names), key, english.count)
        }.sorted { $0.2 > $1.2 }.map { ($0.0, $0.1) }
    }
}
