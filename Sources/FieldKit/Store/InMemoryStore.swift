import Foundation

/// A store that keeps its portfolio and journal in memory, for tests and embedding
/// tools that need no file.
///
/// Every read answers from the whole portfolio, which is always at hand: a narrowed read
/// returns all of it, and a write on one project is a write on everything.
///
/// `@unchecked Sendable`: every access to the mutable state goes through `lock`.
public final class InMemoryStore: PortfolioWriter, @unchecked Sendable {
    private let lock = NSRecursiveLock()
    private var state: Portfolio
    private var entries: [JournalEntry] = []
    /// Whether a write is running: its batch then holds the only copy of the portfolio.
    private var writing = false

    /// An empty store, or one holding `portfolio` with an empty journal.
    ///
    /// - Parameter portfolio: what the store starts with.
    public init(portfolio: Portfolio = Portfolio()) {
        state = portfolio
    }

    /// `memory`.
    public var location: String { "memory" }
    /// None: the store is in memory.
    public var files: [String] { [] }
    /// The current portfolio.
    ///
    /// - Throws: ``StoreError`` when read from inside this store's own write, whose batch
    ///   holds the portfolio (the store's copy is then handed to the batch, not stale).
    public var portfolio: Portfolio {
        get throws(StoreError) {
            lock.lock()
            defer { lock.unlock() }
            guard !writing else { throw InMemoryStore.readDuringWrite }
            return state
        }
    }
    /// The last journal entry's number.
    public var lastSequence: Int64 { lock.withLock { entries.last?.sequence ?? 0 } }

    /// Nothing else writes to memory, so there is never anything to pick up.
    ///
    /// - Returns: `false`.
    /// - Throws: Nothing in practice; ``StoreError`` is the protocol's error type.
    public func refresh() throws(StoreError) -> Bool { false }

    /// The whole portfolio: it is in memory already, so no scope narrows it.
    ///
    /// - Parameters:
    ///   - scope: ignored.
    ///   - detail: ignored.
    /// - Returns: the current portfolio.
    /// - Throws: ``StoreError`` when called from inside this store's own write, whose batch
    ///   holds the portfolio.
    public func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio {
        try portfolio
    }

    /// The headline counts of the portfolio (``Portfolio/headlineCounts``).
    ///
    /// - Returns: the counts of projects, partners, regions and outcomes, in that order.
    /// - Throws: ``StoreError`` when called from inside this store's own write.
    public func counts() throws(StoreError) -> [(kind: String, count: Int)] { try portfolio.headlineCounts }

    /// Nothing: memory has no engine of its own to check beyond the journal.
    ///
    /// - Returns: an empty list.
    /// - Throws: Nothing in practice; ``StoreError`` is the protocol's error type.
    public func integrityProblems() throws(StoreError) -> [String] { [] }

    /// Runs `body` on the portfolio under the lock; reverts it if `body` throws.
    ///
    /// The batch holds the only copy of the portfolio while `body` runs, so it changes in
    /// place; reading the store's ``portfolio`` meanwhile throws.
    ///
    /// - Parameter body: commits statements into the batch.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, once every statement it committed is reverted; or
    ///   ``StoreError`` when called from inside this store's own write.
    public func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T {
        try lock.withLock {
            guard !writing else { throw InMemoryStore.readDuringWrite }
            var batch = WriteBatch(portfolio: state, after: entries.last?.sequence ?? 0)
            state = Portfolio()  // the batch owns the only copy, so it mutates in place
            writing = true
            defer { writing = false }
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

    /// A write on the whole portfolio, which any change can be checked against: the same as
    /// ``write(_:)``, and never refused with ``WholePortfolioNeeded``.
    ///
    /// - Parameters:
    ///   - id: ignored: every project is at hand.
    ///   - body: commits statements into the batch.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, once every statement it committed is reverted; or
    ///   ``StoreError`` when called from inside this store's own write.
    public func write<T>(onProject id: ProjectID, _ body: (inout WriteBatch) throws -> T) throws -> T {
        try write(body)
    }

    /// Journal entries after `sequence`, oldest first.
    ///
    /// - Parameters:
    ///   - sequence: the last sequence number not wanted; 0 for the whole journal.
    ///   - limit: the most entries returned; nil for all.
    /// - Returns: the entries; empty when none comes after `sequence`.
    /// - Throws: Nothing in practice; ``StoreError`` is the protocol's error type.
    public func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry] {
        lock.withLock {
            let newer = entries.drop { $0.sequence <= sequence }
            return Array(limit.map { newer.prefix($0) } ?? newer)
        }
    }

    /// The whole journal: a superset of the entries about any names.
    ///
    /// - Parameter names: ignored; the caller filters the entries exactly.
    /// - Returns: every entry, oldest first.
    /// - Throws: Nothing in practice; ``StoreError`` is the protocol's error type.
    public func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry] {
        try journal(after: 0, limit: nil)
    }

    /// The error for reading the store, or writing it again, from inside its own write.
    private static let readDuringWrite = StoreError.readDuringWrite(path: "memory")
}
