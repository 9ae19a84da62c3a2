import FieldKit
import Foundation

/// The monthly workflow: a spreadsheet of progress, one row per record, read into the
/// records it holds.
///
/// ```
/// outcome,date,value,sex,note,source
/// TIP-2007/trained,2007-11-15,12,female,Osh court,attendance sheet
/// ```
///
/// Columns are found by their header, in any order and any case: `outcome`, `date`,
/// `value`, `note`, `source`, their aliases, and each dimension an outcome declares
/// (`sex`). A file with an HXL hashtag row under its header is read by its tags
/// (`#indicator+code`, `#date`, `#indicator+value+num`, `#meta+sex`), whatever its header
/// says.
public enum RecordsCSV {
    /// The columns a records file may have besides its dimensions.
    static let fields = ["outcome", "date", "value", "note", "source"]
    /// Other names spreadsheets use for them.
    static let aliases = [
        "indicator": "outcome", "outcome id": "outcome", "day": "date", "period": "date", "amount": "value", "actual": "value",
        "comment": "note", "comments": "note", "notes": "note", "remarks": "note", "means of verification": "source",
    ]
    /// The records of a CSV file, as changes to `portfolio`.
    ///
    /// A row whose outcome, date and dimensions match a record the portfolio holds is that
    /// record: left alone when its value, note and source are the same, a conflict when
    /// they differ (reported with the others, and nothing imported), or, with `replace`,
    /// replaced.
    ///
    /// - Parameters:
    ///   - bytes: the file, UTF-8 with or without a byte-order mark.
    ///   - portfolio: the portfolio the records go into; their outcomes must be in it.
    ///   - replace: take the file's version of a record that differs.
    /// - Returns: the changes, with the physical line of each row.
    /// - Throws: ``InterchangeError`` at the first bad cell, of the form
    ///   `column 'value': '1,5' is not a number`, or for the conflicts.
    public static func importing(_ bytes: [UInt8], into portfolio: Portfolio, replace: Bool = false) throws(InterchangeError) -> ImportPlan {
        var reader = CSVReader(bytes)
        // A hashtag FieldKit writes for records, one it reads as a value too, or `#meta+<dimension>`.
        guard let (header, written, first) = try reader.header(field: { tag in
            HXLTags.field(of: tag, in: "records") ?? (tag == "#indicator+value" ? "value" : nil)
                ?? (tag.hasPrefix("#meta+") ? String(tag.dropFirst(6)).replacingOccurrences(of: "_", with: "-") : nil)
        }) else {
            throw InterchangeError("the file is empty; a header line comes first: \(fields.joined(separator: ","))")
        }
        let names = written.map { aliases[$0] ?? $0 }
        let columns = try Columns(header, names: names, portfolio: portfolio)
        var builder = Builder(portfolio: portfolio, replace: replace, columns: columns)
        var row = first
        while let cells = row {
            try builder.add(cells)
            row = try reader.next()
        }
        return try builder.finish()
    }

    /// Which column holds what.
    struct Columns {
        var outcome: Int
        var date: Int
        var value: Int?
        var note: Int?
        var source: Int?
        /// The dimension columns, by name.
        var dimensions: [(name: String, index: Int)]
        let header: [CSVReader.Cell]

        init(_ header: [CSVReader.Cell], names: [String], portfolio: Portfolio) throws(InterchangeError) {
            self.header = header
            var found: [String: Int] = [:]
            var dimensions: [(String, Int)] = []
            let declared = Set(portfolio.outcomes.values.flatMap(\.dims))
            for (index, name) in names.enumerated() {
                let cell = header[index]
                guard !name.isEmpty else {
                    throw InterchangeError("column \(index + 1) has no name in the header", line: cell.line, column: cell.column)
                }
                if found[name] != nil || dimensions.contains(where: { $0.0 == name }) {
                    throw InterchangeError("the column '\(cell.text)' appears twice", line: cell.line, column: cell.column)
                }
                if RecordsCSV.fields.contains(name) {
                    found[name] = index
                } else if declared.contains(name) {
                    dimensions.append((name, index))
                } else {
                    let known = RecordsCSV.fields + declared.sorted()
                    throw InterchangeError(
                        "unknown column '\(cell.text)': the columns of records are \(RecordsCSV.fields.joined(separator: ", ")), "
                            + (declared.isEmpty ? "and no outcome declares a dimension" : "and the dimensions \(declared.sorted().joined(separator: ", "))"),
                        line: cell.line, column: cell.column, suggestion: Spelling.nearest(to: cell.text, in: known))
                }
            }
            for required in ["outcome", "date"] where found[required] == nil {
                throw InterchangeError(
                    "the header has no '\(required)' column; a records file has at least outcome and date (and value)",
                    line: header.first?.line ?? 1, column: 1)
            }
            outcome = found["outcome"] ?? 0
            date = found["date"] ?? 0
            value = found["value"]
            note = found["note"]
            source = found["source"]
            self.dimensions = dimensions
        }
    }

    struct Builder {
        let portfolio: Portfolio
        let replace: Bool
        let columns: Columns
        var plan = ImportPlan()
        var conflicts: [(what: String, line: Int)] = []
        /// The rows so far by identity (outcome, date, dimensions), with their line.
        var rows: [String: Int] = [:]
        /// The records the portfolio holds, by identity, for the outcomes the file names:
        /// built for an outcome when a row first names it, so a row costs a lookup, not a
        /// walk through the outcome's records.
        var held: [OutcomeID: [String: OutcomeRecord]] = [:]

        static func identity(_ outcome: OutcomeID, _ date: Day, _ dimensions: [String: String]) -> String {
            "\(outcome)|\(date)|" + dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }

        init(portfolio: Portfolio, replace: Bool, columns: Columns) {
            self.portfolio = portfolio
            self.replace = replace
            self.columns = columns
        }

        func cell(_ cells: [CSVReader.Cell], _ index: Int?) -> CSVReader.Cell? {
            guard let index, index < cells.count else { return nil }
            return cells[index]
        }

        func fail(_ cell: CSVReader.Cell, _ column: String, _ message: String, suggestion: String? = nil) -> InterchangeError {
            InterchangeError("column '\(column)': \(message)", line: cell.line, column: cell.column, suggestion: suggestion)
        }

        mutating func add(_ cells: [CSVReader.Cell]) throws(InterchangeError) {
            let line = cells.first?.line ?? 0
            guard cells.count <= columns.header.count else {
                let extra = cells[columns.header.count]
                throw InterchangeError(
                    "this row has \(cells.count) cells and the header \(columns.header.count); a cell with a comma goes in quotes",
                    line: extra.line, column: extra.column)
            }
            guard let outcomeCell = cell(cells, columns.outcome), !outcomeCell.text.isEmpty else {
                throw InterchangeError("column 'outcome': the row names no outcome", line: line, column: 1)
            }
            let written = outcomeCell.text.trimmedCell
            guard let named = OutcomeID(written), let outcome = portfolio.outcomes[named] else {
                throw fail(outcomeCell, "outcome", "no outcome '\(written)'", suggestion: Spelling.nearest(to: written, in: portfolio.outcomes.keys.map(\.rawValue)))
            }
            // In the stored spelling, whatever case the file used.
            let id = outcome.id
            guard let dateCell = cell(cells, columns.date), !dateCell.text.isEmpty else {
                throw InterchangeError("column 'date': the row has no date", line: line, column: 1)
            }
            let date: Day
            do { date = try Day(parsing: dateCell.text.trimmedCell) } catch {
                throw fail(dateCell, "date", "'\(dateCell.text)' is not a date: \(error.reason)")
            }
            var value: Decimal?
            if let valueCell = cell(cells, columns.value), !valueCell.text.trimmedCell.isEmpty {
                value = try number(valueCell)
            }
            var dimensions: [String: String] = [:]
            for (name, index) in columns.dimensions {
                guard let dimensionCell = cell(cells, index) else { continue }
                let text = dimensionCell.value
                guard !text.isEmpty else { continue }
                guard outcome.dims.contains(name) else {
                    throw fail(dimensionCell, name, "outcome '\(id)' declares no dimension '\(name)'"
                        + (outcome.dims.isEmpty ? "" : "; it declares \(outcome.dims.joined(separator: ", "))"))
                }
                dimensions[name] = text
            }
            func optional(_ index: Int?) -> String? {
                guard let text = cell(cells, index)?.value, !text.isEmpty else { return nil }
                return text
            }
            let identity = Builder.identity(id, date, dimensions)
            if let earlier = rows[identity] {
                throw InterchangeError(
                    "this row repeats line \(earlier): the same outcome, date and dimensions; one record each", line: line, column: 1)
            }
            rows[identity] = line
            if held[id] == nil {
                held[id] = Dictionary(
                    portfolio.measurements(of: id).map { (Builder.identity(id, $0.date, $0.dimensions), $0) }, uniquingKeysWith: { first, _ in first })
            }
            let old = held[id]?[identity]
            // A column the file does not have leaves what the record holds as it is.
            let record = OutcomeRecord(
                id: old?.id ?? RecordID(), outcome: id, date: date, value: columns.value == nil ? old?.value : value,
                dimensions: dimensions, note: columns.note == nil ? old?.note : optional(columns.note),
                source: columns.source == nil ? old?.source : optional(columns.source))
            guard let old else {
                plan.add(.record(record), at: line)
                return
            }
            if old == record {
                plan.unchanged += 1
            } else if replace {
                plan.add(.unrecord(old), at: line)
                plan.add(.record(record), at: line)
            } else {
                conflicts.append(("\(id) on \(date)" + (dimensions.isEmpty ? "" : " (\(identity.split(separator: "|").last ?? ""))"), line))
            }
        }

        /// A number as written in the cell: `12`, `12.5`, `-3`, `45%`.
        func number(_ cell: CSVReader.Cell) throws(InterchangeError) -> Decimal {
            guard let number = cell.decimal else {
                let comma = cell.value.replacingOccurrences(of: ",", with: ".")
                let hint = cell.value.contains(",") && Money.decimal(comma) != nil ? "; write \(comma), with a point" : ""
                throw fail(cell, "value", "'\(cell.text)' is not a number\(hint)")
            }
            return number
        }

        func finish() throws(InterchangeError) -> ImportPlan {
            if let error = ImportPlan.conflictError(
                conflicts, one: "record exists", many: "records exist", difference: "with a different value, note or source")
            {
                throw error
            }
            return plan
        }
    }
}
