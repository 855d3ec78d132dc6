import Core

/// Screen's words as messages of the Eligibility catalogue (Messages/en.json, zh.json): the title,
/// notes, column titles and errors, and each criteria set's titles and requirements not assessed,
/// whose Chinese is the measures' own wording. The English is what the plugin and ``CriteriaSet``
/// always said (docs/plugins.md, "Words").
enum ScreenWords: CatalogueWords {
    static let prefix = "screen"
    static var catalogue: Catalogue { EligibilityMessages.catalogue }

    /// Items joined as a list in a sentence: "a; b; c", "a；b；c".
    static func list(_ items: [Message.Argument]) -> Message.Argument {
        guard let first = items.first else { return "" }
        return items.dropFirst().reduce(first) { message("list", ["a": $0, "b": $1]) }
    }
}

extension CriteriaSet {
    /// The catalogue key of a criterion's title under this set: `screen.criterion.miit-2022.little-giant.rd`.
    public func titleKey(_ criterion: Criterion, program: Program) -> String {
        "screen.criterion.\(id).\(program.rawValue).\(criterion.id)"
    }

    /// The catalogue key of the n-th requirement (from 1) not assessed for `program`.
    public func notAssessedKey(_ number: Int, program: Program) -> String {
        "screen.notAssessed.\(id).\(program.rawValue).\(number)"
    }

    /// A criterion's title as a column heading.
    func title(_ criterion: Criterion, program: Program) -> Wording {
        Wording(Message(titleKey(criterion, program: program)), catalogue: EligibilityMessages.catalogue)
    }

    /// The requirements not assessed for `program`, as message arguments.
    func notAssessed(_ rules: ProgramCriteria) -> [Message.Argument] {
        rules.notAssessed.indices.map { .message(Message(notAssessedKey($0 + 1, program: rules.program))) }
    }
}

extension ScreenPlugin {
    /// Every criteria set's words: the keys of ``CriteriaSet/titleKey(_:program:)`` and
    /// ``CriteriaSet/notAssessedKey(_:program:)`` with the English the set states, for a test that the
    /// catalogue says the same.
    public static var criteriaWords: [(key: String, english: String)] {
        CriteriaSet.all.flatMap { set in
            set.programs.flatMap { rules in
                rules.criteria.map { (set.titleKey($0, program: rules.program), $0.title) }
                    + rules.notAssessed.enumerated().map { (set.notAssessedKey($0.offset + 1, program: rules.program), $0.element) }
            }
        }
    }
}
