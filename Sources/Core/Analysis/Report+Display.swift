import Foundation

/// The unit amounts of money are shown in to people: yuan (元), ten thousand yuan (万元) or a hundred
/// million yuan (亿元). Only tables, charts and pages people read scale; CSV and JSON keep yuan.
public enum MoneyUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case yuan, wan, yi

    /// Yuan in one unit.
    public var yuan: Double {
        switch self {
        case .yuan: 1
        case .wan: 10_000
        case .yi: 100_000_000
        }
    }
}

extension Report {
    /// How a column's numbers read, beyond their type: what `Report.Column.display` may say.
    public enum Display: Sendable, Codable, Hashable {
        /// A share stated as a fraction (0.125) shown as a percentage with this many decimals (12.5%),
        /// the same number of decimals on every row so that the column lines up.
        case percent(decimals: Int)
        /// Digits as written, without thousands separators: years, line numbers.
        case digits
    }
}

extension Report.Column {
    /// The column with `display` set: `.init("local_share", .number).shown(.percent(decimals: 1))`.
    public func shown(_ display: Report.Display) -> Report.Column {
        var c = self
        c.display = display
        return c
    }
}

/// Numbers as people read them in tables, charts and pages (table, md, HTML, SVG, the web): thousands
/// separators, money in the chosen unit, shares as percentages. One pure rule so that every renderer
/// formats alike; CSV and JSON do not use it (their numbers are an API).
public struct NumberStyle: Sendable, Hashable {
    public var money: MoneyUnit

    public init(money: MoneyUnit = .yuan) {
        self.money = money
    }

    /// A cell of `column` as people read it.
    public func text(_ value: Report.Value, in column: Report.Column) -> String {
        if column.display == .digits { return value.formatted(as: column.type) }
        switch (value, column.type, column.display) {
        case (.text(let s), _, _): return s
        case (.words(let w), _, _): return w.text
        case (.null, _, _): return ""
        case (_, .money, _):
            guard let yuan = NumberStyle.double(value) else { return value.description }
            return NumberStyle.grouped(Report.Value.plain(yuan / money.yuan, decimals: 2, keepZeros: true))
        case (_, _, .percent(let decimals)?):
            guard let share = NumberStyle.double(value) else { return value.description }
            return NumberStyle.grouped(Report.Value.plain(share * 100, decimals: decimals, keepZeros: true)) + "%"
        case (.integer, _, _), (.number, _, _):
            return NumberStyle.grouped(value.formatted(as: column.type))
        }
    }

    /// The column's heading with the money unit when it is not yuan: "total value (10k yuan)".
    /// `heading` is the column's title in the reader's language and `withUnit` puts title and unit
    /// together as that language does ("{title} ({unit})", "{title}（{unit}）").
    public func title(of column: Report.Column, heading: String? = nil, unitWords: (MoneyUnit) -> String = NumberStyle.englishUnit,
                      withUnit: (String, String) -> String = { "\($0) (\($1))" }) -> String {
        let title = heading ?? column.title ?? column.name
        guard column.type == .money, money != .yuan else { return title }
        return withUnit(title, unitWords(money))
    }

    /// A date as people of `language` read it: 2024-12-31, 2024年12月31日.
    public static func date(_ day: Day, in language: Language) -> String {
        switch language {
        case .en: day.description
        case .zh: "\(day.year)年\(day.month)月\(day.day)日"
        }
    }

    /// The unit as English headings name it.
    public static func englishUnit(_ unit: MoneyUnit) -> String {
        switch unit {
        case .yuan: "yuan"
        case .wan: "10k yuan"
        case .yi: "100M yuan"
        }
    }

    /// A number as a Double, for arithmetic on a cell; nil for text and empty cells.
    static func double(_ v: Report.Value) -> Double? {
        switch v {
        case .integer(let i): Double(i)
        case .number(let d): d.isFinite ? d : nil
        case .text, .words, .null: nil
        }
    }

    /// Thousands separators in a number written in plain digits: "-1234567.891" → "-1,234,567.891".
    /// Text that is not such a number comes back unchanged.
    public static func grouped(_ plain: String) -> String {
        // On the bytes when they are ASCII (every number regctl writes): the rule below walks
        // Characters, and screen groups every amount of 131k rows at 1M. Any other byte is not an
        // ASCII digit, sign or point, so such text comes back unchanged from either.
        if let bytes = plain.utf8.withContiguousStorageIfAvailable({ groupedASCII($0) }) { return bytes.map { String(decoding: $0, as: UTF8.self) } ?? plain }
        var s = Substring(plain)
        let sign = s.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { s = s.dropFirst() }
        let whole = s.prefix { $0 != "." }
        let rest = s.dropFirst(whole.count)
        guard !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
              rest.isEmpty || rest.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return plain }
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return sign + out + rest
    }

    /// `grouped(_:)` on the bytes: nil when they are not `-`? digits (`.` digits*)?.
    private static func groupedASCII(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var i = 0
        let negative = b.count > 0 && b[0] == 0x2D
        if negative { i = 1 }
        let wholeStart = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        let wholeEnd = i
        guard wholeEnd > wholeStart else { return nil }
        if i < b.count {
            guard b[i] == 0x2E else { return nil }
            i += 1
            while i < b.count {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                i += 1
            }
        }
        let digits = wholeEnd - wholeStart
        var out: [UInt8] = []
        out.reserveCapacity(b.count + digits / 3)
        if negative { out.append(0x2D) }
        for k in 0..<digits {
            if k > 0, (digits - k) % 3 == 0 { out.append(0x2C) }
            out.append(b[wholeStart + k])
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[wholeEnd...]))
        return out
    }

    /// A whole or fractional number with separators and at most `decimals` decimals, trailing zeros
    /// dropped: chart labels (1,486; 2.5).
    public static func grouped(_ d: Double, decimals: Int = 2) -> String {
        grouped(Report.Value.plain(d, decimals: decimals))
    }
}
