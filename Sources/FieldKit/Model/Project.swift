import Foundation

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
    public var regions: [RegionID] {
        // A share belongs to a region the project works in: one the project leaves goes with it.
        didSet { if !regionShares.isEmpty { regionShares = regionShares.filter { regions.contains($0.key) } } }
    }
    /// The percentage of the project each of its regions has, where a file gave one (IATI's
    /// `recipient-country/@percentage`): from 0 to 100, for regions in ``regions`` only.
    public var regionShares: [RegionID: Decimal]
    /// The language ``title`` and ``summary`` are written in, an ISO 639 code such as `en`;
    /// nil when not said.
    public var language: String?
    /// The title and summary in other languages, kept as an IATI file gave them.
    public var translations: [Translation]

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
    ///   - regionShares: the percentage of the project each region has, 0 to 100, for regions in `regions`.
    ///   - language: the language of the title and summary, an ISO 639 code such as `en`.
    ///   - translations: the title and summary in other languages.
    public init(
        id: ProjectID, title: String? = nil, summary: String? = nil, status: ProjectStatus = .pipeline,
        start: Day? = nil, end: Day? = nil, actualStart: Day? = nil, actualEnd: Day? = nil,
        budget: Money? = nil, sectors: [String] = [], targetGroups: [String] = [], tags: [String] = [],
        regions: [RegionID] = [], regionShares: [RegionID: Decimal] = [:], language: String? = nil,
        translations: [Translation] = []
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
        self.regionShares = regionShares
        self.language = language
        self.translations = translations
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, summary, status, start, end, actualStart, actualEnd, budget, sectors, targetGroups, tags,
            regions, regionShares, language, translations
    }

    /// Encodes the project by its Swift names, leaving out `regionShares` and `translations`
    /// when there are none, as journals written before they existed have it.
    ///
    /// - Parameter encoder: receives the project's fields.
    /// - Throws: what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(summary, forKey: .summary)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(start, forKey: .start)
        try container.encodeIfPresent(end, forKey: .end)
        try container.encodeIfPresent(actualStart, forKey: .actualStart)
        try container.encodeIfPresent(actualEnd, forKey: .actualEnd)
        try container.encodeIfPresent(budget, forKey: .budget)
        try container.encode(sectors, forKey: .sectors)
        try container.encode(targetGroups, forKey: .targetGroups)
        try container.encode(tags, forKey: .tags)
        try container.encode(regions, forKey: .regions)
        if !regionShares.isEmpty {
            try container.encode(
                Dictionary(uniqueKeysWithValues: regionShares.map { ($0.key.rawValue, $0.value) }), forKey: .regionShares)
        }
        try container.encodeIfPresent(language, forKey: .language)
        if !translations.isEmpty { try container.encode(translations, forKey: .translations) }
    }

    /// Decodes a project; `regionShares`, `language` and `translations`, which journals
    /// written before they existed leave out, default to none.
    ///
    /// - Parameter decoder: holds the project's fields by their Swift names.
    /// - Throws: `DecodingError` when a field is missing or of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(ProjectID.self, forKey: .id),
            title: try container.decode(String.self, forKey: .title),
            summary: try container.decodeIfPresent(String.self, forKey: .summary),
            status: try container.decode(ProjectStatus.self, forKey: .status),
            start: try container.decodeIfPresent(Day.self, forKey: .start),
            end: try container.decodeIfPresent(Day.self, forKey: .end),
            actualStart: try container.decodeIfPresent(Day.self, forKey: .actualStart),
            actualEnd: try container.decodeIfPresent(Day.self, forKey: .actualEnd),
            budget: try container.decodeIfPresent(Money.self, forKey: .budget),
            sectors: try container.decode([String].self, forKey: .sectors),
            targetGroups: try container.decode([String].self, forKey: .targetGroups),
            tags: try container.decode([String].self, forKey: .tags),
            regions: try container.decode([RegionID].self, forKey: .regions),
            regionShares: Dictionary(
                (try container.decodeIfPresent([String: Decimal].self, forKey: .regionShares) ?? [:]).map { (RegionID($0.key), $0.value) },
                uniquingKeysWith: { first, _ in first }),
            language: try container.decodeIfPresent(String.self, forKey: .language),
            translations: try container.decodeIfPresent([Translation].self, forKey: .translations) ?? [])
    }
}
