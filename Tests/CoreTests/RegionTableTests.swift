import Testing
@testable import Core

@Suite("RegionTable (GB/T 2260)")
struct RegionTableTests {
    @Test func inUseCountyIsKnown() throws {
        let region = try #require(RegionTable.region(code: "430211"))
        #expect(region.name == "天元区")
        #expect(region.level == .county)
        #expect(region.inUse)
        #expect(!region.isStatistical)
    }

    @Test func retiredCountyResolvesToItsSuccessor() throws {
        let retired = try #require(RegionTable.region(code: "430221"))
        #expect(retired.name == "株洲县")
        #expect(!retired.inUse)

        let resolved = try #require(RegionTable.resolve("430221"))
        #expect(resolved == ResolvedRegion(stated: "430221", current: "430212", province: "43",
                                           prefecture: "4302", currentName: "渌口区"))
    }

    @Test func renamedCountyKeepsItsCode() throws {
        let resolved = try #require(RegionTable.resolve("430225"))
        #expect(resolved.current == "430225")
        #expect(resolved.currentName == "炎陵县")
        #expect(RegionTable.region(code: "430225")?.name == "炎陵县")
    }

    /// Retired codes and where they went (MCA notices).
    @Test(arguments: [
        ("110103", "110101", "东城区"),   // 崇文区 merged into 东城区, 2010
        ("110104", "110102", "西城区"),   // 宣武区 merged into 西城区, 2010
        ("120107", "120116", "滨海新区"), // 塘沽区 → 滨海新区, 2009
        ("130230", "130209", "曹妃甸区"), // 唐海县 → 曹妃甸区, 2012
        ("441000", "460100", "海口市"),   // 广东省海口市 → 海南省海口市, 1988
        ("510202", "500103", "渝中区"),   // 四川省重庆市渝中区 → 重庆市渝中区, 1997
        ("422500", "420600", "襄阳市"),   // 襄阳地区 → 襄樊市 (1983), renamed 襄阳市 in 2010
        ("132100", "130400", "邯郸市"),   // 邯郸地区 merged into 邯郸市, 1993
    ])
    func retiredCodes(stated: String, current: String, name: String) throws {
        #expect(RegionTable.region(code: stated)?.inUse == false)
        let resolved = try #require(RegionTable.resolve(stated))
        #expect(resolved.current == current)
        #expect(resolved.currentName == name)
        #expect(resolved.province == String(current.prefix(2)))
        #expect(resolved.prefecture == String(current.prefix(4)))
    }

    @Test func retiredPrefectureCanResolveToAProvince() throws {
        // 海南行政区 (Guangdong) became the province of Hainan in 1988.
        let resolved = try #require(RegionTable.resolve("442100"))
        #expect(resolved.current == "460000")
        #expect(resolved.province == "46")
        #expect(resolved.prefecture == nil)
    }

    @Test(arguments: [
        ("43", "湖南省"),
        ("4302", "株洲市"),
        ("430211", "天元区"),
        ("3502", "厦门市"),
        ("4403", "深圳市"),
        ("65", "新疆维吾尔自治区"),
        ("1101", "北京市"),
        ("3101", "上海市"),
        ("5001", "重庆市"),
        ("5002", "重庆市（县）"),
        ("4190", "河南省直辖县级行政区划"),
        ("6590", "新疆维吾尔自治区直辖县级行政区划"),
        ("430221", "株洲县"),
    ])
    func unitNames(code: String, name: String) {
        #expect(RegionTable.name(ofUnit: code) == name)
    }

    @Test(arguments: ["", "4", "99", "4300", "9999", "43021", "999999", "4302110"])
    func unknownUnits(code: String) {
        #expect(RegionTable.name(ofUnit: code) == nil)
    }

    @Test(arguments: [
        ("湖南省", ["430000"]),
        ("湖南", ["430000"]),
        ("株洲市", ["430200"]),
        ("株洲", ["430200"]),
        ("厦门市", ["350200"]),
        ("厦门", ["350200"]),
        ("新疆生产建设兵团", ["650000"]),
        ("内蒙古", ["150000"]),
        ("内蒙古自治区", ["150000"]),
        ("广西", ["450000"]),
        ("新疆", ["650000"]),
        ("宁夏", ["640000"]),
        ("西藏", ["540000"]),
        ("香港", ["810000"]),
        ("湘西", ["433100"]),
        ("  湖南省\u{3000}", ["430000"]),
        ("吉林", ["220000", "220200"]),       // province and prefecture, no counties
        ("朝阳", ["211300"]),                 // the prefecture wins over 朝阳区 and 朝阳县
        ("朝阳区", ["110105", "220104"]),     // county-level only when nothing higher matches
        ("天元区", ["430211"]),
        ("株洲县", []),                       // retired: not an in-use unit
        ("不存在", []),
        ("", []),
    ])
    func codesNamed(name: String, codes: [String]) {
        #expect(RegionTable.codes(named: name) == codes)
    }

    @Test func allProvinceLevelCodesAreKnown() {
        let provinces = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
                         "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
                         "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"]
        #expect(provinces.count == 34)
        #expect(RegionTable.provinceCount == 34)
        for prefix in provinces {
            let region = RegionTable.region(code: prefix + "0000")
            #expect(region?.level == .province, "\(prefix)0000")
            #expect(region?.inUse == true, "\(prefix)0000")
            #expect(RegionTable.resolve(prefix + "0000")?.prefecture == nil)
        }
        let inUseProvinces = RegionTable.table.regions.values.filter { $0.level == .province && $0.inUse }
        #expect(Set(inUseProvinces.map(\.code)) == Set(provinces.map { $0 + "0000" }))
    }

    @Test(arguments: ["999999", "000000", "430299", "43021", "abcdef", ""])
    func unknownCodes(code: String) {
        #expect(RegionTable.region(code: code) == nil)
        #expect(RegionTable.resolve(code) == nil)
    }

    @Test func statisticalCodesAreInUseCounties() throws {
        let region = try #require(RegionTable.region(code: "130171"))
        #expect(region.name == "石家庄高新技术产业开发区")
        #expect(region.isStatistical)
        #expect(region.inUse)
        #expect(region.level == .county)
        #expect(RegionTable.resolve("130171") == ResolvedRegion(
            stated: "130171", current: "130171", province: "13", prefecture: "1301",
            currentName: "石家庄高新技术产业开发区"))
    }

    @Test func tableCounts() {
        let regions = RegionTable.table.regions.values
        #expect(regions.count == 6_583)
        #expect(regions.filter { !$0.inUse }.count == 3_237)
        #expect(regions.filter(\.isStatistical).count == 133)
        #expect(regions.filter { $0.inUse && !$0.isStatistical }.count == 3_213)
    }

    @Test func everyInUseCodeResolvesToItself() {
        for region in RegionTable.table.regions.values where region.inUse {
            let resolved = RegionTable.resolve(region.code)
            #expect(resolved?.current == region.code, "\(region.code)")
            #expect(resolved?.currentName == region.name, "\(region.code)")
            #expect(resolved?.province == String(region.code.prefix(2)), "\(region.code)")
        }
    }

    @Test func everyRetiredCodeResolvesToAnInUseCode() {
        for region in RegionTable.table.regions.values where !region.inUse {
            guard let resolved = RegionTable.resolve(region.code) else {
                Issue.record("\(region.code) \(region.name) does not resolve")
                continue
            }
            let current = RegionTable.region(code: resolved.current)
            #expect(current?.inUse == true, "\(region.code) → \(resolved.current)")
            #expect(current?.isStatistical == false, "\(region.code) → \(resolved.current)")
            if let prefecture = resolved.prefecture {
                #expect(RegionTable.name(ofUnit: prefecture) != nil, "\(region.code) → \(prefecture)")
            }
        }
    }

    @Test func everyInUseUnitHasNamedParents() {
        for region in RegionTable.table.regions.values where region.inUse {
            #expect(RegionTable.name(ofUnit: String(region.code.prefix(2))) != nil, "\(region.code)")
            if region.level != .province {
                #expect(RegionTable.name(ofUnit: String(region.code.prefix(4))) != nil, "\(region.code)")
            }
        }
    }
}
