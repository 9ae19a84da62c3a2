import FieldKit
import FieldKitFixtures
@testable import FieldKitStore
import Foundation
import Testing

/// `write(onProject:)`: a change to one project is checked against that project's read alone
/// while the store is unloaded, with exactly the outcome a write on the whole portfolio has;
/// anything else is refused whole.
@Suite struct ProjectWriteTests {
    /// Two stores holding the synthetic portfolio, opened as a one-shot `fieldkit` opens them.
    static func twins(_ folder: TemporaryFolder) throws -> (narrow: SQLiteStore, whole: SQLiteStore) {
        let seeded = try SQLiteStoreScopeTests.seeded(folder)
        let copy = folder.path("copy.db")
        try FileManager.default.copyItem(atPath: seeded.path, toPath: copy)
        return (try SQLiteStore(path: seeded.path, deferLoading: true), try SQLiteStore(path: copy, deferLoading: true))
    }

    /// The changes three statements about `project` would make, ids in their stored spelling
    /// as the interpreter resolves them: an update, a record of its first outcome, a note.
    static func drafts(_ project: ProjectID, in portfolio: Portfolio) throws -> [JournalDraft] {
        let old = try #require(portfolio.projects[project])
        var new = old
        new.status = .closed
        new.regions = ["KG-J"]
        let outcome = try #require(portfolio.outcomes(of: project).first)
        return [
            JournalDraft(origin: "test", statement: "set", changes: [.updateProject(old: old, new: new)]),
            JournalDraft(origin: "test", statement: "record", changes: [
                .record(OutcomeRecord(id: RecordID("r-new"), outcome: outcome.id, date: try Day(parsing: "2012-05-01"), value: 3)),
            ]),
            JournalDraft(origin: "test", statement: "note", changes: [
                .addNote(Note(id: RecordID("n-new"), project: old.id, date: try Day(parsing: "2012-05-02"), text: "checked")),
            ]),
        ]
    }

    @Test func aChangeToOneProjectIsWrittenWithoutLoadingAndAsAWholeWriteWouldBe() throws {
        let folder = try TemporaryFolder()
        let (narrow, whole) = try Self.twins(folder)
        let project: ProjectID = "p-mixed-1"  // stored as p-Mixed-1: found in any case
        let drafts = try Self.drafts(project, in: try SQLiteStoreScopeTests.seeded(TemporaryFolder()).full)
        for draft in drafts {
            try narrow.write(onProject: project) { batch in _ = try batch.commit(draft) }
            try whole.write { batch in _ = try batch.commit(draft) }
        }
        #expect(!narrow.isLoaded)
        #expect(narrow.lastSequence == whole.lastSequence)
        let reread = try SQLiteStore(path: narrow.path)
        #expect(try canonicalBytes(reread.portfolio) == canonicalBytes(whole.portfolio))
        #expect(try reread.journal().map(\.changes) == whole.journal().map(\.changes))
    }

    @Test(arguments: ["another project", "a partner", "no such project"])
    func anythingElseIsRefusedWholeAndNothingIsKept(_ case: String) throws {
        let folder = try TemporaryFolder()
        let (store, _) = try Self.twins(folder)
        let full = try SQLiteStoreScopeTests.seeded(TemporaryFolder()).full
        var project: ProjectID = "p-Mixed-1"
        var changes = try Self.drafts(project, in: full)[0].changes
        switch `case` {
        case "another project":
            changes += try Self.drafts("P-2", in: full)[0].changes
        case "a partner":
            let partner = try #require(full.partners.values.first)
            var renamed = partner
            renamed.name = "Renamed"
            changes.append(.updatePartner(old: partner, new: renamed))
        default:
            project = "P-404"
            changes = []
        }
        let before = store.lastSequence
        // Another project is not in the read, so the change itself fails; the rest are refused.
        let error = #expect(throws: (any Error).self) {
            try store.write(onProject: project) { batch in
                _ = try batch.commit(JournalDraft(origin: "test", statement: "mixed", changes: changes))
            }
        }
        #expect(`case` == "another project" ? error is ChangeError : error is WholePortfolioNeeded)
        #expect(store.lastSequence == before)
        #expect(try SQLiteStore(path: store.path).journal().count == Int(before))
    }

    @Test func aLoadedStoreWritesOnItsWholePortfolio() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try Self.twins(folder)
        try store.refresh()
        let partner = try #require(store.portfolio.partners.values.first)
        var renamed = partner
        renamed.name = "Renamed"
        // Not about the project at all: with everything in memory, any change can be checked.
        try store.write(onProject: "P-0") { batch in
            _ = try batch.commit(JournalDraft(origin: "test", statement: "rename", changes: [.updatePartner(old: partner, new: renamed)]))
        }
        #expect(try store.portfolio.partners[partner.id]?.name == "Renamed")
    }
}
