import FieldKit
import GRDB

extension SQLiteStore {
    /// A portfolio holding every region and partner and at least the projects in `scope`,
    /// each with the `detail` asked for.
    ///
    /// Once the whole portfolio is loaded, that is what it returns. Before then (a store
    /// opened with `deferLoading`), the store's indexes pick the candidate projects and
    /// only their rows are read, in one read transaction: `under` walks the region graph
    /// as ``Portfolio/regions(under:)`` does, then reads `project_regions` by region;
    /// `linked` reads `participations` by partner; `status` reads the `status` column.
    /// The result is not kept: the next question reads again, or loads everything if it must.
    public func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio {
        if let loaded = lock.withLock({ state }) { return loaded }
        guard scope.narrows else {
            try refresh()
            return portfolio
        }
        do {
            return try pool.read { db in
                let reader = StateReader(db: db, path: path)
                let regions = try reader.regions()
                let partners = try reader.partners()
                let graph: Portfolio
                do {
                    graph = try Portfolio(
                        regions: regions, partners: partners, projects: [], outcomes: [], participations: [], measurements: [],
                        notes: [])
                } catch {
                    throw StoreError(.damaged, path: path, "the stored state breaks an invariant: \(error)")
                }
                let candidates = try ScopeResolver(db: db, graph: graph).projects(in: scope)
                return try reader.read(regions: regions, partners: partners, projects: candidates, detail: detail)
            }
        } catch {
            throw SQLiteStore.storeError(error, path: path)
        }
    }
}

/// Turns a ``ProjectScope`` into one SQL condition on `projects`, so that SQLite's planner
/// chooses which index to start from, as it would for a hand-written query.
private struct ScopeResolver {
    let db: Database
    /// Regions and partners only: enough to walk the region graph and find stored spellings.
    let graph: Portfolio

    /// The candidates' ids as stored; nil when the scope cannot narrow (every project).
    func projects(in scope: ProjectScope) throws -> Set<String>? {
        var arguments = StatementArguments()
        guard let condition = sql(scope, &arguments) else { return nil }
        return Set(try String.fetchAll(db, sql: "SELECT id FROM projects WHERE \(condition)", arguments: arguments))
    }

    /// The condition, its arguments appended in order; nil when it cannot narrow.
    private func sql(_ scope: ProjectScope, _ arguments: inout StatementArguments) -> String? {
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
            guard let stored = graph.partners[partner]?.id.rawValue else { return "0" }
            arguments += [stored]
            guard let role else { return "id IN (SELECT project_id FROM participations WHERE partner_id = ?)" }
            arguments += [role.rawValue]
            return "id IN (SELECT project_id FROM participations WHERE partner_id = ? AND role = ?)"
        case .allOf(let parts):
            // Parts that cannot narrow drop out of a conjunction: the rest still bound it.
            let terms = parts.compactMap { sql($0, &arguments) }
            return terms.isEmpty ? nil : "(" + terms.joined(separator: " AND ") + ")"
        case .anyOf(let parts):
            var terms: [String] = []
            var local = StatementArguments()
            for part in parts {
                guard let term = sql(part, &local) else { return nil }
                terms.append(term)
            }
            arguments += local
            return terms.isEmpty ? "0" : "(" + terms.joined(separator: " OR ") + ")"
        }
    }
}
