extension Record {
    /// The record's fields as the filing format writes them, in the spec's order, absent ones left out.
    public var fields: [(String, String)] {
        var out: [(String, String)] = []
        func add(_ name: String, _ value: CustomStringConvertible?) {
            if let value { out.append((name, value.description)) }
        }
        switch self {
        case .park(let p):
            add("id", p.id); add("name", p.name); add("short-name", p.shortName); add("region", p.region)
            add("level", p.level.rawValue); add("kind", p.kind.rawValue)
        case .firm(let f):
            add("uscc", f.uscc); add("name", f.name); add("region", f.region); add("park", f.park)
            add("industry", f.industry); add("founded", f.founded); add("status", f.status.rawValue)
            add("former-names", f.formerNames.isEmpty ? nil : Firm.joinedNames(f.formerNames))
        case .incubator(let i):
            add("id", i.id); add("name", i.name); add("kind", i.kind.rawValue); add("level", i.level.rawValue)
            add("recognized", i.recognized); add("region", i.region); add("park", i.park); add("operator", i.operator)
            add("area-m2", i.areaM2.map(Record.area)); add("focus", i.focus)
        case .designation(let d):
            add("uscc", d.uscc); add("firm", d.firmName); add("region", d.region); add("program", d.program.rawValue)
            add("level", d.level.rawValue); add("year", d.year); add("batch", d.batch); add("valid-from", d.validFrom)
            add("valid-to", d.validTo); add("status", d.status.rawValue); add("revoked-on", d.revokedOn)
        case .incubation(let i):
            add("uscc", i.uscc); add("incubator", i.incubator); add("entered", i.entered); add("intake", i.intake.rawValue)
            add("graduated", i.graduated); add("exited", i.exited)
        case .annualReport(let a):
            add("uscc", a.uscc); add("year", a.year); add("revenue", a.revenue); add("main-revenue", a.mainRevenue)
            add("rd-expense", a.rdExpense); add("employees", a.employees); add("rd-staff", a.rdStaff)
            add("invention-patents", a.inventionPatents); add("assets", a.assets); add("liabilities", a.liabilities)
            add("equity-raised", a.equityRaised)
        case .transfer(let t):
            add("id", t.id); add("title", t.title); add("source", t.source); add("source-kind", t.sourceKind.rawValue)
            add("recipient", t.recipient); add("mode", t.mode.rawValue); add("channel", t.channel.rawValue)
            add("value", t.value); add("signed", t.signed)
        case .link(let l):
            add("name", l.name); add("region", l.region); add("uscc", l.uscc); add("decision", l.decision.rawValue); add("note", l.note)
        }
        return out
    }

    /// Square metres without a needless ".0".
    static func area(_ a: Double) -> String {
        a == a.rounded() && abs(a) < 1e15 ? String(Int64(a)) : String(a)
    }
}
