import FieldKit
import FieldKitFixtures
@testable import FieldKitStore
import Foundation
import GRDB
import Testing

/// A store opened with `deferLoading` answers a scope by reading only the candidate
/// projects: never fewer than the scope holds, each with all the detail asked for.
@Suite struct SQLiteStoreScopeTests {
    /// A store file holding the synthetic portfolio, and that portfolio.
    static func seeded(_ folder: TemporaryFolder) throws -> (path: String, full: Portfolio) {
        let path = folder.path("scope.db")
        let changes = try SyntheticPortfolio.changes()
        try SQLiteStore(path: path).commit(JournalDraft(origin: "test", statement: "seed", changes: changes))
        return (path, try Portfolio(applying: changes))
    }

    static let scopes: [ProjectScope] = [
        .status([.active]),
        .status([.closed, .cancelled]),
        .under("KG"),
        .under("kg-o"),  // another spelling of a stored id
        .under("Fergana-Valley"),  // an area, across the border
        .under("жалал-абад-d1"),  // Cyrillic, folded
        .under("nowhere"),
        .linked("golden-goal", role: .funder),
        .linked("фонд-1", role: nil),
        .linked("Unused-Partner", role: nil),
        .linked("no-such-partner", role: .lead),
        .allOf([.under("KG"), .status([.active, .pipeline])]),
        .allOf([.status([.suspended]), .all]),
        .anyOf([.under("TJ"), .linked("osce", role: .implementer)]),
        .allOf([.anyOf([.under("KG-J"), .status([.closed])]), .linked("gov-kg", role: nil)]),
        .project("P-0"),
        .project("P-MIXED-1"),  // another spelling: SQLite's NOCASE finds it
        .project("проект-3"),  // Cyrillic in another case: found by comparing as ids compare
        .project("no-such-project"),
        .none,
    ]

    static let details: [ProjectDetail] = [[], .links, .outcomes, .notes, .lists, .all]

    @Test(arguments: scopes)
    func aScopeReadsExactlyItsProjectsWithTheirDetail(_ scope: ProjectScope) throws {
        let folder = try TemporaryFolder()
        let (path, full) = try Self.seeded(folder)
        for detail in Self.details {
            let store = try SQLiteReader(path: path, deferLoading: true)
            let read = try store.portfolio(covering: scope, detail: detail)
            #expect(!store.isLoaded, "a narrowed read must not load the whole store")
            let expected = try full.slice(scope, detail: detail)
            #expect(Set(read.projects.keys) == Set(expected.projects.keys), "scope \(scope), detail \(detail.rawValue)")
            #expect(read == expected, "scope \(scope), detail \(detail.rawValue)")
            #expect(read.projects.values.map(\.id.rawValue).sorted() == expected.projects.values.map(\.id.rawValue).sorted())
        }
    }

    @Test func aScopeThatCannotNarrowLoadsEverything() throws {
        let folder = try TemporaryFolder()
        let (path, full) = try Self.seeded(folder)
        let store = try SQLiteStore(path: path, deferLoading: true)
        #expect(!store.isLoaded)
        // Every project with only its row: the projects table, not a load.
        let rows = try store.portfolio(covering: .anyOf([.under("KG"), .all]), detail: [])
        #expect(!store.isLoaded)
        #expect(Set(rows.projects.keys) == Set(full.projects.keys))
        #expect(rows.outcomes.isEmpty && rows.partners.isEmpty)
        // Every project with everything: the whole portfolio, loaded.
        #expect(try store.portfolio(covering: .anyOf([.under("KG"), .all]), detail: .all) == full)
        #expect(store.isLoaded)
        // Once loaded, every scope is answered with everything in memory.
        #expect(try store.portfolio(covering: .status([.active]), detail: []) == full)
    }

    @Test func aDeferredStoreLoadsOnRefreshAndOnWrite() throws {
        let folder = try TemporaryFolder()
        let (path, full) = try Self.seeded(folder)
        let reader = try SQLiteStore(path: path, deferLoading: true)
        #expect(!reader.isLoaded)
        #expect(reader.lastSequence == 1)
        try reader.refresh()
        #expect(reader.isLoaded)
        #expect(try reader.portfolio == full)

        let writer = try SQLiteStore(path: path, deferLoading: true)
        try writer.commit(JournalDraft(origin: "test", statement: "add", changes: [.addPartner(Partner(id: "late"))]))
        #expect(writer.isLoaded)
        #expect(try writer.portfolio.partners.count == full.partners.count + 1)
        #expect(writer.lastSequence == 2)
        // The first reader picks the write up as usual.
        #expect(try reader.refresh())
        #expect(try reader.portfolio == writer.portfolio)
    }

    @Test func countsComeFromSQLiteUntilTheStoreIsLoaded() throws {
        let folder = try TemporaryFolder()
        let (path, full) = try Self.seeded(folder)
        let store = try SQLiteReader(path: path, deferLoading: true)
        let counted = try store.counts()
        #expect(!store.isLoaded)
        #expect(counted.map(\.kind) == full.headlineCounts.map(\.kind))
        #expect(counted.map(\.count) == full.headlineCounts.map(\.count))
        try store.refresh()
        #expect(try store.counts().map(\.count) == full.headlineCounts.map(\.count))
    }

    @Test func aLoadedStoreAnswersAScopeWithOthersCommitsIncluded() throws {
        let folder = try TemporaryFolder()
        let (path, _) = try Self.seeded(folder)
        let reader = try SQLiteStore(path: path)
        try SQLiteStore(path: path).commit(JournalDraft(
            origin: "elsewhere", statement: "add", changes: [.addProject(Project(id: "LATE", status: .active, regions: ["KG"]))]))
        #expect(try reader.portfolio(covering: .under("KG"), detail: []).projects["late"] != nil)
    }

    @Test func aDamagedStoreOpenedDeferredFailsOnItsFirstLoad() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("edited.db")
        _ = try SQLiteStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO projects (id, title, status, start, \"end\") VALUES ('P1', 'P', 'active', '2008-01-01', '2007-01')")
        }
        let store = try SQLiteStore(path: path, deferLoading: true)
        do {
            try store.refresh()
            Issue.record("a damaged store loaded")
        } catch {
            #expect(error.code == .damaged)
            #expect(error.message.contains("end 2007-01 is before start 2008-01-01"))
        }
        // The narrowed read checks what it reads, too.
        #expect(throws: StoreError.self) { try SQLiteStore(path: path, deferLoading: true).portfolio(covering: .status([.active]), detail: []) }
        // And the portfolio itself is the error, never an empty portfolio (it once read as one).
        #expect(throws: StoreError.self) { try SQLiteStore(path: path, deferLoading: true).portfolio }
        #expect(throws: StoreError.self) { try SQLiteReader(path: path, deferLoading: true).portfolio }
    }

    @Test func insideAWriteOnOneProjectTheStoreRefersToTheBatchToo() throws {
        let folder = try TemporaryFolder()
        let (path, _) = try Self.seeded(folder)
        let store = try SQLiteStore(path: path, deferLoading: true)
        let project = try #require(try SQLiteReader(path: path).portfolio.projects.keys.sorted().first)
        let inside = try store.write(onProject: project) { batch in
            (Result { () throws(StoreError) in try store.portfolio }, Result { () throws(StoreError) in try store.refresh() })
        }
        #expect(throws: StoreError.self) { try inside.0.get() }
        #expect(throws: StoreError.self) { try inside.1.get() }
        // A write inside a write is an error, not GRDB's reentrancy trap.
        #expect(throws: StoreError.self) { try store.write { _ in try store.write { _ in () } } }
    }

    @Test func aFailedLoadIsTriedAgainOnceTheStoreIsRepaired() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("repaired.db")
        _ = try SQLiteStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO projects (id, title, status, start, \"end\") VALUES ('P1', 'P', 'active', '2008-01-01', '2007-01')")
        }
        let store = try SQLiteStore(path: path, deferLoading: true)
        #expect(throws: StoreError.self) { try store.refresh() }
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE projects SET \"end\" = '2009-01' WHERE id = 'P1'") }
        #expect(try store.portfolio.projects["P1"] != nil)
        #expect(try store.refresh() == false)
    }

    @Test func insideItsOwnWriteTheStoreRefersToTheBatch() throws {
        let folder = try TemporaryFolder()
        let (path, _) = try Self.seeded(folder)
        let store = try SQLiteStore(path: path)
        let inside = try store.write { batch in
            Result { () throws(StoreError) in try store.portfolio }
        }
        #expect(throws: StoreError.self) { try inside.get() }
        #expect(try store.portfolio.projects.isEmpty == false)
    }

    @Test func manyCandidatesTravelAsOneParameter() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("many.db")
        // Thousands of candidate ids, as one JSON array rather than a parameter each.
        let changes = try SyntheticPortfolio.changes(projects: 3_000)
        try SQLiteStore(path: path).commit(JournalDraft(origin: "test", statement: "seed", changes: changes))
        let store = try SQLiteReader(path: path, deferLoading: true)
        let read = try store.portfolio(covering: .under("KG"), detail: .all)
        let full = try Portfolio(applying: changes)
        #expect(read.projects.count == full.projects(under: "KG").count)
        #expect(read.projects.count > 1_000)
        #expect(read == (try full.slice(.under("KG"), detail: .all)))
    }
}

@Suite struct WriteAheadLogTests {
    @Test func aLargeWriteLeavesAnEmptyLog() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("large.db")
        let store = try SQLiteStore(path: path)
        let drafts = (0..<SQLiteStore.largeWrite).map { index in
            JournalDraft(origin: "test", statement: "add partner p\(index)", changes: [.addPartner(Partner(id: PartnerID("p\(index)")))])
        }
        try store.write { batch in for draft in drafts { try batch.commit(draft) } }
        let log = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect(log == 0)
        #expect(try SQLiteReader(path: path).portfolio.partners.count == SQLiteStore.largeWrite)
    }
}

@Suite struct StreamingWriteTests {
    struct Stop: Error {}

    @Test func aFailedLongWriteLeavesTheStoreAsItWas() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("long.db")
        let store = try SQLiteStore(path: path)
        try seedScenario(store)
        let before = try store.portfolio
        let sequence = store.lastSequence
        #expect(throws: Stop.self) {
            try store.write { batch in
                for index in 0..<(WriteBatch.handOverSize + 100) {
                    try batch.commit(JournalDraft(origin: "t", statement: "add", changes: [.addPartner(Partner(id: PartnerID("x\(index)")))]))
                }
                #expect(batch.handedOver > 0)
                throw Stop()
            }
        }
        // Rows handed over were rolled back with the transaction; the portfolio is read again.
        #expect(!store.isLoaded)
        #expect(try store.portfolio == before)
        #expect(store.lastSequence == sequence)
        #expect(try SQLiteReader(path: path).portfolio == before)
        #expect(try store.journal().count == Int(sequence))
    }

    @Test func aLongWriteIsStoredWhole() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("long.db")
        let store = try SQLiteStore(path: path)
        let count = 2 * WriteBatch.handOverSize + 7
        try store.write { batch in
            for index in 0..<count {
                try batch.commit(JournalDraft(origin: "t", statement: "add \(index)", changes: [.addPartner(Partner(id: PartnerID("x\(index)")))]))
            }
        }
        #expect(store.lastSequence == Int64(count))
        let reopened = try SQLiteReader(path: path)
        #expect(try reopened.portfolio == store.portfolio)
        #expect(try reopened.journal().map(\.statement) == (0..<count).map { "add \($0)" })
        #expect(try Portfolio(applying: reopened.journal().flatMap(\.changes)) == store.portfolio)
    }
}
