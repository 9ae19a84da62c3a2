import FieldKit
import Foundation

extension IATIImporter {
    /// Each `result/indicator` as an outcome, and each `period/actual` as a record on the
    /// period's end date.
    mutating func results(of activity: IATIActivity, in project: ProjectID) {
        var position = 0
        var keys: Set<String> = []
        for result in activity.results {
            for indicator in result.indicators {
                position += 1
                // The key: the indicator's reference code, slugged, else its position in the activity.
                var key = indicator.references.lazy.compactMap { $0["code"]?.slug }.first { !$0.isEmpty } ?? ""
                if key.isEmpty || !EntityID<Outcome>.isWellFormed(key) || keys.contains(key.lowercased()) { key = String(position) }
                while keys.contains(key.lowercased()) { key += "-\(position)" }
                keys.insert(key.lowercased())
                outcome(indicator, of: result, key: key, in: project, language: activity.defaultLanguage)
            }
        }
    }

    mutating func outcome(
        _ indicator: IATIActivity.Indicator, of result: IATIActivity.Result, key: String, in project: ProjectID, language: String?
    ) {
        let id = OutcomeID(project: project, key: key)
        let existing = portfolio.outcomes[id]
        var outcome = existing ?? Outcome(id: id)
        let line = indicator.element.line
        if let title = pick(indicator.title, language: language, collapse: true) ?? pick(result.title, language: language, collapse: true) {
            outcome.title = title.0.text
        }
        if let code = result.element["type"]?.trimmedCell {
            if let level = IATICodes.level(code) {
                outcome.level = level
            } else {
                warn("result type '\(code)' is not 1, 2, 3 or 9; read as output", at: result.element, reason: "unknown codes")
            }
        }
        var baseline: Decimal?
        if let element = indicator.baseline, let value = element["value"], !value.trimmedCell.isEmpty {
            baseline = number(value, at: element, what: "baseline")
        }
        let code = indicator.element["measure"]?.trimmedCell ?? ""
        if let measure = IATICodes.measure(code, hasBaseline: baseline != nil) {
            outcome.measure = measure
        } else {
            warn(
                code.isEmpty ? "indicator without a measure; read as a unit" : "indicator measure '\(code)' is not 1 to 5; read as a unit",
                at: indicator.element, reason: "unknown codes")
            outcome.measure = baseline == nil ? .count : .level
        }
        if let ascending = indicator.element["ascending"]?.trimmedCell {
            outcome.direction = ascending == "0" || ascending.lowercased() == "false" ? .down : .up
        }
        let numeric = outcome.measure != .qualitative
        if numeric {
            outcome.baseline = baseline
            if let element = indicator.baseline {
                if let date = element["iso-date"] {
                    outcome.baselineDate = day(date, at: element, what: "baseline")
                } else if let year = element["year"]?.trimmedCell, year.utf8.count == 4, let day = try? Day(parsing: year) {
                    outcome.baselineDate = day
                } else if let year = element["year"] {
                    warn("baseline year '\(year)' is not a year; skipped", at: element, reason: "bad dates")
                }
            }
        } else {
            (outcome.baseline, outcome.baselineDate, outcome.target) = (nil, nil, nil)
        }
        // The periods by their end dates; the last gives the target and its due date.
        var periods: [(period: IATIActivity.Period, end: Day)] = []
        for period in indicator.periods {
            guard let end = period.end else {
                warn("period without period-end; its values are skipped", at: period.element, reason: "bad dates")
                continue
            }
            guard let day = day(end["iso-date"], at: end, what: "period-end") else { continue }
            periods.append((period, day))
        }
        periods.sort { $0.end.firstDay < $1.end.firstDay }
        if let last = periods.last {
            outcome.due = last.end
            if numeric, let target = last.period.targets.first, let value = target["value"], !value.trimmedCell.isEmpty {
                outcome.target = number(value, at: target, what: "target") ?? outcome.target
            }
        }
        if let baselineDate = outcome.baselineDate, let due = outcome.due, due.lastDay < baselineDate.firstDay {
            warn(
                "baseline date \(baselineDate) is after the last period's end \(due); the baseline date is skipped",
                at: indicator.baseline ?? indicator.element, reason: "bad dates")
            outcome.baselineDate = nil
        }
        for (period, _) in periods {
            for actual in period.actuals {
                for dimension in actual.dimensions {
                    let name = (dimension["name"] ?? "").slug
                    if !name.isEmpty && EntityID<Outcome>.isWellFormed(name) && !outcome.dims.contains(name) { outcome.dims.append(name) }
                }
            }
        }
        if let existing {
            if existing != outcome {
                guard take(.updateOutcome(old: existing, new: outcome), line: line, what: "indicator '\(id)'") else { return }
            } else {
                plan.unchanged += 1
            }
        } else {
            guard take(.addOutcome(outcome), line: line, what: "indicator '\(id)'") else { return }
        }
        counts.outcomes += 1
        for (period, end) in periods {
            for actual in period.actuals { record(actual, on: end, of: outcome, language: language) }
        }
    }

    /// One actual as a record: the same record as one already kept when its date and
    /// dimensions match, so that importing a file again updates rather than duplicates.
    mutating func record(_ actual: IATIActivity.Actual, on date: Day, of outcome: Outcome, language: String?) {
        let element = actual.element
        let comment = pick(actual.comment, language: language, collapse: true)?.0.text
        var value: Decimal?
        var note = comment
        if outcome.measure == .qualitative {
            let written = element["value"]?.trimmedCell ?? ""
            note = comment ?? (written.isEmpty ? nil : written)
            guard note != nil else {
                warn("actual of the qualitative indicator '\(outcome.id)' has neither a comment nor a value; skipped", at: element, reason: "empty actuals")
                return
            }
        } else {
            guard let number = number(element["value"], at: element, what: "actual") else { return }
            value = number
        }
        var dimensions: [String: String] = [:]
        for dimension in actual.dimensions {
            let name = (dimension["name"] ?? "").slug
            let written = (dimension["value"] ?? "").collapsingWhitespace
            guard !name.isEmpty, outcome.dims.contains(name) else {
                warn("dimension without a name; skipped", at: dimension, reason: "dimensions without name or value")
                continue
            }
            guard !written.isEmpty else {
                warn("dimension '\(name)' without a value; skipped", at: dimension, reason: "dimensions without name or value")
                continue
            }
            dimensions[name] = written
        }
        let same = portfolio.measurements(of: outcome.id).first { $0.date == date && $0.dimensions == dimensions }
        if let same {
            if same.value == value && same.note == note {
                if plannedRecords.contains(same.id) {
                    warn("a second actual of '\(outcome.id)' on \(date) with the same dimensions; skipped", at: element, reason: "repeated actuals")
                } else {
                    plan.unchanged += 1
                }
                return
            }
            if plannedRecords.contains(same.id) {
                warn("a second actual of '\(outcome.id)' on \(date) with the same dimensions; skipped", at: element, reason: "repeated actuals")
                return
            }
            guard take(.unrecord(same), line: element.line, what: "actual of '\(outcome.id)'") else { return }
        }
        let record = OutcomeRecord(outcome: outcome.id, date: date, value: value, dimensions: dimensions, note: note, source: nil)
        if take(.record(record), line: element.line, what: "actual of '\(outcome.id)' on \(date)") {
            counts.records += 1
            plannedRecords.insert(record.id)
        }
    }
}
