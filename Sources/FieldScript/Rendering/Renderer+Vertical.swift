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
        let names = table.columns.map { BoxCell(Value.display($0.name)) }
        let nameWidth = names.map(\.width).max() ?? 0
        let widest = table.rows.lazy.flatMap { $0 }.map { TerminalWidth.of($0.displayText) }.max() ?? 0
        let ruleWidth = min(width ?? Int.max, max(nameWidth + 2 + widest, 12))
        var text = ""
        for (number, row) in table.rows.enumerated() {
            let label = "─[ \(number + 1) ]"
            text += dim(label + String(repeating: "─", count: max(0, ruleWidth - TerminalWidth.of(label)))) + "\n"
            for (index, name) in names.enumerated() {
                let value = index < row.count ? row[index] : .null
                text += fieldLines(name: name, nameWidth: nameWidth, value: value, statusColored: table.columns[index].name == Field.status.rawValue)
            }
        }
        return text + footer(table)
    }
}
