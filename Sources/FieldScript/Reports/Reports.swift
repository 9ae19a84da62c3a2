import FieldKit
import Foundation

/// The reports: `show`, `progress`, `timeline`, `tree`, `funding` and `history`.
struct Reports {
    let context: QueryContext
    let evaluator: Evaluator
    var portfolio: Portfolio { context.portfolio }

    /// The columns of a report's rows, by the word that starts it: what its stages can name.
    static func columnNames(of report: String, byProject: Bool = false, dimensions: [String] = []) -> [String] {
        let columns: [ReportColumn] = switch report {
        case "progress": progressColumns(dimension: nil)
        case "timeline": timelineColumns
        case "tree": treeColumns
        case "funding": byProject ? fundingByProjectColumns : fundingColumns
        case "history": historyColumns
        default: []
        }
        return columns.map(\.name) + (report == "progress" ? dimensions : [])
    }

    /// Keeps the rows that match a report's `where`, as a query's `where` stage does.
    func filter(_ rows: RowSet, _ condition: Condition) throws(Diagnostic) -> RowSet {
        try QueryEngine(context: context, evaluator: evaluator, directory: URL(fileURLWithPath: ".")).filter(rows, condition)
    }

    // MARK: history

    /// `history [[<kind>] <id>] [by <actor>] [since <date>] [until <date>] [take <n>]`: the
    /// journal's entries, oldest first, each with what its changes did field by field.
    /// `since` and `until` are days in UTC, as the journal keeps its times.
    func history(kind: Located<EntityKind>?, id: Expression?, filter: HistoryFilter, take: Expression?) throws(Diagnostic) -> RowSet {
        let count = try take.map { expression throws(Diagnostic) in try evaluator.count(expression) }
        var entries: [JournalEntry]
        if let id {
            let builder = ChangeBuilder(evaluator: evaluator)
            let subject: String
            if let target = try? builder.resolve(kind: kind, id: id) {
                subject = target.id.lowercased()
            } else {
                subject = try evaluator.text(id).lowercased()  // a removed entity still has history
            }
            // Follow renames: a project renamed from TIP-07 to TIP-2007 has the history of both
            // names. What is read holds every rename, so the names are all found in it; the
            // entries naming the older names are read again if there are any.
            var names: Set<String> = [subject]
            entries = try context.journal(.mentioning(names))
            var grew = true
            while grew {
                grew = false
                for entry in entries {
                    for change in entry.changes {
                        let pair = Reports.renames(change)
                        if pair.count == 2, pair.contains(where: names.contains), !pair.allSatisfy(names.contains) {
                            names.formUnion(pair)
                            grew = true
                        }
                    }
                }
            }
            if names.count > 1 { entries = try context.journal(.mentioning(names)) }
            entries = entries.filter { entry in
                entry.changes.contains { change in
                    let words = change.subject.lowercased().split(separator: " ").map(String.init)
                    return words.contains { word in names.contains(word) || names.contains { word.hasPrefix($0 + "/") } }
                }
            }
        } else {
            let filtered = filter.actor != nil || filter.since != nil || filter.until != nil
            entries = try context.journal(count.map { filtered ? .all : .last($0) } ?? .all)
        }
        if let actor = try filter.actor.map({ expression throws(Diagnostic) in try evaluator.text(expression).lowercased() }) {
            entries = entries.filter { $0.actor.lowercased() == actor }
        }
        if let since = try filter.since.map({ expression throws(Diagnostic) in try evaluator.day(expression) }) {
            let start = Date(timeIntervalSince1970: Double(since.firstDay.ordinal) * 86_400)
            entries = entries.filter { $0.time >= start }
        }
        if let until = try filter.until.map({ expression throws(Diagnostic) in try evaluator.day(expression) }) {
            let end = Date(timeIntervalSince1970: Double(until.lastDay.ordinal + 1) * 86_400)
            entries = entries.filter { $0.time < end }
        }
        if let count { entries = Array(entries.suffix(count)) }
        let rows: [[Value]] = entries.map { entry in
            [
                .number(Decimal(entry.sequence)), .time(entry.time), .text(entry.actor), .text(entry.origin), .text(entry.statement),
                .list(entry.changes.flatMap(FieldChange.of).map { .change($0) }),
                entry.undoes.map { .number(Decimal($0)) } ?? .null,
            ]
        }
        return RowSet.report(Reports.historyColumns, rows: rows)
    }

    /// The columns of `history`: each entry with what its changes did.
    static let historyColumns = [
        ReportColumn(.seq, .number), ReportColumn(.time, .day), ReportColumn(.actor), ReportColumn(.origin, drop: 1),
        ReportColumn(.statement, drop: 2), ReportColumn("changed", drawing: .lines), ReportColumn(.undoes, .number, drawing: .hidden),
    ]

    static func renames(_ change: Change) -> [String] {
        switch change {
        case .renameProject(let from, let to): [from.rawValue.lowercased(), to.rawValue.lowercased()]
        case .renamePartner(let from, let to): [from.rawValue.lowercased(), to.rawValue.lowercased()]
        case .renameRegion(let from, let to): [from.rawValue.lowercased(), to.rawValue.lowercased()]
        case .renameOutcome(let from, let to): [from.rawValue.lowercased(), to.rawValue.lowercased()]
        default: []
        }
    }
}
