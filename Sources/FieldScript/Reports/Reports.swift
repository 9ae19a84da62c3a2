import FieldKit
import Foundation

/// The reports: `show`, `progress`, `timeline`, `tree`, `funding` and `history`.
struct Reports {
    let context: QueryContext
    let evaluator: Evaluator
    var portfolio: Portfolio { context.portfolio }

    /// Keeps the rows that match a report's `where`, as a query's `where` stage does.
    private func filter(_ rows: RowSet, _ condition: Condition) throws(Diagnostic) -> RowSet {
        try QueryEngine(context: context, evaluator: evaluator, directory: URL(fileURLWithPath: ".")).filter(rows, condition)
    }

    // MARK: progress

    func progress(project: Expression?, condition: Condition?) throws(Diagnostic) -> Output {
        var outcomes = Sources.outcomes(context)
        if let project {
            // A project's outcomes, or one outcome when the id names one (`progress TIP-2007/trained`).
            if try evaluator.text(project).utf8.contains(UInt8(ascii: "/")) {
                outcomes.rows = context.rows(ofOutcomes: [try evaluator.outcome(project).id])
            } else {
                outcomes.rows = context.rows(ofOutcomes: portfolio.outcomes(of: try evaluator.project(project).id).map(\.id))
            }
        }
        if let condition {
            outcomes = try filter(outcomes, condition)
        }
        return .table(outcomes.table(columns: [.field(.id), .field(.title), .field(.current), .field(.target), .field(.unit), .field(.progress), .field(.expected), .field(.status), .field(.lastRecorded)]))
    }

    // MARK: timeline

    func timeline(condition: Condition?) throws(Diagnostic) -> Output {
        var projects = Sources.projects(context)
        if let condition {
            projects = try filter(projects, condition)
        }
        let spans: [(row: Int, start: Day, end: Day)] = projects.rows.compactMap { row in
            guard case .day(let start) = projects.value(row, .start) else { return nil }
            let end: Day
            if case .day(let planned) = projects.value(row, .end) { end = planned } else { end = context.day }
            return (row, start, end)
        }
        guard let firstDay = spans.map({ $0.start.firstDay }).min(), let lastDay = spans.map({ $0.end.lastDay }).max() else {
            return .table(projects.table(columns: [.field(.id), .field(.start), .field(.end), .field(.status)]))
        }
        let (first, last) = (firstDay.ordinal, lastDay.ordinal)
        let width = 40
        let span = max(1, last - first + 1)
        func column(_ ordinal: Int) -> Int { min(width - 1, max(0, (ordinal - first) * width / span)) }
        let today = context.day.ordinal
        let rows: [[Value]] = spans.sorted { $0.start < $1.start }.map { item in
            var bar = Array(repeating: Character("·"), count: width)
            for index in column(item.start.firstDay.ordinal)...column(item.end.lastDay.ordinal) { bar[index] = "█" }
            if (first...last).contains(today) { bar[column(today)] = bar[column(today)] == "█" ? "▓" : "│" }
            return [projects.value(item.row, .id), .day(item.start), .day(item.end), projects.value(item.row, .status), .text(String(bar))]
        }
        let header = "\(firstDay) … \(lastDay)"
        return .table(Table(
            columns: [Column(.id), Column(.start), Column(.end), Column(.status), Column(header)], rows: rows))
    }

    // MARK: tree

    func tree(region: Expression?) throws(Diagnostic) -> Output {
        var rows: [[Value]] = []
        func walk(_ id: RegionID, prefix: String, isLast: Bool, isRoot: Bool, member: Bool, depth: Int) {
            guard let region = portfolio.regions[id], depth < 32 else { return }
            let branch = isRoot ? "" : prefix + (isLast ? "└─ " : "├─ ")
            let label = "\(branch)\(region.name) (\(region.id))" + (member ? " ◇" : "")
            rows.append([.text(label), .text(region.level.rawValue), .number(Decimal(portfolio.projects(under: id).count))])
            let childPrefix = isRoot ? "" : prefix + (isLast ? "   " : "│  ")
            let children = portfolio.children(of: id).map { ($0, false) } + (region.level == .area ? region.includes.map { ($0, true) } : [])
            for (index, (child, isMember)) in children.enumerated() {
                walk(child, prefix: childPrefix, isLast: index == children.count - 1, isRoot: false, member: isMember, depth: depth + 1)
            }
        }
        if let region {
            let root = try evaluator.region(region)
            walk(root.id, prefix: "", isLast: true, isRoot: true, member: false, depth: 0)
        } else {
            let roots = portfolio.regions.values.filter { $0.parent == nil }.sorted { ($0.level == .area ? 1 : 0, $0.id) < ($1.level == .area ? 1 : 0, $1.id) }
            for root in roots { walk(root.id, prefix: "", isLast: true, isRoot: true, member: false, depth: 0) }
        }
        return .table(Table(columns: [Column("region"), Column(.level), Column(.projects, numeric: true)], rows: rows))
    }

    // MARK: funding

    func funding(condition: Condition?) throws(Diagnostic) -> Output {
        var projects = Sources.projects(context)
        if let condition {
            projects = try filter(projects, condition)
        }
        let included = Set(projects.rows.map { ProjectID(projects.value($0, .id).text) })
        struct Key: Hashable { var funder: PartnerID; var currency: String? }
        var totals: [Key: Decimal] = [:]
        var counted: [Key: Set<ProjectID>] = [:]
        for project in included {
            for link in portfolio.participations(of: project) where link.role == .funder {
                let key = Key(funder: link.partner, currency: link.amount?.currency)
                totals[key, default: 0] += link.amount?.amount ?? 0
                counted[key, default: []].insert(project)
            }
        }
        let rows: [[Value]] = totals.keys.sorted { ($0.funder, $0.currency ?? "") < ($1.funder, $1.currency ?? "") }.map { key in
            let name = portfolio.partners[key.funder]?.name ?? key.funder.rawValue
            let amount: Value = key.currency.flatMap { try? Money(amount: totals[key] ?? 0, currency: $0) }.map { .money($0) } ?? .null
            return [.text(key.funder.rawValue), .text(name), amount, .number(Decimal(counted[key]?.count ?? 0))]
        }
        return .table(Table(
            columns: [Column("funder"), Column(.name), Column(.amount, numeric: true), Column(.projects, numeric: true)],
            rows: rows))
    }

    // MARK: history

    func history(kind: Located<EntityKind>?, id: Expression?, take: Expression?) throws(Diagnostic) -> Output {
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
            entries = try context.journal(count.map { .last($0) } ?? .all)
        }
        if let count { entries = Array(entries.suffix(count)) }
        let rows: [[Value]] = entries.map { entry in
            [.number(Decimal(entry.sequence)), .time(entry.time), .text(entry.actor), .text(entry.origin), .text(entry.statement)]
        }
        return .table(Table(
            columns: [Column(.seq, numeric: true), Column(.time), Column(.actor), Column(.origin), Column(.statement)],
            rows: rows))
    }

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
