import FieldKit
import Foundation

/// Turns written values into typed ones: dates (with `today` and offsets), amounts,
/// numbers, vocabulary words, and ids resolved against the portfolio with suggestions.
struct Evaluator {
    let portfolio: Portfolio
    let variables: [String: String]
    let today: Day

    /// The text of a token, with variables substituted.
    func text(_ token: Token) throws(Diagnostic) -> String {
        guard token.kind == .variable else { return token.text }
        guard let value = variables[token.text] ?? variables[token.text.lowercased()] else {
            throw Diagnostic(
                "no variable '$\(token.text)'; set it with let \(token.text) = … or --set \(token.text)=…",
                at: token.location, length: token.length,
                suggestion: Spelling.nearest(to: token.text, in: variables.keys).map { "$\($0)" })
        }
        return value
    }

    /// The text of an expression as written (an amount as `85000 EUR`).
    func text(_ expression: Expression) throws(Diagnostic) -> String {
        switch expression {
        case .token(let token): return try text(token)
        case .offset(let base, let sign, let amount): return try "\(text(base))\(sign.text)\(text(amount))"
        case .money(let amount, let currency): return try "\(text(amount)) \(text(currency))"
        }
    }

    func fail(_ expression: Expression, _ message: String, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(message, at: expression.first.location, length: expression.length, suggestion: suggestion)
    }

    // MARK: Dates

    /// A date: `2007-04-24`, `2008-01`, `2007-Q4`, `2007`, `today`, `today+90d`, `today - 2w`,
    /// `today+3m`, `today-1y`, and the periods `this-quarter`, `this-month`, `this-year`.
    func day(_ expression: Expression) throws(Diagnostic) -> Day {
        let written = try text(expression)
        do { return try Evaluator.day(written, today: today) } catch {
            throw fail(expression, "'\(written)' is not a date: \(error.reason)")
        }
    }

    static func day(_ written: String, today: Day) throws(ValueError) -> Day {
        if let first = written.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
            return try Day(parsing: written)  // the common case: an ISO date
        }
        let compact = written.replacingOccurrences(of: " ", with: "")
        let lowered = compact.lowercased()
        // The period today falls in: `projects where end = this-quarter` ends this quarter.
        switch lowered {
        case "this-quarter": return try Day(year: today.year, quarter: today.quarter)
        case "this-month": return try Day(year: today.year, month: today.month)
        case "this-year": return try Day(year: today.year)
        default: break
        }
        guard lowered.hasPrefix("today") else { return try Day(parsing: compact) }
        let rest = lowered.dropFirst(5)
        if rest.isEmpty { return today }
        let digits = rest.dropFirst().dropLast()
        guard let sign = rest.first, sign == "+" || sign == "-", let unit = rest.last, !digits.isEmpty,
            digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            throw ValueError(text: written, reason: "an offset from today is written today+90d, today-2w, today+3m or today-1y")
        }
        // More digits than an Int holds is past 9999-12-31 whatever the unit: the range error.
        guard let count = Int(digits) else { throw Day.outOfRange(written) }
        let signed = sign == "+" ? count : -count
        do throws(ValueError) {
            switch unit {
            case "d": return try today.adding(days: signed)
            case "w":
                let (days, overflow) = signed.multipliedReportingOverflow(by: 7)
                guard !overflow else { throw Day.outOfRange(written) }
                return try today.adding(days: days)
            case "m": return try today.adding(months: signed)
            case "y": return try today.adding(years: signed)
            default: throw ValueError(text: written, reason: "the unit of an offset is d, w, m or y")
            }
        } catch {
            // Name the offset as written, not the arithmetic behind it.
            throw ValueError(text: written, reason: error.reason, suggestion: error.suggestion)
        }
    }

    // MARK: Numbers and amounts

    /// A number: `6`, `12.5`, `-3`, `85_000`, `50%` (50).
    func number(_ expression: Expression) throws(Diagnostic) -> Decimal {
        let written = try text(expression)
        let plain = written.hasSuffix("%") ? String(written.dropLast()) : written
        guard let value = Money.decimal(plain) else {
            throw fail(expression, "'\(written)' is not a number")
        }
        return value
    }

    /// An amount: `85000 EUR`.
    func money(_ expression: Expression) throws(Diagnostic) -> Money {
        let written = try text(expression)
        do { return try Money(parsing: written) } catch {
            throw fail(expression, "'\(written)' is not an amount: \(error.reason)", suggestion: error.suggestion)
        }
    }

    /// A number a change will store: refused, where it is written, unless `Limits` allows it.
    func storedNumber(_ expression: Expression) throws(Diagnostic) -> Decimal {
        let value = try number(expression)
        let written = try text(expression)
        // At most 15 digits as written is within every limit: no decimal arithmetic needed.
        if written.utf8.count <= Limits.significantDigits { return value }
        do { try Limits.check(value, written: written) } catch {
            throw fail(expression, "'\(error.text)' is out of range: \(error.reason)")
        }
        return value
    }

    /// An amount a change will store (a budget, a link's amount): within `Limits`, and
    /// never below zero.
    func storedMoney(_ expression: Expression, field: String) throws(Diagnostic) -> Money {
        let money = try money(expression)
        let written = try text(expression)
        do { try Limits.check(money.amount, written: written) } catch {
            throw fail(expression, "'\(error.text)' is out of range: \(error.reason)")
        }
        guard money.amount >= 0 else {
            throw fail(expression, "'\(written)' is negative; a \(field) is zero or more")
        }
        return money
    }

    /// A whole number of at least zero, for `take`.
    func count(_ expression: Expression) throws(Diagnostic) -> Int {
        // Plain digits, as almost every `take` is written, need no decimal (whose text the
        // general path below compares, at the cost of a runtime type lookup in a cold question).
        let written = try text(expression)
        if written.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let plain = Int(written) { return plain }
        let value = try number(expression)
        guard value >= 0, let count = Int("\(value)") else {
            throw fail(expression, "'\(try text(expression))' is not a whole number of rows")
        }
        return count
    }

    /// One word of a vocabulary, with the nearest word suggested.
    func word<V: Vocabulary>(_ expression: Expression, as type: V.Type) throws(Diagnostic) -> V {
        let written = try text(expression)
        do { return try V.parse(written) } catch {
            throw fail(expression, "'\(written)' is not \(V.vocabularyName.withArticle); use one of \(V.allCases.map(\.rawValue).joined(separator: ", "))", suggestion: error.suggestion)
        }
    }

    // MARK: Ids

    func project(_ expression: Expression) throws(Diagnostic) -> Project {
        let written = try text(expression)
        if let project = portfolio.projects[ProjectID(written)] { return project }
        throw fail(expression, "no project '\(written)'", suggestion: Spelling.nearest(to: written, in: portfolio.projects.keys.map(\.rawValue)))
    }

    func partner(_ expression: Expression) throws(Diagnostic) -> Partner {
        let written = try text(expression)
        if let partner = portfolio.partners[PartnerID(written)] { return partner }
        throw fail(expression, "no partner '\(written)'", suggestion: Spelling.nearest(to: written, in: portfolio.partners.keys.map(\.rawValue)))
    }

    func region(_ expression: Expression) throws(Diagnostic) -> Region {
        let written = try text(expression)
        if let region = portfolio.regions[RegionID(written)] { return region }
        throw fail(expression, "no region '\(written)'", suggestion: Spelling.nearest(to: written, in: portfolio.regions.keys.map(\.rawValue)))
    }

    func outcome(_ expression: Expression) throws(Diagnostic) -> Outcome {
        let written = try text(expression)
        guard let id = OutcomeID(written) else {
            throw fail(expression, "'\(written)' is not an outcome id; write PROJECT/key, such as TIP-2007/groups")
        }
        if let outcome = portfolio.outcomes[id] { return outcome }
        if portfolio.projects[id.project] == nil {
            _ = try project(.token(Token(kind: .word, text: id.project.rawValue, location: expression.first.location, length: expression.length)))
        }
        let keys = portfolio.outcomes(of: id.project).map(\.id.rawValue)
        throw fail(expression, "no outcome '\(written)'", suggestion: Spelling.nearest(to: written, in: keys))
    }
}
