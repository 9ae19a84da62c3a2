import Foundation
import Testing

@testable import FieldKitPostgres

/// The private cluster that scripts/test starts: `$FIELDKIT_TEST_POSTGRES`. Without one (no
/// PostgreSQL could be installed), these tests are skipped and say so.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["FIELDKIT_TEST_POSTGRES"]
    static var isRunning: Bool { url != nil }
}

@Suite(.enabled(if: TestServer.isRunning, "no PostgreSQL server: scripts/test starts one (FIELDKIT_TEST_POSTGRES)"))
struct PostgresServerTests {
    @Test func theTestServerAnswersAndLogsUsInAsOurRole() async throws {
        var location = try PostgresLocation(try #require(TestServer.url), environment: [:])
        location.sslMode = .disable
        let (version, role) = try await PostgresServer.probe(location)
        #expect(version.hasPrefix("PostgreSQL "))
        #expect(role == location.user)
    }

    @Test func aWrongPasswordIsRefusedWithoutShowingIt() async throws {
        var location = try PostgresLocation(try #require(TestServer.url), environment: [:])
        location.sslMode = .disable
        location.password = "not-the-password-\(UUID().uuidString)"
        do {
            _ = try await PostgresServer.probe(location)
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.code == .refused)
            #expect(error.sqlState == "28P01")
            #expect(error.description.contains("password authentication failed"))
            #expect(!error.description.contains(location.password ?? "?"))
            #expect(error.description.hasPrefix(location.description))
        }
    }

    @Test func noServerThereIsUnreachable() async throws {
        var location = try PostgresLocation(try #require(TestServer.url), environment: [:])
        location.sslMode = .disable
        location.port = 1
        do {
            _ = try await PostgresServer.probe(location)
            Issue.record("a connection to port 1 succeeded")
        } catch {
            #expect(error.code == .unreachable)
            #expect(!error.description.contains(location.password ?? "?"))
        }
    }

    @Test func requireOnAServerWithoutTLSSaysSo() async throws {
        var location = try PostgresLocation(try #require(TestServer.url), environment: [:])
        location.sslMode = .require
        do {
            _ = try await PostgresServer.probe(location)
            Issue.record("TLS was required of a server without it, and the connection went on")
        } catch {
            #expect(error.code == .unreachable)
            #expect(error.message.contains("does not offer TLS"))
        }
        // prefer goes on without it, as libpq's default does.
        location.sslMode = .prefer
        #expect(try await PostgresServer.probe(location).role == location.user)
    }
}
