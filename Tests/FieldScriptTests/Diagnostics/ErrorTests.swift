import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// Every kind of error names its line and column, shows the line with a caret, and
/// suggests the nearest valid word where there is one.
@Suite struct ErrorTests {
    /// One bad statement: what it should say, where, and what it should suggest.
    struct Case: Sendable, CustomTestStringConvertible {
        var source: String
        var message: String
        var line: Int
        var column: Int
        var length: Int
        var suggestion: String?

        var testDescription: String { source.replacingOccurrences(of: "\n", with: "⏎") }
    }

    static let cases: [Case] = [
        // Lexical
        Case(source: "projects where title ~ @home", message: "unexpected character '@'; quote text that contains it", line: 1, column: 24, length: 1),
        Case(source: "projects\nadd partner p name \"Golden", message: "the string is not closed: add '\"'", line: 2, column: 20, length: 1),
        Case(source: "add partner p name \"a\\qb\"", message: "unknown escape '\\q'; use \\\" \\\\ \\n or \\t", line: 1, column: 22, length: 2),
        Case(source: "projects where id != x and (status = active", message: "'(' is not closed before the end of the script", line: 1, column: 28, length: 1),
        // Syntax
        Case(source: "projets", message: "unknown statement 'projets'", line: 1, column: 1, length: 7, suggestion: "projects"),
        Case(source: "projects\n  projects | srot id", message: "unknown stage 'srot'", line: 2, column: 14, length: 4, suggestion: "sort"),
        Case(
            source: "link TIP-2007 france funder",
            message: "expected 'as' and a role (funder, lead, extending, implementer, counterpart), found 'funder'",
            line: 1, column: 22, length: 6),
        // Unknown fields
        Case(
            source: "projects | columns id, titel",
            message: "no field 'titel' here; the fields are id, title, summary, status, start, end, actual-start, actual-end, budget, currency, sectors, target-groups, regions, tags, funders, implementers, partners, outcomes, progress, duration",
            line: 1, column: 24, length: 5, suggestion: "title"),
        Case(source: "set TIP-2007 titel \"x\"", message: "expected a field name, found 'titel'", line: 1, column: 14, length: 5, suggestion: "title"),
        // Bad values
        Case(
            source: "projects where status = actve",
            message: "'actve' is not a value of status; use one of pipeline, active, finalising, closed, cancelled, suspended",
            line: 1, column: 25, length: 5, suggestion: "active"),
        Case(
            source: "set TIP-2007 status actve",
            message: "'actve' is not a status; use one of pipeline, active, finalising, closed, cancelled, suspended",
            line: 1, column: 21, length: 5, suggestion: "active"),
        Case(
            source: "add partner p name \"P\" kind goverment",
            message: "'goverment' is not a partner kind; use one of government, local-government, public, international-ngo, national-ngo, regional-ngo, partner-country-ngo, multilateral, foundation, private, academic, other",
            line: 1, column: 29, length: 9, suggestion: "government"),
        // Unknown ids
        Case(source: "link TIP-2007 golden-gaol as funder", message: "no partner 'golden-gaol'", line: 1, column: 15, length: 11, suggestion: "golden-goal"),
        Case(source: "show TIP-2070", message: "no project, partner, region or outcome has the id 'TIP-2070'", line: 1, column: 6, length: 8, suggestion: "TIP-2007"),
        // Dates and money
        Case(source: "set TIP-2007 start 2007-02-30", message: "'2007-02-30' is not a date: February 2007 has 28 days", line: 1, column: 20, length: 10),
        Case(
            source: "set TIP-2007 budget 85000 EUX",
            message: "'85000 EUX' is not an amount: not an ISO 4217 currency code such as EUR, USD or KGS",
            line: 1, column: 21, length: 9, suggestion: "EUR"),
        Case(
            source: "link TIP-2007 france as funder amount 85000",
            message: "'85000' is not an amount: an amount is a number and a currency code: 85000 EUR",
            line: 1, column: 39, length: 5),
    ]

    @Test(arguments: ErrorTests.cases)
    func theErrorSaysWhatWhereAndWhatToTry(_ expected: Case) throws {
        let harness = try Harness.osh()
        let before = harness.portfolio
        let failure = try #require(harness.failure(expected.source))
        let diagnostic = failure.diagnostic
        #expect(diagnostic.message == expected.message)
        #expect(diagnostic.location == FieldScript.SourceLocation(line: expected.line, column: expected.column))
        #expect(diagnostic.length == expected.length)
        #expect(diagnostic.suggestion == expected.suggestion)
        #expect(harness.portfolio == before)
        // The rendered error shows the line and a caret under the offending text.
        let lines = failure.rendered().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "repl:\(expected.line):\(expected.column): error: \(diagnostic.summary)")
        let sourceLine = expected.source.split(separator: "\n", omittingEmptySubsequences: false)[expected.line - 1]
        #expect(lines[1] == "  " + sourceLine)
        #expect(lines[2] == "  " + String(repeating: " ", count: expected.column - 1) + "^" + String(repeating: "~", count: expected.length - 1))
    }

    @Test func theSuggestionIsPartOfTheSummary() throws {
        let diagnostic = Diagnostic("no partner 'golden-gaol'", at: FieldScript.SourceLocation(line: 12, column: 8), suggestion: "golden-goal")
        #expect(diagnostic.summary == "no partner 'golden-gaol' (did you mean 'golden-goal'?)")
        #expect(diagnostic.description == "12:8: no partner 'golden-gaol' (did you mean 'golden-goal'?)")
    }

    @Test func theContractsOwnErrorRendersExactly() throws {
        let harness = try Harness.osh()
        let script = """
            # monthly update
            set TIP-2007 status active

            record TIP-2007/groups 1 on 2007-11-30
            record TIP-2007/trained 4 on 2007-11-30 sex=female
            note TIP-2007 "November report received"
            set TIP-2007 tags + monthly
            \u{0020}
            # the donor's share
            link TIP-2007 france as funder amount 85000 EUR
            set golden-goal acronym GG
            link TIP-2007 golden-gaol as funder
            """
        let failure = try #require(harness.scriptFailure(script, name: "monthly.fk"))
        #expect(failure.rendered() == """
            monthly.fk:12:15: error: no partner 'golden-gaol' (did you mean 'golden-goal'?)
              link TIP-2007 golden-gaol as funder
                            ^~~~~~~~~~~

            """)
    }

    @Test func anUnclosedStringAtTheEndOfAScriptRendersExactly() throws {
        let harness = try Harness.osh()
        let failure = try #require(harness.scriptFailure("projects\nnote TIP-2007 \"Mid-term review", name: "notes.fk"))
        #expect(failure.rendered() == """
            notes.fk:2:15: error: the string is not closed: add '"'
              note TIP-2007 "Mid-term review
                            ^

            """)
    }

    @Test func aBadEnumValueRendersExactly() throws {
        let harness = try Harness.osh()
        let failure = try #require(harness.scriptFailure("projects where status = actve", name: "q.fk"))
        #expect(failure.rendered() == """
            q.fk:1:25: error: 'actve' is not a value of status; use one of pipeline, active, finalising, closed, cancelled, suspended (did you mean 'active'?)
              projects where status = actve
                                      ^~~~~

            """)
    }

    @Test func caretsCountCharactersNotBytes() throws {
        let harness = try Harness.osh()
        let failure = try #require(harness.failure("add region р name \"Баткен\" level район"))
        #expect(failure.diagnostic.location.column == 34)
        let lines = failure.rendered().split(separator: "\n").map(String.init)
        #expect(lines[2] == "  " + String(repeating: " ", count: 33) + "^~~~~")
    }

    @Test func tabsInTheLineKeepTheCaretInPlace() throws {
        let harness = try Harness.osh()
        let failure = try #require(harness.failure("set\tTIP-2007 status actve"))
        let lines = failure.rendered().split(separator: "\n").map(String.init)
        #expect(lines[1] == "  set TIP-2007 status actve")
        #expect(lines[2] == "                      ^~~~~")
    }

    @Test func aDomainErrorPointsAtTheOffendingValue() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("set TIP-2007 end 2007-01")
        #expect(diagnostic.message == "project 'TIP-2007' end: end 2007-01 is before start 2007-04-24")
        #expect(diagnostic.location == FieldScript.SourceLocation(line: 1, column: 18))
        #expect(diagnostic.length == 7)
        #expect(harness.project("TIP-2007")?.end == (try day("2008-01")))
    }

    @Test func errorsOnLaterStatementsOfALineKeepTheirColumn() throws {
        let harness = try Harness.osh()
        let failure = try #require(harness.failure("projects | count; set TIP-2007 status actve"))
        #expect(failure.diagnostic.location == FieldScript.SourceLocation(line: 1, column: 39))
        // The first statement ran before the second failed.
        #expect(harness.outputs.count == 1)
    }
}
