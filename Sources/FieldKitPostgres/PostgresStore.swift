import FieldKit
import FieldKitStore
import Foundation

/// A portfolio kept on a PostgreSQL server that several offices share: the SQLite store's
/// tables and journal (Docs/STORE.md, Docs/SERVER.md) behind the same reading and writing
/// protocols, so the language, the REPL, reports and interchange run on it unchanged.
///
/// A write is SQLite's write path on the server: one transaction, writers serialised by a
/// transaction-level advisory lock, the journal entries others committed meanwhile caught up
/// on, the changes validated against that state, the state rows and journal entries written,
/// every listener notified, and the transaction committed — or, when anything fails, rolled
/// back by the server with nothing kept. The journal's `seq` has no gaps.
///
/// Who writes is the server's to say: every entry's actor is the login role
/// (`session_user`), and what the role may change is decided by the grants and row-level
/// security the schema sets up (``PostgresStoreRights``). The store refuses up front, with a
/// message that says why, what the server would refuse anyway.
///
/// ```swift
/// let store = try PostgresStore(try PostgresLocation("postgresql://osh-office@db.example.org/portfolio"))
/// let progress = try store.portfolio(covering: .project("OSH-2007-01"), detail: .all)
/// ```
///
/// `@unchecked Sendable`: the portfolio, the sequence and the connection are only touched
/// under `lock`.
public final class PostgresStore: PortfolioWriter, @unchecked Sendable {
    /// Where the server is, without the password in its description.
    public let server: PostgresLocation
    /// The role the server logged this store in as: the actor of every entry it writes.
    public let role: String
    /// What the role may change.
    public let rights: PostgresStoreRights
    let connection: ServerConnection
    let lock = NSRecursiveLock()
    /// Nil until loaded, with `deferLoading`.
    var state: Portfolio?
    var sequence: Int64
    /// Whether a write is running: its batch then holds the portfolio.
    var writing = false
    /// Whether a write's transaction is open on the connection.
    var inTransaction = false
    /// Whether the store was opened to be read only (`--read-only`), whatever the role may do.
    public let isReadOnly: Bool

    /// Connects to the server, creating the store's schema, roles and policies in an empty
    /// database when the role may, and checks what is there otherwise.
    ///
    /// - Parameters:
    ///   - server: where the server is and how to log in.
    ///   - readOnly: refuse every change, as SQLite's read-only store does.
    ///   - deferLoading: read the portfolio on first need rather than now (a one-shot
    ///     question then reads only what it is about).
    /// - Throws: `StoreError`: `cannotOpen` when the server cannot be reached or refuses the
    ///   login, `notAStore` for a database that holds something else, `newerVersion` for a
    ///   schema a newer FieldKit wrote, `damaged` for one FieldKit cannot read.
    public init(_ server: PostgresLocation, readOnly: Bool = false, deferLoading: Bool = true) throws(StoreError) {
        self.server = server
        isReadOnly = readOnly
        do {
            connection = try ServerConnection(server)
            try PostgresSchema.prepare(connection)
            (role, rights) = try PostgresStoreRights.read(connection)
            sequence = try Self.lastSequence(connection)
        } catch {
            throw Self.asStoreError(error, server.description)
        }
        if !deferLoading { _ = try locked { () throws(StoreError) in try loaded() } }
    }

    /// `postgresql://user@host:port/database`: never the password.
    public var location: String { server.description }
    /// None: the server keeps the files.
    public var files: [String] { [] }
    /// The last journal entry this store has seen.
    public var lastSequence: Int64 { lock.withLock { sequence } }

    /// The portfolio as of the last commit this store has seen; with `deferLoading`, the
    /// first read loads it.
    ///
    /// - Throws: `StoreError` when the server cannot be read, or when read from inside
    ///   this store's own write.
    public var portfolio: Portfolio {
        get throws(StoreError) {
            try locked {
                guard !writing else { throw StoreError.readDuringWrite(path: location) }
                return try loaded()
            }
        }
    }

    /// Picks up commits made by other offices since the last load; loads the portfolio if
    /// loading was deferred.
    ///
    /// - Returns: whether any commits were found (on a first load, whether the journal has any).
    /// - Throws: `StoreError` when the server cannot be read, or inside this store's own write.
    @discardableResult
    public func refresh() throws(StoreError) -> Bool {
        try locked {
            guard !writing else { throw StoreError.readDuringWrite(path: location) }
            if state == nil {
                _ = try loaded()
                return sequence > 0
            }
            let newer = try serverRead { () throws -> [JournalEntry] in try ServerJournal(connection, path: location).entries(after: sequence, limit: nil) }
            try catchUp(with: newer)
            return !newer.isEmpty
        }
    }

    /// Journal entries committed after `sequence`, as far as this store has heard: none
    /// without a round trip when no commit was notified since it last looked.
    ///
    /// - Parameter sequence: the last entry already seen.
    /// - Returns: the newer entries, oldest first.
    /// - Throws: `StoreError` when the journal cannot be read.
    public func newCommits(after sequence: Int64) throws(StoreError) -> [JournalEntry] {
        try locked {
            guard connection.takeNews() else { return [] }
            do { return try journal(after: sequence, limit: nil) } catch {
                connection.keepNews()  // asked again before the next statement
                throw error
            }
        }
    }

    /// Journal entries after `sequence`, oldest first.
    ///
    /// - Parameters:
    ///   - sequence: the last sequence number not wanted; 0 for the whole journal.
    ///   - limit: the most entries returned; nil for all.
    /// - Returns: the entries; empty when none comes after `sequence`.
    /// - Throws: `StoreError` when the journal cannot be read.
    public func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry] {
        try locked {
            try serverRead { () throws -> [JournalEntry] in try ServerJournal(connection, path: location).entries(after: sequence, limit: limit) }
        }
    }

    /// Journal entries that may concern any of `names`, and every rename, chosen by the server.
    ///
    /// - Parameter names: the ids, lower case.
    /// - Returns: the entries, oldest first; possibly more than those about `names`.
    /// - Throws: `StoreError` when the journal cannot be read.
    public func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry] {
        try locked {
            try serverRead { () throws -> [JournalEntry] in try ServerJournal(connection, path: location).entries(mentioningAnyOf: names) }
        }
    }

    /// How many projects, partners, regions and outcomes the server holds, counted there.
    ///
    /// - Returns: the four counts, in that order.
    /// - Throws: `StoreError` when the server cannot be read.
    public func counts() throws(StoreError) -> [(kind: String, count: Int)] {
        try locked {
            let kinds = ["projects", "partners", "regions", "outcomes"]
            let sql = "SELECT " + kinds.map { "(SELECT count(*) FROM \($0))::text" }.joined(separator: ", ")
            let row = try serverRead { () throws -> [String?] in try connection.rows(sql).first ?? [] }
            return kinds.enumerated().map { index, kind in (kind, index < row.count ? row[index].flatMap { Int($0) } ?? 0 : 0) }
        }
    }

    /// What the server finds wrong that `.check`'s replay would not: rows of the journal
    /// that break its numbering (a gap, which no FieldKit write leaves). The server keeps
    /// its own pages and constraints.
    ///
    /// - Returns: one line per problem; empty for a sound store.
    /// - Throws: `StoreError` when the check cannot run.
    public func integrityProblems() throws(StoreError) -> [String] {
        try locked {
            let sql = "SELECT count(*)::text, coalesce(max(seq), 0)::text, coalesce(min(seq), 1)::text FROM journal"
            let row = try serverRead { () throws -> [String?] in try connection.rows(sql).first ?? [] }
            let numbers = row.map { $0.flatMap { Int64($0) } ?? 0 }
            guard numbers.count == 3, numbers[0] != numbers[1] || numbers[2] != 1, numbers[0] > 0 else { return [] }
            return ["the journal holds \(numbers[0]) entries numbered \(numbers[2]) to \(numbers[1]): its numbering has gaps"]
        }
    }

    // MARK: Loading

    /// The loaded portfolio, loading it first. Must run under `lock`.
    func loaded() throws(StoreError) -> Portfolio {
        if let state { return state }
        let (portfolio, last) = try serverRead { () throws -> (Portfolio, Int64) in
            // One snapshot for the state and its journal position: a commit in between would
            // otherwise be counted as seen without being read. A write's transaction holds the lock.
            try snapshot { (try ServerStateReader(connection, path: location).read(), try Self.lastSequence(connection)) }
        }
        (state, sequence) = (portfolio, last)
        return portfolio
    }

    /// Applies entries committed elsewhere to the in-memory portfolio. Must run under `lock`.
    func catchUp(with entries: [JournalEntry]) throws(StoreError) {
        guard var current = state else { return }
        state = nil
        defer { state = current }
        for entry in entries {
            do { try current.apply(all: entry.changes) } catch {
                throw StoreError(.damaged, path: location, "journal entry \(entry.sequence) does not apply to the stored state: \(error)")
            }
            sequence = entry.sequence
        }
    }

    /// Runs `body`, a read of several queries, on one snapshot of the server: in a read-only
    /// transaction of its own, or in the write's when one is open.
    func snapshot<T>(_ body: () throws -> T) throws -> T {
        guard !inTransaction else { return try body() }
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { try? connection.execute("ROLLBACK") }
        return try body()
    }

    /// Runs `body` under the store's lock.
    func locked<T>(_ body: () throws -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        do { return try body() } catch { throw Self.asStoreError(error, location) }
    }

    /// Any error of a read as a `StoreError`.
    static func asStoreError(_ error: any Error, _ location: String) -> StoreError {
        switch error {
        case let error as StoreError: error
        case let error as PostgresStoreError: error.storeError
        default: StoreError(.failed, path: location, "\(error)")
        }
    }

    static func lastSequence(_ connection: ServerConnection) throws -> Int64 {
        let rows = try connection.rows("SELECT coalesce(max(seq), 0)::text FROM journal")
        return rows.first?.first.flatMap { $0.flatMap { Int64($0) } } ?? 0
    }

    /// Runs a read on the server, reconnecting with backoff when the connection was lost,
    /// with what it throws as a `StoreError`.
    /// Inside a write's transaction nothing is tried again: a new connection would hold
    /// neither the transaction nor its lock, and the server has rolled the write back.
    func serverRead<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try inTransaction ? body() : connection.reading(body) } catch { throw Self.asStoreError(error, location) }
    }
}

extension PostgresStoreError {
    /// The error as the store's protocols throw it: unreachable and refused logins cannot
    /// open the store (exit 3, as a missing file); a database that holds something else,
    /// a newer schema, damage, as SQLite's; a row the server's policies refuse, `refused`.
    var storeError: StoreError {
        let code: StoreError.Code = switch self.code {
        case .unreachable, .refused: .cannotOpen
        case .wrongDatabase: .notAStore
        case .newerSchema: .newerVersion
        case .damaged: .damaged
        case .server: sqlState == "42501" ? .refused : .failed
        }
        return StoreError(code, path: location, message)
    }
}
