import Testing
import Core
import Growth

@Suite("growth's typed query")
struct GrowthQueryTests {
    @Test("a GrowthQuery written as parameters reads back as itself", arguments: [
        GrowthQuery(),
        GrowthQuery(view: .designations, by: .unit(.park), within: "43", top: 8),
        GrowthQuery(view: .highGrowth, metric: .revenue, by: .all, within: "43", threshold: 20, strict: true, minSize: 5),
        GrowthQuery(view: .designations, from: 2019, by: .unit(.prefecture), level: .national, exact: true),
        GrowthQuery(view: .pipeline, by: .unit(.incubator), within: "zz-htz"),
    ])
    func roundTrip(query: GrowthQuery) throws {
        let p = try Parameters(PluginRequest(asOf: Day("2024-12-31")!, parameters: query.parameters), descriptor: GrowthPlugin.descriptor)
        #expect(try GrowthQuery(p) == query)
    }

    @Test("the command line's run and the typed entry point give the same report")
    func runIsTyped() throws {
        let store = try SQLiteStore()
        let request = PluginRequest(asOf: Day("2024-12-31")!, parameters: ["view": "designations", "within": "43", "top": "8"])
        let viaRun = try GrowthPlugin().run(request, registry: store)
        let typed = try GrowthPlugin().growth(GrowthQuery(view: .designations, within: "43", top: 8), asOf: request.asOf, asOfSource: request.asOfSource, registry: store)
        #expect(viaRun == typed)
    }
}
