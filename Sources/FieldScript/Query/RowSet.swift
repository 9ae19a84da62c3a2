import FieldKit
import Foundation

/// Rows that a query pipeline works on: an index into some underlying collection, and
/// a way to read any field of a row on demand, so that only the fields a query touches
/// are ever computed.
struct RowSet {
    /// The fields a row has, in a sensible display order.
    var fields: [String]
    /// The fields shown when no `columns` stage chooses.
    var defaultColumns: [String]
    /// The fields whose values are numbers (aligned right).
    var numericFields: Set<String>
    /// The type of each field whose literals are not plain text (`end < 2008` compares days),
    /// declared so that it does not depend on which rows happen to be present; fields
    /// left out are learnt from their first non-empty value.
    var types: [String: FieldType] = [:]
    /// Which rows, in order once ``isOrdered``.
    var rows: [Int]
    /// The natural order (by id); nil when `rows` are already in it.
    var order: ((Int, Int) -> Bool)? = nil
    /// A row's value for a canonical field name.
    var value: (Int, String) -> Value
    /// Whether a row's searchable text contains the given lower-cased text.
    var matches: (Int, String) -> Bool
    /// The closed vocabularies of word fields, so that `status = actve` is caught.
    var vocabularies: [String: [String]] = [:]
    /// For the projects source, each row's project id: lets `has` and `under` use the
    /// portfolio's indexes instead of reading every row's lists.
    var projectID: ((Int) -> ProjectID)? = nil

    /// Field-name aliases: `region` is `regions`.
    static let aliases = ["region": "regions", "sector": "sectors", "tag": "tags", "contacts": "contact", "funder": "funders", "partner-count": "partners"]

    /// The canonical field name for `token`, or a diagnostic with the nearest valid field.
    func field(_ token: Token) throws(Diagnostic) -> String {
        let lowered = token.text.lowercased()
        let name = RowSet.aliases[lowered] ?? lowered
        guard fields.contains(name) else {
            throw Diagnostic(
                "no field '\(token.text)' here; the fields are \(fields.joined(separator: ", "))", at: token.location,
                length: token.length, suggestion: Spelling.nearest(to: token.text, in: fields))
        }
        return name
    }

    /// A set over materialised rows, after `count` or `stats`.
    static func materialised(columns: [Column], rows: [[Value]]) -> RowSet {
        let names = columns.map(\.name)
        return RowSet(
            fields: names, defaultColumns: names, numericFields: Set(columns.filter(\.isNumeric).map(\.name)),
            rows: Array(rows.indices),
            value: { row, field in names.firstIndex(of: field).map { rows[row][$0] } ?? .null },
            matches: { row, text in rows[row].contains { $0.text.lowercased().contains(text) } })
    }

    /// Puts the rows in their natural order. Sources hand out rows unordered and `where`
    /// keeps them so, so that only the rows that survive a filter are ever sorted.
    mutating func ordered() {
        guard let order else { return }
        rows.sort(by: order)
        self.order = nil
    }

    /// The rows as a table of the given columns, in natural order unless sorted.
    func table(columns: [String]) -> Table {
        var set = self
        set.ordered()
        return set.tableInOrder(columns: columns)
    }

    private func tableInOrder(columns: [String]) -> Table {
        Table(
            columns: columns.map { Column($0, numeric: numericFields.contains($0)) },
            rows: rows.map { row in columns.map { value(row, $0) } })
    }
}

/// What a field's values are, for reading a literal compared with them.
enum FieldType: Sendable {
    case day, number, fraction, money

    /// The type of a sample value; nil for text and lists.
    init?(_ sample: Value) {
        switch sample {
        case .day, .time: self = .day
        case .number: self = .number
        case .fraction: self = .fraction
        case .money: self = .money
        case .null, .text, .list, .dimensions: return nil
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
