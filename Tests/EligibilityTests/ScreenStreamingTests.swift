import Core
import Eligibility
import RegistryTesting
import Testing

/// `screen` reads its firms streamed from the store (`eachReportingFirm`); on a generated registry of
/// some thousands of firms it must answer exactly as through the wide reads it used before
/// (`HeldReader`, the protocol's defaults), for every question shape that takes another path.
@Suite("screen: the streamed read answers as the wide reads")
struct ScreenStreamingTests {
    static let questions: [[String: String]] = [
        [:],
        ["only": "pass"],
        ["only": "incomplete"],
        ["program": "specialized-sme"],
        ["within": "43"],
        ["within": "a"],
        ["year": "2022"],
        ["year": "2021", "within": "4401"],
        ["uscc": InlineRegistry.uscc(region: "430211", serial: 1)],
    ]

    @Test("same report, every question", arguments: Backend.testable)
    func sameAnswers(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try backend.makeRegistry()
            try GeneratedReports.load(firms: 1_500, into: store)
            var screened = 0
            for question in Self.questions {
                let request = PluginRequest(asOf: Day("2024-12-31")!, parameters: question)
                let streamed = try ScreenPlugin().run(request, registry: store)
                let held = try ScreenPlugin().run(request, registry: HeldReader(store))
                #expect(streamed == held, "\(question)")
                screened += streamed.rows.count
            }
            // The registry gives every verdict something to do.
            #expect(screened > 1_500)
        }
    }

    @Test("as of a year with no reports before it, the year is settled by a second pass", arguments: Backend.testable)
    func secondPass(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try backend.makeRegistry()
            try GeneratedReports.load(firms: 300, into: store)
            // As of 2030, the year guessed (2029) has no reports: the newest before it is settled on.
            let request = PluginRequest(asOf: Day("2030-06-30")!, parameters: [:])
            let streamed = try ScreenPlugin().run(request, registry: store)
            #expect(streamed == (try ScreenPlugin().run(request, registry: HeldReader(store))))
            #expect(streamed.title.contains("2024 reports"))
            #expect(!streamed.rows.isEmpty)
        }
    }
}
