import Core

extension AnalysisError {
    /// The error in the reader's language. Core's `description` is the English; the parts that are data
    /// (names, values, the parameters a plugin takes) are worded here, and what Core or a plugin wrote
    /// as words (`expected`, `message`) is translated where it is one of Core's own phrases.
    func words(_ w: Words) -> String {
        switch self {
        case let .unknownParameter(plugin, name, known):
            let near = Suggestions.nearest(name, among: known).map { "--" + $0 }
            return w(.analysisUnknownParameter, ["plugin": .text(plugin), "name": .text(name),
                                                 "suggestion": .text(near.isEmpty ? "" : w(.analysisUnknownParameterSuggestion, ["options": .text(w.orList(near))])),
                                                 "known": .text(known.map { "--\($0)" }.joined(separator: ", "))])
        case let .badParameter(plugin, name, value, expected):
            // A plugin's own wording (a message of its catalogue) first; else one of Core's phrases.
            let said = expected.message != nil ? w(expected) : w.expected(expected.text)
            let words = w(.analysisBadParameter, ["plugin": .text(plugin), "name": .text(name), "value": .text(value), "expected": .text(said)])
            return words + (said.hasSuffix("?") || said.hasSuffix("？") ? "" : w(.sentenceEnd))
        case let .failed(plugin, message), let .notFound(plugin, message):
            guard message.message != nil else { return description }
            return w(.analysisFailed, ["plugin": .text(plugin), "message": .text(w(message))])
        }
    }
}

extension Words {
    /// Core's phrases for what a parameter takes (`Parameters`), in this language.
    func expected(_ english: String) -> String {
        switch english {
        case "a whole number": return self(.analysisExpectedWholeNumber)
        case "a date YYYY-MM-DD": return self(.analysisExpectedDate)
        case "true or false": return self(.analysisExpectedFlag)
        default:
            // "one of a, b, c" or "one of a, b, c (did you mean x or y?)"
            guard english.hasPrefix("one of ") else { return english }
            let rest = english.dropFirst("one of ".count)
            if let open = rest.range(of: " (did you mean "), rest.hasSuffix("?)") {
                let values = String(rest[..<open.lowerBound])
                let options = rest[open.upperBound...].dropLast(2).components(separatedBy: " or ").flatMap { $0.components(separatedBy: ", ") }
                return self(.analysisExpectedOneOfSuggestion, ["values": .text(values), "options": .text(orList(options))])
            }
            return self(.analysisExpectedOneOf, ["values": .text(String(rest))])
        }
    }
}
