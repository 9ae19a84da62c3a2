import FieldKit
import GRDB

extension SQLiteStore {
    /// A portfolio holding every region, at least the projects in `scope`, each with the
    /// `detail` asked for, and the partners when that detail includes links.
    ///
    /// Once the whole portfolio is loaded, that is what it returns. Before then (a store
    /// opened with `deferLoading`), the store's indexes pick the candidate projects and
    /// only their rows are read, in one read transaction: `under` walks the region graph
    /// as `Portfolio/regions(under:)` does, then reads `project_regions` by region;
    /// `linked` reads `participations` by partner; `status` reads the `status` column.
    /// The result is not kept: the next question reads again, or loads everything if it must.
    ///
    /// - Parameters:
    ///   - scope: which projects the question can be about.
    ///   - detail: what of each project it reads.
    /// - Returns: the whole portfolio once loaded; before then, just what was asked for.
    /// - Throws: `StoreError` when the store cannot be read.
    public func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio {
        // Loaded, or asked for everything: the whole portfolio, with others' commits.
        guard scope.narrows || detail != .all, !isLoaded else {
            try refresh()
            return try portfolio
        }
        do {
            return try read { db in try slice(db, scope: scope, detail: detail) }
        } catch {
            throw SQLiteStore.storeError(error, path: path)
        }
    }

    /// Every region, the candidates of `scope` with `detail`, and the partners when that
    /// detail includes links, read in `db`'s transaction.
    func slice(_ db: Database, scope: ProjectScope, detail: ProjectDetail) throws -> Portfolio {
        let reader = StateReader(db: db, path: path)
        // The regions and partners are read once while the journal stands still: a script of
        // questions about single projects read all of them again for every one.
        let sequence = try JournalTable(db: db, path: path).lastSequence()
        let known = lock.withLock { geography }.flatMap { $0.sequence == sequence ? $0 : nil }
        let graph = try known?.regions ?? reader.geography()
        // Partners only come with links: nothing else about a project names them.
        let partners = detail.contains(.links) ? try known?.partners ?? reader.partners() : nil
        lock.withLock { geography = (sequence, graph, partners ?? known?.partners) }
        let candidates = try ScopeResolver(db: db, graph: graph).projects(in: scope)
        return try reader.read(onto: graph, partners: partners ?? [], projects: candidates, detail: detail)
    }

    /// A write on one project, read for it alone until the portfolio is loaded (see
    /// `PortfolioWriter/write(onProject:_:)`): on a store of 100k projects a status change
    /// or a record costs milliseconds, not a load of the whole store.
    ///
    /// - Parameters:
    ///   - id: the project the changes are confined to.
    ///   - body: commits statements into the batch.
    /// - Returns: what `body` returns.
    /// - Throws: `WholePortfolioNeeded`, with nothing kept, when the project does not exist
    ///   or `body` committed anything but changes to it; what `body` throws; or
    ///   `StoreError` as ``write(_:)`` throws it.
    public func write<T>(onProject id: ProjectID, _ body: (inout WriteBatch) throws -> T) throws -> T {
        try lock.withLock {
            guard !writing else { throw SQLiteStore.writeDuringWrite(path) }
            // Loaded (or read-only, which `write(_:)` reports): the whole portfolio is at hand.
            guard !isReadOnly, state == nil else { return try write(body) }
            var written: (result: T, last: Int64)?
            do {
                try openedWriter().writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        // Read inside the write lock: nothing can change under the check.
                        let portfolio = try slice(db, scope: .project(id), detail: .all)
                        guard portfolio.projects[id] != nil else { throw WholePortfolioNeeded(project: id) }
                        var batch = WriteBatch(portfolio: portfolio, after: try JournalTable(db: db, path: path).lastSequence())
                        // The batch holds the read: the store's own portfolio is not to be read meanwhile.
                        writing = true
                        defer { writing = false }
                        let result = try body(&batch)
                        guard batch.entries.allSatisfy({ $0.changes.allSatisfy { $0.isConfined(to: id) } }) else {
                            throw WholePortfolioNeeded(project: id)
                        }
                        try SQLiteStore.writingOwnRows(db) {
                            try StateWriter.persist(batch.entries[...], with: try PreparedStatements(db))
                        }
                        written = (result, batch.nextSequence - 1)
                        return .commit
                    }
                }
            } catch {
                throw (error as? DatabaseError).map { SQLiteStore.storeError($0, path: path) } ?? error
            }
            guard let written else { throw StoreError(.failed, path: path, "the write did not run") }
            // The portfolio stays unloaded; the journal has moved on.
            advance(to: written.last)
            return written.result
        }
    }
}

extension SQLiteStore {
    /// How many projects, partners, regions and outcomes the store holds, as
    /// `Portfolio/headlineCounts`: from the loaded portfolio, or, before it is loaded,
    /// counted by SQLite, so that a prompt's banner does not wait for a large store to load
    /// (nor for a count of a million records it does not show).
    ///
    /// - Returns: the counts of projects, partners, regions and outcomes, in that order.
    /// - Throws: `StoreError` when the store cannot be read.
    public func counts() throws(StoreError) -> [(kind: String, count: Int)] {
        if isLoaded {
            try refresh()
            return try portfolio.headlineCounts
        }
        do {
            return try read { db in
                try ["projects", "partners", "regions", "outcomes"].map { table in
                    (table, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0)
                }
            }
        } catch {
            throw SQLiteStore.storeError(error, path: path)
        }
    }
}

/// Turns a `ProjectScope` into one SQL condition on `projects`, so that SQLite's planner
/// chooses which index to start from, as it would for a hand-written query.
private struct ScopeResolver {
    let db: Database
    /// Regions only: enough to walk the region graph and find their stored spellings.
    let graph: Portfolio

    /// The candidates' ids as stored; nil when the scope cannot narrow (every project).
    func projects(in scope: ProjectScope) throws -> Set<String>? {
        var arguments = StatementArguments()
        guard let condition = try sql(scope, &arguments) else { return nil }
        return Set(try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM projects WHERE \(condition)"), arguments: arguments))
    }

    /// The condition, its arguments appended in order; nil when it cannot narrow.
    private func sql(_ scope: ProjectScope, _ arguments: inout StatementArguments) throws -> String? {
        switch scope {
        case .all:
            return nil
        case .status(let statuses):
            arguments += [JournalJSON.array(of: statuses.map(\.rawValue))]
            return "status IN (SELECT value FROM json_each(?))"
        case .under(let region):
            // The graph holds each region under its stored spelling, which project_regions uses.
            let places = graph.regions(under: region).compactMap { graph.regions[$0]?.id.rawValue }
            arguments += [JournalJSON.array(of: places.sorted())]
            return "id IN (SELECT project_id FROM project_regions WHERE region_id IN (SELECT value FROM json_each(?)))"
        case .linked(let partner, let role):
            // The stored spelling, found as everywhere else: ids compare case-insensitively.
            let known = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM partners")).first { PartnerID($0) == partner }
            guard let stored = known else { return "0" }
            arguments += [stored]
            guard let role else { return "id IN (SELECT project_id FROM participations WHERE partner_id = ?)" }
            arguments += [role.rawValue]
            return "id IN (SELECT project_id FROM participations WHERE partner_id = ? AND role = ?)"
        case .project(let id):
            // SQLite's NOCASE folds ASCII only: ids that differ in other letters' case are
            // found by comparing every stored id as ids compare.
            var stored = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM projects WHERE id = ? COLLATE NOCASE"), arguments: [id.rawValue])
                .filter { ProjectID($0) == id }
            if stored.isEmpty { stored = try String.fetchAll(db, sql: "SELECT id FROM projects").filter { ProjectID($0) == id } }
            guard !stored.isEmpty else { return "0" }
            arguments += [JournalJSON.array(of: stored)]
            return "id IN (SELECT value FROM json_each(?))"
        case .allOf(let parts):
            // Parts that cannot narrow drop out of a conjunction: the rest still bound it.
            var terms: [String] = []
            for part in parts { if let term = try sql(part, &arguments) { terms.append(term) } }
            return terms.isEmpty ? nil : "(" + terms.joined(separator: " AND ") + ")"
        case .anyOf(let parts):
            var terms: [String] = []
            var local = StatementArguments()
            for part in parts {
                guard let term = try sql(part, &local) else { return nil }
                terms.append(term)
            }
            arguments += local
            return terms.isEmpty ? "0" : "(" + terms.joined(separator: " OR ") + ")"
        }
    }
}
