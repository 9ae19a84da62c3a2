import FieldKit
import Foundation

/// A table as the drawn formats (`table`, `vertical`) show it: every cell as display text,
/// with each column's ``Drawing`` applied (bars, tree lines, grouped thousands, lines),
/// heading columns pulled out of the rows, and hidden columns left out. The Gantt chart of a
/// ``TimelineChart`` is drawn once the width left for it is known: ``chart(width:)``.
struct DrawnTable {
    /// One cell's text, measured once however many layouts it goes through, and the SGR
    /// attributes it is painted with when colour is on.
    typealias Cell = BoxCell

    /// The drawn columns' headers.
    var names: [String]
    /// Whether each drawn column is aligned right.
    var alignRight: [Bool]
    /// Whether each drawn column is free text that may wrap at word boundaries.
    var wraps: [Bool]
    /// Each drawn column's drop rank (see ``Column/dropRank``).
    var dropRanks: [Int?]
    /// The narrowest each drawn column may be wrapped to: a bar's width, so none is cut.
    var floors: [Int]
    /// The rows' cells, a cell per drawn column.
    var rows: [[Cell]]
    /// Heading lines, by the index of the row they stand before.
    var headings: [Int: String] = [:]
    /// The columns left out to fit the width, in the order they went.
    var leftOut: [String] = []
    /// The Gantt chart's rows, when the table has one.
    private var timeline: TimelineRows?

    /// Whether a chart column is to be added at the end.
    var hasChart: Bool { timeline != nil }

    init(_ table: Table, renderer: Renderer) {
        let columns = table.columns
        func index(_ name: String?) -> Int? { name.flatMap { name in columns.firstIndex { $0.name == name } } }
        let status = index(Field.status.rawValue)
        var kept: [Int] = []
        var headingColumn: (index: Int, title: Int?)?
        for (position, column) in columns.enumerated() {
            switch column.drawing {
            case .hidden: continue
            case .heading(let title):
                if headingColumn == nil { headingColumn = (position, index(title)) } else { kept.append(position) }
            default: kept.append(position)
            }
        }
        names = kept.map { columns[$0].name }
        // A bar reads from the left, as does a note in its place.
        alignRight = kept.map { position in
            if case .bar = columns[position].drawing { return false }
            return columns[position].isNumeric
        }
        dropRanks = kept.map { columns[$0].dropRank }
        let barWidth = renderer.width.map { $0 >= 180 ? 20 : $0 >= 110 ? 10 : 8 } ?? 10
        let note = index(Field.note.rawValue)
        // A tree column's prefixes depend on the rows after each one: worked out for all rows at once.
        var treePrefixes: [Int: [String]] = [:]
        for position in kept {
            if case .tree(let depthName) = columns[position].drawing, let depth = index(depthName) {
                treePrefixes[position] = DrawnTable.treePrefixes(table.rows.map { row in
                    if case .number(let value) = row[safe: depth] ?? .null { return Int(truncating: value as NSDecimalNumber) }
                    return 0
                })
            }
        }
        var wraps = kept.map { !columns[$0].isNumeric }
        var hasSpace = Array(repeating: false, count: kept.count)
        var floors = Array(repeating: 0, count: kept.count)
        // A bar column holds a qualitative outcome's note in place of a bar: it may wrap, down to a bar's width.
        var holdsText = Array(repeating: false, count: kept.count)
        var rows: [[Cell]] = []
        rows.reserveCapacity(table.rows.count)
        var lastHeading: Value?
        for (rowIndex, row) in table.rows.enumerated() {
            if let (headingIndex, titleIndex) = headingColumn {
                let value = row[safe: headingIndex] ?? .null
                if rowIndex == 0 || value != lastHeading {
                    let title = titleIndex.map { row[safe: $0]?.displayText ?? "" } ?? ""
                    headings[rows.count] = value.displayText + (title.isEmpty ? "" : "  " + title)
                }
                lastHeading = value
            }
            let statusText = status.map { row[safe: $0]?.text ?? "" }
            var cells: [Cell] = []
            cells.reserveCapacity(kept.count)
            for (slot, position) in kept.enumerated() {
                let value = row[safe: position] ?? .null
                let cell: Cell
                switch columns[position].drawing {
                case .bar(let markName):
                    let mark = index(markName).flatMap { row[safe: $0]?.fractionValue }
                    if value.fractionValue == nil, let note, let text = row[safe: note]?.displayText, !text.isEmpty {
                        // A qualitative outcome: its latest note stands where a bar would.
                        cell = Cell(text)
                        holdsText[slot] = true
                    } else {
                        cell = DrawnTable.barCell(value, mark: mark, width: barWidth, paint: statusText.flatMap(Renderer.statusAttributes))
                    }
                case .tree:
                    cell = Cell((treePrefixes[position]?[safe: rowIndex] ?? "") + value.displayText)
                case .lines:
                    cell = Cell(value.drawnLines.joined(separator: "\n"))
                case .grouped:
                    cell = Cell(value.groupedText)
                default:
                    let paint = position == status ? Renderer.statusAttributes(value.text) : nil
                    cell = Cell(value.drawnText, paint: paint)
                }
                switch value {
                case .text, .list, .null: break
                default: wraps[slot] = false
                }
                if case .tree = columns[position].drawing { wraps[slot] = false }
                if case .bar = columns[position].drawing { floors[slot] = barWidth + 5 }
                if !hasSpace[slot], cell.text.utf8.contains(UInt8(ascii: " ")) { hasSpace[slot] = true }
                cells.append(cell)
            }
            rows.append(cells)
        }
        self.rows = rows
        self.floors = floors
        self.wraps = kept.indices.map { slot in
            if case .bar = columns[kept[slot]].drawing { return holdsText[slot] }
            return wraps[slot] && hasSpace[slot]
        }
        if let chart = table.timeline {
            timeline = TimelineRows(table, chart: chart, columns: columns)
            // A Gantt chart is read row by row: one line each. A column that does not fit
            // is left out rather than wrapped.
            if timeline != nil { self.wraps = self.wraps.map { _ in false } }
        }
    }

    /// Leaves out the droppable column with the lowest rank; false when none is left.
    mutating func dropNext() -> Bool {
        let candidates = dropRanks.indices.compactMap { index in dropRanks[index].map { (index, $0) } }
        guard let (index, _) = candidates.min(by: { $0.1 < $1.1 }) else { return false }
        leftOut.append(names[index])
        names.remove(at: index)
        alignRight.remove(at: index)
        wraps.remove(at: index)
        dropRanks.remove(at: index)
        floors.remove(at: index)
        for row in rows.indices { rows[row].remove(at: index) }
        return true
    }

    /// The chart column at a width: its header (the time axis) and a cell per row.
    func chart(width: Int) -> (header: String, cells: [Cell], legend: String)? {
        timeline?.drawn(width: width)
    }

    /// The narrowest a chart column is drawn.
    static let chartMinimum = 24
    /// The chart's width when there is no terminal width to fill.
    static let chartNatural = 60

    // MARK: Pieces

    /// The eighth blocks from one eighth to seven.
    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// `███▍░░░░  43%`: the fraction's bar (full past 100%), its mark, and its percentage.
    static func barCell(_ value: Value, mark: Double?, width: Int, paint: String?) -> Cell {
        guard let fraction = value.fractionValue else { return Cell("") }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let filled = Int((clamped * Double(width * 8)).rounded())
        var cells: [Character] = (0..<width).map { cell in
            let eighths = filled - cell * 8
            return eighths >= 8 ? "█" : eighths <= 0 ? "░" : DrawnTable.eighths[eighths - 1]
        }
        if let mark, mark.isFinite {
            let at = min(width - 1, max(0, Int((min(1, max(0, mark)) * Double(width)).rounded(.down))))
            cells[at] = cells[at] == "░" ? "│" : "┃"
        }
        let percent = Value.percent(fraction)
        return Cell(String(cells) + " " + String(repeating: " ", count: max(0, 4 - percent.count)) + percent, paint: paint)
    }

    /// The eight heights of a sparkline.
    private static let heights: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `▁▃▅█`: each number's height between the smallest and the largest (the last 60).
    static func sparkline(_ numbers: [Double]) -> String {
        let numbers = numbers.suffix(60).filter(\.isFinite)
        guard let low = numbers.min(), let high = numbers.max() else { return "" }
        return String(numbers.map { number in
            high > low ? heights[min(7, Int(((number - low) / (high - low) * 7).rounded()))] : heights[3]
        })
    }

    /// Each row's tree lines, from the depths of rows in pre-order: `├─ `, `└─ `, `│  `.
    static func treePrefixes(_ depths: [Int]) -> [String] {
        var prefixes: [String] = []
        for (index, depth) in depths.enumerated() {
            guard depth > 0 else {
                prefixes.append("")
                continue
            }
            // Whether a later sibling at `level` follows before the tree climbs above it.
            func continues(at level: Int, after row: Int) -> Bool {
                for next in depths[(row + 1)...] {
                    if next < level { return false }
                    if next == level { return true }
                }
                return false
            }
            var prefix = ""
            for level in 1..<max(1, depth) {
                prefix += continues(at: level, after: index) ? "│  " : "   "
            }
            prefix += continues(at: depth, after: index) ? "├─ " : "└─ "
            prefixes.append(prefix)
        }
        return prefixes
    }
}

extension Array {
    /// The element at `index`, or nil past the ends.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension Value {
    /// A number's or a fraction's value as a Double; nil for anything else.
    var doubleValue: Double? {
        switch self {
        case .number(let number): NSDecimalNumber(decimal: number).doubleValue
        case .fraction(let fraction): fraction
        default: nil
        }
    }

    /// A fraction's value; nil for anything else.
    var fractionValue: Double? {
        if case .fraction(let fraction) = self { return fraction }
        return nil
    }

    /// A list item as one piece of text: a pair (a funder's project and its amount) is its
    /// non-empty parts joined by `separator`; anything else is `text` of it.
    static func item(_ item: Value, joinedBy separator: String, _ text: (Value) -> String) -> String {
        guard case .list(let parts) = item else { return text(item) }
        return parts.filter { !$0.isEmpty }.map(text).joined(separator: separator)
    }

    /// What a ``Drawing/lines`` column draws: an item of a list per line, a pair's parts
    /// two spaces apart; any other value on one line.
    var drawnLines: [String] {
        guard case .list(let items) = self else { return [drawnText] }
        return items.map { Value.item($0, joinedBy: "  ", \.drawnText) }
    }

    /// What a ``Drawing/grouped`` column draws: a number with its thousands grouped.
    var groupedText: String {
        if case .number(let number) = self { return Value.grouped(number) }
        return drawnText
    }

    /// The text a drawn table shows: ``displayText``, with the thousands of amounts grouped.
    var drawnText: String {
        switch self {
        case .money(let money): Value.grouped(money.amount) + " " + money.currency
        case .time(let date): Value.localTimestamp(date)
        case .change(let change): Value.display(change.text(limit: 60))
        default: displayText
        }
    }

    /// A point in time in the local time zone (`TZ`), to the minute: `2007-04-24 15:30`.
    static func localTimestamp(_ date: Date, in zone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func pad(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(parts.year ?? 0)-\(pad(parts.month))-\(pad(parts.day)) \(pad(parts.hour)):\(pad(parts.minute))"
    }

    /// A number with its thousands grouped by commas: `125,000`, `-1,234.5`.
    static func grouped(_ number: Decimal) -> String {
        let text = "\(number)"
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        let whole = digits.prefix { $0 != "." }
        let fraction = digits.dropFirst(whole.count)
        guard whole.count > 3 else { return text }
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + fraction
    }
}
