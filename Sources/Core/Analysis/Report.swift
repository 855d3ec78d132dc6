/// A plugin's answer: a titled table with typed columns, notes, and the filings it rests on.
public struct Report: Sendable, Codable, Hashable {
    /// A column's value type, for rendering and for JSON.
    public enum ColumnType: String, Sendable, Codable, Hashable {
        case text, integer, number, date, money
    }

    /// A column of the table.
    public struct Column: Sendable, Codable, Hashable {
        /// Machine name, the JSON key (`rank`, `code`, `name`, `count`).
        public var name: String
        public var type: ColumnType
        /// Heading for tables; the name when nil.
        public var title: String?

        public init(_ name: String, _ type: ColumnType, title: String? = nil) {
            self.name = name
            self.type = type
            self.title = title
        }
    }

    /// One cell.
    public enum Value: Sendable, Codable, Hashable, CustomStringConvertible {
        case text(String)
        case integer(Int)
        case number(Double)
        case null

        public var description: String {
            switch self {
            case .text(let s): s
            case .integer(let i): String(i)
            case .number(let d): Report.Value.plain(d, decimals: 4)
            case .null: ""
            }
        }

        /// The value as text for a column of `type`: money with two decimals (yuan), other numbers
        /// with up to four and no trailing zeros, never in scientific notation.
        public func formatted(as type: ColumnType) -> String {
            switch (self, type) {
            case (.number(let d), .money): Report.Value.plain(d, decimals: 2, keepZeros: true)
            case (.integer(let i), .money): "\(i).00"
            default: description
            }
        }

        static func plain(_ d: Double, decimals: Int, keepZeros: Bool = false) -> String {
            guard d.isFinite else { return "" }
            if !keepZeros && d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
            var text = String(format: "%.\(decimals)f", d)
            if !keepZeros, text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text == "-0" ? "0" : text
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let i = try? c.decode(Int.self) { self = .integer(i) }
            else if let d = try? c.decode(Double.self) { self = .number(d) }
            else { self = .text(try c.decode(String.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .integer(let i): try c.encode(i)
            case .number(let d): try c.encode(d)
            case .null: try c.encodeNil()
            }
        }
    }

    public var title: String
    public var asOf: Day
    /// Where the as-of date came from.
    public var asOfSource: String
    public var columns: [Column]
    public var rows: [[Value]]
    public var notes: [String]
    /// Ids of the filings whose facts the answer used.
    public var filings: [String]

    public init(title: String, asOf: Day, asOfSource: String, columns: [Column], rows: [[Value]], notes: [String] = [], filings: [String] = []) {
        self.title = title
        self.asOf = asOf
        self.asOfSource = asOfSource
        self.columns = columns
        self.rows = rows
        self.notes = notes
        self.filings = filings
    }
}

import Foundation
