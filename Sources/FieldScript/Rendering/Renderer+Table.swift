// The `table` format: box-drawn tables and cards for people at a terminal.

extension Renderer {
    /// A box-drawn table, then a line `N rows` (left out when ``headers`` is off).
    ///
    /// ```
    /// ┌──────────┬───────────┐
    /// │ id       │    budget │
    /// ├──────────┼───────────┤
    /// │ TIP-2007 │ 85000 EUR │
    /// └──────────┴───────────┘
    /// 1 row
    /// ```
    ///
    /// Within ``width``, text columns are narrowed, widest first, and their cells wrapped at
    /// word boundaries (see `TableLayout`). A table that cannot fit is drawn vertically
    /// when ``expanded`` is `auto`, and as narrow as it can be when it is `off`.
    func boxTable(_ table: Table) -> String {
        guard !table.columns.isEmpty else { return footer(table) }
        if expanded == .on { return verticalTable(table) }
        var drawn = DrawnTable(table, renderer: self)
        // A chart takes what the other columns leave: a third of the width at least.
        let reserve = drawn.hasChart ? max(DrawnTable.chartMinimum, (width ?? 0) / 3) + 3 : 0
        var layout = TableLayout(drawn)
        var widths: [Int]
        while true {
            if let fitted = layout.widths(within: width.map { $0 - reserve }) {
                widths = fitted
                break
            }
            if drawn.dropNext() {
                layout = TableLayout(drawn)
                continue
            }
            if expanded == .auto { return verticalTable(table) }
            widths = layout.narrowest
            break
        }
        var header = layout.header
        var rows = layout.rows
        var alignRight = drawn.alignRight
        var legend: String?
        if drawn.hasChart {
            let room = width.map { $0 - TableLayout.total(widths) - 3 } ?? DrawnTable.chartNatural
            if let chart = drawn.chart(width: max(DrawnTable.chartMinimum, room)) {
                header.append(BoxCell(chart.header))
                for index in rows.indices { rows[index].append(chart.cells[index]) }
                widths.append(TerminalWidth.of(chart.header))
                alignRight.append(false)
                legend = chart.legend
            }
        }
        var text = rule("┌", "┬", "┐", widths)
        text += line(header, widths: widths, alignRight: alignRight, header: true)
        text += rule("├", drawn.headings[0] == nil ? "┼" : "┴", "┤", widths)
        let inner = TableLayout.total(widths) - 4
        for (index, row) in rows.enumerated() {
            if let heading = drawn.headings[index] {
                if index > 0 { text += rule("├", "┴", "┤", widths) }
                let shown = TextWrapper.lines(of: Value.display(heading), width: inner).first ?? ""
                text += dim("│") + " " + bold(shown) + spaces(inner - TerminalWidth.of(shown)) + " " + dim("│") + "\n"
                text += rule("├", "┬", "┤", widths)
            }
            text += line(row, widths: widths, alignRight: alignRight, header: false)
        }
        text += rule("└", "┴", "┘", widths)
        // Notes under the table, wrapped to the width like everything else.
        func note(_ line: String) -> String {
            (width.map { TextWrapper.lines(of: line, width: $0) } ?? [line]).map { dim($0) + "\n" }.joined()
        }
        if let legend, headers { text += note(legend) }
        if !drawn.leftOut.isEmpty, headers {
            text += note("not shown, for the width: \(drawn.leftOut.joined(separator: ", ")) (.expanded on shows them)")
        }
        return text + footer(table)
    }

    /// `N rows`, or nothing when ``headers`` is off.
    func footer(_ table: Table) -> String {
        headers ? "\(table.rows.count) \(table.rows.count == 1 ? "row" : "rows")\n" : ""
    }

    /// A card: its title, its fields as `name  value` lines (long values wrapped under their
    /// own column), then each section's table.
    func boxCard(_ card: Card) -> String {
        var text = card.title.isEmpty ? "" : bold(Value.display(card.title)) + "\n"
        let names = card.fields.map { BoxCell(Value.display($0.name)) }
        let nameWidth = names.map(\.width).max() ?? 0
        for (name, field) in zip(names, card.fields) {
            var paint = field.name == Field.status.rawValue ? Renderer.statusAttributes(field.value.text) : nil
            var shown = field.value.drawnText
            switch field.drawing {
            case .bar(let markName):
                let mark = card.fields.first { $0.name == markName }?.value.fractionValue
                let status = card.fields.first { $0.name == Field.status.rawValue }?.value.text
                let cell = DrawnTable.barCell(field.value, mark: mark, width: 20, paint: status.flatMap(Renderer.statusAttributes))
                if !cell.text.isEmpty { (shown, paint) = (cell.text, cell.paint) }
            case .sparkline:
                if case .list(let values) = field.value { shown = DrawnTable.sparkline(values.compactMap(\.doubleValue)) }
            case .hidden:
                continue
            default: break
            }
            text += fieldLines(name: name, nameWidth: nameWidth, text: shown, paint: paint)
        }
        for section in card.sections {
            text += "\n" + Value.display(section.title) + "\n" + boxTable(section.table)
        }
        return text
    }

    /// One `name  value` entry of a card or a vertical row: the value wrapped at word
    /// boundaries to what is left of ``width``, its continuation lines under its first.
    func fieldLines(name: BoxCell, nameWidth: Int, text shown: String, paint attributes: String?) -> String {
        guard !shown.isEmpty else { return name.text + "\n" }
        let margin = nameWidth + 2
        let pieces = shown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lines = pieces.flatMap { piece in
            width.map { TextWrapper.lines(of: piece, width: max(TableLayout.minimumWrap, $0 - margin)) } ?? [piece]
        }
        let indent = spaces(margin)
        var text = ""
        for (index, line) in lines.enumerated() {
            let lead = index == 0 ? name.text + spaces(nameWidth - name.width + 2) : indent
            text += lead + (attributes.map { paint(line, $0) } ?? line) + "\n"
        }
        return text
    }

    /// A horizontal border such as `├──────┼────┤`, dim when colour is on.
    private func rule(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        dim(left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right) + "\n"
    }

    /// One row of cells such as `│ Osh  │   12 │`: as many lines as its tallest cell, once
    /// wrapped (and once split, for a cell of several lines).
    private func line(_ cells: [BoxCell], widths: [Int], alignRight: [Bool], header: Bool) -> String {
        let bar = dim("│")
        // Appended piece by piece: a table of 100k rows makes no temporary string per cell.
        func draw(_ cell: BoxCell, _ index: Int, into text: inout String) {
            let gap = max(0, widths[index] - cell.width)
            let shown = header ? bold(cell.text) : cell.paint.map { paint(cell.text, $0) } ?? cell.text
            text.append(" ")
            if alignRight[index] { text.append(spaces(gap)) }
            text.append(shown)
            if !alignRight[index] { text.append(spaces(gap)) }
            text.append(" ")
            text.append(bar)
        }
        // The common row, every cell on one line within its width: nothing to work out.
        if cells.indices.allSatisfy({ cells[$0].width <= widths[$0] && !cells[$0].isMultiline }) {
            var text = bar
            for (index, cell) in cells.enumerated() { draw(cell, index, into: &text) }
            text.append("\n")
            return text
        }
        let wrapped = cells.enumerated().map { index, cell in
            guard cell.width > widths[index] || cell.isMultiline else { return [cell] }
            return cell.text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { part in
                TextWrapper.lines(of: String(part), width: widths[index]).map { BoxCell($0, paint: cell.paint) }
            }
        }
        let height = wrapped.map(\.count).max() ?? 1
        var text = ""
        for lineIndex in 0..<height {
            text += bar
            for (index, pieces) in wrapped.enumerated() {
                draw(lineIndex < pieces.count ? pieces[lineIndex] : BoxCell(""), index, into: &text)
            }
            text += "\n"
        }
        return text
    }

    /// `count` spaces, or none when `count` is not positive.
    func spaces(_ count: Int) -> String {
        String(repeating: " ", count: max(0, count))
    }
}

/// A cell's display text with its width, measured once.
struct BoxCell {
    /// The text to print: one line, or several separated by line feeds (a list drawn as lines).
    let text: String
    /// Its width in terminal columns: its widest line's.
    let width: Int
    /// Whether it holds more than one line.
    let isMultiline: Bool
    /// The SGR attributes it is painted with when colour is on.
    let paint: String?

    init(_ text: String, paint: String? = nil) {
        self.text = text
        self.paint = paint
        if text.utf8.contains(UInt8(ascii: "\n")) {
            isMultiline = true
            width = text.split(separator: "\n").map { TerminalWidth.of(String($0)) }.max() ?? 0
        } else {
            isMultiline = false
            width = TerminalWidth.of(text)
        }
    }
}
