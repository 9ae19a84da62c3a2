import FieldKitInterchange
import Foundation

/// A JSON value built by the renderers and written by hand, so that object keys keep the
/// order of the columns.
enum JSONNode {
    /// A number, `true`, `false` or `null`, written as is.
    case literal(String)
    /// A string, escaped when written.
    case string(String)
    /// An array.
    case array([JSONNode])
    /// An object whose members keep their order.
    case object([(key: String, value: JSONNode)])

    /// `null`.
    static let null = JSONNode.literal("null")

    /// The JSON form of a result value: numbers as numbers, dates and times as ISO 8601 strings,
    /// money as `{"amount": 85000, "currency": "EUR"}`, dimensions as `{"sex": "female"}`.
    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .text(let text): self = .string(text)
        case .number(let number): self = JSONNode(number)
        case .fraction(let fraction): self = Value.decimal(fraction).map(JSONNode.literal) ?? .null
        case .day(let day): self = .string(day.description)
        case .money(let money):
            self = .object([("amount", JSONNode(money.amount)), ("currency", .string(money.currency))])
        case .time(let date): self = .string(Value.timestamp(date).replacingOccurrences(of: " ", with: "T"))
        case .list(let values): self = .array(values.map(JSONNode.init))
        case .dimensions(let values): self = .object(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        case .change(let change):
            var members: [(String, JSONNode)] = [("action", .string(change.action.rawValue)), ("kind", .string(change.kind)), ("id", .string(change.id))]
            if let field = change.field { members.append(("field", .string(field))) }
            if let old = change.old { members.append(("old", JSONNode(old))) }
            if let new = change.new { members.append(("new", JSONNode(new))) }
            self = .object(members)
        }
    }

    /// A decimal as a JSON number, or `null` when it is not a number.
    init(_ number: Decimal) {
        self = number.isNaN ? .null : .literal("\(number)")
    }

    /// A table as an array of objects keyed by column name, in column order.
    init(_ table: Table) {
        self = .array(table.rows.map { JSONNode(row: $0, columns: table.columns) })
    }

    /// One row as an object keyed by column name; missing values are `null`.
    init(row: [Value], columns: [Column]) {
        self = .object(
            columns.indices.map { index in
                (columns[index].name, index < row.count ? JSONNode(row[index]) : .null)
            })
    }

    /// The JSON text: with `pretty`, members on their own lines indented by two spaces per
    /// level and `": "` after keys; otherwise on one line without spaces. No final newline.
    func written(pretty: Bool) -> String {
        var text = ""
        write(into: &text, pretty: pretty, depth: 0)
        return text
    }

    /// Appends the JSON text at a nesting depth.
    private func write(into text: inout String, pretty: Bool, depth: Int) {
        switch self {
        case .literal(let literal):
            text += literal
        case .string(let string):
            JSONWriter.quote(string, into: &text)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", into: &text, pretty: pretty, depth: depth)
        case .object(let members):
            let keyed = members.map { (Optional($0.key), $0.value) }
            writeContainer(keyed, open: "{", close: "}", into: &text, pretty: pretty, depth: depth)
        }
    }

    /// Appends an array (keys nil) or an object, each member on its own line when pretty.
    private func writeContainer(
        _ members: [(String?, JSONNode)], open: String, close: String, into text: inout String, pretty: Bool, depth: Int
    ) {
        text += open
        guard !members.isEmpty else {
            text += close
            return
        }
        let indent = String(repeating: "  ", count: depth + 1)
        for (index, (key, value)) in members.enumerated() {
            if index > 0 { text += "," }
            if pretty { text += "\n" + indent }
            if let key {
                JSONWriter.quote(key, into: &text)
                text += pretty ? ": " : ":"
            }
            value.write(into: &text, pretty: pretty, depth: depth + 1)
        }
        if pretty { text += "\n" + String(repeating: "  ", count: depth) }
        text += close
    }
}
