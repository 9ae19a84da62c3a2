import Foundation

/// The statements of one write transaction, applied to the portfolio as they come.
///
/// A store hands a batch to the body of ``PortfolioStore/write(_:)``. Each
/// ``commit(_:)`` applies a statement's changes whole or not at all; if the body
/// throws, the store reverts every statement the batch took.
public struct WriteBatch: Sendable {
    /// The portfolio with every statement so far applied.
    public internal(set) var portfolio: Portfolio
    /// The statements taken so far, with their numbers and times.
    public internal(set) var entries: [JournalEntry] = []
    let firstSequence: Int64
    let time: Date

    /// Creates a batch over `portfolio`, numbering entries from `after + 1`.
    public init(portfolio: Portfolio, after sequence: Int64, time: Date = Date()) {
        self.portfolio = portfolio
        self.firstSequence = sequence + 1
        self.time = time
    }

    /// The sequence number the next committed statement will get.
    public var nextSequence: Int64 { firstSequence + Int64(entries.count) }

    /// Applies a statement's changes, all or none, and queues its journal entry.
    @discardableResult
    public mutating func commit(_ draft: JournalDraft) throws(ChangeError) -> JournalEntry {
        try portfolio.apply(all: draft.changes)
        let entry = JournalEntry(
            sequence: nextSequence, time: time, actor: draft.actor, origin: draft.origin,
            statement: draft.statement, changes: draft.changes, undoes: draft.undoes)
        entries.append(entry)
        return entry
    }

    /// Undoes every statement taken, newest first, returning the portfolio the batch started from.
    public mutating func revert() -> Portfolio {
        revert(toCount: 0)
        return portfolio
    }

    /// Undoes the statements after the first `count`, newest first (a script's `rollback`).
    public mutating func revert(toCount count: Int) {
        while entries.count > max(0, count), let entry = entries.popLast() {
            for change in entry.changes.reversed() {
                // Each inverse undoes a change that was applied to exactly this state.
                try? portfolio.apply(change.inverse)
            }
        }
    }
}
