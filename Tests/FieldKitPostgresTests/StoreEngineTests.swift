import FieldKit
import FieldKitFixtures
import FieldKitStore
import Foundation
import Testing

@testable import FieldKitPostgres

/// A store engine the same behaviour is asked of: SQLite's file, and a PostgreSQL server
/// (when scripts/test started one; without it only SQLite runs, and the server suites say why).
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [Engine] { TestServer.isRunning ? allCases : [.sqlite] }

    var testDescription: String { rawValue }

    /// A new, empty store of this engine: where it is (a path or a URL), kept alive by `folder`.
    func newStore(in folder: TemporaryFolder) throws -> String {
        switch self {
        case .sqlite: folder.path("store.db")
        case .postgres: try TestServer.freshDatabase().urlWithPassword
        }
    }

    /// The store at `place`, opened as a program would.
    func open(_ place: String) throws -> any PortfolioWriter {
        switch self {
        case .sqlite: try SQLiteStore(path: place)
        case .postgres: try PostgresStore(try PostgresLocation(place, environment: [:]))
        }
    }
}

extension PostgresLocation {
    /// The URL with the password, for a test's second process.
    var urlWithPassword: String {
        "postgresql://\(user):\(password ?? "")@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }
}

/// The store tests of FieldKitStore's SQLiteStoreTests and ConcurrentWriterTests, on both engines.
@Suite(.timeLimit(.minutes(3))) struct StoreEngineTests {
    func seed(_ store: some PortfolioWriter) throws {
        let statements = try OshScenario.statements()
        try store.write { batch in
            for statement in statements { try batch.commit(statement) }
        }
    }

    func canonical(_ portfolio: Portfolio) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(portfolio.changesFromEmpty)
    }

    @Test(arguments: Engine.available)
    func theScenarioRoundTrips(_ engine: Engine) throws {
        let folder = try TemporaryFolder()
        let place = try engine.newStore(in: folder)
        let expected = try OshScenario.portfolio()
        try seed(try engine.open(place))
        let reopened = try engine.open(place)
        #expect(try reopened.portfolio == expected)
        #expect(try canonical(reopened.portfolio) == canonical(expected))
        #expect(reopened.lastSequence == Int64(try OshScenario.statements().count))
        #expect(try reopened.portfolio.invariantViolations() == [])
        #expect(try reopened.integrityProblems() == [])
    }

    @Test(arguments: Engine.available)
    func replayingTheJournalGivesTheLoadedState(_ engine: Engine) throws {
        let folder = try TemporaryFolder()
        let place = try engine.newStore(in: folder)
        do {
            let store = try engine.open(place)
            try seed(store)
            try store.commit(JournalDraft(origin: "test", statement: "rename", changes: [.renameProject(from: "TIP-2007", to: "TIP-07")]))
            try store.commit(JournalDraft(origin: "test", statement: "rename region", changes: [.renameRegion(from: "KG-B", to: "kg-b")]))
            let partner = try #require(store.portfolio.partners["golden-goal"])
            var renamed = partner
            renamed.name = "Golden Goal Public Association — «Алтын»"
            renamed.contacts = [Contact(name: "Айгуль", role: "director's office")]
            try store.commit(JournalDraft(origin: "test", statement: "set", changes: [.updatePartner(old: partner, new: renamed)]))
            let network = try #require(store.portfolio.measurements(of: OutcomeID(project: "TIP-07", key: "network")).first)
            try store.commit(JournalDraft(origin: "test", statement: "unrecord", changes: [.unrecord(network)]))
            try store.commit(JournalDraft(
                origin: "test", statement: ".set", changes: [.setThresholds(old: .standard, new: ProgressThresholds(onTrack: 15, atRisk: 30))]))
        }
        let store = try engine.open(place)
        let journal = try store.journal()
        #expect(journal.map(\.sequence) == Array(1...Int64(journal.count)))
        let replayed = try Portfolio(applying: journal.flatMap(\.changes))
        #expect(try replayed == store.portfolio)
        #expect(try canonical(replayed) == canonical(store.portfolio))
        #expect(try store.portfolio.thresholds == ProgressThresholds(onTrack: 15, atRisk: 30))
        #expect(try store.portfolio.partners["golden-goal"]?.contacts.first?.role == "director's office")
        #expect(try store.portfolio.outcomes[OutcomeID(project: "TIP-07", key: "groups")]?.regions.map(\.rawValue) == ["kg-b"])
    }

    @Test(arguments: Engine.available)
    func aFailingStatementLeavesNothingBehind(_ engine: Engine) throws {
        let folder = try TemporaryFolder()
        let place = try engine.newStore(in: folder)
        let store = try engine.open(place)
        try seed(store)
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
        let reopened = try engine.open(place)
        #expect(try reopened.portfolio == before)
        #expect(try reopened.journal().count == Int(sequence))
    }

    /// More statements than a batch holds: the first thousand are written while the rest run.
    @Test(arguments: Engine.available)
    func aLargeBatchCommitsInOneTransaction(_ engine: Engine) throws {
        let folder = try TemporaryFolder()
        let place = try engine.newStore(in: folder)
        let store = try engine.open(place)
        try store.write { batch in
            for index in 0..<2_500 {
                try batch.commit(JournalDraft(
                    origin: "bulk.fk:\(index + 1)", statement: "add project P\(index)",
                    changes: [.addProject(Project(id: ProjectID("P\(index)"), title: "it's $fk$ \\ \(index)", status: .active))]))
            }
        }
        let reopened = try engine.open(place)
        #expect(try reopened.portfolio.projects.count == 2_500)
        #expect(try reopened.portfolio.projects["P7"]?.title == "it's $fk$ \\ 7")
        #expect(reopened.lastSequence == 2_500)
        #expect(try reopened.journal(after: 2_498, limit: nil).map(\.origin) == ["bulk.fk:2499", "bulk.fk:2500"])
        // A failure after the first thousand were handed over keeps none of them.
        #expect(throws: ChangeError.self) {
            try store.write { batch in
                for index in 0..<1_500 {
                    try batch.commit(JournalDraft(
                        origin: "again.fk", statement: "add", changes: [.addProject(Project(id: ProjectID("Q\(index)"), status: .active))]))
                }
                try batch.commit(JournalDraft(origin: "again.fk", statement: "add", changes: [.addProject(Project(id: "P1", status: .active))]))
            }
        }
        #expect(try engine.open(place).portfolio.projects.count == 2_500)
        #expect(try store.portfolio.projects.count == 2_500)
    }

    @Test(arguments: Engine.available)
    func aNarrowedReadAnswersAsTheWholePortfolio(_ engine: Engine) throws {
        let folder = try TemporaryFolder()
        let place = try engine.newStore(in: folder)
        try seed(try engine.open(place))
        let whole = try engine.open(place).portfolio
        for scope: ProjectScope in [.project("tip-2007"), .under("KG-B"), .linked("france", role: .funder), .status([.active])] {
            let slice = try engine.open(place).portfolio(covering: scope, detail: .all)
            for project in slice.projects.values where scope.contains(project, in: slice) {
                #expect(whole.projects[project.id] == project)
                #expect(whole.participations(of: project.id) == slice.participations(of: project.id))
            }
            let expected = whole.projects.values.filter { scope.contains($0, in: whole) }.map(\.id)
            #expect(Set(slice.projects.values.filter { scope.contains($0, in: slice) }.map(\.id)) == Set(expected), "\(scope)")
        }
        // A write on one project reads that project alone, and lands.
        let store = try engine.open(place)
        let groups = OutcomeID(project: "TIP-2007", key: "groups")
        try store.write(onProject: "TIP-2007") { batch in
            try batch.commit(JournalDraft(
                origin: "test", statement: "record",
                changes: [.record(OutcomeRecord(outcome: groups, date: try Day(parsing: "2007-11-02"), value: 1))]))
        }
        #expect(try engine.open(place).portfolio.measurements(of: groups).count == whole.measurements(of: groups).count + 1)
    }

    @Test(arguments: Engine.available)
    func theJournalKeepsWhoWhenAndWhere(_ engine: Engine) throws {
        let folder = try TemporaryFolder()
        let store = try engine.open(try engine.newStore(in: folder))
        let before = Date().addingTimeInterval(-1)
        let entry = try store.commit(JournalDraft(
            actor: "jerome", origin: "monthly.fk:12", statement: "add partner golden-goal",
            changes: [.addPartner(Partner(id: "golden-goal", name: "Golden Goal"))]))
        try store.commit(JournalDraft(
            actor: "jerome", origin: "repl", statement: "undo", changes: entry.changes.reversed().map(\.inverse), undoes: entry.sequence))
        let journal = try store.journal()
        // A server names the role it logged in, whatever the client claims.
        let actor = engine == .postgres ? try TestServer.admin().user : "jerome"
        #expect(journal.map(\.actor) == [actor, actor])
        #expect(entry.actor == actor)
        #expect(journal[0].origin == "monthly.fk:12")
        #expect(journal[0].statement == "add partner golden-goal")
        #expect(journal[0].time >= before && journal[0].time <= Date().addingTimeInterval(1))
        #expect(abs(journal[0].time.timeIntervalSince(entry.time)) < 0.001)
        #expect(journal[1].undoes == entry.sequence)
        #expect(try store.portfolio.partners.isEmpty)
    }

    @Test(arguments: Engine.available)
    func twoWriterProcessesLoseNothing(_ engine: Engine) throws {
        let folder = try TemporaryFolder()
        let place = try engine.newStore(in: folder)
        let store = try engine.open(place)
        try seed(store)
        let seeded = store.lastSequence
        let groups = OutcomeID(project: "TIP-2007", key: "groups")
        let recordedBefore = try store.portfolio.measurements(of: groups).count
        let perWriter = 60
        let writers = try ["alpha", "beta"].map { try spawnWriter(place, actor: $0, count: perWriter) }
        for index in 0..<30 {
            try store.commit(JournalDraft(
                actor: "gamma", origin: "test:\(index)", statement: "record",
                changes: [.record(OutcomeRecord(outcome: groups, date: try Day(parsing: "2007-10-02"), value: 1, source: "gamma"))]))
        }
        for writer in writers {
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0)
        }
        try store.refresh()
        let reopened = try engine.open(place)
        for portfolio in [try store.portfolio, try reopened.portfolio] {
            #expect(portfolio.partners.keys.filter { $0.rawValue.hasPrefix("alpha-") }.count == perWriter)
            #expect(portfolio.partners.keys.filter { $0.rawValue.hasPrefix("beta-") }.count == perWriter)
            #expect(portfolio.measurements(of: groups).count == recordedBefore + 2 * perWriter + 30)
        }
        let journal = try reopened.journal()
        #expect(journal.count == Int(seeded) + 2 * perWriter + 30)
        #expect(journal.map(\.sequence) == Array(1...Int64(journal.count)))
        #expect(try Portfolio(applying: journal.flatMap(\.changes)) == reopened.portfolio)
    }

    @Test(arguments: Engine.available)
    func aReaderNoticesNewCommits(_ engine: Engine) throws {
        let folder = try TemporaryFolder()
        let place = try engine.newStore(in: folder)
        try seed(try engine.open(place))
        let reader = try engine.open(place)
        let before = try reader.portfolio.partners.count
        #expect(try reader.refresh() == false)
        let seen = reader.lastSequence
        let writer = try spawnWriter(place, actor: "osce", count: 3)
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        // A server notifies its listeners on commit; they may take a moment to hear.
        var arrived: [JournalEntry] = []
        for _ in 0..<50 where arrived.isEmpty {
            arrived = try reader.newCommits(after: seen)
            if arrived.isEmpty { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(arrived.count == 3)
        #expect(try reader.refresh() == true)
        #expect(try reader.portfolio.partners.count == before + 3)
        #expect(reader.lastSequence == seen + 3)
    }

    func spawnWriter(_ place: String, actor: String, count: Int) throws -> Process {
        let process = Process()
        process.executableURL = Self.products.appendingPathComponent("StoreWriter")
        process.arguments = [place, actor, String(count)]
        try process.run()
        return process
    }

    /// The folder holding the package's built executables, next to the test bundle.
    static var products: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("StoreWriter").path) { return url }
            url.deleteLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent()
    }
}
