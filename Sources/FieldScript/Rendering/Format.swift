/// An output format of `.format` and `--format`.
public enum Format: String, CaseIterable, Sendable {
    /// Box-drawn tables for people.
    case table
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

    /// Whether the format is meant for programs, so notices go to standard error instead.
    public var isMachineReadable: Bool { self != .table && self != .markdown }
}
