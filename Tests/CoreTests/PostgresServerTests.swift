import Core
import PostgresRegistry
import RegistryTesting
import Testing

/// Says, in the test run's output, whether the PostgreSQL half of the suite ran: skipped without a
/// server, never silently passed.
@Suite("PostgreSQL backend")
struct PostgresServerTests {
    @Test("a PostgreSQL 15+ server is reachable for the storage and analytics tests",
          .enabled(if: Backend.postgresURL != nil, Comment(rawValue: Backend.postgresSkipReason)))
    func reachable() throws {
        let version = try PostgresMaintenance.value("SHOW server_version_num", connectionString: Backend.postgresURL!)
        #expect((Int(version ?? "") ?? 0) >= 150000)
        #expect(Backend.testable == [.sqlite, .postgres])
    }
}
