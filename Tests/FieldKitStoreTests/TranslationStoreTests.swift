import FieldKit
import FieldKitFixtures
import Foundation
import GRDB
import Testing

@testable import FieldKitStore

/// A project's language and translations (schema 2), kept by the store and read back.
@Suite struct TranslationStoreTests {
    func translated() -> Project {
        Project(
            id: "XI-IATI-EC_INTPA-2021/429-054", title: "Food security in Kyrgyzstan", summary: "Markets and harvests",
            status: .active, language: "en",
            translations: [
                Translation(field: .title, language: "fr", text: "Sécurité alimentaire au Kirghizistan"),
                Translation(field: .summary, language: "ru", text: "Рынки и урожай"),
                Translation(field: .title, language: "ky", text: "Азык-түлүк коопсуздугу"),
            ])
    }

    @Test func translationsAreKeptInOrderAndReadBack() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("translations.db")
        let project = translated()
        try SQLiteStore(path: path).commit(JournalDraft(origin: "t", statement: "import", changes: [.addProject(project)]))
        #expect(try SQLiteStore(path: path).portfolio.projects[project.id] == project)

        var edited = project
        edited.translations.removeFirst()
        edited.language = "de"
        try SQLiteStore(path: path).commit(JournalDraft(origin: "t", statement: "import", changes: [.updateProject(old: project, new: edited)]))
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.portfolio.projects[project.id] == edited)
        let rows = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT field || ':' || language FROM project_translations ORDER BY position")
        }
        #expect(rows == ["summary:ru", "title:ky"])
        #expect(try SQLiteReader(path: path).integrityProblems().isEmpty)
    }

    @Test func aStoreOfSchemaOneIsUpgradedAndKeepsItsProjects() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("v1.db")
        try SQLiteStore(path: path).commit(
            JournalDraft(origin: "t", statement: "add", changes: [.addProject(Project(id: "TIP-2007", title: "Trafficking"))]))
        // Undo migrations v3 and v2 by hand: what a FieldKit from before translations left.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                DROP TABLE settings;
                DELETE FROM grdb_migrations WHERE identifier = 'v3';
                DROP TABLE project_translations;
                ALTER TABLE projects DROP COLUMN language;
                ALTER TABLE project_regions DROP COLUMN percentage;
                DELETE FROM grdb_migrations WHERE identifier = 'v2';
                UPDATE fieldkit_meta SET value = '1' WHERE key = 'schema';
                """)
        }
        #expect(throws: StoreError.self) { try SQLiteReader(path: path) }
        let store = try SQLiteStore(path: path)
        #expect(try store.portfolio.projects["TIP-2007"]?.title == "Trafficking")
        try store.commit(JournalDraft(origin: "t", statement: "import", changes: [.addProject(translated())]))
        let schema = try DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT value FROM fieldkit_meta WHERE key = 'schema'")
        }
        #expect(schema == "3")
        #expect(try SQLiteStore(path: path).portfolio.projects.count == 2)
    }

    @Test(arguments: [
        (Project(id: "P", title: "t", language: "EN"), "language"),
        (Project(id: "P", title: "t", language: "english"), "language"),
        (Project(id: "P", title: "t", language: "en", translations: [Translation(field: .title, language: "en", text: "x")]), "title.en"),
        (Project(id: "P", title: "t", translations: [Translation(field: .title, language: "fr", text: " ")]), "title.fr"),
        (Project(id: "P", title: "t", translations: [
            Translation(field: .summary, language: "fr", text: "a"), Translation(field: .summary, language: "fr", text: "b"),
        ]), "summary.fr"),
    ])
    func badLanguagesAreRefused(_ project: Project, field: String) throws {
        var portfolio = Portfolio()
        #expect {
            try portfolio.apply(.addProject(project))
        } throws: { error in
            (error as? ChangeError)?.field == field
        }
        #expect(portfolio.projects.isEmpty)
    }
}

/// An import's changes say where in the file each came from (`"at"` in the journal).
@Suite struct ChangeOriginTests {
    @Test func eachChangeKeepsItsFileAndLineAndTheStoreReplays() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("origins.db")
        let changes: [Change] = [
            .addProject(Project(id: "P 1", title: "One")), .addProject(Project(id: "P 2", title: "Two \"quoted\"")),
        ]
        try SQLiteStore(path: path).commit(JournalDraft(
            origin: "-c", statement: "import iati \"a.xml\"", changes: changes, changeOrigins: ["a.xml:4", "dir/a \"b\".xml:9"]))
        let stored = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT changes FROM journal") }
        let text = try #require(stored)
        #expect(text.hasPrefix(#"[{"at":"a.xml:4","kind":"project","op":"add""#))
        #expect(text.contains(#"{"at":"dir/a \"b\".xml:9","kind":"project""#))
        let atLines = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT json_extract(value, '$.at') FROM journal, json_each(journal.changes)")
        }
        #expect(atLines == ["a.xml:4", "dir/a \"b\".xml:9"])
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.portfolio.projects.count == 2)
        #expect(try reopened.integrityProblems().isEmpty)
        // A draft whose origins do not match its changes one for one keeps none.
        #expect(JournalDraft(origin: "-c", statement: "s", changes: changes, changeOrigins: ["a.xml:1"]).changeOrigins.isEmpty)
    }
}

/// A project's region shares (schema 2): kept, read back, moved by a rename, dropped with their region.
@Suite struct RegionShareTests {
    @Test func sharesAreKeptAndFollowTheirRegions() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("shares.db")
        let project = Project(id: "P", title: "Water", regions: ["KG", "TJ"], regionShares: ["KG": 60, "TJ": Decimal(string: "40.5")!])
        try SQLiteStore(path: path).commit(JournalDraft(origin: "t", statement: "import", changes: [
            .addRegion(Region(id: "KG", name: "Kyrgyzstan", level: .country)),
            .addRegion(Region(id: "TJ", name: "Tajikistan", level: .country)), .addProject(project),
        ]))
        #expect(try SQLiteStore(path: path).portfolio.projects["P"] == project)
        try SQLiteStore(path: path).commit(JournalDraft(origin: "t", statement: "rename", changes: [.renameRegion(from: "KG", to: "kg")]))
        let renamed = try #require(try SQLiteStore(path: path).portfolio.projects["P"])
        #expect(renamed.regionShares.keys.map(\.rawValue).sorted() == ["TJ", "kg"])
        var fewer = renamed
        fewer.regions = ["TJ"]
        #expect(fewer.regionShares == ["TJ": Decimal(string: "40.5")!])
        try SQLiteStore(path: path).commit(JournalDraft(origin: "t", statement: "set", changes: [.updateProject(old: renamed, new: fewer)]))
        let store = try SQLiteStore(path: path)
        #expect(try store.portfolio.projects["P"] == fewer)
        #expect(try store.portfolio.invariantViolations() == [])
        #expect(try store.integrityProblems().isEmpty)
    }

    @Test func aShareOutOfRangeOrOfAnotherRegionIsRefused() throws {
        var portfolio = Portfolio()
        try portfolio.apply(.addRegion(Region(id: "KG", name: "Kyrgyzstan", level: .country)))
        for shares: [RegionID: Decimal] in [["KG": 101], ["KG": -1], ["TJ": 50]] {
            var project = Project(id: "P", title: "Water", regions: ["KG"])
            project.regionShares = shares
            #expect(throws: ChangeError.self) { try portfolio.apply(.addProject(project)) }
        }
        #expect(portfolio.projects.isEmpty)
    }
}

