import Testing
import Core
import Incubators

@Suite("incubators' typed query")
struct IncubatorsQueryTests {
    @Test("an IncubatorsQuery written as parameters reads back as itself", arguments: [
        IncubatorsQuery(),
        IncubatorsQuery(within: "zz-htz", view: .check),
        IncubatorsQuery(by: .prefecture, level: .provincial, kind: .makerSpace, view: .overdue),
    ])
    func roundTrip(query: IncubatorsQuery) throws {
        let p = try Parameters(PluginRequest(asOf: Day("2024-12-31")!, parameters: query.parameters), descriptor: IncubatorsPlugin.descriptor)
        #expect(try IncubatorsQuery(p) == query)
    }
}
