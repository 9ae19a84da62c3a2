// The `csv` and `tsv` formats: a header line (unless headers are off), then one line per row.

extension Renderer {
    /// A table as RFC 4180 CSV (CRLF line endings, quoting only where needed) or as TSV (LF
    /// line endings, `\t` `\n` `\r` `\\` escaped in cells). A table without columns is empty.
    func delimited(_ table: Table, csv: Bool) -> String {
        guard !table.columns.isEmpty else { return "" }
        let end = csv ? "\r\n" : "\n"
        var text = headers ? record(table.columns.map(\.name), csv: csv) + end : ""
        for row in table.rows {
            let fields = table.columns.indices.map { index in
                index < row.count ? row[index].plainText : ""
            }
            text += record(fields, csv: csv) + end
        }
        return text
    }

    /// A card as a `field,value` block of its fields, then each section's table as its own
    /// block, blocks separated by an empty line. The title is left out.
    func delimitedCard(_ card: Card, csv: Bool) -> String {
        let end = csv ? "\r\n" : "\n"
        var blocks = [headers ? record(["field", "value"], csv: csv) + end : ""]
        blocks[0] += card.fields.map { record([$0.name, $0.value.plainText], csv: csv) + end }.joined()
        blocks += card.sections.map { delimited($0.table, csv: csv) }.filter { !$0.isEmpty }
        return blocks.joined(separator: end)
    }

    /// One line's fields, quoted or escaped and joined, without the line ending.
    private func record(_ fields: [String], csv: Bool) -> String {
        csv
            ? fields.map(Renderer.csvField).joined(separator: ",")
            : fields.map(Renderer.tsvField).joined(separator: "\t")
    }

    /// A CSV field, in double quotes (inner quotes doubled) when it holds `,` `"` CR or LF.
    static func csvField(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }

    /// A TSV field with tab, line feed, carriage return and backslash escaped as `\t` `\n` `\r` `\\`.
    static func tsvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" })
        else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
