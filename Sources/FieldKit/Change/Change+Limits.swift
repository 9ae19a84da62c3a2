import Foundation

extension Change {
    /// Refuses a change that brings in a number a store could not keep exactly (see
    /// ``Limits``), or a negative budget or link amount.
    ///
    /// Only what the change brings in is checked: an update that leaves a budget as it was
    /// passes, whatever the budget. This is a rule for new changes, checked by
    /// ``WriteBatch/commit(_:)``, not an invariant of a portfolio: a store written before the
    /// limits, or by another program, still loads and replays as it is.
    package func checkLimits() throws(ChangeError) {
        switch self {
        case .addProject(let project):
            try Change.checkNumber(project.budget?.amount, .project, project.id.rawValue, field: "budget", nonNegative: true)
            for share in project.regionShares.values { try Change.checkNumber(share, .project, project.id.rawValue, field: "region-shares") }
        case .updateProject(let old, let new) where new.budget != old.budget || new.regionShares != old.regionShares:
            if new.budget != old.budget {
                try Change.checkNumber(new.budget?.amount, .project, new.id.rawValue, field: "budget", nonNegative: true)
            }
            for (region, share) in new.regionShares where old.regionShares[region] != share {
                try Change.checkNumber(share, .project, new.id.rawValue, field: "region-shares")
            }
        case .addOutcome(let outcome):
            try Change.check(outcome, against: nil)
        case .updateOutcome(let old, let new):
            try Change.check(new, against: old)
        case .link(let link):
            try Change.checkNumber(link.amount?.amount, .link, "\(link.project) \(link.partner)", field: "amount", nonNegative: true)
        case .record(let measurement):
            try Change.checkNumber(measurement.value, .record, measurement.outcome.rawValue, field: "value")
        default:
            break
        }
    }

    private static func check(_ outcome: Outcome, against old: Outcome?) throws(ChangeError) {
        let id = outcome.id.rawValue
        if old == nil || outcome.baseline != old?.baseline {
            try Change.checkNumber(outcome.baseline, .outcome, id, field: "baseline")
        }
        if old == nil || outcome.target != old?.target {
            try Change.checkNumber(outcome.target, .outcome, id, field: "target")
        }
    }

    /// Refuses a number FieldKit could not store exactly (see ``Limits``), and where
    /// `nonNegative`, one below zero.
    private static func checkNumber(_ value: Decimal?, _ kind: EntityKind, _ id: String, field: String, nonNegative: Bool = false)
        throws(ChangeError)
    {
        guard let value else { return }
        do { try Limits.check(value) } catch {
            throw ChangeError(.invalidValue, kind, id, field: field, reason: "\(value) is out of range: \(error.reason)")
        }
        if nonNegative, value < 0 {
            throw ChangeError(.invalidValue, kind, id, field: field, reason: "\(value) is negative; a \(field) is zero or more")
        }
    }
}
