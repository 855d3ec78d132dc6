import Core
import RegistryTesting
import Testing
import Transfers

/// `transfers` reads the transfers streamed in recipient order (`eachTransfer`) and counts distinct
/// recipients as changes of recipient; on a generated registry it must answer exactly as through the
/// wide reads (`HeldReader`, the protocol's defaults), for every grouping and filter.
@Suite("transfers: the streamed read answers as the wide reads")
struct TransfersStreamingTests {
    static let questions: [[String: String]] = [
        [:], ["by": "province"], ["by": "prefecture"], ["by": "source"], ["by": "source-kind"], ["by": "mode"], ["by": "channel"],
        ["by": "year"], ["within": "43"], ["within": "a", "by": "mode"], ["stack": "mode"], ["stack": "channel", "by": "province"],
        ["from": "2021-03-01", "to": "2023-06-30"], ["top": "1"],
    ]

    /// Parks and firms from `GeneratedReports`, and transfers to a third of the firms, several to many.
    static func registry() throws -> any Registry {
        let store = try Backend.current.makeRegistry()
        try GeneratedReports.load(firms: 600, into: store)
        var random: UInt64 = 7
        func next() -> UInt64 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return random >> 33
        }
        var transfers = ""
        var id = 0
        for n in stride(from: 1, through: 600, by: 3) {
            let count = 1 + Int(next() % 4)
            for _ in 0..<count {
                id += 1
                let modes = ["self", "transfer", "license", "cooperation", "equity", "other"], kinds = ["university", "institute", "enterprise", "other"]
                let channels = ["local", "enclave", "other"]
                transfers += "<transfer id=\"T\(id)\" title=\"成果\(id)\" source=\"来源\(next() % 5)\" source-kind=\"\(kinds[Int(next() % 4)])\""
                    + " recipient=\"{\(n)}\" mode=\"\(modes[Int(next() % 6)])\" channel=\"\(channels[Int(next() % 3)])\""
                    + (next() % 4 == 0 ? "" : " value=\"\(next() % 5_000_000).\(10 + next() % 90)\"")
                    + " signed=\"\(2019 + next() % 6)-0\(1 + next() % 9)-1\(next() % 9)\"/>\n"
            }
        }
        // Each placeholder becomes the code of the firm GeneratedReports registered with that serial.
        var bySerial: [Int: String] = [:]
        for f in try store.firms(FirmQuery()) {
            if let serial = Int(f.firm.uscc.dropFirst(8).prefix(8)) { bySerial[serial] = f.firm.uscc }
        }
        for (serial, code) in bySerial { transfers = transfers.replacingOccurrences(of: "{\(serial)}\"", with: "\(code)\"") }
        try InlineRegistry.load(transfers, id: "transfers", issued: "2024-12-31", into: store)
        return store
    }

    @Test("same report, every question", arguments: Backend.testable)
    func sameAnswers(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try Self.registry()
            var counted = 0
            for question in Self.questions {
                let request = PluginRequest(asOf: Day("2024-12-31")!, parameters: question)
                let streamed = try TransfersPlugin().run(request, registry: store)
                let held = try TransfersPlugin().run(request, registry: HeldReader(store))
                #expect(streamed == held, "\(question)")
                counted += streamed.rows.count
            }
            #expect(counted > 20)
        }
    }
}
