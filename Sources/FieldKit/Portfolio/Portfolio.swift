/// All projects, partners, regions and outcomes of an office, with the indexes that
/// answer questions about them quickly and the invariants that keep them consistent.
///
/// A portfolio is a value. ``apply(_:)`` is the only way to change one: it checks a
/// ``Change`` against every invariant and either applies it whole or throws a
/// ``ChangeError`` and leaves the portfolio exactly as it was.
public struct Portfolio: Sendable, Equatable {
    /// Projects by id.
    public internal(set) var projects: [ProjectID: Project] = [:]
    /// Partners by id.
    public internal(set) var partners: [PartnerID: Partner] = [:]
    /// Regions by id.
    public internal(set) var regions: [RegionID: Region] = [:]
    /// Outcomes by id.
    public internal(set) var outcomes: [OutcomeID: Outcome] = [:]
    /// When outcomes count as on track or at risk.
    public internal(set) var thresholds: ProgressThresholds = .standard

    var participationsByProject: [ProjectID: [Participation]] = [:]
    var projectsByPartner: [PartnerID: Set<ProjectID>] = [:]
    var outcomesByProject: [ProjectID: Set<OutcomeID>] = [:]
    /// Each outcome's measurements, ordered by date and then by id (the order they were made).
    var measurementsByOutcome: [OutcomeID: [OutcomeRecord]] = [:]
    /// Each project's notes, ordered by date and then by id.
    var notesByProject: [ProjectID: [Note]] = [:]
    /// The id of every measurement, so that no two share one, whatever their outcomes.
    var measurementIDs: Set<RecordID> = []
    /// The id of every note, so that no two share one, whatever their projects.
    var noteIDs: Set<RecordID> = []

    // The region graph, pointing down: a region to its children, an area to its members.
    var childrenByRegion: [RegionID: Set<RegionID>] = [:]
    var areasByMember: [RegionID: Set<RegionID>] = [:]
    var projectsByRegion: [RegionID: Set<ProjectID>] = [:]
    var outcomesByRegion: [RegionID: Set<OutcomeID>] = [:]

    /// How many partner links there are.
    public internal(set) var participationCount = 0
    /// How many measurements there are.
    public internal(set) var measurementCount = 0
    /// How many notes there are.
    public internal(set) var noteCount = 0

    /// Identifies this state: every successful change draws a new random revision, so two
    /// portfolios with the same revision hold the same contents. Caches key on it.
    public internal(set) var revision: UInt64 = 0

    /// An empty portfolio.
    public init() {}

    /// Two portfolios are equal when they hold the same things; the revision is not compared.
    ///
    /// - Parameters:
    ///   - lhs: a portfolio.
    ///   - rhs: another.
    /// - Returns: whether both hold the same entities, links, records and notes.
    public static func == (lhs: Portfolio, rhs: Portfolio) -> Bool {
        lhs.projects == rhs.projects && lhs.partners == rhs.partners && lhs.regions == rhs.regions
            && lhs.outcomes == rhs.outcomes && lhs.participationsByProject == rhs.participationsByProject
            && lhs.measurementsByOutcome == rhs.measurementsByOutcome && lhs.notesByProject == rhs.notesByProject
            && lhs.thresholds == rhs.thresholds
    }

    /// A portfolio built by applying `changes` in order; throws at the first that fails.
    ///
    /// - Parameter changes: the changes, oldest first, as a journal replays them.
    /// - Throws: `ChangeError` for the first change that breaks an invariant.
    public init<S: Sequence>(applying changes: S) throws(ChangeError) where S.Element == Change {
        for change in changes { try apply(change) }
    }

    /// Whether the portfolio holds nothing.
    public var isEmpty: Bool { projects.isEmpty && partners.isEmpty && regions.isEmpty && thresholds == .standard }

    /// The links of one project, by role (funder, lead, extending, implementer, counterpart)
    /// and then by partner.
    ///
    /// - Parameter project: the project.
    /// - Returns: its links; empty for a project that has none or is not there.
    public func participations(of project: ProjectID) -> [Participation] {
        participationsByProject[project] ?? []
    }

    /// The links of one partner, by project.
    ///
    /// - Parameter partner: the partner.
    /// - Returns: its links, by project; empty when it has none.
    public func participations(ofPartner partner: PartnerID) -> [Participation] {
        (projectsByPartner[partner] ?? []).sorted().flatMap { project in
            participations(of: project).filter { $0.partner == partner }
        }
    }

    /// Every link, by project, then role and partner.
    public var allParticipations: [Participation] {
        participationsByProject.keys.sorted().flatMap { participations(of: $0) }
    }

    /// The outcomes of one project, by id.
    ///
    /// - Parameter project: the project.
    /// - Returns: its outcomes; empty when it has none.
    public func outcomes(of project: ProjectID) -> [Outcome] {
        (outcomesByProject[project] ?? []).sorted().compactMap { outcomes[$0] }
    }

    /// The measurements of one outcome, by date and then in the order made.
    ///
    /// - Parameter outcome: the outcome.
    /// - Returns: its records; empty when it has none.
    public func measurements(of outcome: OutcomeID) -> [OutcomeRecord] {
        measurementsByOutcome[outcome] ?? []
    }

    /// Every measurement, by outcome and date.
    public var allMeasurements: [OutcomeRecord] {
        measurementsByOutcome.keys.sorted().flatMap { measurements(of: $0) }
    }

    /// The notes of one project, by date.
    ///
    /// - Parameter project: the project.
    /// - Returns: its notes; empty when it has none.
    public func notes(of project: ProjectID) -> [Note] { notesByProject[project] ?? [] }

    /// Every note, by project and date.
    public var allNotes: [Note] { notesByProject.keys.sorted().flatMap { notes(of: $0) } }

    /// The projects a partner takes part in, by id.
    ///
    /// - Parameter partner: the partner.
    /// - Returns: the ids of the projects it is linked to, in any role.
    public func projects(of partner: PartnerID) -> [ProjectID] { (projectsByPartner[partner] ?? []).sorted() }

    /// The changes that build this portfolio from empty, in dependency order.
    ///
    /// Regions come parents first, then partners, projects, outcomes, links,
    /// measurements and notes; applying them to an empty portfolio gives an equal one.
    public var changesFromEmpty: [Change] {
        var changes: [Change] = []
        changes.reserveCapacity(regions.count + partners.count + projects.count + outcomes.count
            + participationCount + measurementCount + noteCount)
        changes += regionsInDependencyOrder.map { .addRegion($0) }
        changes += partners.keys.sorted().compactMap { partners[$0] }.map { .addPartner($0) }
        changes += projects.keys.sorted().compactMap { projects[$0] }.map { .addProject($0) }
        changes += outcomes.keys.sorted().compactMap { outcomes[$0] }.map { .addOutcome($0) }
        changes += allParticipations.map { .link($0) }
        changes += allMeasurements.map { .record($0) }
        changes += allNotes.map { .addNote($0) }
        if thresholds != .standard { changes.append(.setThresholds(old: .standard, new: thresholds)) }
        return changes
    }
}
