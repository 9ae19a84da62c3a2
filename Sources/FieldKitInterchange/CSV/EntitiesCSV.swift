import FieldKit
import Foundation

/// Projects, partners, outcomes and links from a spreadsheet, a row each.
///
/// Columns are the language's field names (`title`, `target-groups`, `actual-start`), in
/// any order and any case, or an HXL hashtag row's tags. A list cell separates its items
/// with commas or semicolons (`"KG-O, KG-B"`); an amount is `85000 EUR`, or a number in
/// the field's column with a `currency` column beside it. A row for an entity the portfolio
/// holds changes the fields the file has columns for and keeps the others; the result is
/// left alone when it is the same, a conflict when it differs, or, with `replace`, taken.
public enum EntitiesCSV {
    /// What a file holds.
    public enum Kind: String, CaseIterable, Sendable {
        case projects, partners, outcomes, links
    }

    static let columns: [Kind: [String]] = [
        .projects: [
            "id", "title", "summary", "status", "start", "end", "actual-start", "actual-end", "budget", "currency", "sectors",
            "target-groups", "regions", "tags",
        ],
        .partners: ["id", "name", "acronym", "kind", "country", "ref", "contact"],
        .outcomes: [
            "id", "project", "key", "title", "level", "unit", "measure", "baseline", "baseline-date", "target", "due", "direction",
            "regions", "dims",
        ],
        .links: ["project", "partner", "role", "amount", "currency"],
    ]

    static let aliases = [
        "region": "regions", "sector": "sectors", "tag": "tags", "target-group": "target-groups", "contacts": "contact",
        "dim": "dims", "dimensions": "dims", "name of the project": "title",
    ]

    /// The entities of a CSV file, as changes to `portfolio`.
    ///
    /// - Parameters:
    ///   - kind: what each row is.
    ///   - bytes: the file, UTF-8 with or without a byte-order mark.
    ///   - portfolio: what the changes apply to.
    ///   - replace: take the file's version of an entity that differs.
    /// - Returns: the changes, with each row's physical line.
    /// - Throws: ``InterchangeError`` at the first bad cell or unknown column, or for the conflicts.
    public static func importing(_ kind: Kind, _ bytes: [UInt8], into portfolio: Portfolio, replace: Bool = false) throws(InterchangeError) -> ImportPlan {
        var reader = CSVReader(bytes)
        guard let (header, names, first) = try reader.header(field: { HXLTags.field(of: $0, in: kind.rawValue) }) else {
            throw InterchangeError("the file is empty; a header line comes first")
        }
        let allowed = columns[kind] ?? []
        var index: [String: Int] = [:]
        for (position, raw) in names.enumerated() {
            let name = aliases[raw] ?? raw
            let cell = header[position]
            guard allowed.contains(name) else {
                throw InterchangeError(
                    "unknown column '\(cell.text)': the columns of \(kind.rawValue) are \(allowed.joined(separator: ", "))",
                    line: cell.line, column: cell.column, suggestion: Spelling.nearest(to: cell.text, in: allowed))
            }
            guard index[name] == nil else {
                throw InterchangeError("the column '\(cell.text)' appears twice", line: cell.line, column: cell.column)
            }
            index[name] = position
        }
        var builder = Builder(kind: kind, portfolio: portfolio, replace: replace, index: index, width: header.count)
        var row = first
        while let cells = row {
            try builder.add(Row(cells: cells, index: index))
            row = try reader.next()
        }
        return try builder.finish()
    }

    /// One row's cells by column name.
    struct Row {
        let cells: [CSVReader.Cell]
        let index: [String: Int]
        var line: Int { cells.first?.line ?? 0 }

        func has(_ name: String) -> Bool { index[name] != nil }

        func cell(_ name: String) -> CSVReader.Cell? {
            guard let position = index[name], position < cells.count else { return nil }
            return cells[position]
        }

        /// The cell's text, trimmed; nil when the column is missing or the cell empty.
        func text(_ name: String) -> String? {
            guard let text = cell(name)?.value, !text.isEmpty else { return nil }
            return text
        }

        func fail(_ name: String, _ message: String, suggestion: String? = nil) -> InterchangeError {
            let cell = cell(name)
            return InterchangeError("column '\(name)': \(message)", line: cell?.line ?? line, column: cell?.column ?? 1, suggestion: suggestion)
        }

        func required(_ name: String) throws(InterchangeError) -> String {
            guard let text = text(name) else {
                throw InterchangeError("column '\(name)': the row has none, and it is required", line: line, column: cell(name)?.column ?? 1)
            }
            return text
        }

        func list(_ name: String) -> [String] {
            (text(name) ?? "").split(whereSeparator: { $0 == "," || $0 == ";" })
                .map { String($0).trimmedCell }.filter { !$0.isEmpty }
        }

        func day(_ name: String) throws(InterchangeError) -> Day? {
            guard let text = text(name) else { return nil }
            do { return try Day(parsing: text) } catch { throw fail(name, "'\(text)' is not a date: \(error.reason)") }
        }

        func number(_ name: String) throws(InterchangeError) -> Decimal? {
            guard let text = text(name), let cell = cell(name) else { return nil }
            guard let number = cell.decimal else {
                let hint = text.contains(",") ? "; write it with a point, without thousands separators" : ""
                throw fail(name, "'\(text)' is not a number\(hint)")
            }
            return number
        }

        func word<V: Vocabulary>(_ name: String, _ type: V.Type) throws(InterchangeError) -> V? {
            guard let text = text(name) else { return nil }
            guard let word = V(rawValue: text.lowercased()) else {
                let words = V.allCases.map(\.rawValue)
                throw fail(name, "'\(text)' is not a \(V.vocabularyName); use one of \(words.joined(separator: ", "))",
                           suggestion: Spelling.nearest(to: text, in: words))
            }
            return word
        }

        /// `85000 EUR` in the column, or a number there and the currency in `currency`.
        func money(_ name: String) throws(InterchangeError) -> Money? {
            guard let text = text(name) else { return nil }
            let written = text.contains(" ") ? text : text + " " + (self.text("currency") ?? "")
            do { return try Money(parsing: written.trimmedCell) } catch {
                throw fail(name, "'\(text)' is not an amount: \(error.reason); write 85000 EUR, or add a currency column")
            }
        }
    }
}
