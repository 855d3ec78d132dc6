extension RecordProblem {
    /// A problem worded by a message of Core's catalogue; `message` is its English.
    package init(kind: RecordKind, line: Int, problem: ProblemKind, words: Message) {
        self.init(kind: kind, line: line, problem: problem, message: words.english)
        self.words = words
    }

    /// A record whose natural key an earlier record of the same filing has.
    package static func duplicate(kind: RecordKind, line: Int, firstLine: Int, naturalKey: String) -> RecordProblem {
        RecordProblem(kind: kind, line: line, problem: .duplicateKey, words: duplicateWords(firstLine: firstLine, naturalKey: naturalKey))
    }

    /// "duplicate of the record at line 3 (same natural key …); a filing states each fact once".
    package static func duplicateWords(firstLine: Int, naturalKey: String) -> Message {
        .core(.storeDuplicate, ["line": .integer(firstLine), "key": .text(naturalKey.replacingOccurrences(of: "|", with: " + "))])
    }

    /// A record referring to something no loaded filing defines (``missing(noun:target:)``).
    package static func dangling(kind: RecordKind, line: Int, missing: Message) -> RecordProblem {
        RecordProblem(kind: kind, line: line, problem: .danglingReference, words: .core(.storeRefersTo, ["missing": .message(missing)]))
    }

    /// "firm '9143…', which no loaded filing defines": `noun` is the record kind referred to.
    package static func missing(noun: String, target: String) -> Message {
        .core(.storeUndefined, ["kind": .message(RecordKind(rawValue: noun)?.words ?? .text(noun)), "target": .text(target)])
    }
}
