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
    /// The figures and the bound: `72.4% (≥ 70%)`, or what is missing.
    public var figures: String

    /// A finding.
    public init(outcome: Outcome, figures: String) {
        self.outcome = outcome
        self.figures = figures
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
        switch self {
        case .yearsSinceFounding(let n):
            let cutoff = Day(year: y - n, month: 12, day: 31)!
            guard let founded = firm.founded else { return Finding(outcome: .missing, figures: "no founding date") }
            return Finding(outcome: founded <= cutoff ? .pass : .fail, figures: "founded \(founded) (on or before \(cutoff))")

        case .mainRevenueShare(let p):
            guard let main = r?.mainRevenue else { return .absent("main revenue", y) }
            guard let revenue = r?.revenue else { return .absent("revenue", y) }
            guard revenue.fen > 0 else { return Finding(outcome: .missing, figures: "revenue 0 in \(y)") }
            let share = Ratio(main, revenue)
            return Finding(outcome: share.atLeast(p) ? .pass : .fail, figures: "\(share.percentText(against: p)) (≥ \(p)%)")

        case .mainRevenueGrowth(let p):
            var m: [Money] = []
            for year in (y - 2)...y {
                guard let v = firm.reports[year]?.mainRevenue else { return .absent("main revenue", year) }
                m.append(v)
            }
            for (i, v) in m.prefix(2).enumerated() where v.fen <= 0 {
                return Finding(outcome: .missing, figures: "growth undefined: main revenue 0 in \(y - 2 + i)")
            }
            // Mean of (m1/m0 − 1) and (m2/m1 − 1) = (m1² + m0·m2 − 2·m0·m1) / (2·m0·m1), kept exact.
            let m0 = Decimal(m[0].fen), m1 = Decimal(m[1].fen), m2 = Decimal(m[2].fen)
            let mean = Ratio(num: m1 * m1 + m0 * m2 - 2 * m0 * m1, den: 2 * m0 * m1)
            let g1 = Ratio(num: m1 - m0, den: m0), g2 = Ratio(num: m2 - m1, den: m1)
            return Finding(outcome: mean.atLeast(p) ? .pass : .fail,
                           figures: "\(g1.signedPercentText) in \(y - 1), \(g2.signedPercentText) in \(y), average \(mean.percentText(against: p)) (≥ \(p)%)")

        case .rdByRevenueBand(let bands):
            guard let revenue = r?.revenue else { return .absent("revenue", y) }
            guard let band = bands.first(where: { $0.contains(revenue) }) else {
                return Finding(outcome: .missing, figures: "revenue \(MoneyText.millions(revenue)) in no band")
            }
            let head = "revenue \(MoneyText.millions(revenue, against: band.revenueFrom, band.revenueBelow)) (\(band.label))"
            switch band.requirement {
            case .shareEachYear(let p):
                var outcomes: [Outcome] = [], parts: [String] = []
                for (year, report) in [(y - 1, prev), (y, r)] {
                    let why: String
                    if let rd = report?.rdExpense, let rev = report?.revenue, rev.fen > 0 {
                        let share = Ratio(rd, rev)
                        outcomes.append(share.atLeast(p) ? .pass : .fail)
                        parts.append("\(year) \(share.percentText(against: p))")
                        continue
                    } else if report?.rdExpense == nil {
                        why = "no R&D expense"
                    } else if report?.revenue == nil {
                        why = "no revenue"
                    } else {
                        why = "revenue 0"
                    }
                    outcomes.append(.missing)
                    parts.append("\(year) not known (\(why))")
                }
                return Finding(outcome: Outcome.all(outcomes), figures: "\(head): R&D/revenue \(parts.joined(separator: ", ")) (each ≥ \(p)%)")
            case .equityAndRD(let equity, let rdExpense, let staffPercent):
                let e = TwoYearSum(prev?.equityRaised, r?.equityRaised, atLeast: equity, years: y - 1, y)
                let d = TwoYearSum(prev?.rdExpense, r?.rdExpense, atLeast: rdExpense, years: y - 1, y)
                let staff: (Outcome, String)
                if let s = r?.rdStaff, let n = r?.employees, n > 0 {
                    let share = Ratio(num: Decimal(s), den: Decimal(n))
                    staff = (share.atLeast(staffPercent) ? .pass : .fail, "R&D staff \(share.percentText(against: staffPercent)) (≥ \(staffPercent)%)")
                } else {
                    staff = (.missing, r?.employees == 0 ? "no employees in \(y)" : "no R&D staff or employees for \(y)")
                }
                return Finding(outcome: Outcome.all([e.outcome, d.outcome, staff.0]), figures: """
                    \(head): equity raised \(e.text) (≥ \(MoneyText.millions(equity))), \
                    R&D \(d.text) (≥ \(MoneyText.millions(rdExpense))), \(staff.1)
                    """)
            }

        case .inventionPatents(let n):
            guard let patents = r?.inventionPatents else { return .absent("invention patents", y) }
            return Finding(outcome: patents >= n ? .pass : .fail, figures: "invention patents \(patents) (≥ \(n))")

        case .debtRatio(let p):
            guard let assets = r?.assets else { return .absent("assets", y) }
            guard let liabilities = r?.liabilities else { return .absent("liabilities", y) }
            guard assets.fen > 0 else { return Finding(outcome: .missing, figures: "assets 0 in \(y)") }
            let ratio = Ratio(liabilities, assets)
            return Finding(outcome: ratio.atMost(p) ? .pass : .fail, figures: "\(ratio.percentText(against: p)) (≤ \(p)%)")

        case .rdExpense(let minimum, let p):
            guard let rd = r?.rdExpense else { return .absent("R&D expense", y) }
            let amount: Outcome = rd >= minimum ? .pass : .fail
            var parts = ["R&D \(MoneyText.millions(rd, against: minimum))"]
            let share: Outcome
            if let revenue = r?.revenue, revenue.fen > 0 {
                let ratio = Ratio(rd, revenue)
                share = ratio.atLeast(p) ? .pass : .fail
                parts.append("\(ratio.percentText(against: p)) of revenue")
            } else {
                share = .missing
                parts.append(r?.revenue == nil ? "no revenue for \(y)" : "revenue 0 in \(y)")
            }
            return Finding(outcome: Outcome.all([amount, share]),
                           figures: "\(parts.joined(separator: ", ")) (≥ \(MoneyText.millions(minimum)) and ≥ \(p)%)")

        case .revenueOrEquity(let minRevenue, let minEquity):
            let revenue: (Outcome, String)
            if let v = r?.revenue {
                revenue = (v >= minRevenue ? .pass : .fail, "revenue \(MoneyText.millions(v, against: minRevenue))")
            } else {
                revenue = (.missing, "no revenue for \(y)")
            }
            let e = TwoYearSum(prev?.equityRaised, r?.equityRaised, atLeast: minEquity, years: y - 1, y)
            let outcome = Outcome.any([revenue.0, e.outcome])
            let rule = "(≥ \(MoneyText.millions(minRevenue)), or equity ≥ \(MoneyText.millions(minEquity)))"
            if revenue.0 == .pass { return Finding(outcome: .pass, figures: "\(revenue.1) \(rule)") }
            return Finding(outcome: outcome, figures: "\(revenue.1), equity raised \(e.text) \(rule)")
        }
    }
}

extension Finding {
    /// A figure the reports do not give.
    static func absent(_ what: String, _ year: Int) -> Finding { Finding(outcome: .missing, figures: "no \(what) for \(year)") }
}

extension RevenueBand {
    /// `≥ ¥100M`, `¥50M–¥100M`, `< ¥50M`.
    var label: String {
        guard let below = revenueBelow else { return "band ≥ \(MoneyText.millions(revenueFrom))" }
        if revenueFrom.fen == 0 { return "band < \(MoneyText.millions(below))" }
        return "band \(MoneyText.millions(revenueFrom))–\(MoneyText.millions(below))"
    }
}

/// A sum over the two years that passes once it reaches the bound: a missing year leaves it open
/// unless the other year alone reaches the bound (amounts are never negative).
struct TwoYearSum {
    let outcome: Outcome
    /// `2022–2023 ¥85.00M`, `2023 only ¥3.00M`, `2022–2023 not stated`.
    let text: String

    init(_ a: Money?, _ b: Money?, atLeast bound: Money, years first: Int, _ second: Int) {
        let known = Money(fen: (a?.fen ?? 0) + (b?.fen ?? 0))
        outcome = known >= bound ? .pass : (a == nil || b == nil) ? .missing : .fail
        let amount = MoneyText.millions(known, against: bound)
        switch (a, b) {
        case (nil, nil): text = "\(first)–\(second) not stated"
        case (nil, _): text = "\(second) only \(amount), \(first) not stated"
        case (_, nil): text = "\(first) only \(amount), \(second) not stated"
        default: text = "\(first)–\(second) \(amount)"
        }
    }
}

/// An exact ratio of two whole numbers (fen, or heads), compared with whole percentages exactly.
struct Ratio {
    let num: Decimal
    let den: Decimal

    init(num: Decimal, den: Decimal) {
        self.num = num
        self.den = den
    }

    init(_ a: Money, _ b: Money) { self.init(num: Decimal(a.fen), den: Decimal(b.fen)) }

    /// num/den ≥ p%, for den > 0.
    func atLeast(_ p: Int) -> Bool { num * 100 >= den * Decimal(p) }
    /// num/den ≤ p%, for den > 0.
    func atMost(_ p: Int) -> Bool { num * 100 <= den * Decimal(p) }

    var percent: Double { NSDecimalNumber(decimal: num * 100 / den).doubleValue }

    /// One decimal, more where rounding would show the bound for a value that is not exactly on it
    /// (69.99% must not read as 70.0%).
    func percentText(against p: Int) -> String {
        let onBound = num * 100 == den * Decimal(p)
        for digits in 1...6 {
            let s = String(format: "%.\(digits)f", percent)
            if onBound || Double(s) != Double(p) { return s + "%" }
        }
        return String(format: "%.6f", percent) + "%"
    }

    /// `+5.2%`, `-3.0%`.
    var signedPercentText: String {
        let v = percent
        return (v >= 0 ? "+" : "") + String(format: "%.1f", v) + "%"
    }
}

/// Amounts as the measures state them: millions of yuan.
enum MoneyText {
    /// `¥100M`, `¥223.94M`.
    static func millions(_ m: Money) -> String {
        if m.fen % 100_000_000 == 0 { return "¥\(m.fen / 100_000_000)M" }
        return "¥" + String(format: "%.2f", Double(m.fen) / 100_000_000) + "M"
    }

    /// As ``millions(_:)``, but exact in yuan where rounding would show the bound for an amount that
    /// is not on it.
    static func millions(_ m: Money, against bounds: Money?...) -> String {
        for case let bound? in bounds where m != bound && abs(m.fen - bound.fen) < 500_000 { return "¥\(m.description)" }
        return millions(m)
    }
}
