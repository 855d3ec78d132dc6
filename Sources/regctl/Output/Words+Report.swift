import Core

/// A report's words in the reader's language, for every renderer that people read (table, md, svg,
/// the HTML report, the web): its title, headings, notes, chart labels, dates and the as-of source.
extension Words {
    func title(_ r: Report) -> String { self(r.wordedTitle) }

    func notes(_ r: Report) -> [String] { r.wordedNotes.map { self($0) } }

    /// A column's heading, with the money unit when `style` shows money in 万元 or 亿元. A plugin words
    /// its headings (and chart labels) as messages of its own catalogue; a heading without one is shown
    /// as written.
    func heading(_ c: Report.Column, _ style: NumberStyle) -> String {
        style.title(of: c, heading: self(c.wordedTitle ?? Wording(c.name)), unitWords: moneyUnit,
                    withUnit: { self(.outputHeadingUnit, ["title": .text($0), "unit": .text($1)]) })
    }

    func moneyUnit(_ u: MoneyUnit) -> String {
        switch u {
        case .yuan: self(.moneyYuan)
        case .wan: self(.moneyWan)
        case .yi: self(.moneyYi)
        }
    }

    /// A date as this language writes it (2024-12-31, 2024年12月31日).
    func date(_ d: Day) -> String { NumberStyle.date(d, in: language) }

    /// Where the as-of date came from (Core's `AsOf` says it in English), in this language.
    func asOfSource(_ source: String) -> String {
        switch source {
        case "--as-of": self(.asOfGiven)
        case "newest filing issued": self(.asOfNewest)
        case "today; no filings loaded": self(.asOfTodayEmpty)
        case "today; no loaded filing gives an issue date": self(.asOfTodayUndated)
        default: source
        }
    }

    /// A cell as people of this language read it: words (a verdict, a reason) in this language,
    /// numbers in `style` (separators, money unit, percentages), codes, names and dates as they are.
    func cell(_ v: Report.Value, in c: Report.Column, _ style: NumberStyle) -> String {
        if case .words(let w) = v { return self(w) }
        return style.text(v, in: c)
    }

    /// A cell as a label (a bar's, a series'): words in this language, anything else as written.
    func label(_ v: Report.Value) -> String {
        if case .words(let w) = v { return self(w) }
        return v.description
    }
}
