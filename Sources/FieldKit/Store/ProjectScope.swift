/// Which projects a question can be about, as far as a store's indexes can tell: a
/// superset of the answer, never less.
///
/// A store that has not loaded its portfolio yet uses a scope to read only the projects
/// that may matter (see ``PortfolioReader/portfolio(covering:detail:)``); the question is then
/// answered exactly as on the whole portfolio, by the same code, over fewer projects.
public indirect enum ProjectScope: Hashable, Sendable {
    /// Every project.
    case all
    /// Projects with one of these statuses.
    case status([ProjectStatus])
    /// Projects working in this region or anywhere under it (``Portfolio/projects(under:)``).
    case under(RegionID)
    /// Projects linked to this partner, in this role when one is given.
    case linked(PartnerID, role: Role?)
    /// The project with this id (compared as ids are: case-insensitively).
    case project(ProjectID)
    /// Projects in every one of these scopes.
    case allOf([ProjectScope])
    /// Projects in any one of these scopes.
    case anyOf([ProjectScope])

    /// No project: the scope of a question that reads none, such as `history take 5`.
    package static let none: ProjectScope = .anyOf([])

    /// Whether the scope may leave projects out; `all` and combinations that amount to it do not.
    package var narrows: Bool {
        switch self {
        case .all: false
        case .status, .under, .linked, .project: true
        case .allOf(let parts): parts.contains { $0.narrows }
        case .anyOf(let parts): parts.allSatisfy { $0.narrows }  // none of them, when empty
        }
    }

    /// Whether `project` lies in the scope, judged on `portfolio`.
    ///
    /// A portfolio read for a scope may hold more projects than the scope names; this
    /// tells the ones it does name from the rest.
    ///
    /// - Parameters:
    ///   - project: the project to judge.
    ///   - portfolio: the portfolio whose regions and links the scope is judged on.
    /// - Returns: whether the project is in the scope.
    public func contains(_ project: Project, in portfolio: Portfolio) -> Bool {
        switch self {
        case .all: true
        case .status(let statuses): statuses.contains(project.status)
        case .under(let region): portfolio.projects(under: region).contains(project.id)
        case .linked(let partner, let role):
            portfolio.participations(of: project.id).contains { $0.partner == partner && (role == nil || $0.role == role) }
        case .project(let id): project.id == id
        case .allOf(let parts): parts.allSatisfy { $0.contains(project, in: portfolio) }
        case .anyOf(let parts): parts.contains { $0.contains(project, in: portfolio) }
        }
    }
}

/// What a question needs of each project beyond its own row and regions: its links, its
/// outcomes with their records, its notes, its other lists. A store reading a
/// ``ProjectScope`` may leave out the rest.
public struct ProjectDetail: OptionSet, Hashable, Sendable {
    /// The option bits.
    public let rawValue: Int
    /// Creates a set from its bits.
    ///
    /// - Parameter rawValue: the bits: 1 links, 2 outcomes, 4 notes, 8 lists.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Links to partners (funders, implementers, partners), and the partners themselves.
    public static let links = ProjectDetail(rawValue: 1)
    /// Outcomes and their records (outcome counts, progress).
    public static let outcomes = ProjectDetail(rawValue: 2)
    /// Notes (text search).
    public static let notes = ProjectDetail(rawValue: 4)
    /// The sectors, target groups and tags of each project (its regions always come).
    public static let lists = ProjectDetail(rawValue: 8)
    /// Everything.
    public static let all: ProjectDetail = [.links, .outcomes, .notes, .lists]
}
