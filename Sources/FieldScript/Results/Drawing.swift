import FieldKit

/// How a drawn table shows a column: rendering only. The values stay numbers, dates and
/// words, and csv, tsv, json, jsonl and markdown never see a drawing.
public enum Drawing: Hashable, Sendable {
    /// The value's text.
    case plain
    /// Numbers and amounts with their thousands grouped: `125,000 EUR`.
    case grouped
    /// A fraction as a bar of eighth blocks and its percentage, `███▍░░░░ 43%`, with a
    /// mark where the fraction in the column named `mark` stands (the expected progress).
    case bar(mark: String?)
    /// A label indented under its parent with tree lines, by the depth in the column named `depth`.
    case tree(depth: String)
    /// Rows grouped under a heading line for each value (the column itself is not drawn);
    /// `title` names a column whose value the heading adds.
    case heading(title: String?)
    /// A list drawn one item per line.
    case lines
    /// Data for programs: left out of drawn tables (what a bar or a tree already shows).
    case hidden
    /// A list of numbers as a sparkline, `▁▃▅█`: a history at a glance.
    case sparkline
}

/// A Gantt chart of a table's rows: a bar per row on one time axis, planned dates light
/// (`░`), actual dates solid (`█`), and a today marker. The column names say where each
/// row's dates and status are.
public struct TimelineChart: Hashable, Sendable {
    /// The column of the planned start.
    public var start: String
    /// The column of the planned end.
    public var end: String
    /// The column of the actual start.
    public var actualStart: String
    /// The column of the actual end.
    public var actualEnd: String
    /// The column of the status, which colours the bar.
    public var status: String
    /// The day the marker stands on.
    public var today: Day

    /// Creates a chart over the named columns.
    ///
    /// - Parameters:
    ///   - start: the column of the planned start.
    ///   - end: the column of the planned end.
    ///   - actualStart: the column of the actual start.
    ///   - actualEnd: the column of the actual end.
    ///   - status: the column of the status.
    ///   - today: the day the marker stands on.
    public init(start: String, end: String, actualStart: String, actualEnd: String, status: String, today: Day) {
        self.start = start
        self.end = end
        self.actualStart = actualStart
        self.actualEnd = actualEnd
        self.status = status
        self.today = today
    }
}
