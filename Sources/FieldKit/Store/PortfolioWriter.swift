/// Writing a portfolio's store: the second of its two halves, as GRDB's `DatabaseWriter`.
///
/// ``write(_:)`` catches up with commits made elsewhere before it lets a batch see the
/// portfolio, so every change is validated against the latest state.
public protocol PortfolioWriter: PortfolioReader {
    /// Runs `body` in one write transaction on the latest portfolio.
    ///
    /// The store first takes the write lock and catches up with commits made elsewhere.
    /// `body` commits statements into the ``WriteBatch``; when it returns, the state and
    /// the journal entries are written together. If `body` throws, or writing fails,
    /// nothing is kept and the portfolio is as it was before.
    ///
    /// - Parameter body: commits statements into the batch.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, or ``StoreError`` when the store cannot be written.
    func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T

    /// Runs `body` in one write transaction, as ``write(_:)`` does, on a portfolio that may
    /// hold only what changes to one project are checked against: every region and partner,
    /// and project `id` with all it holds.
    ///
    /// Only updates of that project, records of its outcomes, notes on it and its links to
    /// partners can be committed this way. When `body` commits
    /// anything else, or the project does not exist, the write throws
    /// ``WholePortfolioNeeded`` and keeps nothing, and the caller runs it again with
    /// ``write(_:)``. A store that holds its portfolio in memory simply runs ``write(_:)``.
    ///
    /// - Parameters:
    ///   - id: the project the changes are confined to.
    ///   - body: commits statements into the batch.
    /// - Returns: what `body` returns.
    /// - Throws: ``WholePortfolioNeeded``, what `body` throws, or ``StoreError``.
    func write<T>(onProject id: ProjectID, _ body: (inout WriteBatch) throws -> T) throws -> T
}

extension PortfolioWriter {
    /// Commits one statement's changes in a transaction of its own: ``write(_:)`` with a
    /// body that commits `draft` alone.
    ///
    /// - Parameter draft: the statement and its changes.
    /// - Returns: its journal entry, with the sequence number the store gave it.
    /// - Throws: ``ChangeError`` when a change does not apply (nothing is kept), or
    ///   ``StoreError`` when the store cannot be written (a store opened read-only, a full disk).
    @discardableResult
    public func commit(_ draft: JournalDraft) throws -> JournalEntry {
        try write { batch in try batch.commit(draft) }
    }
}

/// A write on one project committed something the project's own read cannot check (another
/// entity, or a project that does not exist): nothing was kept; run it on the whole portfolio.
public struct WholePortfolioNeeded: Error, Sendable, CustomStringConvertible {
    /// The project the write was read for.
    public var project: ProjectID

    /// Creates the error for a write read for `project`.
    package init(project: ProjectID) { self.project = project }

    /// Why the write was refused.
    public var description: String { "a write read for project \(project) committed more than changes to it" }
}

extension Change {
    /// Whether this change is checked against nothing but project `id`, with all it holds, the
    /// regions and the partners: an update of that project, a record of one of its outcomes, a
    /// note on it, a link of it to a partner or its removal.
    /// A record's or note's id must also be new store-wide; the store's primary keys hold that.
    package func isConfined(to id: ProjectID) -> Bool {
        switch self {
        case .updateProject(let old, let new): old.id == id && new.id.rawValue == old.id.rawValue
        case .record(let measurement): measurement.outcome.project == id
        case .addNote(let note): note.project == id
        case .link(let participation), .unlink(let participation): participation.project == id
        default: false
        }
    }
}
