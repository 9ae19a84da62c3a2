import FieldKit
import FieldKitFixtures
import FieldKitStore
import Foundation
import GRDB
import Testing

@Suite struct SQLiteStoreTests {
    @Test func scenarioRoundTripsThroughTheFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("osh.db")
        let expected = try OshScenario.portfolio()
        do {
            let store = try SQLiteStore(path: path)
            try seedScenario(store)
            #expect(try store.portfolio == expected)
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.portfolio == expected)
        #expect(try canonicalBytes(reopened.portfolio) == canonicalBytes(expected))
        #expect(reopened.lastSequence == Int64(try OshScenario.statements().count))
        // What the tables load has the indexes the entities imply.
        #expect(try reopened.portfolio.invariantViolations() == [])
    }

    @Test func replayingTheJournalGivesTheLoadedState() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("replay.db")
        do {
            let store = try SQLiteStore(path: path)
            try seedScenario(store)
            // Renames, updates and removals after the seed exercise the cascades.
            try store.commit(JournalDraft(origin: "test", statement: "rename", changes: [.renameProject(from: "TIP-2007", to: "TIP-07")]))
            try store.commit(JournalDraft(origin: "test", statement: "rename region", changes: [.renameRegion(from: "KG-B", to: "kg-b")]))
            let partner = try #require(store.portfolio.partners["golden-goal"])
            var renamed = partner
            renamed.name = "Golden Goal Public Association"
            renamed.contacts = [Contact(name: "Айгуль", role: "director")]
            try store.commit(JournalDraft(origin: "test", statement: "set", changes: [.updatePartner(old: partner, new: renamed)]))
            let network = try #require(store.portfolio.measurements(of: OutcomeID(project: "TIP-07", key: "network")).first)
            try store.commit(JournalDraft(origin: "test", statement: "unrecord", changes: [.unrecord(network)]))
        }
        let store = try SQLiteStore(path: path)
        let journal = try store.journal()
        #expect(journal.map(\.sequence) == Array(1...Int64(journal.count)))
        let replayed = try Portfolio(applying: journal.flatMap(\.changes))
        #expect(try replayed == store.portfolio)
        #expect(replayed.invariantViolations() == [])
        #expect(try store.portfolio.invariantViolations() == [])
        #expect(try canonicalBytes(replayed) == canonicalBytes(store.portfolio))
        #expect(try store.portfolio.outcomes[OutcomeID(project: "TIP-07", key: "groups")]?.regions.map(\.rawValue) == ["kg-b"])
        #expect(try store.portfolio.regions["leilek"]?.parent?.rawValue == "kg-b")
    }

    @Test func renameCascadesThroughTheTables() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("rename.db")
        do {
            let store = try SQLiteStore(path: path)
            try seedScenario(store)
            try store.commit(JournalDraft(origin: "test", statement: "rename", changes: [.renameProject(from: "TIP-2007", to: "TIP-07")]))
        }
        let queue = try DatabaseQueue(path: path)
        let (measured, outcomes, oldLinks, notes) = try queue.read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT project_id FROM measurements"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outcomes WHERE id LIKE 'TIP-07/%'"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participations WHERE project_id = 'TIP-2007'"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes WHERE project_id = 'TIP-07'"))
        }
        #expect(measured == ["TIP-07"])
        #expect(outcomes == 4)
        #expect(oldLinks == 0)
        #expect(notes == 2)
    }

    @Test func aFailingStatementLeavesNothingBehind() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("atomic.db")
        let store = try SQLiteStore(path: path)
        try seedScenario(store)
        let before = try store.portfolio
        let sequence = store.lastSequence
        #expect(throws: ChangeError.self) {
            try store.write { batch in
                try batch.commit(JournalDraft(origin: "t:1", statement: "add partner", changes: [.addPartner(Partner(id: "unicef"))]))
                try batch.commit(JournalDraft(origin: "t:2", statement: "bad link", changes: [
                    .link(Participation(project: "TIP-2007", partner: "unicef", role: .funder)),
                    .link(Participation(project: "TIP-2007", partner: "nobody", role: .funder)),
                ]))
            }
        }
        #expect(try store.portfolio == before)
        #expect(store.lastSequence == sequence)
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.portfolio == before)
        #expect(try reopened.journal().count == Int(sequence))
    }

    @Test func aLargeBatchCommitsInOneTransaction() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("batch.db"))
        try store.write { batch in
            for index in 0..<2_000 {
                try batch.commit(JournalDraft(
                    origin: "bulk.fk:\(index + 1)", statement: "add project P\(index)",
                    changes: [.addProject(Project(id: ProjectID("P\(index)"), status: .active))]))
            }
        }
        #expect(try store.portfolio.projects.count == 2_000)
        #expect(store.lastSequence == 2_000)
        #expect(try store.journal(after: 1_998, limit: nil).map(\.origin) == ["bulk.fk:1999", "bulk.fk:2000"])
    }

    @Test func journalKeepsWhoWhenAndWhere() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStore(path: folder.path("journal.db"))
        let before = Date().addingTimeInterval(-1)
        let entry = try store.commit(JournalDraft(
            actor: "jerome", origin: "monthly.fk:12", statement: "add partner golden-goal",
            changes: [.addPartner(Partner(id: "golden-goal", name: "Golden Goal"))]))
        let undo = try store.commit(JournalDraft(
            actor: "jerome", origin: "repl", statement: "undo", changes: entry.changes.reversed().map(\.inverse),
            undoes: entry.sequence))
        let journal = try store.journal()
        #expect(journal.count == 2)
        #expect(journal[0].actor == "jerome")
        #expect(journal[0].origin == "monthly.fk:12")
        #expect(journal[0].statement == "add partner golden-goal")
        #expect(journal[0].time >= before)
        #expect(journal[1].undoes == entry.sequence)
        #expect(journal[1].sequence == undo.sequence)
        #expect(try store.portfolio.partners.isEmpty)
    }
}
