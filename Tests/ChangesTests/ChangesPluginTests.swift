import Testing
import Core
import RegistryTesting
import Changes

@Suite("changes: firms per unit")
struct ChangesPluginTests {
    @Test("counts each unit's current firms, within the scope asked", arguments: Backend.testable)
    func counts(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try Backend.current.makeRegistry()
            try InlineRegistry.load("""
                <park id="a" name="甲园区" region="430211" level="national" kind="high-tech-zone"/>
                <firm uscc="\(InlineRegistry.uscc(region: "430211", serial: 1))" name="一号企业" region="430211" park="a"/>
                <firm uscc="\(InlineRegistry.uscc(region: "430211", serial: 2))" name="二号企业" region="430211" park="a"/>
                <firm uscc="\(InlineRegistry.uscc(region: "440305", serial: 3))" name="三号企业" region="440305"/>
                """, id: "roster", into: store)
            let request = PluginRequest(asOf: Day("2024-12-31")!)
            let byProvince = try ChangesPlugin().run(request, registry: store)
            #expect(byProvince.rows.map { $0.map(\.description) } == [["1", "43", "湖南省", "2"], ["2", "44", "广东省", "1"]])
            let parks = try ChangesPlugin().count(ChangesQuery(by: .park, within: "43"), asOf: request.asOf, asOfSource: "test", registry: store)
            #expect(parks.rows.map { $0.map(\.description) } == [["1", "a", "甲园区", "2"]])
        }
    }
}
