import Core
import Foundation

/// Core says what a user can do as a `Remedy`; only here does it become words about regctl's flags.
extension Remedy {
    /// What to do, naming the flags that do it, as a clause that can follow a diagnostic on its line.
    func clause(_ w: Words = .current) -> String {
        switch self {
        case .loadLeniently: w(.remedyLoadLeniently)
        case .replaceFiling: w(.remedyReplaceFiling)
        case .acceptBadUSCC: w(.remedyAcceptBadUSCC)
        case .nameKind: w(.remedyNameKind)
        case .nameEncoding: w(.remedyNameEncoding)
        case .nameRegistry: w(.remedyNameRegistry)
        case .loadReferencedFirst: w(.remedyLoadReferencedFirst)
        case .retractDependentsFirst: w(.remedyRetractDependentsFirst)
        case .listFilings: w(.remedyListFilings)
        case .saveAsXLSX: w(.remedySaveAsXLSX)
        case .removePassword: w(.remedyRemovePassword)
        case .checkFile: w(.remedyCheckFile)
        case .askForCleanCopy: w(.remedyAskForCleanCopy)
        case .freeSpace: w(.remedyFreeSpace)
        case .copyWritable: w(.remedyCopyWritable)
        case .retryLater: w(.remedyRetryLater)
        case .checkPermissions: w(.remedyCheckPermissions)
        case .checkRegistry: w(.remedyCheckRegistry)
        case .retry: w(.remedyRetry)
        case .openWritable: w(.remedyOpenWritable)
        case .installClientLibrary: w(.remedyInstallClientLibrary)
        case .checkServer: w(.remedyCheckServer)
        case .checkCredentials: w(.remedyCheckCredentials)
        case .createDatabase: w(.remedyCreateDatabase)
        case .upgradeServer: w(.remedyUpgradeServer)
        case .useGrantedRole: w(.remedyUseGrantedRole)
        case .connectToPrimary: w(.remedyConnectToPrimary)
        }
    }

    var clause: String { clause(.current) }

    /// The clause as a sentence of its own.
    func sentence(_ w: Words = .current) -> String {
        let clause = clause(w)
        // Only English capitalises a sentence; a Chinese one may begin with a command (regctl filings).
        let start = w.language == .en ? clause.prefix(1).uppercased() : String(clause.prefix(1))
        return w(.sentenceOf, ["clause": .text(start + clause.dropFirst())])
    }

    var sentence: String { sentence(.current) }

    /// Whether saying so helps a user who ran the command with these options: a lenient load is not
    /// told to load leniently.
    func helps(lenient: Bool) -> Bool {
        self != .loadLeniently || !lenient
    }
}

extension Diagnostic {
    /// `file:line[:column]: [warning: ]kind: message` in the reader's language: the location as it
    /// stands, the label, the kind and Core's words put in `w`'s language.
    func located(_ w: Words = .current) -> String {
        let label = switch severity {
        case .error: ""
        case .warning: w(.diagnosticWarning)
        case .note: w(.diagnosticNote)
        }
        let english = description
        let head = english.prefix(english.count - message.count - kind.count - 2)
        let englishLabel = severity == .error ? "" : "\(severity.rawValue): "
        return w(.diagnosticLine, ["location": .text(String(head.dropLast(englishLabel.count + 2))), "label": .text(label),
                                   "kind": .text(w(kindWords)), "message": .text(w(wordsOrText))])
    }

    /// The diagnostic as printed: `file:line: kind: message`, then what the user can do, if anything.
    func words(lenient: Bool = false, _ w: Words = .current) -> String {
        guard let remedy, remedy.helps(lenient: lenient) else { return located(w) }
        return w(.clauseAfter, ["text": .text(located(w)), "clause": .text(remedy.clause(w))])
    }
}

extension LoadError {
    /// The closing sentence, without the remedies, in the reader's language (Core's `summary` is the
    /// English one, which this equals under English).
    func summary(_ w: Words) -> String {
        switch self {
        case .refused, .unresolvedReferences:
            let key: CLIKey = diagnostics.contains { $0.problem.isRecordLevel } ? .loadRefused : .loadRefusedFile
            return w(key, ["file": .text(file), "errors": .message(Message(CLIKey.countError, ["count": .integer(errorCount)]))])
        case .noValidRecord:
            return w(.loadNoValidRecord, ["file": .text(file), "errors": .message(Message(CLIKey.countError, ["count": .integer(errorCount)]))])
        case let .conflictingFiling(file, id, loadedFrom):
            return w(.loadConflictingFiling, ["file": .text(file), "id": .text(id), "loadedFrom": .text(loadedFrom)])
        case let .unreadable(file, reason):
            return w(.loadUnreadable, ["file": .text(file), "reason": .message(reason.words)])
        case let .unknownKind(file):
            return w(.loadUnknownKind, ["file": .text(file)])
        case let .notFound(path):
            return w(.loadNotFound, ["path": .text(path)])
        case let .noFilings(folder):
            return w(.loadNoFilings, ["folder": .text(folder)])
        case let .workbook(e):
            return w(.loadWorkbook, ["file": .text(e.file), "part": .text(e.part.map { w(.workbookPart, ["part": .text($0)]) } ?? ""),
                                     "detail": .text(e.words.map { w($0) } ?? e.detail)])
        }
    }

    /// The error as printed: its diagnostics, a count of those left out, the summary, and the remedies
    /// that can help a user who ran the command with these options.
    func words(lenient: Bool, _ w: Words = .current) -> String {
        if case let .workbook(e) = self { return w(.sentenceJoin, ["first": .text(summary(w)), "second": .text(e.remedy.sentence(w))]) }
        var lines = diagnostics.map { $0.words(lenient: lenient, w) }
        if omitted > 0 { lines.append(w(.moreProblems, ["count": .integer(omitted)])) }
        let help = remedies.filter { $0.helps(lenient: lenient) }.map { $0.sentence(w) }
        lines.append(([summary(w)] + help).reduce("") { $0.isEmpty ? $1 : w(.sentenceJoin, ["first": .text($0), "second": .text($1)]) })
        return lines.joined(separator: "\n")
    }
}

extension StoreError {
    /// Core's description in the reader's language (a database's own message stays as it is).
    func words(_ w: Words) -> String {
        switch self {
        case let .noRegistry(path): w(.storeNoRegistry, ["path": .text(path)])
        case let .notARegistry(path, .notSQLite): w(.storeNotSQLite, ["path": .text(path)])
        case let .notARegistry(path, .otherDatabase(tables)):
            w(.storeOtherDatabase, ["path": .text(path), "tables": .text(tables.joined(separator: ", "))])
        case let .newerSchema(path, unknown): w(.storeNewerSchema, ["path": .text(path), "steps": .text(unknown.joined(separator: ", "))])
        case let .cannotOpen(path, reason): w(.storeCannotOpen, ["path": .text(path), "reason": .text(reason)])
        case let .noSuchFiling(id): w(.storeNoSuchFiling, ["id": .text(id)])
        case let .retractionWouldBreak(id, dependents, more):
            w(.storeRetractionWouldBreak, ["id": .text(id), "dependents": .text(
                (dependents.map { d in
                    w(.storeRetractionDependent, ["filing": .text(d.filingID), "line": .integer(d.line),
                                                  "kind": .text(w(d.kind.word)), "target": .text(w(d.words))])
                } + (more > 0 ? [w(.storeRetractionMore, ["count": .count(more)])] : [])).joined(separator: "\n  "))])
        case .database: words.map { w($0) } ?? errorDescription ?? "\(self)"
        }
    }
}

/// Any error of a load as printed: a `LoadError` with the remedies that help, another error by its
/// own description.
func loadErrorWords(_ error: any Error, lenient: Bool) -> String {
    if let e = error as? LoadError { return e.words(lenient: lenient) }
    let error = worded(error)
    return (error as? LocalizedError)?.errorDescription ?? "\(error)"
}

/// A storage error in regctl's words: Core's description, then what the user can do, naming
/// regctl's own flags and commands.
struct WordedStoreError: Error, LocalizedError {
    var error: StoreError
    var w: Words = .current

    var errorDescription: String? {
        let words = error.words(w)
        guard let remedy = error.remedy else { return words }
        return w(.sentenceJoin, ["first": .text(words), "second": .text(remedy.sentence(w))])
    }
}

/// Any error of a command as it should read: a file error in plain words, a storage error with its
/// remedy; others as they are.
func worded(_ error: any Error, _ w: Words = .current) -> any Error {
    if let store = error as? StoreError { return WordedStoreError(error: store, w: w) }
    if let analysis = error as? AnalysisError { return WordedAnalysisError(error: analysis, w: w) }
    if let copy = error as? RegistryCopy.Failure { return WordedMessage(text: w(copy.words)) }
    return FileProblem.readable(error)
}

/// An analysis error (a plugin's, or Core's of a value it was given) in the reader's language, where an
/// argument-parser command (`regctl report`) meets it rather than the plugin runner.
struct WordedAnalysisError: Error, LocalizedError {
    var error: AnalysisError
    var w: Words = .current

    var errorDescription: String? { error.words(w) }
}

/// An error already put in the reader's words.
struct WordedMessage: Error, LocalizedError {
    var text: String
    var errorDescription: String? { text }
}
