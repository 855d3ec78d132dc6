import Core
import Growth
import RegistryTesting
import Testing

/// `growth --view metric|high-growth` reads the two years' reports streamed from the store
/// (`eachReportingFirm`, `annualReportYears(stating:)`); on a generated registry it must answer exactly
/// as through the wide reads it used before (`HeldReader`, the protocol's defaults).
@Suite("growth: the streamed read answers as the wide reads")
struct GrowthStreamingTests {
    static let questions: [[String: String]] = [
        [:],
        ["by": "firm"],
        ["by": "county", "within": "43"],
        ["by": "all", "metric": "employees", "from": "2019", "to": "2023"],
        ["metric": "invention-patents", "by": "province"],
        ["metric": "rd-expense", "by": "firm", "within": "a", "top": "20"],
        ["view": "high-growth"],
        ["view": "high-growth", "by": "firm", "threshold": "5", "min-size": "1"],
        ["view": "high-growth", "metric": "revenue", "by": "prefecture", "strict": "true", "threshold": "20"],
    ]

    @Test("same report, every question", arguments: Backend.testable)
    func sameAnswers(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try backend.makeRegistry()
            try GeneratedReports.load(firms: 1_500, into: store)
            var rows = 0
            for question in Self.questions {
                let request = PluginRequest(asOf: Day("2024-12-31")!, parameters: question)
                let streamed = try GrowthPlugin().run(request, registry: store)
                let held = try GrowthPlugin().run(request, registry: HeldReader(store))
                #expect(streamed == held, "\(question)")
                rows += streamed.rows.count
            }
            #expect(rows > 300)
        }
    }
}
