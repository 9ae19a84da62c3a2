import FieldKit
import Foundation

/// Compiles a `where` condition into a row predicate, checking field names, operators
/// and literal values once, before any row is read.
struct ConditionCompiler {
    let rows: RowSet
    let evaluator: Evaluator
    /// Region roll-ups computed once per query: `under KG-B` on 10k rows walks the hierarchy once.
    private var underCache: [RegionID: Set<RegionID>] = [:]

    init(rows: RowSet, evaluator: Evaluator) {
        self.rows = rows
        self.evaluator = evaluator
    }

    typealias Predicate = (Int) -> Bool

    /// The projects source's partner fields, and the role each one means (nil: any role).
    static let partnerFields: [FieldRef: Role?] = [.field(.funders): .funder, .field(.implementers): .implementer, .field(.partners): nil]

    mutating func compile(_ condition: Condition) throws(Diagnostic) -> Predicate {
        switch condition {
        case .and, .or:
            let (isAnd, terms) = condition.chain
            var predicates: [Predicate] = []
            for term in terms { predicates.append(try compile(term)) }
            if isAnd { return { row in predicates.allSatisfy { $0(row) } } }
            return { row in predicates.contains { $0(row) } }
        case .not:
            var negations = 0
            var inner = condition
            while case .not(let next) = inner {
                negations += 1
                inner = next
            }
            let predicate = try compile(inner)
            if negations % 2 == 0 { return predicate }
            return { !predicate($0) }
        case .search(let token):
            let text = token.text.lowercased()
            let matches = rows.matches
            return { matches($0, text) }
        case .isEmpty(let fieldToken, let negated):
            let field = try rows.field(fieldToken)
            let value: (Int, FieldRef) -> Value = rows.value
            return { value($0, field).isEmpty != negated }
        case .compare(let fieldToken, let op, let literal):
            let field = try rows.field(fieldToken)
            if let other = comparedField(literal, with: field) {
                // Two fields of the same row: `outcomes where progress < expected`.
                let value: (Int, FieldRef) -> Value = rows.value
                let operation = op.value
                return { ConditionCompiler.test(value($0, field), operation, value($0, other)) }
            }
            let target = try coerce(literal, for: field, checkVocabulary: op.value == .equal || op.value == .notEqual)
            let value: (Int, FieldRef) -> Value = rows.value
            let operation = op.value
            return { ConditionCompiler.test(value($0, field), operation, target) }
        case .within(let fieldToken, let literals):
            let field = try rows.field(fieldToken)
            var targets: [Value] = []
            for literal in literals { targets.append(try coerce(literal, for: field, checkVocabulary: true)) }
            let value: (Int, FieldRef) -> Value = rows.value
            return { row in targets.contains { ConditionCompiler.test(value(row, field), .equal, $0) } }
        case .has(let fieldToken, let literal):
            let field = try rows.field(fieldToken)
            if let projectID = rows.projectID, let role = ConditionCompiler.partnerFields[field] {
                // Through the partner index: the projects linked to that partner (in that role).
                let partner = PartnerID(try evaluator.text(literal))
                let linked = Set(evaluator.portfolio.participations(ofPartner: partner).filter { role == nil || $0.role == role }.map(\.project))
                return { linked.contains(projectID($0)) }
            }
            let target = try coerce(literal, for: field, checkVocabulary: true)
            let value: (Int, FieldRef) -> Value = rows.value
            return { ConditionCompiler.test(value($0, field), .equal, target) }
        case .under(let fieldToken, let regionExpression):
            let field = try rows.field(fieldToken)
            let region = try evaluator.region(regionExpression)
            if let projectID = rows.projectID, field == .field(.regions) {
                // Through the region index: the projects under the region, found once.
                let projects = evaluator.portfolio.projects(under: region.id)
                return { projects.contains(projectID($0)) }
            }
            let under = underCache[region.id] ?? evaluator.portfolio.regions(under: region.id)
            underCache[region.id] = under
            let value: (Int, FieldRef) -> Value = rows.value
            return { row in
                switch value(row, field) {
                case .list(let items): return items.contains { under.contains(RegionID($0.text)) }
                case .text(let text): return under.contains(RegionID(text))
                default: return false
                }
            }
        }
    }

    /// The field a bare word on the right names, when the left field holds numbers, dates or
    /// amounts (which no bare word could be): `progress < expected`. Next to a text field a
    /// word stays a value, so `level = country` still means the word.
    private func comparedField(_ literal: Expression, with field: FieldRef) -> FieldRef? {
        guard case .token(let token) = literal, token.kind == .word else { return nil }
        let name = FieldRef(spelling: token.text)
        guard rows.fields.contains(name), !token.isKeyword("today") else { return nil }
        guard (rows.types[field] ?? probe(field).flatMap(FieldType.init)) != nil else { return nil }
        return name
    }

    /// The literal as a value of the same type as the field's values.
    private func coerce(_ literal: Expression, for field: FieldRef, checkVocabulary: Bool) throws(Diagnostic) -> Value {
        let text = try evaluator.text(literal)
        if checkVocabulary, let words = rows.vocabularies[field], !words.contains(text.lowercased()) {
            throw evaluator.fail(
                literal, "'\(text)' is not a value of \(field); use one of \(words.joined(separator: ", "))",
                suggestion: Spelling.nearest(to: text, in: words))
        }
        guard let type = rows.types[field] ?? probe(field).flatMap(FieldType.init) else { return .text(text) }
        switch type {
        case .day:
            return .day(try evaluator.day(literal))
        case .number:
            return .number(try evaluator.number(literal))
        case .fraction:
            // Progress is a percentage: `50%` and `50` both mean one half.
            return .fraction(NSDecimalNumber(decimal: try evaluator.number(literal)).doubleValue / 100)
        case .money:
            if let money = try? Money(parsing: text) { return .money(money) }
            // A number and a word: an amount with a wrong currency, said as such (`5 EUX`).
            if case .money = literal { return .money(try evaluator.money(literal)) }
            return .number(try evaluator.number(literal))
        }
    }

    /// The first non-empty value of the field, to learn its type.
    private func probe(_ field: FieldRef) -> Value? {
        for row in rows.rows {
            switch rows.value(row, field) {
            case .null: continue
            case .list(let items): if let first = items.first { return first }
            case let value: return value
            }
        }
        return nil
    }

    static func test(_ value: Value, _ operation: ComparisonOperator, _ target: Value) -> Bool {
        // `dims has "sex=female"`: the dimensions as a list of name=value items.
        if case .dimensions(let named) = value {
            let items = named.sorted { $0.key < $1.key }.map { Value.text("\($0.key)=\($0.value)") }
            return test(.list(items), operation, target)
        }
        if case .list(let items) = value {
            return operation == .notEqual ? !items.contains { test($0, .equal, target) } : items.contains { test($0, operation, target) }
        }
        if case .null = value { return operation == .notEqual }
        if operation == .contains { return value.text.lowercased().contains(target.text.lowercased()) }
        guard let order = compare(value, target) else { return operation == .notEqual }
        switch operation {
        case .equal: return order == .orderedSame
        case .notEqual: return order != .orderedSame
        case .less: return order == .orderedAscending
        case .lessOrEqual: return order != .orderedDescending
        case .greater: return order == .orderedDescending
        case .greaterOrEqual, .contains: return order != .orderedAscending
        }
    }

    static func compare(_ value: Value, _ target: Value) -> ComparisonResult? {
        func order<T: Comparable>(_ a: T, _ b: T) -> ComparisonResult { a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame }
        switch (value, target) {
        case (.number(let a), .number(let b)): return order(a, b)
        case (.fraction(let a), .fraction(let b)):
            // Fractions come from decimal division: 14/50 and 28% must compare equal.
            return abs(a - b) < 1e-9 ? .orderedSame : order(a, b)
        case (.day(let a), .day(let b)):
            // A partial date equals any day it covers: end = 2008 matches end 2008-01.
            if a.lastDay < b.firstDay { return .orderedAscending }
            if a.firstDay > b.lastDay { return .orderedDescending }
            return .orderedSame
        case (.time(let a), .day(let b)):
            // A journal time is a real instant; one past the storable days sorts at the edge.
            let days = (a.timeIntervalSince1970 / 86_400).rounded(.down)
            let clamped = min(max(days, Double(Day.earliest.ordinal)), Double(Day.latest.ordinal))
            guard let day = try? Day(ordinal: Int(clamped)) else { return nil }
            return compare(.day(day), .day(b))
        case (.money(let a), .money(let b)): return a.currency == b.currency ? order(a.amount, b.amount) : nil
        case (.money(let a), .number(let b)): return order(a.amount, b)
        default:
            return caseInsensitiveOrder(value.text, target.text)
        }
    }

    /// Foundation's case-insensitive order of two texts, worked out byte by byte when both
    /// are ASCII, as ids and vocabulary words are: bridging to `NSString` cost a `where status
    /// = pipeline` some 5k instructions a row. Any other text goes to Foundation.
    static func caseInsensitiveOrder(_ a: String, _ b: String) -> ComparisonResult {
        guard a.utf8.allSatisfy({ $0 < 0x80 }), b.utf8.allSatisfy({ $0 < 0x80 }) else {
            return a.compare(b, options: [.caseInsensitive])
        }
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next()?.asciiLowercased, right.next()?.asciiLowercased) {
            case (nil, nil): return .orderedSame
            case (nil, _): return .orderedAscending
            case (_, nil): return .orderedDescending
            case (let x?, let y?) where x != y: return x < y ? .orderedAscending : .orderedDescending
            default: continue
            }
        }
    }
}
