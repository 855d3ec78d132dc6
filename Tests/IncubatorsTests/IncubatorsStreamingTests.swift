import Core
import RegistryTesting
import Testing
import Incubators

/// `incubators` reads the incubations streamed in code order (`eachIncubation`) and counts distinct
/// firms as changes of code, and the little giants streamed (`eachDesignation`) as codes with their
/// filings; on a registry of many incubations it must answer exactly as through the wide reads
/// (`HeldReader`, the protocol's defaults), for every unit, filter and view.
@Suite("incubators: the streamed reads answer as the wide reads")
struct IncubatorsStreamingTests {
    static let questions: [[String: String]] = [
        [:], ["by": "province"], ["by": "prefecture"], ["by": "county"], ["by": "incubator"], ["within": "43"], ["within": "a"],
        ["level": "provincial"], ["kind": "incubator"], ["kind": "maker-space", "by": "province"],
        ["view": "check"], ["view": "check", "within": "43"], ["view": "overdue"], ["view": "overdue", "by": "province"],
    ]

    /// Deterministic pseudo-random numbers.
    struct Random {
        var state: UInt64
        mutating func next(_ below: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(below))
        }
    }

    /// 150 firms in two parks and none; six incubators of every kind and level, one in no park; one to
    /// three incubations a firm, entered over ten years, some graduated or exited; little giants of both
    /// levels over six years, some expired, in two filings.
    static func registry() throws -> Registry {
        let r = try Registry()
        var random = Random(state: 19)
        let parks = ["a", "b", nil] as [String?]
        let firms = (1...150).map { Rec.firm($0, park: parks[$0 % 3]) }.joined(separator: "\n")
        let incubators = [
            Rec.incubator("i1"), Rec.incubator("i2", kind: "maker-space", level: "provincial"),
            Rec.incubator("i3", kind: "accelerator", level: "municipal", region: "430104", park: "b"),
            Rec.incubator("i4", level: "provincial", region: "440305", park: nil), Rec.incubator("i5", park: "b", area: nil),
            Rec.incubator("i6", kind: "maker-space", level: "national", region: "430104", park: "b", area: "40"),
        ].joined(separator: "\n")
        try r.load(id: "base", issued: "2014-01-01", Rec.parks + firms + "\n" + incubators)
        var incubations: [String] = []
        for n in 1...150 {
            var ids = ["i1", "i2", "i3", "i4", "i5", "i6"]
            for _ in 0..<(1 + random.next(3)) {
                let id = ids.remove(at: random.next(ids.count))
                let year = 2014 + random.next(11)
                let entered = "\(year)-0\(1 + random.next(9))-1\(random.next(9))"
                let end = "\(min(2025, year + 1 + random.next(6)))-0\(1 + random.next(9))-2\(random.next(8))"
                let intake = random.next(2) == 0 ? "local" : "introduced"
                switch random.next(3) {
                case 0: incubations.append(Rec.incubation(n, id, entered: entered, intake: intake))
                case 1: incubations.append(Rec.incubation(n, id, entered: entered, intake: intake, graduated: end))
                default: incubations.append(Rec.incubation(n, id, entered: entered, intake: intake, exited: end))
                }
            }
        }
        try r.load(id: "inc", incubations.joined(separator: "\n"))
        for filing in ["lg1", "lg2"] {
            var giants: [String] = []
            for n in 1...150 where random.next(3) == 0 {
                let level = random.next(2) == 0 ? "provincial" : "national"
                let extra = random.next(4) == 0 ? #"valid-to="2022-06-30""# : ""
                giants.append(Rec.littleGiant(n, level: level, year: 2019 + random.next(6), extra: extra))
            }
            try r.load(id: filing, giants.joined(separator: "\n"))
        }
        return r
    }

    @Test("same report, every question", arguments: Backend.testable)
    func sameAnswers(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try Self.registry().store
            var counted = 0
            for asOf in ["2024-12-31", "2021-06-30"] {
                for question in Self.questions {
                    let request = PluginRequest(asOf: Day(asOf)!, parameters: question)
                    let streamed = try IncubatorsPlugin().run(request, registry: store)
                    let held = try IncubatorsPlugin().run(request, registry: HeldReader(store))
                    #expect(streamed == held, "\(asOf) \(question)")
                    counted += streamed.rows.count
                }
            }
            #expect(counted > 50)
        }
    }

    @Test("the streamed incubations are the wide read's, in code order", arguments: Backend.testable)
    func incubationsInCodeOrder(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try Self.registry().store
            var streamed: [Fact<Incubation>] = []
            try store.eachIncubation { streamed.append($0) }
            let wide = try store.incubations(uscc: nil)
            #expect(streamed.count == wide.count && wide.count > 150)
            #expect(Set(streamed) == Set(wide))
            #expect(streamed.map(\.value.uscc) == streamed.map(\.value.uscc).sorted())
        }
    }

    @Test("the streamed designations are the wide read's", arguments: Backend.testable)
    func designationsAsWide(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let store = try Self.registry().store
            for unexpiredOn in [nil, Day("2023-01-01")] as [Day?] {
                for levels in [Set(Level.allCases), [.provincial, .national]] as [Set<Level>] {
                    var streamed: [DesignationFact] = []
                    try store.eachDesignation(program: .littleGiant, levels: levels, unexpiredOn: unexpiredOn) { streamed.append($0) }
                    let wide = try store.designations(program: .littleGiant, levels: levels, unexpiredOn: unexpiredOn)
                    #expect(streamed.count == wide.count && wide.count > 20)
                    #expect(Set(streamed) == Set(wide))
                }
            }
        }
    }
}
