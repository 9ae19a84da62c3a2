import FieldKit
import Foundation

/// Turns a change statement into domain `Change`s and a one-line summary, resolving
/// ids against the portfolio with did-you-mean suggestions.
struct ChangeBuilder {
    let evaluator: Evaluator
    var portfolio: Portfolio { evaluator.portfolio }

    /// An entity found by id.
    enum Target {
        case project(Project), partner(Partner), region(Region), outcome(Outcome)

        var kind: EntityKind {
            switch self {
            case .project: .project
            case .partner: .partner
            case .region: .region
            case .outcome: .outcome
            }
        }

        var id: String {
            switch self {
            case .project(let value): value.id.rawValue
            case .partner(let value): value.id.rawValue
            case .region(let value): value.id.rawValue
            case .outcome(let value): value.id.rawValue
            }
        }
    }

    struct Built {
        var changes: [Change]
        /// What the statement did, in words; made only when shown (a script runs quietly,
        /// and making it cost a record statement a fifth of its building).
        var summary: String { describe() }
        private let describe: () -> String
        /// What the user should know although the statement is accepted: a record dated
        /// after today, say.
        var warnings: [Diagnostic] = []

        init(changes: [Change], summary: @autoclosure @escaping () -> String) {
            self.changes = changes
            self.describe = summary
        }
    }

    // MARK: Resolution

    func resolve(kind: Located<EntityKind>?, id expression: Expression) throws(Diagnostic) -> Target {
        if let kind {
            switch kind.value {
            case .project: return .project(try evaluator.project(expression))
            case .partner: return .partner(try evaluator.partner(expression))
            case .region: return .region(try evaluator.region(expression))
            case .outcome: return .outcome(try evaluator.outcome(expression))
            default: throw evaluator.fail(.token(kind.token), "name a project, partner, region or outcome")
            }
        }
        let written = try evaluator.text(expression)
        if written.utf8.contains(UInt8(ascii: "/")) {
            // A project id may hold `/`, as IATI identifiers do (`XI-IATI-EC_INTPA-2021/429-054`).
            let project = portfolio.projects[ProjectID(written)]
            let outcome = OutcomeID(written).flatMap { portfolio.outcomes[$0] }
            switch (project, outcome) {
            case (let project?, nil): return .project(project)
            case (_?, _?):
                throw evaluator.fail(
                    expression, "'\(written)' names a project and an outcome; say which, as in 'project \(written)'")
            default: return .outcome(try evaluator.outcome(expression))
            }
        }
        var matches: [Target] = []
        if let project = portfolio.projects[ProjectID(written)] { matches.append(.project(project)) }
        if let partner = portfolio.partners[PartnerID(written)] { matches.append(.partner(partner)) }
        if let region = portfolio.regions[RegionID(written)] { matches.append(.region(region)) }
        if matches.count == 1, let only = matches.first { return only }
        if matches.isEmpty {
            let ids = portfolio.projects.keys.map(\.rawValue) + portfolio.partners.keys.map(\.rawValue)
                + portfolio.regions.keys.map(\.rawValue)
            throw evaluator.fail(expression, "no project, partner, region or outcome has the id '\(written)'", suggestion: Spelling.nearest(to: written, in: ids))
        }
        let kinds = matches.map { "a \($0.kind.rawValue)" }.joined(separator: " and ")
        throw evaluator.fail(
            expression, "'\(written)' names \(kinds); say which, as in '\(matches[0].kind.rawValue) \(written)'")
    }

    /// Regions referenced but not in the store: ISO 3166 codes are added from the gazetteer
    /// (parents first); anything else is an error.
    func isoAdditions(for references: [(id: RegionID, expression: Expression)], adding planned: Set<RegionID> = [])
        throws(Diagnostic) -> (changes: [Change], notes: [String])
    {
        var changes: [Change] = []
        var notes: [String] = []
        var known = planned
        for (id, expression) in references where portfolio.regions[id] == nil && !known.contains(id) {
            guard case .success(let gazetteer) = Gazetteer.system, gazetteer.entry(for: id.rawValue) != nil else {
                let candidates = portfolio.regions.keys.map(\.rawValue)
                throw evaluator.fail(expression, "no region '\(id)'; add it first, or use an ISO 3166 code", suggestion: Spelling.nearest(to: id.rawValue, in: candidates))
            }
            var chain: [Gazetteer.Entry] = []
            var code: String? = id.rawValue
            while let next = code, portfolio.regions[RegionID(next)] == nil, !known.contains(RegionID(next)),
                let entry = gazetteer.entry(for: next)
            {
                chain.append(entry)
                known.insert(RegionID(entry.code))
                code = entry.parent
            }
            for entry in chain.reversed() {
                changes.append(.addRegion(Region(entry)))
                notes.append("added region \(entry.code) (\(entry.name)) from ISO 3166")
            }
        }
        return (changes, notes)
    }

    // MARK: Statements

    func build(_ statement: Statement, today: Day) throws(Diagnostic) -> Built {
        switch statement {
        case .add(let kind, let id, let assignments): return try add(kind: kind, id: id, assignments: assignments)
        case .set(let kind, let id, let assignments): return try set(kind: kind, id: id, assignments: assignments)
        case .unset(let kind, let id, let fields): return try unset(kind: kind, id: id, fields: fields)
        case .link(let project, let partner, let roleToken, let amount):
            let project = try evaluator.project(project)
            let partner = try evaluator.partner(partner)
            let role = try evaluator.word(.token(roleToken), as: Role.self)
            let money = try amount.map { expression throws(Diagnostic) in try evaluator.storedMoney(expression, field: "link amount") }
            var changes: [Change] = []
            if let existing = portfolio.participations(of: project.id).first(where: { $0.partner == partner.id && $0.role == role }) {
                guard existing.amount != money, money != nil else {
                    throw evaluator.fail(.token(roleToken), "'\(partner.id)' is already linked to '\(project.id)' as \(role.rawValue)")
                }
                changes.append(.unlink(existing))
            }
            changes.append(.link(Participation(project: project.id, partner: partner.id, role: role, amount: money)))
            return Built(changes: changes, summary: "linked \(partner.id) to \(project.id) as \(role.rawValue)" + (money.map { " (\($0))" } ?? ""))
        case .unlink(let project, let partner, let role):
            let projectValue = try evaluator.project(project)
            let partnerValue = try evaluator.partner(partner)
            let roleValue = try role.map { token throws(Diagnostic) in try evaluator.word(.token(token), as: Role.self) }
            let links = portfolio.participations(of: projectValue.id).filter {
                $0.partner == partnerValue.id && (roleValue == nil || $0.role == roleValue)
            }
            guard !links.isEmpty else {
                throw evaluator.fail(partner, "'\(partnerValue.id)' is not linked to '\(projectValue.id)'" + (roleValue.map { " as \($0.rawValue)" } ?? ""))
            }
            return Built(changes: links.map { .unlink($0) }, summary: "unlinked \(partnerValue.id) from \(projectValue.id)" + (roleValue.map { " as \($0.rawValue)" } ?? ""))
        case .record(let outcome, let value, let date, let dimensions, let note, let source):
            return try record(outcome: outcome, value: value, date: date, dimensions: dimensions, note: note, source: source, today: today)
        case .note(let project, let text, let date):
            let project = try evaluator.project(project)
            let day = try date.map { expression throws(Diagnostic) in try evaluator.day(expression) } ?? today
            let note = Note(project: project.id, date: day, text: try evaluator.text(text))
            return Built(changes: [.addNote(note)], summary: "noted on \(project.id) (\(day))")
        case .rename(let kind, let id, let to): return try rename(kind: kind, id: id, to: to)
        case .remove(let kind, let id, let force): return try remove(kind: kind, id: id, force: force)
        default:
            return Built(changes: [], summary: "")
        }
    }

    private func add(kind: Located<EntityKind>, id expression: Expression, assignments: [Assignment]) throws(Diagnostic) -> Built {
        let written = try evaluator.text(expression)
        var assigner = FieldAssigner(evaluator: evaluator)
        let kindValue = kind.value
        func duplicate() -> Diagnostic { evaluator.fail(expression, "\(kindValue.rawValue.withArticle) '\(written)' already exists") }
        var changes: [Change] = []
        var planned: Set<RegionID> = []
        switch kindValue {
        case .project:
            guard portfolio.projects[ProjectID(written)] == nil else { throw duplicate() }
            var project = Project(id: ProjectID(written))
            for assignment in assignments { try assigner.assign(assignment, to: &project) }
            changes.append(.addProject(project))
        case .partner:
            guard portfolio.partners[PartnerID(written)] == nil else { throw duplicate() }
            var partner = Partner(id: PartnerID(written))
            for assignment in assignments { try assigner.assign(assignment, to: &partner) }
            changes.append(.addPartner(partner))
        case .region:
            guard portfolio.regions[RegionID(written)] == nil else { throw duplicate() }
            var region: Region
            if case .success(let gazetteer) = Gazetteer.system, let entry = gazetteer.entry(for: written) {
                region = Region(entry)
                if let parent = region.parent { _ = try assigner.regionReference(.token(Token(kind: .word, text: parent.rawValue, location: expression.first.location, length: expression.length))) }
            } else {
                let given = Set(assignments.map(\.field.value))
                guard given.contains(.level) || given.contains(.includes) else {
                    throw evaluator.fail(
                        expression, "'\(written)' is not an ISO 3166 code, so give its level (and name), as in: add region \(written) name \"…\" level district parent KG-B")
                }
                // An area unless a `level` assignment below says otherwise.
                region = Region(id: RegionID(written), level: .area)
            }
            planned.insert(region.id)
            for assignment in assignments { try assigner.assign(assignment, to: &region) }
            changes.append(.addRegion(region))
        case .outcome:
            guard let id = OutcomeID(written) else {
                throw evaluator.fail(expression, "an outcome id is PROJECT/key, such as TIP-2007/groups")
            }
            let project = try evaluator.project(.token(Token(kind: .word, text: id.project.rawValue, location: expression.first.location, length: id.project.rawValue.count)))
            let outcomeID = OutcomeID(project: project.id, key: id.key.rawValue)
            guard portfolio.outcomes[outcomeID] == nil else { throw duplicate() }
            var outcome = Outcome(id: outcomeID)
            for assignment in assignments { try assigner.assign(assignment, to: &outcome) }
            changes.append(.addOutcome(outcome))
        default:
            throw evaluator.fail(.token(kind.token), "add takes project, partner, region or outcome")
        }
        let iso = try isoAdditions(for: assigner.regionReferences, adding: planned)
        return Built(
            changes: iso.changes + changes, summary: (iso.notes + ["added \(kindValue.rawValue) \(written)"]).joined(separator: "\n"))
    }

    private func set(kind: Located<EntityKind>?, id: Expression, assignments: [Assignment]) throws(Diagnostic) -> Built {
        let target = try resolve(kind: kind, id: id)
        var assigner = FieldAssigner(evaluator: evaluator)
        let change: Change
        var unchanged = false
        switch target {
        case .project(let old):
            var new = old
            for assignment in assignments { try assigner.assign(assignment, to: &new) }
            change = .updateProject(old: old, new: new)
            unchanged = old == new
        case .partner(let old):
            var new = old
            for assignment in assignments { try assigner.assign(assignment, to: &new) }
            change = .updatePartner(old: old, new: new)
            unchanged = old == new
        case .region(let old):
            var new = old
            for assignment in assignments { try assigner.assign(assignment, to: &new) }
            change = .updateRegion(old: old, new: new)
            unchanged = old == new
        case .outcome(let old):
            var new = old
            for assignment in assignments { try assigner.assign(assignment, to: &new) }
            change = .updateOutcome(old: old, new: new)
            unchanged = old == new
        }
        let fields = assignments.map(\.field.value.rawValue)
        if unchanged { return Built(changes: [], summary: "\(target.kind.rawValue) \(target.id) already has that \(fields.joined(separator: ", "))") }
        let iso = try isoAdditions(for: assigner.regionReferences)
        return Built(
            changes: iso.changes + [change],
            summary: (iso.notes + ["set \(target.kind.rawValue) \(target.id): \(fields.joined(separator: ", "))"]).joined(separator: "\n"))
    }

    private func unset(kind: Located<EntityKind>?, id: Expression, fields: [Located<Field>]) throws(Diagnostic) -> Built {
        let target = try resolve(kind: kind, id: id)
        let change: Change
        switch target {
        case .project(let old):
            var new = old
            for field in fields { try FieldAssigner.unset(field, in: &new) }
            change = .updateProject(old: old, new: new)
        case .partner(let old):
            var new = old
            for field in fields { try FieldAssigner.unset(field, in: &new) }
            change = .updatePartner(old: old, new: new)
        case .region(let old):
            var new = old
            for field in fields { try FieldAssigner.unset(field, in: &new) }
            change = .updateRegion(old: old, new: new)
        case .outcome(let old):
            var new = old
            for field in fields { try FieldAssigner.unset(field, in: &new) }
            change = .updateOutcome(old: old, new: new)
        }
        let names = fields.map(\.value.rawValue).joined(separator: ", ")
        return Built(changes: [change], summary: "unset \(target.kind.rawValue) \(target.id): \(names)")
    }
}
