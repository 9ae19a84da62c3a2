import FieldKit

/// The rows of a Gantt chart: each row's planned and actual spans as day ordinals, on one
/// axis from the earliest date to the latest, drawn at whatever width is left for it.
struct TimelineRows {
    struct Span {
        var planned: ClosedRange<Int>?
        var actual: ClosedRange<Int>?
        var status: String
    }

    let spans: [Span]
    let first: Int
    let last: Int
    let today: Int

    init?(_ table: Table, chart: TimelineChart, columns: [Column]) {
        func index(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
        guard let start = index(chart.start), let end = index(chart.end) else { return nil }
        let actualStart = index(chart.actualStart)
        let actualEnd = index(chart.actualEnd)
        let status = index(chart.status)
        let today = chart.today.ordinal
        func day(_ row: [Value], _ column: Int?) -> Day? {
            guard let column, case .day(let day) = row[safe: column] ?? .null else { return nil }
            return day
        }
        func range(_ from: Day?, _ to: Day?) -> ClosedRange<Int>? {
            guard let from else { return nil }
            let low = from.firstDay.ordinal
            return low...max(low, to?.lastDay.ordinal ?? low)
        }
        spans = table.rows.map { row in
            let plannedStart = day(row, start)
            let plannedEnd = day(row, end)
            let begun = day(row, actualStart)
            // An actual start without an actual end runs to today (or the planned end, once past it).
            var ended = day(row, actualEnd)
            if begun != nil, ended == nil {
                ended = (try? Day(ordinal: max(begun?.firstDay.ordinal ?? today, today))) ?? plannedEnd
            }
            return Span(
                planned: range(plannedStart, plannedEnd ?? plannedStart), actual: range(begun, ended),
                status: status.map { row[safe: $0]?.text ?? "" } ?? "")
        }
        let bounds = spans.flatMap { [$0.planned, $0.actual].compactMap { $0 } }
        guard let low = bounds.map(\.lowerBound).min(), let high = bounds.map(\.upperBound).max() else { return nil }
        // Whole years (or months, for a short span) at each end, so that ticks fall on edges.
        let lowDay = (try? Day(ordinal: low)) ?? chart.today
        let highDay = (try? Day(ordinal: high)) ?? chart.today
        let yearly = high - low > 540
        let from = yearly ? (try? Day(year: lowDay.year)) : (try? Day(year: lowDay.year, month: lowDay.month))
        let to = yearly ? (try? Day(year: highDay.year)) : (try? Day(year: highDay.year, month: highDay.month))
        first = from?.firstDay.ordinal ?? low
        last = to?.lastDay.ordinal ?? high
        self.today = today
    }

    /// The column of a day on a chart `width` cells wide.
    private func cell(_ ordinal: Int, width: Int) -> Int {
        let span = max(1, last - first + 1)
        return min(width - 1, max(0, (ordinal - first) * width / span))
    }

    /// The axis labels, a cell per row, and the legend, at `width` cells.
    func drawn(width: Int) -> (header: String, cells: [DrawnTable.Cell], legend: String) {
        let ticks = self.ticks(width: width)
        var axis = Array(repeating: Character(" "), count: width)
        var freeFrom = 0
        for (column, label) in ticks where column >= freeFrom && column + label.count <= width {
            for (offset, character) in label.enumerated() { axis[column + offset] = character }
            freeFrom = column + label.count + 1
        }
        let todayCell = (first...last).contains(today) ? cell(today, width: width) : nil
        let cells = spans.map { span -> DrawnTable.Cell in
            var line = Array(repeating: Character(" "), count: width)
            for (column, _) in ticks { line[column] = "·" }
            if let planned = span.planned {
                for column in cell(planned.lowerBound, width: width)...cell(planned.upperBound, width: width) { line[column] = "░" }
            }
            if let actual = span.actual {
                for column in cell(actual.lowerBound, width: width)...cell(actual.upperBound, width: width) { line[column] = "█" }
            }
            if let todayCell { line[todayCell] = line[todayCell] == " " || line[todayCell] == "·" ? "│" : "┃" }
            return DrawnTable.Cell(String(line), paint: Renderer.statusAttributes(span.status))
        }
        var legend = "░ planned  █ actual"
        if todayCell != nil, let day = try? Day(ordinal: today) { legend += "  │ today \(day)" }
        return (String(axis), cells, legend)
    }

    /// Where each tick stands and its label, on a chart `width` cells wide.
    private func ticks(width: Int) -> [(column: Int, label: String)] {
        tickOrdinals(width: width).map { (cell($0.ordinal, width: width), $0.label) }
    }

    /// The ticks' days and labels: years, or months (`2007-04`, then `05`…) for a span of
    /// at most a year and a half; as many as `width` cells have room for.
    func tickOrdinals(width: Int = 100) -> [(ordinal: Int, label: String)] {
        guard let start = try? Day(ordinal: first), let end = try? Day(ordinal: last) else { return [] }
        var ticks: [(Int, String)] = []
        if last - first > 540 {
            let years = end.year - start.year + 1
            let needed = max(1, Int((Double(years * 5) / Double(width)).rounded(.up)))
            // A round step (1, 2, 5, 10, 20, 25, 50, 100…), its ticks on its multiples.
            var step = 1
            for scale in [1, 10, 100, 1_000] {
                if let found = [1, 2, 5].map({ $0 * scale }).first(where: { $0 >= needed }) {
                    step = found
                    break
                }
                step = 10 * scale
            }
            var year = step == 1 ? start.year : (start.year + step - 1) / step * step
            while year <= end.year {
                if let day = try? Day(year: year) { ticks.append((day.firstDay.ordinal, "\(year)")) }
                year += step
            }
        } else {
            let months = (end.year - start.year) * 12 + end.month - start.month + 1
            let needed = max(1, Int((Double(months * 3) / Double(width)).rounded(.up)))
            let step = [1, 2, 3, 6, 12].first { $0 >= needed } ?? 12
            var index = 0
            while index < months {
                let year = start.year + (start.month - 1 + index) / 12
                let month = (start.month - 1 + index) % 12 + 1
                if let day = try? Day(year: year, month: month) {
                    let label = index == 0 || month == 1 ? "\(day)" : (month < 10 ? "0\(month)" : "\(month)")
                    ticks.append((day.firstDay.ordinal, label))
                }
                index += step
            }
        }
        return ticks
    }
}
