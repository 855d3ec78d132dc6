import Core
import Foundation

/// Core says what a user can do as a `Remedy`; only here does it become words about regctl's flags.
extension Remedy {
    /// What to do, naming the flags that do it, as a clause that can follow a diagnostic on its line.
    var clause: String {
        switch self {
        case .loadLeniently: "or load with --lenient to load the valid records and write the rejected ones to a file"
        case .replaceFiling: "or load with --replace to replace the loaded filing"
        case .acceptBadUSCC: "if the list really prints this code, load with --accept-bad-uscc"
        case .nameKind: "or name the kind with --kind park|firm|incubator|designation|incubation|annual-report|transfer"
        case .nameEncoding: "name it with --encoding gb18030 or --encoding utf-8"
        case .nameRegistry: "name a registry with --registry PATH (or REGCTL_REGISTRY), or load filings to make one (regctl load samples/filings)"
        case .loadReferencedFirst: "load the filings that define what they refer to first, or in the same command"
        case .retractDependentsFirst: "retract the filings that depend on it first"
        case .listFilings: "`regctl filings` lists the loaded ones"
        case .saveAsXLSX: "open it in Excel or WPS and save it as .xlsx (Excel Workbook), then load that file"
        case .removePassword: "open it, remove the password (File → Info → Protect Workbook) and save it again as .xlsx"
        case .checkFile: "check that this is the workbook you meant (an .xlsx saved by Excel or WPS)"
        case .askForCleanCopy: "ask its sender for a copy saved by Excel or WPS, or for the list as CSV"
        }
    }

    /// The clause as a sentence of its own.
    var sentence: String { clause.prefix(1).uppercased() + clause.dropFirst() + "." }

    /// Whether saying so helps a user who ran the command with these options: a lenient load is not
    /// told to load leniently.
    func helps(lenient: Bool) -> Bool {
        self != .loadLeniently || !lenient
    }
}

extension Diagnostic {
    /// The diagnostic as printed: `file:line: kind: message`, then what the user can do, if anything.
    func words(lenient: Bool = false) -> String {
        guard let remedy, remedy.helps(lenient: lenient) else { return description }
        return "\(description); \(remedy.clause)"
    }
}

extension LoadError {
    /// The error as printed: its diagnostics, a count of those left out, the summary, and the remedies
    /// that can help a user who ran the command with these options.
    func words(lenient: Bool) -> String {
        if case let .workbook(e) = self { return "\(summary) \(e.remedy.sentence)" }
        var lines = diagnostics.map { $0.words(lenient: lenient) }
        if omitted > 0 { lines.append("… and \(omitted) more problems") }
        let help = remedies.filter { $0.helps(lenient: lenient) }.map(\.sentence)
        lines.append(([summary] + help).joined(separator: " "))
        return lines.joined(separator: "\n")
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

    var errorDescription: String? {
        let words = error.errorDescription ?? "\(error)"
        guard let remedy = error.remedy else { return words }
        return "\(words) \(remedy.sentence)"
    }
}

/// Any error of a command as it should read: a file error in plain words, a storage error with its
/// remedy; others as they are.
func worded(_ error: any Error) -> any Error {
    if let store = error as? StoreError { return WordedStoreError(error: store) }
    return FileProblem.readable(error)
}
