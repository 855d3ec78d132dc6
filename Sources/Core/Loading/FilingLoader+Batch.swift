import Foundation

/// What loading many files did, file by file, in the order the files were given.
package struct BatchLoadReport: Sendable {
    /// What became of one file.
    package struct FileOutcome: Sendable {
        package var file: String
        /// The load's report (loaded, replaced or unchanged), or why it failed in its last attempt.
        package var result: Result<LoadReport, any Error>
        /// How many times the file was tried: more than once when it referred to records that another
        /// file of the batch defines, and that file had not loaded yet.
        package var attempts: Int

        /// The report of a file that loaded or was unchanged.
        package var report: LoadReport? { if case .success(let r) = result { r } else { nil } }
        /// The error of a file that failed.
        package var error: (any Error)? { if case .failure(let e) = result { e } else { nil } }
    }

    /// One outcome per file, in the order given (a file named twice appears once).
    package var files: [FileOutcome]
    /// Rounds after the first, in which filings refused only for references were tried again.
    package var retryRounds: Int

    /// Files that loaded, were replaced or were unchanged.
    package var succeeded: [LoadReport] { files.compactMap(\.report) }
    /// Files that failed, with their errors.
    package var failed: [(file: String, error: any Error)] { files.compactMap { f in f.error.map { (f.file, $0) } } }
    /// Records written by the files that loaded (an unchanged file writes none).
    package var records: Int {
        succeeded.reduce(0) { n, r in
            if case .unchanged = r.outcome { return n }
            return n + (r.info?.total ?? 0)
        }
    }
    /// Time spent loading, summed over the files that loaded.
    package var seconds: Double { succeeded.reduce(0) { $0 + $1.seconds } }
}

/// What a batch load tells as it goes, for a progress display and a line per file.
package enum BatchLoadEvent: Sendable {
    /// A file's load begins; `attempt` is 1, or more when the file is tried again.
    case starting(file: String, attempt: Int)
    /// How far the load of that file has got (called from the reading thread).
    case progress(file: String, LoadProgress)
    /// The file loaded, was replaced or was unchanged.
    case loaded(LoadReport)
    /// The file failed this attempt; `deferred` when it was refused only for references, and so is
    /// tried again if another file loads after it.
    case failed(file: String, error: any Error, deferred: Bool)
    /// These files are tried again, since files loaded after them define what they refer to.
    case retrying(files: [String])
}

extension FilingLoader {
    /// The filing files that `paths` name, each once: files as given, folders searched recursively for
    /// .xml and .csv files (in name order) but not for the rejects files that lenient loads write.
    /// A file named twice, or reached through overlapping folders or another spelling of its path
    /// (`./a.xml`, `a.xml`), is listed once, where it first appears.
    package static func filingPaths(in paths: [String]) throws(LoadError) -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        var seen = Set<String>()
        func add(_ path: String) {
            if seen.insert(URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path).inserted { files.append(path) }
        }
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { throw .notFound(path: p) }
            guard isDir.boolValue else {
                add(p)
                continue
            }
            var found: [String] = []
            guard let entries = fm.enumerator(atPath: p) else { throw .noFilings(folder: p) }
            for case let rel as String in entries {
                let full = (p as NSString).appendingPathComponent(rel)
                if format(of: full) != nil, !isRejectsFile(rel) { found.append(full) }
            }
            if found.isEmpty { throw .noFilings(folder: p) }
            found.sorted().forEach(add)
        }
        return files
    }

    /// Whether a file is one that a lenient load wrote (`FILE.rejects.xml`): loaded from a folder, it
    /// would load the records the user has yet to fix.
    static func isRejectsFile(_ path: String) -> Bool {
        (path as NSString).lastPathComponent.contains(".rejects.")
    }

    /// Loads files and folders of them, each file as its own filing (see ``load(path:displayName:options:progress:)``).
    ///
    /// Files that define parks and firms load first, then those that refer to them, so that a folder
    /// loads in one command whatever its names; a filing refused only for references to records that
    /// no loaded filing defines yet is tried again once files after it have loaded, until a round loads
    /// nothing new.
    /// Throws only when a path names nothing loadable; each file's failure is in the report.
    package func load(paths: [String], options: LoadOptions = LoadOptions(),
                     progress: ((BatchLoadEvent) -> Void)? = nil) throws(LoadError) -> BatchLoadReport {
        let files = try FilingLoader.filingPaths(in: paths)
        let unknown = RecordKind.allCases.count
        let rank = files.map { FilingLoader.probableKinds(path: $0, options: options).map(\.order).min() ?? unknown }
        var pending = files.indices.sorted { (rank[$0], $0) < (rank[$1], $1) }
        var outcomes = files.map { BatchLoadReport.FileOutcome(file: $0, result: .failure(LoadError.unreadable(file: $0, reason: .notTried)), attempts: 0) }
        var rounds = 0
        var loads = 0
        while !pending.isEmpty {
            // Each refused file, with how many files had loaded when it was tried.
            var deferred: [(index: Int, loadsBefore: Int)] = []
            for i in pending {
                let file = files[i]
                outcomes[i].attempts += 1
                progress?(.starting(file: file, attempt: outcomes[i].attempts))
                do {
                    let report = try load(path: file, displayName: file, options: options,
                                          progress: progress.map { tell in { tell(.progress(file: file, $0)) } })
                    outcomes[i].result = .success(report)
                    loads += 1
                    progress?(.loaded(report))
                } catch {
                    outcomes[i].result = .failure(error)
                    let retry: Bool
                    if case LoadError.unresolvedReferences = error { retry = true } else { retry = false }
                    if retry { deferred.append((i, loads)) }
                    progress?(.failed(file: file, error: error, deferred: retry))
                }
            }
            // Trying a file again helps only if a file loaded after it was tried.
            pending = deferred.filter { $0.loadsBefore < loads }.map(\.index)
            guard !pending.isEmpty else { break }
            rounds += 1
            progress?(.retrying(files: pending.map { files[$0] }))
        }
        return BatchLoadReport(files: outcomes, retryRounds: rounds)
    }
}
