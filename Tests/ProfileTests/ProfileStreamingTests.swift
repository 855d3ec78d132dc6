import Core
import RegistryTesting
import Testing
import Profile

/// `profile` streams the little giants (`eachDesignation`) and keeps only its park's and its
/// province's; it must answer exactly as through the wide reads (`HeldReader`) for every park, and on
/// dates that admit and drop different designations.
@Suite("profile: the streamed read answers as the wide reads")
struct ProfileStreamingTests {
    /// 120 firms in parks a, b (湖南省), c (广东省) and none; little giants of both levels in two
    /// filings, some expired; incubators and incubations in a and b.
    static func registry() throws -> Registry {
        let r = try Registry()
        var state: UInt64 = 23
        func next(_ below: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(below))
        }
        let parks = ["a", "b", "c", nil] as [String?]
        try r.load(id: "firms", issued: "2014-01-01", Rec.parks + (1...120).map { Rec.firm($0, park: parks[$0 % 4]) }
            + [Rec.incubator("i1", kind: "incubator", level: "national", area: "2000"), Rec.incubator("i2", kind: "maker-space", level: "provincial", park: "b")])
        try r.load(id: "inc", (1...120).filter { $0 % 2 == 0 }.map {
            Rec.incubation($0, $0 % 4 == 0 ? "i1" : "i2", entered: "20\(15 + next(10))-03-01", intake: next(2) == 0 ? "local" : "introduced",
                           graduated: next(3) == 0 ? "2024-06-30" : nil)
        })
        for filing in ["lg1", "lg2"] {
            try r.load(id: filing, (1...120).filter { _ in next(3) == 0 }.map {
                Rec.littleGiant($0, level: next(2) == 0 ? "provincial" : "national", year: 2019 + next(6),
                                extra: next(4) == 0 ? #"valid-to="2022-06-30""# : "")
            })
        }
        return r
    }

    @Test("same report, every park and date", arguments: Backend.testable)
    func sameAnswers(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try Self.registry().store
            var little = 0
            for asOf in ["2024-12-31", "2022-01-31", "2020-06-30"] {
                for park in ["a", "b", "c"] {
                    let request = PluginRequest(asOf: Day(asOf)!, parameters: ["park": park])
                    let streamed = try ProfilePlugin().run(request, registry: store)
                    let held = try ProfilePlugin().run(request, registry: HeldReader(store))
                    #expect(streamed == held, "\(asOf) \(park)")
                    little += Int(streamed.rows[1][2].description) ?? 0
                }
            }
            #expect(little > 10)
        }
    }
}
