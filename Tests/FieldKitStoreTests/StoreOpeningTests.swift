import FieldKit
import FieldKitFixtures
import FieldKitStore
import Foundation
import GRDB
import Testing

@Suite struct StoreOpeningTests {
    func openError(_ path: String, readOnly: Bool = false) -> StoreError? {
        do {
            _ = try readOnly ? SQLiteReader(path: path) as any PortfolioReader : SQLiteStore(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func readOnlyStoreRefusesWrites() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ro.db")
        try SQLiteStore(path: path).commit(JournalDraft(origin: "t", statement: "add", changes: [.addPartner(Partner(id: "a"))]))
        // Read-only by its type: a reader has no write to call.
        let store: any PortfolioReader = try SQLiteReader(path: path)
        #expect(!(store is any PortfolioWriter))
        #expect(try store.portfolio.partners.count == 1)
        // And the file stays as it was: opening it read-only wrote nothing.
        #expect(try SQLiteStore(path: path).portfolio.partners.count == 1)
        #expect(try SQLiteStore(path: path).portfolio.partners.count == 1)
    }

    @Test func readOnlyNeedsAnExistingStore() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("missing.db")
        #expect(openError(path, readOnly: true)?.code == .cannotOpen)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aTextFileIsNotAStore() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("notes.txt")
        try Data("project notes, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(openError(path))
        #expect(error.code == .notAStore)
        #expect(error.message.contains("not an SQLite database"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "project notes, not a database\n")
    }

    @Test func anotherSQLiteDatabaseIsNotAStore() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("other.db")
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)") }
        let error = try #require(openError(path))
        #expect(error.code == .notAStore)
        #expect(error.message.contains("invoices"))
    }

    @Test func aStoreFromANewerVersionIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("newer.db")
        _ = try SQLiteStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        #expect(openError(path)?.code == .newerVersion)
        #expect(openError(path, readOnly: true)?.code == .newerVersion)
    }

    @Test func aCorruptFileIsDamaged() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("corrupt.db")
        do {
            let store = try SQLiteStore(path: path)
            try store.write { batch in
                for index in 0..<500 {
                    try batch.commit(JournalDraft(
                        origin: "t", statement: "add", changes: [.addPartner(Partner(id: PartnerID("partner-\(index)"), name: String(repeating: "x", count: 200)))]))
                }
            }
        }
        // Overwrite every page after the first with garbage, keeping SQLite's header.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()
        #expect(openError(path)?.code == .damaged)
    }

    @Test func aTruncatedFileIsDamaged() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("short.db")
        try Data(sqliteHeaderBytes + [1, 2, 3]).write(to: URL(fileURLWithPath: path))
        #expect(openError(path)?.code == .damaged)
    }

    @Test func tablesEditedIntoInconsistencyAreDamaged() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("edited.db")
        _ = try SQLiteStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO projects (id, title, status, start, \"end\") VALUES ('P1', 'P', 'active', '2008-01-01', '2007-01')")
        }
        let error = try #require(openError(path))
        #expect(error.code == .damaged)
        #expect(error.message.contains("end 2007-01 is before start 2008-01-01"))
    }

    @Test func theSchemaIsTheDocumentedOne() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("schema.db")
        _ = try SQLiteStore(path: path)
        let tables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        let documented = try String(contentsOf: packageRoot().appendingPathComponent("Docs/STORE.md"), encoding: .utf8)
        for table in tables {
            #expect(documented.contains("### `\(table)`"), "Docs/STORE.md does not document table \(table)")
        }
        #expect(tables.contains("journal"))
        let mode = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }
}

/// SQLite's 16-byte file header.
let sqliteHeaderBytes = Array("SQLite format 3\u{0}".utf8)

/// The package's root folder, found from this source file's path.
func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
