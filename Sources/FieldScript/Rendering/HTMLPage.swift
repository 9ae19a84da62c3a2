import FieldKit
import Foundation

/// One self-contained HTML page of a report, a query or a card, to send to a donor or print
/// to PDF: inline CSS, SVG bars and Gantt charts, status colours, no script, and nothing
/// fetched from the network. It is headed by what it shows, the store, the day it was made
/// for and who made it.
public struct HTMLPage: Hashable, Sendable {
    /// What the page shows: the statement, such as `progress TIP-2007`.
    public var title: String
    /// The store it was made from, without a password.
    public var store: String?
    /// The day the figures stand on (`as of`, or today).
    public var day: Day?
    /// Who made it.
    public var actor: String?

    /// Creates a page heading.
    ///
    /// - Parameters:
    ///   - title: what the page shows.
    ///   - store: the store it was made from.
    ///   - day: the day its figures stand on.
    ///   - actor: who made it.
    public init(title: String = "FieldKit report", store: String? = nil, day: Day? = nil, actor: String? = nil) {
        self.title = title
        self.store = store
        self.day = day
        self.actor = actor
    }

    /// The page of an output.
    ///
    /// - Parameter output: a table, a card or a message.
    /// - Returns: a whole HTML document.
    public func html(_ output: Output) -> String {
        var body = ""
        switch output {
        case .table(let table): body = HTMLPage.table(table)
        case .card(let card): body = HTMLPage.card(card)
        case .message(let text): body = "<p>\(HTMLPage.escape(text))</p>\n"
        }
        var meta: [String] = []
        if let store { meta.append("store <b>\(HTMLPage.escape(store))</b>") }
        if let day { meta.append("as of <b>\(day)</b>") }
        if let actor { meta.append("made by <b>\(HTMLPage.escape(actor))</b>") }
        meta.append("on \(Value.timestamp(Date()))")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLPage.escape(title))</title>
            <style>\(HTMLPage.style)</style>
            </head>
            <body>
            <div class="head"><h1>\(HTMLPage.escape(title))</h1><p class="meta">\(meta.joined(separator: " · "))</p></div>
            <div class="body">
            \(body)</div>
            <p class="foot">Made with FieldKit.</p>
            </body>
            </html>

            """
    }

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2329;margin:2em auto;max-width:64em;padding:0 1.5em}\
        h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .4em}.meta{color:#5b6670;margin:0 0 1.2em}\
        table{border-collapse:collapse;width:100%;margin:.4em 0 1.2em;page-break-inside:auto}tr{page-break-inside:avoid}\
        th,td{border-bottom:1px solid #d9dee3;padding:.3em .5em;text-align:left;vertical-align:top}\
        th{background:#f1f4f6;font-weight:600;white-space:nowrap}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\
        td.num,.nw,span[class^=s-]{white-space:nowrap}\
        tr.group th{background:#e4eaef;font-size:1.02em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}\
        dt{color:#5b6670}dd{margin:0}.s-achieved{color:#11693a;font-weight:600}.s-on-track,.s-active{color:#1a7f37}\
        .s-at-risk,.s-finalising{color:#9a6700}.s-off-track,.s-cancelled{color:#c62828}.s-not-started,.s-closed{color:#6e7781}\
        .s-pipeline{color:#0969da}.s-suspended{color:#8250df}.legend{color:#5b6670;font-size:.9em}\
        img{vertical-align:middle}.foot{color:#8c959f;font-size:.85em;margin-top:2em}@media print{body{margin:0;max-width:none}}
        """

    /// Text safe inside an element or an attribute.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The fill of a status, for bars and chart rows.
    static func fill(_ status: String) -> String {
        switch status {
        case "achieved": "#11693a"
        case "on-track", "active": "#2da44e"
        case "at-risk", "finalising": "#d4a72c"
        case "off-track", "cancelled": "#cf222e"
        case "pipeline": "#0969da"
        case "suspended": "#8250df"
        default: "#8c959f"
        }
    }

    /// An SVG bar of a fraction with its percentage, and a mark at the expected fraction.
    static func bar(_ fraction: Double, mark: Double?, status: String) -> String {
        let width = 120.0
        let filled = (fraction.isFinite ? min(1, max(0, fraction)) : 0) * width
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"170\" height=\"14\">"
        svg += "<rect x=\"0\" y=\"2\" width=\"\(width)\" height=\"10\" fill=\"#e6e9ec\"/>"
        svg += "<rect x=\"0\" y=\"2\" width=\"\(Value.decimal(filled) ?? "0")\" height=\"10\" fill=\"\(fill(status))\"/>"
        if let mark, mark.isFinite {
            let x = min(1, max(0, mark)) * width
            svg += "<rect x=\"\(Value.decimal(max(0, x - 1)) ?? "0")\" y=\"0\" width=\"2\" height=\"14\" fill=\"#1d2329\"/>"
        }
        svg += "<text x=\"126\" y=\"11\" font-size=\"11\" font-family=\"sans-serif\">\(escape(Value.percent(fraction)))</text></svg>"
        return image(svg, width: 170, height: 14, label: Value.percent(fraction))
    }

    /// An SVG drawing as an image that carries it: no element HTML 4 parsers refuse, and
    /// nothing to fetch.
    static func image(_ svg: String, width: Int, height: Int, label: String) -> String {
        "<img width=\"\(width)\" height=\"\(height)\" alt=\"\(escape(label))\" src=\"data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString())\">"
    }

    /// A table: heading rows for a heading column, bars for bar columns, indentation for a tree,
    /// then the Gantt chart of a timeline.
    static func table(_ table: Table) -> String {
        let columns = table.columns
        func index(_ name: String?) -> Int? { name.flatMap { name in columns.firstIndex { $0.name == name } } }
        var heading: (index: Int, title: Int?)?
        var shown: [Int] = []
        for (position, column) in columns.enumerated() {
            switch column.drawing {
            case .hidden: continue
            case .heading(let title) where heading == nil: heading = (position, index(title))
            default: shown.append(position)
            }
        }
        let status = index(Field.status.rawValue)
        let note = index(Field.note.rawValue)
        // A bar reads from the left, as does the note that stands in for one.
        func alignsRight(_ position: Int) -> Bool {
            if case .bar = columns[position].drawing { return false }
            return columns[position].isNumeric
        }
        var html = "<table>\n<thead><tr>"
        for position in shown {
            html += alignsRight(position) ? "<th class=\"num\">" : "<th>"
            html += escape(columns[position].name) + "</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        var last: Value?
        for (number, row) in table.rows.enumerated() {
            if let heading, number == 0 || row[safe: heading.index] != last {
                let title = heading.title.flatMap { row[safe: $0]?.text } ?? ""
                let text = (row[safe: heading.index]?.text ?? "") + (title.isEmpty ? "" : " — " + title)
                html += "<tr class=\"group\"><th colspan=\"\(shown.count)\">\(escape(text))</th></tr>\n"
                last = row[safe: heading.index]
            }
            let rowStatus = status.flatMap { row[safe: $0]?.text } ?? ""
            html += "<tr>"
            for position in shown {
                let value = row[safe: position] ?? .null
                let numeric = alignsRight(position)
                var cell: String
                switch columns[position].drawing {
                case .bar(let markName):
                    let mark = index(markName).flatMap { row[safe: $0]?.fractionValue }
                    // A qualitative outcome: its latest note where a bar would be.
                    let text = note.flatMap { row[safe: $0]?.text } ?? ""
                    cell = value.fractionValue.map { bar($0, mark: mark, status: rowStatus) } ?? escape(text)
                case .tree(let depthName):
                    var depth = 0
                    if let column = index(depthName), case .number(let number) = row[safe: column] ?? .null {
                        depth = Int(truncating: number as NSDecimalNumber)
                    }
                    cell = "<span style=\"padding-left:\(depth * 18)px\">\(depth > 0 ? "└ " : "")\(escape(value.text))</span>"
                case .lines:
                    cell = value.drawnLines.map(escape).joined(separator: "<br>")
                case .grouped:
                    cell = escape(value.groupedText)
                default:
                    cell = escape(value.drawnText)
                    if position == status, !cell.isEmpty { cell = "<span class=\"s-\(escape(value.text))\">\(cell)</span>" }
                }
                let single: Bool
                switch value {
                case .day, .time, .money: single = true
                default: single = false
                }
                html += (numeric ? "<td class=\"num\">" : single ? "<td class=\"nw\">" : "<td>") + cell + "</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if let chart = table.timeline, let timeline = TimelineRows(table, chart: chart, columns: columns) {
            html += gantt(timeline, labels: table.rows.map { $0[safe: 0]?.text ?? "" })
        }
        return html
    }

    /// The Gantt chart as SVG: a row per project, planned light and actual solid, year or
    /// month ticks, and a line on today.
    static func gantt(_ timeline: TimelineRows, labels: [String]) -> String {
        let labelWidth = 170.0
        let chartWidth = 600.0
        let rowHeight = 22.0
        let height = Double(labels.count) * rowHeight + 30
        func x(_ ordinal: Int) -> Double {
            labelWidth + Double(ordinal - timeline.first) / Double(max(1, timeline.last - timeline.first + 1)) * chartWidth
        }
        func number(_ value: Double) -> String { Value.decimal(value) ?? "0" }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(labelWidth + chartWidth + 10))\" height=\"\(number(height))\" font-family=\"sans-serif\">"
        for (ordinal, label) in timeline.tickOrdinals() {
            svg += "<line x1=\"\(number(x(ordinal)))\" y1=\"14\" x2=\"\(number(x(ordinal)))\" y2=\"\(number(height))\" stroke=\"#d9dee3\"/>"
            svg += "<text x=\"\(number(x(ordinal) + 2))\" y=\"11\" font-size=\"11\" fill=\"#5b6670\">\(escape(label))</text>"
        }
        for (row, span) in timeline.spans.enumerated() {
            let y = 18 + Double(row) * rowHeight
            svg += "<text x=\"0\" y=\"\(number(y + 13))\" font-size=\"12\">\(escape(labels[safe: row] ?? ""))</text>"
            if let planned = span.planned {
                svg += "<rect x=\"\(number(x(planned.lowerBound)))\" y=\"\(number(y + 2))\" width=\"\(number(max(2, x(planned.upperBound + 1) - x(planned.lowerBound))))\" height=\"14\" fill=\"\(fill(span.status))\" fill-opacity=\"0.3\"/>"
            }
            if let actual = span.actual {
                svg += "<rect x=\"\(number(x(actual.lowerBound)))\" y=\"\(number(y + 6))\" width=\"\(number(max(2, x(actual.upperBound + 1) - x(actual.lowerBound))))\" height=\"6\" fill=\"\(fill(span.status))\"/>"
            }
        }
        if (timeline.first...timeline.last).contains(timeline.today) {
            svg += "<line x1=\"\(number(x(timeline.today)))\" y1=\"14\" x2=\"\(number(x(timeline.today)))\" y2=\"\(number(height))\" stroke=\"#cf222e\" stroke-width=\"2\"/>"
        }
        svg += "</svg>"
        return "<h2>Timeline</h2>\n<p>" + image(svg, width: Int(labelWidth + chartWidth + 10), height: Int(height), label: "timeline of \(labels.count) projects")
            + "</p>\n<p class=\"legend\">light: planned · solid: actual · red line: today</p>\n"
    }

    /// A card: its fields as a definition list, then each section's table.
    static func card(_ card: Card) -> String {
        var html = "<h2>\(escape(card.title))</h2>\n<dl>\n"
        for field in card.fields {
            var value = escape(field.value.drawnText).replacingOccurrences(of: "\n", with: "<br>")
            if field.name == Field.status.rawValue { value = "<span class=\"s-\(escape(field.value.text))\">\(value)</span>" }
            html += "<dt>\(escape(field.name))</dt><dd>\(value)</dd>\n"
        }
        html += "</dl>\n"
        for section in card.sections {
            html += "<h2>\(escape(section.title))</h2>\n" + table(section.table)
        }
        return html
    }
}
