import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// A one-project change runs on the project's read alone: a user's error there is reported
/// at once, and only `WholePortfolioNeeded` sends it to the whole portfolio. (It once reran
/// the write after any failure: a typo, or a store busy past its 30 s timeout, made the user
/// wait twice.)
@Suite struct NarrowedWriteTests {
    /// An in-memory store that counts its writes; its one-project write can be told to need
    /// the whole portfolio.
    final class CountingStore: PortfolioWriter, @unchecked Sendable {
        let inner: InMemoryStore
        var whole = 0
        var narrowed = 0
        var needsWhole = false

        init(_ inner: InMemoryStore) { self.inner = inner }

        var location: String { inner.location }
        var files: [String] { [] }
        var portfolio: Portfolio { get throws(StoreError) { try inner.portfolio } }
        var lastSequence: Int64 { inner.lastSequence }
        func refresh() throws(StoreError) -> Bool { false }
        func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry] {
            try inner.journal(after: sequence, limit: limit)
        }
        func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry] { try inner.journal() }
        func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio { try portfolio }
        func counts() throws(StoreError) -> [(kind: String, count: Int)] { try inner.counts() }
        func integrityProblems() throws(StoreError) -> [String] { [] }
        func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T {
            whole += 1
            return try inner.write(body)
        }
        func write<T>(onProject id: ProjectID, _ body: (inout WriteBatch) throws -> T) throws -> T {
            narrowed += 1
            if needsWhole { throw WholePortfolioNeeded(project: id) }
            return try inner.write(body)
        }
    }

    func session() throws -> (Session, CountingStore) {
        let osh = try Harness.osh()
        let store = CountingStore(osh.store)
        var settings = SessionSettings()
        settings.today = try Day(parsing: "2007-12-01")
        return (Session(store: store, settings: settings), store)
    }

    @Test func aTypoInAOneProjectChangeIsReportedWithoutASecondWrite() throws {
        let (session, store) = try session()
        #expect(throws: ScriptFailure.self) { try session.runScript("set TIP-2007 status actve", name: "-c") }
        #expect(store.narrowed == 1)
        #expect(store.whole == 0)
    }

    @Test func aStoreErrorIsReportedWithoutASecondWrite() throws {
        let (session, store) = try session()
        final class Busy: PortfolioWriter, @unchecked Sendable {
            let inner: CountingStore
            init(_ inner: CountingStore) { self.inner = inner }
            var location: String { "busy" }
            var files: [String] { [] }
            var portfolio: Portfolio { get throws(StoreError) { try inner.portfolio } }
            var lastSequence: Int64 { inner.lastSequence }
            func refresh() throws(StoreError) -> Bool { false }
            func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry] { [] }
            func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry] { [] }
            func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio { try portfolio }
            func counts() throws(StoreError) -> [(kind: String, count: Int)] { [] }
            func integrityProblems() throws(StoreError) -> [String] { [] }
            func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T {
                inner.whole += 1
                throw StoreError(.failed, path: "busy", "database is locked")
            }
            func write<T>(onProject id: ProjectID, _ body: (inout WriteBatch) throws -> T) throws -> T {
                inner.narrowed += 1
                throw StoreError(.failed, path: "busy", "database is locked")
            }
        }
        let busy = Session(store: Busy(store), settings: session.settings)
        #expect(throws: ScriptFailure.self) { try busy.runScript("set TIP-2007 status active", name: "-c") }
        #expect(store.narrowed == 1)
        #expect(store.whole == 0)
    }

    @Test func onlyWholePortfolioNeededRunsItAgainOnEverything() throws {
        let (session, store) = try session()
        store.needsWhole = true
        try session.runScript("set TIP-2007 status finalising", name: "-c")
        #expect(store.narrowed == 1)
        #expect(store.whole == 1)
        #expect(try store.portfolio.projects[ProjectID("TIP-2007")]?.status == .finalising)
    }
}
