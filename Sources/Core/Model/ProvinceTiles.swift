/// Where each of China's 34 provincial-level units sits on a tile-grid map: one equal square per unit
/// at a fixed cell, no boundary geometry (so no map licensing or map review).
///
/// The idea is the tile-grid cartogram (NPR's and the Washington Post's US state grids; the China grids
/// news desks draw the same way): each unit one cell, cells placed so that units that share a border
/// touch (side or corner). This layout is regctl's own, laid out from the units' relative positions.
/// Every land border is kept but six that a single square for 内蒙古 cannot reach (黑龙江, 吉林, 辽宁,
/// 甘肃, 陕西 touch 内蒙古 on the ground, not here) and 新疆–西藏; ProvinceTilesTests checks the
/// neighbours it keeps.
public enum ProvinceTiles {
    /// One unit's tile.
    public struct Tile: Sendable, Hashable {
        /// The two-digit region code (11 北京 … 82 澳门).
        public let code: String
        /// The short name printed on the tile (北京, 内蒙古).
        public let short: String
        /// The English name, for readers of English (tooltips).
        public let english: String
        /// Column from the west, row from the north, both from 0.
        public let column: Int
        public let row: Int
    }

    /// Columns and rows of the grid.
    public static let columns = 7
    public static let rows = 8

    // code, short name, English name, column, row — north to south, west to east.
    public static let all: [Tile] = [
        Tile(code: "23", short: "黑龙江", english: "Heilongjiang", column: 5, row: 0),
        Tile(code: "15", short: "内蒙古", english: "Inner Mongolia", column: 2, row: 1),
        Tile(code: "11", short: "北京", english: "Beijing", column: 3, row: 1),
        Tile(code: "21", short: "辽宁", english: "Liaoning", column: 4, row: 1),
        Tile(code: "22", short: "吉林", english: "Jilin", column: 5, row: 1),
        Tile(code: "65", short: "新疆", english: "Xinjiang", column: 0, row: 2),
        Tile(code: "64", short: "宁夏", english: "Ningxia", column: 1, row: 2),
        Tile(code: "14", short: "山西", english: "Shanxi", column: 2, row: 2),
        Tile(code: "13", short: "河北", english: "Hebei", column: 3, row: 2),
        Tile(code: "12", short: "天津", english: "Tianjin", column: 4, row: 2),
        Tile(code: "63", short: "青海", english: "Qinghai", column: 0, row: 3),
        Tile(code: "62", short: "甘肃", english: "Gansu", column: 1, row: 3),
        Tile(code: "61", short: "陕西", english: "Shaanxi", column: 2, row: 3),
        Tile(code: "41", short: "河南", english: "Henan", column: 3, row: 3),
        Tile(code: "37", short: "山东", english: "Shandong", column: 4, row: 3),
        Tile(code: "54", short: "西藏", english: "Tibet", column: 0, row: 4),
        Tile(code: "51", short: "四川", english: "Sichuan", column: 1, row: 4),
        Tile(code: "50", short: "重庆", english: "Chongqing", column: 2, row: 4),
        Tile(code: "42", short: "湖北", english: "Hubei", column: 3, row: 4),
        Tile(code: "34", short: "安徽", english: "Anhui", column: 4, row: 4),
        Tile(code: "32", short: "江苏", english: "Jiangsu", column: 5, row: 4),
        Tile(code: "31", short: "上海", english: "Shanghai", column: 6, row: 4),
        Tile(code: "53", short: "云南", english: "Yunnan", column: 1, row: 5),
        Tile(code: "52", short: "贵州", english: "Guizhou", column: 2, row: 5),
        Tile(code: "43", short: "湖南", english: "Hunan", column: 3, row: 5),
        Tile(code: "36", short: "江西", english: "Jiangxi", column: 4, row: 5),
        Tile(code: "33", short: "浙江", english: "Zhejiang", column: 5, row: 5),
        Tile(code: "45", short: "广西", english: "Guangxi", column: 2, row: 6),
        Tile(code: "44", short: "广东", english: "Guangdong", column: 3, row: 6),
        Tile(code: "35", short: "福建", english: "Fujian", column: 4, row: 6),
        Tile(code: "71", short: "台湾", english: "Taiwan", column: 5, row: 6),
        Tile(code: "46", short: "海南", english: "Hainan", column: 2, row: 7),
        Tile(code: "82", short: "澳门", english: "Macao", column: 3, row: 7),
        Tile(code: "81", short: "香港", english: "Hong Kong", column: 4, row: 7),
    ]

    /// The tile of a two-digit code.
    public static func tile(_ code: String) -> Tile? { byCode[code] }

    private static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// Whether two tiles touch, at a side or a corner.
    public static func touch(_ a: Tile, _ b: Tile) -> Bool {
        a != b && abs(a.column - b.column) <= 1 && abs(a.row - b.row) <= 1
    }

    /// The province a unit code lies in: its first two digits (a planned city's 2102 → 21).
    public static func province(of code: String) -> String { String(code.prefix(2)) }
}

/// Values on a sequential scale of `classes` equal steps from the smallest to the largest: what a
/// choropleth's colours and legend show.
public struct SequentialClasses: Sendable, Hashable {
    public let minimum: Double
    public let maximum: Double
    public let classes: Int

    public init(values: [Double], classes: Int = 5) {
        minimum = values.min() ?? 0
        maximum = values.max() ?? 0
        self.classes = max(1, classes)
    }

    /// The class of `value`, 0 (lowest) … classes − 1; never decreasing as the value grows.
    public func index(of value: Double) -> Int {
        guard maximum > minimum else { return classes - 1 }
        let i = Int(((value - minimum) / (maximum - minimum) * Double(classes)).rounded(.down))
        return min(classes - 1, max(0, i))
    }

    /// The lower and upper bound of class `i`.
    public func bounds(_ i: Int) -> (lower: Double, upper: Double) {
        let step = (maximum - minimum) / Double(classes)
        return (minimum + step * Double(i), i == classes - 1 ? maximum : minimum + step * Double(i + 1))
    }
}
