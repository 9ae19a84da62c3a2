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
        /// The field.
        package var field: Field
        /// What its values are.
        package var type: ValueType
        /// Whether it holds a list (`+ v` and `- v` apply).
        package var isList: Bool

        /// The field's name: `target-groups`.
        package var name: String { field.rawValue }

        init(_ field: Field, _ type: ValueType, list: Bool = false) {
            self.field = field
            self.type = type
            self.isList = list
        }
    }

    /// The statements that change the portfolio.
    package static let changeStatements = StatementWord.allCases.filter { $0.role != .report }.map(\.rawValue)
    /// The reports.
    package static let reportStatements = StatementWord.allCases.filter { $0.role == .report }.map(\.rawValue)
    /// The sources a query starts from.
    package static let sources = QuerySource.allCases.map(\.rawValue)
    /// The stages that may follow `|`.
    package static let stages = StageWord.allCases.map(\.rawValue)
    /// The aggregates of `stats`.
    package static let aggregates = AggregateFunction.allCases.map(\.rawValue)
    /// The kinds a statement may name.
    package static let kindWords: [EntityKind] = [.project, .partner, .region, .outcome]
    /// The kinds' words.
    package static let kinds = kindWords.map(\.rawValue)
    /// The session commands.
    package static let sessionCommands = SessionCommand.allCases.map(\.rawValue)
    /// Every word that may start a statement.
    package static var statementWords: [String] {
        changeStatements + reportStatements + sources.filter { !reportStatements.contains($0) } + ["let"] + sessionCommands
    }
    /// Comparison operators of conditions.
    package static let operators = ComparisonOperator.allCases.map(\.rawValue)
    /// Condition keywords.
    package static let conditionWords = ["and", "or", "not", "in", "has", "under", "is", "empty"]

    /// The settable fields of each kind.
    package static let fields: [EntityKind: [FieldSpec]] = [
        .project: [
            FieldSpec(.title, .text), FieldSpec(.summary, .text), FieldSpec(.status, .word(words(ProjectStatus.self))),
            FieldSpec(.start, .day), FieldSpec(.end, .day), FieldSpec(.actualStart, .day), FieldSpec(.actualEnd, .day),
            FieldSpec(.budget, .money), FieldSpec(.sectors, .text, list: true), FieldSpec(.targetGroups, .text, list: true),
            FieldSpec(.regions, .region, list: true), FieldSpec(.tags, .text, list: true),
        ],
        .partner: [
            FieldSpec(.name, .text), FieldSpec(.acronym, .text), FieldSpec(.kind, .word(words(PartnerKind.self))),
            FieldSpec(.country, .country), FieldSpec(.ref, .text), FieldSpec(.contact, .contact, list: true),
        ],
        .region: [
            FieldSpec(.name, .text), FieldSpec(.level, .word(words(RegionLevel.self))), FieldSpec(.parent, .region),
            FieldSpec(.includes, .region, list: true),
        ],
        .outcome: [
            FieldSpec(.title, .text), FieldSpec(.level, .word(words(OutcomeLevel.self))), FieldSpec(.unit, .text),
            FieldSpec(.measure, .word(words(Measure.self))), FieldSpec(.baseline, .number),
            FieldSpec(.baselineDate, .day), FieldSpec(.target, .number), FieldSpec(.due, .day),
            FieldSpec(.direction, .word(words(Direction.self))), FieldSpec(.regions, .region, list: true),
            FieldSpec(.dims, .text, list: true),
        ],
    ]

    /// The field spec of `field` for `kind`.
    static func spec(_ field: Field, of kind: EntityKind) -> FieldSpec? { fields[kind]?.first { $0.field == field } }

    /// The field spec of `name` for `kind`, following aliases.
    static func field(_ name: String, of kind: EntityKind) -> FieldSpec? { Field(spelling: name).flatMap { spec($0, of: kind) } }

    /// The settable field a word names, of any kind, following aliases.
    static func settable(_ name: String) -> FieldSpec? {
        guard let field = Field(spelling: name) else { return nil }
        return kindWords.lazy.compactMap { spec(field, of: $0) }.first
    }

    /// Whether `name` is a settable field of any kind.
    static func isFieldName(_ name: String) -> Bool { settable(name) != nil }

    static func words<V: Vocabulary>(_ type: V.Type) -> [String] { type.allCases.map(\.rawValue) }
}
