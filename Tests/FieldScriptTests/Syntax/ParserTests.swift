import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// The grammar of statements, queries and reports, and the syntax errors it reports.
@Suite struct ParserTests {
    private func statement(_ source: String) throws -> Statement {
        let statements = try parse(source)
        try #require(statements.count == 1)
        return statements[0].statement
    }

    @Test(arguments: [
        "add project P title \"T\"", "set TIP-2007 status active", "unset TIP-2007 summary", "link TIP-2007 france as funder",
        "unlink TIP-2007 france", "record TIP-2007/groups 1", "note TIP-2007 \"x\"", "rename partner a to b", "remove TIP-2007",
        "undo",
    ])
    func changeStatementsAreChanges(source: String) throws {
        #expect(try statement(source).isChange)
    }

    @Test(arguments: ["projects", "show TIP-2007", "progress", "timeline", "tree", "funding", "history", "let x = 1", ".help", "begin", "commit", "rollback"])
    func otherStatementsAreNotChanges(source: String) throws {
        #expect(try !statement(source).isChange)
    }

    @Test func theStatementTextIsKeptAsWritten() throws {
        let statements = try parse("  set TIP-2007 title \"A \\\"b\\\"\" # why\nprojects | count  ")
        #expect(statements.map(\.text) == [#"set TIP-2007 title "A \"b\"""#, "projects | count"])
    }

    @Test func theKindMayBeLeftOut() throws {
        guard case .set(let kind, _, let assignments) = try statement("set TIP-2007 status active") else {
            Issue.record("not a set")
            return
        }
        #expect(kind == nil)
        #expect(assignments.count == 1)
        guard case .set(let named?, _, _) = try statement("set project TIP-2007 status active") else {
            Issue.record("not a set with a kind")
            return
        }
        #expect(named.value == .project)
        #expect(named.token.text == "project")
    }

    @Test func setTakesSeveralFieldsAndListOperations() throws {
        guard case .set(_, _, let assignments) = try statement("set TIP-2007 status active regions + KG-J, KG-O tags - x end 2008") else {
            Issue.record("not a set")
            return
        }
        #expect(assignments.map(\.field.value) == [.status, .regions, .tags, .end])
        #expect(assignments.map(\.operation) == [.replace, .append, .remove, .replace])
        #expect(assignments.map(\.values.count) == [1, 2, 1, 1])
    }

    @Test func addRefusesListOperations() throws {
        let diagnostic = try #require(parseError("add project P regions + KG-J"))
        #expect(diagnostic.message.contains("works in set"))
        #expect(diagnostic.location.column == 23)
    }

    @Test func aSignOnAFieldThatIsNotAListIsAnError() throws {
        let diagnostic = try #require(parseError("set TIP-2007 status + active"))
        #expect(diagnostic.message.contains("status is not a list"))
    }

    @Test func recordTakesItsPartsInAnyOrder() throws {
        guard case .record(_, let value, let date, let dimensions, let note, let source) =
            try statement("record TIP-2007/trained 5 sex=female source \"register\" on 2007-11-01 note \"n\"")
        else {
            Issue.record("not a record")
            return
        }
        #expect(value != nil)
        #expect(date != nil)
        #expect(dimensions.map(\.name.text) == ["sex"])
        #expect(note != nil)
        #expect(source != nil)
    }

    @Test func aQueryHasASourceStagesAndAsOf() throws {
        guard case .query(let query) = try statement("projects where status = active | sort end desc, id | take 2 | columns id, end as of 2007-10-01") else {
            Issue.record("not a query")
            return
        }
        #expect(query.source.value == .projects)
        #expect(query.stages.count == 4)
        #expect(query.asOf != nil)
        guard case .sort(let keys) = query.stages[1] else {
            Issue.record("no sort")
            return
        }
        #expect(keys.map(\.field.value) == [.field(.end), .field(.id)])
        #expect(keys.map(\.descending) == [true, false])
    }

    @Test func historyIsAReportOrASource() throws {
        if case .history = try statement("history TIP-2007 take 3") {} else { Issue.record("history report") }
        if case .history = try statement("history take 3") {} else { Issue.record("history take") }
        if case .query = try statement("history | count by actor") {} else { Issue.record("history source") }
        if case .query = try statement("history where actor = me") {} else { Issue.record("history where") }
    }

    @Test func conditionsBindNotTighterThanAndTighterThanOr() throws {
        guard case .query(let query) = try statement("projects where not status = closed and tags has x or id = P"),
            case .filter(let condition) = query.stages.first
        else {
            Issue.record("no condition")
            return
        }
        guard case .or(.and(.not(.compare), .has), .compare) = condition else {
            Issue.record("parsed as \(condition)")
            return
        }
    }

    @Test func parenthesesGroupConditions() throws {
        guard case .query(let query) = try statement("projects where not (status = closed or status = active)"),
            case .filter(.not(.or)) = query.stages.first
        else {
            Issue.record("parentheses were not kept")
            return
        }
    }

    // MARK: Syntax errors

    @Test func anUnknownStatementSuggestsTheNearest() throws {
        let diagnostic = try #require(parseError("projets"))
        #expect(diagnostic.message == "unknown statement 'projets'")
        #expect(diagnostic.suggestion == "projects")
        #expect(diagnostic.location == FieldScript.SourceLocation(line: 1, column: 1))
        #expect(diagnostic.length == 7)
    }

    @Test func otherToolsWordsPointAtFieldKitsWay() throws {
        #expect(parseError("exit")?.suggestion == ".quit")
        #expect(parseError("Bye")?.suggestion == ".quit")
        let select = try #require(parseError("select id from projects"))
        #expect(select.message.hasPrefix("unknown statement 'select'; FieldKit is not SQL: a question starts with its source"))
        #expect(select.suggestion == nil)
        #expect(parseError("delete P-1")?.message == "unknown statement 'delete'; FieldKit is not SQL: remove <id>")
        // SQL's star would stop the lexer first; the answer is still about the statement.
        let star = try #require(parseError("SELECT * FROM projects"))
        #expect(star.message.hasPrefix("unknown statement 'SELECT'; FieldKit is not SQL"))
        #expect(star.location.column == 1)
        #expect(parseError("projects | columns *")?.message == "unexpected character '*'; quote text that contains it")
    }

    @Test(arguments: [("ad project P", "add"), ("shwo TIP-2007", "show"), ("tre", "tree"), ("fundng", "funding"), ("histroy", "history"), ("regoins", "regions")])
    func misspeltStatementWordsAreSuggested(source: String, suggestion: String) throws {
        #expect(parseError(source)?.suggestion == suggestion)
    }

    @Test func anUnknownStageSuggestsTheNearest() throws {
        let diagnostic = try #require(parseError("projects | srot id"))
        #expect(diagnostic.message == "unknown stage 'srot'")
        #expect(diagnostic.suggestion == "sort")
        #expect(diagnostic.location == FieldScript.SourceLocation(line: 1, column: 12))
        #expect(diagnostic.length == 4)
    }

    @Test func linkWithoutAsSaysSo() throws {
        let diagnostic = try #require(parseError("link TIP-2007 france funder"))
        #expect(diagnostic.message.hasPrefix("expected 'as' and a role"))
        #expect(diagnostic.message.hasSuffix("found 'funder'"))
        #expect(diagnostic.location == FieldScript.SourceLocation(line: 1, column: 22))
    }

    @Test func aMisspeltAsIsSuggested() throws {
        #expect(parseError("link TIP-2007 france sa funder")?.suggestion == "as")
    }

    @Test func anUnknownKindToAddSuggestsTheNearest() throws {
        let diagnostic = try #require(parseError("add projet P"))
        #expect(diagnostic.suggestion == "project")
        #expect(diagnostic.location.column == 5)
    }

    @Test func anUnknownFieldToSetSuggestsTheNearest() throws {
        let diagnostic = try #require(parseError("set project TIP-2007 titel \"x\""))
        #expect(diagnostic.suggestion == "title")
        #expect(diagnostic.location.column == 22)
        #expect(parseError("add partner p nmae \"x\"")?.suggestion == "name")
        #expect(parseError("unset TIP-2007 sumary")?.suggestion == "summary")
    }

    @Test func somethingAfterTheEndOfAQueryIsAnError() throws {
        let diagnostic = try #require(parseError("projects extra"))
        #expect(diagnostic.location.column == 10)
        #expect(diagnostic.suggestion == nil)
        #expect(parseError("projects wher status = active")?.suggestion == "where")
    }

    @Test func anIncompleteConditionSaysWhatWasExpected() throws {
        let diagnostic = try #require(parseError("projects where status"))
        #expect(diagnostic.message.hasPrefix("expected an operator after status"))
        #expect(parseError("projects where status is full")?.message.hasPrefix("expected 'empty'") == true)
    }

    @Test func anUnknownAggregateSuggestsTheNearest() throws {
        #expect(parseError("records | stats summ(value)")?.suggestion == "sum")
    }

    @Test func anUnknownSessionCommandSuggestsTheNearest() throws {
        let diagnostic = try #require(parseError(".hlep"))
        #expect(diagnostic.suggestion == ".help")
    }

    @Test func errorsOnLaterLinesCarryTheirLine() throws {
        let diagnostic = try #require(parseError("projects\npartners\n\n  projects | srot id"))
        #expect(diagnostic.location == FieldScript.SourceLocation(line: 4, column: 14))
    }
}
