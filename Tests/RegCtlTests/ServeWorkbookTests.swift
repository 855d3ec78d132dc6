import Core
import Foundation
import Testing
@testable import regctl

/// `format=xlsx` on the API: the workbook `regctl NAME … --format xlsx -o FILE` writes, as the answer.
@Suite struct ServeWorkbookTests {
    @Test("format=xlsx answers the CLI's workbook, as an attachment with the workbook's content type; HEAD sends no bytes; output and bom stay refused")
    func workbook() async throws {
        let q = ["rank", "--level", "national", "--by", "park", "--within", "43"]
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cliFile = dir.appendingPathComponent("cli.xlsx").path
        let cli = try ServeSamples.run(q + ["--format", "xlsx", "-o", cliFile])
        try #require(cli.status == 0, "\(cli.stderr)")

        let web = await ServeSamples.get("/api/v1/rank?level=national&by=park&within=43&format=xlsx")
        #expect(web.status == 200, "\(web.body)")
        #expect(web.contentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(web.headers["Content-Disposition"] == "attachment; filename=\"rank.xlsx\"")
        let bytes = try #require(web.bytes)
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a zip")
        let webFile = dir.appendingPathComponent("web.xlsx").path
        try bytes.write(to: URL(fileURLWithPath: webFile))
        let fromWeb = try XLSXOutputTests.read(webFile), fromCLI = try XLSXOutputTests.read(cliFile)
        let table = try #require(fromWeb[XLSXRenderer.tableSheet])
        #expect(table == fromCLI[XLSXRenderer.tableSheet])
        #expect(table.contains { row in row.contains { $0 == .text("株洲高新区") } })

        let head = await ServeSamples.get("/api/v1/rank?level=national&by=park&within=43&format=xlsx", method: "HEAD")
        #expect(head.status == 200 && head.bytes == nil && head.body.isEmpty)
        for bad in ["output=/tmp/x.xlsx", "bom"] {
            let r = await ServeSamples.get("/api/v1/rank?format=xlsx&\(bad)")
            #expect(r.status == 400, "\(bad): \(r.status) \(r.body)")
        }
    }
}
