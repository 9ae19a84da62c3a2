import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKitStore

/// Reading part of the journal: what `history` asks of a store.
@Suite struct JournalTableTests {
    /// A store whose journal holds a renamed project, a Cyrillic id, and unrelated entries.
    static func store(_ folder: TemporaryFolder) throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.path("journal.db"))
        let statements: [[Change]] = [
            [.addProject(Project(id: "TIP-07", title: "Trafficking"))],
            [.addProject(Project(id: "Other", title: "Other"))],
            [.addPartner(Partner(id: "Фонд", name: "Фонд"))],
            [.link(Participation(project: "TIP-07", partner: "Фонд", role: .funder))],
            [.renameProject(from: "TIP-07", to: "TIP_2007")],
            [.addOutcome(Outcome(id: OutcomeID(project: "TIP_2007", key: "groups"), title: "Groups"))],
            [.addProject(Project(id: "TIPX2007", title: "Not it, though LIKE's _ matches the X"))],
        ]
        try store.write { batch in
            for (index, changes) in statements.enumerated() {
                _ = try batch.commit(JournalDraft(origin: "t:\(index + 1)", statement: "s\(index + 1)", changes: changes))
            }
        }
        return store
    }

    @Test func entriesNamingAnIdAreReadWithEveryRename() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        // Case-insensitive for ASCII, renames always in, `_` taken literally or not: a superset.
        let read = try store.journal(mentioningAnyOf: ["tip_2007"]).map(\.sequence)
        #expect(Set(read).isSuperset(of: [5, 6]))
        #expect(!read.contains(1) && !read.contains(2) && !read.contains(3))
        // The older name finds the entries before the rename.
        #expect(try store.journal(mentioningAnyOf: ["tip_2007", "tip-07"]).map(\.sequence).starts(with: [1, 4, 5, 6]))
    }

    @Test func namesSQLCannotFoldAreLookedForEverywhere() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        // `LIKE` folds ASCII only: a Cyrillic id in another case reads the whole journal.
        #expect(try store.journal(mentioningAnyOf: ["фонд"]).count == 7)
        #expect(try store.journal(mentioningAnyOf: []).count == 7)
    }
}
