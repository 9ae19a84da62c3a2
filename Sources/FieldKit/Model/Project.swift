/// A development project: what it is, when it runs, where it works and what it costs.
///
/// Partners, outcomes and notes refer to a project by its id and live beside it in the
/// ``Portfolio``; ``Portfolio/participations(of:)``, ``Portfolio/outcomes(of:)`` and
/// ``Portfolio/notes(of:)`` gather them.
public struct Project: Hashable, Sendable, Codable {
    /// The user's code, such as `TIP-2007`.
    public var id: ProjectID
    /// The title.
    public var title: String
    /// A paragraph on what the project does.
    public var summary: String?
    /// Where the project stands; IATI activity status.
    public var status: ProjectStatus
    /// The planned start.
    public var start: Day?
    /// The planned end.
    public var end: Day?
    /// The actual start, once known.
    public var actualStart: Day?
    /// The actual end, once known.
    public var actualEnd: Day?
    /// The total budget.
    public var budget: Money?
    /// DAC 5-digit purpose codes or the office's own words.
    public var sectors: [String]
    /// The people the project works for: `students`, `young people`.
    public var targetGroups: [String]
    /// Free labels.
    public var tags: [String]
    /// Where the project works.
    public var regions: [RegionID]

    /// Creates a project; only the id is required, the title defaults to the id.
    ///
    /// - Parameters:
    ///   - id: the user's code, such as `TIP-2007`.
    ///   - title: the title; nil for the id as written.
    ///   - summary: a paragraph on what the project does.
    ///   - status: where the project stands; a new project is in the pipeline.
    ///   - start: the planned start.
    ///   - end: the planned end, not before the start.
    ///   - actualStart: the actual start, once known.
    ///   - actualEnd: the actual end, once known, not before the actual start.
    ///   - budget: the total budget.
    ///   - sectors: DAC 5-digit purpose codes or the office's own words.
    ///   - targetGroups: the people the project works for: `students`, `young people`.
    ///   - tags: free labels.
    ///   - regions: where the project works; each must exist when the project is added.
    public init(
        id: ProjectID, title: String? = nil, summary: String? = nil, status: ProjectStatus = .pipeline,
        start: Day? = nil, end: Day? = nil, actualStart: Day? = nil, actualEnd: Day? = nil,
        budget: Money? = nil, sectors: [String] = [], targetGroups: [String] = [], tags: [String] = [],
        regions: [RegionID] = []
    ) {
        self.id = id
        self.title = title ?? id.rawValue
        self.summary = summary
        self.status = status
        self.start = start
        self.end = end
        self.actualStart = actualStart
        self.actualEnd = actualEnd
        self.budget = budget
        self.sectors = sectors
        self.targetGroups = targetGroups
        self.tags = tags
        self.regions = regions
    }
}
