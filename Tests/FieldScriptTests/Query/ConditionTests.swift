import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// Every condition operator of LANGUAGE.md, against the Osh scenario.
@Suite struct ConditionTests {
    private func ids(_ condition: String, from source: String = "projects") throws -> [String] {
        try Harness.osh().column("id", of: "\(source) where \(condition) | sort id | columns id")
    }

    // MARK: Comparisons

    @Test(arguments: [
        ("status = active", ["TIP-2007"]),
        ("status != active", ["TIP-2004", "TIP-RESEARCH-2006"]),
        ("start < 2006", ["TIP-2004"]),
        ("start <= 2006", ["TIP-2004", "TIP-RESEARCH-2006"]),
        ("start > 2006", ["TIP-2007"]),
        ("start >= 2006", ["TIP-2007", "TIP-RESEARCH-2006"]),
        ("title ~ RESEARCH", ["TIP-RESEARCH-2006"]),
        ("title ~ \"human trafficking\"", ["TIP-2007", "TIP-RESEARCH-2006"]),
    ])
    func comparisonOperators(condition: String, expected: [String]) throws {
        #expect(try ids(condition) == expected)
    }

    @Test func equalityIsCaseInsensitive() throws {
        #expect(try ids("status = ACTIVE") == ["TIP-2007"])
        #expect(try ids("id = tip-2007") == ["TIP-2007"])
    }

    @Test func aPartialDateEqualsEveryDayItCovers() throws {
        #expect(try ids("end = 2008") == ["TIP-2007"])
        #expect(try ids("end = 2008-01-15") == ["TIP-2007"])
        #expect(try ids("end = 2006") == ["TIP-2004", "TIP-RESEARCH-2006"])
        #expect(try ids("end < 2008-01-15") == ["TIP-2004", "TIP-RESEARCH-2006"])
    }

    @Test func datesCompareWithTodayAndOffsets() throws {
        #expect(try ids("end < today") == ["TIP-2004", "TIP-RESEARCH-2006"])
        #expect(try ids("end < today+90d") == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
        #expect(try ids("start > today-1y") == ["TIP-2007"])
    }

    @Test func numbersCompareAsNumbers() throws {
        #expect(try ids("target >= 30", from: "outcomes") == ["TIP-2007/campaign", "TIP-2007/awareness", "TIP-2007/trained"].sorted())
        #expect(try ids("target < 7", from: "outcomes") == ["TIP-2007/groups"])
        #expect(try ids("outcomes > 0") == ["TIP-2007"])
        #expect(try ids("duration > 1000") == ["TIP-2004"])
    }

    @Test func progressComparesAsAPercentage() throws {
        #expect(try ids("progress < 50%", from: "outcomes") == ["TIP-2007/awareness", "TIP-2007/groups"])
        #expect(try ids("progress < 50", from: "outcomes") == ["TIP-2007/awareness", "TIP-2007/groups"])
        #expect(try ids("progress >= 50%", from: "outcomes") == ["TIP-2007/campaign", "TIP-2007/trained"])
    }

    @Test func moneyComparesWithinACurrency() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2004 budget 100 EUR; set TIP-2007 budget 85000 EUR; set TIP-RESEARCH-2006 budget 90000 USD")
        #expect(try harness.column("id", of: "projects where budget > 50000 EUR | columns id") == ["TIP-2007"])
        #expect(try harness.column("id", of: "projects where budget > 50000 | sort id | columns id") == ["TIP-2007", "TIP-RESEARCH-2006"])
    }

    @Test func anEmptyValueMatchesOnlyNotEqual() throws {
        // TIP-2004 has no funders: it is not equal to france, and not anything else either.
        #expect(try ids("funders != france") == ["TIP-2004", "TIP-RESEARCH-2006"])
        #expect(try ids("progress < 100", from: "projects") == ["TIP-2007"])
    }

    // MARK: in, has, under

    @Test func inMatchesAnyOfAList() throws {
        #expect(try ids("status in (active, pipeline)") == ["TIP-2007"])
        #expect(try ids("status in (active, closed)") == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
        #expect(try ids("id in (TIP-2004, \"TIP-RESEARCH-2006\")") == ["TIP-2004", "TIP-RESEARCH-2006"])
    }

    @Test func hasTestsAList() throws {
        #expect(try ids("funders has france") == ["TIP-2007"])
        #expect(try ids("target-groups has judges") == ["TIP-2007"])
        #expect(try ids("target-groups has \"young people\"") == ["TIP-2007"])
        #expect(try ids("regions has KG-J") == ["TIP-RESEARCH-2006"])
        #expect(try ids("partners has osce-osh") == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
        #expect(try ids("roles has counterpart", from: "partners") == ["batken-admin", "osh-admin", "scme"])
    }

    @Test func underFollowsParentsAndAreaMembers() throws {
        #expect(try ids("regions under KG-B") == ["TIP-2007"])
        #expect(try ids("regions under KG") == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
        #expect(try ids("regions under KG-J") == ["TIP-RESEARCH-2006"])
        // The Ferghana Valley includes KG-O, so every project in Osh lies under it.
        #expect(try ids("regions under ferghana-valley") == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
        // An outcome in the whole valley does not lie under one of its members.
        #expect(try ids("regions under UZ-AN", from: "outcomes") == [])
        #expect(try ids("regions under KG-B", from: "outcomes") == ["TIP-2007/campaign", "TIP-2007/groups", "TIP-2007/trained"])
    }

    @Test func underReachesDescendants() throws {
        let harness = try Harness.osh()
        try harness.run("add project P title \"In Leilek\" regions leilek")
        #expect(try harness.column("id", of: "projects where regions under KG-B | sort id | columns id") == ["P", "TIP-2007"])
        #expect(try harness.column("id", of: "projects where regions under ferghana-valley and id = P | columns id") == ["P"])
    }

    @Test func regionIsAnAliasOfRegions() throws {
        #expect(try ids("region under KG-B") == ["TIP-2007"])
        #expect(try ids("region has KG-O") == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
    }

    @Test func underAnUnknownRegionSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("projects where regions under KG-X")
        #expect(diagnostic.message == "no region 'KG-X'")
        #expect(["KG-B", "KG-J", "KG-O"].contains(diagnostic.suggestion ?? ""))
        #expect(diagnostic.location.column == 30)
    }

    @Test func underWorksOnRegionsThemselves() throws {
        #expect(try ids("id under KG-B", from: "regions") == ["batken-town", "kadamjay", "KG-B", "leilek"])
    }

    // MARK: is empty

    @Test func isEmptyAndIsNotEmpty() throws {
        #expect(try ids("summary is empty") == ["TIP-2004", "TIP-RESEARCH-2006"])
        #expect(try ids("summary is not empty") == ["TIP-2007"])
        #expect(try ids("funders is empty") == ["TIP-2004", "TIP-RESEARCH-2006"])
        #expect(try ids("unit is empty", from: "outcomes") == ["TIP-2007/network"])
        #expect(try ids("dims is not empty", from: "outcomes") == ["TIP-2007/trained"])
    }

    // MARK: and, or, not, parentheses

    @Test func andOrNotAndParentheses() throws {
        #expect(try ids("status = closed and regions has KG-J") == ["TIP-RESEARCH-2006"])
        #expect(try ids("status = active or regions has KG-J") == ["TIP-2007", "TIP-RESEARCH-2006"])
        #expect(try ids("not status = active") == ["TIP-2004", "TIP-RESEARCH-2006"])
        #expect(try ids("not (status = active or regions has KG-J)") == ["TIP-2004"])
        #expect(try ids("status = closed and (regions has KG-J or id = TIP-2007)") == ["TIP-RESEARCH-2006"])
        #expect(try ids("status = closed and regions has KG-J or id = TIP-2007") == ["TIP-2007", "TIP-RESEARCH-2006"])
        #expect(try ids("not not status = active") == ["TIP-2007"])
    }

    @Test func joiningWordsAreCaseInsensitive() throws {
        #expect(try ids("status = closed AND regions has KG-J") == ["TIP-RESEARCH-2006"])
        #expect(try ids("status = active OR regions has KG-J") == ["TIP-2007", "TIP-RESEARCH-2006"])
        #expect(try ids("NOT status = active") == ["TIP-2004", "TIP-RESEARCH-2006"])
        #expect(try ids("status IN (active)") == ["TIP-2007"])
        #expect(try ids("summary IS NOT EMPTY") == ["TIP-2007"])
    }

    @Test func conditionsMaySpanLinesInsideParentheses() throws {
        #expect(try ids("(status = active\n or regions has KG-J)") == ["TIP-2007", "TIP-RESEARCH-2006"])
    }

    @Test func longChainsOfOrAndAndRun() throws {
        // Generated scripts write thousands of terms; that must neither recurse per term nor crash.
        let harness = try Harness.osh()
        let ors = (0..<3000).map { "id = P\($0)" }.joined(separator: " or ")
        #expect(try harness.column("id", of: "projects where \(ors) or id = TIP-2004 | columns id") == ["TIP-2004"])
        let ands = Array(repeating: "status = closed", count: 3000).joined(separator: " and ")
        #expect(try harness.column("id", of: "projects where \(ands) | sort id | columns id") == ["TIP-2004", "TIP-RESEARCH-2006"])
    }

    @Test func nestingUpToTheLimitRuns() throws {
        let depth = Parser.maximumNesting
        let half = depth / 2
        // Alternate or and and at every level, with a not at every other one.
        var condition = "status = active"
        for level in 0..<half {
            condition = level % 2 == 0 ? "(id = x or not \(condition))" : "(id != y and \(condition))"
        }
        #expect(try ids(condition) == ["TIP-2007"])
        let parentheses = String(repeating: "(", count: depth) + "status = active" + String(repeating: ")", count: depth)
        #expect(try ids(parentheses) == ["TIP-2007"])
        let nots = Array(repeating: "not", count: depth).joined(separator: " ")
        #expect(try ids("\(nots) status = active") == ["TIP-2007"])
        #expect(try ids("not \(Array(repeating: "not", count: depth - 2).joined(separator: " ")) status = active") == ["TIP-2004", "TIP-RESEARCH-2006"])
    }

    @Test func deeperNestingIsADiagnosticNotACrash() throws {
        let harness = try Harness.osh()
        let depth = Parser.maximumNesting + 1
        let parentheses = String(repeating: "(", count: 10_000) + "status = active" + String(repeating: ")", count: 10_000)
        let diagnostic = try harness.diagnostic("projects where \(parentheses)")
        #expect(diagnostic.message.hasPrefix("the condition nests parentheses and 'not' more than"))
        #expect(diagnostic.location.column == 15 + depth)
        let nots = Array(repeating: "not", count: 10_000).joined(separator: " ")
        #expect(harness.failure("projects where \(nots) status = active") != nil)
        #expect(harness.failure("progress where \(nots) status = off-track") != nil)
    }

    // MARK: Search

    @Test func aBareStringSearchesTitlesSummariesAndNotes() throws {
        #expect(try ids("\"trafficking\"") == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
        #expect(try ids("\"bus stations\"") == ["TIP-2007"])  // the summary
        #expect(try ids("\"RECRUITMENT routes\"") == ["TIP-RESEARCH-2006"])  // a note
        #expect(try ids("\"nothing like this\"") == [])
        #expect(try ids("\"research\" and status = closed") == ["TIP-RESEARCH-2006"])
    }

    @Test func aBareStringSearchesOtherSourcesToo() throws {
        #expect(try ids("\"migration\"", from: "partners") == ["scme"])
        #expect(try ids("\"batken\"", from: "outcomes") == ["TIP-2007/groups"])
        let harness = try Harness.osh()
        #expect(try harness.column("text", of: "notes where \"campaign\" | columns text") == ["Findings on recruitment routes fed the 2007 awareness campaign."])
    }

    // MARK: Errors

    @Test func aBadEnumValueSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("projects where status = actve")
        #expect(diagnostic.message == "'actve' is not a value of status; use one of pipeline, active, finalising, closed, cancelled, suspended")
        #expect(diagnostic.suggestion == "active")
        #expect(diagnostic.location == FieldScript.SourceLocation(line: 1, column: 25))
        #expect(diagnostic.length == 5)
        #expect(try harness.diagnostic("outcomes where status in (on-track, of-track)").suggestion == "off-track")
        #expect(try harness.diagnostic("links where role = funer").suggestion == "funder")
    }

    @Test func anUnknownFieldInAConditionSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("projects where statsu = active")
        #expect(diagnostic.suggestion == "status")
        #expect(diagnostic.location.column == 16)
        // `funder` is another spelling of `funders`, not a mistake.
        #expect(try ids("funder has france") == ["TIP-2007"])
    }

    @Test func aBadDateInAConditionIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("projects where end < 2007-02-30")
        #expect(diagnostic.message == "'2007-02-30' is not a date: February 2007 has 28 days")
        #expect(diagnostic.location.column == 22)
    }
}

@Suite struct FractionComparisonTests {
    @Test func aProgressExactlyAtTheThresholdIsNotBelowIt() throws {
        let harness = try Harness.osh()
        try harness.session.runScript(
            "add outcome TIP-2007/exact measure count target 50\nrecord TIP-2007/exact 14 on 2007-10-01", name: "t")
        let below = try harness.rows("outcomes where id = TIP-2007/exact and progress < 28% | count")
        let equal = try harness.rows("outcomes where id = TIP-2007/exact and progress = 28% | count")
        #expect(below == [["0"]])
        #expect(equal == [["1"]])
    }

    @Test func asciiTextComparesAsFoundationDoes() {
        // Every pair of ASCII characters, and strings that differ in case, length and punctuation.
        let singles = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let words = ["", "a", "A", "ab", "aB", "a-b", "a_b", "a[b", "Pipeline", "pipeline", "pipelines", "TIP-2007", "tip-2006", "Z", "z", "~", "@"]
        for a in singles + words {
            for b in singles + words {
                #expect(ConditionCompiler.caseInsensitiveOrder(a, b) == a.compare(b, options: [.caseInsensitive]), "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
    }

    @Test func otherTextComparesThroughFoundation() {
        #expect(ConditionCompiler.caseInsensitiveOrder("Ош", "ОШ") == .orderedSame)
        #expect(ConditionCompiler.caseInsensitiveOrder("Straße", "STRASSE") == "Straße".compare("STRASSE", options: [.caseInsensitive]))
        #expect(ConditionCompiler.caseInsensitiveOrder("a", "é") == .orderedAscending)
    }
}
