import FieldKit
import Foundation
import GRDB

/// Writes the current-state tables to follow a change, one change at a time.
///
/// Renames rely on the schema's `ON UPDATE CASCADE` foreign keys: changing a project's
/// id moves its outcomes, records, links and notes with it in one statement.
struct StateWriter {
    let db: Database

    func write(_ change: Change) throws {
        switch change {
        case .addProject(let project): try insert(project)
        case .updateProject(let old, let new):
            try execute(
                """
                UPDATE projects SET title = ?, summary = ?, status = ?, start = ?, "end" = ?, actual_start = ?,
                    actual_end = ?, budget = ?, budget_currency = ? WHERE id = ?
                """,
                [new.title, new.summary, new.status.rawValue, new.start?.description, new.end?.description,
                 new.actualStart?.description, new.actualEnd?.description, new.budget.map { number($0.amount) },
                 new.budget?.currency, old.id.rawValue])
            for table in ["project_regions", "project_sectors", "project_target_groups", "project_tags"] {
                try execute("DELETE FROM \(table) WHERE project_id = ?", [old.id.rawValue])
            }
            try insertLists(of: new)
        case .removeProject(let project): try execute("DELETE FROM projects WHERE id = ?", [project.id.rawValue])
        case .renameProject(let from, let to): try execute("UPDATE projects SET id = ? WHERE id = ?", [to.rawValue, from.rawValue])

        case .addPartner(let partner): try insert(partner)
        case .updatePartner(let old, let new):
            try execute(
                "UPDATE partners SET name = ?, acronym = ?, kind = ?, country = ?, ref = ? WHERE id = ?",
                [new.name, new.acronym, new.kind?.rawValue, new.country, new.ref, old.id.rawValue])
            try execute("DELETE FROM partner_contacts WHERE partner_id = ?", [old.id.rawValue])
            try insertContacts(of: new)
        case .removePartner(let partner): try execute("DELETE FROM partners WHERE id = ?", [partner.id.rawValue])
        case .renamePartner(let from, let to): try execute("UPDATE partners SET id = ? WHERE id = ?", [to.rawValue, from.rawValue])

        case .addRegion(let region): try insert(region)
        case .updateRegion(let old, let new):
            try execute(
                "UPDATE regions SET name = ?, level = ?, parent_id = ? WHERE id = ?",
                [new.name, new.level.rawValue, new.parent?.rawValue, old.id.rawValue])
            try execute("DELETE FROM region_members WHERE area_id = ?", [old.id.rawValue])
            try insertMembers(of: new)
        case .removeRegion(let region): try execute("DELETE FROM regions WHERE id = ?", [region.id.rawValue])
        case .renameRegion(let from, let to): try execute("UPDATE regions SET id = ? WHERE id = ?", [to.rawValue, from.rawValue])

        case .addOutcome(let outcome): try insert(outcome)
        case .updateOutcome(let old, let new):
            try execute(
                """
                UPDATE outcomes SET title = ?, level = ?, unit = ?, measure = ?, baseline = ?, baseline_date = ?,
                    target = ?, due = ?, direction = ? WHERE project_id = ? AND key = ?
                """,
                [new.title, new.level.rawValue, new.unit, new.measure.rawValue, new.baseline.map(number),
                 new.baselineDate?.description, new.target.map(number), new.due?.description,
                 new.direction.rawValue, old.id.project.rawValue, old.id.key.rawValue])
            try execute("DELETE FROM outcome_regions WHERE project_id = ? AND outcome_key = ?", [old.id.project.rawValue, old.id.key.rawValue])
            try execute("DELETE FROM outcome_dims WHERE project_id = ? AND outcome_key = ?", [old.id.project.rawValue, old.id.key.rawValue])
            try insertLists(of: new)
        case .removeOutcome(let outcome):
            try execute("DELETE FROM outcomes WHERE project_id = ? AND key = ?", [outcome.id.project.rawValue, outcome.id.key.rawValue])
        case .renameOutcome(let from, let to):
            try execute(
                "UPDATE outcomes SET project_id = ?, key = ? WHERE project_id = ? AND key = ?",
                [to.project.rawValue, to.key.rawValue, from.project.rawValue, from.key.rawValue])

        case .link(let link):
            try execute(
                "INSERT INTO participations (project_id, partner_id, role, amount, currency) VALUES (?, ?, ?, ?, ?)",
                [link.project.rawValue, link.partner.rawValue, link.role.rawValue, link.amount.map { number($0.amount) },
                 link.amount?.currency])
        case .unlink(let link):
            try execute(
                "DELETE FROM participations WHERE project_id = ? AND partner_id = ? AND role = ?",
                [link.project.rawValue, link.partner.rawValue, link.role.rawValue])

        case .record(let record):
            try execute(
                "INSERT INTO measurements (id, project_id, outcome_key, date, value, note, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [record.id.rawValue, record.outcome.project.rawValue, record.outcome.key.rawValue, record.date.description,
                 record.value.map(number), record.note, record.source])
            for (dim, value) in record.dimensions.sorted(by: { $0.key < $1.key }) {
                try execute("INSERT INTO measurement_dims (measurement_id, dim, value) VALUES (?, ?, ?)", [record.id.rawValue, dim, value])
            }
        case .unrecord(let record): try execute("DELETE FROM measurements WHERE id = ?", [record.id.rawValue])

        case .addNote(let note):
            try execute(
                "INSERT INTO notes (id, project_id, date, text) VALUES (?, ?, ?, ?)",
                [note.id.rawValue, note.project.rawValue, note.date.description, note.text])
        case .removeNote(let note): try execute("DELETE FROM notes WHERE id = ?", [note.id.rawValue])
        }
    }

    private func insert(_ project: Project) throws {
        try execute(
            """
            INSERT INTO projects (id, title, summary, status, start, "end", actual_start, actual_end, budget, budget_currency)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [project.id.rawValue, project.title, project.summary, project.status.rawValue, project.start?.description,
             project.end?.description, project.actualStart?.description, project.actualEnd?.description,
             project.budget.map { number($0.amount) }, project.budget?.currency])
        try insertLists(of: project)
    }

    private func insertLists(of project: Project) throws {
        let id = project.id.rawValue
        try insertList(project.regions.map(\.rawValue), "INSERT INTO project_regions (project_id, position, region_id) VALUES (?, ?, ?)", id)
        try insertList(project.sectors, "INSERT INTO project_sectors (project_id, position, sector) VALUES (?, ?, ?)", id)
        try insertList(project.targetGroups, "INSERT INTO project_target_groups (project_id, position, target_group) VALUES (?, ?, ?)", id)
        try insertList(project.tags, "INSERT INTO project_tags (project_id, position, tag) VALUES (?, ?, ?)", id)
    }

    private func insert(_ partner: Partner) throws {
        try execute(
            "INSERT INTO partners (id, name, acronym, kind, country, ref) VALUES (?, ?, ?, ?, ?, ?)",
            [partner.id.rawValue, partner.name, partner.acronym, partner.kind?.rawValue, partner.country, partner.ref])
        try insertContacts(of: partner)
    }

    private func insertContacts(of partner: Partner) throws {
        for (position, contact) in partner.contacts.enumerated() {
            try execute(
                "INSERT INTO partner_contacts (partner_id, position, name, role) VALUES (?, ?, ?, ?)",
                [partner.id.rawValue, position, contact.name, contact.role])
        }
    }

    private func insert(_ region: Region) throws {
        try execute(
            "INSERT INTO regions (id, name, level, parent_id) VALUES (?, ?, ?, ?)",
            [region.id.rawValue, region.name, region.level.rawValue, region.parent?.rawValue])
        try insertMembers(of: region)
    }

    private func insertMembers(of region: Region) throws {
        try insertList(
            region.includes.map(\.rawValue), "INSERT INTO region_members (area_id, position, member_id) VALUES (?, ?, ?)",
            region.id.rawValue)
    }

    private func insert(_ outcome: Outcome) throws {
        try execute(
            """
            INSERT INTO outcomes (project_id, key, title, level, unit, measure, baseline, baseline_date, target, due, direction)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [outcome.id.project.rawValue, outcome.id.key.rawValue, outcome.title, outcome.level.rawValue, outcome.unit,
             outcome.measure.rawValue, outcome.baseline.map(number), outcome.baselineDate?.description,
             outcome.target.map(number), outcome.due?.description, outcome.direction.rawValue])
        try insertLists(of: outcome)
    }

    private func insertLists(of outcome: Outcome) throws {
        let project = outcome.id.project.rawValue
        let key = outcome.id.key.rawValue
        for (position, region) in outcome.regions.enumerated() {
            try execute(
                "INSERT INTO outcome_regions (project_id, outcome_key, position, region_id) VALUES (?, ?, ?, ?)",
                [project, key, position, region.rawValue])
        }
        for (position, dim) in outcome.dims.enumerated() {
            try execute(
                "INSERT INTO outcome_dims (project_id, outcome_key, position, dim) VALUES (?, ?, ?, ?)",
                [project, key, position, dim])
        }
    }

    private func insertList(_ values: [String], _ sql: String, _ owner: String) throws {
        for (position, value) in values.enumerated() { try execute(sql, [owner, position, value]) }
    }

    /// Runs a statement, prepared once per connection.
    private func execute(_ sql: String, _ arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// A decimal as SQLite's NUMERIC text, so that analysts can sum and compare it.
    private func number(_ value: Decimal) -> String { "\(value)" }
}
