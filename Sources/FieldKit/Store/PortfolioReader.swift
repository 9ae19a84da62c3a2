/// Reading a portfolio's store: its current state and its journal.
///
/// The first of a store's two halves, as GRDB's `DatabaseReader` is the first of its
/// own: a question needs only this one. A store opened read-only is a reader and
/// nothing more, by its type (`SQLiteReader`); stores that also take changes conform
/// to ``PortfolioWriter``. Implementations: ``InMemoryStore`` here, `SQLiteReader` and
/// `SQLiteStore` in FieldKitStore.
///
/// A store may be shared with other processes; ``refresh()`` picks up their commits.
/// No read ever answers with an empty portfolio because reading failed: the failure is
/// thrown.
public protocol PortfolioReader: AnyObject, Sendable {
    /// A description of where the store is: a file path, or `memory`.
    var location: String { get }
    /// The files the store keeps its data in (a database and its `-wal`, `-shm` and
    /// `-journal` companions); empty for a store in memory. Exports refuse to write onto them.
    var files: [String] { get }
    /// The portfolio as of the last commit this store has seen, read first when the store
    /// has not read it yet.
    ///
    /// - Throws: ``StoreError`` when it cannot be read (a damaged store, a failed disk), or
    ///   when asked from inside one of the store's own writes, whose batch holds the portfolio.
    var portfolio: Portfolio { get throws(StoreError) }
    /// The sequence number of the last journal entry this store has seen; 0 when empty.
    var lastSequence: Int64 { get }

    /// Picks up commits made elsewhere since the last load, reading the portfolio first
    /// when it has not been read.
    ///
    /// - Returns: whether any commits were found.
    /// - Throws: ``StoreError`` when the store cannot be read.
    @discardableResult
    func refresh() throws(StoreError) -> Bool

    /// A portfolio holding every region, at least the projects in `scope`, each with the
    /// `detail` asked for, and the partners too when that detail includes links: enough to
    /// answer a question about those projects exactly as the whole portfolio would.
    ///
    /// A store that holds its portfolio in memory returns all of it; one that has not read
    /// it yet reads just the candidates and the detail.
    ///
    /// - Parameters:
    ///   - scope: which projects the question can be about.
    ///   - detail: what of each project it reads.
    /// - Returns: the portfolio to answer from.
    /// - Throws: ``StoreError`` when the store cannot be read.
    func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio

    /// Journal entries after `sequence`, oldest first.
    ///
    /// - Parameters:
    ///   - sequence: the last sequence number not wanted; 0 for the whole journal.
    ///   - limit: the most entries returned; nil for all.
    /// - Returns: the entries, oldest first; empty when none comes after `sequence`.
    /// - Throws: ``StoreError`` when the journal cannot be read.
    func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry]

    /// Journal entries that may concern any of `names` (ids, lower case), oldest first: at
    /// least every entry whose changes name one of them, and every entry that renames
    /// something, so that a caller can follow renames. A superset: the caller filters exactly.
    ///
    /// - Parameter names: the ids, lower case.
    /// - Returns: the entries, oldest first; possibly more than those about `names`.
    /// - Throws: ``StoreError`` when the journal cannot be read.
    func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry]

    /// Journal entries committed after `sequence`, by this process or others, as far as the
    /// store has heard of them: a store told of commits (a server's, which listens for them)
    /// answers without asking when it was told of none. The REPL asks before each statement,
    /// to say what other offices did meanwhile.
    ///
    /// - Parameter sequence: the last entry already seen.
    /// - Returns: the newer entries, oldest first; empty when there are none.
    /// - Throws: ``StoreError`` when the journal cannot be read.
    func newCommits(after sequence: Int64) throws(StoreError) -> [JournalEntry]

    /// How many projects, partners, regions and outcomes the store holds
    /// (``Portfolio/headlineCounts``), without reading the portfolio when the store can
    /// count otherwise.
    ///
    /// - Returns: four pairs of a plural noun and a count: `projects`, `partners`, `regions`
    ///   and `outcomes`, in that order.
    /// - Throws: ``StoreError`` when the store cannot be read.
    func counts() throws(StoreError) -> [(kind: String, count: Int)]

    /// What the storage engine itself finds wrong with the store (SQLite's `PRAGMA
    /// integrity_check`: pages, indexes, constraints); empty when it finds nothing.
    /// `.check` adds the journal's own checks to these.
    ///
    /// - Returns: one line per problem, as the engine words it; empty for a sound store.
    /// - Throws: ``StoreError`` when the check cannot run.
    func integrityProblems() throws(StoreError) -> [String]
}

extension PortfolioReader {
    /// The whole journal, oldest first: ``journal(after:limit:)`` from 0, without a limit.
    ///
    /// - Returns: every entry, oldest first; empty for a new store.
    /// - Throws: ``StoreError`` when the journal cannot be read.
    public func journal() throws(StoreError) -> [JournalEntry] { try journal(after: 0, limit: nil) }

    /// The journal's entries after `sequence`: ``journal(after:limit:)`` without a limit, for a
    /// store that is not told of commits and reads its journal to learn of them.
    ///
    /// - Parameter sequence: the last entry already seen.
    /// - Returns: the newer entries, oldest first.
    /// - Throws: ``StoreError`` when the journal cannot be read.
    public func newCommits(after sequence: Int64) throws(StoreError) -> [JournalEntry] { try journal(after: sequence, limit: nil) }
}
