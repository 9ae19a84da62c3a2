/// A word of the language read into its meaning at parse time, with the token it was
/// written as: what runs later compares the meaning, never the text again, and points
/// its diagnostics at the token's range.
struct Located<Value: Sendable>: Sendable {
    /// What the word means.
    var value: Value
    /// The word as written, and where.
    var token: Token

    /// Where the word starts.
    var location: SourceLocation { token.location }
    /// How many characters it spans.
    var length: Int { token.length }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// The sources a query starts from.
enum QuerySource: String, CaseIterable, Sendable {
    case projects, partners, regions, outcomes, records, notes, links, history
}

/// The stages that may follow `|`.
enum StageWord: String, CaseIterable, Sendable {
    case `where`, sort, take, columns, count, stats, export
}

/// The comparison operators of conditions.
enum ComparisonOperator: String, CaseIterable, Sendable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    /// Contains, case-insensitively.
    case contains = "~"
}

/// The aggregates of `stats`.
enum AggregateFunction: String, CaseIterable, Sendable {
    case count, sum, avg, min, max
}
