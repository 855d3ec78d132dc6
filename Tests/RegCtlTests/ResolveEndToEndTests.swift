import Foundation
import Testing

/// Issue #16's "done means", driven through the built regctl on a copy of the samples' registry: a
/// reviewer's accept adds the firm to its park's count, a reject keeps the candidate from being
/// offered again, and retracting the decision's filing puts the count back; every step's ranking
/// says how many firms are still provisional.
@Suite("resolve end to end: accept, reject and retract move the park counts")
struct ResolveEndToEndTests {
    static let accepted = "湖南三友环保科技有限公司"
    static let rejected = "株洲恒锋信息技术有限公司"

    /// A copy of the samples' registry in a folder of its own, and a runner on it.
    static func copy() throws -> (URL, ([String]) throws -> CLI.Result) {
        _ = try SampleRegistry.registry(.sqlite)
        let dir = try CLI.temporaryDirectory()
        let registry = dir.appendingPathComponent("registry.sqlite").path
        try FileManager.default.copyItem(atPath: SampleRegistry.path, toPath: registry)
        if FileManager.default.fileExists(atPath: SampleRegistry.path + "-wal") {
            try FileManager.default.copyItem(atPath: SampleRegistry.path + "-wal", toPath: registry + "-wal")
        }
        return (dir, { try CLI.run($0 + ["--registry", registry]) })
    }

    /// zz-htz's count in Hunan's national ranking by park, and the note on provisional firms.
    static func parkCount(_ run: ([String]) throws -> CLI.Result) throws -> (count: Int, provisional: String) {
        let r = try run(["rank", "--level", "national", "--by", "park", "--within", "43", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        let count = try #require(rows.first { $0["code"] as? String == "zz-htz" }?["count"] as? Int)
        let notes = object["notes"] as? [String] ?? []
        return (count, notes.first { $0.contains("known only by name") } ?? "no note on provisional firms")
    }

    /// The candidates `resolve` offers a name, by code.
    static func candidates(_ name: String, _ run: ([String]) throws -> CLI.Result) throws -> [String] {
        let r = try run(["resolve", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try CLI.rows(r.stdout, columns: ["name", "uscc"]).filter { $0[0] == name }.map { $0[1] }
    }

    @Test("accept → the park counts the firm; reject → not offered again; retract → counts back")
    func cycle() throws {
        let (dir, run) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try Self.parkCount(run)
        #expect(before.provisional.hasPrefix("76 of them"), "\(before.provisional)")
        let firm = try #require(try Self.candidates(Self.accepted, run).first)

        var r = try run(["resolve", "accept", Self.accepted, "--region", "湖南", "--uscc", firm, "--authority", "审核员", "--issued", "2025-01-02"])
        #expect(r.status == 0, "\(r.stderr)")
        let filings = try CLI.rows(try run(["filings", "--format", "json"]).stdout, columns: ["id", "authority", "records"])
        let decision = try #require(filings.last)
        #expect(decision[1] == "审核员" && decision[2] == "link 1")
        let linked = try Self.parkCount(run)
        #expect(linked.count == before.count + 1)
        #expect(linked.provisional.hasPrefix("75 of them"), "\(linked.provisional)")
        #expect(try Self.candidates(Self.accepted, run).isEmpty)
        // explain names the decision that linked the firm.
        r = try run(["explain", "--level", "national", "--by", "park", "--within", "43", "zz-htz", "--format", "json"])
        #expect(r.status == 0 && r.stdout.contains("decision \(decision[0])"), "\(r.stderr)")

        let offered = try Self.candidates(Self.rejected, run)
        #expect(offered.count >= 2)
        r = try run(["resolve", "reject", Self.rejected, "--region", "株洲市", "--uscc", offered[0], "--issued", "2025-01-02"])
        #expect(r.status == 0, "\(r.stderr)")
        // The others move up (and a fourth may join them); the rejected firm is gone.
        let now = try Self.candidates(Self.rejected, run)
        #expect(!now.contains(offered[0]) && Array(now.prefix(offered.count - 1)) == Array(offered.dropFirst()), "\(now)")
        #expect(try Self.parkCount(run).count == linked.count)

        r = try run(["filings", "retract", decision[0]])
        #expect(r.status == 0, "\(r.stderr)")
        let after = try Self.parkCount(run)
        #expect(after.count == before.count && after.provisional == before.provisional)
        #expect(try Self.candidates(Self.accepted, run).first == firm)
    }

    @Test("the reasons of a candidate read in the reader's language in a table; JSON keeps their ids")
    func reasonsWorded() throws {
        let (dir, run) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zh = try run(["resolve", "--lang", "zh"])
        let en = try run(["resolve", "--lang", "en"])
        let json = try run(["resolve", "--lang", "zh", "--format", "json"])
        #expect(zh.status == 0 && en.status == 0 && json.status == 0, "\(zh.stderr)")
        #expect(zh.stdout.contains("名称相似度 0.") && !zh.stdout.contains("similar:"), "\(zh.stdout.prefix(600))")
        #expect(en.stdout.contains("similar:0.") && !en.stdout.contains("名称相似度"))
        #expect(json.stdout.contains("similar:0."))
    }

    @Test("a decision about an unknown region is refused as the option it is; one about a name no list prints says so")
    func decisionsAboutNothing() throws {
        let (dir, run) = try Self.copy()
        defer { try? FileManager.default.removeItem(at: dir) }
        let filings = try CLI.rows(try run(["filings", "--format", "json"]).stdout, columns: ["id"]).count
        var r = try run(["resolve", "accept", Self.accepted, "--region", "火星", "--uscc", "91430200MA4LQM6DXF"])
        #expect(r.status == 64 && r.stderr.contains("--region '火星'") && !r.stderr.contains(".xml"), "\(r.stderr)")
        #expect(try CLI.rows(try run(["filings", "--format", "json"]).stdout, columns: ["id"]).count == filings)
        r = try run(["resolve", "accept", "不在任何名单上的公司", "--region", "湖南", "--uscc", "91430200MA4LQM6DXF"])
        #expect(r.status == 0 && r.stdout.contains("no unresolved name 不在任何名单上的公司 in 43"), "\(r.stdout)\(r.stderr)")
        r = try run(["resolve", "accept", Self.accepted, "--region", "湖南", "--uscc", "91430200MA4LQM6DXF"])
        #expect(r.status == 0 && !r.stdout.contains("no unresolved name"), "\(r.stdout)")
    }
}
