import Foundation
import Testing
import Core

@Suite("Report.Chart: an optional, Codable drawing hint")
struct ReportChartTests {
    let report = Report(title: "t", asOf: Day("2024-12-31")!, asOfSource: "--as-of",
                        columns: [.init("name", .text), .init("count", .integer)], rows: [[.text("甲"), .integer(3)]],
                        chart: Report.Chart(.bar, category: "name", values: ["count"], valueLabel: "firms"))

    @Test("a report with a chart survives a JSON round trip")
    func roundTrip() throws {
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(Report.self, from: data) == report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"kind\":\"bar\""))
    }

    @Test("a report encoded without a chart (before charts existed) decodes with none")
    func absentChart() throws {
        var old = report
        old.chart = nil
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(old)) as? [String: Any])
        object["chart"] = nil
        let decoded = try JSONDecoder().decode(Report.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded.chart == nil)
        #expect(decoded.rows == report.rows)
    }

    @Test("the kinds are bar, line, stackedBar, divergingBar and map")
    func kinds() {
        #expect(Report.Chart.Kind.allCases.map(\.rawValue) == ["bar", "line", "stackedBar", "divergingBar", "map"])
    }
}
