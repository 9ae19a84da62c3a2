/// Where a portfolio lives between sessions: its current state and its journal.
///
/// Implementations: ``InMemoryStore`` here, and `SQLiteStore` in FieldKitStore. A store
/// may be shared with other processes; ``refresh()`` picks up their commits, and
/// ``write(_:)`` catches up with them before it lets a batch see the portfolio, so every
/// change is validated against the latest state.
public protocol PortfolioStore: AnyObject, Sendable {
    /// A description of where the store is: a file path, or `memory`.
    var location: String { get }
    /// The files the store keeps its data in (a database and its `-wal`, `-shm` and
    /// `-journal` companions); empty for a store in memory. Exports refuse to write onto them.
    var files: [String] { get }
    /// The portfolio as of the last commit this store has seen.
    var portfolio: Portfolio { get }
    /// The sequence number of the last journal entry this store has seen; 0 when empty.
    var lastSequence: Int64 { get }
    /// Whether writes are refused.
    var isReadOnly: Bool { get }

    /// Picks up commits made elsewhere since the last load; returns whether any were found.
    @discardableResult
    func refresh() throws(StoreError) -> Bool

    /// Runs `body` in one write transaction on the latest portfolio.
    ///
    /// The store first takes the write lock and catches up with commits made elsewhere.
    /// `body` commits statements into the ``WriteBatch``; when it returns, the state and
    /// the journal entries are written together. If `body` throws, or writing fails,
    /// nothing is kept and the portfolio is as it was before.
    func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T

    /// Runs `body` in one write transaction, as ``write(_:)`` does, on a portfolio that may
    /// hold only what changes to one project are checked against: every region and partner,
    /// and project `id` with all it holds.
    ///
    /// Only updates of that project, records of its outcomes, notes on it and its links to
    /// partners can be committed this way: when `body` commits anything else, or the project
    /// does not exist, the write throws ``WholePortfolioNeeded`` and keeps nothing, and the
    /// caller runs it again with ``write(_:)``. A store that holds its portfolio in memory runs ``write(_:)`` (the
    /// default); one that has not loaded it reads just that much.
    func write<T>(onProject id: ProjectID, _ body: (inout WriteBatch) throws -> T) throws -> T

    /// Journal entries after `sequence`, oldest first, at most `limit` of them.
    func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry]

    /// Journal entries that may concern any of `names` (ids, lower case), oldest first: at
    /// least every entry whose changes name one of them, and every entry that renames
    /// something, so that a caller can follow renames. A superset: the caller filters
    /// exactly. The default reads the whole journal; a store may narrow by its indexes or text.
    func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry]

    /// A portfolio holding every region, at least the projects in `scope`, each with the
    /// `detail` asked for, and the partners too when that detail includes links: enough to
    /// answer a question about those projects, reading only that detail, exactly as the
    /// whole portfolio would.
    ///
    /// A store that has its portfolio in memory returns all of it (the default); one that
    /// has not loaded it yet may read just the candidates and the detail.
    func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio

    /// How many projects, partners, regions and outcomes the store holds
    /// (``Portfolio/headlineCounts``), without loading the portfolio when the store can
    /// count otherwise.
    func counts() throws(StoreError) -> [(kind: String, count: Int)]

    /// What the storage engine itself finds wrong with the store (SQLite's `PRAGMA
    /// integrity_check`: pages, indexes, constraints); empty when it finds nothing.
    /// `.check` adds the journal's own checks to these.
    func integrityProblems() throws(StoreError) -> [String]
}

extension PortfolioStore {
    /// Commits one statement's changes in a transaction of its own and returns its journal entry.
    @discardableResult
    public func commit(_ draft: JournalDraft) throws -> JournalEntry {
        try write { batch in try batch.commit(draft) }
    }

    /// A write on the whole portfolio, which any change can be checked against.
    public func write<T>(onProject id: ProjectID, _ body: (inout WriteBatch) throws -> T) throws -> T {
        try write(body)
    }

    /// The latest portfolio, whole: what every store can answer any scope with.
    public func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio {
        try refresh()
        return portfolio
    }

    /// The whole journal: a superset of the entries about any names.
    public func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry] { try journal() }

    /// Nothing: a store without an engine of its own has nothing to check beyond the journal.
    public func integrityProblems() throws(StoreError) -> [String] { [] }

    /// The latest portfolio's headline counts.
    public func counts() throws(StoreError) -> [(kind: String, count: Int)] {
        try refresh()
        return portfolio.headlineCounts
    }

    /// The whole journal, oldest first.
    public func journal() throws(StoreError) -> [JournalEntry] { try journal(after: 0, limit: nil) }
}

/// A write on one project committed something the project's own read cannot check (another
/// entity, or a project that does not exist): nothing was kept; run it on the whole portfolio.
public struct WholePortfolioNeeded: Error, Sendable, CustomStringConvertible {
    /// The project the write was read for.
    public var project: ProjectID

    /// Creates the error for a write read for `project`.
    public init(project: ProjectID) { self.project = project }

    /// Why the write was refused.
    public var description: String { "a write read for project \(project) committed more than changes to it" }
}

extension Change {
    /// Whether this change is checked against nothing but project `id`, with all it holds, the
    /// regions and the partners: an update of that project, a record of one of its outcomes, a
    /// note on it, a link of it to a partner or its removal.
    /// A record's or note's id must also be new store-wide; the store's primary keys hold that.
    public func isConfined(to id: ProjectID) -> Bool {
        switch self {
        case .updateProject(let old, let new): old.id == id && new.id.rawValue == old.id.rawValue
        case .record(let measurement): measurement.outcome.project == id
        case .addNote(let note): note.project == id
        case .link(let participation), .unlink(let participation): participation.project == id
        default: false
        }
    }
}
