import FieldKit
import FieldKitFixtures
import FieldKitStore
import Foundation
import Testing

/// Several processes on one store file: nothing may be lost to a race.
@Suite(.timeLimit(.minutes(2))) struct ConcurrentWriterTests {
    func spawnWriter(_ path: String, actor: String, count: Int) throws -> Process {
        let process = Process()
        process.executableURL = productsFolder().appendingPathComponent("StoreWriter")
        process.arguments = [path, actor, String(count)]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        return process
    }

    @Test func twoWriterProcessesLoseNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("shared.db")
        let store = try SQLiteStore(path: path)
        try seedScenario(store)
        let seeded = store.lastSequence
        let groups = OutcomeID(project: "TIP-2007", key: "groups")
        let recordedBefore = try store.portfolio.measurements(of: groups).count

        let perWriter = 150
        let first = try spawnWriter(path, actor: "alpha", count: perWriter)
        let second = try spawnWriter(path, actor: "beta", count: perWriter)
        // This process writes too, while the others run.
        for index in 0..<50 {
            try store.commit(JournalDraft(
                    actor: "gamma", origin: "test:\(index)", statement: "record",
                    changes: [.record(OutcomeRecord(outcome: groups, date: try Day(parsing: "2007-10-02"), value: 1, source: "gamma"))]))
        }
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.terminationStatus == 0)

        // The writing store has caught up with the others on each write; a refresh gets the rest.
        try store.refresh()
        let reopened = try SQLiteStore(path: path)
        for portfolio in [try store.portfolio, try reopened.portfolio] {
            #expect(portfolio.partners.keys.filter { $0.rawValue.hasPrefix("alpha-") }.count == perWriter)
            #expect(portfolio.partners.keys.filter { $0.rawValue.hasPrefix("beta-") }.count == perWriter)
            #expect(portfolio.measurements(of: groups).count == recordedBefore + 2 * perWriter + 50)
        }
        #expect(try store.portfolio == reopened.portfolio)
        let journal = try reopened.journal()
        #expect(journal.count == Int(seeded) + 2 * perWriter + 50)
        #expect(journal.map(\.sequence) == Array(1...Int64(journal.count)))
        #expect(Set(journal.map(\.actor)).isSuperset(of: ["alpha", "beta", "gamma"]))
        let replayed = try Portfolio(applying: journal.flatMap(\.changes))
        #expect(try replayed == reopened.portfolio)
    }

    @Test func aWriterValidatesAgainstOthersCommits() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("fresh.db")
        let mine = try SQLiteStore(path: path)
        try seedScenario(mine)
        // Another process adds partners this store has never seen.
        let other = try spawnWriter(path, actor: "unicef", count: 1)
        other.waitUntilExit()
        #expect(other.terminationStatus == 0)
        #expect(try mine.portfolio.partners["unicef-0"] == nil)
        // Linking to it succeeds: the write catches up before the batch sees the portfolio.
        try mine.write { batch in
            #expect(batch.portfolio.partners["unicef-0"] != nil)
            try batch.commit(JournalDraft(
                origin: "test", statement: "link", changes: [.link(Participation(project: "TIP-2007", partner: "unicef-0", role: .funder))]))
        }
        #expect(try mine.portfolio.participations(ofPartner: "unicef-0").count == 1)
    }

    @Test func aReaderNoticesNewCommits() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("reader.db")
        try seedScenario(try SQLiteStore(path: path))
        let reader = try SQLiteReader(path: path)
        let before = try reader.portfolio.partners.count
        #expect(try reader.refresh() == false)
        let writer = try spawnWriter(path, actor: "osce", count: 3)
        writer.waitUntilExit()
        #expect(try reader.refresh() == true)
        #expect(try reader.portfolio.partners.count == before + 3)
        #expect(reader.lastSequence == (try SQLiteStore(path: path).lastSequence))
    }
}
