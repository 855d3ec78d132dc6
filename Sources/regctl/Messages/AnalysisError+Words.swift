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
            // Core's and the plugins' phrases are messages; an external plugin's words stay as written.
            let said = w(expected)
            let words = w(.analysisBadParameter, ["plugin": .text(plugin), "name": .text(name), "value": .text(value), "expected": .text(said)])
            return words + (said.hasSuffix("?") || said.hasSuffix("？") ? "" : w(.sentenceEnd))
        case let .failed(plugin, message), let .notFound(plugin, message):
            guard message.message != nil else { return description }
            return w(.analysisFailed, ["plugin": .text(plugin), "message": .text(w(message))])
        }
    }
}
