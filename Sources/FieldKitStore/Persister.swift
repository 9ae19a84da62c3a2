import Dispatch
import FieldKit
import Foundation

/// Writes the entries a long write hands over on a thread of its own, while the
/// writer's thread goes on parsing and applying the statements that follow.
///
/// An ingest has two halves of about equal cost: running the statements, and writing
/// their rows and journal entries to SQLite. Side by side they take the time of the
/// longer one instead of the sum. At most two hand-overs wait their turn, so a long
/// script still holds only a few thousand entries in memory.
///
/// `@unchecked Sendable`: `statements` is used on the persisting queue between
/// ``submit(_:)`` and ``drain()``, and on the writer's thread only once drained;
/// `failure` is guarded by `lock`.
final class Persister: @unchecked Sendable {
    /// The write's statements. Use them on the writer's thread only after ``drain()``.
    let statements: PreparedStatements
    private let queue = DispatchQueue(label: "FieldKit.persist")
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var failure: (any Error)?

    init(_ statements: PreparedStatements) {
        self.statements = statements
    }

    /// Queues `entries` to be written, waiting while two hand-overs are already queued.
    /// Throws if an earlier hand-over failed: the write is lost, there is no point going on.
    func submit(_ entries: ArraySlice<JournalEntry>) throws {
        if let failure = lock.withLock({ failure }) { throw failure }
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do { try StateWriter.persist(entries, with: statements) } catch {
                lock.withLock { failure = failure ?? error }
            }
        }
    }

    /// Waits until every queued entry is written; throws the first failure.
    ///
    /// Must be called before the transaction ends, whether it commits or rolls back.
    func drain() throws {
        queue.sync {}
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
