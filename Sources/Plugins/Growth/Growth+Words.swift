import Core

/// Growth's words as messages of the Growth catalogue (Messages/en.json, zh.json): titles, notes,
/// column titles, chart labels and errors. The English is what the plugin always wrote, so that JSON,
/// CSV and every English answer are unchanged; a renderer given a language reads the message
/// (docs/plugins.md, "Words").
enum GrowthWords: CatalogueWords {
    static let prefix = "growth"
    static var catalogue: Catalogue { GrowthMessages.catalogue }

    /// A column headed by a year: 2024, 2024 年.
    static func yearColumn(_ name: String, _ type: Report.ColumnType, _ year: Int) -> Report.Column {
        column(name, type, "year", ["year": .integer(year)])
    }

    static func metric(_ m: Metric) -> Message.Argument { message("metric.\(m.rawValue)") }

    static func program(_ p: Program) -> Message.Argument { message("program.\(p.rawValue)") }

    /// "national level", "provincial level and above", "provincial level" (exact).
    static func level(_ level: Level, exact: Bool) -> Message.Argument {
        message("level.\(level.rawValue)\(!exact && level != .national ? ".above" : "")")
    }

    /// A parameter's value that `expected` describes, as an error says it.
    static func expected(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> Wording { text("error.\(key)", arguments) }
}

extension Grouping {
    /// "by park", "per firm", "all firms".
    var labelArgument: Message.Argument {
        switch by {
        case .firm: GrowthWords.message("grouping.firm")
        case .all: GrowthWords.message("grouping.all")
        case .unit(let k): GrowthWords.message("grouping.unit", ["unit": GrowthWords.message("unit.\(k.rawValue)")])
        }
    }

    /// " within 43", or nothing.
    var withinArgument: Message.Argument { within.map { GrowthWords.message("within", ["within": .text($0)]) } ?? "" }

    /// The unit word of notes and the chart's category.
    var unitArgument: Message.Argument {
        if case .unit(let k) = by { return GrowthWords.message("unit.\(k.rawValue)") }
        return GrowthWords.message("unit.unit")
    }

    /// What an unplaced firm lacks.
    var unplacedArgument: Message.Argument {
        guard case .unit(let k) = by else { return "" }
        switch k {
        case .park: return GrowthWords.message("unplaced.park")
        case .incubator: return GrowthWords.message("unplaced.incubator")
        default: return GrowthWords.message("unplaced.region")
        }
    }

    /// The note on firms placed in no unit: `measured` for high growth's.
    func unplacedNote(_ count: Int, measured: Bool = false) -> Wording {
        GrowthWords.text(measured ? "note.unplacedMeasured" : "note.unplaced",
                         ["count": .count(count), "unit": unitArgument, "reason": unplacedArgument])
    }
}
