import FieldKit
import Foundation
import Testing

@testable import FieldKitPostgres

/// What only a server store does: reconnecting, its rights, its literals.
@Suite(.enabled(if: TestServer.isRunning, "no PostgreSQL server: scripts/test starts one (FIELDKIT_TEST_POSTGRES)"))
struct PostgresStoreTests {
    /// Ends every FieldKit connection to `location`'s database but the caller's own.
    func terminateOthers(on location: PostgresLocation) throws -> Int {
        let rows = try TestServer.rows(
            """
            SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'fieldkit'
            """, at: location)
        return rows.count
    }

    @Test func aConnectionTheServerEndedIsOpenedAgain() throws {
        let location = try TestServer.freshDatabase()
        let store = try PostgresStore(location)
        try store.commit(JournalDraft(origin: "test", statement: "add", changes: [.addPartner(Partner(id: "osce", name: "OSCE"))]))
        #expect(try terminateOthers(on: location) == 1)
        // A read reconnects with backoff and answers.
        #expect(try store.counts().first { $0.kind == "partners" }?.count == 1)
        #expect(try terminateOthers(on: location) == 1)
        // So does a write, which had not begun when the connection went.
        try store.commit(JournalDraft(origin: "test", statement: "add", changes: [.addPartner(Partner(id: "unicef", name: "UNICEF"))]))
        #expect(try store.journal().map(\.sequence) == [1, 2])
        #expect(try PostgresStore(location).portfolio.partners.count == 2)
    }

    @Test func aServerThatStaysAwayIsReportedOnceTheBackoffIsSpent() throws {
        var location = try TestServer.freshDatabase()
        let store = try PostgresStore(location)
        // The database goes away under the store: every attempt is refused, and the read says so.
        location.database = "postgres"
        _ = try terminateOthers(on: try TestServer.freshDatabase())
        try TestServer.rows("DROP DATABASE \(store.server.database) WITH (FORCE)", at: location)
        #expect(throws: StoreError.self) { try store.counts() }
    }

    @Test func literalsHoldWhatAUserTyped() throws {
        let location = try TestServer.freshDatabase()
        let store = try PostgresStore(location)
        let names = ["O'Brien \\ backslash", "$fk$ dollar $$ quotes", "Айгуль «Алтын» 🇰🇬", "'; DROP TABLE partners; --"]
        try store.write { batch in
            for (index, name) in names.enumerated() {
                try batch.commit(JournalDraft(origin: "test", statement: name, changes: [.addPartner(Partner(id: PartnerID("p\(index)"), name: name))]))
            }
        }
        let reopened = try PostgresStore(location)
        #expect(try reopened.portfolio.partners.values.map(\.name).sorted() == names.sorted())
        #expect(try reopened.journal().map(\.statement) == names)
        // PostgreSQL's text cannot hold a NUL: refused with a message, and nothing kept.
        #expect(throws: (any Error).self) {
            try store.commit(JournalDraft(origin: "test", statement: "nul", changes: [.addPartner(Partner(id: "nul", name: "a\u{0}b"))]))
        }
        #expect(try PostgresStore(location).portfolio.partners.count == names.count)
    }
}
