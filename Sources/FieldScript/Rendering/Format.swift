/// An output format of `.format` and `--format`.
public enum Format: String, CaseIterable, Sendable {
    /// Box-drawn tables for people.
    case table
    /// One `name  value` block per row, for wide rows (psql's `\x`).
    case vertical
    /// RFC 4180 comma-separated values.
    case csv
    /// Tab-separated values.
    case tsv
    /// A JSON array of objects keyed by column name.
    case json
    /// One JSON object per line.
    case jsonl
    /// GitHub-flavoured Markdown tables.
    case markdown
    /// One self-contained HTML page: inline CSS and SVG charts, no script, nothing fetched.
    case html

    /// The formats as a sentence lists them: `table, vertical, csv, tsv, json, jsonl or markdown`.
    package static var list: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// Whether the format is meant for programs, so notices go to standard error instead.
    public var isMachineReadable: Bool { self != .table && self != .vertical && self != .markdown }
}
