import FieldKit
import Foundation

/// One cell of a result: typed, so that renderers can align, quote and encode it properly.
public enum Value: Hashable, Sendable {
    /// No value.
    case null
    /// Text, including ids and enum words.
    case text(String)
    /// A decimal number.
    case number(Decimal)
    /// A fraction shown as a percentage: 0.5 is `50%`.
    case fraction(Double)
    /// A date at its precision.
    case day(Day)
    /// An amount in a currency.
    case money(Money)
    /// A point in time (journal entries), UTC.
    case time(Date)
    /// Several values: regions, sectors, funders.
    case list([Value])
    /// A record's dimensions by name: `sex=female`. Text `sex=female, age=15-24` (by
    /// name), an object in JSON.
    case dimensions([String: String])
    /// What one change did to one field: `project TIP-2007 status: active → closed`. An
    /// object with its old and new values in JSON.
    indirect case change(FieldChange)

    /// Whether the value is null or an empty list or text.
    public var isEmpty: Bool {
        switch self {
        case .null: true
        case .text(let text): text.isEmpty
        case .list(let values): values.isEmpty
        case .dimensions(let values): values.isEmpty
        default: false
        }
    }

    /// Whether renderers should align the value to the right.
    public var isNumeric: Bool {
        switch self {
        case .number, .fraction, .money: true
        default: false
        }
    }

    /// The value as plain text, the same in every format: `85000 EUR`, `2007-04-24`, `33%`,
    /// lists joined by `, `.
    public var text: String {
        switch self {
        case .null: ""
        case .text(let text): text
        case .number(let number): "\(number)"
        case .fraction(let fraction): Value.percent(fraction)
        case .day(let day): day.description
        case .money(let money): money.description
        case .time(let date): Value.timestamp(date)
        case .list(let values):
            // A list of pairs (a funder's breakdown: a project and its amount) reads `A 10 EUR, B 5 EUR`.
            values.map { Value.item($0, joinedBy: " ", \.text) }.joined(separator: ", ")
        case .dimensions(let values): values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        case .change(let change): change.description
        }
    }

    /// A fraction as a whole percentage, or with one decimal below 10%: `33%`, `2.5%`.
    static func percent(_ fraction: Double) -> String {
        let percent = fraction * 100
        guard percent.isFinite else { return "–" }
        if abs(percent) < 10, percent.rounded() != percent {
            return String(format: "%.1f%%", percent)
        }
        // Past Int's range (a target a hair above its baseline, say) the digits are printed
        // as they are; converting would trap.
        guard let whole = Int(exactly: percent.rounded()) else { return String(format: "%.0f%%", percent) }
        return "\(whole)%"
    }

    /// `2007-04-24 09:30:00Z`.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(parts.year ?? 0)-\(pad(parts.month))-\(pad(parts.day)) \(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))Z"
    }
}

/// A column of a result table.
public struct Column: Hashable, Sendable {
    /// The name, as queries and `columns` spell it: `target-groups`.
    public var name: String
    /// Whether the column holds numbers (aligned right in tables).
    public var isNumeric: Bool
    /// How a drawn table (the `table` and `vertical` formats) shows the column's values; the
    /// values themselves, and every other format, are unchanged by it.
    public var drawing: Drawing
    /// When a drawn table is wider than the terminal, the columns with a rank are left out,
    /// lowest first, until it fits; nil for a column that is always shown.
    public var dropRank: Int?

    /// Creates a column.
    ///
    /// - Parameters:
    ///   - name: the name, as queries and `columns` spell it.
    ///   - numeric: whether the column holds numbers, aligned right in tables.
    ///   - drawing: how a drawn table shows its values; plain unless given.
    ///   - dropRank: the order in which a drawn table too wide for the terminal leaves it out; never unless given.
    public init(_ name: String, numeric: Bool = false, drawing: Drawing = .plain, dropRank: Int? = nil) {
        self.name = name
        self.isNumeric = numeric
        self.drawing = drawing
        self.dropRank = dropRank
    }

    /// A column of a field of the grammar.
    init(_ field: Field, numeric: Bool = false, drawing: Drawing = .plain, dropRank: Int? = nil) {
        self.init(field.rawValue, numeric: numeric, drawing: drawing, dropRank: dropRank)
    }
}

/// Rows and typed columns: what every query and most reports return.
public struct Table: Hashable, Sendable {
    /// The columns, in display order.
    public var columns: [Column]
    /// The rows; each has one value per column.
    public var rows: [[Value]]
    /// A Gantt chart that drawn tables add as their last column, from the rows' dates.
    public var timeline: TimelineChart?

    /// Creates a table, to render with ``Renderer`` as the session's own are.
    ///
    /// - Parameters:
    ///   - columns: the columns, in display order.
    ///   - rows: the rows; each has one value per column.
    ///   - timeline: a Gantt chart drawn tables add from the rows' dates; none unless given.
    public init(columns: [Column], rows: [[Value]], timeline: TimelineChart? = nil) {
        self.columns = columns
        self.rows = rows
        self.timeline = timeline
    }
}

/// A full card of one thing: its fields, then related tables (`show TIP-2007`).
public struct Card: Hashable, Sendable {
    /// A heading: `project TIP-2007`.
    public var title: String
    /// Field names and values, in display order.
    public var fields: [Field]
    /// Related tables with their headings: partners, outcomes, notes.
    public var sections: [Section]

    /// One labelled value.
    public struct Field: Hashable, Sendable {
        /// The field name.
        public var name: String
        /// Its value.
        public var value: Value
        /// How a drawn card shows it (a bar, a sparkline); other formats show the value.
        public var drawing: Drawing
        /// Creates a field.
        ///
        /// - Parameters:
        ///   - name: the field name.
        ///   - value: its value.
        ///   - drawing: how a drawn card shows it; plain unless given.
        public init(_ name: String, _ value: Value, drawing: Drawing = .plain) {
            self.name = name
            self.value = value
            self.drawing = drawing
        }
    }

    /// A related table with a heading.
    public struct Section: Hashable, Sendable {
        /// The heading: `partners`.
        public var title: String
        /// The rows.
        public var table: Table
        /// Creates a section.
        ///
        /// - Parameters:
        ///   - title: the heading: `partners`.
        ///   - table: the rows.
        public init(_ title: String, _ table: Table) {
            self.title = title
            self.table = table
        }
    }

    /// Creates a card.
    ///
    /// - Parameters:
    ///   - title: a heading: `project TIP-2007`.
    ///   - fields: field names and values, in display order.
    ///   - sections: related tables with their headings; none unless given.
    public init(title: String, fields: [Field], sections: [Section] = []) {
        self.title = title
        self.fields = fields
        self.sections = sections
    }
}

/// What running a statement produces: data for a program, text for a person once rendered.
public enum Output: Hashable, Sendable {
    /// Rows from a query or report.
    case table(Table)
    /// One thing in full.
    case card(Card)
    /// A short confirmation or notice: `added project TIP-2007`.
    case message(String)
}
