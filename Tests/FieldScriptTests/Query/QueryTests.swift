import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// Every source, stage and derived field of LANGUAGE.md, against the Osh scenario.
@Suite struct QueryTests {
    // MARK: Sources

    @Test(arguments: [
        ("projects", 3), ("partners", 6), ("regions", 14), ("outcomes", 5), ("records", 7), ("notes", 3), ("links", 8),
        ("history", -1),  // one entry per statement of the scenario
    ])
    func everySourceHasItsRows(source: String, count: Int) throws {
        let harness = try Harness.osh()
        let count = count < 0 ? try Harness.oshStatementLines().count : count
        #expect(try harness.table(source).rows.count == count)
        #expect(try harness.rows("\(source) | count") == [["\(count)"]])
    }

    @Test(arguments: [
        ("projects", ["id", "title", "status", "start", "end", "regions"]),
        ("partners", ["id", "name", "kind", "country", "projects"]),
        ("regions", ["id", "name", "level", "parent", "projects"]),
        ("outcomes", ["id", "title", "current", "target", "progress", "status"]),
        ("records", ["outcome", "date", "value", "dims", "note"]),
        ("notes", ["project", "date", "text"]),
        ("links", ["project", "partner", "role", "amount"]),
        ("history", ["seq", "time", "actor", "origin", "statement"]),
    ])
    func everySourceHasDefaultColumns(source: String, columns: [String]) throws {
        let harness = try Harness.osh()
        // `history` alone is the report; as a source it is followed by a stage or `where`.
        let query = source == "history" ? "history | take 1000" : source
        #expect(try harness.table(query).names == columns)
    }

    @Test func historyAloneIsTheReportWithWhatChanged() throws {
        let harness = try Harness.osh()
        #expect(try harness.table("history").names == ["seq", "time", "actor", "origin", "statement", "changed", "undoes"])
        #expect(try harness.table("history where seq > 0").names == ["seq", "time", "actor", "origin", "statement"])
    }

    @Test func projectsAreInIdOrder() throws {
        let harness = try Harness.osh()
        #expect(try harness.column("id", of: "projects") == ["TIP-2004", "TIP-2007", "TIP-RESEARCH-2006"])
    }

    @Test(arguments: [
        ("projects", ["id", "title", "summary", "status", "start", "end", "actual-start", "actual-end", "budget", "sectors", "target-groups", "regions", "tags"]),
        ("partners", ["id", "name", "acronym", "kind", "country", "ref", "contact"]),
        ("regions", ["id", "name", "level", "parent", "includes"]),
        ("outcomes", ["id", "title", "level", "unit", "measure", "baseline", "baseline-date", "target", "due", "direction", "regions", "dims"]),
    ])
    func everyStoredFieldCanBeQueried(source: String, fields: [String]) throws {
        let harness = try Harness.osh()
        let table = try harness.table("\(source) | columns \(fields.joined(separator: ", "))")
        #expect(table.names == fields)
    }

    @Test func storedFieldsHoldTheirValues() throws {
        let harness = try Harness.osh()
        let project = try #require(try harness.table("projects | columns id, status, start, end, sectors, target-groups, regions, tags").row("TIP-2007"))
        #expect(project["status"] == "active")
        #expect(project["start"] == "2007-04-24")
        #expect(project["end"] == "2008-01")
        #expect(project["sectors"] == "15190")
        #expect(project["target-groups"] == "students, young people, lawyers, judges")
        #expect(project["regions"] == "KG-O, KG-B, ferghana-valley")
        #expect(project["tags"] == "trafficking, awareness")
        let partner = try #require(try harness.table("partners | columns id, name, acronym, kind, country, contact").row("osce-osh"))
        #expect(partner["acronym"] == "OSCE")
        #expect(partner["kind"] == "multilateral")
        #expect(partner["contact"] == "Jerome Bouyjou, Head of Office")
        let region = try #require(try harness.table("regions | columns id, name, level, parent, includes").row("ferghana-valley"))
        #expect(region["level"] == "area")
        #expect(region["includes"] == "KG-O, KG-J, KG-B, UZ-AN, UZ-FA, UZ-NG, TJ-SU")
        #expect(try harness.table("regions | columns id, name, parent").row("batken-town")?["name"] == "Баткен")
    }

    @Test func theOtherSourcesHoldTheirValues() throws {
        let harness = try Harness.osh()
        #expect(try harness.rows("notes where project = TIP-RESEARCH-2006 | columns project, date, text")
            == [["TIP-RESEARCH-2006", "2006-12", "Findings on recruitment routes fed the 2007 awareness campaign."]])
        #expect(try harness.rows("links where project = TIP-2007 and role = funder") == [["TIP-2007", "france", "funder", ""]])
        let history = try harness.table("history | columns seq, actor, origin, statement, changes, undoes | take 1")
        #expect(history.texts == [["1", "officer", "osh-2007.fk:\(try Harness.oshStatementLines()[0])", "add region KG-B", "2", ""]])
    }

    // MARK: Derived fields

    @Test func projectsDerivedFields() throws {
        let harness = try Harness.osh()
        let table = try harness.table("projects | columns id, funders, implementers, partners, outcomes, progress, duration")
        let tip = try #require(table.row("TIP-2007"))
        #expect(tip["funders"] == "france")
        #expect(tip["implementers"] == "golden-goal")
        #expect(Set(tip["partners"]?.components(separatedBy: ", ") ?? []) == ["france", "osce-osh", "golden-goal", "batken-admin", "osh-admin", "scme"])
        #expect(tip["outcomes"] == "5")
        #expect(tip["progress"] == "48%")
        #expect(tip["duration"] == "283")
        let old = try #require(table.row("TIP-2004"))
        #expect(old["funders"] == "")
        #expect(old["outcomes"] == "0")
        #expect(old["progress"] == "")
        #expect(old["duration"] == "1096")
    }

    @Test func projectsDurationPrefersActualDates() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 actual-start 2007-05-01 actual-end 2007-05-31")
        #expect(try harness.column("duration", of: "projects where id = TIP-2007 | columns duration") == ["31"])
    }

    @Test func outcomesDerivedFields() throws {
        let harness = try Harness.osh()
        let table = try harness.table("outcomes | columns id, project, current, progress, expected, status, last-recorded")
        #expect(table.row("TIP-2007/groups") == [
            "id": "TIP-2007/groups", "project": "TIP-2007", "current": "2", "progress": "33%", "expected": "78%",
            "status": "off-track", "last-recorded": "2007-09-30",
        ])
        #expect(table.row("TIP-2007/trained")?["current"] == "30")
        #expect(table.row("TIP-2007/campaign")?["current"] == "21")
        #expect(table.row("TIP-2007/awareness")?["current"] == "35")
        #expect(table.row("TIP-2007/network")?["progress"] == "")
        #expect(table.row("TIP-2007/network")?["last-recorded"] == "2007-10-01")
    }

    @Test func partnersDerivedFields() throws {
        let harness = try Harness.osh()
        let table = try harness.table("partners | columns id, projects, roles")
        #expect(table.row("osce-osh")?["projects"] == "TIP-2004, TIP-2007, TIP-RESEARCH-2006")
        #expect(table.row("osce-osh")?["roles"] == "lead")
        #expect(table.row("france")?["roles"] == "funder")
        try harness.run("link TIP-2004 france as funder")
        #expect(try harness.table("partners | columns id, projects, roles").row("france")?["projects"] == "TIP-2004, TIP-2007")
    }

    @Test func regionsCountTheProjectsUnderThem() throws {
        let harness = try Harness.osh()
        let table = try harness.table("regions | columns id, projects")
        #expect(table.row("KG")?["projects"] == "3")
        #expect(table.row("KG-O")?["projects"] == "3")
        #expect(table.row("KG-B")?["projects"] == "1")
        #expect(table.row("KG-J")?["projects"] == "1")
        #expect(table.row("leilek")?["projects"] == "0")
        #expect(table.row("ferghana-valley")?["projects"] == "3")
    }

    @Test func recordsDerivedFields() throws {
        let harness = try Harness.osh()
        let rows = try harness.rows("records where outcome = TIP-2007/trained | columns project, outcome, date, value, note, source, dims | sort dims")
        #expect(rows == [
            ["TIP-2007", "TIP-2007/trained", "2007-10-15", "12", "", "training register", "sex=female"],
            ["TIP-2007", "TIP-2007/trained", "2007-10-15", "18", "", "training register", "sex=male"],
        ])
        #expect(try harness.column("note", of: "records where outcome = TIP-2007/groups | columns note") == ["Leilek and Kadamjay"])
    }

    @Test func currencyIsDerivedFromTheBudget() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 budget 85000 EUR")
        #expect(try harness.rows("projects where budget is not empty | columns id, budget, currency") == [["TIP-2007", "85000 EUR", "EUR"]])
    }

    // MARK: Stages

    @Test func whereKeepsMatchingRows() throws {
        let harness = try Harness.osh()
        #expect(try harness.column("id", of: "projects where status = closed") == ["TIP-2004", "TIP-RESEARCH-2006"])
        #expect(try harness.column("id", of: "projects | where status = closed | where id ~ research") == ["TIP-RESEARCH-2006"])
    }

    @Test func sortAscendingDescendingAndByManyKeys() throws {
        let harness = try Harness.osh()
        #expect(try harness.column("id", of: "projects | sort start") == ["TIP-2004", "TIP-RESEARCH-2006", "TIP-2007"])
        #expect(try harness.column("id", of: "projects | sort start asc") == ["TIP-2004", "TIP-RESEARCH-2006", "TIP-2007"])
        #expect(try harness.column("id", of: "projects | sort start desc") == ["TIP-2007", "TIP-RESEARCH-2006", "TIP-2004"])
        #expect(try harness.column("id", of: "projects | sort status, end desc") == ["TIP-2007", "TIP-RESEARCH-2006", "TIP-2004"])
        #expect(try harness.column("id", of: "outcomes | sort progress desc") == [
            "TIP-2007/campaign", "TIP-2007/trained", "TIP-2007/awareness", "TIP-2007/groups", "TIP-2007/network",
        ])
    }

    @Test func sortPutsEmptyValuesLastEitherWay() throws {
        let harness = try Harness.osh()
        #expect(try harness.column("id", of: "outcomes | sort progress").last == "TIP-2007/network")
        #expect(try harness.column("id", of: "outcomes | sort progress desc").last == "TIP-2007/network")
    }

    @Test func sortOrdersNumbersByValue() throws {
        let harness = try Harness.osh()
        #expect(try harness.column("target", of: "outcomes where target is not empty | sort target | columns target") == ["6", "30", "60", "60"])
    }

    @Test func takeKeepsTheFirstRows() throws {
        let harness = try Harness.osh()
        #expect(try harness.column("id", of: "projects | sort start desc | take 2") == ["TIP-2007", "TIP-RESEARCH-2006"])
        #expect(try harness.table("projects | take 0").rows.isEmpty)
        #expect(try harness.table("projects | take 10").rows.count == 3)
        // Plain digits take a short path; every other way of writing a whole number still counts.
        #expect(try harness.table("projects | take 2.0").rows.count == 2)
        #expect(try harness.table("projects | take 0_1").rows.count == 1)
    }

    @Test func takeNeedsAWholeNumber() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("projects | take 1.5")
        #expect(diagnostic.message == "'1.5' is not a whole number of rows")
        #expect(diagnostic.location.column == 17)
        #expect(try harness.diagnostic("projects | take -1").message == "'-1' is not a whole number of rows")
        #expect(try harness.diagnostic("projects | take 99999999999999999999").message == "'99999999999999999999' is not a whole number of rows")
    }

    @Test func columnsChoosesAndOrders() throws {
        let harness = try Harness.osh()
        let table = try harness.table("projects where id = TIP-2007 | columns end, id")
        #expect(table.names == ["end", "id"])
        #expect(table.texts == [["2008-01", "TIP-2007"]])
    }

    @Test func columnsFollowsFieldAliases() throws {
        let harness = try Harness.osh()
        #expect(try harness.table("projects | columns id, region").names == ["id", "regions"])
    }

    @Test func countWithoutAndWithBy() throws {
        let harness = try Harness.osh()
        #expect(try harness.rows("projects | count") == [["3"]])
        #expect(try harness.rows("projects where status = pipeline | count") == [["0"]])
        #expect(try harness.rows("projects | count by status") == [["active", "1"], ["closed", "2"]])
        #expect(try harness.table("projects | count by status").names == ["status", "count"])
        #expect(try harness.rows("links | count by project, role") == [
            ["TIP-2004", "lead", "1"], ["TIP-2007", "counterpart", "3"], ["TIP-2007", "funder", "1"],
            ["TIP-2007", "implementer", "1"], ["TIP-2007", "lead", "1"], ["TIP-RESEARCH-2006", "lead", "1"],
        ])
    }

    @Test func countByAListCountsEachElement() throws {
        let harness = try Harness.osh()
        #expect(try harness.rows("projects | count by regions") == [["ferghana-valley", "1"], ["KG-B", "1"], ["KG-J", "1"], ["KG-O", "3"]])
    }

    @Test func statsCountSumAvgMinMax() throws {
        let harness = try Harness.osh()
        let table = try harness.table("records where value is not empty | stats count, sum(value), avg(value), min(value), max(value)")
        #expect(table.names == ["count", "sum(value)", "avg(value)", "min(value)", "max(value)"])
        #expect(table.rows.first?.prefix(2).map(\.text) == ["6", "88"])
        guard case .number(let average)? = table.rows.first?[2] else {
            Issue.record("avg is not a number")
            return
        }
        #expect(abs(NSDecimalNumber(decimal: average).doubleValue - 88.0 / 6) < 0.000_001)
        #expect(table.rows.first?[3].text == "2")
        #expect(table.rows.first?[4].text == "35")
    }

    @Test func statsBy() throws {
        let harness = try Harness.osh()
        let rows = try harness.rows("records | stats count, sum(value), avg(value), min(value), max(value) by outcome")
        #expect(rows == [
            ["TIP-2007/awareness", "1", "35", "35", "35", "35"],
            ["TIP-2007/campaign", "2", "21", "10.5", "9", "12"],
            ["TIP-2007/groups", "1", "2", "2", "2", "2"],
            ["TIP-2007/network", "1", "", "", "", ""],
            ["TIP-2007/trained", "2", "30", "15", "12", "18"],
        ])
    }

    @Test func statsOfDatesFractionsAndMoney() throws {
        let harness = try Harness.osh()
        #expect(try harness.rows("outcomes | stats min(due), max(due), avg(progress)") == [["2007-09", "2008-01", "48%"]])
        try harness.run("set TIP-2004 budget 100 EUR; set TIP-2007 budget 85000 EUR; set TIP-RESEARCH-2006 budget 50 USD")
        #expect(try harness.rows("projects | stats sum(budget) by currency") == [["EUR", "85100 EUR"], ["USD", "50 USD"]])
    }

    @Test func statsOfAFieldThatIsNotThereSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("records | stats sum(valeu)")
        #expect(diagnostic.suggestion == "value")
        #expect(diagnostic.location.column == 21)
    }

    @Test func stagesRunInOrder() throws {
        let harness = try Harness.osh()
        #expect(try harness.rows("records | sort value desc | take 3 | stats sum(value)") == [["65"]])
        #expect(try harness.rows("projects | count by status | sort count desc | take 1") == [["closed", "2"]])
        #expect(try harness.rows("projects | count by status | where count > 1 | columns status") == [["closed"]])
    }

    // MARK: export

    @Test(arguments: [
        (
            "csv",
            "id,end\r\nTIP-2004,2006\r\nTIP-2007,2008-01\r\n"
        ),
        (
            "tsv",
            "id\tend\nTIP-2004\t2006\nTIP-2007\t2008-01\n"
        ),
        (
            "json",
            "[\n  {\n    \"id\": \"TIP-2004\",\n    \"end\": \"2006\"\n  },\n  {\n    \"id\": \"TIP-2007\",\n    \"end\": \"2008-01\"\n  }\n]\n"
        ),
        (
            "jsonl",
            "{\"id\":\"TIP-2004\",\"end\":\"2006\"}\n{\"id\":\"TIP-2007\",\"end\":\"2008-01\"}\n"
        ),
        (
            "markdown",
            "| id       | end     |\n| -------- | ------- |\n| TIP-2004 | 2006    |\n| TIP-2007 | 2008-01 |\n"
        ),
    ])
    func exportWritesTheRowsInsteadOfShowingThem(format: String, expected: String) throws {
        let harness = try Harness.osh()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        harness.session.directory = folder
        let outputs = try harness.run("projects where id != TIP-RESEARCH-2006 | columns id, end | export \(format) \"out.\(format)\"")
        #expect(outputs == [.message("exported 2 rows to out.\(format)")])
        let written = try String(contentsOf: folder.appendingPathComponent("out.\(format)"), encoding: .utf8)
        #expect(written == expected)
        #expect(written == Renderer(format: try #require(Format(rawValue: format))).render(.table(Table(
            columns: [Column("id"), Column("end")],
            rows: [[.text("TIP-2004"), .day(try day("2006"))], [.text("TIP-2007"), .day(try day("2008-01"))]]))))
    }

    @Test func exportToAnAbsolutePath() throws {
        let harness = try Harness.osh()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("count.csv").path
        try harness.run("projects | count by status | export csv \"\(path)\"")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "status,count\r\nactive,1\r\nclosed,2\r\n")
    }

    @Test func exportMustBeTheLastStage() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("projects | export csv \"x.csv\" | take 1")
        #expect(diagnostic.message == "export must be the last stage")
    }

    @Test func anUnknownExportFormatSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        harness.session.directory = folder
        let diagnostic = try harness.diagnostic("projects | export jsnl \"x.jsonl\"")
        #expect(diagnostic.suggestion == "jsonl")
        #expect(diagnostic.location.column == 19)
    }

    @Test func exportToAFolderThatDoesNotExistIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("projects | export csv \"/nonexistent-folder/x/out.csv\"")
        #expect(diagnostic.message.hasPrefix("cannot write '/nonexistent-folder/x/out.csv'"))
    }

    // MARK: as of

    @Test func asOfIgnoresLaterRecordsAndComputesForThatDay() throws {
        let harness = try Harness.osh()
        let table = try harness.table("outcomes | columns id, current, progress, expected, status, last-recorded as of 2007-10-01")
        #expect(table.row("TIP-2007/groups") == [
            "id": "TIP-2007/groups", "current": "2", "progress": "33%", "expected": "57%", "status": "at-risk",
            "last-recorded": "2007-09-30",
        ])
        #expect(table.row("TIP-2007/trained")?["current"] == "0")
        #expect(table.row("TIP-2007/trained")?["status"] == "not-started")
        #expect(table.row("TIP-2007/awareness")?["current"] == "20")
    }

    @Test func asOfFollowsAnyQuery() throws {
        let harness = try Harness.osh()
        #expect(try harness.rows("records | count as of 2007-09-30") == [["3"]])
        #expect(try harness.rows("records where outcome = TIP-2007/campaign | stats sum(value) as of 2007-07") == [["12"]])
        #expect(try harness.column("date", of: "notes | sort date as of 2007-06-01") == ["2006-12", "2007-04-24"])
        #expect(try harness.column("progress", of: "projects where id = TIP-2007 | columns progress as of 2007-10-01") == ["26%"])
    }

    @Test func asOfTakesEveryFormOfDate() throws {
        let harness = try Harness.osh()
        #expect(try harness.rows("records | count as of 2007") == [["7"]])
        #expect(try harness.rows("records | count as of 2007-08") == [["2"]])
        #expect(try harness.rows("records | count as of today-2m") == [["4"]])
    }

    @Test func asOfWithABadDateIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("records | count as of 2007-13")
        #expect(diagnostic.message.hasPrefix("'2007-13' is not a date"))
        #expect(diagnostic.location.column == 23)
    }

    // MARK: Unknown fields

    @Test func anUnknownFieldSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("projects | columns id, titel")
        #expect(diagnostic.message.hasPrefix("no field 'titel' here; the fields are id, title, summary"))
        #expect(diagnostic.suggestion == "title")
        #expect(diagnostic.location == FieldScript.SourceLocation(line: 1, column: 24))
        #expect(try harness.diagnostic("projects | sort ned").suggestion == "end")
        #expect(try harness.diagnostic("projects | count by stauts").suggestion == "status")
    }
}
