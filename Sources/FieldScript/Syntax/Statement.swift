import FieldKit

/// A value as written: a word, string or variable, a date with an offset, or an amount.
indirect enum Expression: Hashable, Sendable {
    /// A word, string or variable.
    case token(Token)
    /// `today + 90d`: a date word, a sign, and an offset word.
    case offset(base: Token, sign: Token, amount: Token)
    /// `85000 EUR`.
    case money(amount: Token, currency: Token)

    /// The first token, for error positions.
    var first: Token {
        switch self {
        case .token(let token): token
        case .offset(let base, _, _): base
        case .money(let amount, _): amount
        }
    }

    /// How many characters the expression spans on its line.
    var length: Int {
        switch self {
        case .token(let token): token.length
        case .offset(let base, _, let amount), .money(let base, let amount):
            base.location.line == amount.location.line ? amount.location.column + amount.length - base.location.column : base.length
        }
    }
}

/// `<field> [+|-] <value>, …` in `add` and `set`.
struct Assignment: Hashable, Sendable {
    enum Operation: Hashable, Sendable {
        case replace, append, remove
    }
    var field: Located<Field>
    var operation: Operation
    var values: [Expression]
}

/// A condition of `where`.
indirect enum Condition: Hashable, Sendable {
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
    case compare(field: Located<FieldRef>, operator: Located<ComparisonOperator>, value: Expression)
    case within(field: Located<FieldRef>, values: [Expression])
    case has(field: Located<FieldRef>, value: Expression)
    case under(field: Located<FieldRef>, region: Expression)
    case isEmpty(field: Located<FieldRef>, negated: Bool)
    case search(Token)

    /// The terms of an `and` chain (or an `or` chain), left to right; any other condition
    /// is a chain of one. A long chain (`id = a or id = b or …`, as generated scripts
    /// write) is walked, not recursed, so that what reads it cannot overflow the stack.
    var chain: (isAnd: Bool, terms: [Condition]) {
        var isAnd = true
        if case .or = self { isAnd = false }
        var terms: [Condition] = []
        var rest = self
        while true {
            if isAnd, case .and(let left, let right) = rest {
                terms.append(right)
                rest = left
            } else if !isAnd, case .or(let left, let right) = rest {
                terms.append(right)
                rest = left
            } else {
                terms.append(rest)
                return (isAnd, terms.reversed())
            }
        }
    }
}

/// One stage of a query pipeline.
enum Stage: Sendable {
    case filter(Condition)
    case sort([SortKey])
    case take(Expression)
    case columns([Located<FieldRef>])
    case count(by: [Located<FieldRef>])
    case stats([Aggregate], by: [Located<FieldRef>])
    case export(format: Located<Format>, path: Expression, options: [Located<ExportOption>])
}

/// What may follow the file name of `| export`.
enum ExportOption: String, CaseIterable, Sendable {
    /// A UTF-8 byte-order mark first, for spreadsheets that need one to read UTF-8.
    case bom
    /// The HXL hashtag row under the header (csv and tsv).
    case hxl
}

/// `end desc` in `sort`.
struct SortKey: Sendable {
    var field: Located<FieldRef>
    var descending: Bool
}

/// `sex=female` in `record`.
struct Dimension: Sendable {
    var name: Token
    var value: Expression
}

/// `sum(budget)`, `count`.
struct Aggregate: Hashable, Sendable {
    var function: Located<AggregateFunction>
    var field: Located<FieldRef>?
}

/// `<source> [where …] [| stage]… [as of <date>]`.
struct Query: Sendable {
    var source: Located<QuerySource>
    var stages: [Stage]
    var asOf: Expression?
}

/// One statement of the language: its words read into their meanings, each node with
/// the tokens (and so the source range) it was written with.
enum Statement: Sendable {
    case add(kind: Located<EntityKind>, id: Expression, assignments: [Assignment])
    case set(kind: Located<EntityKind>?, id: Expression, assignments: [Assignment])
    case unset(kind: Located<EntityKind>?, id: Expression, fields: [Located<Field>])
    case link(project: Expression, partner: Expression, role: Token, amount: Expression?)
    case unlink(project: Expression, partner: Expression, role: Token?)
    case record(outcome: Expression, value: Expression?, date: Expression?, dimensions: [Dimension], note: Expression?, source: Expression?)
    case note(project: Expression, text: Expression, date: Expression?)
    case rename(kind: Located<EntityKind>?, id: Expression, to: Expression)
    case remove(kind: Located<EntityKind>?, id: Expression, force: Bool)
    case undo, begin, commit, rollback
    case query(Query)
    case show(kind: Located<EntityKind>?, id: Expression, tail: ReportTail)
    /// `progress [<project> | <outcome> | where …] [by <dimension>] [as of <date>] [| stage]…`.
    case progress(project: Expression?, condition: Condition?, by: Located<FieldRef>?, tail: ReportTail)
    case timeline(condition: Condition?, tail: ReportTail)
    case tree(region: Expression?, tail: ReportTail)
    /// `funding [where …] [by project] [| stage]…`.
    case funding(condition: Condition?, byProject: Bool, tail: ReportTail)
    /// `history [[<kind>] <id>] [by <actor>] [since <date>] [until <date>] [take <n>] [| stage]…`.
    case history(kind: Located<EntityKind>?, id: Expression?, filter: HistoryFilter, take: Expression?, tail: ReportTail)
    /// `import json "<file>" [replace]`.
    case importJSON(path: Expression, replace: Bool)
    /// `import csv projects|partners|outcomes|records|links "<file>" [replace]`.
    case importCSV(kind: Located<CSVKind>, path: Expression, replace: Bool)
    /// `import iati "<file>"`.
    case importIATI(path: Expression)
    /// `export json "<file>" [where <condition>]`.
    case exportJSON(path: Expression, condition: Condition?)
    /// `export iati "<file>" [reporting <partner>] [where <condition>]`.
    case exportIATI(path: Expression, reporting: Expression?, condition: Condition?)
    case assign(name: Token, value: Expression)
    case command(name: Located<SessionCommand>, arguments: [Token])

    /// Whether running the statement may change the portfolio.
    var isChange: Bool {
        // `.set <name> <value>` changes a setting kept in the store; `.set` alone lists them.
        if case .command(let name, let arguments) = self, name.value == .set { return !arguments.isEmpty }
        return StatementWord(self)?.role == .change
    }

    /// Whether it is `.read`, which runs another script's statements, changes among them.
    var isRead: Bool {
        if case .command(let name, _) = self { return name.value == .read }
        return false
    }
}

/// What follows a report's own words: `as of <date>`, and stages its rows go through.
struct ReportTail: Sendable {
    var stages: [Stage] = []
    var asOf: Expression?
}

/// `history`'s filters: who, and from when to when.
struct HistoryFilter: Sendable {
    /// `by <actor>`.
    var actor: Expression?
    /// `since <date>`: entries on or after its first day.
    var since: Expression?
    /// `until <date>`: entries on or before its last day.
    var until: Expression?
}

/// A parsed statement with its place and text in the source.
struct ParsedStatement: Sendable {
    var statement: Statement
    /// The first token's location.
    var location: SourceLocation
    /// The statement as written, for the journal and `.echo`.
    var text: String
}
