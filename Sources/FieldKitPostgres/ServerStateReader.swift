import FieldKit
import FieldKitStore
import Foundation

/// Reads a server store's state tables into a portfolio: the SQLite store's reading
/// (`StateReader`), on the same columns, every one fetched as text and checked by the same
/// ``StoredValues``.
struct ServerStateReader {
    let connection: ServerConnection
    let values: StoredValues

    init(_ connection: ServerConnection, path: String) {
        self.connection = connection
        values = StoredValues(path: path)
    }

    /// The whole portfolio.
    func read() throws -> Portfolio {
        try read(onto: geography(), partners: partners(), projects: nil)
    }

    /// The regions and the settings: what every question is judged against.
    func geography() throws -> Portfolio {
        let members = try lists("SELECT area_id, member_id FROM region_members ORDER BY area_id, position")
        var regions: [Region] = []
        for row in try connection.rows("SELECT id, name, level, parent_id FROM regions") {
            let id = try text(row, 0, "id", in: "regions", "?")
            regions.append(Region(
                id: RegionID(id), name: try text(row, 1, "name", in: "regions", id),
                level: try values.word(try text(row, 2, "level", in: "regions", id), "level", in: "regions", id),
                parent: row[3].map { RegionID($0) }, includes: (members[id] ?? []).map { RegionID($0) }))
        }
        var thresholds = ProgressThresholds.standard
        for row in try connection.rows("SELECT name, value::text FROM settings") {
            let name = try text(row, 0, "name", in: "settings", "?")
            let value = try values.decimal(row[1], "value", in: "settings", name) ?? 0
            switch name {
            case "on-track-margin": thresholds.onTrack = value
            case "at-risk-margin": thresholds.atRisk = value
            default: throw StoreError(.damaged, path: values.path, "table settings, row '\(name)': not a setting FieldKit knows")
            }
        }
        do {
            var portfolio = try Portfolio(regions: regions, partners: [], projects: [], outcomes: [], participations: [], measurements: [], notes: [])
            if thresholds != .standard { try portfolio.apply(.setThresholds(old: .standard, new: thresholds)) }
            return portfolio
        } catch {
            throw broken(error)
        }
    }

    /// Every partner, with its contacts.
    func partners() throws -> [Partner] {
        var contacts: [String: [Contact]] = [:]
        for row in try connection.rows("SELECT partner_id, name, role FROM partner_contacts ORDER BY partner_id, position") {
            let owner = try text(row, 0, "partner_id", in: "partner_contacts", "?")
            contacts[owner, default: []].append(Contact(name: try text(row, 1, "name", in: "partner_contacts", owner), role: row[2]))
        }
        return try connection.rows("SELECT id, name, acronym, kind, country, ref FROM partners").map { row in
            let id = try text(row, 0, "id", in: "partners", "?")
            return Partner(
                id: PartnerID(id), name: try text(row, 1, "name", in: "partners", id), acronym: row[2],
                kind: try row[3].map { try values.word($0, "kind", in: "partners", id) },
                country: row[4], ref: row[5], contacts: contacts[id] ?? [])
        }
    }

    /// `base` with `partners` and the projects in `subset` (nil: all), with the detail asked for.
    func read(onto base: Portfolio, partners: [Partner], projects subset: Set<String>?, detail: ProjectDetail = .all) throws -> Portfolio {
        let only = try Subset(subset)
        do {
            var portfolio = base
            try portfolio.add(
                partners: partners, projects: projects(only, lists: detail.contains(.lists)),
                outcomes: detail.contains(.outcomes) ? outcomes(only) : [],
                participations: detail.contains(.links) ? participations(only) : [],
                notes: detail.contains(.notes) ? notes(only) : [])
            if detail.contains(.outcomes) {
                for record in try measurements(only) { try portfolio.add(record: record) }
                portfolio.renewRevision()
            }
            return portfolio
        } catch let error as ChangeError {
            throw broken(error)
        }
    }

    /// A `WHERE` on a subset of the projects, as literals.
    private struct Subset {
        let list: String?

        init(_ ids: Set<String>?) throws { list = try ids.map { try ServerStatements.list($0.sorted()) } }

        func callAsFunction(_ column: String, and: Bool = false) -> String {
            guard let list else { return "" }
            return (and ? " AND " : " WHERE ") + "\(column) IN \(list)"
        }
    }

    private func projects(_ only: Subset, lists withLists: Bool) throws -> [Project] {
        let regions = try lists("SELECT project_id, region_id FROM project_regions\(only("project_id")) ORDER BY project_id, position")
        var sectors: [String: [String]] = [:]
        var groups: [String: [String]] = [:]
        var tags: [String: [String]] = [:]
        var translations: [String: [Translation]] = [:]
        if withLists {
            sectors = try lists("SELECT project_id, sector FROM project_sectors\(only("project_id")) ORDER BY project_id, position")
            groups = try lists("SELECT project_id, target_group FROM project_target_groups\(only("project_id")) ORDER BY project_id, position")
            tags = try lists("SELECT project_id, tag FROM project_tags\(only("project_id")) ORDER BY project_id, position")
            let sql = "SELECT project_id, field, language, text FROM project_translations\(only("project_id")) ORDER BY project_id, position"
            for row in try connection.rows(sql) {
                let id = try text(row, 0, "project_id", in: "project_translations", "?")
                translations[id, default: []].append(Translation(
                    field: try values.word(try text(row, 1, "field", in: "project_translations", id), "field", in: "project_translations", id),
                    language: try text(row, 2, "language", in: "project_translations", id),
                    text: try text(row, 3, "text", in: "project_translations", id)))
            }
        }
        var shares: [String: [RegionID: Decimal]] = [:]
        let sharesSQL = "SELECT project_id, region_id, percentage::text FROM project_regions WHERE percentage IS NOT NULL\(only("project_id", and: true))"
        for row in try connection.rows(sharesSQL) {
            let id = try text(row, 0, "project_id", in: "project_regions", "?")
            if let share = try values.decimal(row[2], "percentage", in: "project_regions", id) {
                shares[id, default: [:]][RegionID(try text(row, 1, "region_id", in: "project_regions", id))] = share
            }
        }
        let sql = """
            SELECT id, title, summary, status, start, "end", actual_start, actual_end, budget::text, budget_currency, language
            FROM projects\(only("id"))
            """
        return try connection.rows(sql).map { row in
            let id = try text(row, 0, "id", in: "projects", "?")
            func day(_ index: Int, _ column: String) throws -> Day? { try row[index].map { try values.day($0, column, in: "projects", id) } }
            return Project(
                id: ProjectID(id), title: try text(row, 1, "title", in: "projects", id), summary: row[2],
                status: try values.word(try text(row, 3, "status", in: "projects", id), "status", in: "projects", id),
                start: try day(4, "start"), end: try day(5, "end"), actualStart: try day(6, "actual_start"), actualEnd: try day(7, "actual_end"),
                budget: try values.money(row[8], row[9], "budget", in: "projects", id),
                sectors: sectors[id] ?? [], targetGroups: groups[id] ?? [], tags: tags[id] ?? [],
                regions: (regions[id] ?? []).map { RegionID($0) }, regionShares: shares[id] ?? [:], language: row[10],
                translations: translations[id] ?? [])
        }
    }

    private func outcomes(_ only: Subset) throws -> [Outcome] {
        let regions = try lists(
            "SELECT project_id || '/' || outcome_key, region_id FROM outcome_regions\(only("project_id")) ORDER BY project_id, outcome_key, position")
        let dims = try lists(
            "SELECT project_id || '/' || outcome_key, dim FROM outcome_dims\(only("project_id")) ORDER BY project_id, outcome_key, position")
        let sql = """
            SELECT project_id, key, title, level, unit, measure, baseline::text, baseline_date, target::text, due, direction
            FROM outcomes\(only("project_id"))
            """
        return try connection.rows(sql).map { row in
            let id = OutcomeID(
                project: ProjectID(try text(row, 0, "project_id", in: "outcomes", "?")), key: try text(row, 1, "key", in: "outcomes", "?"))
            let name = id.rawValue
            func day(_ index: Int, _ column: String) throws -> Day? { try row[index].map { try values.day($0, column, in: "outcomes", name) } }
            return Outcome(
                id: id, title: try text(row, 2, "title", in: "outcomes", name),
                level: try values.word(try text(row, 3, "level", in: "outcomes", name), "level", in: "outcomes", name), unit: row[4],
                measure: try values.word(try text(row, 5, "measure", in: "outcomes", name), "measure", in: "outcomes", name),
                baseline: try values.decimal(row[6], "baseline", in: "outcomes", name), baselineDate: try day(7, "baseline_date"),
                target: try values.decimal(row[8], "target", in: "outcomes", name), due: try day(9, "due"),
                direction: try values.word(try text(row, 10, "direction", in: "outcomes", name), "direction", in: "outcomes", name),
                regions: (regions[name] ?? []).map { RegionID($0) }, dims: dims[name] ?? [])
        }
    }

    private func participations(_ only: Subset) throws -> [Participation] {
        // In the order they were made, as SQLite's rowid keeps them.
        let sql = "SELECT project_id, partner_id, role, amount::text, currency FROM participations\(only("project_id")) ORDER BY ord"
        return try connection.rows(sql).map { row in
            let project = try text(row, 0, "project_id", in: "participations", "?")
            let partner = try text(row, 1, "partner_id", in: "participations", project)
            return Participation(
                project: ProjectID(project), partner: PartnerID(partner),
                role: try values.word(try text(row, 2, "role", in: "participations", project), "role", in: "participations", "\(project) \(partner)"),
                amount: try values.money(row[3], row[4], "amount", in: "participations", "\(project) \(partner)"))
        }
    }

    private func measurements(_ only: Subset) throws -> [OutcomeRecord] {
        var dimensions: [String: [String: String]] = [:]
        let dimsSQL = "SELECT measurement_id, dim, value FROM measurement_dims"
            + (only.list == nil ? "" : " WHERE measurement_id IN (SELECT id FROM measurements\(only("project_id")))")
        for row in try connection.rows(dimsSQL) {
            let id = try text(row, 0, "measurement_id", in: "measurement_dims", "?")
            dimensions[id, default: [:]][try text(row, 1, "dim", in: "measurement_dims", id)] = try text(row, 2, "value", in: "measurement_dims", id)
        }
        let sql = "SELECT id, project_id, outcome_key, date, value::text, note, source FROM measurements\(only("project_id"))"
        return try connection.rows(sql).map { row in
            let id = try text(row, 0, "id", in: "measurements", "?")
            return OutcomeRecord(
                id: RecordID(id),
                outcome: OutcomeID(
                    project: ProjectID(try text(row, 1, "project_id", in: "measurements", id)), key: try text(row, 2, "outcome_key", in: "measurements", id)),
                date: try values.day(try text(row, 3, "date", in: "measurements", id), "date", in: "measurements", id),
                value: try values.decimal(row[4], "value", in: "measurements", id),
                dimensions: dimensions[id] ?? [:], note: row[5], source: row[6])
        }
    }

    private func notes(_ only: Subset) throws -> [Note] {
        try connection.rows("SELECT id, project_id, date, text FROM notes\(only("project_id"))").map { row in
            let id = try text(row, 0, "id", in: "notes", "?")
            return Note(
                id: RecordID(id), project: ProjectID(try text(row, 1, "project_id", in: "notes", id)),
                date: try values.day(try text(row, 2, "date", in: "notes", id), "date", in: "notes", id),
                text: try text(row, 3, "text", in: "notes", id))
        }
    }

    /// `owner → [value]` from a query of two text columns, in the query's order.
    private func lists(_ sql: String) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in try connection.rows(sql) {
            guard let owner = row[0], let value = row[1] else { continue }
            result[owner, default: []].append(value)
        }
        return result
    }

    /// Column `index` of `row`, which the schema holds NOT NULL.
    private func text(_ row: [String?], _ index: Int, _ column: String, in table: String, _ id: @autoclosure () -> String) throws -> String {
        guard index < row.count, let value = row[index] else { throw values.damaged(table, id(), column, "it is empty") }
        return value
    }

    private func broken(_ error: any Error) -> StoreError {
        StoreError(.damaged, path: values.path, "the stored state breaks an invariant: \(error)")
    }
}
