import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// The lexical rules of LANGUAGE.md, one by one.
@Suite struct LexerTests {
    // MARK: Statement ends

    @Test func aStatementEndsAtANewline() throws {
        let statements = try parse("projects\npartners\n")
        #expect(statements.map(\.text) == ["projects", "partners"])
        #expect(statements.map(\.location.line) == [1, 2])
    }

    @Test func aStatementEndsAtASemicolon() throws {
        let statements = try parse("projects; partners;regions")
        #expect(statements.map(\.text) == ["projects", "partners", "regions"])
        #expect(statements.map(\.location.column) == [1, 11, 20])
    }

    @Test func emptyStatementsAndBlankLinesAreSkipped() throws {
        #expect(try parse("\n\n;;  \n projects ;\n\n").map(\.text) == ["projects"])
        #expect(try parse("").isEmpty)
    }

    @Test func windowsLineEndsEndStatementsToo() throws {
        let statements = try parse("projects\r\npartners\r\n")
        #expect(statements.map(\.text) == ["projects", "partners"])
        #expect(statements.map(\.location.line) == [1, 2])
    }

    // MARK: Continuation

    @Test func aTrailingBackslashContinuesTheStatement() throws {
        let statements = try parse("add partner unicef \\\n  name \"UNICEF\" \\\n  kind multilateral\nprojects")
        #expect(statements.count == 2)
        #expect(statements[1].location.line == 4)
        let harness = try Harness()
        try harness.run("add partner unicef \\\n  name \"UNICEF\" \\\n  kind multilateral")
        #expect(harness.partner("unicef")?.name == "UNICEF")
        #expect(harness.partner("unicef")?.kind == .multilateral)
    }

    @Test func aBackslashMayBeFollowedBySpacesBeforeTheLineEnd() throws {
        #expect(try parse("projects \\   \n | count").count == 1)
    }

    @Test func aBackslashInsideALineIsAnError() throws {
        let diagnostic = try #require(parseError("projects \\ | count"))
        #expect(diagnostic.location == FieldScript.SourceLocation(line: 1, column: 10))
        #expect(diagnostic.message.contains("only at the end of a line"))
    }

    @Test func anUnclosedQuoteContinuesOnTheNextLine() throws {
        let statements = try parse("add partner p name \"two\nlines\"\nprojects")
        #expect(statements.count == 2)
        let harness = try Harness()
        try harness.run("add partner p name \"two\nlines\" kind other")
        #expect(harness.partner("p")?.name == "two\nlines")
        #expect(harness.partner("p")?.kind == .other)
    }

    @Test func anUnclosedParenthesisContinuesOnTheNextLine() throws {
        let statements = try parse("projects where status in (active,\n  closed)\npartners")
        #expect(statements.count == 2)
        let harness = try Harness.osh()
        #expect(try harness.column("id", of: "projects where status in (active,\n closed) | sort id") == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
    }

    @Test func anUnclosedBracketContinuesOnTheNextLine() throws {
        let kinds = try tokens("a [\n b ]\nc").map(\.kind)
        #expect(kinds == [.word, .symbol, .word, .symbol, .end, .word, .end])
    }

    @Test(arguments: [
        ("projects \\", true),
        ("add partner p name \"abc", true),
        ("projects where status in (active,", true),
        ("x [", true),
        ("projects", false),
        ("add partner p name \"abc\"", false),
        ("projects where status in (active)", false),
        ("projects # (an open comment does not count", false),
    ])
    func theReaderAsksForMoreInputWhileAStatementIsOpen(text: String, more: Bool) {
        #expect(Session.needsMoreInput(text) == more)
    }

    // MARK: Comments

    @Test func aHashStartsACommentToTheEndOfTheLine() throws {
        let statements = try parse("# a whole line\nprojects # all of them\n  # indented\npartners")
        #expect(statements.map(\.text) == ["projects", "partners"])
        #expect(statements.map(\.location.line) == [2, 4])
    }

    @Test func aCommentMayEndALineInsideParentheses() throws {
        let harness = try Harness.osh()
        let ids = try harness.column("id", of: "projects where status in (active,  # the live ones\n  closed) | sort id")
        #expect(ids == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
    }

    @Test func aHashEndsAWord() throws {
        #expect(try tokens("projects#comment").map(\.text) == ["projects", "\n"])
    }

    @Test func aHashInsideAStringIsText() throws {
        let harness = try Harness()
        try harness.run("add partner p name \"Room #4\" # the office")
        #expect(harness.partner("p")?.name == "Room #4")
    }

    // MARK: Words

    @Test(arguments: ["TIP-2007", "KG-B", "golden-goal", "TIP-2007/groups", "snake_case", "v1.2", "Баткен", "日本", "Ош-2007/группы"])
    func wordsHoldLettersOfAnyScriptDigitsAndUnderscoreDashDotSlash(word: String) throws {
        let lexed = try tokens(word)
        #expect(lexed.count == 2)
        #expect(lexed[0].kind == .word)
        #expect(lexed[0].text == word)
        #expect(lexed[1].kind == .end)
    }

    @Test func idsInAnyScriptWorkEndToEnd() throws {
        let harness = try Harness.osh()
        try harness.run("add region бишкек name \"Бишкек\" level city parent KG-B")
        #expect(harness.region("бишкек")?.name == "Бишкек")
        #expect(try harness.column("id", of: "regions where parent = KG-B | sort id") == ["batken-town", "kadamjay", "leilek", "бишкек"])
    }

    // MARK: Strings

    @Test(arguments: [
        (#""say \"hi\"""#, #"say "hi""#),
        (#""back\\slash""#, #"back\slash"#),
        (#""one\ntwo""#, "one\ntwo"),
        (#""tab\there""#, "tab\there"),
        (#""plain, with ; and | and #""#, "plain, with ; and | and #"),
        (#""""#, ""),
    ])
    func stringsTakeTheFourEscapes(source: String, text: String) throws {
        let lexed = try tokens(source)
        #expect(lexed.first?.kind == .string)
        #expect(lexed.first?.text == text)
    }

    @Test func escapedStringsReachTheStore() throws {
        let harness = try Harness()
        try harness.run(#"add partner p name "A \"quoted\" \\ name\twith\nlines""#)
        #expect(harness.partner("p")?.name == "A \"quoted\" \\ name\twith\nlines")
    }

    // MARK: Numbers

    @Test(arguments: [("6", "6"), ("12.5", "12.5"), ("-3", "-3"), ("85_000", "85000"), ("50%", "50")])
    func numbers(written: String, value: String) throws {
        let lexed = try tokens(written)
        #expect(lexed[0].kind == .word)
        #expect(lexed[0].text == written)
        let evaluator = Evaluator(portfolio: Portfolio(), variables: [:], today: try day("2007-12-01"))
        #expect(try evaluator.number(.token(lexed[0])) == Decimal(string: value))
    }

    @Test func aMinusBeforeADigitIsANumberAndBeforeASpaceASign() throws {
        #expect(try tokens("-3").map(\.kind) == [.word, .end])
        #expect(try tokens("- v").map(\.kind) == [.symbol, .word, .end])
        #expect(try tokens("+ v").map(\.kind) == [.symbol, .word, .end])
    }

    @Test func numbersReachTheStore() throws {
        let harness = try Harness.osh()
        try harness.run("set outcome TIP-2007/groups target 12.5 baseline 0")
        #expect(harness.outcome("TIP-2007/groups")?.target == Decimal(string: "12.5"))
        try harness.run("add outcome TIP-2007/budget-gap title \"Budget gap\" measure level direction down baseline 85_000 target -3")
        #expect(harness.outcome("TIP-2007/budget-gap")?.baseline == 85_000)
        #expect(harness.outcome("TIP-2007/budget-gap")?.target == -3)
        try harness.run("set outcome TIP-2007/awareness target 75%")
        #expect(harness.outcome("TIP-2007/awareness")?.target == 75)
    }

    @Test func aPercentageRecordsItsNumber() throws {
        let harness = try Harness.osh()
        try harness.run("record TIP-2007/awareness 50% on 2007-12-01")
        #expect(try harness.column("value", of: "records where outcome = TIP-2007/awareness and date = 2007-12-01 | columns value") == ["50"])
    }

    // MARK: Dates

    @Test(arguments: [
        ("2007-04-24", "2007-04-24", Day.Precision.day),
        ("2008-01", "2008-01", Day.Precision.month),
        ("2007", "2007", Day.Precision.year),
        ("today", "2007-12-01", Day.Precision.day),
        ("today+90d", "2008-02-29", Day.Precision.day),
        ("today-2w", "2007-11-17", Day.Precision.day),
        ("today+3m", "2008-03-01", Day.Precision.day),
        ("today-1y", "2006-12-01", Day.Precision.day),
    ])
    func dates(written: String, expected: String, precision: Day.Precision) throws {
        let harness = try Harness.osh()
        try harness.run("add project D title \"Dates\" end \(written)")
        let end = try #require(harness.project("D")?.end)
        #expect(end.description == expected)
        #expect(end.precision == precision)
    }

    @Test func anOffsetMayBeWrittenWithSpaces() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 end today + 90d")
        #expect(harness.project("TIP-2007")?.end?.description == "2008-02-29")
        try harness.run("set TIP-2007 end today - 2w")
        #expect(harness.project("TIP-2007")?.end?.description == "2007-11-17")
    }

    @Test func todayFollowsTheSettings() throws {
        let harness = try Harness.osh(today: "2008-02-29")
        try harness.run("set TIP-2007 end today+1y")
        #expect(harness.project("TIP-2007")?.end?.description == "2009-02-28")
    }

    @Test func aYearInADateFieldIsAYear() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 actual-end 2008")
        #expect(harness.project("TIP-2007")?.actualEnd == (try day("2008")))
        #expect(harness.project("TIP-2007")?.actualEnd?.precision == .year)
    }

    // MARK: Money

    @Test func moneyIsANumberAndAnISO4217Code() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 budget 85000 EUR")
        #expect(harness.project("TIP-2007")?.budget == (try Money(amount: 85000, currency: "EUR")))
        try harness.run("set TIP-2007 budget 85_000.50 usd")
        #expect(harness.project("TIP-2007")?.budget == (try Money(amount: Decimal(string: "85000.5") ?? 0, currency: "USD")))
    }

    // MARK: Lists

    @Test func listsAreValuesSeparatedByCommas() throws {
        let harness = try Harness.osh()
        try harness.run("add project P title \"P\" regions KG-O, KG-B tags one, \"two words\", three")
        #expect(harness.project("P")?.regions == ["KG-O", "KG-B"])
        #expect(harness.project("P")?.tags == ["one", "two words", "three"])
    }

    @Test func plusAddsToAListAndMinusRemovesFromIt() throws {
        let harness = try Harness.osh()
        try harness.run("set project TIP-2007 regions + KG-J")
        #expect(harness.project("TIP-2007")?.regions == ["KG-O", "KG-B", "ferghana-valley", "KG-J"])
        try harness.run("set project TIP-2007 regions - KG-O")
        #expect(harness.project("TIP-2007")?.regions == ["KG-B", "ferghana-valley", "KG-J"])
        try harness.run("set TIP-2007 target-groups - judges, lawyers")
        #expect(harness.project("TIP-2007")?.targetGroups == ["students", "young people"])
        try harness.run("set TIP-2007 tags + monitoring")
        #expect(harness.project("TIP-2007")?.tags == ["trafficking", "awareness", "monitoring"])
    }

    @Test func withoutASignTheListIsReplaced() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 tags one, two")
        #expect(harness.project("TIP-2007")?.tags == ["one", "two"])
    }

    // MARK: Variables

    @Test func letSetsAVariableThatDollarNameReads() throws {
        let harness = try Harness.osh()
        try harness.run("let month = 2007-09")
        #expect(harness.session.variables["month"] == "2007-09")
        #expect(try harness.column("date", of: "records where date <= $month | sort date") == ["2007-06-30", "2007-08-31", "2007-09-30"])
        try harness.run("let p = TIP-2007; set $p status finalising")
        #expect(harness.project("TIP-2007")?.status == .finalising)
    }

    @Test func variablesSetFromOutsideWorkLikeLet() throws {
        // `fieldkit --set month=2007-09` puts the variable in the session before it runs.
        let harness = try Harness.osh()
        harness.session.variables["month"] = "2007-09"
        #expect(try harness.column("date", of: "records where date <= $month | sort date").count == 3)
    }

    @Test func anUnknownVariableIsAnErrorWithASuggestion() throws {
        let harness = try Harness.osh()
        try harness.run("let month = 2007-09")
        let diagnostic = try harness.diagnostic("records where date <= $monht")
        #expect(diagnostic.message.hasPrefix("no variable '$monht'"))
        #expect(diagnostic.suggestion == "$month")
        #expect(diagnostic.location == FieldScript.SourceLocation(line: 1, column: 23))
    }

    @Test func aVariableMayHoldADateWithAnOffset() throws {
        let harness = try Harness.osh()
        try harness.run("let due = today+3m; set TIP-2007 end $due")
        #expect(harness.project("TIP-2007")?.end?.description == "2008-03-01")
    }

    // MARK: Keywords

    @Test func keywordsAndFieldNamesAreCaseInsensitive() throws {
        let harness = try Harness.osh()
        try harness.run("SET Project TIP-2007 STATUS Finalising")
        #expect(harness.project("TIP-2007")?.status == .finalising)
        #expect(try harness.column("id", of: "PROJECTS WHERE Status = finalising | COLUMNS ID") == ["TIP-2007"])
        try harness.run("RECORD TIP-2007/groups 4 ON 2007-11-01 NOTE \"four\" SOURCE \"visit\"")
        #expect(harness.portfolio.measurements(of: OutcomeID(project: "TIP-2007", key: "groups")).contains { $0.source == "visit" })
    }

    @Test func aKeywordIsAWholeWord() {
        let word = { (text: String) in Token(kind: .word, text: text, location: SourceLocation(line: 1, column: 1), length: text.count) }
        #expect(word("where").isKeyword("where"))
        #expect(word("WhErE").isKeyword("where"))
        #expect(!word("wher").isKeyword("where"))
        #expect(!word("wheres").isKeyword("where"))
        #expect(!word("w-ere").isKeyword("where"))
        #expect(!word("whére").isKeyword("where"))
        #expect(!Token(kind: .string, text: "where", location: SourceLocation(line: 1, column: 1), length: 7).isKeyword("where"))
    }

    @Test func idsMatchCaseInsensitivelyAndKeepTheirCase() throws {
        let harness = try Harness.osh()
        try harness.run("set tip-2007 status finalising")
        #expect(harness.project("TIP-2007")?.status == .finalising)
        try harness.run("add partner UNDP name \"UNDP\"")
        #expect(try harness.column("id", of: "partners where id = undp | columns id") == ["UNDP"])
    }
}
