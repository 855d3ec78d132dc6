import Core

/// A registry of some thousands of firms with annual reports drawn at random from a fixed seed, for
/// tests that hold a store's streamed reads to the wide reads' answers: firms in and out of parks, in
/// several provinces, some deregistered, some never founded on record; reports of several years with
/// figures missing or zero at random, and firms that never reported.
public enum GeneratedReports {
    /// Loads the parks and firms, and the reports in a second filing, into `store`.
    public static func load(firms count: Int, seed: UInt64 = 19, into store: any RegistryStore) throws {
        var random = SplitMix(state: seed)
        let counties = ["430211", "430104", "430102", "440305", "110108", "320505"]
        try InlineRegistry.load("""
            <park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
            <park id="b" name="乙园区" region="430104" level="national" kind="high-tech-zone"/>
            <park id="c" name="丙园区" region="440305" level="provincial" kind="high-tech-zone"/>
            """, id: "parks", issued: "2019-01-01", into: store)
        var firms = "", reports = ""
        for n in 1...count {
            let county = counties[Int(random.next() % UInt64(counties.count))]
            let uscc = InlineRegistry.uscc(region: county, serial: n)
            var firm = "<firm uscc=\"\(uscc)\" name=\"企业\(n)\" region=\"\(county)\""
            switch random.next() % 4 {
            case 0: firm += " park=\"a\""
            case 1: firm += " park=\"\(county == "440305" ? "c" : "b")\""
            default: break
            }
            if random.next() % 8 != 0 { firm += " founded=\"\(2005 + random.next() % 19)-0\(1 + random.next() % 9)-1\(random.next() % 9)\"" }
            if random.next() % 12 == 0 { firm += " status=\"deregistered\"" }
            firms += firm + "/>\n"
            // Reports of a run of years, most firms with some, a few codes with none.
            guard random.next() % 5 != 0 else { continue }
            let first = 2018 + Int(random.next() % 5), last = min(2024, first + Int(random.next() % 6))
            for year in first...last where random.next() % 7 != 0 {
                reports += report(uscc: uscc, year: year, random: &random)
            }
        }
        try InlineRegistry.load(firms, id: "firms", issued: "2020-01-01", into: store)
        try InlineRegistry.load(reports, id: "reports", issued: "2024-12-31", into: store)
    }

    private static func report(uscc: String, year: Int, random: inout SplitMix) -> String {
        func amount(_ scale: UInt64) -> String? {
            switch random.next() % 10 {
            case 0: nil
            case 1: "0"
            default: String(random.next() % scale) + "." + String(10 + random.next() % 90)
            }
        }
        func count(_ scale: UInt64) -> String? { random.next() % 9 == 0 ? nil : String(random.next() % scale) }
        var s = "<annual-report uscc=\"\(uscc)\" year=\"\(year)\""
        let employees = count(400)
        // R&D staff never exceed the employees stated (the loader refuses that).
        let rdStaff = count(100).map { s in employees.map { String(min(Int(s)!, Int($0)!)) } ?? s }
        let fields: [(String, String?)] = [
            ("revenue", amount(300_000_000)), ("main-revenue", amount(200_000_000)), ("rd-expense", amount(20_000_000)),
            ("employees", employees), ("rd-staff", rdStaff), ("invention-patents", count(6)),
            ("assets", amount(400_000_000)), ("liabilities", amount(300_000_000)), ("equity-raised", amount(80_000_000)),
        ]
        for case let (name, value?) in fields { s += " \(name)=\"\(value)\"" }
        return s + "/>\n"
    }

    /// SplitMix64: a fixed sequence for a seed on every platform.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
