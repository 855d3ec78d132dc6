import Foundation
import RegistryTesting
import Testing
@testable import Core

@Suite("Loading many files: order, retries, counts, each file once")
struct BatchLoadTests {
    /// Designations of firms 1 and 2, with a park so that the cheap look ahead ranks the file first.
    static let designations = """
        <park id="yy" name="测试园区" region="430211" level="provincial" kind="other"/>
        <designation uscc="\(Codes.uscc("430211", 1))" program="little-giant" level="national" year="2021"/>
        <designation uscc="\(Codes.uscc("430211", 2))" program="little-giant" level="national" year="2022"/>
        """

    @Test("a folder whose firms file sorts after its designations file loads in one command", arguments: Backend.testable)
    func orderIndependence(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let folder = r.directory.appendingPathComponent("filings")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try r.write("filings/a-designations.xml", TestRegistry.xml(id: "d", Self.designations))
            try r.write("filings/b-firms.xml", TestRegistry.xml(id: "f", RegistryTests.firm(1, park: nil) + "\n" + RegistryTests.firm(2, park: nil)))
            let batch = try r.loader.load(paths: [folder.path])
            #expect(batch.failed.isEmpty, "\(batch.failed.map { "\($0.error)" })")
            #expect(batch.files.map { ($0.file as NSString).lastPathComponent } == ["a-designations.xml", "b-firms.xml"])
            // The designations file ranked first (it holds a park), so it was refused once and tried again.
            #expect(batch.retryRounds == 1)
            #expect(batch.files.map(\.attempts) == [2, 1])
            #expect(batch.records == 5)
            #expect(try r.store.designations(program: .littleGiant).count == 2)
        }
    }

    @Test("files load by the kinds they define, not by name: firms before the designations that refer to them", arguments: Backend.testable)
    func orderByKind(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let designations = try r.write("designations-a.csv", "uscc,program,level,year\n\(Codes.uscc("430211", 1)),little-giant,national,2021\n")
            let firms = try r.write("z-firms.xml", TestRegistry.xml(id: "f", RegistryTests.firm(1, park: nil)))
            var started: [String] = []
            let batch = try r.loader.load(paths: [designations, firms]) { event in
                if case .starting(let file, _) = event { started.append((file as NSString).lastPathComponent) }
            }
            #expect(started == ["z-firms.xml", "designations-a.csv"])
            #expect(batch.failed.isEmpty && batch.retryRounds == 0)
            #expect(batch.files.map(\.file) == [designations, firms], "outcomes in the order given")
        }
    }

    @Test("a file that refers to a park no file defines fails with the dangling-reference kind; the others load", arguments: Backend.testable)
    func danglingReference(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let good = try r.write("parks.xml", TestRegistry.xml(id: "p", RegistryTests.park))
            let bad = try r.write("firms.xml", TestRegistry.xml(id: "f", RegistryTests.firm(1, park: "nowhere")))
            var events: [String] = []
            let batch = try r.loader.load(paths: [bad, good]) { event in
                switch event {
                case .starting(let file, let attempt): events.append("start \((file as NSString).lastPathComponent) \(attempt)")
                case .loaded(let report): events.append("loaded \((report.file as NSString).lastPathComponent)")
                case .failed(let file, _, let deferred): events.append("failed \((file as NSString).lastPathComponent) \(deferred)")
                case .retrying(let files): events.append("retry \(files.count)")
                case .progress: break
                }
            }
            #expect(batch.succeeded.count == 1 && batch.failed.count == 1)
            let failure = try #require(batch.failed.first)
            #expect(failure.file == bad)
            guard case let LoadError.unresolvedReferences(_, diagnostics, _, remedies) = failure.error else {
                Issue.record("expected unresolved references, got \(failure.error)")
                return
            }
            #expect(!diagnostics.isEmpty && diagnostics.allSatisfy { $0.problem == .danglingReference })
            #expect(remedies == [.loadReferencedFirst])
            // Parks first (by kind), then the firms, refused; not tried again, since nothing loaded after it.
            #expect(events == ["start parks.xml 1", "loaded parks.xml", "start firms.xml 1", "failed firms.xml true"])
            #expect(batch.retryRounds == 0)
            #expect(batch.records == 1)
        }
    }

    @Test("totals: loaded, unchanged and failed files, records and seconds", arguments: Backend.testable)
    func counts(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let a = try r.write("a.xml", TestRegistry.xml(id: "a", RegistryTests.park + "\n" + RegistryTests.firm(1)))
            let b = try r.write("b.xml", TestRegistry.xml(id: "b", RegistryTests.firm(2, park: nil) + "\n" + RegistryTests.firm(3, park: nil)))
            let broken = try r.write("c.xml", "<filing")
            _ = try r.loader.load(path: a)
            let batch = try r.loader.load(paths: [a, b, broken])
            #expect(batch.files.count == 3)
            #expect(batch.succeeded.count == 2 && batch.failed.count == 1)
            #expect(batch.records == 2, "the unchanged file writes nothing")
            #expect(batch.seconds >= 0)
            guard case LoadError.refused(_, let d, _, let remedies)? = batch.failed.first?.error as? LoadError else {
                Issue.record("expected a refusal")
                return
            }
            #expect(d.first?.problem == .malformed)
            #expect(remedies.isEmpty, "a lenient load cannot cure a malformed file")
        }
    }

    @Test("a file named twice, through overlapping folders or another spelling, is loaded once", arguments: Backend.testable)
    func eachFileOnce(backend: Backend) throws {
        try Backend.$current.withValue(backend) {
            let r = try TestRegistry()
            let folder = r.directory.appendingPathComponent("f")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
            let one = try r.write("f/one.xml", TestRegistry.xml(id: "one", RegistryTests.park))
            let two = try r.write("f/sub/two.xml", TestRegistry.xml(id: "two", RegistryTests.firm(1)))
            try r.write("f/sub/two.rejects.xml", TestRegistry.xml(id: "x", "<firm/>"))
            try r.write("f/notes.txt", "not a filing")
            let spelled = folder.path + "/./sub/../one.xml"
            let paths = [folder.path, one, spelled, folder.appendingPathComponent("sub").path, two]
            #expect(try FilingLoader.filingPaths(in: paths) == [one, two])
            let batch = try r.loader.load(paths: paths)
            #expect(batch.files.count == 2)
            #expect(batch.failed.isEmpty)
            #expect(try r.store.filings().count == 2)
        }
    }

    @Test("a path that names nothing, or a folder without filings, is an error before anything loads")
    func badPaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regctl-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try FilingLoader.filingPaths(in: [dir.path + "/nothing"])
            Issue.record("expected an error")
        } catch {
            guard case .notFound(let path) = error else {
                Issue.record("expected notFound, got \(error)")
                return
            }
            #expect(path == dir.path + "/nothing")
        }
        do {
            _ = try FilingLoader.filingPaths(in: [dir.path])
            Issue.record("expected an error")
        } catch {
            guard case .noFilings(let folder) = error else {
                Issue.record("expected noFilings, got \(error)")
                return
            }
            #expect(folder == dir.path)
        }
    }
}
