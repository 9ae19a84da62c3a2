// The `vertical` format, and the `table` format's fallback for tables too wide to fit.

extension Renderer {
    /// One block per row, headed by a rule with its number, a `name  value` line per column;
    /// then `N rows` unless ``headers`` is off. Long values wrap under their own column.
    ///
    /// ```
    /// ─[ 1 ]──────────────────
    /// id      TIP-2007
    /// budget  85000 EUR
    /// 1 row
    /// ```
    func verticalTable(_ table: Table) -> String {
        let drawn = DrawnTable(table, renderer: self)
        var names = drawn.names
        var rows = drawn.rows
        // The chart takes what the longest name leaves of a line, so that it is never rewrapped.
        let longest = (names + ["timeline"]).map { TerminalWidth.of(Value.display($0)) }.max() ?? 0
        let room = (width ?? DrawnTable.chartNatural + longest + 2) - longest - 2
        if drawn.hasChart, let chart = drawn.chart(width: max(TableLayout.minimumWrap, min(DrawnTable.chartNatural, room))) {
            names.append("timeline")
            for index in rows.indices { rows[index].append(chart.cells[index]) }
        }
        let boxes = names.map { BoxCell(Value.display($0)) }
        let nameWidth = boxes.map(\.width).max() ?? 0
        let widest = rows.lazy.flatMap { $0 }.map(\.width).max() ?? 0
        let ruleWidth = min(width ?? Int.max, max(nameWidth + 2 + widest, 12))
        var text = ""
        for (number, row) in rows.enumerated() {
            if let heading = drawn.headings[number] {
                let lines = width.map { TextWrapper.lines(of: Value.display(heading), width: $0) } ?? [Value.display(heading)]
                text += lines.map { bold($0) + "\n" }.joined()
            }
            let label = "─[ \(number + 1) ]"
            text += dim(label + String(repeating: "─", count: max(0, ruleWidth - TerminalWidth.of(label)))) + "\n"
            for (index, name) in boxes.enumerated() {
                let cell = row[safe: index] ?? DrawnTable.Cell("")
                text += fieldLines(name: name, nameWidth: nameWidth, text: cell.text, paint: cell.paint)
            }
        }
        return text + footer(table)
    }
}
