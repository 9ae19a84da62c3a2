import Foundation

// The `markdown` format: GitHub-flavoured tables, padded so that the source lines up too.

extension Renderer {
    /// A GitHub table: header, alignment row (`---`, or `---:` for numeric columns), rows.
    /// Cells escape `|` as `\|` and show line breaks as `<br>`. A table without columns is empty.
    ///
    /// ```
    /// | id       |    budget |
    /// | -------- | --------: |
    /// | TIP-2007 | 85000 EUR |
    /// ```
    func markdownTable(_ table: Table) -> String {
        guard !table.columns.isEmpty else { return "" }
        let rows = table.rows.map { row in
            table.columns.indices.map { index in Renderer.markdownCell(index < row.count ? row[index].text : "") }
        }
        return markdownLines(
            header: table.columns.map { Renderer.markdownCell($0.name) },
            rows: rows,
            alignRight: table.columns.map(\.isNumeric))
    }

    /// A card: `### title`, a `field | value` table of its fields, then `#### section` and its
    /// table for each section, blocks separated by an empty line.
    func markdownCard(_ card: Card) -> String {
        var blocks: [String] = []
        if !card.title.isEmpty {
            blocks.append("### " + Value.display(card.title, lineBreak: " ") + "\n")
        }
        if !card.fields.isEmpty {
            let rows = card.fields.map { [Renderer.markdownCell($0.name), Renderer.markdownCell($0.value.text)] }
            blocks.append(markdownLines(header: ["field", "value"], rows: rows, alignRight: [false, false]))
        }
        for section in card.sections {
            blocks.append("#### " + Value.display(section.title, lineBreak: " ") + "\n")
            let table = markdownTable(section.table)
            if !table.isEmpty { blocks.append(table) }
        }
        return blocks.joined(separator: "\n")
    }

    /// Text made safe for a table cell: one line, `|` escaped.
    static func markdownCell(_ text: String) -> String {
        Value.display(text, lineBreak: "<br>").replacingOccurrences(of: "|", with: "\\|")
    }

    /// The lines of a table whose cells are already escaped, padded to the widest cell.
    private func markdownLines(header: [String], rows: [[String]], alignRight: [Bool]) -> String {
        let widths = header.indices.map { index in
            rows.reduce(max(3, TerminalWidth.of(header[index]))) { max($0, TerminalWidth.of($1[index])) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { index in
                TerminalWidth.padding(cells[index], to: widths[index], alignRight: alignRight[index])
            }
            return "| " + padded.joined(separator: " | ") + " |\n"
        }
        let rule = widths.indices.map { index in
            alignRight[index]
                ? String(repeating: "-", count: widths[index] - 1) + ":"
                : String(repeating: "-", count: widths[index])
        }
        return line(header) + "| " + rule.joined(separator: " | ") + " |\n" + rows.map(line).joined()
    }
}
