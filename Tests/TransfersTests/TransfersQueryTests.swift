import Testing
import Core
import Transfers

@Suite("transfers' typed query")
struct TransfersQueryTests {
    @Test("a TransfersQuery written as parameters reads back as itself", arguments: [
        TransfersQuery(),
        TransfersQuery(by: .year, within: "zz-htz", stack: .channel),
        TransfersQuery(from: Day("2023-01-01"), to: Day("2024-12-31"), by: .sourceKind, top: 5),
    ])
    func roundTrip(query: TransfersQuery) throws {
        let p = try Parameters(PluginRequest(asOf: Day("2024-12-31")!, parameters: query.parameters), descriptor: TransfersPlugin.descriptor)
        #expect(try TransfersQuery(p) == query)
    }
}
