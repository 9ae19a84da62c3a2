import Foundation
import Testing

@testable import FieldKit

@Suite struct WriteBatchTests {
    func draft(_ changes: [Change]) -> JournalDraft {
        JournalDraft(actor: "test", origin: "t", statement: "s", changes: changes)
    }

    @Test func revertToCountDropsOnlyTheLaterStatements() throws {
        var batch = WriteBatch(portfolio: try osh(), after: 10)
        let before = batch.portfolio
        try batch.commit(draft([.addPartner(Partner(id: "unicef"))]))
        let afterFirst = batch.portfolio
        try batch.commit(draft([.link(Participation(project: tip, partner: "unicef", role: .funder))]))
        try batch.commit(draft([.removeNote(try #require(batch.portfolio.notes(of: tip).first))]))
        batch.revert(toCount: 1)
        #expect(batch.entries.count == 1)
        #expect(batch.portfolio == afterFirst)
        #expect(try snapshot(batch.portfolio) == snapshot(afterFirst))
        #expect(batch.nextSequence == 12)
        #expect(batch.revert() == before)
    }

    /// Inside its own write a store's journal may be read, but not its portfolio: the batch
    /// holds the only copy, and the store once answered with an empty portfolio there.
    @Test func insideItsOwnWriteAStoreRefersToTheBatch() throws {
        let store = InMemoryStore(portfolio: try osh())
        try store.commit(draft([.addPartner(Partner(id: "unicef"))]))
        let seen = try store.write { batch in
            try batch.commit(draft([.addPartner(Partner(id: "undp"))]))
            let portfolio = Result { () throws(StoreError) in try store.portfolio }
            return (try store.journal().count, portfolio, batch.portfolio.partners.count)
        }
        #expect(seen.0 == 1)
        #expect(throws: StoreError.self) { try seen.1.get() }
        #expect(seen.2 == (try osh()).partners.count + 2)
        #expect(try store.portfolio.partners["undp"] != nil)
    }
}

@Suite struct DisaggregatedProgressTests {
    @Test func aPercentageSplitBySexIsAveragedNotSummed() throws {
        var portfolio = try osh()
        var outcome = try #require(portfolio.outcomes[awareness])
        let old = outcome
        outcome.dims = ["sex"]
        try portfolio.apply(.updateOutcome(old: old, new: outcome))
        try portfolio.apply(.record(OutcomeRecord(id: recordID(1), outcome: awareness, date: try day("2007-12-20"), value: 40, dimensions: ["sex": "female"])))
        try portfolio.apply(.record(OutcomeRecord(id: recordID(2), outcome: awareness, date: try day("2007-12-20"), value: 50, dimensions: ["sex": "male"])))
        let progress = try #require(portfolio.progress(of: awareness, asOf: try day("2007-12-31")))
        #expect(progress.current == 45)
    }

    @Test func aLevelSplitBySexIsSummed() throws {
        var portfolio = try osh()
        let id = OutcomeID(project: tip, key: "staff")
        try portfolio.apply(.addOutcome(Outcome(id: id, measure: .level, target: 10, dims: ["sex"])))
        try portfolio.apply(.record(OutcomeRecord(id: recordID(1), outcome: id, date: try day("2007-12-20"), value: 3, dimensions: ["sex": "female"])))
        try portfolio.apply(.record(OutcomeRecord(id: recordID(2), outcome: id, date: try day("2007-12-20"), value: 4, dimensions: ["sex": "male"])))
        #expect(portfolio.progress(of: id, asOf: try day("2007-12-31"))?.current == 7)
    }
}
