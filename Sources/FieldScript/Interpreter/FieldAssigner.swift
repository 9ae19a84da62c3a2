import FieldKit
import Foundation

/// Applies `<field> [+|-] <values>` to an entity value, checking each value's type.
///
/// Region references are collected in `regionReferences`, so that the caller can add
/// ISO 3166 regions that are referenced but not yet in the store.
struct FieldAssigner {
    let evaluator: Evaluator
    /// Every region id written in the assignments, with where it was written.
    private(set) var regionReferences: [(id: RegionID, expression: Expression)] = []

    init(evaluator: Evaluator) { self.evaluator = evaluator }

    // MARK: Lists

    private mutating func list<T: Equatable>(
        _ current: [T], _ assignment: Assignment, display: (T) -> String, _ make: (inout FieldAssigner, Expression) throws(Diagnostic) -> T
    ) throws(Diagnostic) -> [T] {
        var values: [T] = []
        for expression in assignment.values { values.append(try make(&self, expression)) }
        switch assignment.operation {
        case .replace:
            return values
        case .append:
            return current + values.filter { !current.contains($0) }
        case .remove:
            var result = current
            for (value, expression) in zip(values, assignment.values) {
                guard let index = result.firstIndex(of: value) else {
                    throw evaluator.fail(
                        expression, "\(assignment.field.token.text) does not contain '\(display(value))'",
                        suggestion: Spelling.nearest(to: display(value), in: current.map(display)))
                }
                result.remove(at: index)
            }
            return result
        }
    }

    private mutating func regions(_ current: [RegionID], _ assignment: Assignment) throws(Diagnostic) -> [RegionID] {
        try list(current, assignment, display: \.rawValue) { assigner, expression throws(Diagnostic) in
            try assigner.regionReference(expression)
        }
    }

    private mutating func texts(_ current: [String], _ assignment: Assignment) throws(Diagnostic) -> [String] {
        try list(current, assignment, display: { $0 }) { assigner, expression throws(Diagnostic) in
            let text = try assigner.evaluator.text(expression)
            guard !text.isEmpty else { throw assigner.evaluator.fail(expression, "an empty value") }
            return text
        }
    }

    mutating func regionReference(_ expression: Expression) throws(Diagnostic) -> RegionID {
        let id = RegionID(try evaluator.text(expression))
        regionReferences.append((id, expression))
        return evaluator.portfolio.regions[id]?.id ?? id
    }

    private func single(_ assignment: Assignment) throws(Diagnostic) -> Expression {
        guard assignment.operation == .replace, let value = assignment.values.first else {
            throw Diagnostic("\(assignment.field.token.text) is not a list", at: assignment.field.location, length: assignment.field.length)
        }
        return value
    }

    private func nonEmpty(_ assignment: Assignment) throws(Diagnostic) -> String {
        let expression = try single(assignment)
        let text = try evaluator.text(expression)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw evaluator.fail(expression, "\(assignment.field.token.text) cannot be empty")
        }
        return text
    }

    private func optionalText(_ assignment: Assignment) throws(Diagnostic) -> String? {
        let text = try evaluator.text(try single(assignment))
        return text.isEmpty ? nil : text
    }

    private func unknownField(_ field: Located<Field>, _ kind: EntityKind) -> Diagnostic {
        Diagnostic(
            "\(kind.rawValue.withArticle) has no field '\(field.token.text)'", at: field.location, length: field.length,
            suggestion: Spelling.nearest(to: field.token.text, in: (Grammar.fields[kind] ?? []).map(\.name)))
    }

    // MARK: Entities

    mutating func assign(_ assignment: Assignment, to project: inout Project) throws(Diagnostic) {
        let field = assignment.field
        switch field.value {
        case .title: project.title = try nonEmpty(assignment)
        case .summary: project.summary = try optionalText(assignment)
        case .status: project.status = try evaluator.word(try single(assignment), as: ProjectStatus.self)
        case .start: project.start = try evaluator.day(try single(assignment))
        case .end: project.end = try evaluator.day(try single(assignment))
        case .actualStart: project.actualStart = try evaluator.day(try single(assignment))
        case .actualEnd: project.actualEnd = try evaluator.day(try single(assignment))
        case .budget: project.budget = try evaluator.storedMoney(try single(assignment), field: Field.budget.rawValue)
        case .sectors: project.sectors = try texts(project.sectors, assignment)
        case .targetGroups: project.targetGroups = try texts(project.targetGroups, assignment)
        case .tags: project.tags = try texts(project.tags, assignment)
        case .regions: project.regions = try regions(project.regions, assignment)
        default: throw unknownField(field, .project)
        }
    }

    mutating func assign(_ assignment: Assignment, to partner: inout Partner) throws(Diagnostic) {
        let field = assignment.field
        switch field.value {
        case .name: partner.name = try nonEmpty(assignment)
        case .acronym: partner.acronym = try optionalText(assignment)
        case .kind: partner.kind = try evaluator.word(try single(assignment), as: PartnerKind.self)
        case .country: partner.country = try country(try single(assignment))
        case .ref: partner.ref = try optionalText(assignment)
        case .contact:
            partner.contacts = try list(partner.contacts, assignment, display: \.description) { assigner, expression throws(Diagnostic) in
                Contact(parsing: try assigner.evaluator.text(expression))
            }
        default: throw unknownField(field, .partner)
        }
    }

    mutating func assign(_ assignment: Assignment, to region: inout Region) throws(Diagnostic) {
        let field = assignment.field
        switch field.value {
        case .name: region.name = try nonEmpty(assignment)
        case .level: region.level = try evaluator.word(try single(assignment), as: RegionLevel.self)
        case .parent: region.parent = try regionReference(try single(assignment))
        case .includes: region.includes = try regions(region.includes, assignment)
        default: throw unknownField(field, .region)
        }
    }

    mutating func assign(_ assignment: Assignment, to outcome: inout Outcome) throws(Diagnostic) {
        let field = assignment.field
        switch field.value {
        case .title: outcome.title = try nonEmpty(assignment)
        case .level: outcome.level = try evaluator.word(try single(assignment), as: OutcomeLevel.self)
        case .unit: outcome.unit = try optionalText(assignment)
        case .measure: outcome.measure = try evaluator.word(try single(assignment), as: Measure.self)
        case .baseline: outcome.baseline = try evaluator.storedNumber(try single(assignment))
        case .baselineDate: outcome.baselineDate = try evaluator.day(try single(assignment))
        case .target: outcome.target = try evaluator.storedNumber(try single(assignment))
        case .due: outcome.due = try evaluator.day(try single(assignment))
        case .direction: outcome.direction = try evaluator.word(try single(assignment), as: Direction.self)
        case .regions: outcome.regions = try regions(outcome.regions, assignment)
        case .dims:
            outcome.dims = try list(outcome.dims, assignment, display: { $0 }) { assigner, expression throws(Diagnostic) in
                try assigner.evaluator.text(expression).lowercased()
            }
        default: throw unknownField(field, .outcome)
        }
    }

    private func country(_ expression: Expression) throws(Diagnostic) -> String {
        let written = try evaluator.text(expression).uppercased()
        guard case .success(let gazetteer) = Gazetteer.system else {
            throw evaluator.fail(expression, "cannot check the country: the iso-codes package is not installed")
        }
        guard written.count == 2, let entry = gazetteer.entry(for: written), entry.level == .country else {
            let countries = gazetteer.codes.filter { $0.count == 2 }
            throw evaluator.fail(
                expression, "'\(written)' is not an ISO 3166-1 alpha-2 country code such as KG",
                suggestion: Spelling.nearest(to: written, in: countries))
        }
        return written
    }

    // MARK: Unset

    static func unset(_ field: Located<Field>, in project: inout Project) throws(Diagnostic) {
        switch field.value {
        case .summary: project.summary = nil
        case .start: project.start = nil
        case .end: project.end = nil
        case .actualStart: project.actualStart = nil
        case .actualEnd: project.actualEnd = nil
        case .budget: project.budget = nil
        case .sectors: project.sectors = []
        case .targetGroups: project.targetGroups = []
        case .tags: project.tags = []
        case .regions: project.regions = []
        default: throw required(field, .project)
        }
    }

    static func unset(_ field: Located<Field>, in partner: inout Partner) throws(Diagnostic) {
        switch field.value {
        case .acronym: partner.acronym = nil
        case .kind: partner.kind = nil
        case .country: partner.country = nil
        case .ref: partner.ref = nil
        case .contact: partner.contacts = []
        default: throw required(field, .partner)
        }
    }

    static func unset(_ field: Located<Field>, in region: inout Region) throws(Diagnostic) {
        switch field.value {
        case .parent: region.parent = nil
        case .includes: region.includes = []
        default: throw required(field, .region)
        }
    }

    static func unset(_ field: Located<Field>, in outcome: inout Outcome) throws(Diagnostic) {
        switch field.value {
        case .unit: outcome.unit = nil
        case .baseline: outcome.baseline = nil
        case .baselineDate: outcome.baselineDate = nil
        case .target: outcome.target = nil
        case .due: outcome.due = nil
        case .regions: outcome.regions = []
        case .dims: outcome.dims = []
        default: throw required(field, .outcome)
        }
    }

    private static func required(_ field: Located<Field>, _ kind: EntityKind) -> Diagnostic {
        let name = field.value.rawValue
        if Grammar.spec(field.value, of: kind) != nil {
            return Diagnostic("\(kind.rawValue.withArticle) always has \(name.withArticle); set it instead", at: field.location, length: field.length)
        }
        return Diagnostic(
            "\(kind.rawValue.withArticle) has no field '\(field.token.text)'", at: field.location, length: field.length,
            suggestion: Spelling.nearest(to: field.token.text, in: (Grammar.fields[kind] ?? []).map(\.name)))
    }
}
