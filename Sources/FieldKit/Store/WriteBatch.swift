import Foundation

/// The statements of one write transaction, applied to the portfolio as they come.
///
/// A store hands a batch to the body of ``PortfolioWriter/write(_:)``. Each
/// ``commit(_:)`` applies a statement's changes whole or not at all; if the body
/// throws, the store reverts every statement the batch took.
///
/// FieldKit's own stores may have the batch hand its entries over as they pile up, so that
/// a script of millions of statements does not hold them all in memory: ``entries`` is then
/// the latest of them, while ``count``, ``sequences`` and ``tally`` still cover every one.
public struct WriteBatch: Sendable {
    /// Takes entries the batch will no longer hold. It runs inside the store's transaction;
    /// if it throws, the batch stops handing over and the store fails the write.
    package typealias Sink = @Sendable (ArraySlice<JournalEntry>) throws -> Void

    /// The portfolio with every statement so far applied.
    public internal(set) var portfolio: Portfolio
    /// The statements taken and still held, oldest first: all of them unless handed over.
    public internal(set) var entries: [JournalEntry] = []
    /// How many statements were handed to the sink and are held no longer.
    package private(set) var handedOver = 0
    /// What the handed-over statements changed.
    package private(set) var handedOverTally = ChangeTally()
    /// Why the sink failed, if it did; the store reports it when the body returns.
    package private(set) var sinkError: (any Error)?
    /// The actor every entry is journaled with, whatever its draft claims; nil for the draft's.
    /// A server's store sets its login role: the server, not the client, says who writes.
    package var actor: String?
    let firstSequence: Int64
    let time: Date
    private let sink: Sink?
    private var heldFrom: Int?

    /// How many statements a batch holds before it hands them to its sink.
    package static let handOverSize = 1_024

    /// Creates a batch over `portfolio`, numbering entries from `after + 1`.
    ///
    /// - Parameters:
    ///   - portfolio: the state the statements apply to.
    ///   - sequence: the last journal entry's number; the first statement gets the next.
    ///   - time: the time every entry of the batch is journaled with.
    package init(portfolio: Portfolio, after sequence: Int64, time: Date = Date()) {
        self.init(portfolio: portfolio, after: sequence, time: time, sink: nil)
    }

    /// Creates a batch as ``init(portfolio:after:time:)`` does; with a `sink`, entries are
    /// handed to it as they pile up (a store's long write).
    package init(portfolio: Portfolio, after sequence: Int64, time: Date = Date(), sink: Sink?) {
        self.portfolio = portfolio
        self.firstSequence = sequence + 1
        self.time = time
        self.sink = sink
    }

    /// How many statements the batch has taken, handed over or held.
    public var count: Int { handedOver + entries.count }

    /// The sequence number the next committed statement will get.
    package var nextSequence: Int64 { firstSequence + Int64(count) }

    /// The sequence numbers of the statements taken so far; nil when none was.
    public var sequences: ClosedRange<Int64>? { count == 0 ? nil : firstSequence...(nextSequence - 1) }

    /// What every statement taken so far changed.
    public var tally: ChangeTally {
        var tally = handedOverTally
        tally.add(entries.lazy.flatMap(\.changes))
        return tally
    }

    /// Applies a statement's changes, all or none, and queues its journal entry.
    ///
    /// Each change is first held to FieldKit's limits: the numbers it brings in (a budget,
    /// a target, a recorded value) must be ones a store keeps exactly, at most 15
    /// significant digits below 10^15, and budgets and amounts are never negative.
    ///
    /// - Parameter draft: the statement and its changes, with who made it and where.
    /// - Returns: the statement's journal entry, numbered and timed as the store will keep it.
    /// - Throws: ``ChangeError`` when a change breaks a limit or does not apply to the
    ///   portfolio; the batch and its portfolio are then as they were.
    @discardableResult
    public mutating func commit(_ draft: JournalDraft) throws(ChangeError) -> JournalEntry {
        // New values only: what a store already holds is read and replayed as it is.
        for change in draft.changes { try change.checkLimits() }
        try portfolio.apply(all: draft.changes)
        let entry = JournalEntry(
            sequence: nextSequence, time: time, actor: actor ?? draft.actor, origin: draft.origin,
            statement: draft.statement, changes: draft.changes, undoes: draft.undoes, changeOrigins: draft.changeOrigins)
        entries.append(entry)
        if sink != nil, entries.count >= WriteBatch.handOverSize { handOver() }
        return entry
    }

    /// Keeps every statement from the `count`-th on (nil: none) out of the sink's reach,
    /// so that ``revert(toCount:)`` can still undo them.
    package mutating func hold(from count: Int?) {
        heldFrom = count
    }

    /// Hands the entries not held to the sink.
    private mutating func handOver() {
        guard let sink, sinkError == nil else { return }
        let end = min(entries.count, max(0, (heldFrom ?? Int.max) - handedOver))
        guard end > 0 else { return }
        do { try sink(entries[..<end]) } catch {
            sinkError = error
            return
        }
        handedOverTally.add(entries[..<end].lazy.flatMap(\.changes))
        handedOver += end
        entries.removeFirst(end)
        // The sink may still hold the old buffer: the new one starts at full size, not empty.
        entries.reserveCapacity(WriteBatch.handOverSize)
    }

    /// Undoes every statement held, newest first, returning the portfolio the batch
    /// started from; nil when some were handed over and cannot be undone here.
    package mutating func revert() -> Portfolio? {
        revert(toCount: handedOver)
        return handedOver == 0 ? portfolio : nil
    }

    /// Undoes the statements after the first `count`, newest first (a script's `rollback`),
    /// as far as they are held.
    package mutating func revert(toCount count: Int) {
        while self.count > max(handedOver, count), let entry = entries.popLast() {
            for change in entry.changes.reversed() {
                // Each inverse undoes a change that was applied to exactly this state: one that
                // does not apply is a bug in the change's inverse, never a user's error. It stops the
                // program, in release builds too: going on would leave a half-reverted portfolio.
                do { try portfolio.apply(change.inverse) } catch {
                    preconditionFailure("the inverse of \(change) does not apply: \(error)")
                }
            }
        }
    }
}
