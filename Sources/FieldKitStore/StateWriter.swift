import FieldKit
import Foundation

/// Writes the current-state tables to follow a change, one change at a time.
///
/// Renames rely on the schema's `ON UPDATE CASCADE` foreign keys: changing a project's
/// id moves its outcomes, records, links and notes with it in one statement.
package struct StateWriter<Runner: StatementRunner> {
    let statements: Runner
    let numbers: NumberTexts

    /// A writer that runs its statements through `statements`, with decimals as `numbers` spells them.
    package init(statements: Runner, numbers: NumberTexts) {
        self.statements = statements
        self.numbers = numbers
    }

    /// Writes the state rows and journal entries of `entries`, oldest first.
    package static func persist(_ entries: ArraySlice<JournalEntry>, with statements: Runner) throws {
        var json = JournalJSON()
        let writer = StateWriter(statements: statements, numbers: json.numbers)
        // A batch's entries share one time: formatted once, not once per entry.
        var formatted: (date: Date, text: String)?
        for entry in entries {
            for change in entry.changes { try writer.write(change) }
            let time: String
            if let formatted, formatted.date == entry.time {
                time = formatted.text
            } else {
                time = JournalTable.format(entry.time)
                formatted = (entry.time, time)
            }
            try JournalTable.append(entry, time: time, json: &json, with: statements)
        }
    }

    /// Writes what `change` changes in the state tables: the rows it adds, updates or deletes.
    package func write(_ change: Change) throws {
        switch change {
        case .addProject(let project): try insert(project)
        case .updateProject(let old, let new):
            try execute(
                """
                UPDATE projects SET title = ?, summary = ?, status = ?, start = ?, "end" = ?, actual_start = ?,
                    actual_end = ?, budget = ?, budget_currency = ?, language = ? WHERE id = ?
                """,
                [.text(new.title), .optional(new.summary), .text(new.status.rawValue), day(new.start), day(new.end),
                 day(new.actualStart), day(new.actualEnd), .optional(new.budget.map { number($0.amount) }),
                 .optional(new.budget?.currency), .optional(new.language), .text(old.id.rawValue)])
            let deletions: [StaticString] = [
                "DELETE FROM project_regions WHERE project_id = ?", "DELETE FROM project_sectors WHERE project_id = ?",
                "DELETE FROM project_target_groups WHERE project_id = ?", "DELETE FROM project_tags WHERE project_id = ?",
                "DELETE FROM project_translations WHERE project_id = ?",
            ]
            for sql in deletions { try execute(sql, [.text(old.id.rawValue)]) }
            try insertLists(of: new)
        case .removeProject(let project): try execute("DELETE FROM projects WHERE id = ?", [.text(project.id.rawValue)])
        case .renameProject(let from, let to): try execute("UPDATE projects SET id = ? WHERE id = ?", [.text(to.rawValue), .text(from.rawValue)])

        case .addPartner(let partner): try insert(partner)
        case .updatePartner(let old, let new):
            try execute(
                "UPDATE partners SET name = ?, acronym = ?, kind = ?, country = ?, ref = ? WHERE id = ?",
                [.text(new.name), .optional(new.acronym), .optional(new.kind?.rawValue), .optional(new.country),
                 .optional(new.ref), .text(old.id.rawValue)])
            try execute("DELETE FROM partner_contacts WHERE partner_id = ?", [.text(old.id.rawValue)])
            try insertContacts(of: new)
        case .removePartner(let partner): try execute("DELETE FROM partners WHERE id = ?", [.text(partner.id.rawValue)])
        case .renamePartner(let from, let to): try execute("UPDATE partners SET id = ? WHERE id = ?", [.text(to.rawValue), .text(from.rawValue)])

        case .addRegion(let region): try insert(region)
        case .updateRegion(let old, let new):
            try execute(
                "UPDATE regions SET name = ?, level = ?, parent_id = ? WHERE id = ?",
                [.text(new.name), .text(new.level.rawValue), .optional(new.parent?.rawValue), .text(old.id.rawValue)])
            try execute("DELETE FROM region_members WHERE area_id = ?", [.text(old.id.rawValue)])
            try insertMembers(of: new)
        case .removeRegion(let region): try execute("DELETE FROM regions WHERE id = ?", [.text(region.id.rawValue)])
        case .renameRegion(let from, let to): try execute("UPDATE regions SET id = ? WHERE id = ?", [.text(to.rawValue), .text(from.rawValue)])

        case .addOutcome(let outcome): try insert(outcome)
        case .updateOutcome(let old, let new):
            try execute(
                """
                UPDATE outcomes SET title = ?, level = ?, unit = ?, measure = ?, baseline = ?, baseline_date = ?,
                    target = ?, due = ?, direction = ? WHERE project_id = ? AND key = ?
                """,
                [.text(new.title), .text(new.level.rawValue), .optional(new.unit), .text(new.measure.rawValue),
                 .optional(new.baseline.map(number)), day(new.baselineDate), .optional(new.target.map(number)), day(new.due),
                 .text(new.direction.rawValue), .text(old.id.project.rawValue), .text(old.id.key.rawValue)])
            let owner: [SQLValue] = [.text(old.id.project.rawValue), .text(old.id.key.rawValue)]
            try execute("DELETE FROM outcome_regions WHERE project_id = ? AND outcome_key = ?", owner)
            try execute("DELETE FROM outcome_dims WHERE project_id = ? AND outcome_key = ?", owner)
            try insertLists(of: new)
        case .removeOutcome(let outcome):
            try execute(
                "DELETE FROM outcomes WHERE project_id = ? AND key = ?", [.text(outcome.id.project.rawValue), .text(outcome.id.key.rawValue)])
        case .renameOutcome(let from, let to):
            try execute(
                "UPDATE outcomes SET project_id = ?, key = ? WHERE project_id = ? AND key = ?",
                [.text(to.project.rawValue), .text(to.key.rawValue), .text(from.project.rawValue), .text(from.key.rawValue)])

        case .link(let link):
            try execute(
                "INSERT INTO participations (project_id, partner_id, role, amount, currency) VALUES (?, ?, ?, ?, ?)",
                [.text(link.project.rawValue), .text(link.partner.rawValue), .text(link.role.rawValue),
                 .optional(link.amount.map { number($0.amount) }), .optional(link.amount?.currency)])
        case .unlink(let link):
            try execute(
                "DELETE FROM participations WHERE project_id = ? AND partner_id = ? AND role = ?",
                [.text(link.project.rawValue), .text(link.partner.rawValue), .text(link.role.rawValue)])

        case .record(let record):
            try execute(
                "INSERT INTO measurements (id, project_id, outcome_key, date, value, note, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.text(record.id.rawValue), .text(record.outcome.project.rawValue), .text(record.outcome.key.rawValue),
                 .text(record.date.description), .optional(record.value.map(number)), .optional(record.note), .optional(record.source)])
            for (dim, value) in record.dimensions.sorted(by: { $0.key < $1.key }) {
                try execute("INSERT INTO measurement_dims (measurement_id, dim, value) VALUES (?, ?, ?)", [.text(record.id.rawValue), .text(dim), .text(value)])
            }
        case .unrecord(let record): try execute("DELETE FROM measurements WHERE id = ?", [.text(record.id.rawValue)])

        case .addNote(let note):
            try execute(
                "INSERT INTO notes (id, project_id, date, text) VALUES (?, ?, ?, ?)",
                [.text(note.id.rawValue), .text(note.project.rawValue), .text(note.date.description), .text(note.text)])
        case .removeNote(let note): try execute("DELETE FROM notes WHERE id = ?", [.text(note.id.rawValue)])
        case .setThresholds(_, let new):
            try execute("DELETE FROM settings", [])
            guard new != .standard else { return }
            try execute("INSERT INTO settings (name, value) VALUES ('on-track-margin', ?)", [.text(number(new.onTrack))])
            try execute("INSERT INTO settings (name, value) VALUES ('at-risk-margin', ?)", [.text(number(new.atRisk))])
        }
    }

    private func insert(_ project: Project) throws {
        try execute(
            """
            INSERT INTO projects (id, title, summary, status, start, "end", actual_start, actual_end, budget, budget_currency, language)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(project.id.rawValue), .text(project.title), .optional(project.summary), .text(project.status.rawValue),
             day(project.start), day(project.end), day(project.actualStart), day(project.actualEnd),
             .optional(project.budget.map { number($0.amount) }), .optional(project.budget?.currency),
             .optional(project.language)])
        try insertLists(of: project)
    }

    private func insertLists(of project: Project) throws {
        let id = project.id.rawValue
        if project.regionShares.isEmpty {
            try insertList(project.regions.map(\.rawValue), "INSERT INTO project_regions (project_id, position, region_id) VALUES (?, ?, ?)", id)
        } else {
            for (position, region) in project.regions.enumerated() {
                try execute(
                    "INSERT INTO project_regions (project_id, position, region_id, percentage) VALUES (?, ?, ?, ?)",
                    [.text(id), .integer(Int64(position)), .text(region.rawValue), .optional(project.regionShares[region].map(number))])
            }
        }
        try insertList(project.sectors, "INSERT INTO project_sectors (project_id, position, sector) VALUES (?, ?, ?)", id)
        try insertList(project.targetGroups, "INSERT INTO project_target_groups (project_id, position, target_group) VALUES (?, ?, ?)", id)
        try insertList(project.tags, "INSERT INTO project_tags (project_id, position, tag) VALUES (?, ?, ?)", id)
        for (position, translation) in project.translations.enumerated() {
            try execute(
                "INSERT INTO project_translations (project_id, position, field, language, text) VALUES (?, ?, ?, ?, ?)",
                [.text(id), .integer(Int64(position)), .text(translation.field.rawValue), .text(translation.language),
                 .text(translation.text)])
        }
    }

    private func insert(_ partner: Partner) throws {
        try execute(
            "INSERT INTO partners (id, name, acronym, kind, country, ref) VALUES (?, ?, ?, ?, ?, ?)",
            [.text(partner.id.rawValue), .text(partner.name), .optional(partner.acronym), .optional(partner.kind?.rawValue),
             .optional(partner.country), .optional(partner.ref)])
        try insertContacts(of: partner)
    }

    private func insertContacts(of partner: Partner) throws {
        for (position, contact) in partner.contacts.enumerated() {
            try execute(
                "INSERT INTO partner_contacts (partner_id, position, name, role) VALUES (?, ?, ?, ?)",
                [.text(partner.id.rawValue), .integer(Int64(position)), .text(contact.name), .optional(contact.role)])
        }
    }

    private func insert(_ region: Region) throws {
        try execute(
            "INSERT INTO regions (id, name, level, parent_id) VALUES (?, ?, ?, ?)",
            [.text(region.id.rawValue), .text(region.name), .text(region.level.rawValue), .optional(region.parent?.rawValue)])
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
            [.text(outcome.id.project.rawValue), .text(outcome.id.key.rawValue), .text(outcome.title), .text(outcome.level.rawValue),
             .optional(outcome.unit), .text(outcome.measure.rawValue), .optional(outcome.baseline.map(number)),
             day(outcome.baselineDate), .optional(outcome.target.map(number)), day(outcome.due), .text(outcome.direction.rawValue)])
        try insertLists(of: outcome)
    }

    private func insertLists(of outcome: Outcome) throws {
        let project = outcome.id.project.rawValue
        let key = outcome.id.key.rawValue
        for (position, region) in outcome.regions.enumerated() {
            try execute(
                "INSERT INTO outcome_regions (project_id, outcome_key, position, region_id) VALUES (?, ?, ?, ?)",
                [.text(project), .text(key), .integer(Int64(position)), .text(region.rawValue)])
        }
        for (position, dim) in outcome.dims.enumerated() {
            try execute(
                "INSERT INTO outcome_dims (project_id, outcome_key, position, dim) VALUES (?, ?, ?, ?)",
                [.text(project), .text(key), .integer(Int64(position)), .text(dim)])
        }
    }

    private func insertList(_ values: [String], _ sql: StaticString, _ owner: String) throws {
        for (position, value) in values.enumerated() { try execute(sql, [.text(owner), .integer(Int64(position)), .text(value)]) }
    }

    /// Runs a statement, prepared once per write.
    private func execute(_ sql: StaticString, _ values: [SQLValue]) throws {
        try statements.run(sql, values)
    }

    /// A day as ISO 8601 text (`2007`, `2007-04`, `2007-04-24`), or NULL.
    private func day(_ value: Day?) -> SQLValue { .optional(value?.description) }

    /// A decimal as SQLite's NUMERIC text, so that analysts can sum and compare it.
    private func number(_ value: Decimal) -> String { numbers.text(value) }
}
