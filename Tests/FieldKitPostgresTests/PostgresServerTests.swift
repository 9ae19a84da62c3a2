import Foundation
import Testing

import PostgresNIO

@testable import FieldKitPostgres

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

/// The schema FieldKit creates on a server, in a database of its own for each test.
@Suite(.enabled(if: TestServer.isRunning, "no PostgreSQL server: scripts/test starts one (FIELDKIT_TEST_POSTGRES)"))
struct PostgresSchemaTests {
    func freshDatabase() async throws -> PostgresLocation { try TestServer.freshDatabase() }

    func run(_ sql: String, at location: PostgresLocation) async throws { _ = try TestServer.rows(sql, at: location) }

    @Test func anEmptyDatabaseGetsTheSchemaAndOpensAgain() async throws {
        let location = try await freshDatabase()
        #expect(try PostgresServer.prepare(location) == 0)
        #expect(try PostgresServer.prepare(location) == PostgresSchema.version)
        let connection = try await PostgresServer.connect(location)
        var tables: [String] = []
        let rows = try await connection.query("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", logger: PostgresServer.logger)
        for try await (name) in rows.decode(String.self) { tables.append(name) }
        var journalTypes: [String: String] = [:]
        let columns = try await connection.query(
            "SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_name = 'journal'", logger: PostgresServer.logger)
        for try await (name, type) in columns.decode((String, String).self) { journalTypes[name] = type }
        try await connection.close()
        #expect(tables == (PostgresSchema.tables + ["members"]).sorted())
        #expect(journalTypes["changes"] == "jsonb")
        #expect(journalTypes["time"] == "timestamp with time zone")
    }

    @Test func aDatabaseWithOtherTablesIsRefused() async throws {
        let location = try await freshDatabase()
        try await run("CREATE TABLE invoices (id int)", at: location)
        do {
            try PostgresServer.prepare(location)
            Issue.record("a database with other tables was taken")
        } catch {
            #expect(error.code == .wrongDatabase)
            #expect(error.message.contains("holds other tables (invoices)"))
        }
    }

    @Test func aNewerSchemaIsRefused() async throws {
        let location = try await freshDatabase()
        try PostgresServer.prepare(location)
        try await run("UPDATE fieldkit_meta SET value = '99' WHERE key = 'schema'", at: location)
        do {
            try PostgresServer.prepare(location)
            Issue.record("a newer schema was taken")
        } catch {
            #expect(error.code == .newerSchema)
            #expect(error.message.contains("version 99"))
        }
        try await run("UPDATE fieldkit_meta SET value = 'other' WHERE key = 'format'", at: location)
        #expect(throws: PostgresStoreError.self) { try PostgresServer.prepare(location) }
    }

    @Test func twoOfficesOpeningANewStoreAtOnceMakeOneSchema() async throws {
        let location = try await freshDatabase()
        async let first = PostgresServer.prepare(location)
        async let second = PostgresServer.prepare(location)
        let versions = try await [first, second].sorted()
        #expect(versions == [0, PostgresSchema.version])
    }
}
