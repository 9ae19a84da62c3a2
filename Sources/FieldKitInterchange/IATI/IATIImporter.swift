import FieldKit
import Foundation

/// Turns the activities of an IATI file into changes to a portfolio, one activity at a time.
///
/// Each change is applied at once to a working copy of the portfolio, so that a later
/// activity sees what an earlier one brought in, and a change a rule refuses is found where
/// it is made: it becomes a warning, and the rest imports. Dirty values are warnings too;
/// only XML that is not well-formed stops the import (``IATIReader``).
struct IATIImporter {
    var portfolio: Portfolio
    var plan = ImportPlan()
    let gazetteer: Gazetteer?
    var counts = (activities: 0, projects: 0, partners: 0, outcomes: 0, records: 0)
    /// The first name each organisation ref carried in this file, to warn when another differs.
    var namesByRef: [String: String] = [:]
    var warnedRefs: Set<String> = []
    /// The records this import adds, to tell a second actual on one date from one already kept.
    var plannedRecords: Set<RecordID> = []

    init(portfolio: Portfolio, gazetteer: Gazetteer?) {
        self.portfolio = portfolio
        self.gazetteer = gazetteer
    }

    // MARK: Warnings and changes

    mutating func warn(_ message: String, at coded: IATIActivity.Coded, reason: String) {
        warn(message, line: coded.line, column: coded.column, reason: reason)
    }

    mutating func warn(_ message: String, line: Int, column: Int = 0, reason: String) {
        plan.warnings.append(ImportWarning(message, line: line, column: column, reason: reason))
    }

    /// Applies `change` to the working copy and plans it; a change a rule refuses is a warning.
    @discardableResult
    mutating func take(_ change: Change, line: Int, what: String) -> Bool {
        do {
            try change.checkLimits()
            try portfolio.apply(change)
        } catch {
            warn("\(what): \(error.reason); skipped", line: line, reason: "changes refused by a rule")
            return false
        }
        plan.add(change, at: line)
        return true
    }

    // MARK: One activity

    mutating func take(_ activity: IATIActivity) {
        counts.activities += 1
        let written = activity.identifier.collapsingWhitespace
        guard !written.isEmpty else {
            warn("activity without an iati-identifier; skipped", at: activity.element, reason: "activities without an identifier")
            return
        }
        guard EntityID<Project>.isWellFormedProject(written) else {
            warn(
                "iati-identifier '\(written)' cannot be a project id (it must start with a letter or digit); activity skipped",
                line: activity.identifierLine, reason: "activities without an identifier")
            return
        }
        let id = portfolio.projects[ProjectID(written)]?.id ?? ProjectID(written)
        let line = activity.identifierLine
        let existing = portfolio.projects[id]
        var project = existing ?? Project(id: id)
        fill(&project, from: activity)
        let (found, shares) = regions(of: activity)
        for region in found where !project.regions.contains(region) { project.regions.append(region) }
        for (region, share) in shares { project.regionShares[region] = share }
        if let existing {
            if existing != project {
                guard take(.updateProject(old: existing, new: project), line: line, what: "activity '\(written)'") else { return }
            } else {
                plan.unchanged += 1
            }
        } else {
            guard take(.addProject(project), line: line, what: "activity '\(written)'") else { return }
        }
        counts.projects += 1
        link(activity, to: id)
        results(of: activity, in: id)
    }

    /// Sets the project's fields the activity gives; what it leaves out stays.
    mutating func fill(_ project: inout Project, from activity: IATIActivity) {
        let language = activity.defaultLanguage
        if let (main, others) = pick(activity.title, language: language, collapse: true) {
            project.title = main.text
            project.language = main.language ?? language
            project.translations.removeAll { $0.field == .title }
            project.translations += others.map { Translation(field: .title, language: $0.language ?? "", text: $0.text) }
        }
        let general = activity.descriptions.first { $0.type == nil || $0.type == "1" } ?? activity.descriptions.first
        // A description that only repeats the title (as FieldKit writes one for a project
        // without a summary, IATI requiring it) is no summary.
        if let general, let (main, others) = pick(general.narratives, language: language, collapse: false),
            main.text.collapsingWhitespace != project.title || !others.isEmpty
        {
            project.summary = main.text
            project.translations.removeAll { $0.field == .summary }
            project.translations += others.map { Translation(field: .summary, language: $0.language ?? "", text: $0.text) }
        }
        // A translation into what is now the project's own language gives way to the title.
        project.translations.removeAll { $0.language == project.language }
        if let status = activity.status {
            if let code = status["code"], let value = IATICodes.status(code) {
                project.status = value
            } else {
                warn("activity-status '\(status["code"] ?? "")' is not a code from 1 to 6; skipped", at: status, reason: "unknown codes")
            }
        }
        dates(of: activity, into: &project)
        let sectors = self.sectors(of: activity)
        if !sectors.isEmpty { project.sectors = sectors }
        if let budget = budget(of: activity) { project.budget = budget }
    }

    /// The narrative in `language` (else the first) and the others, each language once,
    /// empty ones left out.
    func pick(_ narratives: [IATIActivity.Narrative], language: String?, collapse: Bool)
        -> (IATIActivity.Narrative, [IATIActivity.Narrative])?
    {
        var seen: Set<String> = []
        var cleaned: [IATIActivity.Narrative] = []
        for narrative in narratives {
            let text = collapse ? narrative.text.collapsingWhitespace : narrative.text.trimmedCell
            let code = (narrative.language ?? language).map { $0.lowercased() }
            guard !text.isEmpty, seen.insert(code ?? "").inserted else { continue }
            cleaned.append(IATIActivity.Narrative(language: code, text: text))
        }
        guard !cleaned.isEmpty else { return nil }
        let index = cleaned.firstIndex { $0.language == language } ?? 0
        let main = cleaned.remove(at: index)
        // Only narratives that say a language FieldKit can keep are kept as translations.
        return (main, cleaned.filter { $0.language.map(Translation.isLanguageCode) ?? false })
    }

    mutating func dates(of activity: IATIActivity, into project: inout Project) {
        for date in activity.dates {
            guard let type = date["type"], ["1", "2", "3", "4"].contains(type) else {
                warn("activity-date type '\(date["type"] ?? "")' is not 1 to 4; skipped", at: date, reason: "unknown codes")
                continue
            }
            guard let day = self.day(date["iso-date"], at: date, what: "activity-date") else { continue }
            switch type {
            case "1": project.start = day
            case "2": project.actualStart = day
            case "3": project.end = day
            default: project.actualEnd = day
            }
        }
        if let start = project.start, let end = project.end, end.firstDay < start.firstDay {
            warn("planned end \(end) is before the planned start \(start); the end is skipped", line: activity.identifierLine, reason: "bad dates")
            project.end = nil
        }
        if let start = project.actualStart, let end = project.actualEnd, end.firstDay < start.firstDay {
            warn("actual end \(end) is before the actual start \(start); the end is skipped", line: activity.identifierLine, reason: "bad dates")
            project.actualEnd = nil
        }
    }

    /// An ISO date (`2020-05-01`, with or without a time after it), or a warning.
    mutating func day(_ text: String?, at coded: IATIActivity.Coded, what: String) -> Day? {
        let written = (text ?? "").trimmedCell
        let date = written.count > 10 && written.utf8.count > 10 ? String(written.prefix(10)) : written
        guard date.utf8.count == 10, let day = try? Day(parsing: date) else {
            warn(
                written.isEmpty ? "\(what) without a date; skipped" : "\(what) '\(written)' is not a date (YYYY-MM-DD); skipped",
                at: coded, reason: "bad dates")
            return nil
        }
        return day
    }

    /// A `value` element's amount and currency (its own, else the activity's default), or a warning.
    mutating func value(
        _ text: String, _ element: IATIActivity.Coded?, in parent: IATIActivity.Coded, of activity: IATIActivity, what: String
    ) -> (Decimal, String)? {
        let place = element ?? parent
        guard let amount = number(text, at: place, what: what) else { return nil }
        guard let currency = (element?["currency"] ?? activity.element["default-currency"])?.trimmedCell.uppercased(), !currency.isEmpty
        else {
            warn("\(what) without a currency (and no default-currency); skipped", at: place, reason: "values without a currency")
            return nil
        }
        return (amount, currency)
    }

    /// A number as IATI writes it (`1500000.00`), or a warning.
    mutating func number(_ text: String?, at coded: IATIActivity.Coded, what: String) -> Decimal? {
        let written = (text ?? "").trimmedCell
        guard let value = Money.decimal(written), value.isFinite else {
            warn(
                written.isEmpty ? "\(what) without a value; skipped" : "\(what) value '\(written)' is not a number; skipped",
                at: coded, reason: "values that are not numbers")
            return nil
        }
        return value
    }

    mutating func sectors(of activity: IATIActivity) -> [String] {
        var sectors: [String] = []
        for sector in activity.sectors {
            guard let code = sector["code"]?.trimmedCell, !code.isEmpty else {
                warn("sector without code; skipped", at: sector, reason: "sectors without code")
                continue
            }
            let vocabulary = sector["vocabulary"]?.trimmedCell ?? IATICodes.dacFiveDigit
            // DAC codes and the reporting organisation's own words (99) are written bare.
            let bare = vocabulary == IATICodes.dacFiveDigit || vocabulary == IATICodes.ownVocabulary || vocabulary.isEmpty
            let written = bare ? code : "\(vocabulary):\(code)"
            if !sectors.contains(written) { sectors.append(written) }
        }
        return sectors
    }

    /// The budgets summed per currency: revised ones (type 2) where the file gives any, else
    /// the originals. Only one currency can be the project's budget; the others are warned of.
    mutating func budget(of activity: IATIActivity) -> Money? {
        let revised = activity.budgets.contains { $0.element["type"] == "2" }
        var totals: [(currency: String, amount: Decimal)] = []
        for budget in activity.budgets where !revised || budget.element["type"] == "2" {
            guard let (amount, currency) = value(budget.value, budget.valueElement, in: budget.element, of: activity, what: "budget")
            else { continue }
            if let index = totals.firstIndex(where: { $0.currency == currency }) {
                totals[index].amount += amount
            } else {
                totals.append((currency, amount))
            }
        }
        guard let first = totals.first else { return nil }
        let chosen = totals.first { $0.currency == activity.element["default-currency"]?.uppercased() } ?? first
        let others = totals.filter { $0.currency != chosen.currency }
        if !others.isEmpty {
            let listed = others.map { "\($0.amount) \($0.currency)" }.joined(separator: ", ")
            warn(
                "budgets in \(totals.count) currencies: the budget is the \(chosen.currency) total; \(listed) not added to it",
                line: activity.budgets.first?.element.line ?? activity.identifierLine, reason: "budgets in other currencies")
        }
        guard let money = try? Money(amount: chosen.amount, currency: chosen.currency) else {
            warn(
                "budget currency '\(chosen.currency)' is not an ISO 4217 code; the budget is skipped",
                line: activity.budgets.first?.element.line ?? activity.identifierLine, reason: "unknown codes")
            return nil
        }
        return money
    }
}

extension String {
    /// Runs of white space (spaces, tabs, line breaks), as one space, and none at either end.
    ///
    /// Byte by byte, and the string itself when there is nothing to do, as for nearly every
    /// name and title: splitting into characters was a seventh of an IATI import.
    var collapsingWhitespace: String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        let bytes = utf8
        var clean = true
        var previous: UInt8 = 0x20
        for byte in bytes {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte == 0x20 && previous == 0x20) {
                clean = false
                break
            }
            previous = byte
        }
        if clean && previous != 0x20 { return self }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pending = false
        for byte in bytes {
            if isSpace(byte) {
                pending = !result.isEmpty
            } else {
                if pending { result.append(0x20) }
                pending = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A slug for an id: letters and digits of any script in lower case, anything else as
    /// one `-`: `Golden Goal (Osh)` is `golden-goal-osh`.
    var slug: String {
        var result = ""
        var dash = false
        for scalar in lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" || scalar == "." {
                if dash && !result.isEmpty { result += "-" }
                dash = false
                result.unicodeScalars.append(scalar)
            } else {
                dash = true
            }
        }
        while let first = result.unicodeScalars.first, first == "_" || first == "." { result.unicodeScalars.removeFirst() }
        return String(result.prefix(80))
    }
}
