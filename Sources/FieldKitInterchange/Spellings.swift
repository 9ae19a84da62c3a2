import FieldKit

/// The stored spelling of each id a file names. Ids compare case-insensitively
/// (`fraNce` is `france`), but a portfolio keeps every reference in the spelling of the
/// entity it names; an import writes them so, whatever case the file used.
struct Spellings {
    let portfolio: Portfolio
    private var regions: [RegionID: RegionID] = [:]
    private var partners: [PartnerID: PartnerID] = [:]
    private var projects: [ProjectID: ProjectID] = [:]

    init(_ portfolio: Portfolio) { self.portfolio = portfolio }

    /// An id the file defines, in the file's spelling unless the portfolio already has it.
    mutating func define(region id: RegionID) -> RegionID {
        let spelled = self.region(id)
        regions[id] = spelled
        return spelled
    }

    mutating func define(partner id: PartnerID) -> PartnerID {
        let spelled = self.partner(id)
        partners[id] = spelled
        return spelled
    }

    mutating func define(project id: ProjectID) -> ProjectID {
        let spelled = self.project(id)
        projects[id] = spelled
        return spelled
    }

    func region(_ id: RegionID) -> RegionID { portfolio.regions[id]?.id ?? regions[id] ?? id }
    func partner(_ id: PartnerID) -> PartnerID { portfolio.partners[id]?.id ?? partners[id] ?? id }
    func project(_ id: ProjectID) -> ProjectID { portfolio.projects[id]?.id ?? projects[id] ?? id }

    func outcome(_ id: OutcomeID) -> OutcomeID {
        portfolio.outcomes[id]?.id ?? OutcomeID(project: project(id.project), key: id.key.rawValue)
    }
}
