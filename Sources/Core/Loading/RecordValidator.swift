/// Turns raw records into typed ones, checking every rule that a single record can break.
///
/// References between records (a designation's firm, an incubation's incubator) are checked by
/// the store once the whole filing is in, because they may point forward in the same filing.
package struct RecordValidator: Sendable {
    /// Admit codes whose check character fails, with a warning (real lists carry a few).
    package var acceptBadUSCC: Bool

    /// The longest value any field may hold, in characters: names and titles are far shorter, so a
    /// longer value is a broken file (a quote that swallowed the rest of it), not data.
    package static let maxFieldLength = 10_000

    package init(acceptBadUSCC: Bool = false) {
        self.acceptBadUSCC = acceptBadUSCC
    }

    /// One rule a record breaks, as data: what kind of problem, the field and value at fault, what the
    /// user can do, and the words last.
    package struct Problem: Sendable, Hashable {
        package var kind: ProblemKind
        /// The field at fault, when one is (a record-wide rule names none).
        package var field: String?
        /// The value as the filing states it, when one is at fault.
        package var value: String?
        /// What the user can do about it, when something other than fixing the record can help.
        package var remedy: Remedy?
        /// The words, as a message of Core's catalogue.
        package var words: Message
        /// The words in English.
        package var message: String

        package init(kind: ProblemKind, field: String? = nil, value: String? = nil, remedy: Remedy? = nil, words: Message) {
            self.kind = kind
            self.field = field
            self.value = value
            self.remedy = remedy
            self.words = words
            self.message = words.english
        }
    }

    /// The outcome for one record: the typed record, or the problems that refuse it; warnings either way.
    package struct Outcome: Sendable {
        package var record: Record?
        package var problems: [Problem]
        /// Rules broken but admitted (a failed USCC check with `acceptBadUSCC`): the record is kept.
        package var warnings: [Problem]
    }

    private struct Reader {
        let raw: RawRecord
        /// The record's fields by position (`raw.values`, a too-long one cut short for quoting).
        var values: [String?]
        var problems: [Problem] = []
        var warnings: [Problem] = []

        mutating func fail(_ kind: ProblemKind, _ field: String?, _ value: String?, _ key: CoreKey, _ arguments: [String: Message.Argument] = [:],
                           remedy: Remedy? = nil) {
            problems.append(Problem(kind: kind, field: field, value: value, remedy: remedy, words: .core(key, arguments)))
        }

        /// A value of `field` that is not of its type: the field and the value are the words' first arguments.
        mutating func invalid(_ field: FieldName, _ value: String, _ key: CoreKey, _ arguments: [String: Message.Argument] = [:]) {
            let name = field.rawValue
            fail(.invalidValue, name, value, key, arguments.merging(["field": .text(name), "value": .text(value)]) { a, _ in a })
        }

        init(_ raw: RawRecord) {
            self.raw = raw
            values = raw.values
            // Sorting the names, for messages in a stable order, only when one is unknown.
            if !raw.unknown.isEmpty {
                for name in raw.unknown.keys.sorted() {
                    fail(.unknownField, name, raw.unknown[name], .validateUnknownField,
                             ["field": .text(name), "kind": .message(raw.kind.words), "fields": .message(.list(raw.kind.fields))])
                }
                for name in raw.unknown.keys.sorted() { tooLong(name, raw.unknown[name]!) }
            }
            let names = raw.kind.fieldNames
            for (i, value) in raw.values.enumerated() {
                if let value, tooLong(names[i], value) {
                    // Later messages quote values; quote the start of this one only.
                    values[i] = String(value.prefix(40)) + "…"
                }
            }
        }

        /// Whether `value` is longer than any field may be (a problem, then).
        @discardableResult
        mutating func tooLong(_ name: String, _ value: String) -> Bool {
            guard value.utf8.count > RecordValidator.maxFieldLength else { return false }
            let length = value.unicodeScalars.count
            guard length > RecordValidator.maxFieldLength else { return false }
            fail(.fieldTooLong, name, nil, .validateFieldTooLong,
                 ["field": .text(name), "length": .integer(length), "limit": .integer(RecordValidator.maxFieldLength)])
            return true
        }

        func text(_ field: FieldName) -> String? {
            guard let slot = raw.kind.slot(of: field), let v = values[slot] else { return nil }
            let t = FilingText.trimmed(v)
            return t.isEmpty ? nil : t
        }

        mutating func required(_ name: FieldName) -> String {
            if let t = text(name) { return t }
            fail(.missingField, name.rawValue, nil, .validateMissingField, ["field": .text(name.rawValue)])
            return ""
        }

        mutating func enumeration<E: FilingEnumeration>(_ name: FieldName, _ type: E.Type, default def: E? = nil) -> E? {
            guard let t = text(name) else {
                if def == nil { fail(.missingField, name.rawValue, nil, .validateMissingField, ["field": .text(name.rawValue)]) }
                return def
            }
            if let v = E(label: t) { return v }
            let aliases = Array(E.aliases.keys.sorted().prefix(6))
            let hint = Suggestions.didYouMeanWords(t, among: E.allCases.map(\.rawValue) + E.aliases.keys.sorted())
            invalid(name, t, .validateNotOneOf, ["values": .message(.list(E.allCases.map(\.rawValue))), "hint": .message(hint),
                                                 "labels": .message(aliases.isEmpty ? .nothing : .core(.validateChineseLabels, ["labels": .message(.list(aliases))]))])
            return def
        }

        mutating func day(_ name: FieldName) -> Day? {
            guard let t = text(name) else { return nil }
            if let d = Day(t) { return d }
            invalid(name, t, .validateNotDate)
            return nil
        }

        mutating func year(_ name: FieldName) -> Int? {
            guard let t = text(name) else { return nil }
            if t.utf8.count == 4, let y = Int(t), (1949...2100).contains(y) { return y }
            invalid(name, t, .validateNotYear)
            return nil
        }

        mutating func count(_ name: FieldName) -> Int? {
            guard let t = text(name) else { return nil }
            if let n = Int(t), n >= 0 { return n }
            invalid(name, t, .validateNotCount)
            return nil
        }

        mutating func money(_ name: FieldName) -> Money? {
            guard let t = text(name) else { return nil }
            guard let m = Money(yuan: t) else {
                invalid(name, t, .validateNotMoney)
                return nil
            }
            if m.fen < 0 {
                invalid(name, t, .validateNegativeMoney)
                return nil
            }
            return m
        }

        mutating func area(_ name: FieldName) -> Double? {
            guard let t = text(name) else { return nil }
            if let a = Double(t), a.isFinite, a >= 0 { return a }
            invalid(name, t, .validateNotArea)
            return nil
        }

        mutating func regionCode(_ name: FieldName) -> String {
            let t = required(name)
            guard !t.isEmpty else { return t }
            guard t.utf8.count == 6, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                invalid(name, t, .validateRegionNotCode)
                return t
            }
            if RegionTable.resolve(t) == nil {
                invalid(name, t, .validateRegionUnknownCode)
            }
            return t
        }

        mutating func identifier(_ name: FieldName) -> String {
            let t = required(name)
            if t.utf8.count > 200 { fail(.fieldTooLong, name.rawValue, nil, .validateIdentifierTooLong, ["field": .text(name.rawValue)]) }
            return t
        }
    }

    /// Validates one raw record.
    package func validate(_ raw: RawRecord) -> Outcome {
        var r = Reader(raw)
        let record: Record?
        switch raw.kind {
        case .park:
            let p = Park(
                id: r.identifier(.id), name: r.required(.name), shortName: r.text(.shortName),
                region: r.regionCode(.region),
                level: r.enumeration(.level, ParkLevel.self) ?? .provincial,
                kind: r.enumeration(.kind, ParkKind.self) ?? .other)
            record = .park(p)
        case .firm:
            let (uscc, ok) = checkUSCC(&r, .uscc, required: true)
            let f = Firm(
                uscc: uscc, name: r.required(.name), region: r.regionCode(.region), park: r.text(.park),
                industry: industry(&r), founded: r.day(.founded),
                status: r.enumeration(.status, FirmStatus.self, default: .active) ?? .active, usccValid: ok,
                formerNames: r.text(.formerNames).map(Firm.splitNames) ?? [])
            record = .firm(f)
        case .incubator:
            var op: String?
            if r.text(.`operator`) != nil { op = checkUSCC(&r, .`operator`, required: false).0 }
            let i = Incubator(
                id: r.identifier(.id), name: r.required(.name),
                kind: r.enumeration(.kind, IncubatorKind.self) ?? .incubator,
                level: r.enumeration(.level, Level.self) ?? .municipal,
                recognized: r.year(.recognized), region: r.regionCode(.region), park: r.text(.park),
                operator: op, areaM2: r.area(.areaM2), focus: r.text(.focus))
            record = .incubator(i)
        case .designation:
            record = designation(&r).map(Record.designation)
        case .link:
            record = .link(link(&r))
        case .incubation:
            let uscc = checkUSCC(&r, .uscc, required: true).0
            let entered = r.day(.entered)
            if entered == nil && r.text(.entered) == nil { _ = r.required(.entered) }
            let inc = Incubation(
                uscc: uscc, incubator: r.identifier(.incubator), entered: entered ?? Day.startOf(year: 1949),
                intake: r.enumeration(.intake, Intake.self, default: .local) ?? .local,
                graduated: r.day(.graduated), exited: r.day(.exited))
            if let e = entered {
                if let g = inc.graduated, g < e { r.fail(.inconsistent, "graduated", nil, .validateBefore, Self.before("graduated", g, "entered", e)) }
                if let x = inc.exited, x < e { r.fail(.inconsistent, "exited", nil, .validateBefore, Self.before("exited", x, "entered", e)) }
            }
            record = .incubation(inc)
        case .annualReport:
            let uscc = checkUSCC(&r, .uscc, required: true).0
            let year = r.year(.year)
            if year == nil && r.text(.year) == nil { _ = r.required(.year) }
            let a = AnnualReport(
                uscc: uscc, year: year ?? 0, revenue: r.money(.revenue), mainRevenue: r.money(.mainRevenue),
                rdExpense: r.money(.rdExpense), employees: r.count(.employees), rdStaff: r.count(.rdStaff),
                inventionPatents: r.count(.inventionPatents), assets: r.money(.assets),
                liabilities: r.money(.liabilities), equityRaised: r.money(.equityRaised))
            if let e = a.employees, let s = a.rdStaff, s > e { r.fail(.inconsistent, "rd-staff", nil, .validateRDStaffAboveEmployees, ["staff": .integer(s), "employees": .integer(e)]) }
            record = .annualReport(a)
        case .transfer:
            let id = r.identifier(.id)
            let title = r.required(.title), source = r.required(.source)
            let sk = r.enumeration(.sourceKind, SourceKind.self)
            let recipient = checkUSCC(&r, .recipient, required: true).0
            let mode = r.enumeration(.mode, TransferMode.self)
            let channel = r.enumeration(.channel, Channel.self, default: .other) ?? .other
            let value = r.money(.value)
            let signed = r.day(.signed)
            if signed == nil && r.text(.signed) == nil { _ = r.required(.signed) }
            record = .transfer(Transfer(
                id: id, title: title, source: source, sourceKind: sk ?? .other, recipient: recipient,
                mode: mode ?? .other, channel: channel, value: value, signed: signed ?? Day.startOf(year: 1949)))
        }
        return Outcome(record: r.problems.isEmpty ? record : nil, problems: r.problems, warnings: r.warnings)
    }

    /// The arguments of ``CoreKey/validateBefore``: `field` on `date` is before `earlierField` on `earlier`.
    private static func before(_ field: String, _ date: Day, _ earlierField: String, _ earlier: Day) -> [String: Message.Argument] {
        ["field": .text(field), "date": .text(date.description), "earlierField": .text(earlierField), "earlier": .text(earlier.description)]
    }

    private func industry(_ r: inout Reader) -> String? {
        guard let t = r.text(.industry) else { return nil }
        let u = t.utf8
        let ok = (1...5).contains(u.count) && u.first! >= 65 && u.first! <= 84 && u.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
        if !ok { r.fail(.invalidValue, "industry", t, .validateIndustry, ["value": .text(t)]) }
        return t
    }

    private func checkUSCC(_ r: inout Reader, _ field: FieldName, required: Bool) -> (String, Bool) {
        let raw = required ? r.required(field) : (r.text(field) ?? "")
        let name = field.rawValue
        guard !raw.isEmpty else { return ("", true) }
        let code = USCC.normalize(raw)
        guard let problem = USCC.problemWords(code) else { return (code, true) }
        let structural = problem.key != CoreKey.usccCheck.rawValue
        let arguments: [String: Message.Argument] = ["field": .text(name), "value": .text(raw), "problem": .message(problem)]
        if acceptBadUSCC && !structural {
            r.warnings.append(Problem(kind: .invalidUSCC, field: name, value: raw, words: .core(.validateUSCCAdmitted, arguments)))
            return (code, false)
        }
        // Only a check character can be a misprint that the list really carries; a wrong structure cannot.
        r.fail(.invalidUSCC, name, raw, .validateUSCCInvalid, arguments, remedy: structural ? nil : .acceptBadUSCC)
        return (code, false)
    }

    /// A region given as a code or a Chinese name must name one unit (a designation's or a link's).
    private func checkRegion(_ r: inout Reader, _ region: String) {
        if RegionResolver.unit(for: region) == nil {
            let trimmed = FilingText.trimmed(region)
            let isCode = trimmed.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
            let ambiguous = isCode ? [] : RegionTable.codes(named: trimmed)
            if ambiguous.count > 1 {
                let names = ambiguous.map { "\($0) \(RegionTable.region(code: $0)?.name ?? "")" }
                r.fail(.invalidValue, "region", region, .validateRegionAmbiguous,
                       ["value": .text(region), "count": .integer(ambiguous.count), "names": .message(.list(names))])
            } else {
                let hint = isCode ? Message.nothing : Suggestions.didYouMeanWords(trimmed, among: RegionTable.upperLevelNames)
                r.fail(.invalidValue, "region", region, .validateRegionUnknownName, ["value": .text(region), "hint": .message(hint)])
            }
        }
    }

    private func link(_ r: inout Reader) -> Link {
        let name = r.required(.name)
        let region = r.required(.region)
        if !region.isEmpty { checkRegion(&r, region) }
        let uscc = checkUSCC(&r, .uscc, required: true).0
        let decision = r.enumeration(.decision, LinkDecision.self) ?? .different
        return Link(name: name, region: region, uscc: uscc, decision: decision, note: r.text(.note))
    }

    private func designation(_ r: inout Reader) -> Designation? {
        var uscc: String?
        if r.text(.uscc) != nil { uscc = checkUSCC(&r, .uscc, required: false).0 }
        let firm = r.text(.firm)
        let region = r.text(.region)
        if uscc == nil {
            if firm == nil { r.fail(.missingField, "uscc", nil, .validateDesignationNeedsFirm) }
            else if region == nil { r.fail(.missingField, "region", nil, .validateDesignationNeedsRegion, ["firm": .text(firm!)]) }
        }
        if let region { checkRegion(&r, region) }
        let program = r.enumeration(.program, Program.self)
        let level = r.enumeration(.level, Level.self)
        let year = r.year(.year)
        let from = r.day(.validFrom), to = r.day(.validTo)
        var status = r.enumeration(.status, DesignationStatus.self, default: .active) ?? .active
        let revokedOn = r.day(.revokedOn)
        if let from, let to, to < from { r.fail(.inconsistent, "valid-to", nil, .validateBefore, Self.before("valid-to", to, "valid-from", from)) }
        if revokedOn != nil {
            if r.text(.status) == nil { status = .revoked }
            else if status == .active { r.fail(.inconsistent, "revoked-on", nil, .validateRevokedButActive) }
        }
        guard let program, let level, let year else { return nil }
        return Designation(
            uscc: uscc, firmName: firm, region: region, program: program, level: level, year: year,
            batch: r.text(.batch), validFrom: from, validTo: to, status: status, revokedOn: revokedOn)
    }
}

/// Resolves the regions that filings state, as codes or Chinese names, to unit prefixes.
package enum RegionResolver {
    /// The unit a stated region denotes, as a code prefix: "43" for 湖南省 or 430000, "3502" for 厦门市,
    /// "430211" for a county (a retired county code resolves to its current code).
    package static func unit(for stated: String) -> String? {
        let t = FilingText.trimmed(stated)
        let code: String
        if t.utf8.count == 6, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard let r = RegionTable.resolve(t) else { return nil }
            code = r.current
        } else {
            let matches = RegionTable.codes(named: t)
            guard matches.count == 1 else { return nil }
            code = matches[0]
        }
        return prefix(code)
    }

    /// A six-digit code reduced to its unit: 430000 → 43, 350200 → 3502, 430211 → 430211.
    package static func prefix(_ code: String) -> String {
        if code.hasSuffix("0000") { return String(code.prefix(2)) }
        if code.hasSuffix("00") { return String(code.prefix(4)) }
        return code
    }
}

import Foundation
