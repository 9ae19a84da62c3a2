import FieldKit
import Foundation

extension Reports {
    /// `tree [<region>]`: the hierarchy, countries first and areas after them, each region
    /// with the projects directly in it, the projects under it (rolled up) and how many of
    /// those are active. An area lists its members, across borders, under their own names;
    /// their subdivisions stay under their countries. Rows carry `depth` and `parent`.
    func tree(region: Expression?) throws(Diagnostic) -> RowSet {
        var rows: [[Value]] = []
        func walk(_ id: RegionID, parent: RegionID?, depth: Int, expand: Bool) {
            guard let region = portfolio.regions[id], depth < 32 else { return }
            let under = portfolio.projects(under: id)
            let active = under.filter { portfolio.projects[$0]?.status == .active }.count
            rows.append([
                .text(region.name), .text(region.id.rawValue), .text(region.level.rawValue),
                .number(Decimal(portfolio.projects(in: id).count)), .number(Decimal(under.count)), .number(Decimal(active)),
                .number(Decimal(depth)), Sources.optional(parent?.rawValue),
            ])
            guard expand else { return }
            for child in portfolio.children(of: id) { walk(child, parent: id, depth: depth + 1, expand: true) }
            if region.level == .area {
                for member in region.includes { walk(member, parent: id, depth: depth + 1, expand: false) }
            }
        }
        if let region {
            walk(try evaluator.region(region).id, parent: nil, depth: 0, expand: true)
        } else {
            let roots = portfolio.regions.values.filter { $0.parent == nil }.sorted {
                ($0.level == .area ? 1 : 0, $0.id) < ($1.level == .area ? 1 : 0, $1.id)
            }
            for root in roots { walk(root.id, parent: nil, depth: 0, expand: true) }
        }
        return RowSet.report(Reports.treeColumns, rows: rows)
    }

    /// The columns of `tree`: `depth` and `parent` for programs, tree lines for people.
    static let treeColumns = [
        ReportColumn("region", drawing: .tree(depth: "depth")), ReportColumn(.id), ReportColumn(.level, drop: 1, words: Grammar.words(RegionLevel.self)),
        ReportColumn("direct", .number), ReportColumn(.projects, .number), ReportColumn("active", .number),
        ReportColumn("depth", .number, drawing: .hidden), ReportColumn(.parent, drawing: .hidden),
    ]
}
