import Core
import Foundation

/// How one criterion came out for one firm.
public enum Outcome: String, Sendable, Hashable {
    case pass, fail
    /// The reports lack a figure the criterion needs.
    case missing = "n/a"

    /// Both must pass: any failure fails, else any missing figure leaves it open (three-valued AND).
    static func all(_ outcomes: [Outcome]) -> Outcome {
        if outcomes.contains(.fail) { return .fail }
        if outcomes.contains(.missing) { return .missing }
        return .pass
    }

    /// Either may pass: any pass passes, else any missing figure leaves it open (three-valued OR).
    static func any(_ outcomes: [Outcome]) -> Outcome {
        if outcomes.contains(.pass) { return .pass }
        if outcomes.contains(.missing) { return .missing }
        return .fail
    }
}

/// A criterion's outcome with the figures that decided it.
public struct Finding: Sendable, Hashable {
    /// Pass, fail or n/a.
    public var outcome: Outcome
    /// The figures and the bound: `72.4% (≥ 70%)`, or what is missing (English). Worded when read,
    /// not when judged: a screen judges every reporting firm and shows a few of them.
    public var figures: String {
        get {
            guard let phrase else { return written }
            var out = ""
            phrase.writeEnglish(into: &out)
            return out
        }
        set {
            written = newValue
            makePhrase = nil
            given = nil
        }
    }
    /// The figures as a message of the Eligibility catalogue, for a reader of another language.
    public var message: Message? {
        get { phrase?.message ?? given }
        set {
            written = newValue.map { EligibilityMessages.catalogue.words($0, in: .en) } ?? written
            makePhrase = nil
            given = newValue
        }
    }
    /// The figures as data, made when read: judging needs the outcome only, and a screen judges every
    /// reporting firm (the figures' text was most of the time of judging one).
    var phrase: Phrase? { makePhrase?() }
    private var makePhrase: (@Sendable () -> Phrase)?
    /// The figures as given (`init(outcome:figures:)`, or the setters), for a finding without a phrase.
    private var written: String
    /// A message given through `message`'s setter.
    private var given: Message?

    /// A finding.
    public init(outcome: Outcome, figures: String) {
        self.outcome = outcome
        self.written = figures
    }

    /// A finding whose figures are a phrase (`screen.figures.<key>`); the arguments are worked out
    /// when it is read.
    init(_ outcome: Outcome, _ key: String, _ arguments: @escaping @autoclosure @Sendable () -> KeyValuePairs<String, Phrase.Part> = [:]) {
        self.outcome = outcome
        self.written = ""
        self.makePhrase = { Phrase(key, arguments()) }
    }

    /// Two findings are equal when they read the same.
    public static func == (a: Finding, b: Finding) -> Bool { a.outcome == b.outcome && a.figures == b.figures }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(outcome)
        hasher.combine(figures)
    }

    /// The report cell: `pass: 72.4% (≥ 70%)`.
    public var text: String { "\(outcome.rawValue): \(figures)" }
}

/// A firm's overall verdict.
public enum Verdict: String, Sendable, Hashable, CaseIterable {
    /// Every quantitative criterion passes.
    case eligible
    /// None fails, but some cannot be judged for missing figures.
    case incomplete
    /// At least one fails.
    case notEligible = "not eligible"

    /// The verdict of a firm's findings.
    public init(_ findings: [Finding]) {
        switch Outcome.all(findings.map(\.outcome)) {
        case .pass: self = .eligible
        case .missing: self = .incomplete
        case .fail: self = .notEligible
        }
    }
}

/// What a screen knows of a firm: its founding date and annual reports by year.
public struct FirmFigures: Sendable, Hashable {
    /// Founding date, if the firm record gives one.
    public var founded: Day?
    /// Annual reports by year.
    public var reports: [Int: AnnualReport]

    /// Figures of a firm.
    public init(founded: Day?, reports: [AnnualReport]) {
        self.founded = founded
        self.reports = Dictionary(reports.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Rule {
    /// Decides the rule for a firm whose last report year is `year` (Y).
    public func assess(_ firm: FirmFigures, year y: Int) -> Finding {
        let r = firm.reports[y], prev = firm.reports[y - 1]
        let year: Phrase.Part = .integer(y)
        switch self {
        case .yearsSinceFounding(let n):
            let cutoff = Day(year: y - n, month: 12, day: 31)!
            guard let founded = firm.founded else { return Finding(.missing, "noFounding") }
            return Finding(founded <= cutoff ? .pass : .fail, "founded", ["founded": .date(founded), "cutoff": .date(cutoff)])

        case .mainRevenueShare(let p):
            guard let main = r?.mainRevenue else { return .absent("mainRevenue", y) }
            guard let revenue = r?.revenue else { return .absent("revenue", y) }
            guard revenue.fen > 0 else { return Finding(.missing, "revenueZero", ["year": year]) }
            let share = Ratio(main, revenue)
            return Finding(share.atLeast(p) ? .pass : .fail, "atLeast", ["value": .text(share.percentText(against: p)), "bound": .integer(p)])

        case .mainRevenueGrowth(let p):
            var m: [Money] = []
            for year in (y - 2)...y {
                guard let v = firm.reports[year]?.mainRevenue else { return .absent("mainRevenue", year) }
                m.append(v)
            }
            for (i, v) in m.prefix(2).enumerated() where v.fen <= 0 {
                return Finding(.missing, "growthUndefined", ["year": .integer(y - 2 + i)])
            }
            // Mean of (m1/m0 − 1) and (m2/m1 − 1) = (m1² + m0·m2 − 2·m0·m1) / (2·m0·m1), kept exact.
            let (m0, m1, m2) = (m[0].fen, m[1].fen, m[2].fen)
            let mean = Ratio.meanGrowth(m0, m1, m2)
            let g1 = Ratio(num: Int128(m1) - Int128(m0), den: Int128(m0)), g2 = Ratio(num: Int128(m2) - Int128(m1), den: Int128(m1))
            return Finding(mean.atLeast(p) ? .pass : .fail, "growth",
                           ["first": .text(g1.signedPercentText), "firstYear": .integer(y - 1), "second": .text(g2.signedPercentText), "year": year,
                            "mean": .text(mean.percentText(against: p)), "bound": .integer(p)])

        case .rdByRevenueBand(let bands):
            guard let revenue = r?.revenue else { return .absent("revenue", y) }
            guard let band = bands.first(where: { $0.contains(revenue) }) else {
                return Finding(.missing, "noBand", ["revenue": MoneyText.millions(revenue)])
            }
            let headWords: @Sendable () -> Phrase.Part = { figureWords("bandHead", ["revenue": MoneyText.millions(revenue, against: band.revenueFrom, band.revenueBelow), "band": band.label]) }
            switch band.requirement {
            case .shareEachYear(let p):
                var outcomes: [Outcome] = []
                var stated: [(year: Int, share: Ratio?, why: String)] = []
                for (year, report) in [(y - 1, prev), (y, r)] {
                    let why: String
                    if let rd = report?.rdExpense, let rev = report?.revenue, rev.fen > 0 {
                        let share = Ratio(rd, rev)
                        outcomes.append(share.atLeast(p) ? .pass : .fail)
                        stated.append((year, share, ""))
                        continue
                    } else if report?.rdExpense == nil {
                        why = "noRD"
                    } else if report?.revenue == nil {
                        why = "noRevenue"
                    } else {
                        why = "revenueZeroShort"
                    }
                    outcomes.append(.missing)
                    stated.append((year, nil, why))
                }
                let years = stated
                return Finding(Outcome.all(outcomes), "rdShares", {
                    let parts: [Phrase.Part] = years.map { s in
                        s.share.map { figureWords("yearShare", ["year": .integer(s.year), "share": .text($0.percentText(against: p))]) }
                            ?? figureWords("yearNotKnown", ["year": .integer(s.year), "why": figureWords(s.why)])
                    }
                    return ["head": headWords(), "parts": figureWords("list", ["a": parts[0], "b": parts[1]]), "bound": .integer(p)]
                }())
            case .equityAndRD(let equity, let rdExpense, let staffPercent):
                let e = TwoYearSum(prev?.equityRaised, r?.equityRaised, atLeast: equity, years: y - 1, y)
                let d = TwoYearSum(prev?.rdExpense, r?.rdExpense, atLeast: rdExpense, years: y - 1, y)
                // The outcomes now, the words (`@Sendable` closures) only when the figures are read.
                let staff: (Outcome, @Sendable () -> Phrase.Part)
                if let s = r?.rdStaff, let n = r?.employees, n > 0 {
                    let share = Ratio(s, n)
                    staff = (share.atLeast(staffPercent) ? .pass : .fail,
                             { figureWords("rdStaff", ["share": .text(share.percentText(against: staffPercent)), "bound": .integer(staffPercent)]) })
                } else {
                    let why = r?.employees == 0 ? "noEmployees" : "noStaff"
                    staff = (.missing, { figureWords(why, ["year": year]) })
                }
                return Finding(Outcome.all([e.outcome, d.outcome, staff.0]), "equityAndRD",
                               ["head": headWords(), "equity": e.text, "equityBound": MoneyText.millions(equity), "rd": d.text,
                                "rdBound": MoneyText.millions(rdExpense), "staff": staff.1()])
            }

        case .inventionPatents(let n):
            guard let patents = r?.inventionPatents else { return .absent("inventionPatents", y) }
            return Finding(patents >= n ? .pass : .fail, "patents", ["patents": .integer(patents), "bound": .integer(n)])

        case .debtRatio(let p):
            guard let assets = r?.assets else { return .absent("assets", y) }
            guard let liabilities = r?.liabilities else { return .absent("liabilities", y) }
            guard assets.fen > 0 else { return Finding(.missing, "assetsZero", ["year": year]) }
            let ratio = Ratio(liabilities, assets)
            return Finding(ratio.atMost(p) ? .pass : .fail, "atMost", ["value": .text(ratio.percentText(against: p)), "bound": .integer(p)])

        case .rdExpense(let minimum, let p):
            guard let rd = r?.rdExpense else { return .absent("rdExpense", y) }
            let amount: Outcome = rd >= minimum ? .pass : .fail
            let share: Outcome
            let ofRevenue: @Sendable () -> Phrase.Part
            if let revenue = r?.revenue, revenue.fen > 0 {
                let ratio = Ratio(rd, revenue)
                share = ratio.atLeast(p) ? .pass : .fail
                ofRevenue = { figureWords("ofRevenue", ["share": .text(ratio.percentText(against: p))]) }
            } else {
                share = .missing
                let why = r?.revenue == nil ? "noRevenueFor" : "revenueZero"
                ofRevenue = { figureWords(why, ["year": year]) }
            }
            return Finding(Outcome.all([amount, share]), "rdExpense",
                           ["rd": MoneyText.millions(rd, against: minimum), "share": ofRevenue(), "minimum": MoneyText.millions(minimum),
                            "bound": .integer(p)])

        case .revenueOrEquity(let minRevenue, let minEquity):
            let revenue: (Outcome, @Sendable () -> Phrase.Part)
            if let v = r?.revenue {
                revenue = (v >= minRevenue ? .pass : .fail, { figureWords("revenue", ["revenue": MoneyText.millions(v, against: minRevenue)]) })
            } else {
                revenue = (.missing, { figureWords("noRevenueFor", ["year": year]) })
            }
            let e = TwoYearSum(prev?.equityRaised, r?.equityRaised, atLeast: minEquity, years: y - 1, y)
            let outcome = Outcome.any([revenue.0, e.outcome])
            let rule: @Sendable () -> Phrase.Part = {
                figureWords("revenueOrEquityRule", ["revenue": MoneyText.millions(minRevenue), "equity": MoneyText.millions(minEquity)])
            }
            if revenue.0 == .pass { return Finding(.pass, "revenuePassed", ["revenue": revenue.1(), "rule": rule()]) }
            return Finding(outcome, "revenueOrEquity", ["revenue": revenue.1(), "equity": e.text, "rule": rule()])
        }
    }
}

extension Finding {
    /// A figure the reports do not give: `what` is a key of `screen.figures.what`.
    static func absent(_ what: String, _ year: Int) -> Finding {
        Finding(.missing, "absent", ["what": figureWords("what.\(what)"), "year": .integer(year)])
    }
}

extension RevenueBand {
    /// `band ≥ ¥100M`, `band ¥50M–¥100M`, `band < ¥50M`.
    var label: Phrase.Part {
        guard let below = revenueBelow else { return figureWords("bandAbove", ["from": MoneyText.millions(revenueFrom)]) }
        if revenueFrom.fen == 0 { return figureWords("bandBelow", ["below": MoneyText.millions(below)]) }
        return figureWords("bandBetween", ["from": MoneyText.millions(revenueFrom), "below": MoneyText.millions(below)])
    }
}

/// A sum over the two years that passes once it reaches the bound: a missing year leaves it open
/// unless the other year alone reaches the bound (amounts are never negative).
struct TwoYearSum {
    let outcome: Outcome
    private let a: Money?, b: Money?, known: Money, bound: Money, first: Int, second: Int

    init(_ a: Money?, _ b: Money?, atLeast bound: Money, years first: Int, _ second: Int) {
        let known = Money(fen: (a?.fen ?? 0) + (b?.fen ?? 0))
        outcome = known >= bound ? .pass : (a == nil || b == nil) ? .missing : .fail
        self.a = a
        self.b = b
        self.known = known
        self.bound = bound
        self.first = first
        self.second = second
    }

    /// `2022–2023 ¥85.00M`, `2023 only ¥3.00M, 2022 not stated`, `2022–2023 not stated`: worded when
    /// the figures are read, not when judged.
    var text: Phrase.Part {
        let amount = MoneyText.millions(known, against: bound)
        return switch (a, b) {
        case (nil, nil): figureWords("sumNotStated", ["first": .integer(first), "second": .integer(second)])
        case (nil, _): figureWords("sumOnly", ["only": .integer(second), "amount": amount, "missing": .integer(first)])
        case (_, nil): figureWords("sumOnly", ["only": .integer(first), "amount": amount, "missing": .integer(second)])
        default: figureWords("sum", ["first": .integer(first), "second": .integer(second), "amount": amount])
        }
    }
}

/// An exact ratio of two whole numbers (fen, or heads), compared with whole percentages exactly.
///
/// In 128-bit integers: Foundation's `Decimal`, which it used, was two fifths of screening a million
/// firms. Terms too large for that (products of amounts over about 10¹⁷ yuan, which only a hostile
/// filing states) are compared in `Decimal`, as before.
struct Ratio {
    private enum Terms {
        case exact(num: Int128, den: Int128)
        case decimal(num: Decimal, den: Decimal)
    }

    private let terms: Terms

    /// Terms below this bound can be multiplied by 100 or by a percentage up to 10⁶ without overflow.
    private static let bound: Int128 = 1 << 100

    init(num: Int128, den: Int128) {
        if num.magnitude < Ratio.bound.magnitude && den.magnitude < Ratio.bound.magnitude {
            terms = .exact(num: num, den: den)
        } else {
            terms = .decimal(num: Decimal(string: String(num))!, den: Decimal(string: String(den))!)
        }
    }

    init(_ a: Money, _ b: Money) { self.init(num: Int128(a.fen), den: Int128(b.fen)) }

    init(_ a: Int, _ b: Int) { self.init(num: Int128(a), den: Int128(b)) }

    /// The mean of the growth rates m1/m0 − 1 and m2/m1 − 1: (m1² + m0·m2 − 2·m0·m1) / (2·m0·m1),
    /// kept exact.
    static func meanGrowth(_ m0: Int64, _ m1: Int64, _ m2: Int64) -> Ratio {
        let (a, b, c) = (Int128(m0), Int128(m1), Int128(m2))
        let bb = b.multipliedReportingOverflow(by: b), ac = a.multipliedReportingOverflow(by: c)
        let ab2 = (2 * a).multipliedReportingOverflow(by: b)
        let sum = bb.partialValue.addingReportingOverflow(ac.partialValue)
        let num = sum.partialValue.subtractingReportingOverflow(ab2.partialValue)
        if !bb.overflow && !ac.overflow && !ab2.overflow && !sum.overflow && !num.overflow {
            return Ratio(num: num.partialValue, den: ab2.partialValue)
        }
        let (d0, d1, d2) = (Decimal(m0), Decimal(m1), Decimal(m2))
        return Ratio(terms: .decimal(num: d1 * d1 + d0 * d2 - 2 * d0 * d1, den: 2 * d0 * d1))
    }

    private init(terms: Terms) { self.terms = terms }

    /// The sign of num/den − p%, for den > 0.
    private func compared(to p: Int) -> Int {
        switch terms {
        case let .exact(num, den):
            let l = num * 100, r = den * Int128(p)
            return l < r ? -1 : l > r ? 1 : 0
        case let .decimal(num, den):
            let l = num * 100, r = den * Decimal(p)
            return l < r ? -1 : l > r ? 1 : 0
        }
    }

    /// num/den ≥ p%, for den > 0.
    func atLeast(_ p: Int) -> Bool { compared(to: p) >= 0 }
    /// num/den ≤ p%, for den > 0.
    func atMost(_ p: Int) -> Bool { compared(to: p) <= 0 }

    var percent: Double {
        switch terms {
        case let .exact(num, den):
            // Int64's conversion is the machine's; Int128's the generic one, a tenth of a screen's
            // time. Both round to nearest, so the quotient is the same double.
            if let n = Int64(exactly: num * 100), let d = Int64(exactly: den) { Double(n) / Double(d) } else { Double(num * 100) / Double(den) }
        case let .decimal(num, den): NSDecimalNumber(decimal: num * 100 / den).doubleValue
        }
    }

    /// One decimal, more where rounding would show the bound for a value that is not exactly on it
    /// (69.99% must not read as 70.0%).
    func percentText(against p: Int) -> String {
        let onBound = compared(to: p) == 0
        let v = percent
        for digits in 1...6 {
            let s = Fixed.text(v, digits: digits)
            if onBound || Double(s) != Double(p) { return s + "%" }
        }
        return Fixed.text(v, digits: 6) + "%"
    }

    /// `+5.2%`, `-3.0%`.
    var signedPercentText: String {
        let v = percent
        return (v >= 0 ? "+" : "") + Fixed.text(v, digits: 1) + "%"
    }
}

/// A number with a fixed count of decimals, exactly as `%.Nf` prints it.
///
/// Worked out from the double's binary value (a whole significand times a power of two) in 128-bit
/// integers, rounded to nearest with ties to even as the C library rounds: the C library through
/// `withVaList`'s boxed arguments was a tenth of screening a million firms. Values whose terms do
/// not fit (beyond about 2^74, or not finite) go to the C library.
enum Fixed {
    static func text(_ v: Double, digits: Int) -> String {
        exact(v, digits: digits) ?? printed(v, digits: digits)
    }

    private static let powers: [UInt128] = (0...9).map { n in (0..<n).reduce(UInt128(1)) { r, _ in r * 10 } }

    /// The digits from the exact binary value; nil when they need more than 128 bits.
    static func exact(_ v: Double, digits: Int) -> String? {
        guard v.isFinite, digits >= 0, digits < powers.count else { return nil }
        let bits = v.bitPattern
        let negative = bits >> 63 == 1
        let biased = Int((bits >> 52) & 0x7FF)
        let fraction = bits & ((1 << 52) - 1)
        // v = significand · 2^exponent exactly.
        let significand = biased == 0 ? fraction : fraction | (1 << 52)
        let exponent = (biased == 0 ? 1 : biased) - 1075
        let scaled = UInt128(significand) * powers[digits]  // below 2^83
        var units: UInt128
        if exponent >= 0 {
            guard exponent <= 40 else { return nil }
            units = scaled << exponent
        } else if -exponent >= 100 {
            units = 0  // below half a unit of the last digit
        } else {
            let shift = -exponent
            units = scaled >> shift
            let rest = scaled & ((UInt128(1) << shift) - 1), half = UInt128(1) << (shift - 1)
            if rest > half || (rest == half && units & 1 == 1) { units += 1 }
        }
        return written(units, digits: digits, negative: negative)
    }

    /// `units` with a point `digits` from the right, at least one digit before it.
    private static func written(_ units: UInt128, digits: Int, negative: Bool) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var at = 64
            var n = units
            var written = 0
            while n > 0 || written <= digits {
                if written == digits && digits > 0 {
                    at -= 1
                    buffer[at] = 0x2E
                }
                let digit: UInt128
                if n <= UInt128(UInt64.max) {
                    let small = UInt64(n)
                    digit = UInt128(small % 10)
                    n = UInt128(small / 10)
                } else {
                    digit = n % 10
                    n /= 10
                }
                at -= 1
                buffer[at] = 0x30 + UInt8(digit)
                written += 1
            }
            if negative {
                at -= 1
                buffer[at] = 0x2D
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[at..<64]), as: UTF8.self)
        }
    }

    /// By the C library (`%.*f`).
    static func printed(_ v: Double, digits: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            let n = withVaList([Int32(digits), v]) { vsnprintf(buffer.baseAddress, 64, "%.*f", $0) }
            guard n >= 0 && n < 64 else { return String(format: "%.\(digits)f", v) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(n)), as: UTF8.self)
        }
    }
}

/// Amounts as the measures state them: millions of yuan (¥223.94M, 22,394万元 … as the reader's
/// language writes a million), with thousands separators in both languages.
enum MoneyText {
    /// `¥100M`, `¥1,328.78M`; 100百万元 under zh.
    static func millions(_ m: Money) -> Phrase.Part {
        let amount = m.fen % 100_000_000 == 0 ? String(m.fen / 100_000_000) : Fixed.text(Double(m.fen) / 100_000_000, digits: 2)
        return figureWords("moneyMillions", ["amount": .text(NumberStyle.grouped(amount))])
    }

    /// As ``millions(_:)``, but exact in yuan where rounding would show the bound for an amount that
    /// is not on it: `¥49,999,999.99`, 49,999,999.99元.
    static func millions(_ m: Money, against bounds: Money?...) -> Phrase.Part {
        for case let bound? in bounds where m != bound && abs(m.fen - bound.fen) < 500_000 {
            return figureWords("moneyYuan", ["amount": .text(NumberStyle.grouped(m.description))])
        }
        return millions(m)
    }
}
