import FieldKit
import Foundation

extension Reports {
    /// A full card of one thing: `show [<kind>] <id>`.
    func show(kind: Located<EntityKind>?, id: Expression) throws(Diagnostic) -> Card {
        let target = try ChangeBuilder(evaluator: evaluator).resolve(kind: kind, id: id)
        switch target {
        case .project(let project): return try card(of: project)
        case .partner(let partner): return card(of: partner)
        case .region(let region): return card(of: region)
        case .outcome(let outcome): return card(of: outcome)
        }
    }

    /// A project: its fields, partners by role with amounts, regions with their parents,
    /// outcomes with their bars, the latest notes, and who created and last changed it.
    private func card(of project: Project) throws(Diagnostic) -> Card {
        var sections: [Card.Section] = []
        if !project.translations.isEmpty {
            sections.append(Card.Section("translations", Table(
                columns: [Column("field"), Column("language"), Column("text")],
                rows: project.translations.map { [.text($0.field.rawValue), .text($0.language), .text($0.text)] })))
        }
        let links = portfolio.participations(of: project.id)
        if !links.isEmpty {
            sections.append(Card.Section("partners", Table(
                columns: [Column(.role), Column(.partner), Column(.name, dropRank: 0), Column(.amount, numeric: true)],
                rows: links.sorted { $0.role.iatiCode < $1.role.iatiCode }.map {
                    [.text($0.role.rawValue), .text($0.partner.rawValue), .text(portfolio.partners[$0.partner]?.name ?? ""), $0.amount.map { .money($0) } ?? .null]
                })))
        }
        if !project.regions.isEmpty {
            sections.append(Card.Section("regions", Table(
                columns: [Column("region"), Column(.name), Column("within"), Column("share", numeric: true)],
                rows: project.regions.map { id in
                    let chain = portfolio.ancestors(of: id).map { portfolio.regions[$0]?.name ?? $0.rawValue }
                    let area = portfolio.regions[id]?.level == .area ? "area of \(portfolio.regions[id]?.includes.count ?? 0) regions" : nil
                    return [
                        .text(id.rawValue), Sources.optional(portfolio.regions[id]?.name),
                        .text(chain.isEmpty ? area ?? "" : chain.reversed().joined(separator: " › ")),
                        project.regionShares[id].map { .text("\($0)%") } ?? .null,
                    ]
                })))
        }
        let outcomes = progress(of: portfolio.outcomes(of: project.id).map(\.id).sorted(), by: nil)
        if !outcomes.rows.isEmpty {
            let chosen: [FieldRef] = [.field(.outcome), .field(.title), .field(.current), .field(.target), .field(.progress), .field(.expected), .field(.status), .field(.note)]
            sections.append(Card.Section("outcomes", outcomes.table(columns: chosen)))
        }
        let notes = portfolio.notes(of: project.id).filter { context.isIncluded($0.date) }
        if !notes.isEmpty {
            // The latest five, newest first; `notes where project = …` lists them all.
            let latest = notes.suffix(5).reversed()
            sections.append(Card.Section(notes.count > 5 ? "latest notes (\(notes.count) in all)" : "notes", Table(
                columns: [Column(.date), Column(.text)], rows: latest.map { [.day($0.date), .text($0.text)] })))
        }
        var card = Card(title: "project \(project.id)", fields: cardFields(Sources.projects(context), where: .id, equals: project.id.rawValue), sections: sections)
        if let language = project.language { card.fields.append(Card.Field("language", .text(language))) }
        card.fields += try authorship(of: project.id.rawValue)
        return card
    }

    /// `created` and `changed`: when, by whom and from where, from the journal.
    private func authorship(of id: String) throws(Diagnostic) -> [Card.Field] {
        let entries = try context.journal(.mentioning([id.lowercased()])).filter { entry in
            entry.changes.contains { $0.subject.lowercased() == id.lowercased() || $0.subject.lowercased().hasPrefix(id.lowercased() + "/") }
        }
        func line(_ entry: JournalEntry) -> Value {
            .text("\(Value.localTimestamp(entry.time)) by \(entry.actor) (\(entry.origin))")
        }
        guard let first = entries.first, let last = entries.last else { return [] }
        var fields = [Card.Field("created", line(first))]
        if last.sequence != first.sequence { fields.append(Card.Field("changed", line(last))) }
        return fields
    }

    /// A partner: its projects by role, and its money by role and currency.
    private func card(of partner: Partner) -> Card {
        var sections: [Card.Section] = []
        let links = portfolio.participations(ofPartner: partner.id).sorted { ($0.role.iatiCode, $0.project) < ($1.role.iatiCode, $1.project) }
        if !links.isEmpty {
            sections.append(Card.Section("projects", Table(
                columns: [Column(.role), Column(.project), Column(.title), Column(.status), Column(.amount, numeric: true)],
                rows: links.map { link in
                    let project = portfolio.projects[link.project]
                    return [
                        .text(link.role.rawValue), .text(link.project.rawValue), Sources.optional(project?.title),
                        Sources.optional(project?.status.rawValue), link.amount.map { .money($0) } ?? .null,
                    ]
                })))
            struct Key: Hashable { var role: Role; var currency: String }
            var totals: [Key: (Decimal, Int)] = [:]
            for link in links {
                guard let amount = link.amount else { continue }
                let key = Key(role: link.role, currency: amount.currency)
                totals[key] = ((totals[key]?.0 ?? 0) + amount.amount, (totals[key]?.1 ?? 0) + 1)
            }
            if !totals.isEmpty {
                sections.append(Card.Section("money", Table(
                    columns: [Column(.role), Column(.currency), Column(.amount, numeric: true), Column(.projects, numeric: true)],
                    rows: totals.keys.sorted { ($0.role.iatiCode, $0.currency) < ($1.role.iatiCode, $1.currency) }.map { key in
                        let (amount, count) = totals[key] ?? (0, 0)
                        let money: Value = (try? Money(amount: amount, currency: key.currency)).map { .money($0) } ?? .null
                        return [.text(key.role.rawValue), .text(key.currency), money, .number(Decimal(count))]
                    })))
            }
        }
        return Card(title: "partner \(partner.id)", fields: cardFields(Sources.partners(context), where: .id, equals: partner.id.rawValue), sections: sections)
    }

    /// A region: where it stands in the hierarchy, the areas it belongs to, what it holds,
    /// and the projects under it.
    private func card(of region: Region) -> Card {
        var sections: [Card.Section] = []
        let projects = portfolio.projects(under: region.id).sorted()
        if !projects.isEmpty {
            sections.append(Card.Section("projects under it", Table(
                columns: [Column(.project), Column(.title), Column(.status), Column("where")],
                rows: projects.compactMap { portfolio.projects[$0] }.map { project in
                    let direct = project.regions.contains(region.id)
                    let within = project.regions.filter { $0 != region.id && portfolio.isRegion($0, under: region.id) }.map(\.rawValue)
                    return [.text(project.id.rawValue), .text(project.title), .text(project.status.rawValue), .text(direct ? "here" : within.joined(separator: ", "))]
                })))
        }
        var card = Card(title: "region \(region.id)", fields: cardFields(Sources.regions(context), where: .id, equals: region.id.rawValue), sections: sections)
        let chain = portfolio.ancestors(of: region.id).map { portfolio.regions[$0]?.name ?? $0.rawValue }
        if !chain.isEmpty { card.fields.append(Card.Field("within", .text(chain.reversed().joined(separator: " › ")))) }
        let areas = portfolio.areas(including: region.id).map(\.rawValue)
        if !areas.isEmpty { card.fields.append(Card.Field("areas", Sources.list(areas))) }
        let children = portfolio.children(of: region.id).map { portfolio.regions[$0]?.name ?? $0.rawValue }
        if !children.isEmpty { card.fields.append(Card.Field("contains", Sources.list(children))) }
        return card
    }

    /// An outcome: its fields with its bar, its records with a column per dimension, and a
    /// sparkline of its history.
    private func card(of outcome: Outcome) -> Card {
        let records = portfolio.measurements(of: outcome.id).filter { context.isIncluded($0.date) }
        var sections: [Card.Section] = []
        if !records.isEmpty {
            let dimensions = outcome.dims + Set(records.flatMap(\.dimensions.keys)).subtracting(outcome.dims).sorted()
            sections.append(Card.Section("records", Table(
                columns: [Column(.date), Column(.value, numeric: true)] + dimensions.map { Column($0) } + [Column(.note), Column(.source, dropRank: 0)],
                rows: records.map { record in
                    [.day(record.date), Sources.optional(record.value)] + dimensions.map { Sources.optional(record.dimensions[$0]) }
                        + [Sources.optional(record.note), Sources.optional(record.source)]
                })))
        }
        var fields = cardFields(Sources.outcomes(context), where: .id, equals: outcome.id.rawValue)
        for index in fields.indices where fields[index].name == Field.progress.rawValue {
            fields[index].drawing = .bar(mark: Field.expected.rawValue)
        }
        // The value after each day's records: for a count the running total, else the latest.
        var points: [Value] = []
        var running = outcome.baseline ?? 0
        var days: [Day] = []
        for record in records {
            guard let value = record.value else { continue }
            if outcome.measure == .count { running += value } else { running = value }
            if days.last == record.date, !points.isEmpty { points[points.count - 1] = .number(running) } else { points.append(.number(running)) }
            days.append(record.date)
        }
        if points.count > 1 { fields.append(Card.Field("history", .list(points), drawing: .sparkline)) }
        return Card(title: "outcome \(outcome.id)", fields: fields, sections: sections)
    }

    /// Every non-empty field of the one row whose `field` equals `value`.
    private func cardFields(_ rows: RowSet, where field: Field, equals value: String) -> [Card.Field] {
        guard let row = rows.rows.first(where: { rows.value($0, field).text == value }) else { return [] }
        return rows.fields.compactMap { name in
            let value = rows.value(row, name)
            return value.isEmpty ? nil : Card.Field(name.name, value)
        }
    }
}
