import FieldKit
import Foundation

extension ChangeBuilder {
    func record(
        outcome expression: Expression, value: Expression?, date: Expression?, dimensions: [Dimension],
        note: Expression?, source: Expression?, today: Day
    ) throws(Diagnostic) -> Built {
        let outcome = try evaluator.outcome(expression)
        var number: Decimal?
        if let value {
            guard outcome.measure != .qualitative else {
                throw evaluator.fail(value, "'\(outcome.id)' is qualitative: record a note, not a number")
            }
            let parsed = try evaluator.storedNumber(value)
            if outcome.measure == .percent, !(0...100).contains(parsed) {
                throw evaluator.fail(value, "'\(outcome.id)' is a percentage: record a value from 0 to 100, not \(parsed)")
            }
            number = parsed
        } else if outcome.measure != .qualitative {
            throw evaluator.fail(expression, "record a value for '\(outcome.id)', which measures a \(outcome.measure.rawValue): record \(outcome.id) 2 on \(today)")
        }
        var values: [String: String] = [:]
        for dimension in dimensions {
            let name = dimension.name.text.lowercased()
            guard outcome.dims.contains(name) else {
                let declared = outcome.dims.isEmpty ? "declares no dimensions (set its dims first)" : "declares \(outcome.dims.joined(separator: ", "))"
                throw Diagnostic(
                    "'\(outcome.id)' \(declared), not '\(dimension.name.text)'", at: dimension.name.location,
                    length: dimension.name.length, suggestion: Spelling.nearest(to: name, in: outcome.dims))
            }
            guard values[name] == nil else {
                throw Diagnostic("'\(name)' is given twice", at: dimension.name.location, length: dimension.name.length)
            }
            values[name] = try evaluator.text(dimension.value)
        }
        let day = try date.map { expression throws(Diagnostic) in try evaluator.day(expression) } ?? today
        let measurement = OutcomeRecord(
            outcome: outcome.id, date: day, value: number, dimensions: values,
            note: try note.map { expression throws(Diagnostic) in try evaluator.text(expression) },
            source: try source.map { expression throws(Diagnostic) in try evaluator.text(expression) })
        var built = Built(changes: [.record(measurement)], summary: ChangeBuilder.recorded(measurement))
        // Kept, but not counted before its day comes: progress and `current` ignore it until then.
        if let date, day.firstDay > today {
            built.warnings.append(evaluator.fail(date, "\(day) is after today (\(today)): the record is kept, and counts from that day"))
        }
        return built
    }

    /// `recorded 42 on TIP-2007/groups for 2007-09-30 (sex=female)`.
    static func recorded(_ measurement: OutcomeRecord) -> String {
        let shown = measurement.value.map { "\($0)" } ?? "a note"
        let dimensions = measurement.dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let split = dimensions.isEmpty ? "" : " (" + dimensions.joined(separator: ", ") + ")"
        return "recorded \(shown) on \(measurement.outcome) for \(measurement.date)\(split)"
    }

    func rename(kind: Located<EntityKind>?, id: Expression, to newExpression: Expression) throws(Diagnostic) -> Built {
        let target = try resolve(kind: kind, id: id)
        let written = try evaluator.text(newExpression)
        let wellFormed =
            switch target {
            case .project: EntityID<Project>.isWellFormedProject(written)
            case .outcome: OutcomeID(written).map { EntityID<Project>.isWellFormedProject($0.project.rawValue) } ?? EntityID<Project>.isWellFormed(written)
            default: EntityID<Project>.isWellFormed(written)
            }
        guard wellFormed else {
            let rule =
                if case .project = target {
                    "start with a letter or digit, with no tabs, line breaks, trailing space or two spaces in a row"
                } else { "use letters, digits and _ - ." }
            throw evaluator.fail(newExpression, "'\(written)' is not a valid id: \(rule)")
        }
        func taken() -> Diagnostic { evaluator.fail(newExpression, "a \(target.kind.rawValue) '\(written)' already exists") }
        let change: Change
        switch target {
        case .project(let project):
            guard portfolio.projects[ProjectID(written)] == nil || ProjectID(written) == project.id else { throw taken() }
            change = .renameProject(from: project.id, to: ProjectID(written))
        case .partner(let partner):
            guard portfolio.partners[PartnerID(written)] == nil || PartnerID(written) == partner.id else { throw taken() }
            change = .renamePartner(from: partner.id, to: PartnerID(written))
        case .region(let region):
            guard portfolio.regions[RegionID(written)] == nil || RegionID(written) == region.id else { throw taken() }
            change = .renameRegion(from: region.id, to: RegionID(written))
        case .outcome(let outcome):
            let newID = OutcomeID(written) ?? OutcomeID(project: outcome.id.project, key: written)
            guard portfolio.projects[newID.project] != nil else {
                throw evaluator.fail(newExpression, "no project '\(newID.project)'", suggestion: Spelling.nearest(to: newID.project.rawValue, in: portfolio.projects.keys.map(\.rawValue)))
            }
            guard portfolio.outcomes[newID] == nil || newID == outcome.id else { throw taken() }
            change = .renameOutcome(from: outcome.id, to: newID)
        }
        return Built(changes: [change], summary: "renamed \(target.kind.rawValue) \(target.id) to \(written)")
    }

    func remove(kind: Located<EntityKind>?, id: Expression, force: Bool) throws(Diagnostic) -> Built {
        let target = try resolve(kind: kind, id: id)
        var changes: [Change] = []
        switch target {
        case .project(let project):
            if force {
                for outcome in portfolio.outcomes(of: project.id) { changes += removal(of: outcome) }
                changes += portfolio.participations(of: project.id).map { .unlink($0) }
                changes += portfolio.notes(of: project.id).map { .removeNote($0) }
            }
            changes.append(.removeProject(project))
        case .partner(let partner):
            if force { changes += portfolio.participations(ofPartner: partner.id).map { .unlink($0) } }
            changes.append(.removePartner(partner))
        case .region(let region):
            if force { changes += detachments(of: region.id) }
            changes.append(.removeRegion(region))
        case .outcome(let outcome):
            changes += force ? removal(of: outcome) : [.removeOutcome(outcome)]
        }
        let cascaded = changes.count - 1
        let extra = cascaded > 0 ? " and \(cascaded) reference\(cascaded == 1 ? "" : "s") to it" : ""
        return Built(changes: changes, summary: "removed \(target.kind.rawValue) \(target.id)\(extra)")
    }

    private func removal(of outcome: Outcome) -> [Change] {
        portfolio.measurements(of: outcome.id).map { .unrecord($0) } + [.removeOutcome(outcome)]
    }

    /// The updates that stop everything from referring to a region.
    private func detachments(of id: RegionID) -> [Change] {
        var changes: [Change] = []
        for child in portfolio.children(of: id) {
            guard let old = portfolio.regions[child] else { continue }
            var new = old
            new.parent = nil
            changes.append(.updateRegion(old: old, new: new))
        }
        for area in portfolio.areas(including: id) {
            guard let old = portfolio.regions[area] else { continue }
            var new = old
            new.includes.removeAll { $0 == id }
            changes.append(.updateRegion(old: old, new: new))
        }
        for projectID in portfolio.projects(in: id).sorted() {
            guard let old = portfolio.projects[projectID] else { continue }
            var new = old
            new.regions.removeAll { $0 == id }
            changes.append(.updateProject(old: old, new: new))
        }
        for outcome in portfolio.outcomes.values where outcome.regions.contains(id) {
            var new = outcome
            new.regions.removeAll { $0 == id }
            changes.append(.updateOutcome(old: outcome, new: new))
        }
        return changes
    }
}
