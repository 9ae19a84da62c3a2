/// Every field the language knows: the stored fields of each kind, and the fields each
/// source derives. The raw value is the field's one spelling; ``Grammar`` says which
/// fields each kind and each source has, of what type, and which other spellings
/// (``aliases``) users reach for. No other file spells a field.
package enum Field: String, CaseIterable, Hashable, Sendable, Comparable {
    // Projects.
    case id, title, summary, status, start, end
    case actualStart = "actual-start"
    case actualEnd = "actual-end"
    case budget, currency, sectors
    case targetGroups = "target-groups"
    case regions, tags, funders, implementers, partners, outcomes, progress, duration
    // Partners.
    case name, acronym, kind, country, ref, contact, projects, roles
    // Regions.
    case level, parent, includes
    // Outcomes.
    case project, unit, measure, baseline
    case baselineDate = "baseline-date"
    case target, due, direction, dims, current, expected
    case lastRecorded = "last-recorded"
    case gap
    case daysLeft = "days-left"
    case overdue
    // Records, notes and links.
    case outcome, date, value, note, source, text, partner, role, amount
    // The journal.
    case seq, time, actor, origin, statement, changes, undoes

    /// Other spellings users reach for: `region` for `regions`, `contacts` for `contact`.
    static let aliases: [String: Field] = [
        "region": .regions, "sector": .sectors, "tag": .tags, "target-group": .targetGroups, "contacts": .contact,
        "funder": .funders, "partner-count": .partners, "dim": .dims, "include": .includes,
    ]

    /// The field a word names, as written or in another case, or through an alias.
    init?(spelling: String) {
        if let field = Field(rawValue: spelling) {
            self = field
            return
        }
        let lowered = spelling.lowercased()
        guard let field = Field(rawValue: lowered) ?? Field.aliases[lowered] else { return nil }
        self = field
    }

    package static func < (lhs: Field, rhs: Field) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A field as a query names it: one the grammar knows, or another name, which only the
/// rows can settle: a record's dimension (`records where sex = female`), or a column that
/// `count` or `stats` made (`| sort count desc`).
enum FieldRef: Hashable, Sendable, CustomStringConvertible {
    case field(Field)
    /// A name the grammar does not know, lower-cased.
    case named(String)

    /// The word as written resolved: a known field (or alias) when it is one.
    init(spelling: String) {
        self = Field(spelling: spelling).map(FieldRef.field) ?? .named(spelling.lowercased())
    }

    /// The name shown in headers and messages.
    var name: String {
        switch self {
        case .field(let field): field.rawValue
        case .named(let name): name
        }
    }

    var description: String { name }
}
