import Core
import Foundation

/// Writes the synthetic data set: one XML filing with the records of every kind, the same records as
/// one CSV filing per kind (with sidecars), a second filing (the 2025 designation list with
/// revocations) in both forms, and aux/ files for the benchmark's peers and checks.
///
/// Every record is a pure function of (seed, kind, index): a firm's facts are recomputed in each
/// pass rather than stored, so memory stays constant whatever --firms is.
final class Generator {
    struct Options {
        var firms: Int
        var seed: UInt64
        var out: String
        var xml: Bool
        var csv: Bool
        var quiet: Bool
    }

    let o: Options
    let geo: Geography
    let rb = RecordBuilder()
    /// The current record's USCC (18 bytes).
    private let uscc = UnsafeMutablePointer<UInt8>.allocate(capacity: 18)

    // The kinds and the positions of their fields in Core's lists.
    let park = KindSpec(.park), firm = KindSpec(.firm), incubator = KindSpec(.incubator)
    let designation = KindSpec(.designation), incubation = KindSpec(.incubation)
    let report = KindSpec(.annualReport), transfer = KindSpec(.transfer)

    /// Issue dates: the first filing (and the default as-of date of a registry holding it) and the second.
    let issued = Civil.days(2024, 12, 31)
    let secondIssued = Civil.days(2025, 6, 30)

    struct ParkInfo {
        var county: Int
        var kind: Int
        var national: Bool
        var id: [UInt8]
    }

    struct IncubatorInfo {
        var county: Int
        var park: Int
    }

    let parks: [ParkInfo]
    let parkCounty: [Int]
    let places: Places
    /// Records written, by `RecordKind.order`.
    private let kindCounts = UnsafeMutablePointer<Int>.allocate(capacity: RecordKind.allCases.count)
    let parksOf: [[Int]]
    let incubatorCount: Int
    let incubators: [IncubatorInfo]
    let incubatorsOf: [[Int]]
    /// Characters of the trade name: 4 (up to 16.7M firms) or 5.
    let nameDigits: Int

    /// Records written, by kind; and of the second filing.
    var counts: [RecordKind: Int] {
        Dictionary(uniqueKeysWithValues: RecordKind.allCases.map { ($0, kindCounts[$0.order]) }.filter { $0.1 > 0 })
    }
    var secondCount = 0
    /// Firms with an active national little-giant designation, by province code: as of the first
    /// filing's date with the first filing alone, and as of the second's with both.
    var giants: [String: Int] = [:]
    var giantsAfterSecond: [String: Int] = [:]

    init(_ options: Options) throws {
        o = options
        geo = try Geography()
        let seed = options.seed
        nameDigits = options.firms > 1 << 24 ? 5 : 4

        // Parks: about one per 500 firms, at most 2,600 (China's catalogue of development zones).
        let parkCount = min(2_600, max(8, options.firms / 500))
        var parks: [ParkInfo] = []
        var parksOf = [[Int]](repeating: [], count: geo.provinces.count)
        for j in 0..<parkCount {
            var r = SplitMix64(seed: seed, stream: .park, index: j)
            let province = r.weighted(geo.provinceWeights)
            let county = geo.countiesOf[province][r.below(geo.countiesOf[province].count)]
            let kind = r.weighted([40, 85, 100])
            let national = r.chance([0.45, 0.35, 0.05][kind])
            var id = geo.counties[county].code
            id += Array("-".utf8) + Words.parkIDKinds[kind].bytes + Array("-\(j)".utf8)
            parksOf[province].append(parks.count)
            parks.append(ParkInfo(county: county, kind: kind, national: national, id: id))
        }
        self.parks = parks
        self.parksOf = parksOf
        parkCounty = parks.map(\.county)
        places = Places(geo)
        kindCounts.initialize(repeating: 0, count: RecordKind.allCases.count)

        // Incubators, maker spaces and accelerators: one per 250 firms.
        incubatorCount = max(5, options.firms / 250)
        var incubators: [IncubatorInfo] = []
        var incubatorsOf = [[Int]](repeating: [], count: geo.provinces.count)
        for j in 0..<incubatorCount {
            var r = SplitMix64(seed: seed, stream: .incubator, index: j)
            let province = r.weighted(geo.provinceWeights)
            var county = geo.countiesOf[province][r.below(geo.countiesOf[province].count)]
            var inPark = -1
            if !parksOf[province].isEmpty, r.chance(0.4) {
                inPark = parksOf[province][r.below(parksOf[province].count)]
                county = parks[inPark].county
            }
            incubatorsOf[province].append(j)
            incubators.append(IncubatorInfo(county: county, park: inPark))
        }
        self.incubators = incubators
        self.incubatorsOf = incubatorsOf
        try selfCheck()
    }

    deinit {
        uscc.deallocate()
        kindCounts.deallocate()
    }

    // MARK: - Firms

    struct FirmFacts {
        var retired = false
        var county = 0
        var park = -1
        var founded = 0
        var foundedYear = 0
        var industry = 0
        /// 0 ordinary, 1 innovative SME, 2 specialised SME, 3 provincial little giant, 4 national, 5 also champion.
        var tier = 0
        var highTech = false
        var reports = false
        var incubated = false
        var transfers = 0
        var deregistered = false
        var joinStock = false
        var statusStated = false
        var registeredAtPrefecture = false
        /// The firm's national little-giant designations are listed by name and region (MIIT's lists), not USCC.
        var listedByName = false
    }

    func facts(_ i: Int) -> FirmFacts {
        var r = SplitMix64(seed: o.seed, stream: .firm, index: i)
        var f = FirmFacts()
        let province: Int
        if r.chance(0.35) {
            let u = r.unit()
            f.park = min(parks.count - 1, Int(Double(parks.count) * u * u))
            f.county = parkCounty[f.park]
            province = places.province(f.county)
        } else {
            province = r.weighted(geo.provinceWeights)
            let old = places.retiredCount[province]
            if old > 0, r.chance(0.01) {
                f.retired = true
                f.county = places.retiredStart[province] + r.below(old)
            } else {
                f.county = places.countyStart[province] + r.below(places.countyCount[province])
            }
        }
        let u = r.unit()
        f.foundedYear = 2024 - Int(35 * u * u.squareRoot())
        f.founded = Civil.days(f.foundedYear, r.between(1, 12), r.between(1, 28))
        f.industry = r.below(Words.industries.count)
        f.deregistered = r.chance(0.02)
        f.statusStated = r.chance(0.1)
        f.joinStock = r.chance(0.2)
        f.registeredAtPrefecture = r.chance(0.2)
        let t = r.unit()
        f.tier = t < 0.0015 ? 5 : t < 0.0135 ? 4 : t < 0.0335 ? 3 : t < 0.1035 ? 2 : t < 0.2535 ? 1 : 0
        f.highTech = r.chance(0.12)
        f.listedByName = r.chance(0.1) && !f.retired
        f.reports = f.tier >= 2 || r.chance(0.05)
        f.incubated = r.chance(f.foundedYear >= 2010 ? 0.06 : 0.01)
        if f.tier >= 2 {
            f.transfers = r.chance(0.12) ? 1 + r.below(2) : 0
        } else {
            f.transfers = r.chance(0.006) ? 1 : 0
        }
        if f.deregistered {
            f.tier = 0
            f.highTech = false
            f.reports = false
            f.transfers = 0
        }
        return f
    }

    /// The firm's county with its names (for the rare paths; the per-record ones read `places`).
    func county(_ f: FirmFacts) -> County { f.retired ? geo.retired[f.county - places.inUse] : geo.counties[f.county] }

    /// The firm's USCC into `uscc`: 91 (enterprise, company), the registering authority's division
    /// code, a nine-character organisation code — eight digits for firms founded before 2015, MA and
    /// six characters after, each unique per firm, with its GB 11714 check character — and the
    /// GB 32100 check character.
    @inline(__always) func makeUSCC(_ i: Int, _ f: FirmFacts) {
        uscc[0] = 57
        uscc[1] = 49
        let code = places.code(f.county)
        for k in 0..<6 { uscc[2 + k] = code[k] }
        if f.registeredAtPrefecture {
            uscc[6] = 48
            uscc[7] = 48
        }
        if f.foundedYear >= 2015 {
            uscc[8] = 77
            uscc[9] = 65
            var v = (i &* 7919 &+ 99_991) % 887_503_681
            for k in stride(from: 5, through: 0, by: -1) {
                uscc[10 + k] = Checks.alphabet[v % 31]
                v /= 31
            }
        } else {
            var v = (i &* 48_271 &+ 1_234_567) % 100_000_000
            for k in stride(from: 7, through: 0, by: -1) {
                uscc[8 + k] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        uscc[16] = Checks.organisationCheck(uscc + 8)
        uscc[17] = Checks.usccCheck(uscc)
    }

    /// An institution's USCC (12…: 事业单位) or a company's, for incubator operators.
    func makeOperatorUSCC(_ j: Int, county: County, institution: Bool) {
        uscc[0] = institution ? 49 : 57
        uscc[1] = institution ? 50 : 49
        county.code.withUnsafeBufferPointer { code in
            for k in 0..<6 { uscc[2 + k] = code[k] }
        }
        var v = (j &* 69_069 &+ 5_555_555) % 100_000_000
        for k in stride(from: 7, through: 0, by: -1) {
            uscc[8 + k] = UInt8(48 + v % 10)
            v /= 10
        }
        uscc[16] = Checks.organisationCheck(uscc + 8)
        uscc[17] = Checks.usccCheck(uscc)
    }

    /// The firm's name into the open field: place, a unique four-character trade name, industry, form.
    @inline(__always) func appendName(_ i: Int, _ f: FirmFacts) {
        let (place, length) = places.place(f.county)
        rb.append(place, length)
        var v = nameDigits == 4 ? (i &* 2_654_435_761 &+ 7) & 0xFF_FFFF : (i &* 2_654_435_761 &+ 7) & 0x3FFF_FFFF
        for _ in 0..<nameDigits {
            rb.append(Words.nameCharacters[v & 63])
            v >>= 6
        }
        rb.append(Words.industries[f.industry].word)
        rb.append(f.joinStock ? "股份有限公司" : "有限公司")
    }

    // MARK: - Designations

    struct Desig {
        var program: Int
        var level: Int
        var year: Int
        /// The list's batch number (第N批), or -1; reviews (复核) state none.
        var batch = -1
        var from = -1
        var to = -1
        var revoked = false
        var statusStated = false
        var revokedOn = -1
        var byName = false

        var start: Int { from >= 0 ? from : Civil.days(year, 1, 1) }

        /// docs/analytics.md, "Active designation on D".
        func isActive(on d: Int, filingIssued: Int) -> Bool {
            if revoked {
                let effective = revokedOn >= 0 ? revokedOn : filingIssued
                if effective <= d { return false }
            }
            if start > d { return false }
            if to >= 0 && to < d { return false }
            return true
        }
    }

    /// The firm's designations in the first filing.
    func designations(_ i: Int, _ f: FirmFacts, into list: inout [Desig]) {
        list.removeAll(keepingCapacity: true)
        guard !f.deregistered else { return }
        var r = SplitMix64(seed: o.seed, stream: .designation, index: i)
        let earliest = f.foundedYear + 2

        func threeYears(_ program: Int, _ level: Int, _ year: Int, month: Int, day: Int, batch: Int = -1, byName: Bool = false) -> Desig {
            let from = Civil.days(year, month, day)
            return Desig(program: program, level: level, year: year, batch: batch, from: from,
                         to: Civil.days(year + 3, month, day) - 1, byName: byName)
        }

        // 创新型中小企业 (provincial, since 2022).
        if f.tier == 1 || (f.tier >= 2 && r.chance(0.6)) {
            let y0 = max(2022, earliest)
            if y0 <= 2024 {
                var d = threeYears(2, 1, r.between(y0, 2024), month: r.between(9, 12), day: r.between(1, 28))
                if r.chance(0.12) { d.from = -1; d.to = -1 }
                list.append(d)
            }
        }
        // 专精特新中小企业: provincial (reviewed after three years) and, in some cities, municipal.
        var specialized = -1
        if f.tier >= 2 {
            let y0 = max(2019, earliest)
            if y0 <= 2024 {
                let y = r.between(y0, 2024)
                specialized = y
                list.append(threeYears(1, 1, y, month: r.between(6, 12), day: r.between(1, 28)))
                if y + 3 <= 2024, r.chance(0.7) {
                    list.append(threeYears(1, 1, y + 3, month: r.between(6, 12), day: r.between(1, 28)))
                }
            }
        }
        if f.tier >= 1, r.chance(0.3) {
            let y0 = max(2019, earliest)
            if y0 <= 2024 { list.append(threeYears(1, 2, r.between(y0, 2024), month: r.between(3, 12), day: r.between(1, 28))) }
        }
        // 专精特新"小巨人": provincial lists, and MIIT's national batches (2019 …) with a review after three years.
        if f.tier == 3 || (f.tier >= 4 && r.chance(0.5)) {
            let y0 = max(2019, earliest, specialized)
            if y0 <= 2024 { list.append(threeYears(0, 1, r.between(y0, 2024), month: r.between(6, 12), day: r.between(1, 28))) }
        }
        if f.tier >= 4 {
            let y0 = max(2019, earliest)
            if y0 <= 2024 {
                let y = r.between(y0, 2024)
                list.append(threeYears(0, 0, y, month: 7, day: 1, batch: y - 2018, byName: f.listedByName))
                if y + 3 <= 2024, r.chance(0.8) {
                    list.append(threeYears(0, 0, y + 3, month: 7, day: 1, byName: f.listedByName))
                }
            }
        }
        // 制造业单项冠军 (national, batches since 2016).
        if f.tier == 5 {
            let y0 = max(2016, earliest)
            if y0 <= 2024 {
                let y = r.between(y0, 2024)
                list.append(threeYears(3, 0, y, month: 12, day: r.between(1, 28), batch: y - 2015))
            }
        }
        // 高新技术企业 (recognised for three years, then again).
        if f.highTech {
            let y0 = max(2016, earliest)
            if y0 <= 2024 {
                let y = r.between(y0, 2024)
                list.append(threeYears(4, 0, y, month: r.between(10, 12), day: r.between(1, 28)))
                if y + 3 <= 2024, r.chance(0.6) {
                    list.append(threeYears(4, 0, y + 3, month: r.between(10, 12), day: r.between(1, 28)))
                }
            }
        }
        // Revocations: most with the date they took effect, some without (then the list's issue date counts).
        for k in list.indices {
            let x = r.unit()
            let start = list[k].start
            let last = list[k].to >= 0 ? min(list[k].to, issued) : issued
            if x < 0.015, start + 30 <= last {
                list[k].revoked = true
                list[k].revokedOn = r.between(start + 30, last)
                list[k].statusStated = r.chance(0.7)
            } else if x < 0.02, start <= issued {
                list[k].revoked = true
                list[k].statusStated = true
            }
        }
    }

    /// The firm's records in the second filing (2025): revocations of first-filing designations
    /// (restated with the same natural key) and new designations of 2025.
    func secondDesignations(_ i: Int, _ f: FirmFacts, first: [Desig], into list: inout [Desig]) {
        list.removeAll(keepingCapacity: true)
        guard !f.deregistered, f.foundedYear <= 2023 else { return }
        var r = SplitMix64(seed: o.seed, stream: .second, index: i)
        for d in first where !d.revoked {
            if r.chance(0.01) {
                var x = d
                x.revoked = true
                x.statusStated = true
                x.revokedOn = r.between(Civil.days(2025, 1, 1), secondIssued)
                list.append(x)
            }
        }
        if r.chance(f.tier >= 2 ? 0.12 : 0.004) {
            list.append(Desig(program: 0, level: 0, year: 2025, batch: 7, from: Civil.days(2025, 6, 1),
                              to: Civil.days(2028, 6, 1) - 1))
        }
        if r.chance(f.tier >= 1 ? 0.1 : 0.005) {
            let month = r.between(1, 6)
            list.append(Desig(program: 1, level: 1, year: 2025, from: Civil.days(2025, month, 1), to: Civil.days(2028, month, 1) - 1))
        }
    }

    func writeDesignation(_ d: Desig, _ i: Int, _ f: FirmFacts, xml: Sink?, csv: Sink?) {
        let s = designation
        rb.reset(s)
        if d.byName {
            rb.begin(F.designationFirm)
            appendName(i, f)
            rb.finish()
            rb.begin(F.designationRegion)
            rb.append(Array(geo.listedRegion(of: county(f)).utf8))
            rb.finish()
        } else {
            rb.set(F.designationUSCC, uscc, 18)
        }
        rb.set(F.designationProgram, Words.programs[d.program])
        rb.set(F.designationLevel, Words.levels[d.level])
        rb.set(F.designationYear, int: d.year)
        if d.batch > 0 { rb.set(F.designationBatch, int: d.batch) }
        if d.from >= 0 { rb.set(F.designationFrom, date: d.from) }
        if d.to >= 0 { rb.set(F.designationTo, date: d.to) }
        if d.revoked && d.statusStated { rb.set(F.designationStatus, "revoked") }
        if d.revokedOn >= 0 { rb.set(F.designationRevokedOn, date: d.revokedOn) }
        if let xml { rb.writeXML(s, to: xml) }
        if let csv { rb.writeCSV(to: csv) }
    }

    // MARK: - Passes

    /// One pass: the kind's section of the XML filing and its CSV file, written together.
    private func pass(_ spec: KindSpec, xml: Sink?, csvName: String, title: String, body: (_ csv: Sink?) throws -> Void) throws {
        let started = Date()
        var csv: Sink?
        if o.csv {
            let path = "\(o.out)/csv/\(csvName).csv"
            csv = try Sink(path: path)
            csv!.put(spec.header)
            try writeSidecar(path, id: "\(filingID)-\(csvName.uppercased())", issued: "2024-12-31", title: title, kind: spec.kind)
        }
        try body(csv)
        csv?.close()
        note(spec.kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
             + String(format: "%10d records  %.1f s", counts[spec.kind] ?? 0, Date().timeIntervalSince(started)))
    }

    var filingID: String { "GEN-\(o.firms)-S\(o.seed)" }

    func note(_ s: String) {
        if !o.quiet { FileHandle.standardError.write(Data((s + "\n").utf8)) }
    }

    func run() throws {
        let fm = FileManager.default
        for dir in ["xml", "csv", "second/xml", "second/csv", "aux"] {
            try fm.createDirectory(atPath: "\(o.out)/\(dir)", withIntermediateDirectories: true)
        }
        let started = Date()
        var xml: Sink?
        if o.xml {
            xml = try Sink(path: "\(o.out)/xml/filing.xml")
            xml!.put(string: """
                <?xml version="1.0" encoding="UTF-8"?>
                <filing xmlns="urn:regctl:filing:1" id="\(filingID)" authority="regctl-gen（合成数据）" issued="2024-12-31" title="合成基准数据：\(o.firms)家企业及其园区、认定、孵化、年报与成果转化（种子\(o.seed)）">

                """)
        }
        var secondXML: Sink?, secondCSV: Sink?
        if o.xml {
            secondXML = try Sink(path: "\(o.out)/second/xml/designations-2025.xml")
            secondXML!.put(string: """
                <?xml version="1.0" encoding="UTF-8"?>
                <filing xmlns="urn:regctl:filing:1" id="\(filingID)-2025" authority="regctl-gen（合成数据）" issued="2025-06-30" title="2025年认定名单及撤销名单（合成数据，种子\(o.seed)）">

                """)
        }
        if o.csv {
            let path = "\(o.out)/second/csv/designations-2025.csv"
            secondCSV = try Sink(path: path)
            secondCSV!.put(designation.header)
            try writeSidecar(path, id: "\(filingID)-2025", issued: "2025-06-30",
                             title: "2025年认定名单及撤销名单（合成数据，种子\(o.seed)）", kind: .designation)
        }

        try pass(park, xml: xml, csvName: "parks", title: "园区名录（合成数据）") { csv in
            for (j, p) in parks.enumerated() {
                let c = geo.counties[p.county]
                rb.reset(park)
                rb.set(F.parkID, p.id)
                rb.begin(F.parkName); rb.append(c.place); rb.append(c.short); rb.append(Words.parkNames[p.kind]); rb.finish()
                if j % 7 != 3 { rb.begin(F.parkShort); rb.append(c.place); rb.append(c.short); rb.append(Words.parkShortNames[p.kind]); rb.finish() }
                rb.set(F.parkRegion, c.code)
                rb.set(F.parkLevel, p.national ? "national" : "provincial")
                rb.set(F.parkKind, Words.parkKinds[p.kind])
                emit(park, xml, csv)
            }
        }

        try pass(firm, xml: xml, csvName: "firms", title: "企业登记信息（合成数据）") { csv in
            for i in 0..<o.firms {
                let f = facts(i)
                makeUSCC(i, f)
                rb.reset(firm)
                rb.set(F.firmUSCC, uscc, 18)
                rb.begin(F.firmName); appendName(i, f); rb.finish()
                rb.set(F.firmRegion, places.code(f.county), 6)
                if f.park >= 0 { rb.set(F.firmPark, parks[f.park].id) }
                if f.industry % 11 != 5 { rb.set(F.firmIndustry, Words.industries[f.industry].code) }
                rb.set(F.firmFounded, date: f.founded)
                if f.deregistered { rb.set(F.firmStatus, "deregistered") } else if f.statusStated { rb.set(F.firmStatus, "active") }
                emit(firm, xml, csv)
            }
        }

        try pass(incubator, xml: xml, csvName: "incubators", title: "孵化器、众创空间与加速器名录（合成数据）") { csv in
            for j in 0..<incubatorCount {
                var r = SplitMix64(seed: o.seed, stream: .incubator, index: j ^ 0x5A5A_5A5A)
                let info = incubators[j]
                let c = geo.counties[info.county]
                let kind = r.weighted([45, 90, 100])
                rb.reset(incubator)
                rb.begin(F.incubatorID); rb.append("INC-"); rb.append(int: j, width: 6); rb.finish()
                rb.begin(F.incubatorName)
                rb.append(c.place); rb.append(c.short)
                rb.append(Words.incubatorWords[r.below(Words.incubatorWords.count)])
                rb.append(Words.incubatorSuffix[kind])
                rb.finish()
                rb.set(F.incubatorKind, Words.incubatorKinds[kind])
                rb.set(F.incubatorLevel, Words.levels[r.weighted([12, 47, 100])])
                if r.chance(0.8) { rb.set(F.incubatorRecognized, int: r.between(2005, 2024)) }
                rb.set(F.incubatorRegion, c.code)
                if info.park >= 0 { rb.set(F.incubatorPark, parks[info.park].id) }
                if r.chance(0.7) {
                    makeOperatorUSCC(j, county: c, institution: r.chance(0.6))
                    rb.set(F.incubatorOperator, uscc, 18)
                }
                if r.chance(0.6) {
                    rb.begin(F.incubatorArea)
                    rb.append(int: r.between(1_500, 80_000))
                    if r.chance(0.1) { rb.append(".5") }
                    rb.finish()
                }
                if r.chance(0.6) {
                    rb.begin(F.incubatorFocus)
                    let a = r.below(Words.focus.count)
                    rb.append(Words.focus[a])
                    if r.chance(0.5) { rb.append("、"); rb.append(Words.focus[(a + 1 + r.below(Words.focus.count - 1)) % Words.focus.count]) }
                    rb.finish()
                }
                emit(incubator, xml, csv)
            }
        }

        try pass(designation, xml: xml, csvName: "designations", title: "专精特新、单项冠军与高新技术企业认定名单（合成数据）") { csv in
            var first: [Desig] = [], second: [Desig] = [], final: [Desig] = []
            first.reserveCapacity(16)
            second.reserveCapacity(16)
            for i in 0..<o.firms {
                let f = facts(i)
                designations(i, f, into: &first)
                secondDesignations(i, f, first: first, into: &second)
                guard !first.isEmpty || !second.isEmpty else { continue }
                makeUSCC(i, f)
                for d in first {
                    writeDesignation(d, i, f, xml: xml, csv: csv)
                    kindCounts[designation.order] += 1
                }
                for d in second {
                    writeDesignation(d, i, f, xml: secondXML, csv: secondCSV)
                    secondCount += 1
                }
                // The independent answer to `regctl rank` (national little giants by province).
                let province = geo.provinces[places.province(f.county)].code
                if first.contains(where: { $0.program == 0 && $0.level == 0 && $0.isActive(on: issued, filingIssued: issued) }) {
                    giants[province, default: 0] += 1
                }
                final.removeAll(keepingCapacity: true)
                for d in first where !second.contains(where: { $0.program == d.program && $0.level == d.level && $0.year == d.year }) {
                    final.append(d)
                }
                let restated = final.count
                final += second
                if final.indices.contains(where: { k in
                    let d = final[k]
                    return d.program == 0 && d.level == 0
                        && d.isActive(on: secondIssued, filingIssued: k < restated ? issued : secondIssued)
                }) {
                    giantsAfterSecond[province, default: 0] += 1
                }
            }
        }

        try pass(incubation, xml: xml, csvName: "incubations", title: "在孵企业与毕业企业名单（合成数据）") { csv in
            for i in 0..<o.firms {
                let f = facts(i)
                guard f.incubated else { continue }
                var r = SplitMix64(seed: o.seed, stream: .incubation, index: i)
                let local = incubatorsOf[places.province(f.county)]
                let stays = r.chance(0.1) ? 2 : 1
                var previous = -1
                makeUSCC(i, f)
                for _ in 0..<stays {
                    let inc = local.isEmpty || r.chance(0.05) ? r.below(incubatorCount) : local[r.below(local.count)]
                    if inc == previous { continue }
                    previous = inc
                    let entered = min(issued, f.founded + r.between(0, 730))
                    rb.reset(incubation)
                    rb.set(F.incubationUSCC, uscc, 18)
                    rb.begin(F.incubationIncubator); rb.append("INC-"); rb.append(int: inc, width: 6); rb.finish()
                    rb.set(F.incubationEntered, date: entered)
                    let intake = r.weighted([70, 90, 100])
                    if intake != 0 || r.chance(0.5) { rb.set(F.incubationIntake, Words.intakes[intake]) }
                    let x = r.unit()
                    if x < 0.55 {
                        let g = entered + r.between(365, 1460)
                        if g <= issued { rb.set(F.incubationGraduated, date: g) }
                    } else if x < 0.65 {
                        let e = entered + r.between(180, 1000)
                        if e <= issued { rb.set(F.incubationExited, date: e) }
                    }
                    emit(incubation, xml, csv)
                }
            }
        }

        try pass(report, xml: xml, csvName: "annual-reports", title: "企业年度运行监测数据2022—2024（合成数据）") { csv in
            for i in 0..<o.firms {
                let f = facts(i)
                guard f.reports else { continue }
                var r = SplitMix64(seed: o.seed, stream: .report, index: i)
                makeUSCC(i, f)
                var employees = (15 + r.below(150)) * (1 + f.tier)
                var perHead = 300_000 + r.below(900_000)
                for year in max(2022, f.foundedYear)...2024 {
                    rb.reset(report)
                    rb.set(F.reportUSCC, uscc, 18)
                    rb.set(F.reportYear, int: year)
                    let revenue = employees * perHead * 100 + (r.chance(0.3) ? r.below(100) : 0)
                    func maybe(_ field: Int, fen: Int) { if !r.chance(0.03) { rb.set(field, fen: fen) } }
                    maybe(F.reportRevenue, fen: revenue)
                    maybe(F.reportMainRevenue, fen: revenue / 100 * (75 + r.below(26)))
                    maybe(F.reportRD, fen: revenue / 1000 * (20 + r.below(100)))
                    if !r.chance(0.03) {
                        rb.set(F.reportEmployees, int: employees)
                        if !r.chance(0.03) { rb.set(F.reportRDStaff, int: employees * (8 + r.below(33)) / 100) }
                    }
                    if !r.chance(0.03) { rb.set(F.reportPatents, int: r.below(5 + 10 * f.tier)) }
                    let assets = revenue / 100 * (80 + r.below(120))
                    maybe(F.reportAssets, fen: assets)
                    maybe(F.reportLiabilities, fen: assets / 100 * (20 + r.below(51)))
                    if r.chance(0.15) { rb.set(F.reportEquity, fen: (1 + r.below(200)) * 10_000_000) }
                    emit(report, xml, csv)
                    employees = max(3, employees * (90 + r.below(50)) / 100)
                    perHead = perHead * (95 + r.below(20)) / 100
                }
            }
        }

        try pass(transfer, xml: xml, csvName: "transfers", title: "科技成果转化合同登记（合成数据）") { csv in
            for i in 0..<o.firms {
                let f = facts(i)
                guard f.transfers > 0 else { continue }
                var r = SplitMix64(seed: o.seed, stream: .transfer, index: i)
                makeUSCC(i, f)
                for t in 0..<f.transfers {
                    let signed = r.between(max(f.founded, Civil.days(2016, 1, 1)), issued)
                    let sourceKind = r.weighted([50, 75, 88, 97, 100])
                    let mode = r.weighted([5, 45, 70, 85, 95, 100])
                    rb.reset(transfer)
                    rb.begin(F.transferID); rb.append("TT"); rb.append(int: Civil.year(signed)); rb.append("-")
                    rb.append(int: i); rb.append("-"); rb.append(int: t); rb.finish()
                    rb.begin(F.transferTitle)
                    rb.append("一种"); rb.append(Words.techWords[r.below(Words.techWords.count)])
                    rb.append(Words.techObjects[r.below(Words.techObjects.count)])
                    rb.append(Words.techKinds[r.below(Words.techKinds.count)])
                    rb.append(Words.modeWords[mode])
                    rb.finish()
                    let sources = Words.sources[sourceKind]
                    rb.set(F.transferSource, sources[r.below(sources.count)])
                    rb.set(F.transferSourceKind, Words.sourceKinds[sourceKind])
                    rb.set(F.transferRecipient, uscc, 18)
                    rb.set(F.transferMode, Words.modes[mode])
                    let channel = r.weighted([45, 60, 100])
                    if channel != 2 || r.chance(0.7) { rb.set(F.transferChannel, Words.channels[channel]) }
                    if r.chance(0.88) { rb.set(F.transferValue, fen: (50_000 + r.below(30_000_000)) * 100 + (r.chance(0.2) ? r.below(100) : 0)) }
                    rb.set(F.transferSigned, date: signed)
                    emit(transfer, xml, csv)
                }
            }
        }

        xml?.put("</filing>\n")
        xml?.close()
        secondXML?.put("</filing>\n")
        secondXML?.close()
        secondCSV?.close()
        try writeAux()
        note(String(format: "%d records (and %d in the second filing) in %.1f s", counts.values.reduce(0, +), secondCount,
                    Date().timeIntervalSince(started)) + " → \(o.out)")
    }

    @inline(__always) private func emit(_ spec: KindSpec, _ xml: Sink?, _ csv: Sink?) {
        if let xml { rb.writeXML(spec, to: xml) }
        if let csv { rb.writeCSV(to: csv) }
        kindCounts[spec.order] += 1
    }

    private func writeSidecar(_ csvPath: String, id: String, issued: String, title: String, kind: RecordKind) throws {
        let meta: [String: String] = ["id": id, "authority": "regctl-gen（合成数据）", "issued": issued, "title": title, "kind": kind.rawValue]
        let data = try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: csvPath + ".meta.json"))
    }

    /// aux/: what the benchmark's peers and checks need besides the filings.
    private func writeAux() throws {
        // The units a designation by name states, for DuckDB's resolution of such designations.
        var units = "name,unit\n"
        for p in geo.provinces { units += "\(p.fullName),\(p.code)\n" }
        for (code, name) in PlannedCities.codes.sorted(by: { $0.key < $1.key }) { units += "\(name),\(code)\n" }
        try units.write(toFile: "\(o.out)/aux/units.csv", atomically: true, encoding: .utf8)
        try ranking(giants).write(toFile: "\(o.out)/aux/expected-rank.csv", atomically: true, encoding: .utf8)
        try ranking(giantsAfterSecond).write(toFile: "\(o.out)/aux/expected-rank-second.csv", atomically: true, encoding: .utf8)
        var manifest: [String: Any] = [
            "generator": "regctl-gen",
            "firms": o.firms,
            "seed": o.seed,
            "records": Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
            "total_records": counts.values.reduce(0, +),
            "second_filing_records": secondCount,
            "as_of": "2024-12-31",
            "second_as_of": "2025-06-30",
            "filing_id": filingID,
        ]
        var sizes: [String: Int] = [:]
        for sub in ["xml", "csv", "second/xml", "second/csv"] {
            let dir = "\(o.out)/\(sub)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            sizes[sub] = names.filter { !$0.hasSuffix(".json") }.reduce(0) { total, name in
                total + (((try? FileManager.default.attributesOfItem(atPath: "\(dir)/\(name)"))?[.size] as? Int) ?? 0)
            }
        }
        manifest["bytes"] = sizes
        let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: "\(o.out)/aux/manifest.json"))
    }

    /// rank,code,count in regctl's order: standard competition ranking, ties by code.
    private func ranking(_ counts: [String: Int]) -> String {
        let sorted = counts.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var out = "rank,code,count\n"
        var rank = 0
        for (k, e) in sorted.enumerated() {
            if k == 0 || sorted[k - 1].value != e.value { rank = k + 1 }
            out += "\(rank),\(e.key),\(e.value)\n"
        }
        return out
    }

    /// The fast check characters against Core's, and a sample of records through Core's validator.
    private func selfCheck() throws {
        for i in stride(from: 0, to: max(o.firms, 20_000), by: max(1, max(o.firms, 20_000) / 20_000)) {
            let f = facts(i)
            makeUSCC(i, f)
            let code = String(decoding: UnsafeBufferPointer(start: uscc, count: 18), as: UTF8.self)
            if let problem = USCC.problem(code) { throw GenError.check("generated USCC \(code) fails Core's check: \(problem)") }
            let first17 = String(code.prefix(17))
            guard USCC.checkCharacter(for: first17) == code.last else { throw GenError.check("check character of \(code) differs from Core's") }
        }
        for (name, unit) in geo.provinces.map({ ($0.fullName, $0.code) }) + PlannedCities.codes.map({ ($0.value, $0.key) }) {
            guard RegionResolver.unit(for: name) == unit else { throw GenError.check("region name \(name) does not resolve to \(unit) in Core") }
        }
    }
}

/// Field positions in Core's field lists (RecordKind.fields), looked up by name once.
enum F {
    static let park = KindSpec(.park), firm = KindSpec(.firm), incubator = KindSpec(.incubator)
    static let designation = KindSpec(.designation), incubation = KindSpec(.incubation)
    static let report = KindSpec(.annualReport), transfer = KindSpec(.transfer)

    static let parkID = park.index("id"), parkName = park.index("name"), parkShort = park.index("short-name")
    static let parkRegion = park.index("region"), parkLevel = park.index("level"), parkKind = park.index("kind")

    static let firmUSCC = firm.index("uscc"), firmName = firm.index("name"), firmRegion = firm.index("region")
    static let firmPark = firm.index("park"), firmIndustry = firm.index("industry"), firmFounded = firm.index("founded")
    static let firmStatus = firm.index("status")

    static let incubatorID = incubator.index("id"), incubatorName = incubator.index("name"), incubatorKind = incubator.index("kind")
    static let incubatorLevel = incubator.index("level"), incubatorRecognized = incubator.index("recognized")
    static let incubatorRegion = incubator.index("region"), incubatorPark = incubator.index("park")
    static let incubatorOperator = incubator.index("operator"), incubatorArea = incubator.index("area-m2")
    static let incubatorFocus = incubator.index("focus")

    static let designationUSCC = designation.index("uscc"), designationFirm = designation.index("firm")
    static let designationRegion = designation.index("region"), designationProgram = designation.index("program")
    static let designationLevel = designation.index("level"), designationYear = designation.index("year")
    static let designationBatch = designation.index("batch"), designationFrom = designation.index("valid-from")
    static let designationTo = designation.index("valid-to"), designationStatus = designation.index("status")
    static let designationRevokedOn = designation.index("revoked-on")

    static let incubationUSCC = incubation.index("uscc"), incubationIncubator = incubation.index("incubator")
    static let incubationEntered = incubation.index("entered"), incubationIntake = incubation.index("intake")
    static let incubationGraduated = incubation.index("graduated"), incubationExited = incubation.index("exited")

    static let reportUSCC = report.index("uscc"), reportYear = report.index("year"), reportRevenue = report.index("revenue")
    static let reportMainRevenue = report.index("main-revenue"), reportRD = report.index("rd-expense")
    static let reportEmployees = report.index("employees"), reportRDStaff = report.index("rd-staff")
    static let reportPatents = report.index("invention-patents"), reportAssets = report.index("assets")
    static let reportLiabilities = report.index("liabilities"), reportEquity = report.index("equity-raised")

    static let transferID = transfer.index("id"), transferTitle = transfer.index("title"), transferSource = transfer.index("source")
    static let transferSourceKind = transfer.index("source-kind"), transferRecipient = transfer.index("recipient")
    static let transferMode = transfer.index("mode"), transferChannel = transfer.index("channel")
    static let transferValue = transfer.index("value"), transferSigned = transfer.index("signed")
}

/// The check characters of GB 32100 (USCC) and GB 11714 (organisation code), on raw bytes.
enum Checks {
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let values: [Int] = {
        var t = [Int](repeating: -1, count: 128)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = i }
        return t
    }()
    static let weights: [Int] = (0..<17).map { i in (0..<i).reduce(1) { w, _ in w * 3 % 31 } }
    static let organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    @inline(__always) static func usccCheck(_ p: UnsafePointer<UInt8>) -> UInt8 {
        var sum = 0
        for k in 0..<17 { sum += values[Int(p[k])] * weights[k] }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// GB 11714: digits count 0–9 and letters A–Z 10–35; the check is 11 − (Σ cᵢwᵢ mod 11), 10 → X, 11 → 0.
    @inline(__always) static func organisationCheck(_ p: UnsafePointer<UInt8>) -> UInt8 {
        var sum = 0
        for k in 0..<8 {
            let c = Int(p[k])
            sum += (c <= 57 ? c - 48 : c - 65 + 10) * organisationWeights[k]
        }
        let c9 = 11 - sum % 11
        return c9 == 10 ? 88 : c9 == 11 ? 48 : UInt8(48 + c9)
    }
}

extension StaticString {
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)) }
}
