import FieldKit
import Foundation

extension Reports {
    /// The columns of `progress`: grouped by project in a drawn table, a bar with the
    /// expected progress as its mark, and the columns a narrow terminal can do without.
    static func progressColumns(dimension: String?) -> [ReportColumn] {
        var columns = [
            ReportColumn(.project, drawing: .heading(title: "project-title")),
            ReportColumn("project-title", drawing: .hidden),
            ReportColumn(.id, drawing: .hidden),
            ReportColumn(.outcome),
            ReportColumn(.title, drop: 4),
        ]
        if let dimension { columns.append(ReportColumn(dimensionColumn(dimension))) }
        columns += [
            ReportColumn(.baseline, .number, drop: 1),
            ReportColumn(.current, .number),
            ReportColumn(.target, .number),
            ReportColumn(.unit, drop: 2),
            ReportColumn(.progress, .fraction, drawing: .bar(mark: Field.expected.rawValue)),
            ReportColumn(.expected, .fraction, drawing: .hidden),
            ReportColumn(.status, words: Grammar.words(OutcomeStatus.self)),
            ReportColumn(.lastRecorded, .day, drop: 3),
            // Drawn in the progress column, where a qualitative outcome has no bar.
            ReportColumn(.note, drawing: .hidden),
        ]
        return columns
    }

    /// The column of a `by` split: the dimension's name, or `by-<name>` when a progress
    /// column has that name already (a dimension called `status`).
    static func dimensionColumn(_ dimension: String) -> String {
        let taken = Set(progressColumns(dimension: nil).map(\.name))
        return taken.contains(dimension) ? "by-" + dimension : dimension
    }

    /// `progress [<project> | <outcome> | where …] [by <dimension>]`: per outcome, grouped by
    /// project, where it stands on the report's day. A qualitative outcome shows its latest
    /// note instead of a bar; `by` splits each outcome that declares the dimension into a
    /// row per value its records hold.
    func progress(project: Expression?, condition: Condition?, by: Located<FieldRef>?) throws(Diagnostic) -> RowSet {
        var outcomes = Sources.outcomes(context)
        if let project {
            // A project's outcomes, or one outcome when the id names one (`progress TIP-2007/trained`).
            let written = try evaluator.text(project)
            if written.utf8.contains(UInt8(ascii: "/")), portfolio.projects[ProjectID(written)] == nil {
                outcomes.rows = context.rows(ofOutcomes: [try evaluator.outcome(project).id])
            } else {
                outcomes.rows = context.rows(ofOutcomes: portfolio.outcomes(of: try evaluator.project(project).id).map(\.id))
            }
        }
        if let condition { outcomes = try filter(outcomes, condition) }
        outcomes.ordered()
        let ids = outcomes.rows.map { OutcomeID(outcomes.value($0, .id).text) }.compactMap { $0 }
        let dimension = try by.map { written throws(Diagnostic) in try self.dimension(written) }
        return progress(of: ids, by: dimension)
    }

    /// The progress rows of these outcomes, in this order, split by `dimension` if given.
    func progress(of ids: [OutcomeID], by dimension: String?) -> RowSet {
        var rows: [[Value]] = []
        for id in ids {
            guard let outcome = portfolio.outcomes[id] else { continue }
            if let dimension, outcome.dims.contains(dimension) {
                let records = portfolio.measurements(of: id).filter { context.isIncluded($0.date) }
                var values: [String?] = []
                for record in records where !values.contains(record.dimensions[dimension]) { values.append(record.dimensions[dimension]) }
                let ordered = values.compactMap { $0 }.sorted() + (values.contains(nil) ? [nil] : [])
                for value in ordered {
                    let part = portfolio.progress(of: id, asOf: context.day, dimension: dimension, value: value)
                    rows.append(progressRow(outcome, part, dimension: (dimension, value)))
                }
                if ordered.isEmpty { rows.append(progressRow(outcome, context.progress(of: id), dimension: (dimension, nil))) }
            } else {
                rows.append(progressRow(outcome, context.progress(of: id), dimension: dimension.map { ($0, nil) }))
            }
        }
        return RowSet.report(Reports.progressColumns(dimension: dimension), rows: rows)
    }

    /// The dimension `by` names: one that some outcome declares, else a diagnostic with the nearest.
    private func dimension(_ written: Located<FieldRef>) throws(Diagnostic) -> String {
        let declared = Set(portfolio.outcomes.values.flatMap(\.dims)).sorted()
        let name = written.token.text.lowercased()
        guard declared.contains(name) else {
            let known = declared.isEmpty ? "no outcome declares a dimension" : "the declared dimensions are \(declared.joined(separator: ", "))"
            throw Diagnostic(
                "no outcome declares the dimension '\(written.token.text)'; \(known)", at: written.location, length: written.length,
                suggestion: Spelling.nearest(to: name, in: declared))
        }
        return name
    }

    private func progressRow(_ outcome: Outcome, _ progress: OutcomeProgress?, dimension: (name: String, value: String?)?) -> [Value] {
        let project = portfolio.projects[outcome.id.project]
        var note: Value = .null
        var last = Sources.optional(progress?.lastRecorded)
        if outcome.measure == .qualitative {
            // The latest note recorded, with its date; no bar and no expected progress.
            let records = portfolio.measurements(of: outcome.id).filter { context.isIncluded($0.date) }
            if let latest = records.last(where: { !($0.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                note = .text(latest.note ?? "")
                last = .day(latest.date)
            }
        }
        var row: [Value] = [
            .text(outcome.id.project.rawValue), Sources.optional(project?.title), .text(outcome.id.rawValue),
            .text(outcome.id.key.rawValue), .text(outcome.title),
        ]
        if let dimension { row.append(Sources.optional(dimension.value)) }
        let qualitative = outcome.measure == .qualitative
        row += [
            Sources.optional(outcome.baseline), Sources.optional(progress?.current), Sources.optional(outcome.target),
            Sources.optional(outcome.unit), progress?.progress.map { .fraction($0) } ?? .null,
            qualitative ? .null : progress?.expected.map { .fraction($0) } ?? .null,
            Sources.optional(progress?.status?.rawValue), last, note,
        ]
        return row
    }
}
