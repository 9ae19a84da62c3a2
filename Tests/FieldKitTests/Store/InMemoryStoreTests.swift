import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKit

@Suite("In-memory store")
struct InMemoryStoreTests {
    struct Abandoned: Error {}

    func draft(_ statement: String, _ changes: [Change], line: Int = 1) -> JournalDraft {
        JournalDraft(actor: "tester", origin: "test.fk:\(line)", statement: statement, changes: changes)
    }

    @Test func aNewStoreIsEmpty() throws {
        let store = InMemoryStore()
        #expect(store.location == "memory")
        #expect(try store.portfolio.isEmpty)
        #expect(store.lastSequence == 0)
        #expect((store as any PortfolioReader) is any PortfolioWriter)
        #expect(try store.journal().isEmpty)
        #expect(try store.refresh() == false)
    }

    @Test func commitsJournalEveryStatementInOrder() throws {
        let store = InMemoryStore()
        let statements = try OshScenario.statements()
        var sequences: [Int64] = []
        for statement in statements {
            let entry = try store.commit(statement)
            sequences.append(entry.sequence)
            #expect(entry.statement == statement.statement)
            #expect(entry.origin == statement.origin)
            #expect(entry.actor == "officer")
            #expect(entry.changes == statement.changes)
            #expect(entry.undoes == nil)
        }
        #expect(sequences == Array(1...Int64(statements.count)))
        #expect(store.lastSequence == Int64(statements.count))
        #expect(try store.portfolio == (try osh()))
        let journal = try store.journal()
        #expect(journal.map(\.sequence) == sequences)
        #expect(journal.map(\.statement) == statements.map(\.statement))
    }

    @Test func journalPagesAfterASequence() throws {
        let store = InMemoryStore()
        for statement in try OshScenario.statements().prefix(6) { try store.commit(statement) }
        #expect(try store.journal(after: 2, limit: 2).map(\.sequence) == [3, 4])
        #expect(try store.journal(after: 4, limit: nil).map(\.sequence) == [5, 6])
        #expect(try store.journal(after: 6, limit: nil).isEmpty)
        #expect(try store.journal(after: 0, limit: 0).isEmpty)
    }

    @Test func oneWriteMayCommitSeveralStatements() throws {
        let store = InMemoryStore(portfolio: try osh())
        #expect(store.lastSequence == 0)
        let entries = try store.write { batch in
            #expect(batch.nextSequence == 1)
            let first = try batch.commit(draft("add project A", [.addProject(Project(id: "A"))]))
            #expect(batch.portfolio.projects["A"] != nil)
            let second = try batch.commit(draft("add project B", [.addProject(Project(id: "B"))], line: 2))
            #expect(batch.nextSequence == 3)
            return [first, second]
        }
        #expect(entries.map(\.sequence) == [1, 2])
        #expect(try store.portfolio.projects["A"] != nil && store.portfolio.projects["B"] != nil)
        #expect(try store.journal().map(\.statement) == ["add project A", "add project B"])
        let third = try store.commit(draft("add project C", [.addProject(Project(id: "C"))]))
        #expect(third.sequence == 3)
    }

    @Test func aBodyThatThrowsLeavesPortfolioAndJournalUnchanged() throws {
        let store = InMemoryStore()
        for statement in try OshScenario.statements() { try store.commit(statement) }
        let before = try store.portfolio
        let beforeData = try snapshot(before)
        let journal = try store.journal()
        let golden = try #require(before.participations(of: tip).first { $0.partner == "golden-goal" })
        let record = try #require(before.measurements(of: trained).first)

        #expect(throws: Abandoned.self) {
            try store.write { batch in
                try batch.commit(draft("unlink", [.unlink(golden)]))
                try batch.commit(draft("unrecord", [.unrecord(record)], line: 2))
                try batch.commit(draft("rename", [.renameRegion(from: "KG-B", to: "batken"), .renameProject(from: tip, to: "T")], line: 3))
                try batch.commit(draft("remove", [.removeRegion(try #require(batch.portfolio.regions["FR"]))], line: 4))
                throw Abandoned()
            }
        }
        #expect(try store.portfolio == before)
        #expect(try snapshot(store.portfolio) == beforeData)
        #expect(try store.journal() == journal)
        #expect(store.lastSequence == Int64(journal.count))
    }

    @Test func aRefusedStatementInAWriteThrowsAndKeepsNothing() throws {
        let store = InMemoryStore(portfolio: try osh())
        let before = try store.portfolio
        let error = #expect(throws: ChangeError.self) {
            try store.write { batch in
                try batch.commit(draft("add project A", [.addProject(Project(id: "A"))]))
                try batch.commit(draft("add project a", [.addProject(Project(id: "a"))], line: 2))
            }
        }
        #expect(error?.code == .duplicate)
        #expect(try store.portfolio == before)
        #expect(try store.journal().isEmpty)
    }

    @Test func aStatementCommitsWholeOrNotAtAll() throws {
        let portfolio = try osh()
        var batch = WriteBatch(portfolio: portfolio, after: 41, time: Date(timeIntervalSince1970: 0))
        let golden = try #require(portfolio.participations(of: tip).first { $0.partner == "golden-goal" })
        let error = #expect(throws: ChangeError.self) {
            try batch.commit(draft("several", [
                .addProject(Project(id: "A", regions: ["KG-B"])),
                .unlink(golden),
                .renameRegion(from: "KG-B", to: "batken"),
                .link(Participation(project: "A", partner: "nobody", role: .funder)),
            ]))
        }
        #expect(error?.code == .notFound)
        #expect(error?.missingText == "partner:nobody")
        #expect(batch.portfolio == portfolio)
        #expect(try snapshot(batch.portfolio) == snapshot(portfolio))
        #expect(batch.entries.isEmpty)
        #expect(batch.nextSequence == 42)

        // The batch goes on: the next statement commits and is numbered next.
        let entry = try batch.commit(draft("add project A", [.addProject(Project(id: "A"))]))
        #expect(entry.sequence == 42)
        #expect(entry.time == Date(timeIntervalSince1970: 0))
        #expect(batch.entries == [entry])
        #expect(batch.portfolio.projects["A"] != nil)
    }

    @Test func aWriteMayCatchARefusalAndGoOn() throws {
        let store = InMemoryStore()
        try store.write { batch in
            try batch.commit(draft("add region KG", [.addRegion(Region(id: "KG", level: .country))]))
            #expect(throws: ChangeError.self) {
                try batch.commit(draft("add region nowhere", [.addRegion(Region(id: "x", level: .district, parent: "nowhere"))], line: 2))
            }
            try batch.commit(draft("add region KG-B", [.addRegion(Region(id: "KG-B", level: .province, parent: "KG"))], line: 3))
        }
        #expect(try store.journal().map(\.sequence) == [1, 2])
        #expect(try store.journal().map(\.origin) == ["test.fk:1", "test.fk:3"])
        #expect(try store.portfolio.regions.count == 2)
    }

    @Test func revertReturnsTheStartingPortfolio() throws {
        let portfolio = try osh()
        var batch = WriteBatch(portfolio: portfolio, after: 0)
        try batch.commit(draft("one", [.renameProject(from: tip, to: "T"), .addNote(Note(id: recordID(1), project: "T", date: try day("2008"), text: "Done"))]))
        try batch.commit(draft("two", [.unlink(try #require(batch.portfolio.participations(of: "T").first))]))
        let reverting = batch.revert()
        let reverted = try #require(reverting)
        #expect(reverted == portfolio)
        #expect(try snapshot(reverted) == snapshot(portfolio))
        #expect(batch.entries.isEmpty)
    }

    @Test func aBatchHandsEntriesToItsSinkAndKeepsWhatIsHeld() throws {
        final class Received: @unchecked Sendable {
            // `@unchecked Sendable`: written by the sink, read after, on one thread.
            var sequences: [Int64] = []
        }
        let received = Received()
        let size = WriteBatch.handOverSize
        var batch = WriteBatch(portfolio: Portfolio(), after: 10) { received.sequences += $0.map(\.sequence) }
        for index in 0..<(size + 10) {
            // A script's `begin` after the first size - 5 statements: those after it stay here.
            if index == size - 5 { batch.hold(from: batch.count) }
            try batch.commit(draft("add \(index)", [.addPartner(Partner(id: PartnerID("p\(index)")))]))
        }
        #expect(received.sequences == Array(11...Int64(10 + size - 5)))
        #expect(batch.handedOver == size - 5)
        #expect(batch.entries.count == 15)
        #expect(batch.count == size + 10)
        // Its `rollback`: the held statements revert in memory.
        batch.revert(toCount: size - 5)
        #expect(batch.count == size - 5)
        #expect(batch.portfolio.partners.count == size - 5)
        #expect(batch.portfolio.partners[PartnerID("p\(size - 6)")] != nil)
        #expect(batch.portfolio.partners[PartnerID("p\(size - 5)")] == nil)
        batch.hold(from: nil)
        for index in 0..<size {
            try batch.commit(draft("again \(index)", [.addPartner(Partner(id: PartnerID("q\(index)")))]))
        }
        #expect(received.sequences == Array(11...Int64(10 + 2 * size - 5)))
        #expect(batch.entries.isEmpty)
        #expect(batch.nextSequence == 11 + Int64(2 * size - 5))
        #expect(batch.tally.description.hasPrefix("add \(2 * size - 5) partners (p0, p1, p2, p3, p4, …)"))
        // What was handed over cannot be reverted here.
        let reverted = batch.revert()
        #expect(reverted == nil)
    }

    @Test func undoEntriesRecordWhatTheyUndo() throws {
        let store = InMemoryStore()
        let add = try store.commit(draft("add region KG", [.addRegion(Region(id: "KG", level: .country))]))
        let undo = try store.commit(JournalDraft(
            actor: "tester", origin: "repl", statement: "undo", changes: add.changes.reversed().map(\.inverse), undoes: add.sequence))
        #expect(undo.undoes == 1)
        #expect(undo.sequence == 2)
        #expect(try store.portfolio.isEmpty)
    }

    @Test func theDefaultActorComesFromTheEnvironment() {
        let draft = JournalDraft(origin: "-c", statement: "list projects", changes: [])
        let environment = ProcessInfo.processInfo.environment
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty {
            #expect(draft.actor == user)
        }
        #expect(!draft.actor.isEmpty)
        #expect(draft.actor == JournalDraft.defaultActor)
        #expect(JournalDraft(actor: "officer", origin: "-c", statement: "", changes: []).actor == "officer")
    }
}

@Suite struct ChangeTallyTests {
    @Test func aTallySumsUpByVerbAndKindWithTheFirstNames() throws {
        let records = (0..<40).map { index in
            Change.record(OutcomeRecord(
                id: RecordID("r\(index)"), outcome: OutcomeID(project: "P", key: index == 35 ? "late" : "o"), date: try! Day(parsing: "2008"),
                value: 1))
        }
        var tally = ChangeTally([.addPartner(Partner(id: "a")), .addPartner(Partner(id: "b"))])
        tally.add(records)
        tally.add(ChangeTally([.addPartner(Partner(id: "c")), .renamePartner(from: "c", to: "d")]))
        #expect(tally.description == "add 3 partners (a, b, c); add 40 records (P/o, P/late); rename 1 partner (d)")
        #expect(ChangeTally().isEmpty)
        #expect(ChangeTally().description == "nothing changed")
    }
}
