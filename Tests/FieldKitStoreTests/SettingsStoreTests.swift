import FieldKit
import FieldKitFixtures
import Foundation
import GRDB
import Testing

@testable import FieldKitStore

/// The store's progress margins (schema 3): kept, read back, journaled, and refused when a
/// hand-edited row is not a setting.
@Suite struct SettingsStoreTests {
    @Test func theMarginsAreKeptAndReadBack() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("settings.db")
        let margins = ProgressThresholds(onTrack: Decimal(string: "12.5") ?? 12, atRisk: 30)
        try SQLiteStore(path: path).commit(JournalDraft(origin: "t", statement: ".set", changes: [.setThresholds(old: .standard, new: margins)]))
        #expect(try SQLiteStore(path: path).portfolio.thresholds == margins)
        #expect(try SQLiteReader(path: path).portfolio.thresholds == margins)
        let rows = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name || '=' || value FROM settings ORDER BY name")
        }
        #expect(rows == ["at-risk-margin=30", "on-track-margin=12.5"])
        // The journal holds the change; replaying it gives the same margins.
        let journal = try SQLiteReader(path: path).journal()
        #expect(try Portfolio(applying: journal.flatMap(\.changes)).thresholds == margins)
        // Back to the standard margins: no rows.
        try SQLiteStore(path: path).commit(JournalDraft(origin: "t", statement: ".set", changes: [.setThresholds(old: margins, new: .standard)]))
        #expect(try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM settings") } == 0)
        #expect(try SQLiteStore(path: path).portfolio.thresholds == .standard)
    }

    @Test func aHandEditedSettingIsDamage() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("edited.db")
        _ = try SQLiteStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO settings (name, value) VALUES ('on-track-margin', 60), ('at-risk-margin', 40)")
        }
        let error = #expect(throws: StoreError.self) { _ = try SQLiteStore(path: path).portfolio }
        #expect(error?.code == .damaged)
        #expect(error?.message.contains("at-risk margin is 40") == true)
    }
}
