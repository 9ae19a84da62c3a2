import FieldKit
import Foundation

/// Runs a query pipeline: a source's rows through `where`, `sort`, `take`, `columns`,
/// `count`, `stats` and `export`.
struct QueryEngine {
    let context: QueryContext
    let evaluator: Evaluator
    /// Where `export` writes, relative paths resolved against it.
    let directory: URL
    /// What writes, holds or drops exports.
    var exports = ExportSink()
    /// What heads an HTML page: the store, the day, who made it.
    var page = HTMLPage()

    func run(_ query: Query) throws(Diagnostic) -> Output {
        try run(try Sources.rows(of: query.source.value, in: context), stages: query.stages, source: query.source.value)
    }

    /// Runs rows through stages: a source's, or a report's (`progress | where status = off-track`).
    /// `source` names the HXL tags of an export; nil for a report's own columns.
    func run(_ start: RowSet, stages: [Stage], source: QuerySource?) throws(Diagnostic) -> Output {
        var rows = start
        var columns = rows.defaultColumns
        for (index, stage) in stages.enumerated() {
            switch stage {
            case .filter(let condition):
                rows = try filter(rows, condition)
            case .sort(let keys):
                rows.ordered()  // ties keep the natural order
                rows = try sort(rows, keys)
            case .take(let expression):
                rows.ordered()
                rows.rows = Array(rows.rows.prefix(try evaluator.count(expression)))
            case .columns(let tokens):
                var chosen: [FieldRef] = []
                for token in tokens { chosen.append(try rows.field(token)) }
                columns = chosen
                // A column chosen by name is drawn, even one a report keeps for programs.
                for field in chosen where rows.drawings[field] == .hidden { rows.drawings[field] = nil }
            case .count(let by):
                rows = try count(rows, by: by)
                columns = rows.defaultColumns
            case .stats(let aggregates, let by):
                rows = try stats(rows, aggregates, by: by)
                columns = rows.defaultColumns
            case .export(let formatToken, let path, let options):
                guard index == stages.count - 1 else {
                    throw Diagnostic("export must be the last stage", at: formatToken.location, length: formatToken.length)
                }
                return try export(
                    rows.table(columns: columns), format: formatToken.value, path: path, options: Set(options.map(\.value)),
                    source: source)
            }
        }
        return .table(rows.table(columns: columns))
    }

    func filter(_ rows: RowSet, _ condition: Condition) throws(Diagnostic) -> RowSet {
        var compiler = ConditionCompiler(rows: rows, evaluator: evaluator)
        let predicate = try compiler.compile(condition)
        var result = rows
        result.rows = rows.rows.filter(predicate)
        return result
    }

    private func sort(_ rows: RowSet, _ keys: [SortKey]) throws(Diagnostic) -> RowSet {
        var fields: [(name: FieldRef, descending: Bool)] = []
        for key in keys { fields.append((try rows.field(key.field), key.descending)) }
        // Read each key once per row, then sort stably by the keys in order.
        let decorated = rows.rows.enumerated().map { position, row in
            (row: row, position: position, keys: fields.map { rows.value(row, $0.name) })
        }
        let sorted = decorated.sorted { lhs, rhs in
            for (index, field) in fields.enumerated() {
                let (a, b) = (lhs.keys[index], rhs.keys[index])
                if Value.ascending(a, b) { return !field.descending || b == .null }
                if Value.ascending(b, a) { return field.descending && a != .null }
            }
            return lhs.position < rhs.position
        }
        var result = rows
        result.rows = sorted.map(\.row)
        return result
    }

    /// Group keys of a row: one per element when the field is a list (count by regions).
    private func groups(_ rows: RowSet, _ row: Int, _ fields: [FieldRef]) -> [[Value]] {
        var keys: [[Value]] = [[]]
        for field in fields {
            let value = rows.value(row, field)
            let parts: [Value]
            if case .list(let items) = value { parts = items.isEmpty ? [.null] : items } else { parts = [value] }
            keys = keys.flatMap { key in parts.map { key + [$0] } }
        }
        return keys
    }

    /// Rows grouped by the fields' values; groups come sorted by key, members in no particular order.
    private func grouped(
        _ rows: RowSet, by tokens: [Located<FieldRef>]
    ) throws(Diagnostic) -> (fields: [FieldRef], order: [[Value]], members: [[Value]: [Int]]) {
        var fields: [FieldRef] = []
        for token in tokens { fields.append(try rows.field(token)) }
        var order: [[Value]] = []
        var members: [[Value]: [Int]] = [:]
        if fields.count == 1, let field = fields.first {
            // One field, the common case: group by the value itself, not a one-element array per row.
            var single: [Value: [Int]] = [:]
            for row in rows.rows {
                let value = rows.value(row, field)
                if case .list(let items) = value {
                    for item in items.isEmpty ? [Value.null] : items { single[item, default: []].append(row) }
                } else {
                    single[value, default: []].append(row)
                }
            }
            for (value, rows) in single {
                order.append([value])
                members[[value]] = rows
            }
        } else {
            for row in rows.rows {
                for key in groups(rows, row, fields) {
                    if members[key] == nil { order.append(key) }
                    members[key, default: []].append(row)
                }
            }
        }
        order.sort { lhs, rhs in
            for (a, b) in zip(lhs, rhs) where a != b { return Value.ascending(a, b) }
            return false
        }
        return (fields, order, members)
    }

    private func count(_ rows: RowSet, by tokens: [Located<FieldRef>]) throws(Diagnostic) -> RowSet {
        let (fields, order, members) = try grouped(rows, by: tokens)
        let columns = fields.map { ($0, rows.numericFields.contains($0)) } + [(FieldRef.named("count"), true)]
        let table = order.map { key in key + [.number(Decimal(members[key]?.count ?? 0))] }
        return RowSet.materialised(columns: columns, rows: fields.isEmpty && table.isEmpty ? [[.number(0)]] : table)
    }

    private func stats(_ rows: RowSet, _ aggregates: [Aggregate], by tokens: [Located<FieldRef>]) throws(Diagnostic) -> RowSet {
        let (fields, order, members) = try grouped(rows, by: tokens)
        var names: [String] = []
        var targets: [FieldRef?] = []
        for aggregate in aggregates {
            let function = aggregate.function.value.rawValue
            if let field = aggregate.field {
                let name = try rows.field(field)
                targets.append(name)
                names.append("\(function)(\(name))")
            } else {
                targets.append(nil)
                names.append(function)
            }
        }
        let keys = fields.isEmpty ? [[]] : order
        var table: [[Value]] = []
        for key in keys {
            let members = fields.isEmpty ? rows.rows : members[key] ?? []
            var row = key
            for (aggregate, target) in zip(aggregates, targets) {
                row.append(try compute(aggregate, target, members, rows, by: fields))
            }
            table.append(row)
        }
        let columns = fields.map { ($0, rows.numericFields.contains($0)) } + names.map { (FieldRef.named($0), true) }
        return RowSet.materialised(columns: columns, rows: table)
    }

    /// One aggregate over a group. `fields` are the stage's `by` fields, for the suggestion
    /// when amounts in several currencies would be added.
    private func compute(
        _ aggregate: Aggregate, _ field: FieldRef?, _ members: [Int], _ rows: RowSet, by fields: [FieldRef]
    ) throws(Diagnostic) -> Value {
        let function = aggregate.function.value
        guard let field else { return .number(Decimal(members.count)) }
        let values = members.map { rows.value($0, field) }.filter { !$0.isEmpty }
        if function == .count { return .number(Decimal(values.count)) }
        if function == .min || function == .max {
            let sorted = values.sorted(by: Value.ascending)
            return (function == .min ? sorted.first : sorted.last) ?? .null
        }
        guard !values.isEmpty else { return .null }
        switch values[0] {
        case .number:
            let total = values.reduce(Decimal(0)) { sum, value in if case .number(let n) = value { return sum + n }; return sum }
            return .number(function == .sum ? total : QueryEngine.rounded(total / Decimal(values.count)))
        case .fraction:
            let total = values.reduce(0.0) { sum, value in if case .fraction(let n) = value { return sum + n }; return sum }
            return .fraction(function == .sum ? total : total / Double(values.count))
        case .money(let first):
            let amounts = values.compactMap { value -> Money? in if case .money(let m) = value { return m }; return nil }
            let currencies = Set(amounts.map(\.currency))
            guard currencies.count == 1 else {
                // The suggestion is a stage that runs: every source with amounts has a `currency` field.
                let by = (fields.isEmpty ? "" : fields.map(\.name).joined(separator: ", ") + ", ") + Field.currency.rawValue
                let hint = rows.fields.contains(.field(.currency)) ? ": split by it, as in 'stats \(function)(\(field)) by \(by)'" : ""
                throw Diagnostic(
                    "\(function)(\(field)) mixes \(currencies.sorted().joined(separator: ", ")); amounts in different currencies are never added\(hint)",
                    at: aggregate.function.location, length: aggregate.function.length)
            }
            let total = amounts.reduce(Decimal(0)) { $0 + $1.amount }
            let amount = function == .sum ? total : QueryEngine.rounded(total / Decimal(amounts.count))
            return (try? Money(amount: amount, currency: first.currency)).map { .money($0) } ?? .null
        default:
            throw Diagnostic(
                "\(function) needs numbers, and \(field) is not a number", at: aggregate.function.location,
                length: aggregate.function.length)
        }
    }

    /// An average to six decimal places, so 44/3 shows as 14.666667, not 38 digits.
    static func rounded(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 6, .plain)
        return output
    }

    func export(
        _ table: Table, format: Format, path: Expression, options: Set<ExportOption>, source: QuerySource?
    ) throws(Diagnostic) -> Output {
        var text: String
        if format == .csv || format == .tsv {
            let safe = SpreadsheetSafety.neutralised(table)
            text = Renderer(format: format).render(.table(safe))
            if options.contains(.hxl) { text = HXL.withHashtags(text, table: safe, source: source, csv: format == .csv) }
        } else if format == .html {
            text = page.html(.table(table))
        } else {
            text = Renderer(format: format).render(.table(table))
        }
        return try write(text, path: path, options: options, what: "\(table.rows.count) row\(table.rows.count == 1 ? "" : "s")")
    }

    /// `show … | export <format> "f"`: a card in a file, as the format writes it.
    func export(_ card: Card, format: Format, path: Expression, options: Set<ExportOption>) throws(Diagnostic) -> Output {
        let text: String
        switch format {
        case .csv, .tsv: text = Renderer(format: format).render(.card(SpreadsheetSafety.neutralised(card)))
        case .html: text = page.html(.card(card))
        default: text = Renderer(format: format).render(.card(card))
        }
        return try write(text, path: path, options: options, what: card.title)
    }

    private func write(_ content: String, path: Expression, options: Set<ExportOption>, what: String) throws(Diagnostic) -> Output {
        let name = try evaluator.text(path)
        let url = URL(fileURLWithPath: name, relativeTo: directory)
        let text = options.contains(.bom) ? "\u{FEFF}" + content : content
        try exports.export(Data(text.utf8), to: url.path, shownAs: name, at: path.first.location, length: path.length)
        return .message(exports.mode == .dryRun ? "dry run: would export \(what) to \(name)" : "exported \(what) to \(name)")
    }
}
