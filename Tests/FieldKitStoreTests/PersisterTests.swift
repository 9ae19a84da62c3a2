import FieldKit
import FieldKitFixtures
import Foundation
import GRDB
import Testing

@testable import FieldKitStore

/// Long writes persist on a thread of their own; a failure there fails the whole write.
@Suite struct PersisterTests {
    /// A statement adding partner `x<index>`.
    func draft(_ index: Int) -> JournalDraft {
        JournalDraft(origin: "t:\(index)", statement: "add partner x\(index)", changes: [.addPartner(Partner(id: PartnerID("x\(index)")))])
    }

    @Test func aFailureOnThePersistingThreadFailsTheWholeWrite() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("refuse.db")
        let store = try SQLiteStore(path: path)
        try seedScenario(store)
        // SQLite refuses one row well after the first hand-overs, while the script goes on.
        let refused = 2 * WriteBatch.handOverSize + 10
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse BEFORE INSERT ON partners WHEN NEW.id = 'x\(refused)'
                BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END
                """)
        }
        let before = try store.portfolio
        let sequence = store.lastSequence
        var handedOver = 0
        let error = #expect(throws: StoreError.self) {
            try store.write { batch in
                for index in 0..<(4 * WriteBatch.handOverSize) { try batch.commit(draft(index)) }
                handedOver = batch.handedOver
            }
        }
        #expect(handedOver > 0)
        #expect(error?.code == .failed)
        #expect(error?.description.contains("refused by a test trigger") == true)
        // Nothing of it is kept, in memory or on disk, and the store goes on working.
        #expect(try store.portfolio == before)
        #expect(store.lastSequence == sequence)
        #expect(try SQLiteReader(path: path).portfolio == before)
        try store.write { batch in _ = try batch.commit(draft(0)) }
        #expect(store.lastSequence == sequence + 1)
        #expect(try SQLiteReader(path: path).portfolio.partners["x0"] != nil)
    }

    @Test func textOfEveryLengthIsStoredAsWritten() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("text.db")
        let store = try SQLiteStore(path: path)
        // Longer than the first scratch buffer, empty, small enough to live inline in a
        // Swift string, and Cyrillic: each bound in place, none mistaken for NULL.
        let long = String(repeating: "Баткенская область — ", count: 400)
        let partners = [
            Partner(id: "long", name: long, acronym: "", country: "KG"),
            Partner(id: "short", name: "GG", acronym: "G", country: nil),
        ]
        try store.write { batch in
            for partner in partners {
                try batch.commit(JournalDraft(origin: "t", statement: "add", changes: [.addPartner(partner)]))
            }
        }
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, acronym, country FROM partners ORDER BY id")
        }
        #expect(rows.count == 2)
        #expect(rows[0]["name"] as String == long)
        #expect(rows[0]["acronym"] as String? == "")
        #expect(rows[1]["name"] as String == "GG")
        #expect(rows[1]["country"] as String? == nil)
        #expect(try SQLiteReader(path: path).portfolio == store.portfolio)
    }

    /// A write skips SQLite's CHECK constraints (see `SQLiteStore.write`); every word of every
    /// vocabulary, amounts with and without currency, and the journal's JSON must still pass them.
    @Test func rowsFieldKitWritesPassTheSchemasChecks() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("checks.db")
        let store = try SQLiteStore(path: path)
        try seedScenario(store)
        var changes: [Change] = []
        for (index, level) in RegionLevel.allCases.enumerated() {
            changes.append(.addRegion(Region(id: RegionID("r\(index)"), name: "R \(index)", level: level)))
        }
        for (index, kind) in PartnerKind.allCases.enumerated() {
            changes.append(.addPartner(Partner(id: PartnerID("p\(index)"), name: "P \(index)", kind: kind)))
        }
        let budget = try Money(amount: 12.5, currency: "EUR")
        for (index, status) in ProjectStatus.allCases.enumerated() {
            let id = ProjectID("c\(index)")
            changes.append(.addProject(Project(id: id, title: "C \(index)", status: status, budget: index.isMultiple(of: 2) ? budget : nil)))
            for level in OutcomeLevel.allCases {
                for measure in Measure.allCases {
                    for direction in Direction.allCases {
                        let outcome = OutcomeID(project: id, key: "\(level.rawValue)-\(measure.rawValue)-\(direction.rawValue)")
                        changes.append(.addOutcome(Outcome(id: outcome, title: "O", level: level, measure: measure, direction: direction)))
                    }
                }
            }
        }
        for (index, role) in Role.allCases.enumerated() {
            changes.append(.link(Participation(project: "c0", partner: PartnerID("p\(index)"), role: role, amount: index == 0 ? budget : nil)))
        }
        try store.write { batch in
            for change in changes { _ = try batch.commit(JournalDraft(origin: "t", statement: "add", changes: [change])) }
        }
        let problems = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(problems == ["ok"])
    }

    @Test func decimalsAreWrittenAsTheirDescription() {
        let texts = NumberTexts()
        for text in ["1.50", "1.5", "0", "-0.05", "179000", "1e3", "12345678901234567890.123"] {
            let value = Decimal(string: text) ?? 0
            #expect(texts.text(value) == value.description)
            #expect(texts.text(value) == value.description)  // remembered
        }
    }
}
