import FieldKit
import Foundation

extension Reports {
    /// A full card of one thing.
    func show(kind: Located<EntityKind>?, id: Expression) throws(Diagnostic) -> Card {
        let target = try ChangeBuilder(evaluator: evaluator).resolve(kind: kind, id: id)
        switch target {
        case .project(let project): return card(of: project)
        case .partner(let partner):
            let fields = Sources.partners(context)
            var sections: [Card.Section] = []
            let links = portfolio.participations(ofPartner: partner.id)
            if !links.isEmpty {
                sections.append(Card.Section("projects", Table(
                    columns: [Column(.project), Column(.title), Column(.role), Column(.amount, numeric: true)],
                    rows: links.map { [.text($0.project.rawValue), .text(portfolio.projects[$0.project]?.title ?? ""), .text($0.role.rawValue), $0.amount.map { .money($0) } ?? .null] })))
            }
            return (Card(title: "partner \(partner.id)", fields: cardFields(fields, where: .id, equals: partner.id.rawValue), sections: sections))
        case .region(let region):
            let fields = Sources.regions(context)
            var sections: [Card.Section] = []
            let projects = portfolio.projects(under: region.id).sorted()
            if !projects.isEmpty {
                sections.append(Card.Section("projects under it", Table(
                    columns: [Column(.project), Column(.title), Column(.status)],
                    rows: projects.compactMap { portfolio.projects[$0] }.map { [.text($0.id.rawValue), .text($0.title), .text($0.status.rawValue)] })))
            }
            let chain = portfolio.ancestors(of: region.id).map { portfolio.regions[$0]?.name ?? $0.rawValue }
            var card = Card(title: "region \(region.id)", fields: cardFields(fields, where: .id, equals: region.id.rawValue), sections: sections)
            if !chain.isEmpty { card.fields.append(Card.Field("within", Sources.list(chain))) }
            let areas = portfolio.areas(including: region.id).map(\.rawValue)
            if !areas.isEmpty { card.fields.append(Card.Field("areas", Sources.list(areas))) }
            return card
        case .outcome(let outcome):
            let fields = Sources.outcomes(context)
            let records = Sources.records(context)
            var recordRows = records
            recordRows.rows = records.rows.filter { records.value($0, .outcome).text == outcome.id.rawValue }
            var sections: [Card.Section] = []
            if !recordRows.rows.isEmpty {
                sections.append(Card.Section("records", recordRows.table(columns: [.field(.date), .field(.value), .field(.dims), .field(.note), .field(.source)])))
            }
            return (Card(title: "outcome \(outcome.id)", fields: cardFields(fields, where: .id, equals: outcome.id.rawValue), sections: sections))
        }
    }

    private func card(of project: Project) -> Card {
        let fields = Sources.projects(context)
        var sections: [Card.Section] = []
        let links = portfolio.participations(of: project.id)
        if !links.isEmpty {
            sections.append(Card.Section("partners", Table(
                columns: [Column(.role), Column(.partner), Column(.name), Column(.amount, numeric: true)],
                rows: links.sorted { $0.role.iatiCode < $1.role.iatiCode }.map {
                    [.text($0.role.rawValue), .text($0.partner.rawValue), .text(portfolio.partners[$0.partner]?.name ?? ""), $0.amount.map { .money($0) } ?? .null]
                })))
        }
        var outcomes = Sources.outcomes(context)
        outcomes.rows = context.rows(ofOutcomes: portfolio.outcomes(of: project.id).map(\.id))
        if !outcomes.rows.isEmpty {
            sections.append(Card.Section("outcomes", outcomes.table(columns: [.field(.id), .field(.title), .field(.current), .field(.target), .field(.progress), .field(.status)])))
        }
        let notes = portfolio.notes(of: project.id).filter { context.isIncluded($0.date) }
        if !notes.isEmpty {
            sections.append(Card.Section("notes", Table(
                columns: [Column(.date), Column(.text)], rows: notes.map { [.day($0.date), .text($0.text)] })))
        }
        if !project.translations.isEmpty {
            sections.insert(Card.Section("translations", Table(
                columns: [Column("field"), Column("language"), Column("text")],
                rows: project.translations.map { [.text($0.field.rawValue), .text($0.language), .text($0.text)] })), at: 0)
        }
        var card = Card(title: "project \(project.id)", fields: cardFields(fields, where: .id, equals: project.id.rawValue), sections: sections)
        if !project.regionShares.isEmpty {
            let shares = project.regions.compactMap { region in project.regionShares[region].map { "\(region) \($0)%" } }
            card.fields.append(Card.Field("region shares", .text(shares.joined(separator: ", "))))
        }
        if let language = project.language { card.fields.append(Card.Field("language", .text(language))) }
        return card
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
