import FieldKit
import Foundation
import GRDB

/// Reads the current-state tables back into a `Portfolio`, checking every invariant.
///
/// A row that cannot be read, or that breaks an invariant (a table edited by hand, say),
/// makes the store `StoreError/Code/damaged` with the table and row named.
struct StateReader {
    let db: Database
    let path: String
    /// The values' checks, shared with the server's store (FieldKitPostgres), which reads the same columns.
    private let values: StoredValues

    init(db: Database, path: String) {
        self.db = db
        self.path = path
        values = StoredValues(path: path)
    }

    /// The whole portfolio.
    func read() throws -> Portfolio {
        try read(onto: geography(), partners: partners(), projects: nil)
    }

    /// A portfolio of every region, checked.
    func geography() throws -> Portfolio {
        do {
            var portfolio = try Portfolio(regions: regions(), partners: [], projects: [], outcomes: [], participations: [], measurements: [], notes: [])
            let stored = try thresholds()
            if stored != .standard { try portfolio.apply(.setThresholds(old: .standard, new: stored)) }
            return portfolio
        } catch let error as ChangeError {
            throw broken(error)
        }
    }

    /// `base` (the regions) with `partners` added, and of the projects only those in
    /// `projects` (stored spellings; nil for all), each with the `detail` asked for.
    func read(onto base: Portfolio, partners: [Partner], projects subset: Set<String>?, detail: ProjectDetail = .all) throws -> Portfolio {
        let only = Subset(subset)
        do {
            var portfolio = base
            try portfolio.add(
                partners: partners, projects: projects(only, lists: detail.contains(.lists)),
                outcomes: detail.contains(.outcomes) ? outcomes(only) : [],
                participations: detail.contains(.links) ? participations(only) : [],
                notes: detail.contains(.notes) ? notes(only) : [])
            // Records, the largest table by far, go into the portfolio as they are read: a
            // load of a million records then never holds them twice (a list, and the portfolio).
            if detail.contains(.outcomes) {
                if only.all { portfolio.reserveCapacity(records: try Int.fetchOne(db, sql: "SELECT count(*) FROM measurements") ?? 0) }
                try measurements(only) { measurement throws(ChangeError) in try portfolio.add(record: measurement) }
                portfolio.renewRevision()
            }
            return portfolio
        } catch let error as ChangeError {
            throw broken(error)
        }
    }

    /// What a store whose rows, read back, break an invariant is: damaged.
    private func broken(_ error: ChangeError) -> StoreError {
        StoreError(.damaged, path: path, "the stored state breaks an invariant: \(error)")
    }

    /// The rows of some projects (stored ids; nil for all): a `WHERE` on the project id
    /// column, and its argument. One JSON array parameter carries any number of ids;
    /// SQLite's json_each turns it back into rows, and the IN still uses each table's
    /// index on project_id.
    private struct Subset {
        let all: Bool
        let arguments: StatementArguments

        init(_ ids: Set<String>?) {
            all = ids == nil
            arguments = ids.map { [JournalJSON.array(of: $0.sorted())] } ?? []
        }

        func callAsFunction(_ column: String) -> String {
            all ? "" : " WHERE \(column) IN (SELECT value FROM json_each(?))"
        }
    }

    /// Every region, with the members of areas.
    private func regions() throws -> [Region] {
        let regionMembers = try lists("SELECT area_id, member_id FROM region_members ORDER BY area_id, position")
        return try rows("SELECT id, name, level, parent_id FROM regions", table: "regions") { row in
            let id: String = row["id"]
            return Region(
                id: RegionID(id), name: row["name"], level: try word(row["level"], "level", in: "regions", id),
                parent: (row["parent_id"] as String?).map { RegionID($0) },
                includes: (regionMembers[id] ?? []).map { RegionID($0) })
        }
    }

    /// The progress margins: the standard ones, but for those the settings table holds.
    private func thresholds() throws -> ProgressThresholds {
        var thresholds = ProgressThresholds.standard
        for row in try Row.fetchAll(db, sql: "SELECT name, CAST(value AS TEXT) AS value FROM settings") {
            let name: String = row["name"]
            let value = try decimal(row["value"], "value", in: "settings", name) ?? 0
            switch name {
            case "on-track-margin": thresholds.onTrack = value
            case "at-risk-margin": thresholds.atRisk = value
            default: throw StoreError(.damaged, path: path, "table settings, row '\(name)': not a setting FieldKit knows")
            }
        }
        return thresholds
    }

    /// Every partner, with its contacts.
    func partners() throws -> [Partner] {
        var contacts: [String: [Contact]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT partner_id, name, role FROM partner_contacts ORDER BY partner_id, position")) {
            contacts[row["partner_id"], default: []].append(Contact(name: row["name"], role: row["role"]))
        }
        return try rows("SELECT id, name, acronym, kind, country, ref FROM partners", table: "partners") { row in
            let id: String = row["id"]
            return Partner(
                id: PartnerID(id), name: row["name"], acronym: row["acronym"],
                kind: try (row["kind"] as String?).map { try word($0, "kind", in: "partners", id) },
                country: row["country"], ref: row["ref"], contacts: contacts[id] ?? [])
        }
    }

    private func projects(_ only: Subset, lists withLists: Bool) throws -> [Project] {
        let arguments = only.arguments
        let projectRegions = try lists(
            "SELECT project_id, region_id FROM project_regions\(only("project_id")) ORDER BY project_id, position", arguments)
        var sectors: [String: [String]] = [:]
        var groups: [String: [String]] = [:]
        var tags: [String: [String]] = [:]
        if withLists {
            sectors = try lists("SELECT project_id, sector FROM project_sectors\(only("project_id")) ORDER BY project_id, position", arguments)
            groups = try lists(
                "SELECT project_id, target_group FROM project_target_groups\(only("project_id")) ORDER BY project_id, position", arguments)
            tags = try lists("SELECT project_id, tag FROM project_tags\(only("project_id")) ORDER BY project_id, position", arguments)
        }
        var shares: [String: [RegionID: Decimal]] = [:]
        let sharesSQL = "SELECT project_id, region_id, CAST(percentage AS TEXT) FROM project_regions WHERE percentage IS NOT NULL"
            + (only.all ? "" : " AND project_id IN (SELECT value FROM json_each(?))")
        for row in try Row.fetchAll(db, sql: sharesSQL, arguments: arguments) {
            let id: String = row[0]
            if let share = try decimal(row[2], "percentage", in: "project_regions", id) { shares[id, default: [:]][RegionID(row[1])] = share }
        }
        var translations: [String: [Translation]] = [:]
        if withLists {
            let sql = "SELECT project_id, field, language, text FROM project_translations\(only("project_id")) ORDER BY project_id, position"
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let id: String = row[0]
                translations[id, default: []].append(
                    Translation(field: try word(row[1], "field", in: "project_translations", id), language: row[2], text: row[3]))
            }
        }
        return try rows(
            """
            SELECT id, title, summary, status, start, "end", actual_start, actual_end,
                CAST(budget AS TEXT) AS budget, budget_currency, language FROM projects\(only("id"))
            """, arguments, table: "projects"
        ) { row in
            // By position, in the SELECT's order, as for measurements: looking names up showed.
            let id: String = row[0]
            func day(_ index: Int, _ column: String) throws -> Day? {
                try (row[index] as String?).map { try parse($0, column, in: "projects", id) }
            }
            return Project(
                id: ProjectID(id), title: row[1], summary: row[2],
                status: try word(row[3], "status", in: "projects", id), start: try day(4, "start"), end: try day(5, "end"),
                actualStart: try day(6, "actual_start"), actualEnd: try day(7, "actual_end"),
                budget: try money(row[8], row[9], "budget", in: "projects", id),
                sectors: sectors[id] ?? [], targetGroups: groups[id] ?? [], tags: tags[id] ?? [],
                regions: (projectRegions[id] ?? []).map { RegionID($0) }, regionShares: shares[id] ?? [:], language: row[10],
                translations: translations[id] ?? [])
        }
    }

    private func outcomes(_ only: Subset) throws -> [Outcome] {
        let arguments = only.arguments
        let outcomeRegions = try lists(
            "SELECT project_id || '/' || outcome_key, region_id FROM outcome_regions\(only("project_id")) ORDER BY project_id, outcome_key, position",
            arguments)
        let outcomeDims = try lists(
            "SELECT project_id || '/' || outcome_key, dim FROM outcome_dims\(only("project_id")) ORDER BY project_id, outcome_key, position",
            arguments)
        return try rows(
            """
            SELECT project_id, key, title, level, unit, measure, CAST(baseline AS TEXT) AS baseline, baseline_date,
                CAST(target AS TEXT) AS target, due, direction FROM outcomes\(only("project_id"))
            """, arguments, table: "outcomes"
        ) { row in
            // By position, in the SELECT's order: looking each name up cost a fifth of the read.
            let id = OutcomeID(project: ProjectID(row[0]), key: row[1])
            let name = id.rawValue
            return Outcome(
                id: id, title: row[2], level: try word(row[3], "level", in: "outcomes", name), unit: row[4],
                measure: try word(row[5], "measure", in: "outcomes", name),
                baseline: try decimal(row[6], "baseline", in: "outcomes", name),
                baselineDate: try (row[7] as String?).map { try parse($0, "baseline_date", in: "outcomes", name) },
                target: try decimal(row[8], "target", in: "outcomes", name),
                due: try (row[9] as String?).map { try parse($0, "due", in: "outcomes", name) },
                direction: try word(row[10], "direction", in: "outcomes", name),
                regions: (outcomeRegions[name] ?? []).map { RegionID($0) }, dims: outcomeDims[name] ?? [])
        }
    }

    private func participations(_ only: Subset) throws -> [Participation] {
        try rows(
            "SELECT project_id, partner_id, role, CAST(amount AS TEXT) AS amount, currency FROM participations\(only("project_id")) ORDER BY rowid",
            only.arguments, table: "participations"
        ) { row in
            // By position, in the SELECT's order, as for outcomes.
            let project: String = row[0]
            let partner: String = row[1]
            return Participation(
                project: ProjectID(project), partner: PartnerID(partner),
                role: try word(row[2], "role", in: "participations", "\(project) \(partner)"),
                amount: try money(row[3], row[4], "amount", in: "participations", "\(project) \(partner)"))
        }
    }

    /// Every measurement of `only`'s projects, handed to `take` one by one as read.
    private func measurements(_ only: Subset, _ take: (OutcomeRecord) throws(ChangeError) -> Void) throws {
        let arguments = only.arguments
        var dimensions: [String: [String: String]] = [:]
        let dimsSQL = "SELECT measurement_id, dim, value FROM measurement_dims"
            + (only.all ? "" : " WHERE measurement_id IN (SELECT id FROM measurements\(only("project_id")))")
        for row in try Row.fetchAll(db.cachedStatement(sql: dimsSQL), arguments: arguments) {
            dimensions[row["measurement_id"], default: [:]][row["dim"]] = row["value"] as String
        }
        let cursor = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT id, project_id, outcome_key, date, CAST(value AS TEXT) AS value, note, source FROM measurements\(only("project_id"))"),
            arguments: arguments)
        while let row = try cursor.next() {
            // By position, in the SELECT's order: the largest table, where looking columns up by name showed.
            let id: String = row[0]
            try take(OutcomeRecord(
                id: RecordID(id), outcome: OutcomeID(project: ProjectID(row[1]), key: row[2]),
                date: try parse(row[3], "date", in: "measurements", id),
                value: try decimal(row[4], "value", in: "measurements", id),
                dimensions: dimensions.isEmpty ? [:] : dimensions[id] ?? [:],
                note: row[5], source: row[6]))
        }
    }

    private func notes(_ only: Subset) throws -> [Note] {
        try rows("SELECT id, project_id, date, text FROM notes\(only("project_id"))", only.arguments, table: "notes") { row in
            let id: String = row["id"]
            return Note(
                id: RecordID(id), project: ProjectID(row["project_id"]), date: try parse(row["date"], "date", in: "notes", id),
                text: row["text"])
        }
    }

    // Statements come from the connection's cache: a script of narrowed questions reads
    // with the same dozen statements, prepared once, not once per question.
    private func rows<T>(_ sql: String, _ arguments: StatementArguments = [], table: String, _ make: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try cursor.next() { result.append(try make(row)) }
        return result
    }

    /// Two-column rows grouped by the first column, in query order.
    private func lists(_ sql: String, _ arguments: StatementArguments = []) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try cursor.next() {
            let owner: String = row[0]
            result[owner, default: []].append(row[1])
        }
        return result
    }

    private func word<W: Vocabulary>(_ text: String, _ column: String, in table: String, _ id: @autoclosure () -> String) throws -> W {
        try values.word(text, column, in: table, id())
    }

    private func parse(_ text: String, _ column: String, in table: String, _ id: @autoclosure () -> String) throws -> Day {
        try values.day(text, column, in: table, id())
    }

    private func decimal(_ text: String?, _ column: String, in table: String, _ id: @autoclosure () -> String) throws -> Decimal? {
        try values.decimal(text, column, in: table, id())
    }

    private func money(_ amount: String?, _ currency: String?, _ column: String, in table: String, _ id: @autoclosure () -> String) throws -> Money? {
        try values.money(amount, currency, column, in: table, id())
    }
}
