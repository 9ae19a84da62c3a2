// The `table` format: box-drawn tables and cards for people at a terminal.

extension Renderer {
    /// Cells wider than this many terminal columns are cut, ending with `…`.
    static let maximumCellWidth = 60

    /// A box-drawn table, then a line `N rows`.
    ///
    /// ```
    /// ┌──────────┬───────────┐
    /// │ id       │    budget │
    /// ├──────────┼───────────┤
    /// │ TIP-2007 │ 85000 EUR │
    /// └──────────┴───────────┘
    /// 1 row
    /// ```
    func boxTable(_ table: Table) -> String {
        let count = "\(table.rows.count) \(table.rows.count == 1 ? "row" : "rows")\n"
        guard !table.columns.isEmpty else { return count }
        let header = table.columns.map { BoxCell(Value.display($0.name)) }
        let rows = table.rows.map { row in
            table.columns.indices.map { index in
                let value = index < row.count ? row[index] : .null
                return BoxCell(TerminalWidth.truncating(value.displayText, to: Renderer.maximumCellWidth))
            }
        }
        let widths = table.columns.indices.map { index in
            rows.reduce(header[index].width) { max($0, $1[index].width) }
        }
        let alignRight = table.columns.map(\.isNumeric)
        var text = rule("┌", "┬", "┐", widths)
        text += line(header, widths: widths, alignRight: alignRight, bold: true)
        text += rule("├", "┼", "┤", widths)
        for row in rows {
            text += line(row, widths: widths, alignRight: alignRight, bold: false)
        }
        text += rule("└", "┴", "┘", widths)
        return text + count
    }

    /// A card: its title, its fields as `name  value` lines, then each section's table.
    func boxCard(_ card: Card) -> String {
        var text = card.title.isEmpty ? "" : bold(Value.display(card.title)) + "\n"
        let names = card.fields.map { BoxCell(Value.display($0.name)) }
        let nameWidth = names.map(\.width).max() ?? 0
        for (name, field) in zip(names, card.fields) {
            let value = field.value.displayText
            text += value.isEmpty ? name.text : name.text + spaces(nameWidth - name.width + 2) + value
            text += "\n"
        }
        for section in card.sections {
            text += "\n" + Value.display(section.title) + "\n" + boxTable(section.table)
        }
        return text
    }

    /// A horizontal border such as `├──────┼────┤`.
    private func rule(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
    }

    /// A row of cells such as `│ Osh  │   12 │`.
    private func line(_ cells: [BoxCell], widths: [Int], alignRight: [Bool], bold isBold: Bool) -> String {
        var text = "│"
        for (index, cell) in cells.enumerated() {
            let gap = spaces(widths[index] - cell.width)
            let shown = isBold ? bold(cell.text) : cell.text
            text += " " + (alignRight[index] ? gap + shown : shown + gap) + " │"
        }
        return text + "\n"
    }

    /// `count` spaces, or none when `count` is not positive.
    private func spaces(_ count: Int) -> String {
        String(repeating: " ", count: max(0, count))
    }
}

/// A cell's display text with its width, measured once.
private struct BoxCell {
    /// The text to print.
    let text: String
    /// Its width in terminal columns.
    let width: Int

    init(_ text: String) {
        self.text = text
        self.width = TerminalWidth.of(text)
    }
}
