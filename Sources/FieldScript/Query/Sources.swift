import FieldKit
import Foundation

/// The rows of each source of the language, with their stored and derived fields.
enum Sources {
    static func rows(of source: QuerySource, in context: QueryContext) throws(Diagnostic) -> RowSet {
        switch source {
        case .projects: return projects(context)
        case .partners: return partners(context)
        case .regions: return regions(context)
        case .outcomes: return outcomes(context)
        case .records: return records(context)
        case .notes: return notes(context)
        case .links: return links(context)
        case .history: return try history(context)
        }
    }

    static func list(_ values: [String]) -> Value { .list(values.map { .text($0) }) }
    static func optional(_ text: String?) -> Value { text.map { .text($0) } ?? .null }
    static func optional(_ day: Day?) -> Value { day.map { .day($0) } ?? .null }
    static func optional(_ number: Decimal?) -> Value { number.map { .number($0) } ?? .null }

    static func projects(_ context: QueryContext) -> RowSet {
        let portfolio = context.portfolio
        // Storage order, shared across the session's queries; put in id order only after filtering.
        let (items, ids) = context.entities(\.projects, id: \Project.id)
        func partners(_ project: Project, role: Role?) -> Value {
            var seen: [String] = []
            for link in portfolio.participations(of: project.id) where role == nil || link.role == role {
                if !seen.contains(link.partner.rawValue) { seen.append(link.partner.rawValue) }
            }
            return list(seen)
        }
        return RowSet(
            .projects,
            rows: Array(items.indices),
            order: { ids[$0] < ids[$1] },
            value: { row, field in
                let project = items[row]
                switch field {
                case .id: return .text(project.id.rawValue)
                case .title: return .text(project.title)
                case .summary: return optional(project.summary)
                case .status: return .text(project.status.rawValue)
                case .start: return optional(project.start)
                case .end: return optional(project.end)
                case .actualStart: return optional(project.actualStart)
                case .actualEnd: return optional(project.actualEnd)
                case .budget: return project.budget.map { .money($0) } ?? .null
                case .currency: return optional(project.budget?.currency)
                case .sectors: return list(project.sectors)
                case .targetGroups: return list(project.targetGroups)
                case .regions: return list(project.regions.map(\.rawValue))
                case .tags: return list(project.tags)
                case .funders: return partners(project, role: .funder)
                case .implementers: return partners(project, role: .implementer)
                case .partners: return partners(project, role: nil)
                case .outcomes: return .number(Decimal(portfolio.outcomes(of: project.id).count))
                case .progress:
                    let values = portfolio.outcomes(of: project.id).compactMap { context.progress(of: $0.id)?.progress }
                    return values.isEmpty ? .null : .fraction(values.reduce(0, +) / Double(values.count))
                case .duration:
                    guard let start = project.actualStart ?? project.start, let end = project.actualEnd ?? project.end else { return .null }
                    return .number(Decimal(start.days(until: end.lastDay) + 1))
                default: return .null
                }
            },
            matches: { row, text in
                let project = items[row]
                return project.title.lowercased().contains(text) || (project.summary ?? "").lowercased().contains(text)
                    || portfolio.notes(of: project.id).contains { $0.text.lowercased().contains(text) }
            },
            projectID: { ids[$0] })
    }

    static func partners(_ context: QueryContext) -> RowSet {
        let portfolio = context.portfolio
        // Storage order, shared across the session's queries; put in id order only after filtering.
        let (items, ids) = context.entities(\.partners, id: \Partner.id)
        return RowSet(
            .partners,
            rows: Array(items.indices),
            order: { ids[$0] < ids[$1] },
            value: { row, field in
                let partner = items[row]
                switch field {
                case .id: return .text(partner.id.rawValue)
                case .name: return .text(partner.name)
                case .acronym: return optional(partner.acronym)
                case .kind: return optional(partner.kind?.rawValue)
                case .country: return optional(partner.country)
                case .ref: return optional(partner.ref)
                case .contact: return list(partner.contacts.map(\.description))
                case .projects: return list(portfolio.projects(of: partner.id).map(\.rawValue))
                case .roles:
                    let roles = Set(portfolio.participations(ofPartner: partner.id).map(\.role))
                    return list(Role.allCases.filter(roles.contains).map(\.rawValue))
                default: return .null
                }
            },
            matches: { row, text in
                items[row].name.lowercased().contains(text) || (items[row].acronym ?? "").lowercased().contains(text)
            })
    }

    static func regions(_ context: QueryContext) -> RowSet {
        let portfolio = context.portfolio
        // Storage order, shared across the session's queries; put in id order only after filtering.
        let (items, ids) = context.entities(\.regions, id: \Region.id)
        return RowSet(
            .regions,
            rows: Array(items.indices),
            order: { ids[$0] < ids[$1] },
            value: { row, field in
                let region = items[row]
                switch field {
                case .id: return .text(region.id.rawValue)
                case .name: return .text(region.name)
                case .level: return .text(region.level.rawValue)
                case .parent: return optional(region.parent?.rawValue)
                case .includes: return list(region.includes.map(\.rawValue))
                case .projects: return .number(Decimal(portfolio.projects(under: region.id).count))
                default: return .null
                }
            },
            matches: { row, text in items[row].name.lowercased().contains(text) })
    }

    static func outcomes(_ context: QueryContext) -> RowSet {
        // Storage order, shared across the session's queries; put in id order only after filtering.
        let (items, ids) = context.entities(\.outcomes, id: \Outcome.id)
        return RowSet(
            .outcomes,
            rows: Array(items.indices),
            order: { ids[$0] < ids[$1] },
            value: { row, field in
                let outcome = items[row]
                switch field {
                case .id: return .text(outcome.id.rawValue)
                case .project: return .text(outcome.id.project.rawValue)
                case .title: return .text(outcome.title)
                case .level: return .text(outcome.level.rawValue)
                case .unit: return optional(outcome.unit)
                case .measure: return .text(outcome.measure.rawValue)
                case .baseline: return optional(outcome.baseline)
                case .baselineDate: return optional(outcome.baselineDate)
                case .target: return optional(outcome.target)
                case .due: return optional(outcome.due)
                case .direction: return .text(outcome.direction.rawValue)
                case .regions: return list(outcome.regions.map(\.rawValue))
                case .dims: return list(outcome.dims)
                case .daysLeft:
                    // To the outcome's due date, else its project's end; negative once past it.
                    let due = context.portfolio.dueDate(of: outcome)
                    return due.map { .number(Decimal($0.lastDay.ordinal - context.day.ordinal)) } ?? .null
                default: break
                }
                let progress = context.progress(row: row, of: outcome.id)
                switch field {
                case .gap:
                    // How far progress is behind the time elapsed: expected minus progress.
                    guard let expected = progress?.expected, let done = progress?.progress else { return .null }
                    return .fraction(expected - done)
                case .overdue:
                    guard outcome.measure != .qualitative, let due = context.portfolio.dueDate(of: outcome)
                    else { return .text("no") }
                    let achieved = progress?.status == .achieved
                    return .text(context.day.firstDay > due.lastDay && !achieved ? "yes" : "no")
                case .current: return optional(progress?.current)
                case .progress: return progress?.progress.map { .fraction($0) } ?? .null
                case .expected: return progress?.expected.map { .fraction($0) } ?? .null
                case .status: return optional(progress?.status?.rawValue)
                case .lastRecorded: return optional(progress?.lastRecorded)
                default: return .null
                }
            },
            matches: { row, text in items[row].title.lowercased().contains(text) })
    }

    static func records(_ context: QueryContext) -> RowSet {
        let items = context.portfolio.allMeasurements.filter { context.isIncluded($0.date) }
        // Each dimension an outcome declares is a field too (`records where sex = female`),
        // unless its name is one of a record's own fields.
        let own = Set(Grammar.fields(of: .records).map(\.rawValue))
        let dimensions = Set(context.portfolio.outcomes.values.flatMap(\.dims)).subtracting(own).sorted()
        return RowSet(
            .records, named: dimensions,
            rows: Array(items.indices),
            value: { row, field in
                let record = items[row]
                switch field {
                case .id: return .text(record.id.rawValue)
                case .project: return .text(record.outcome.project.rawValue)
                case .outcome: return .text(record.outcome.rawValue)
                case .date: return .day(record.date)
                case .value: return optional(record.value)
                case .dims: return .dimensions(record.dimensions)
                case .note: return optional(record.note)
                case .source: return optional(record.source)
                default: return .null
                }
            },
            namedValue: { row, dimension in optional(items[row].dimensions[dimension]) },
            matches: { row, text in (items[row].note ?? "").lowercased().contains(text) })
    }

    static func notes(_ context: QueryContext) -> RowSet {
        let items = context.portfolio.allNotes.filter { context.isIncluded($0.date) }
        return RowSet(
            .notes,
            rows: Array(items.indices),
            value: { row, field in
                let note = items[row]
                switch field {
                case .id: return .text(note.id.rawValue)
                case .project: return .text(note.project.rawValue)
                case .date: return .day(note.date)
                case .text: return .text(note.text)
                default: return .null
                }
            },
            matches: { row, text in items[row].text.lowercased().contains(text) })
    }

    static func links(_ context: QueryContext) -> RowSet {
        let items = context.portfolio.allParticipations
        return RowSet(
            .links,
            rows: Array(items.indices),
            value: { row, field in
                let link = items[row]
                switch field {
                case .project: return .text(link.project.rawValue)
                case .partner: return .text(link.partner.rawValue)
                case .role: return .text(link.role.rawValue)
                case .amount: return link.amount.map { .money($0) } ?? .null
                case .currency: return link.amount.map { .text($0.currency) } ?? .null
                default: return .null
                }
            },
            matches: { _, _ in false })
    }

    static func history(_ context: QueryContext) throws(Diagnostic) -> RowSet {
        let items = try context.journal(.all).filter { entry in
            context.cutoff.map { entry.time <= Date(timeIntervalSince1970: Double($0.lastDay.ordinal + 1) * 86_400) } ?? true
        }
        return RowSet(
            .history,
            rows: Array(items.indices),
            value: { row, field in
                let entry = items[row]
                switch field {
                case .seq: return .number(Decimal(entry.sequence))
                case .time: return .time(entry.time)
                case .actor: return .text(entry.actor)
                case .origin: return .text(entry.origin)
                case .statement: return .text(entry.statement)
                case .changes: return .number(Decimal(entry.changes.count))
                case .undoes: return entry.undoes.map { .number(Decimal($0)) } ?? .null
                default: return .null
                }
            },
            matches: { row, text in items[row].statement.lowercased().contains(text) })
    }
}
