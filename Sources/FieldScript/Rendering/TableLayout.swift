/// The column widths of a box-drawn table, fitted to a terminal's width.
///
/// Only free-text columns give way: a column that is not numeric, holds only text or lists,
/// and has at least one cell with a space in it (titles, names, notes, statements). Its cells
/// are then wrapped at word boundaries. Numbers, amounts, dates, ids and single words keep
/// their full width, so they are never cut. The widest text column is narrowed first, down to
/// ``minimumWrap`` columns (or its header, when wider); when that is not enough, the table
/// does not fit and ``widths(within:)`` says so.
struct TableLayout {
    /// A wrapped column is never narrower than this, unless all of its text is.
    static let minimumWrap = 12

    /// The header cells.
    let header: [BoxCell]
    /// The body cells, a row per row, a cell per column.
    let rows: [[BoxCell]]
    /// Each column's width when nothing is wrapped.
    let natural: [Int]
    /// Each column's width when every text column is as narrow as it may be.
    let narrowest: [Int]

    init(_ table: Table) { self.init(DrawnTable(table, renderer: Renderer(format: .table))) }

    /// The layout of a table's drawn cells.
    init(_ drawn: DrawnTable) {
        let header = drawn.names.map { BoxCell(Value.display($0)) }
        var natural = header.map(\.width)
        // The cells were measured as they were drawn: a layout only takes the widest.
        for row in drawn.rows {
            for (index, cell) in row.enumerated() { natural[index] = max(natural[index], cell.width) }
        }
        self.header = header
        self.rows = drawn.rows
        self.natural = natural
        self.narrowest = natural.indices.map { index in
            drawn.wraps[index]
                ? min(natural[index], max(header[index].width, TableLayout.minimumWrap, drawn.floors[index])) : natural[index]
        }
    }

    /// The widths drawn with borders: `│ a │ b │` takes each width plus three, plus one.
    static func total(_ widths: [Int]) -> Int {
        widths.reduce(1) { $0 + $1 + 3 }
    }

    /// Column widths that fit in `limit` terminal columns, narrowing the widest text column
    /// first; the natural widths when there is no limit or they fit; nil when the table
    /// cannot fit.
    func widths(within limit: Int?) -> [Int]? {
        guard let limit else { return natural }
        var widths = natural
        var excess = TableLayout.total(widths) - limit
        while excess > 0 {
            var widest: Int?
            var runnerUp = 0
            for index in widths.indices where widths[index] > narrowest[index] {
                if let current = widest, widths[current] >= widths[index] {
                    runnerUp = max(runnerUp, widths[index])
                } else {
                    if let current = widest { runnerUp = max(runnerUp, widths[current]) }
                    widest = index
                }
            }
            guard let index = widest else { return nil }
            // Down to the next widest column at once, so that wide columns end up equal.
            let step = max(1, min(excess, widths[index] - max(runnerUp, narrowest[index])))
            widths[index] -= step
            excess -= step
        }
        return widths
    }
}
