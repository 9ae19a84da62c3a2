import FieldKit

/// A FieldKit store opened in SQLite's read-only mode: a `PortfolioReader` and, by its
/// type, nothing more. A session on it can answer every question and cannot be asked
/// for a change.
///
/// Opening writes nothing: not to the file, and not beside it (in a folder the process
/// cannot write to, the file is opened `immutable`). Reads behave as ``SQLiteStore``'s.
///
/// `@unchecked Sendable`: it holds a ``SQLiteStore``, itself safe to share, and nothing else.
public final class SQLiteReader: PortfolioReader, @unchecked Sendable {
    /// The store it reads through, opened read-only.
    private let store: SQLiteStore

    /// Opens the existing store at `path` for reading.
    ///
    /// - Parameters:
    ///   - path: the store's file.
    ///   - deferLoading: read the portfolio on first need rather than now; a one-shot
    ///     question then reads only the projects it is about.
    /// - Throws: `StoreError` with code `cannotOpen` when there is no store at `path`
    ///   or it must first be created or upgraded, `notAStore`, `newerVersion` or `damaged`.
    public init(path: String, deferLoading: Bool = false) throws(StoreError) {
        store = try SQLiteStore(path: path, readOnly: true, deferLoading: deferLoading)
    }

    /// The file's path.
    public var path: String { store.path }
    /// The file's path.
    public var location: String { store.location }
    /// The database file and the companions SQLite keeps beside it.
    public var files: [String] { store.files }
    /// The portfolio as of the last commit seen; with `deferLoading`, the first read loads it.
    public var portfolio: Portfolio { get throws(StoreError) { try store.portfolio } }
    /// The last journal entry seen.
    public var lastSequence: Int64 { store.lastSequence }
    /// Whether the portfolio is in memory.
    package var isLoaded: Bool { store.isLoaded }

    /// Picks up commits made by others since the last load; loads the portfolio if loading
    /// was deferred.
    ///
    /// - Returns: whether any commits were found.
    /// - Throws: `StoreError` when the store cannot be read.
    @discardableResult
    public func refresh() throws(StoreError) -> Bool { try store.refresh() }

    /// Every region and the projects of `scope` with `detail`: see ``SQLiteStore/portfolio(covering:detail:)``.
    ///
    /// - Parameters:
    ///   - scope: which projects the question can be about.
    ///   - detail: what of each project it reads.
    /// - Returns: the whole portfolio once loaded; before then, just what was asked for.
    /// - Throws: `StoreError` when the store cannot be read.
    public func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio {
        try store.portfolio(covering: scope, detail: detail)
    }

    /// Journal entries after `sequence`, oldest first.
    ///
    /// - Parameters:
    ///   - sequence: the last sequence number not wanted; 0 for the whole journal.
    ///   - limit: the most entries returned; nil for all.
    /// - Returns: the entries; empty when none comes after `sequence`.
    /// - Throws: `StoreError` when the journal cannot be read.
    public func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry] {
        try store.journal(after: sequence, limit: limit)
    }

    /// Journal entries that may concern any of `names`, and every rename.
    ///
    /// - Parameter names: the ids, lower case.
    /// - Returns: the entries, oldest first; possibly more than those about `names`.
    /// - Throws: `StoreError` when the journal cannot be read.
    public func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry] {
        try store.journal(mentioningAnyOf: names)
    }

    /// The headline counts, counted by SQLite until the portfolio is loaded.
    ///
    /// - Returns: the counts of projects, partners, regions and outcomes, in that order.
    /// - Throws: `StoreError` when the store cannot be read.
    public func counts() throws(StoreError) -> [(kind: String, count: Int)] { try store.counts() }

    /// What `PRAGMA integrity_check` finds: see ``SQLiteStore/integrityProblems()``.
    ///
    /// - Returns: one line per problem, as SQLite words it; empty for a sound file.
    /// - Throws: `StoreError` when the check cannot run.
    public func integrityProblems() throws(StoreError) -> [String] { try store.integrityProblems() }
}
