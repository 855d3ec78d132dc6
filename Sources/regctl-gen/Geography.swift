import Core

/// A county-level GB/T 2260 code the generator places records in.
struct County {
    /// The six digits.
    let code: [UInt8]
    /// Index into `Geography.provinces`.
    let province: Int
    /// The place word firm names start with: the prefecture's name without 市 (株洲), else the province's (湖南).
    let place: [UInt8]
    /// The county's name without its last character when that leaves two or more (天元区 → 天元).
    let short: [UInt8]
    /// The 4-digit prefix: its prefecture (or municipality part).
    let prefecture: String
}

struct Province {
    let code: String
    let short: String
    let fullName: String
    /// Relative share of firms, in tenths of a percent (roughly the provinces' shares of registered firms).
    let weight: Int
}

/// The places records are put in: every in-use county-level MCA code of the 31 mainland provinces,
/// enumerated from Core's `RegionTable` (its public lookups, probed over all six-digit codes of each
/// province), plus the retired county codes whose successor lies in the same province.
struct Geography {
    let provinces: [Province]
    let provinceWeights: [Int]
    let counties: [County]
    let countiesOf: [[Int]]
    /// Retired county codes (still valid in filings; regctl resolves them to today's code).
    let retired: [County]
    let retiredOf: [[Int]]

    static let table: [(String, String, Int)] = [
        ("11", "北京", 40), ("12", "天津", 20), ("13", "河北", 40), ("14", "山西", 18), ("15", "内蒙古", 10),
        ("21", "辽宁", 25), ("22", "吉林", 12), ("23", "黑龙江", 12), ("31", "上海", 45), ("32", "江苏", 100),
        ("33", "浙江", 90), ("34", "安徽", 40), ("35", "福建", 40), ("36", "江西", 25), ("37", "山东", 80),
        ("41", "河南", 50), ("42", "湖北", 42), ("43", "湖南", 36), ("44", "广东", 120), ("45", "广西", 20),
        ("46", "海南", 8), ("50", "重庆", 25), ("51", "四川", 42), ("52", "贵州", 15), ("53", "云南", 18),
        ("54", "西藏", 2), ("61", "陕西", 25), ("62", "甘肃", 10), ("63", "青海", 3), ("64", "宁夏", 4),
        ("65", "新疆", 11),
    ]

    init() throws {
        var provinces: [Province] = []
        var counties: [County] = []
        var countiesOf: [[Int]] = []
        var retired: [County] = []
        var retiredOf: [[Int]] = []
        for (pi, (code, short, weight)) in Geography.table.enumerated() {
            guard let full = RegionTable.name(ofUnit: code) else { throw GenError.check("RegionTable has no province \(code)") }
            provinces.append(Province(code: code, short: short, fullName: full, weight: weight))
            var mine: [Int] = [], old: [Int] = []
            for p in 0...99 {
                for c in 1...99 {
                    let six = code + two(p) + two(c)
                    guard let r = RegionTable.region(code: six), r.level == .county, !r.isStatistical,
                          !r.name.hasSuffix("市辖区"), !r.name.isEmpty else { continue }
                    let prefecture = String(six.prefix(4))
                    let county = County(code: Array(six.utf8), province: pi, place: Geography.place(prefecture, short),
                                        short: Geography.shortName(r.name), prefecture: prefecture)
                    if r.inUse {
                        mine.append(counties.count)
                        counties.append(county)
                    } else if let now = RegionTable.resolve(six), now.current.hasPrefix(code),
                              RegionTable.region(code: now.current)?.level == .county {
                        old.append(retired.count)
                        retired.append(county)
                    }
                }
            }
            guard mine.count >= 5 else { throw GenError.check("RegionTable has only \(mine.count) in-use counties in \(code)") }
            countiesOf.append(mine)
            retiredOf.append(old)
        }
        self.provinces = provinces
        self.counties = counties
        self.countiesOf = countiesOf
        self.retired = retired
        self.retiredOf = retiredOf
        provinceWeights = cumulative(provinces.map(\.weight))
    }

    private static func place(_ prefecture: String, _ provinceShort: String) -> [UInt8] {
        if let name = RegionTable.name(ofUnit: prefecture), name.hasSuffix("市"), name.count <= 5, name.count >= 3 {
            return Array(name.dropLast().utf8)
        }
        return Array(provinceShort.utf8)
    }

    private static func shortName(_ name: String) -> [UInt8] {
        name.count >= 3 ? Array(name.dropLast().utf8) : Array(name.utf8)
    }

    /// The name a designation by name states as its region: the separately planned city when the
    /// firm lies in one (MIIT's lists address them separately), else the province's full name.
    func listedRegion(of county: County) -> String {
        PlannedCities.codes[county.prefecture] ?? provinces[county.province].fullName
    }
}

/// The counties (in use, then retired) in flat storage without references, for the per-record path:
/// index `k < inUse` is `geography.counties[k]`, `k >= inUse` is `geography.retired[k - inUse]`.
final class Places {
    let inUse: Int
    let count: Int
    private let codes: UnsafeMutablePointer<UInt8>
    private let provinces: UnsafeMutablePointer<Int>
    private let text: UnsafeMutablePointer<UInt8>
    private let placeStart: UnsafeMutablePointer<Int>
    private let placeLength: UnsafeMutablePointer<Int>
    /// Province p's in-use counties are `countyStart[p] ..< countyStart[p] + countyCount[p]`, its retired
    /// ones likewise (Geography appends them province by province).
    let countyStart: [Int], countyCount: [Int], retiredStart: [Int], retiredCount: [Int]

    init(_ geo: Geography) {
        let all = geo.counties + geo.retired
        inUse = geo.counties.count
        count = all.count
        codes = .allocate(capacity: 6 * count)
        provinces = .allocate(capacity: count)
        placeStart = .allocate(capacity: count)
        placeLength = .allocate(capacity: count)
        let total = all.reduce(0) { $0 + $1.place.count }
        text = .allocate(capacity: max(1, total))
        var at = 0
        for (k, c) in all.enumerated() {
            for b in 0..<6 { codes[6 * k + b] = c.code[b] }
            provinces[k] = c.province
            placeStart[k] = at
            placeLength[k] = c.place.count
            for b in c.place { text[at] = b; at += 1 }
        }
        countyStart = geo.countiesOf.map { $0.first ?? 0 }
        countyCount = geo.countiesOf.map(\.count)
        retiredStart = geo.retiredOf.map { ($0.first ?? 0) + geo.counties.count }
        retiredCount = geo.retiredOf.map(\.count)
        for (p, list) in geo.countiesOf.enumerated() { precondition(list == Array(countyStart[p] ..< countyStart[p] + list.count)) }
        for (p, list) in geo.retiredOf.enumerated() where !list.isEmpty {
            precondition(list == Array(retiredStart[p] - inUse ..< retiredStart[p] - inUse + list.count))
        }
    }

    @inline(__always) func code(_ k: Int) -> UnsafeMutablePointer<UInt8> { codes + 6 * k }
    @inline(__always) func province(_ k: Int) -> Int { provinces[k] }
    @inline(__always) func place(_ k: Int) -> (UnsafeMutablePointer<UInt8>, Int) { (text + placeStart[k], placeLength[k]) }
}

private func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
