import FieldKit
import Foundation

extension IATIExporter {
    /// An outcome as a result with one indicator. Its records go out as the actuals of periods
    /// that end on their dates; the target is in the period that ends when it is due.
    mutating func result(_ outcome: Outcome, of project: Project) {
        let records = portfolio.measurements(of: outcome.id)
        open("result", [("type", "\(outcome.level.iatiCode)")], depth: 2)
        narratives("title", [(nil, outcome.title)], depth: 3)
        open("indicator", [("measure", IATICodes.code(of: outcome.measure)), ("ascending", outcome.direction == .down ? "0" : "1")], depth: 3)
        narratives("title", [(nil, outcome.title)], depth: 4)
        // The key, which reads back as the key.
        open("reference", [("vocabulary", "99"), ("code", outcome.id.key.rawValue)], depth: 4, empty: true)
        if let baseline = outcome.baseline {
            let date = outcome.baselineDate ?? project.start ?? project.actualStart
            let year = date.map { "\($0.year)" } ?? "\(Day.today().year)"
            // A baseline dated by its year only (as IATI 2.01 dated them) goes out so.
            let day = outcome.baselineDate.flatMap { $0.precision == .day ? $0.description : nil }
            open("baseline", [("year", year), ("iso-date", day), ("value", "\(baseline)")],
                 depth: 4, empty: true)
        }
        var dates = records.map { $0.date.firstDay }.reduce(into: [Day]()) { if !$0.contains($1) { $0.append($1) } }
        // A period for the target: it ends when the outcome is due (the project's end, unless said).
        let due = outcome.due != nil || outcome.target != nil ? portfolio.dueDate(of: outcome).map(\.lastDay) : nil
        if let due, !dates.contains(due) { dates.append(due) }
        dates.sort()
        var previous: Day?
        for end in dates {
            let start = previous.flatMap { try? Day(ordinal: $0.ordinal + 1) } ?? (project.start?.firstDay).flatMap { $0 <= end ? $0 : nil } ?? end
            open("period", depth: 4)
            open("period-start", [("iso-date", start.description)], depth: 5, empty: true)
            open("period-end", [("iso-date", end.description)], depth: 5, empty: true)
            if end == due, let target = outcome.target, outcome.measure != .qualitative {
                open("target", [("value", "\(target)")], depth: 5, empty: true)
            }
            for record in records where record.date.firstDay == end { actual(record, dims: outcome.dims, depth: 5) }
            close("period", depth: 4)
            previous = end
        }
        close("indicator", depth: 3)
        close("result", depth: 2)
    }

    /// An actual, its dimensions in the order the outcome declares them, so that they read back so.
    private mutating func actual(_ record: OutcomeRecord, dims: [String], depth: Int) {
        let dimensions = record.dimensions.sorted {
            (dims.firstIndex(of: $0.key) ?? dims.count, $0.key) < (dims.firstIndex(of: $1.key) ?? dims.count, $1.key)
        }
        let value = record.value.map { "\($0)" }
        if dimensions.isEmpty && record.note == nil {
            open("actual", [("value", value)], depth: depth, empty: true)
            return
        }
        open("actual", [("value", value)], depth: depth)
        for (name, text) in dimensions { open("dimension", [("name", name), ("value", text)], depth: depth + 1, empty: true) }
        if let note = record.note { narratives("comment", [(nil, note)], depth: depth + 1) }
        close("actual", depth: depth)
    }
}

extension IATI {
    /// Writes projects as an IATI 2.03 activity file.
    ///
    /// - Parameters:
    ///   - portfolio: the portfolio to export from.
    ///   - projects: the projects to write; nil for all of them.
    ///   - reportingOrg: the partner that reports every activity (a field office reporting
    ///     its portfolio); nil for each project's lead partner, else its first partner.
    /// - Returns: the XML, and what could not be written as valid IATI (a project without
    ///   dates, a budget without a period), one message each.
    public static func export(_ portfolio: Portfolio, projects: Set<ProjectID>? = nil, reportingOrg: PartnerID? = nil)
        -> (xml: String, warnings: [String])
    {
        var exporter = IATIExporter(portfolio: portfolio, reportingOrg: reportingOrg)
        let chosen = portfolio.projects.values.filter { projects?.contains($0.id) ?? true }.sorted { $0.id < $1.id }
        let xml = exporter.document(chosen)
        return (xml, exporter.warnings)
    }
}
