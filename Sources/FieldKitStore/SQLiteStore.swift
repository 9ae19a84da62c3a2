import FieldKit
import Foundation
import GRDB

/// A portfolio kept in one SQLite file (WAL mode) through GRDB: current-state tables
/// that analysts can read, and an append-only journal of every statement.
///
/// Several processes may share one file. A write takes SQLite's write lock
/// (`BEGIN IMMEDIATE`), catches up on journal entries others committed since this
/// store last looked, runs the batch against that fresh state, and commits the state
/// rows and journal entries together. ``refresh()`` picks up others' commits for reads.
///
/// A store opened read-only, to be read and never written, is a ``SQLiteReader``.
///
/// `@unchecked Sendable`: the in-memory portfolio and sequence are only touched under
/// `lock`, and GRDB's `DatabasePool` is itself thread-safe.
public final class SQLiteStore: PortfolioWriter, @unchecked Sendable {
    /// The file's path.
    public let path: String
    /// Whether the store was opened in SQLite's read-only mode (for ``SQLiteReader``).
    let isReadOnly: Bool
    /// Whether a write is running (a whole one, or one on a project): its batch then holds
    /// the portfolio, and reading the store's own, or writing again, is refused.
    var writing = false
    /// What reads go through: a read-only connection until this store first writes, then
    /// the writer's pool. Must be read under `lock`.
    private var reader: any DatabaseReader
    /// The writer, opened on the first write: a question opens the file read-only and
    /// writes nothing to it, so it works on a read-only file or in a read-only folder.
    private var writer: DatabasePool?
    let lock = NSRecursiveLock()
    /// Nil until loaded, with `deferLoading`.
    var state: Portfolio?
    /// The regions and partners the last narrowed read found, and the journal entry they
    /// were read at: every change to the state is journaled in the same transaction, so
    /// while the journal's last entry stays the same, so do they. Must be used under `lock`.
    var geography: (sequence: Int64, regions: Portfolio, partners: [Partner]?)?
    private var sequence: Int64

    /// Opens the store at `path`, creating it when there is none.
    ///
    /// - Parameters:
    ///   - path: the store's file.
    ///   - deferLoading: read the portfolio on first need rather than now.
    /// - Throws: `StoreError` with code `notAStore` for a file that is not a FieldKit
    ///   store, `newerVersion` for one written by a newer FieldKit, `damaged` for a corrupt
    ///   one, and `cannotOpen` when it cannot be created.
    public convenience init(path: String, deferLoading: Bool = false) throws(StoreError) {
        try self.init(path: path, readOnly: false, deferLoading: deferLoading)
    }

    /// Opens the store at `path`, creating it unless `readOnly`.
    ///
    /// Throws `StoreError` with code `notAStore` for a file that is not a FieldKit
    /// store, `newerVersion` for one written by a newer FieldKit, `damaged` for a
    /// corrupt one, and `cannotOpen` when it does not exist (read-only) or cannot be created.
    ///
    /// Opening an existing store writes nothing to it: reads go through a read-only
    /// connection, and the writer is opened by the first write (or here, when the file
    /// must first be created or upgraded). In a folder this process cannot write to, where
    /// SQLite could not create the `-shm` file readers share, the file is opened
    /// `immutable`: nobody can be writing to it there but its owner, who then needs to
    /// reopen it to be seen.
    ///
    /// With `deferLoading`, the portfolio is read on first need rather than here: by
    /// ``refresh()``, the first ``write(_:)``, or ``portfolio``; ``portfolio(covering:detail:)``
    /// before then reads only the projects a question can be about. A one-shot question
    /// on a large store then costs what it reads, not the whole store. Call ``refresh()``
    /// before reading ``portfolio`` to learn of a damaged store as an error; a failed load
    /// is thrown by every read that needs the portfolio, and tried again by the next.
    init(path: String, readOnly: Bool, deferLoading: Bool) throws(StoreError) {
        self.path = path
        self.isReadOnly = readOnly
        let exists = try SQLiteStore.checkHeader(path: path, readOnly: readOnly)
        do {
            let migrator = Schema.migrator
            var writer: DatabasePool?
            let reader: any DatabaseReader
            if exists {
                reader = try SQLiteStore.openReader(path: path)
            } else {
                // A new (or empty) file: the writer creates the store, and reads go through it.
                let pool = try SQLiteStore.openWriter(path: path)
                try migrator.migrate(pool)
                (writer, reader) = (pool, pool)
            }
            let found = try reader.read { db in
                (applicationID: try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 tables: try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
                 superseded: try migrator.hasBeenSuperseded(db), complete: try migrator.hasCompletedMigrations(db))
            }
            if found.applicationID != Schema.applicationID {
                if !found.tables.isEmpty {
                    throw StoreError(
                        .notAStore, path: path,
                        "this is an SQLite database but not a FieldKit store (it has tables \(found.tables.prefix(5).joined(separator: ", ")))")
                }
                if readOnly { throw StoreError(.cannotOpen, path: path, "the file is empty; open it once without --read-only to create a store") }
            }
            if found.superseded {
                throw StoreError(.newerVersion, path: path, "this store was written by a newer FieldKit; upgrade fieldkit to open it")
            }
            if !found.complete {
                if readOnly { throw StoreError(.cannotOpen, path: path, "this store must be upgraded; open it once without --read-only") }
                // An empty SQLite file, or an older schema: the only opening that writes.
                let pool = try writer ?? SQLiteStore.openWriter(path: path)
                try migrator.migrate(pool)
                writer = pool
            }
            self.writer = writer
            self.reader = writer ?? reader
            if deferLoading {
                state = nil
                sequence = try self.reader.read { db in try JournalTable(db: db, path: path).lastSequence() }
            } else {
                (state, sequence) = try self.reader.read { db in try SQLiteStore.load(db, path: path) }
            }
        } catch {
            throw SQLiteStore.storeError(error, path: path)
        }
    }

    /// A read-only connection to an existing store; `immutable` where SQLite could not
    /// create the `-shm` file beside it.
    private static func openReader(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        configuration.label = "FieldKit reader"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let shm = path + "-shm"
        if access(folder, W_OK) != 0 && access(shm, F_OK) != 0 {
            // SQLite reads a WAL store through its -shm file, and cannot make one here.
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
            return try DatabaseQueue(path: "file:\(escaped)?immutable=1", configuration: configuration)
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The writer: a pool, so that reads never wait for a write.
    private static func openWriter(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "FieldKit"
        return try DatabasePool(path: path, configuration: configuration)
    }

    /// The writer, opened now if this store has not written yet. Must run under `lock`.
    func openedWriter() throws -> DatabasePool {
        if let writer { return writer }
        let pool = try SQLiteStore.openWriter(path: path)
        (writer, reader) = (pool, pool)
        return pool
    }

    /// Runs a read on the current reader.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let reader = lock.withLock { self.reader }
        return try reader.read(body)
    }

    private static func load(_ db: Database, path: String) throws -> (Portfolio, Int64) {
        let sequence = try JournalTable(db: db, path: path).lastSequence()
        return (try StateReader(db: db, path: path).read(), sequence)
    }

    /// The loaded portfolio, loading it first if loading was deferred. Must run under `lock`.
    private func loaded() throws(StoreError) -> Portfolio {
        if let state { return state }
        do {
            let (portfolio, last) = try read { db in try SQLiteStore.load(db, path: path) }
            (state, sequence) = (portfolio, last)
            return portfolio
        } catch {
            // Nothing is kept of a failed load: the next read tries again (a repaired store then opens).
            throw SQLiteStore.storeError(error, path: path)
        }
    }

    /// Whether the portfolio is in memory: always, unless opened with `deferLoading` and not needed yet.
    package var isLoaded: Bool { lock.withLock { state != nil } }

    /// The file's path.
    public var location: String { path }
    /// The database file and the companions SQLite keeps beside it.
    public var files: [String] { SQLiteStore.files(of: path) }

    /// `path` and the `-wal`, `-shm` and `-journal` files SQLite may keep beside it.
    package static func files(of path: String) -> [String] { [path, path + "-wal", path + "-shm", path + "-journal"] }
    /// The portfolio as of the last commit this store has seen; with `deferLoading`, the
    /// first read loads it.
    ///
    /// - Throws: `StoreError` when loading fails, or when read from inside this store's
    ///   own write, whose batch holds the portfolio.
    public var portfolio: Portfolio {
        get throws(StoreError) {
            lock.lock()
            defer { lock.unlock() }
            guard !writing else {
                throw StoreError.readDuringWrite(path: path)
            }
            return try loaded()
        }
    }
    /// The last journal entry this store has seen.
    public var lastSequence: Int64 { lock.withLock { sequence } }

    /// Picks up commits made by other processes since the last load; loads the portfolio
    /// if loading was deferred.
    ///
    /// - Returns: whether any commits were found (on a first load, whether the journal has any).
    /// - Throws: `StoreError` when the store cannot be read, or when called from inside
    ///   this store's own write.
    @discardableResult
    public func refresh() throws(StoreError) -> Bool {
        do {
            return try lock.withLock {
                guard !writing else {
                    throw StoreError.readDuringWrite(path: path)
                }
                if state == nil {
                    _ = try loaded()
                    return sequence > 0
                }
                let newer = try read { db in try JournalTable(db: db, path: path).entries(after: sequence, limit: nil) }
                try catchUp(with: newer)
                return !newer.isEmpty
            }
        } catch {
            throw SQLiteStore.storeError(error, path: path)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on the latest portfolio, then
    /// writes the state rows and journal entries of every statement it committed.
    ///
    /// Rows are written while `body` runs, 1,024 statements at a time, so a long script
    /// holds only the latest in memory; all of them commit together, or none.
    ///
    /// - Parameter body: commits statements into the batch.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, with nothing kept; or `StoreError` when the file cannot
    ///   be written (locked too long, a full disk) or when called from inside this store's
    ///   own write.
    public func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T {
        guard !isReadOnly else {
            throw StoreError(.readOnly, path: path, "the store is open read-only; changes are refused")
        }
        return try lock.withLock {
            // GRDB's connections are not reentrant: a write inside this store's own write is refused.
            guard !writing else { throw SQLiteStore.writeDuringWrite(path) }
            var batch: WriteBatch?
            var result: T?
            do {
                try openedWriter().writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let journal = JournalTable(db: db, path: path)
                        if state == nil { (state, sequence) = try SQLiteStore.load(db, path: path) }
                        try catchUp(with: journal.entries(after: sequence, limit: nil))
                        // Rows are written as statements pile up, not all at the end, and on a
                        // thread of their own: a long script then holds a few thousand entries in
                        // memory, and runs its statements while the earlier ones are written.
                        try SQLiteStore.writingOwnRows(db) {
                            let persister = Persister(try PreparedStatements(db))
                            var current = WriteBatch(portfolio: state ?? Portfolio(), after: sequence) { entries in
                                try persister.submit(entries)
                            }
                            state = Portfolio()  // the batch owns the only copy, so it mutates in place
                            writing = true
                            defer {
                                batch = current
                                writing = false
                            }
                            let ran = Result { try body(&current) }
                            try persister.drain()  // nothing may still be writing when the transaction ends
                            result = try ran.get()
                            if let failure = current.sinkError { throw failure }
                            try StateWriter.persist(current.entries[...], with: persister.statements)
                        }
                        return .commit
                    }
                }
            } catch {
                // The transaction rolled back. What the batch still holds is undone in memory;
                // once some was handed over, the portfolio is read again when next needed.
                if var failed = batch { state = failed.revert() }
                throw (error as? DatabaseError).map { SQLiteStore.storeError($0, path: path) } ?? error
            }
            if let batch {
                state = batch.portfolio
                sequence = batch.nextSequence - 1
                if batch.count >= SQLiteStore.largeWrite { truncateLog() }
            }
            guard let result else { throw StoreError(.failed, path: path, "the write did not run") }
            return result
        }
    }

    /// Runs `body`, which writes FieldKit's own rows, with SQLite's CHECK constraints off.
    ///
    /// Those rows hold values of the domain's closed enums and JSON from its own writer, held
    /// to the schema's CHECK constraints by the tests (through `PRAGMA integrity_check`).
    /// SQLite checking them again built a table for each `IN (…)` list and parsed each journal
    /// entry's JSON, on every insert. The flag is this connection's: other writers stay checked.
    static func writingOwnRows<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
        defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
        return try body()
    }

    /// Records that the journal now ends at `last`, after a write on a part of the portfolio
    /// while the whole is not loaded. Must run under `lock`.
    func advance(to last: Int64) { sequence = last }

    /// Statements in one write from which the write-ahead log is emptied afterwards.
    static let largeWrite = 1_000

    /// Empties the write-ahead log after a large write. SQLite has already copied its pages
    /// into the file, but keeps the log at full size until the next writer comes; until
    /// then every reader (a read-only one above all) consults it for each page it reads,
    /// which made a cold question after a 150k-statement script take 40 ms instead of 13.
    /// A failure here loses nothing: the log stays valid, only larger.
    private func truncateLog() {
        _ = try? writer?.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// What `PRAGMA integrity_check` finds: damaged pages, an index that does not match its
    /// table, a row that breaks a NOT NULL or CHECK constraint. It does not see a flipped byte
    /// inside a value that still reads as a valid value; `.check`'s replay of the journal
    /// does, wherever the state tables stop matching it.
    ///
    /// - Returns: one line per problem, as SQLite words it; empty for a sound file.
    /// - Throws: `StoreError` when the check cannot run.
    public func integrityProblems() throws(StoreError) -> [String] {
        do {
            let found = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            return found == ["ok"] ? [] : found
        } catch {
            throw SQLiteStore.storeError(error, path: path)
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
        do {
            return try read { db in try JournalTable(db: db, path: path).entries(after: sequence, limit: limit) }
        } catch {
            throw SQLiteStore.storeError(error, path: path)
        }
    }

    /// Journal entries that may concern any of `names`, and every rename, chosen by SQLite
    /// (`LIKE` on the changes' JSON) instead of decoding every entry: the history of one
    /// project in a journal of a million entries reads its own entries.
    ///
    /// - Parameter names: the ids, lower case.
    /// - Returns: the entries, oldest first; possibly more than those about `names`.
    /// - Throws: `StoreError` when the journal cannot be read.
    public func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry] {
        do {
            return try read { db in try JournalTable(db: db, path: path).entries(mentioningAnyOf: names) }
        } catch {
            throw SQLiteStore.storeError(error, path: path)
        }
    }

    /// Applies entries committed elsewhere to the in-memory portfolio. Must run under `lock`.
    private func catchUp(with entries: [JournalEntry]) throws {
        guard var current = state else { return }  // not loaded: the load will read the latest state
        state = nil  // `current` holds the only copy, so applying mutates in place
        defer { state = current }
        for entry in entries {
            do { try current.apply(all: entry.changes) } catch {
                throw StoreError(.damaged, path: path, "journal entry \(entry.sequence) does not apply to the stored state: \(error)")
            }
            sequence = entry.sequence
        }
    }

    /// The error for a write asked for inside one of this store's own writes.
    static func writeDuringWrite(_ path: String) -> StoreError {
        StoreError(.failed, path: path, "a write is already running on this store; inside a write, commit into its batch")
    }
}
