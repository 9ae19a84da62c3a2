import FieldKit
import Foundation

extension Reports {
    /// `funding [where …] [by project]`.
    ///
    /// Without `by project`: a row per funder and currency, with the total of its links,
    /// how many projects they fund, and the breakdown by project (drawn a project per line).
    /// With it: a row per project and currency, its budget against the funding linked to
    /// it, what share that covers and the gap left. Amounts in different currencies are
    /// never added: each currency is a row of its own.
    func funding(condition: Condition?, byProject: Bool) throws(Diagnostic) -> RowSet {
        var projects = Sources.projects(context)
        if let condition { projects = try filter(projects, condition) }
        projects.ordered()
        let included = projects.rows.map { ProjectID(projects.value($0, .id).text) }
        return byProject ? fundingByProject(included) : fundingByFunder(included)
    }

    /// The columns of `funding`: a row per funder and currency.
    static let fundingColumns = [
        ReportColumn("funder"), ReportColumn(.name, drop: 2), ReportColumn(.currency, drawing: .hidden),
        ReportColumn(.amount, .money), ReportColumn(.projects, .number), ReportColumn("breakdown", drawing: .lines, drop: 1),
    ]

    /// The columns of `funding by project`: a row per project and currency.
    static let fundingByProjectColumns = [
        ReportColumn(.project), ReportColumn(.title, drop: 2), ReportColumn(.currency, drawing: .hidden),
        ReportColumn(.budget, .money), ReportColumn("funded", .money), ReportColumn("covered", .fraction, drawing: .bar(mark: nil)),
        ReportColumn(.gap, .money), ReportColumn(.funders, drop: 1),
    ]

    private static func money(_ amount: Decimal, _ currency: String?) -> Value {
        currency.flatMap { try? Money(amount: amount, currency: $0) }.map { .money($0) } ?? .null
    }

    private func fundingByFunder(_ included: [ProjectID]) -> RowSet {
        struct Key: Hashable { var funder: PartnerID; var currency: String? }
        var totals: [Key: Decimal] = [:]
        var shares: [Key: [(ProjectID, Decimal)]] = [:]
        for project in included {
            for link in portfolio.participations(of: project) where link.role == .funder {
                let key = Key(funder: link.partner, currency: link.amount?.currency)
                totals[key, default: 0] += link.amount?.amount ?? 0
                shares[key, default: []].append((project, link.amount?.amount ?? 0))
            }
        }
        let rows: [[Value]] = totals.keys.sorted { ($0.funder, $0.currency ?? "") < ($1.funder, $1.currency ?? "") }.map { key in
            let name = portfolio.partners[key.funder]?.name ?? key.funder.rawValue
            let breakdown = (shares[key] ?? []).sorted { ($1.1, $0.0) < ($0.1, $1.0) }.map { project, amount in
                Value.list([.text(project.rawValue), Reports.money(amount, key.currency)])
            }
            return [
                .text(key.funder.rawValue), .text(name), Sources.optional(key.currency), Reports.money(totals[key] ?? 0, key.currency),
                .number(Decimal(shares[key]?.count ?? 0)), .list(breakdown),
            ]
        }
        return RowSet.report(Reports.fundingColumns, rows: rows)
    }

    private func fundingByProject(_ included: [ProjectID]) -> RowSet {
        var rows: [[Value]] = []
        for id in included {
            guard let project = portfolio.projects[id] else { continue }
            let funders = portfolio.participations(of: id).filter { $0.role == .funder }
            var funded: [String: Decimal] = [:]
            var fundersByCurrency: [String: [String]] = [:]
            for link in funders {
                guard let amount = link.amount else { continue }
                funded[amount.currency, default: 0] += amount.amount
                if !(fundersByCurrency[amount.currency] ?? []).contains(link.partner.rawValue) {
                    fundersByCurrency[amount.currency, default: []].append(link.partner.rawValue)
                }
            }
            var currencies = funded.keys.sorted()
            if let budget = project.budget {
                currencies.removeAll { $0 == budget.currency }
                currencies.insert(budget.currency, at: 0)
            }
            if currencies.isEmpty {
                // Neither a budget nor an amount: the project is listed, with its funders, and nothing to compare.
                rows.append([
                    .text(id.rawValue), .text(project.title), .null, .null, .null, .null, .null,
                    Sources.list(funders.map(\.partner.rawValue)),
                ])
                continue
            }
            for currency in currencies {
                let budget = project.budget?.currency == currency ? project.budget?.amount : nil
                let got = funded[currency] ?? 0
                var covered: Value = .null
                var gap: Value = .null
                if let budget {
                    gap = Reports.money(budget - got, currency)
                    if budget > 0 { covered = .fraction(NSDecimalNumber(decimal: got).doubleValue / NSDecimalNumber(decimal: budget).doubleValue) }
                }
                rows.append([
                    .text(id.rawValue), .text(project.title), .text(currency), budget.map { Reports.money($0, currency) } ?? .null,
                    Reports.money(got, currency), covered, gap, Sources.list(fundersByCurrency[currency] ?? []),
                ])
            }
        }
        return RowSet.report(Reports.fundingByProjectColumns, rows: rows)
    }
}
