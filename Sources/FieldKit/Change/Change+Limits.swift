import Foundation

extension Change {
    /// Refuses a change that brings in a number a store could not keep exactly (see
    /// ``Limits``), or a negative budget or link amount.
    ///
    /// Only what the change brings in is checked: an update that leaves a budget as it was
    /// passes, whatever the budget. This is a rule for new changes, checked by
    /// ``WriteBatch/commit(_:)``, not an invariant of a portfolio: a store written before the
    /// limits, or by another program, still loads and replays as it is.
    public func checkLimits() throws(ChangeError) {
        switch self {
        case .addProject(let project):
            try Portfolio.checkNumber(project.budget?.amount, .project, project.id.rawValue, field: "budget", nonNegative: true)
        case .updateProject(let old, let new) where new.budget != old.budget:
            try Portfolio.checkNumber(new.budget?.amount, .project, new.id.rawValue, field: "budget", nonNegative: true)
        case .addOutcome(let outcome):
            try Change.check(outcome, against: nil)
        case .updateOutcome(let old, let new):
            try Change.check(new, against: old)
        case .link(let link):
            try Portfolio.checkNumber(link.amount?.amount, .link, "\(link.project) \(link.partner)", field: "amount", nonNegative: true)
        case .record(let measurement):
            try Portfolio.checkNumber(measurement.value, .record, measurement.outcome.rawValue, field: "value")
        default:
            break
        }
    }

    private static func check(_ outcome: Outcome, against old: Outcome?) throws(ChangeError) {
        let id = outcome.id.rawValue
        if old == nil || outcome.baseline != old?.baseline {
            try Portfolio.checkNumber(outcome.baseline, .outcome, id, field: "baseline")
        }
        if old == nil || outcome.target != old?.target {
            try Portfolio.checkNumber(outcome.target, .outcome, id, field: "target")
        }
    }
}
