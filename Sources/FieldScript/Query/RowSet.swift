import FieldKit
import Foundation

/// Rows that a query pipeline works on: an index into some underlying collection, and
/// a way to read any field of a row on demand, so that only the fields a query touches
/// are ever computed.
struct RowSet {
    /// The fields a row has, in a sensible display order.
    var fields: [FieldRef]
    /// The fields shown when no `columns` stage chooses.
    var defaultColumns: [FieldRef]
    /// The fields whose values are numbers (aligned right).
    var numericFields: Set<FieldRef>
    /// The type of each field whose literals are not plain text (`end < 2008` compares days);
    /// fields left out are learnt from their first non-empty value.
    var types: [FieldRef: FieldType] = [:]
    /// Which rows, in order once ``isOrdered``.
    var rows: [Int]
    /// The natural order (by id); nil when `rows` are already in it.
    var order: ((Int, Int) -> Bool)? = nil
    /// A row's value for a field of the grammar.
    var fieldValue: (Int, Field) -> Value
    /// A row's value for another name: a record's dimension, a column `count` made.
    var namedValue: (Int, String) -> Value = { _, _ in .null }
    /// Whether a row's searchable text contains the given lower-cased text.
    var matches: (Int, String) -> Bool
    /// The closed vocabularies of word fields, so that `status = actve` is caught.
    var vocabularies: [FieldRef: [String]] = [:]
    /// For the projects source, each row's project id: lets `has` and `under` use the
    /// portfolio's indexes instead of reading every row's lists.
    var projectID: ((Int) -> ProjectID)? = nil
    /// How drawn tables show some of the fields (a report's bars, tree lines, headings).
    var drawings: [FieldRef: Drawing] = [:]
    /// The fields a drawn table too wide for the terminal leaves out, lowest rank first.
    var dropRanks: [FieldRef: Int] = [:]
    /// A Gantt chart drawn tables add from the rows' dates (`timeline`).
    var timeline: TimelineChart?

    /// The rows of `source`, with the fields, types and vocabularies the grammar gives it,
    /// and `named` fields after them (a record's dimensions).
    init(
        _ source: QuerySource, named: [String] = [], rows: [Int], order: ((Int, Int) -> Bool)? = nil,
        value: @escaping (Int, Field) -> Value, namedValue: @escaping (Int, String) -> Value = { _, _ in .null },
        matches: @escaping (Int, String) -> Bool, projectID: ((Int) -> ProjectID)? = nil
    ) {
        let spec = Grammar.sourceFields[source] ?? Grammar.SourceSpec(fields: [], shown: [])
        fields = spec.fields.map { .field($0.field) } + named.map(FieldRef.named)
        defaultColumns = spec.shown.map(FieldRef.field)
        types = Dictionary(uniqueKeysWithValues: spec.fields.compactMap { field in field.type.map { (FieldRef.field(field.field), $0) } })
        numericFields = Set(types.filter { $0.value != .day }.keys)
        vocabularies = Dictionary(uniqueKeysWithValues: spec.fields.compactMap { field in
            field.vocabulary.map { (FieldRef.field(field.field), $0) }
        })
        self.rows = rows
        self.order = order
        self.fieldValue = value
        self.namedValue = namedValue
        self.matches = matches
        self.projectID = projectID
    }

    /// A set over materialised rows, after `count` or `stats`.
    private init(columns: [(field: FieldRef, numeric: Bool)], rows: [[Value]]) {
        let names = columns.map(\.field)
        fields = names
        defaultColumns = names
        numericFields = Set(columns.filter(\.numeric).map(\.field))
        self.rows = Array(rows.indices)
        fieldValue = { row, field in names.firstIndex(of: .field(field)).map { rows[row][$0] } ?? .null }
        namedValue = { row, name in names.firstIndex(of: .named(name)).map { rows[row][$0] } ?? .null }
        matches = { row, text in rows[row].contains { $0.text.lowercased().contains(text) } }
    }

    /// A set over materialised rows, after `count` or `stats`.
    static func materialised(columns: [(field: FieldRef, numeric: Bool)], rows: [[Value]]) -> RowSet {
        RowSet(columns: columns, rows: rows)
    }

    /// A row's value for a field.
    func value(_ row: Int, _ field: FieldRef) -> Value {
        switch field {
        case .field(let field): fieldValue(row, field)
        case .named(let name): namedValue(row, name)
        }
    }

    /// A row's value for a field of the grammar.
    func value(_ row: Int, _ field: Field) -> Value { fieldValue(row, field) }

    /// The field of these rows that `written` names, or a diagnostic with the nearest valid
    /// field. A name that is also an alias (a dimension called `region`) is found as written.
    func field(_ written: Located<FieldRef>) throws(Diagnostic) -> FieldRef {
        if fields.contains(written.value) { return written.value }
        let asWritten = FieldRef.named(written.token.text.lowercased())
        if fields.contains(asWritten) { return asWritten }
        let names = fields.map(\.name)
        throw Diagnostic(
            "no field '\(written.token.text)' here; the fields are \(names.joined(separator: ", "))",
            at: written.location, length: written.length, suggestion: Spelling.nearest(to: written.token.text, in: names))
    }

    /// Puts the rows in their natural order. Sources hand out rows unordered and `where`
    /// keeps them so, so that only the rows that survive a filter are ever sorted.
    mutating func ordered() {
        guard let order else { return }
        rows.sort(by: order)
        self.order = nil
    }

    /// The rows as a table of the given columns, in natural order unless sorted.
    func table(columns: [FieldRef]) -> Table {
        var set = self
        set.ordered()
        let names = Set(columns.map(\.name))
        // A chart needs its dates: after `columns id, title` there is nothing to draw.
        let chart = timeline.flatMap { names.contains($0.start) && names.contains($0.end) ? $0 : nil }
        return Table(
            columns: columns.map { field in
                Column(field.name, numeric: numericFields.contains(field), drawing: drawings[field] ?? .plain, dropRank: dropRanks[field])
            },
            rows: set.rows.map { row in columns.map { set.value(row, $0) } }, timeline: chart)
    }
}

/// What a field's values are, for reading a literal compared with them.
enum FieldType: Hashable, Sendable {
    case day, number, fraction, money

    /// The type of a sample value; nil for text and lists.
    init?(_ sample: Value) {
        switch sample {
        case .day, .time: self = .day
        case .number: self = .number
        case .fraction: self = .fraction
        case .money: self = .money
        case .null, .text, .list, .dimensions, .change: return nil
        }
    }
}

extension Value {
    /// Orders values for `sort`: nulls last, numbers by value, dates by day, text case-insensitively.
    static func ascending(_ lhs: Value, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, _): return false
        case (_, .null): return true
        case (.number(let a), .number(let b)): return a < b
        case (.fraction(let a), .fraction(let b)): return a < b
        case (.day(let a), .day(let b)): return a < b
        case (.time(let a), .time(let b)): return a < b
        case (.money(let a), .money(let b)): return a.currency != b.currency ? a.currency < b.currency : a.amount < b.amount
        default:
            return lhs.text.localizedCaseInsensitiveCompare(rhs.text) == .orderedAscending
        }
    }
}
