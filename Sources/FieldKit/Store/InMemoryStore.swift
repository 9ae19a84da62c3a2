import Foundation

/// A store that keeps its portfolio and journal in memory, for tests and embedding
/// tools that need no file.
///
/// `@unchecked Sendable`: every access to the mutable state goes through `lock`.
public final class InMemoryStore: PortfolioStore, @unchecked Sendable {
    private let lock = NSRecursiveLock()
    private var state: Portfolio
    private var entries: [JournalEntry] = []

    /// An empty store, or one holding `portfolio` with an empty journal.
    public init(portfolio: Portfolio = Portfolio()) {
        state = portfolio
    }

    /// `memory`.
    public var location: String { "memory" }
    /// None: the store is in memory.
    public var files: [String] { [] }
    /// The current portfolio.
    public var portfolio: Portfolio { lock.withLock { state } }
    /// The last journal entry's number.
    public var lastSequence: Int64 { lock.withLock { entries.last?.sequence ?? 0 } }
    /// Never: an in-memory store is always writable.
    public var isReadOnly: Bool { false }

    /// Nothing else writes to memory, so there is never anything to pick up.
    public func refresh() throws(StoreError) -> Bool { false }

    /// Runs `body` on the portfolio under the lock; reverts it if `body` throws.
    public func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T {
        try lock.withLock {
            var batch = WriteBatch(portfolio: state, after: entries.last?.sequence ?? 0)
            state = Portfolio()  // the batch owns the only copy, so it mutates in place
            do {
                let result = try body(&batch)
                state = batch.portfolio
                entries += batch.entries
                return result
            } catch {
                // Without a sink the batch holds every statement, so all of them revert.
                if let reverted = batch.revert() { state = reverted }
                throw error
            }
        }
    }

    /// Journal entries after `sequence`.
    public func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry] {
        lock.withLock {
            let newer = entries.drop { $0.sequence <= sequence }
            return Array(limit.map { newer.prefix($0) } ?? newer)
        }
    }
}
