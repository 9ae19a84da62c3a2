import FieldKit
import FieldKitStore
import Foundation

extension PostgresStore {
    /// The advisory lock every write takes for its transaction (`FKIW`): writers queue on it,
    /// so each validates against the state the one before it committed.
    static let writeLock = ServerRoles.writeLock

    /// Runs `body` in one server transaction on the latest portfolio, then writes the state
    /// rows and journal entries of every statement it committed, and commits.
    ///
    /// The transaction takes the write lock, catches up on entries others committed, and runs
    /// `body`; rows are sent as statements pile up, a few thousand per round trip. A refusal
    /// of the role's rights, a failing statement, or a lost connection rolls everything back.
    ///
    /// - Parameter body: commits statements into the batch.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, or `StoreError` (`refused` for a change the role may
    ///   not make), with nothing kept.
    public func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard !writing else { throw Self.writeDuringWrite(location) }
        try refuseQuestionsOnly()
        var batch: WriteBatch?
        var result: T?
        do {
            try begin()
            _ = try loaded()
            try catchUp(with: try ServerJournal(connection, path: location).entries(after: sequence, limit: nil))
            let statements = ServerStatements(connection)
            // A member's entries handed over mid-script are judged on the links as the write
            // found them: a member cannot change links. A writer's need no copy of the state.
            let judged = rights == .write ? nil : state
            var current = WriteBatch(portfolio: state ?? Portfolio(), after: sequence) { [self] entries in
                try checkRights(entries, portfolio: judged)
                try StateWriter.persist(entries, with: statements)
            }
            current.actor = role
            state = Portfolio()  // the batch owns the only copy, so it mutates in place
            writing = true
            defer {
                batch = current
                writing = false
            }
            result = try body(&current)
            if let failure = current.sinkError { throw failure }
            try checkRights(current.entries[...], portfolio: current.portfolio)
            try StateWriter.persist(current.entries[...], with: statements)
            try statements.finish()
            try finish(count: current.count)
        } catch {
            rollBack()
            // What the batch still holds is undone in memory; once some was handed over, the
            // portfolio is read again when next needed, as it is when the commit's outcome is unknown.
            if var failed = batch { state = error is CommitOutcomeUnknown ? nil : failed.revert() }
            throw Self.storeError(error, location)
        }
        if let batch {
            state = batch.portfolio
            sequence = batch.nextSequence - 1
        }
        guard let result else { throw StoreError(.failed, path: location, "the write did not run") }
        return result
    }

    /// Runs `body` in one server transaction on a portfolio holding what changes to project
    /// `id` are checked against, as the SQLite store does: a one-shot `record` reads one project.
    ///
    /// - Parameters:
    ///   - id: the project the changes are confined to.
    ///   - body: commits statements into the batch.
    /// - Returns: what `body` returns.
    /// - Throws: `WholePortfolioNeeded`, what `body` throws, or `StoreError`.
    public func write<T>(onProject id: ProjectID, _ body: (inout WriteBatch) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard !writing else { throw Self.writeDuringWrite(location) }
        guard state == nil else { return try write(body) }
        try refuseQuestionsOnly()
        let written: (result: T, last: Int64)
        do {
            try begin()
            let portfolio = try slice(scope: .project(id), detail: .all)
            guard portfolio.projects[id] != nil else { throw WholePortfolioNeeded(project: id) }
            var batch = WriteBatch(portfolio: portfolio, after: try Self.lastSequence(connection))
            batch.actor = role
            writing = true
            defer { writing = false }
            let result = try body(&batch)
            guard batch.entries.allSatisfy({ $0.changes.allSatisfy { $0.isConfined(to: id) } }) else {
                throw WholePortfolioNeeded(project: id)
            }
            try checkRights(batch.entries[...], portfolio: batch.portfolio)
            let statements = ServerStatements(connection)
            try StateWriter.persist(batch.entries[...], with: statements)
            try statements.finish()
            try finish(count: batch.count)
            written = (result, batch.nextSequence - 1)
        } catch {
            rollBack()
            throw Self.storeError(error, location)
        }
        sequence = written.last
        return written.result
    }

    /// Opens the transaction and takes the write lock; a connection lost while idle is
    /// opened again first, since nothing has been done yet.
    private func begin() throws(StoreError) {
        try serverRead { () throws in
            try connection.execute("BEGIN")
            inTransaction = true
            try connection.execute("SELECT pg_advisory_xact_lock(\(Self.writeLock))")
        }
    }

    /// Notifies every listening office and commits. NOTIFY is delivered on commit, and only then.
    private func finish(count: Int) throws {
        defer { inTransaction = false }
        guard count > 0 else {
            try connection.execute("ROLLBACK")
            return
        }
        try connection.execute("SELECT pg_notify('\(ServerConnection.channel)', '\(count)')")
        do { try connection.execute("COMMIT") } catch {
            // The server may have committed before the connection went: only reading tells.
            guard !error.isConnectionLost else { throw CommitOutcomeUnknown(message: error.message) }
            throw error
        }
    }

    /// The connection went while the server committed: the write may or may not be kept.
    struct CommitOutcomeUnknown: Error {
        let message: String
    }

    /// Ends a failed write's transaction; on a lost connection the server has already.
    private func rollBack() {
        inTransaction = false
        try? connection.execute("ROLLBACK")
    }

    /// Refuses every change for a role that may only ask.
    private func refuseQuestionsOnly() throws(StoreError) {
        if isReadOnly { throw StoreError(.readOnly, path: location, "the store is open read-only; changes are refused") }
        if case .read = rights, let message = rights.refusal(of: [], on: Portfolio(), for: role) {
            throw StoreError(.refused, path: location, message)
        }
    }

    /// Refuses entries the role may not make, before the server would.
    private func checkRights(_ entries: ArraySlice<JournalEntry>, portfolio: Portfolio?) throws {
        guard rights != .write else { return }
        for entry in entries {
            // Without the state to judge on, nothing is the member's: refused, as the server would.
            if let message = rights.refusal(of: entry.changes, on: portfolio ?? Portfolio(), for: role) {
                throw StoreError(.refused, path: location, message)
            }
        }
    }

    /// A failed write's error as the store reports it.
    static func storeError(_ error: any Error, _ location: String) -> any Error {
        switch error {
        case let error as CommitOutcomeUnknown:
            StoreError(.cannotOpen, path: location, "\(error.message) while the server committed: whether the write was kept shows when the store is read again (history, or .check)")
        case let error as PostgresStoreError where error.isConnectionLost:
            StoreError(.cannotOpen, path: location, "\(error.message); the server rolled the write back: nothing of it was kept")
        case let error as PostgresStoreError: error.storeError
        case let error as ServerStatementError: StoreError(.failed, path: location, error.description)
        default: error
        }
    }

    /// The error for a write asked for inside one of this store's own writes.
    static func writeDuringWrite(_ location: String) -> StoreError {
        StoreError(.failed, path: location, "a write is already running on this store; inside a write, commit into its batch")
    }
}
