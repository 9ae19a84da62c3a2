import FieldKit

/// The words of the language, in one place: the parser, completion and help all read
/// these tables, so they cannot disagree.
package enum Grammar {
    /// What a field's value is.
    package enum ValueType: Hashable, Sendable {
        /// Free text or a word.
        case text
        /// One word of a closed vocabulary.
        case word([String])
        /// A date: `2007-04-24`, `2008-01`, `2007`, `today+90d`.
        case day
        /// An amount and currency: `85000 EUR`.
        case money
        /// A number; `50%` is 50.
        case number
        /// A region id.
        case region
        /// An ISO 3166-1 alpha-2 country code.
        case country
        /// A contact: `"Jerome Bouyjou, Head of Office"`.
        case contact
    }

    /// A settable field of a kind of entity.
    package struct FieldSpec: Hashable, Sendable {
        /// The field's name: `target-groups`.
        package var name: String
        /// What its values are.
        package var type: ValueType
        /// Whether it holds a list (`+ v` and `- v` apply).
        package var isList: Bool

        init(_ name: String, _ type: ValueType, list: Bool = false) {
            self.name = name
            self.type = type
            self.isList = list
        }
    }

    /// The statements that change the portfolio.
    package static let changeStatements = StatementWord.allCases.filter { $0.role != .report }.map(\.rawValue)
    /// The reports.
    package static let reportStatements = StatementWord.allCases.filter { $0.role == .report }.map(\.rawValue)
    /// The sources a query starts from.
    package static let sources = ["projects", "partners", "regions", "outcomes", "records", "notes", "links", "history"]
    /// The stages that may follow `|`.
    package static let stages = ["where", "sort", "take", "columns", "count", "stats", "export"]
    /// The aggregates of `stats`.
    package static let aggregates = ["count", "sum", "avg", "min", "max"]
    /// The kinds a statement may name.
    package static let kinds = ["project", "partner", "region", "outcome"]
    /// The session commands.
    package static let sessionCommands = [
        ".help", ".format", ".output", ".timer", ".read", ".echo", ".today", ".store", ".check", ".pager", ".headers",
        ".expanded", ".history", ".edit", ".quit",
    ]
    /// Every word that may start a statement.
    package static var statementWords: [String] {
        changeStatements + reportStatements + sources.filter { !reportStatements.contains($0) } + ["let"] + sessionCommands
    }
    /// Comparison operators of conditions.
    package static let operators = ["=", "!=", "<", "<=", ">", ">=", "~"]
    /// Condition keywords.
    package static let conditionWords = ["and", "or", "not", "in", "has", "under", "is", "empty"]

    /// The settable fields of each kind.
    package static let fields: [EntityKind: [FieldSpec]] = [
        .project: [
            FieldSpec("title", .text), FieldSpec("summary", .text),
            FieldSpec("status", .word(words(ProjectStatus.self))),
            FieldSpec("start", .day), FieldSpec("end", .day), FieldSpec("actual-start", .day), FieldSpec("actual-end", .day),
            FieldSpec("budget", .money), FieldSpec("sectors", .text, list: true),
            FieldSpec("target-groups", .text, list: true), FieldSpec("regions", .region, list: true),
            FieldSpec("tags", .text, list: true),
        ],
        .partner: [
            FieldSpec("name", .text), FieldSpec("acronym", .text), FieldSpec("kind", .word(words(PartnerKind.self))),
            FieldSpec("country", .country), FieldSpec("ref", .text), FieldSpec("contact", .contact, list: true),
        ],
        .region: [
            FieldSpec("name", .text), FieldSpec("level", .word(words(RegionLevel.self))), FieldSpec("parent", .region),
            FieldSpec("includes", .region, list: true),
        ],
        .outcome: [
            FieldSpec("title", .text), FieldSpec("level", .word(words(OutcomeLevel.self))), FieldSpec("unit", .text),
            FieldSpec("measure", .word(words(Measure.self))), FieldSpec("baseline", .number),
            FieldSpec("baseline-date", .day), FieldSpec("target", .number), FieldSpec("due", .day),
            FieldSpec("direction", .word(words(Direction.self))), FieldSpec("regions", .region, list: true),
            FieldSpec("dims", .text, list: true),
        ],
    ]

    /// Other spellings users reach for: `region` for `regions`, `contacts` for `contact`.
    static let fieldAliases = [
        "region": "regions", "contacts": "contact", "sector": "sectors", "tag": "tags", "target-group": "target-groups",
        "dim": "dims", "include": "includes",
    ]

    /// The field spec of `name` for `kind`, following aliases.
    static func field(_ name: String, of kind: EntityKind) -> FieldSpec? {
        guard let specs = fields[kind] else { return nil }
        // As written, the usual case: no case-folding, no alias lookup.
        if let spec = specs.first(where: { $0.name == name }) { return spec }
        let lowered = name.lowercased()
        let canonical = fieldAliases[lowered] ?? lowered
        return specs.first { $0.name == canonical }
    }

    /// Whether `name` is a field of any kind.
    static func isFieldName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        let canonical = fieldAliases[lowered] ?? lowered
        return fields.values.contains { $0.contains { $0.name == canonical } }
    }

    static func words<V: Vocabulary>(_ type: V.Type) -> [String] { type.allCases.map(\.rawValue) }
}
