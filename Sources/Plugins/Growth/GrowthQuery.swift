import Core

/// What `growth` is asked: read from the command line's parameters by `run`, or built directly
/// (`regctl report` asks for `GrowthQuery(view: .designations, by: .unit(.park), within: "43", top: 8)`).
/// Each view reads the fields it takes (`GrowthPlugin.applicable`) and ignores the others.
public struct GrowthQuery: Sendable, Hashable {
    public var view: GrowthPlugin.View
    /// Annual-report figure; nil: revenue, employees for high-growth.
    public var metric: Metric?
    /// Start and end years, and the years between them; nil: each view's default.
    public var from: Int?
    public var to: Int?
    public var period: Int?
    public var by: Grouping.By
    public var within: String?
    /// High growth: percent a year, "more than" rather than "at least", employees at the start.
    public var threshold: Int
    public var strict: Bool
    public var minSize: Int
    /// Designations and pipeline: the programme; designations: the level, alone or and above.
    public var program: Program
    public var level: Level
    public var exact: Bool
    public var top: Int?

    public init(view: GrowthPlugin.View = .metric, metric: Metric? = nil, from: Int? = nil, to: Int? = nil, period: Int? = nil,
                by: Grouping.By = .unit(.park), within: String? = nil, threshold: Int = 10, strict: Bool = false, minSize: Int = 10,
                program: Program = .littleGiant, level: Level = .provincial, exact: Bool = false, top: Int? = nil) {
        self.view = view
        self.metric = metric
        self.from = from
        self.to = to
        self.period = period
        self.by = by
        self.within = within
        self.threshold = threshold
        self.strict = strict
        self.minSize = minSize
        self.program = program
        self.level = level
        self.exact = exact
        self.top = top
    }

    /// Reads the parameters of `growth`'s descriptor.
    public init(_ p: Parameters) throws {
        let rawBy = try p.requiredText("by")
        guard let by = Grouping.By(rawBy) else {
            throw AnalysisError.badParameter(plugin: GrowthPlugin.id, name: "by", value: rawBy, expected: "one of \(Grouping.choices.joined(separator: ", "))")
        }
        self.init(view: try p.choice(GrowthPlugin.View.self, "view"), metric: try p.optionalChoice(Metric.self, "metric"),
                  from: p.integer("from"), to: p.integer("to"), period: p.integer("period"), by: by, within: p.text("within"),
                  threshold: try p.requiredInteger("threshold"), strict: p.flag("strict"), minSize: try p.requiredInteger("min-size"),
                  program: try p.choice(Program.self, "program"), level: try p.choice(Level.self, "level"), exact: p.flag("exact"),
                  top: p.integer("top"))
    }

    /// The query as the parameters of `regctl growth` that differ from their defaults, those its view
    /// takes only.
    public var parameters: [String: String] {
        var out: [String: String] = [:]
        let d = GrowthQuery()
        if view != d.view { out["view"] = view.rawValue }
        if let metric { out["metric"] = metric.rawValue }
        if let from { out["from"] = String(from) }
        if let to { out["to"] = String(to) }
        if let period { out["period"] = String(period) }
        if by != d.by { out["by"] = by.rawValue }
        if let within { out["within"] = within }
        if threshold != d.threshold { out["threshold"] = String(threshold) }
        if strict { out["strict"] = "true" }
        if minSize != d.minSize { out["min-size"] = String(minSize) }
        if program != d.program { out["program"] = program.rawValue }
        if level != d.level { out["level"] = level.rawValue }
        if exact { out["exact"] = "true" }
        if let top { out["top"] = String(top) }
        let applicable = (GrowthPlugin.applicable[view] ?? []).union(["view"])
        return out.filter { applicable.contains($0.key) }
    }
}
