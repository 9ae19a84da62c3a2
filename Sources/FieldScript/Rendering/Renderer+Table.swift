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
        let layout = TableLayout(table)
        let widths: [Int]
        if let fitted = layout.widths(within: width) {
            widths = fitted
        } else if expanded == .auto {
            return verticalTable(table)
        } else {
            widths = layout.narrowest
        }
        let alignRight = table.columns.map(\.isNumeric)
        let statusColumn = table.columns.firstIndex { $0.name == Field.status.rawValue }
        var text = rule("┌", "┬", "┐", widths)
        text += line(layout.header, widths: widths, alignRight: alignRight, header: true, statusColumn: nil)
        text += rule("├", "┼", "┤", widths)
        for row in layout.rows {
            text += line(row, widths: widths, alignRight: alignRight, header: false, statusColumn: statusColumn)
        }
        text += rule("└", "┴", "┘", widths)
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
            text += fieldLines(name: name, nameWidth: nameWidth, value: field.value, statusColored: field.name == Field.status.rawValue)
        }
        for section in card.sections {
            text += "\n" + Value.display(section.title) + "\n" + boxTable(section.table)
        }
        return text
    }

    /// One `name  value` entry of a card or a vertical row: the value wrapped at word
    /// boundaries to what is left of ``width``, its continuation lines under its first.
    func fieldLines(name: BoxCell, nameWidth: Int, value: Value, statusColored: Bool) -> String {
        let shown = value.displayText
        guard !shown.isEmpty else { return name.text + "\n" }
        let margin = nameWidth + 2
        let lines = width.map { TextWrapper.lines(of: shown, width: max(TableLayout.minimumWrap, $0 - margin)) } ?? [shown]
        let indent = spaces(margin)
        var text = ""
        for (index, line) in lines.enumerated() {
            let lead = index == 0 ? name.text + spaces(nameWidth - name.width + 2) : indent
            text += lead + (statusColored ? statusColor(line) : line) + "\n"
        }
        return text
    }

    /// A horizontal border such as `├──────┼────┤`, dim when colour is on.
    private func rule(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        dim(left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right) + "\n"
    }

    /// One row of cells such as `│ Osh  │   12 │`: as many lines as its tallest wrapped cell.
    private func line(_ cells: [BoxCell], widths: [Int], alignRight: [Bool], header: Bool, statusColumn: Int?) -> String {
        let bar = dim("│")
        // Appended piece by piece: a table of 100k rows makes no temporary string per cell.
        func draw(_ cell: BoxCell, _ index: Int, into text: inout String) {
            let gap = max(0, widths[index] - cell.width)
            let shown = header ? bold(cell.text) : index == statusColumn ? statusColor(cell.text) : cell.text
            text.append(" ")
            if alignRight[index] { text.append(spaces(gap)) }
            text.append(shown)
            if !alignRight[index] { text.append(spaces(gap)) }
            text.append(" ")
            text.append(bar)
        }
        // The common row, every cell within its width: one line, no wrapping to work out.
        if cells.indices.allSatisfy({ cells[$0].width <= widths[$0] }) {
            var text = bar
            for (index, cell) in cells.enumerated() { draw(cell, index, into: &text) }
            text.append("\n")
            return text
        }
        let wrapped = cells.enumerated().map { index, cell in
            cell.width > widths[index] ? TextWrapper.lines(of: cell.text, width: widths[index]).map(BoxCell.init) : [cell]
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
    /// The text to print.
    let text: String
    /// Its width in terminal columns.
    let width: Int

    init(_ text: String) {
        self.text = text
        self.width = TerminalWidth.of(text)
    }
}
