import FieldKit
import Foundation

extension Reports {
    /// `timeline [where …]`: the projects with a date, earliest first, with their planned
    /// and actual dates; drawn tables add a Gantt chart of them on one time axis.
    func timeline(condition: Condition?) throws(Diagnostic) -> RowSet {
        var projects = Sources.projects(context)
        if let condition { projects = try filter(projects, condition) }
        projects.ordered()
        let fields: [Field] = [.id, .title, .status, .start, .end, .actualStart, .actualEnd]
        let dated = projects.rows.filter { row in
            !projects.value(row, .start).isEmpty || !projects.value(row, .actualStart).isEmpty
        }
        func first(_ row: Int) -> Day? {
            if case .day(let day) = projects.value(row, .actualStart) { return day }
            if case .day(let day) = projects.value(row, .start) { return day }
            return nil
        }
        // Stable: projects that start together keep their id order.
        let sorted = dated.enumerated().sorted { lhs, rhs in
            let (a, b) = (first(lhs.element), first(rhs.element))
            if let a, let b, a != b { return a < b }
            return lhs.offset < rhs.offset
        }.map(\.element)
        let rows = sorted.map { row in fields.map { projects.value(row, $0) } }
        let chart = TimelineChart(
            start: Field.start.rawValue, end: Field.end.rawValue, actualStart: Field.actualStart.rawValue,
            actualEnd: Field.actualEnd.rawValue, status: Field.status.rawValue, today: context.day)
        return RowSet.report(Reports.timelineColumns, rows: rows, timeline: chart)
    }

    /// The columns of `timeline`; the dates go first when the chart leaves no room.
    static let timelineColumns = [
        ReportColumn(.id), ReportColumn(.title, drop: 2), ReportColumn(.status, words: Grammar.words(ProjectStatus.self)),
        ReportColumn(.start, .day, drop: 1), ReportColumn(.end, .day, drop: 1),
        ReportColumn(.actualStart, .day, drop: 0), ReportColumn(.actualEnd, .day, drop: 0),
    ]
}
