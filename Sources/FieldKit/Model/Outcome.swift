import Foundation

/// A result a project must achieve, with the indicator that measures it.
public struct Outcome: Hashable, Sendable, Codable {
    /// `PROJECT/key`, such as `TIP-2007/groups`.
    public var id: OutcomeID
    /// The title.
    public var title: String
    /// Output, outcome or impact.
    public var level: OutcomeLevel
    /// What is counted: `groups`, `people`.
    public var unit: String?
    /// How records combine into the current value.
    public var measure: Measure
    /// The value before the project.
    public var baseline: Decimal?
    /// When the baseline was measured.
    public var baselineDate: Day?
    /// The value to reach.
    public var target: Decimal?
    /// When the target is due.
    public var due: Day?
    /// Whether higher values are better.
    public var direction: Direction
    /// Where the outcome is measured.
    public var regions: [RegionID]
    /// The disaggregation dimensions records may carry, lower case: `sex`, `age`.
    public var dims: [String]

    /// Creates an outcome; the title defaults to its key.
    ///
    /// - Parameters:
    ///   - id: `PROJECT/key`; the project must exist when the outcome is added.
    ///   - title: the title; nil for the key as written.
    ///   - level: output, outcome or impact.
    ///   - unit: what is counted: `groups`, `people`.
    ///   - measure: how records combine into the current value.
    ///   - baseline: the value before the project.
    ///   - baselineDate: when the baseline was measured.
    ///   - target: the value to reach.
    ///   - due: when the target is due; nil for the project's end.
    ///   - direction: whether higher values are better.
    ///   - regions: where the outcome is measured.
    ///   - dims: the disaggregation dimensions records may carry: `sex`, `age`.
    public init(
        id: OutcomeID, title: String? = nil, level: OutcomeLevel = .output, unit: String? = nil,
        measure: Measure = .count, baseline: Decimal? = nil, baselineDate: Day? = nil,
        target: Decimal? = nil, due: Day? = nil, direction: Direction = .up,
        regions: [RegionID] = [], dims: [String] = []
    ) {
        self.id = id
        self.title = title ?? id.key.rawValue
        self.level = level
        self.unit = unit
        self.measure = measure
        self.baseline = baseline
        self.baselineDate = baselineDate
        self.target = target
        self.due = due
        self.direction = direction
        self.regions = regions
        self.dims = dims
    }
}

/// One recorded value of an outcome: what the language calls a record (`record TIP-2007/groups 2`).
///
/// Named so that it clashes with neither Foundation's `Measurement` nor GRDB's `Record`.
public struct OutcomeRecord: Hashable, Sendable, Codable {
    /// A time-ordered unique id.
    public var id: RecordID
    /// The outcome measured.
    public var outcome: OutcomeID
    /// The date the value applies to.
    public var date: Day
    /// The value; nil for a qualitative outcome.
    public var value: Decimal?
    /// Disaggregation, such as `sex: female`; keys are lower case and declared by the outcome.
    public var dimensions: [String: String]
    /// A remark: `Leilek and Kadamjay`.
    public var note: String?
    /// Where the value comes from.
    public var source: String?

    /// Creates a measurement with a new id.
    ///
    /// - Parameters:
    ///   - id: a time-ordered unique id; a new one unless given.
    ///   - outcome: the outcome measured.
    ///   - date: the date the value applies to.
    ///   - value: the value; nil for a qualitative outcome.
    ///   - dimensions: disaggregation by the outcome's declared dimensions: `["sex": "female"]`.
    ///   - note: a remark: `Leilek and Kadamjay`.
    ///   - source: where the value comes from.
    public init(
        id: RecordID = RecordID(), outcome: OutcomeID, date: Day, value: Decimal?,
        dimensions: [String: String] = [:], note: String? = nil, source: String? = nil
    ) {
        self.id = id
        self.outcome = outcome
        self.date = date
        self.value = value
        self.dimensions = dimensions
        self.note = note
        self.source = source
    }
}

/// A dated note on a project.
public struct Note: Hashable, Sendable, Codable {
    /// A time-ordered unique id.
    public var id: RecordID
    /// The project the note is about.
    public var project: ProjectID
    /// The date the note refers to.
    public var date: Day
    /// The text.
    public var text: String

    /// Creates a note with a new id.
    ///
    /// - Parameters:
    ///   - id: a time-ordered unique id; a new one unless given.
    ///   - project: the project the note is about.
    ///   - date: the date the note refers to.
    ///   - text: the text.
    public init(id: RecordID = RecordID(), project: ProjectID, date: Day, text: String) {
        self.id = id
        self.project = project
        self.date = date
        self.text = text
    }
}
