import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// The Gantt chart's axis and bars, drawn from a table's dates.
@Suite struct TimelineRowsTests {
    func table(_ rows: [(String, String?, String?, String?, String?)], today: String) throws -> Table {
        func day(_ text: String?) throws -> Value { try text.map { .day(try Day(parsing: $0)) } ?? .null }
        let names = ["id", "status", "start", "end", "actual-start", "actual-end"]
        return Table(
            columns: names.map { Column($0) },
            rows: try rows.map { row in [.text(row.0), .text("active"), try day(row.1), try day(row.2), try day(row.3), try day(row.4)] },
            timeline: TimelineChart(start: "start", end: "end", actualStart: "actual-start", actualEnd: "actual-end", status: "status", today: try Day(parsing: today)))
    }

    func rows(_ table: Table) throws -> TimelineRows {
        let chart = try #require(table.timeline)
        return try #require(TimelineRows(table, chart: chart, columns: table.columns))
    }

    @Test func yearTicksFallOnRoundYears() throws {
        let wide = try table([("W", "0001-01-01", "9999-12", nil, nil)], today: "2007-12-01")
        let axis = try rows(wide).tickOrdinals(width: 60)
        #expect(axis.map(\.label) == ["1000", "2000", "3000", "4000", "5000", "6000", "7000", "8000", "9000"])
        #expect(try rows(wide).tickOrdinals(width: 30).map(\.label) == ["2000", "4000", "6000", "8000"])
        let osh = try table([("A", "2004", "2006", nil, nil), ("B", "2007-04-24", "2008-01", "2007-05-02", nil)], today: "2007-12-01")
        let years = try rows(osh).tickOrdinals(width: 60)
        #expect(years.map(\.label) == ["2004", "2005", "2006", "2007", "2008"])
    }

    @Test func aShortSpanHasMonthTicks() throws {
        let short = try table([("B", "2007-04-24", "2008-01", nil, nil)], today: "2007-12-01")
        let months = try rows(short).tickOrdinals(width: 60)
        #expect(months.first?.label == "2007-04")
        #expect(months.map(\.label).contains("2008-01"))
        #expect(months.count == 10)
    }

    @Test func aVerticalTimelineKeepsItsChartOnOneLine() throws {
        let osh = try table([("B", "2007-04-24", "2008-01", "2007-05-02", nil)], today: "2007-12-01")
        for width in [30, 40, 60, 100] {
            let text = Renderer(format: .vertical, width: width).render(.table(osh))
            let chart = try #require(text.split(separator: "\n").first { $0.hasPrefix("timeline") })
            #expect(chart.contains("█") && chart.contains("┃"), "\(width)")
            #expect(chart.count <= width, "\(width)")
            // One line: the line after it is the next field or the footer, not the chart's rest.
            #expect(!text.contains("timeline\n"), "\(width)")
        }
    }

    @Test func plannedActualAndTodayAreToldApart() throws {
        let osh = try table([("B", "2007-04-24", "2008-01", "2007-05-02", nil)], today: "2007-12-01")
        let drawn = try rows(osh).drawn(width: 40)
        let bar = try #require(drawn.cells.first?.text)
        #expect(bar.count == 40)
        #expect(bar.contains("░") && bar.contains("█") && bar.contains("┃"))
        // The actual span runs to today, then the planned one goes on to the end.
        let today = try #require(bar.firstIndex(of: "┃"))
        #expect(bar[bar.index(before: today)] == "█")
        #expect(bar[bar.index(after: today)] == "░")
        #expect(drawn.legend == "░ planned  █ actual  │ today 2007-12-01")
    }
}
