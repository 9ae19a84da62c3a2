import FieldKit
import FieldKitStore
import Foundation

extension PostgresStore {
    /// A portfolio holding every region, the projects `scope` can be about with the `detail`
    /// asked for, and the partners when links are asked for: read from the server's state
    /// tables while the whole portfolio is not loaded, so a one-shot question reads what it needs.
    ///
    /// - Parameters:
    ///   - scope: which projects the question can be about.
    ///   - detail: what of each project it reads.
    /// - Returns: the portfolio to answer from.
    /// - Throws: `StoreError` when the server cannot be read.
    public func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio {
        try locked { () throws(StoreError) -> Portfolio in
            guard scope.narrows || detail != .all, state == nil else {
                try refresh()
                return try portfolio
            }
            return try serverRead { () throws -> Portfolio in try snapshot { try slice(scope: scope, detail: detail) } }
        }
    }

    /// The regions, the partners when links are asked for, and the candidate projects of `scope`.
    func slice(scope: ProjectScope, detail: ProjectDetail) throws -> Portfolio {
        let reader = ServerStateReader(connection, path: location)
        let graph = try reader.geography()
        let partners = detail.contains(.links) ? try reader.partners() : []
        let candidates = try ServerScope(connection: connection, graph: graph).projects(in: scope)
        return try reader.read(onto: graph, partners: partners, projects: candidates, detail: detail)
    }
}

/// The ids of the projects a scope can be about, found by the server: SQLite's
/// `ScopeResolver` in PostgreSQL's SQL.
private struct ServerScope {
    let connection: ServerConnection
    let graph: Portfolio

    func projects(in scope: ProjectScope) throws -> Set<String>? {
        guard let condition = try sql(scope) else { return nil }
        return Set(try connection.rows("SELECT id FROM projects WHERE \(condition)").compactMap { $0.first ?? nil })
    }

    private func sql(_ scope: ProjectScope) throws -> String? {
        switch scope {
        case .all:
            return nil
        case .status(let statuses):
            return "status IN \(try ServerStatements.list(statuses.map(\.rawValue)))"
        case .under(let region):
            let places = graph.regions(under: region).compactMap { graph.regions[$0]?.id.rawValue }
            return "id IN (SELECT project_id FROM project_regions WHERE region_id IN \(try ServerStatements.list(places.sorted())))"
        case .linked(let partner, let role):
            // The stored spelling, found as ids are compared: case-insensitively.
            let candidates = try connection.rows("SELECT id FROM partners WHERE lower(id) = \(try ServerStatements.literal(partner.rawValue.lowercased()))")
            var stored = candidates.compactMap { $0.first ?? nil }.filter { PartnerID($0) == partner }
            if stored.isEmpty { stored = try connection.rows("SELECT id FROM partners").compactMap { $0.first ?? nil }.filter { PartnerID($0) == partner } }
            guard !stored.isEmpty else { return "false" }
            let roleTerm = try role.map { " AND role = \(try ServerStatements.literal($0.rawValue))" } ?? ""
            return "id IN (SELECT project_id FROM participations WHERE partner_id IN \(try ServerStatements.list(stored))\(roleTerm))"
        case .project(let id):
            var stored = try connection.rows("SELECT id FROM projects WHERE lower(id) = \(try ServerStatements.literal(id.rawValue.lowercased()))")
                .compactMap { $0.first ?? nil }.filter { ProjectID($0) == id }
            // Ids that compare equal but lower-case apart (a fold PostgreSQL's lower() does not make).
            if stored.isEmpty { stored = try connection.rows("SELECT id FROM projects").compactMap { $0.first ?? nil }.filter { ProjectID($0) == id } }
            guard !stored.isEmpty else { return "false" }
            return "id IN \(try ServerStatements.list(stored))"
        case .allOf(let parts):
            let terms = try parts.compactMap { try sql($0) }
            return terms.isEmpty ? nil : "(" + terms.joined(separator: " AND ") + ")"
        case .anyOf(let parts):
            var terms: [String] = []
            for part in parts {
                guard let term = try sql(part) else { return nil }
                terms.append(term)
            }
            return terms.isEmpty ? "false" : "(" + terms.joined(separator: " OR ") + ")"
        }
    }
}
