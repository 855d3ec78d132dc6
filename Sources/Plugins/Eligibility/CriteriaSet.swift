import Core

/// A dated set of designation criteria, as one government document fixes them. A revision of the
/// measures is a new set added to ``CriteriaSet/all`` beside the old one, never an edit of it, so
/// that a screen can be rerun under the rules of its time.
public struct CriteriaSet: Sendable, Hashable {
    /// Stable id, the value of `--criteria` (`miit-2022`).
    public var id: String
    /// Title of the document.
    public var title: String
    /// Document number (文号).
    public var document: String
    /// Issue date of the document.
    public var issued: Day
    /// The quantitative criteria per programme.
    public var programs: [ProgramCriteria]

    /// Creates a criteria set.
    public init(id: String, title: String, document: String, issued: Day, programs: [ProgramCriteria]) {
        self.id = id
        self.title = title
        self.document = document
        self.issued = issued
        self.programs = programs
    }

    /// The criteria for one programme, if the set has any.
    public func criteria(for program: Program) -> ProgramCriteria? { programs.first { $0.program == program } }

    /// Every known set, oldest first.
    public static let all: [CriteriaSet] = [miit2022]

    /// The newest set by issue date: the default.
    public static var newest: CriteriaSet { all.max { $0.issued < $1.issued }! }
}

/// What one programme requires under a criteria set.
public struct ProgramCriteria: Sendable, Hashable {
    /// The programme whose designation the criteria govern.
    public var program: Program
    /// Criteria the annual reports can decide, in the order the document lists them.
    public var criteria: [Criterion]
    /// Requirements that need documents or expert review, listed as not assessed.
    public var notAssessed: [String]

    /// Creates a programme's criteria.
    public init(program: Program, criteria: [Criterion], notAssessed: [String]) {
        self.program = program
        self.criteria = criteria
        self.notAssessed = notAssessed
    }
}

/// One quantitative criterion: what it is called and the rule that decides it.
public struct Criterion: Sendable, Hashable {
    /// snake_case machine name, the report column (`main_revenue_share`).
    public var id: String
    /// Human title, the column heading.
    public var title: String
    /// The document's wording, for the record.
    public var clause: String
    /// How the annual reports decide it.
    public var rule: Rule

    /// Creates a criterion.
    public init(id: String, title: String, clause: String, rule: Rule) {
        self.id = id
        self.title = title
        self.clause = clause
        self.rule = rule
    }
}

/// The rules annual reports can decide. "Year Y" is the last report year screened; "the two years"
/// are Y − 1 and Y. Percentages are whole numbers as the measures state them; every bound is inclusive
/// (the measures' 以上/不低于/不高于 include the figure itself).
public enum Rule: Sendable, Hashable {
    /// Founded on or before 31 December of Y − years (at least that many whole years by the end of Y).
    case yearsSinceFounding(atLeast: Int)
    /// Main-business revenue ÷ revenue in Y, at least this percentage.
    case mainRevenueShare(atLeastPercent: Int)
    /// Arithmetic mean of the main-business revenue growth rates Y−2→Y−1 and Y−1→Y, at least this percentage.
    case mainRevenueGrowth(averageAtLeastPercent: Int)
    /// R&D requirement chosen by Y's revenue band.
    case rdByRevenueBand([RevenueBand])
    /// Invention patents held in Y (the class-I IP the reports show), at least this many.
    case inventionPatents(atLeast: Int)
    /// Liabilities ÷ assets at the end of Y, at most this percentage.
    case debtRatio(atMostPercent: Int)
    /// R&D expense in Y at least this amount, and at least this percentage of Y's revenue.
    case rdExpense(atLeast: Money, shareAtLeastPercent: Int)
    /// Y's revenue at least this amount, or equity raised over the two years at least that amount.
    case revenueOrEquity(revenueAtLeast: Money, equityAtLeast: Money)
}

extension Rule {
    /// The earliest report year the rule reads when Y is `year`.
    public func firstYear(for year: Int) -> Int {
        switch self {
        case .mainRevenueGrowth: year - 2
        case .rdByRevenueBand, .revenueOrEquity: year - 1
        case .yearsSinceFounding, .mainRevenueShare, .inventionPatents, .debtRatio, .rdExpense: year
        }
    }
}

/// A band of Y's revenue, from `revenueFrom` (inclusive) to `revenueBelow` (exclusive, nil: no upper
/// bound), and what R&D it requires.
public struct RevenueBand: Sendable, Hashable {
    /// Lowest revenue in the band, inclusive.
    public var revenueFrom: Money
    /// Revenue the band stops below; nil for the top band.
    public var revenueBelow: Money?
    /// The R&D requirement of the band.
    public var requirement: RDRequirement

    /// Creates a band.
    public init(from: Money, below: Money?, _ requirement: RDRequirement) {
        revenueFrom = from
        revenueBelow = below
        self.requirement = requirement
    }

    /// Whether a revenue falls in the band.
    public func contains(_ revenue: Money) -> Bool {
        revenue >= revenueFrom && revenueBelow.map { revenue < $0 } ?? true
    }
}

/// What a revenue band requires of R&D.
public enum RDRequirement: Sendable, Hashable {
    /// R&D expense ÷ revenue at least this percentage in each of the two years.
    case shareEachYear(atLeastPercent: Int)
    /// Equity raised over the two years at least `equity`, R&D expense over the two years at least
    /// `rdExpense`, and R&D staff ÷ employees in Y at least `rdStaffPercent`.
    case equityAndRD(equity: Money, rdExpense: Money, rdStaffPercent: Int)
}

extension Money {
    /// An amount in whole yuan.
    static func yuan(_ y: Int64) -> Money { Money(fen: y * 100) }
}

extension CriteriaSet {
    /// 《优质中小企业梯度培育管理暂行办法》(工信部企业〔2022〕63号), issued 1 June 2022: the
    /// quantitative parts of the 专精特新“小巨人” and provincial 专精特新中小企业 standards.
    public static let miit2022 = CriteriaSet(
        id: "miit-2022",
        title: "优质中小企业梯度培育管理暂行办法",
        document: "工信部企业〔2022〕63号",
        issued: Day(year: 2022, month: 6, day: 1)!,
        programs: [
            ProgramCriteria(
                program: .littleGiant,
                criteria: [
                    Criterion(id: "founded", title: "founded", clause: "从事特定细分市场时间达到3年以上",
                              rule: .yearsSinceFounding(atLeast: 3)),
                    Criterion(id: "main_revenue_share", title: "main-revenue share", clause: "主营业务收入总额占营业收入总额比重不低于70%",
                              rule: .mainRevenueShare(atLeastPercent: 70)),
                    Criterion(id: "main_revenue_growth", title: "main-revenue growth", clause: "近2年主营业务收入平均增长率不低于5%",
                              rule: .mainRevenueGrowth(averageAtLeastPercent: 5)),
                    Criterion(id: "rd", title: "R&D", clause: """
                        上年度营业收入总额在1亿元以上的企业，近2年研发费用总额占营业收入总额比重均不低于3%；\
                        上年度营业收入总额在5000万元—1亿元的企业，近2年研发费用总额占营业收入总额比重均不低于6%；\
                        上年度营业收入总额在5000万元以下的企业，同时满足近2年新增股权融资总额（合格机构投资者的实缴额）8000万元以上，\
                        且研发费用总额3000万元以上、研发人员占企业职工总数比重50%以上
                        """,
                              rule: .rdByRevenueBand([
                                  RevenueBand(from: .yuan(100_000_000), below: nil, .shareEachYear(atLeastPercent: 3)),
                                  RevenueBand(from: .yuan(50_000_000), below: .yuan(100_000_000), .shareEachYear(atLeastPercent: 6)),
                                  RevenueBand(from: .yuan(0), below: .yuan(50_000_000),
                                              .equityAndRD(equity: .yuan(80_000_000), rdExpense: .yuan(30_000_000), rdStaffPercent: 50)),
                              ])),
                    Criterion(id: "class_i_ip", title: "class-I IP", clause: "拥有2项以上与主导产品相关的Ⅰ类知识产权",
                              rule: .inventionPatents(atLeast: 2)),
                    Criterion(id: "debt_ratio", title: "debt ratio", clause: "截至上年末，企业资产负债率不高于70%",
                              rule: .debtRatio(atMostPercent: 70)),
                ],
                notAssessed: [
                    "the class-I IP's relation to the main products and its use (only the number of invention patents is counted)",
                    "a provincial-or-above R&D institution of its own or with a university or institute",
                    "the alternative innovation route (direct-entry conditions: a national science award, a top-50 place in the Maker China contest and the like)",
                    "distinctiveness: market share, brand and the main product's features",
                    "refinement: quality and management certification, digitalisation",
                    "the place in the industrial chain and the field of the main product",
                    "time in the niche market, approximated by the firm's founding date",
                ]),
            ProgramCriteria(
                program: .specializedSME,
                criteria: [
                    Criterion(id: "founded", title: "founded", clause: "从事特定细分市场时间达到2年以上",
                              rule: .yearsSinceFounding(atLeast: 2)),
                    Criterion(id: "rd", title: "R&D", clause: "上年度研发费用总额不低于100万元，且占营业收入总额比重不低于3%",
                              rule: .rdExpense(atLeast: .yuan(1_000_000), shareAtLeastPercent: 3)),
                    Criterion(id: "revenue_or_equity", title: "revenue or equity", clause: """
                        上年度营业收入总额在1000万元以上，或上年度营业收入总额在1000万元以下，\
                        但近2年新增股权融资总额（合格机构投资者的实缴额）达到2000万元以上
                        """,
                              rule: .revenueOrEquity(revenueAtLeast: .yuan(10_000_000), equityAtLeast: .yuan(20_000_000))),
                ],
                notAssessed: [
                    "the 100-point evaluation score of at least 60, or one of the alternatives the measures allow instead (science awards, R&D or new equity above higher figures, Maker China contest placings)",
                    "time in the niche market, approximated by the firm's founding date",
                ]),
        ])
}
