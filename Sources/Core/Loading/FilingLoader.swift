import Foundation

/// How to load a filing.
package struct LoadOptions: Sendable {
    /// Record kind of a CSV file, when its name does not tell.
    package var kind: RecordKind?
    /// Encoding of a CSV file; nil detects UTF-8 or GB18030.
    package var encoding: TextEncoding?
    /// Filing id, authority, issue date and title of a CSV file (override its sidecar).
    package var filingID: String?
    package var authority: String?
    package var issued: Day?
    package var title: String?
    /// Load the valid records and report the rejected ones, instead of refusing the filing.
    package var lenient: Bool
    /// Replace a loaded filing with the same id and other content.
    package var replace: Bool
    /// Admit USCCs whose check character fails, with a warning.
    package var acceptBadUSCC: Bool
    /// Most problems listed in a refusal; the rest are counted.
    package var maxReported: Int
    /// Fields every record gets, titles mapped to fields, unknown columns ignored (CSV and workbooks;
    /// `set` adds to, and overrides field by field, the sidecar's).
    package var columns = ColumnOptions()
    /// The sheets of a workbook to read; empty reads the visible ones.
    package var sheets: [String] = []

    package init(kind: RecordKind? = nil, encoding: TextEncoding? = nil, filingID: String? = nil, authority: String? = nil,
                issued: Day? = nil, title: String? = nil, lenient: Bool = false, replace: Bool = false,
                acceptBadUSCC: Bool = false, maxReported: Int = 50) {
        self.kind = kind
        self.encoding = encoding
        self.filingID = filingID
        self.authority = authority
        self.issued = issued
        self.title = title
        self.lenient = lenient
        self.replace = replace
        self.acceptBadUSCC = acceptBadUSCC
        self.maxReported = maxReported
    }
}

/// What loading one file did.
package struct LoadReport: Sendable {
    package enum Outcome: Sendable, Equatable {
        /// Loaded as a new filing.
        case loaded
        /// Replaced a filing with the same id.
        case replaced
        /// The same bytes were loaded before (as the filing with this id); nothing changed.
        case unchanged(existingID: String)
    }

    package var file: String
    package var outcome: Outcome
    package var info: FilingInfo?
    package var warnings: [Diagnostic]
    /// Records left out in lenient mode, each with its problem and its fields.
    package var rejected: [Rejected]
    package var seconds: Double
    /// Time by phase (zero for an unchanged file).
    package var timings = LoadTimings()

    /// A record left out, with what was wrong and what it said.
    package struct Rejected: Sendable {
        package var diagnostic: Diagnostic
        package var fields: [String: String]

        package init(diagnostic: Diagnostic, fields: [String: String]) {
            self.diagnostic = diagnostic
            self.fields = fields
        }
    }
}

/// How far a load has got, for a progress display: bytes of the file read, records handled.
package struct LoadProgress: Sendable, Equatable {
    package var bytesRead: Int
    /// The file's size; 0 when it cannot be told.
    package var totalBytes: Int
    package var records: Int

    package init(bytesRead: Int, totalBytes: Int, records: Int) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.records = records
    }
}

/// Where the time of one load went, in seconds.
package struct LoadTimings: Sendable, Equatable {
    /// Reading and parsing the file (XML or CSV) into raw records.
    package var parse: Double = 0
    /// Checking raw records and typing them.
    package var validate: Double = 0
    /// Writing records, the whole-filing checks and the commit.
    package var store: Double = 0

    package init(parse: Double = 0, validate: Double = 0, store: Double = 0) {
        self.parse = parse
        self.validate = validate
        self.store = store
    }
}

/// Loads filings from files into a store: parse, validate, write, all in one transaction.
package struct FilingLoader {
    package let store: any RegistryStore

    package init(store: any RegistryStore) {
        self.store = store
    }

    /// The format a file is read as, from its extension.
    package static func format(of path: String) -> FilingFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "xml": .xml
        case "csv": .csv
        // The legacy workbook formats too, to be refused with a word on saving them as .xlsx.
        case "xlsx", "xlsm", "xls", "xlt", "et", "ett", "xlsb": .xlsx
        default: nil
        }
    }

    /// The record kinds a file probably holds, read cheaply: a CSV file's kind (options, sidecar or
    /// file name), or the record elements among an XML file's first 64 KiB. Used to load files that
    /// define parks and firms before those that refer to them.
    package static func probableKinds(path: String, options: LoadOptions = LoadOptions()) -> Set<RecordKind> {
        switch format(of: path) {
        case .csv?, .xlsx?:
            let sidecar = (try? CSVSidecar.read(for: path, displayName: path)) ?? CSVSidecar()
            return (options.kind ?? sidecar.kind ?? CSVFilingReader.kind(fromFileName: path)).map { [$0] } ?? []
        case .xml?:
            guard let fh = FileHandle(forReadingAtPath: path) else { return [] }
            defer { try? fh.close() }
            let head = String(decoding: (try? fh.read(upToCount: 64 * 1024)) ?? Data(), as: UTF8.self)
            var kinds = Set<RecordKind>()
            for kind in RecordKind.allCases {
                for end in [" ", "/", ">", "\n", "\t"] where head.contains("<\(kind.rawValue)\(end)") {
                    kinds.insert(kind)
                }
            }
            return kinds
        case nil:
            return []
        }
    }

    /// Loads one file. Throws ``LoadError`` when the filing is refused; the store is then unchanged.
    ///
    /// `progress`, when given, is called as the file is read (every few hundred records and after each
    /// chunk of bytes); it must be cheap, and draw nothing itself in Core's callers' place.
    package func load(path: String, displayName: String? = nil, options: LoadOptions = LoadOptions(),
                     progress: ((LoadProgress) -> Void)? = nil) throws -> LoadReport {
        do {
            return try load(path: path, displayName: displayName, options: options, hashFirst: false, progress: progress)
        } catch is ContentHashNeeded {
            return try load(path: path, displayName: displayName, options: options, hashFirst: true, progress: progress)
        }
    }

    /// A filing found, once its hash was known, to have been loaded before: the load is rolled back.
    private struct LoadedBefore: Error {
        var info: FilingInfo
    }

    /// Loads one file, hashing it before parsing it (`hashFirst`, or when the hash is needed before
    /// the parse: a workbook, read part by part; an id made from the hash) or while parsing it, so that
    /// it is read once (issue #19). A file hashed while parsing that turns out to be loaded before is
    /// parsed for nothing and rolled back; a file of a name loaded before is hashed first, so that the
    /// usual case — the same folder loaded again — stays a hash and no parse.
    private func load(path: String, displayName: String?, options: LoadOptions, hashFirst: Bool,
                      progress: ((LoadProgress) -> Void)?) throws -> LoadReport {
        let name = displayName ?? path
        let started = Date()
        let totalBytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        var bytesRead = 0
        guard let format = FilingLoader.format(of: path) else {
            throw LoadError.unreadable(file: name, reason: .notAFiling)
        }
        var sidecar = CSVSidecar()
        if format != .xml { sidecar = try CSVSidecar.read(for: path, displayName: name) }
        let idFromHash = format != .xml && options.filingID == nil && sidecar.id == nil
        let knownSHA = hashFirst || format == .xlsx || idFromHash ? try SHA256.hex(ofFile: path, displayName: name) : nil
        let digest = knownSHA == nil ? ContentDigest() : nil
        /// The id a filing gets when neither the file nor the options give one; the hash is known then.
        func defaultID(_ stem: String) -> String { "\(stem)-\((knownSHA ?? "").prefix(12))" }
        let validator = RecordValidator(acceptBadUSCC: options.acceptBadUSCC)
        var columns = options.columns
        columns.set = sidecar.set.merging(options.columns.set) { _, given in given }
        if format != .xml, !columns.set.isEmpty, let kind = options.kind ?? sidecar.kind ?? CSVFilingReader.kind(fromFileName: path) {
            // Checked before anything loads: a bad list-wide field would refuse every record.
            let problems = ListWideFields.problems(columns.set, kind: kind, validator: validator)
            if !problems.isEmpty {
                throw LoadError.refused(file: name, diagnostics: problems.map {
                    Diagnostic(file: name, line: nil, kind: kind.rawValue, problem: .invalidValue, words: .core(.loadListWideField, ["problem": .message($0)]))
                }, omitted: 0, remedies: [])
            }
        }

        func unchanged(_ existing: FilingInfo) -> LoadReport {
            LoadReport(file: name, outcome: .unchanged(existingID: existing.header.id), info: existing,
                       warnings: [], rejected: [], seconds: Date().timeIntervalSince(started))
        }
        do {
          return try store.withFilingSession { session in
            if let knownSHA, let existing = try session.filing(withSHA256: knownSHA) {
                return unchanged(existing)
            }
            if knownSHA == nil, try session.hasFiling(fromSource: name) { throw ContentHashNeeded() }
            var errors: [Diagnostic] = []
            var omitted = 0
            var onlyReferences = true
            var warnings: [Diagnostic] = []
            var rejected: [LoadReport.Rejected] = []
            var replaced = false

            func report(_ d: Diagnostic, fields: [String: String]? = nil) {
                if d.problem != .danglingReference { onlyReferences = false }
                if options.lenient, let fields {
                    rejected.append(.init(diagnostic: d, fields: fields))
                } else if errors.count < options.maxReported {
                    errors.append(d)
                } else {
                    omitted += 1
                }
            }

            func begin(_ header: FilingHeader) throws {
                replaced = try session.begin(header, source: name, format: format, sha256: knownSHA, replace: options.replace)
            }

            // Parsing and validating run on a second thread while this one writes: on two cores a
            // load then takes about as long as its slower half rather than the sum of both. The
            // writer still sees every record in file order, and begins the filing, inserts, reports
            // and refuses exactly as when one thread did all of it.
            let pipe = RecordPipe()
            let producer = RecordProducer()
            var recordsRead = 0
            var timings = LoadTimings()
            let validateNanos = ManagedCounter()
            let onlySheet = ManagedBox<String?>(nil)
            producer.work = {
                var batch: [RecordPipe.Item] = []
                batch.reserveCapacity(RecordPipe.batchSize)
                func tell() { progress?(LoadProgress(bytesRead: bytesRead, totalBytes: totalBytes, records: recordsRead)) }
                func bytes(_ n: Int) {
                    bytesRead = n
                    tell()
                }
                func flush() throws {
                    guard !batch.isEmpty else { return }
                    try pipe.put(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                func handle(_ raw: RawRecord) throws {
                    recordsRead += 1
                    if recordsRead % 256 == 0 { tell() }
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    let outcome = validator.validate(raw)
                    validateNanos.value += DispatchTime.now().uptimeNanoseconds - t0
                    func column(_ field: String?) -> Int? { raw.column ?? field.flatMap { raw.fieldColumns?[$0] } }
                    for w in outcome.warnings {
                        batch.append(.warning(Diagnostic(file: name, line: raw.line, column: column(w.field), sheet: raw.sheet, kind: raw.kind.rawValue,
                                                         problem: w.kind, remedy: w.remedy, severity: .warning, words: w.words)))
                    }
                    if let record = outcome.record {
                        batch.append(.record(record, line: raw.line))
                    } else {
                        // One diagnostic per record, so that a strict and a lenient load count alike.
                        let words = outcome.problems.dropFirst().reduce(outcome.problems.first?.words ?? .nothing) {
                            .core(.coreJoined, ["first": .message($0), "second": .message($1.words)])
                        }
                        batch.append(.problem(Diagnostic(
                            file: name, line: raw.line, column: column(outcome.problems.first?.field), sheet: raw.sheet, kind: raw.kind.rawValue,
                            problem: outcome.problems.first?.kind ?? .invalidValue,
                            remedy: outcome.problems.lazy.compactMap(\.remedy).first, words: words), fields: raw.fields))
                    }
                    if batch.count >= RecordPipe.batchSize { try flush() }
                }
                switch format {
                case .xml:
                    try XMLFilingReader(path: path, displayName: name).read(
                        header: { header, _ in
                            batch.append(.header(header))
                            try flush()
                        },
                        record: handle, progress: progress == nil ? nil : bytes, digest: digest)
                case .csv:
                    let kind = try options.kind ?? sidecar.kind ?? CSVFilingReader.kind(fromFileName: path) ?? { throw LoadError.unknownKind(file: name) }()
                    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                    batch.append(.header(FilingHeader(
                        id: options.filingID ?? sidecar.id ?? defaultID(stem),
                        authority: options.authority ?? sidecar.authority ?? "(not stated)",
                        issued: options.issued ?? sidecar.issued, title: options.title ?? sidecar.title)))
                    try flush()
                    var reader = CSVFilingReader(path: path, displayName: name, kind: kind, encoding: options.encoding ?? sidecar.encoding)
                    reader.columns = columns
                    try reader.read(record: handle, warning: { batch.append(.warning($0)) },
                                    progress: progress == nil ? nil : { n in if n != bytesRead { bytes(n) } }, digest: digest)
                case .xlsx:
                    var reader = XLSXFilingReader(path: path, displayName: name, kind: options.kind ?? sidecar.kind)
                    reader.columns = columns
                    reader.sheets = options.sheets
                    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                    let found = try reader.read(
                        begin: { title in
                            batch.append(.header(FilingHeader(
                                id: options.filingID ?? sidecar.id ?? defaultID(stem),
                                authority: options.authority ?? sidecar.authority ?? "(not stated)",
                                issued: options.issued ?? sidecar.issued, title: options.title ?? sidecar.title ?? title)))
                            try flush()
                        },
                        record: handle,
                        problem: { d, fields in
                            recordsRead += 1
                            batch.append(.problem(d, fields: fields))
                        },
                        warning: { batch.append(.warning($0)) })
                    onlySheet.value = found.onlySheet
                }
                try flush()
            }
            producer.start(pipe)
            // Whatever ends this writer's side (a refusal, a full disk) stops the parser and waits for
            // it, so no thread outlives the load.
            defer { producer.stop(pipe) }

            var sawHeader = false
            var storeNanos: UInt64 = 0
            while let batch = try pipe.take() {
                let t0 = DispatchTime.now().uptimeNanoseconds
                for item in batch {
                    switch item {
                    case .header(let header):
                        sawHeader = true
                        try begin(header)
                    case .record(let record, let line):
                        // Even after a refused record: the whole-filing checks must see every valid
                        // record, or a strict load would count fewer problems than a lenient one.
                        try session.insert(record, line: line)
                    case .problem(let diagnostic, let fields):
                        report(diagnostic, fields: fields)
                    case .warning(let diagnostic):
                        warnings.append(diagnostic)
                    }
                }
                storeNanos += DispatchTime.now().uptimeNanoseconds - t0
            }
            producer.stop(pipe)
            if format == .xml && !sawHeader {
                throw LoadError.refused(file: name, diagnostics: [Diagnostic(file: name, line: 1, kind: "xml", problem: .malformed, words: .core(.xmlNoRoot))], omitted: 0, remedies: [])
            }
            timings.validate = Double(validateNanos.value) / 1e9
            timings.store = Double(storeNanos) / 1e9
            let parsed = Date().timeIntervalSince(started)
            // The phases overlap now: parse is what the reading thread spent outside validation.
            timings.parse = max(0, producer.seconds - timings.validate)
            bytesRead = totalBytes
            progress?(LoadProgress(bytesRead: bytesRead, totalBytes: totalBytes, records: recordsRead))

            if recordsRead == 0 {
                // An empty filing would state nothing yet move the default as-of date.
                // The warnings say why (a workbook's sheets skipped for want of a header row).
                throw LoadError.refused(file: name, diagnostics: warnings + [Diagnostic(
                    file: name, line: nil, kind: format.rawValue, problem: .empty,
                    words: .core(.loadFilingEmpty))], omitted: 0, remedies: [])
            }
            if let digest {
                // Read to its end: the hash is complete, and may name a filing loaded before.
                let sha = digest.hex
                if let existing = try session.filing(withSHA256: sha) { throw LoadedBefore(info: existing) }
                try session.identify(sha256: sha)
            }
            // A strict load drops what the whole-filing checks refuse too, as a lenient one does, before
            // it refuses the filing: dropping a record can leave others referring to it, and both modes
            // must find (and count) those alike.
            let (info, problems) = try session.finish(dropInvalid: true)
            for p in problems {
                report(Diagnostic(file: name, line: p.line, sheet: onlySheet.value, kind: p.kind.rawValue, problem: p.problem, words: p.words ?? .text(p.message)), fields: [:])
            }
            let valid = info.total
            let problemCount = options.lenient ? rejected.count : errors.count + omitted
            if problemCount > 0 {
                var listed = errors, left = omitted
                if options.lenient {
                    listed = rejected.prefix(options.maxReported).map(\.diagnostic)
                    left = rejected.count - listed.count
                }
                if onlyReferences && (valid == 0 || !options.lenient) {
                    // Worth a retry once the filings that define what it refers to are in.
                    throw LoadError.unresolvedReferences(file: name, diagnostics: listed + warnings, omitted: left,
                                                         remedies: valid > 0 ? [.loadReferencedFirst, .loadLeniently] : [.loadReferencedFirst])
                }
                if valid == 0 {
                    // Recording a filing that states nothing would only move the default as-of date.
                    throw LoadError.noValidRecord(file: name, diagnostics: listed + warnings, omitted: left,
                                                  header: info.header, rejected: rejected)
                }
                if !options.lenient {
                    throw LoadError.refused(file: name, diagnostics: listed + warnings, omitted: left, remedies: [.loadLeniently])
                }
            }
            let finished = Date().timeIntervalSince(started)
            timings.store += finished - parsed
            return LoadReport(file: name, outcome: replaced ? .replaced : .loaded, info: info, warnings: warnings,
                              rejected: rejected, seconds: finished, timings: timings)
          }
        } catch let before as LoadedBefore {
            return unchanged(before.info)
        }
    }
}

/// What the reading thread hands the writing one, in file order.
final class RecordPipe: @unchecked Sendable {
    enum Item: Sendable {
        case header(FilingHeader)
        case record(Record, line: Int)
        case problem(Diagnostic, fields: [String: String])
        case warning(Diagnostic)
    }

    static let batchSize = 512
    /// Batches in flight at most: what bounds a load's memory, whatever the file's size.
    static let capacity = 8

    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var ended = false
    private var failure: (any Error)?
    private var cancelled = false

    struct Cancelled: Error {}

    /// Blocks while the writer is behind; throws when the writer has given up.
    func put(_ batch: [Item]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= RecordPipe.capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    /// The reader is done, with the error that stopped it, if any.
    func end(_ error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        ended = true
        failure = error
        condition.broadcast()
    }

    /// The next batch; nil when the reader finished; throws the reader's error after the batches before it.
    func take() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !ended { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure, !(failure is Cancelled) { throw failure }
        return nil
    }

    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }
}

/// The reading thread of a load: runs `work` once, ending the pipe with its outcome.
final class RecordProducer: @unchecked Sendable {
    var work: () throws -> Void = {}
    private(set) var seconds: Double = 0
    private let finished = DispatchSemaphore(value: 0)
    private var started = false
    private var joined = false

    func start(_ pipe: RecordPipe) {
        started = true
        DispatchQueue.global().async { [self] in
            let t0 = DispatchTime.now().uptimeNanoseconds
            var error: (any Error)?
            do { try work() } catch let e { error = e }
            seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            pipe.end(error)
            finished.signal()
        }
    }

    /// Stops the reader (if still running) and waits for it; later calls return at once.
    func stop(_ pipe: RecordPipe) {
        guard started, !joined else { return }
        pipe.cancel()
        finished.wait()
        joined = true
    }
}

/// A number the reading thread adds to and the writer reads after joining it.
final class ManagedCounter: @unchecked Sendable {
    var value: UInt64 = 0
}

/// A value the reading thread sets and the writer reads after joining it.
final class ManagedBox<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// Filing metadata for a CSV file, from `<file>.meta.json` beside it.
struct CSVSidecar: Decodable {
    var id: String?
    var authority: String?
    var issued: Day?
    var title: String?
    var kind: RecordKind?
    var encoding: TextEncoding?
    /// Fields every record of the filing gets (`"set": {"program": "little-giant", "year": 2024}`).
    var set: [String: String] = [:]

    static func path(for csv: String) -> String { csv + ".meta.json" }

    static func read(for csv: String, displayName: String) throws -> CSVSidecar {
        let p = path(for: csv)
        guard let data = FileManager.default.contents(atPath: p) else { return CSVSidecar() }
        do {
            return try JSONDecoder().decode(CSVSidecar.self, from: data)
        } catch {
            throw LoadError.unreadable(file: displayName + ".meta.json", reason: .invalidSidecar(problem: problem(error, in: data)))
        }
    }

    /// What is wrong, as Core's message: not JSON (Foundation's account of where, quoted), not an
    /// object, or a field whose value does not fit (named with the value as written) — never Swift's
    /// dump of the decoding error.
    private static func problem(_ error: any Error, in data: Data) -> Message {
        guard let error = error as? DecodingError else { return .text("\(error)") }
        let context: DecodingError.Context
        switch error {
        case let .typeMismatch(_, c), let .valueNotFound(_, c), let .keyNotFound(_, c), let .dataCorrupted(c): context = c
        @unknown default: return .text("\(error)")
        }
        let path = context.codingPath.map(\.stringValue)
        guard !path.isEmpty else {
            if case .dataCorrupted = error {
                let why = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
                return .core(.sidecarNotJSON, ["detail": .text(why)])
            }
            return .core(.sidecarNotObject)
        }
        var value: Any? = try? JSONSerialization.jsonObject(with: data)
        for key in path { value = (value as? [String: Any])?[key] }
        let written = value.map { v in (v as? String) ?? ((try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed])).map { String(decoding: $0, as: UTF8.self) } ?? "\(v)") } ?? ""
        return .core(.sidecarBadField, ["field": .text(path.joined(separator: ".")), "value": .text(written)])
    }

    init() {}

    enum CodingKeys: String, CodingKey { case id, authority, issued, title, kind, encoding, set }

    /// A value of `set`: text, or a number as JSON writes a year.
    private struct Value: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { text = String(i) } else { text = try c.decode(String.self) }
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        authority = try c.decodeIfPresent(String.self, forKey: .authority)
        issued = try c.decodeIfPresent(Day.self, forKey: .issued)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        if let k = try c.decodeIfPresent(String.self, forKey: .kind) {
            guard let kind = RecordKind(word: k) else {
                throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "kind '\(k)' is not a record kind")
            }
            self.kind = kind
        }
        if let e = try c.decodeIfPresent(String.self, forKey: .encoding) {
            guard let enc = TextEncoding(name: e) else {
                throw DecodingError.dataCorruptedError(forKey: .encoding, in: c, debugDescription: "encoding '\(e)' is not utf-8 or gb18030")
            }
            encoding = enc
        }
        set = try c.decodeIfPresent([String: Value].self, forKey: .set)?.mapValues(\.text) ?? [:]
    }
}
