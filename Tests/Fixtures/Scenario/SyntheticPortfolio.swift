import FieldKit
import Foundation

/// A deterministic portfolio made to catch narrowed reads that leave something out: regions
/// three levels deep in two countries with an area across the border, ids in mixed case and
/// in Cyrillic, every status and role, outcomes with records, notes, and projects in
/// several regions at once.
public enum SyntheticPortfolio {
    /// Regions: countries, provinces, districts and the Fergana valley area.
    public static let regionIDs = ["KG", "KG-O", "KG-J", "TJ", "TJ-SU", "osh-d1", "Жалал-Абад-d1", "tj-d1", "Fergana-Valley"]
    /// Partners, in the spellings stored.
    public static let partnerIDs = ["Golden-Goal", "osce", "ФОНД-1", "gov-kg", "Unused-Partner"]

    /// The changes that build it, in order.
    public static func changes(projects count: Int = 48) throws -> [Change] {
        var changes: [Change] = [
            .addRegion(Region(id: "KG", name: "Kyrgyzstan", level: .country)),
            .addRegion(Region(id: "KG-O", name: "Osh", level: .province, parent: "KG")),
            .addRegion(Region(id: "KG-J", name: "Jalal-Abad", level: .province, parent: "KG")),
            .addRegion(Region(id: "TJ", name: "Tajikistan", level: .country)),
            .addRegion(Region(id: "TJ-SU", name: "Sughd", level: .province, parent: "TJ")),
            .addRegion(Region(id: "osh-d1", name: "Osh district", level: .district, parent: "KG-O")),
            .addRegion(Region(id: "Жалал-Абад-d1", name: "Жалал-Абад", level: .district, parent: "KG-J")),
            .addRegion(Region(id: "tj-d1", name: "Khujand", level: .district, parent: "TJ-SU")),
            .addRegion(Region(id: "Fergana-Valley", name: "Fergana valley", level: .area, includes: ["KG-O", "tj-d1"])),
        ]
        for (index, id) in partnerIDs.enumerated() {
            changes.append(.addPartner(Partner(id: PartnerID(id), name: "Partner \(index)", kind: .nationalNGO, country: "KG")))
        }
        let places: [[RegionID]] = [
            ["osh-d1"], ["Жалал-Абад-d1"], ["tj-d1"], ["KG-O", "TJ-SU"], ["KG"], ["Fergana-Valley"], [], ["KG-J", "tj-d1"],
        ]
        let roles: [Role] = [.funder, .implementer, .lead, .counterpart, .extending]
        for index in 0..<count {
            // Mixed spellings: queries name them in another case, and one is Cyrillic.
            let id = ProjectID(index % 7 == 3 ? "Проект-\(index)" : index % 2 == 0 ? "P-\(index)" : "p-Mixed-\(index)")
            let status = ProjectStatus.allCases[index % ProjectStatus.allCases.count]
            let year = 2004 + index % 6
            changes.append(.addProject(Project(
                id: id, title: "Project \(index)", summary: index % 5 == 0 ? "trafficking prevention" : nil, status: status,
                start: try Day(year: year, month: 1 + index % 12, day: 1 + index % 28),
                end: index % 9 == 0 ? nil : try Day(year: year + 2, month: 1 + index % 12),
                budget: index % 4 == 0 ? nil : try Money(amount: Decimal(10_000 * (index + 1)), currency: index % 3 == 0 ? "USD" : "EUR"),
                sectors: index % 2 == 0 ? ["15190"] : [], tags: index % 3 == 0 ? ["youth"] : [],
                regions: places[index % places.count])))
            for offset in 0..<(index % 3) {
                let partner = PartnerID(partnerIDs[(index + offset) % 4])
                changes.append(.link(Participation(project: id, partner: partner, role: roles[(index + offset) % roles.count])))
            }
            for key in 0..<(index % 3) {
                let outcome = OutcomeID(project: id, key: "o\(key)")
                changes.append(.addOutcome(Outcome(
                    id: outcome, title: "Outcome \(key) of \(index)", baseline: 0, target: Decimal(10 + index % 7),
                    due: try Day(year: year + 2, month: 6))))
                for step in 0..<(1 + (index + key) % 4) {
                    changes.append(.record(OutcomeRecord(
                        id: RecordID("r-\(index)-\(key)-\(step)"), outcome: outcome, date: try Day(year: year + 1, month: 1 + step, day: 15),
                        value: Decimal((index + step) % 5))))
                }
            }
            if index % 4 == 1 {
                changes.append(.addNote(Note(
                    id: RecordID("n-\(index)"), project: id, date: try Day(year: year, month: 6, day: 1), text: "met the border guards")))
            }
        }
        return changes
    }

    /// The portfolio itself.
    public static func portfolio(projects count: Int = 48) throws -> Portfolio { try Portfolio(applying: changes(projects: count)) }
}

extension Portfolio {
    /// The least a store may answer ``PortfolioReader/portfolio(covering:detail:)`` with:
    /// every region, the projects in `scope`, of them only `detail`, partners with links.
    public func slice(_ scope: ProjectScope, detail: ProjectDetail) throws -> Portfolio {
        try slice(projects: Set(projects.values.filter { scope.contains($0, in: self) }.map(\.id)), detail: detail)
    }

    /// Every region, the projects named, of them only `detail`, and partners with links.
    public func slice(projects ids: Set<ProjectID>, detail: ProjectDetail) throws -> Portfolio {
        try Portfolio(
            regions: Array(regions.values), partners: detail.contains(.links) ? Array(partners.values) : [],
            projects: projects.values.filter { ids.contains($0.id) }.map { project in
                var project = project
                if !detail.contains(.lists) { (project.sectors, project.targetGroups, project.tags) = ([], [], []) }
                return project
            },
            outcomes: detail.contains(.outcomes) ? outcomes.values.filter { ids.contains($0.id.project) } : [],
            participations: detail.contains(.links) ? allParticipations.filter { ids.contains($0.project) } : [],
            measurements: detail.contains(.outcomes) ? allMeasurements.filter { ids.contains($0.outcome.project) } : [],
            notes: detail.contains(.notes) ? allNotes.filter { ids.contains($0.project) } : [])
    }
}
