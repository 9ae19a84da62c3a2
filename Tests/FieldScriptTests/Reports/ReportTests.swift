import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// `show progress timeline tree funding history`, against the Osh scenario.
@Suite struct ReportTests {
    // MARK: show

    @Test func showAProject() throws {
        let harness = try Harness.osh()
        let card = try harness.card("show TIP-2007")
        #expect(card.title == "project TIP-2007")
        #expect(card.field("title") == "Combating human trafficking in south Kyrgyzstan")
        #expect(card.field("status") == "active")
        #expect(card.field("funders") == "france")
        #expect(card.field("budget") == nil)  // empty fields are left out
        #expect(card.sections.map(\.title) == ["partners", "outcomes", "notes"])
        let partners = try #require(card.section("partners"))
        // In IATI's order of roles: funding, accountable (lead), extending, implementing, then counterparts.
        #expect(partners.column("role") == ["funder", "lead", "implementer", "counterpart", "counterpart", "counterpart"])
        #expect(partners.column("partner").contains("golden-goal"))
        #expect(partners.column("name").contains("Government of France"))
        #expect(card.section("outcomes")?.rows.count == 5)
        #expect(card.section("notes")?.column("date") == ["2007-04-24", "2007-09-30"])
    }

    @Test func showAPartner() throws {
        let harness = try Harness.osh()
        let card = try harness.card("show partner golden-goal")
        #expect(card.title == "partner golden-goal")
        #expect(card.field("name") == "Golden Goal")
        #expect(card.field("kind") == "national-ngo")
        #expect(card.section("projects")?.texts == [["TIP-2007", "Combating human trafficking in south Kyrgyzstan", "implementer", ""]])
    }

    @Test func showARegion() throws {
        let harness = try Harness.osh()
        let card = try harness.card("show region KG-B")
        #expect(card.title == "region KG-B")
        #expect(card.field("name") == "Batken")
        #expect(card.field("level") == "province")
        #expect(card.field("within") == "Kyrgyzstan")
        #expect(card.field("areas") == "ferghana-valley")
        #expect(card.section("projects under it")?.column("project") == ["TIP-2007"])
    }

    @Test func showAnOutcome() throws {
        let harness = try Harness.osh()
        let card = try harness.card("show TIP-2007/groups")
        #expect(card.title == "outcome TIP-2007/groups")
        #expect(card.field("current") == "2")
        #expect(card.field("progress") == "33%")
        #expect(card.field("status") == "off-track")
        #expect(card.section("records")?.texts == [["2007-09-30", "2", "", "Leilek and Kadamjay", ""]])
    }

    @Test func showWithoutAKindFindsTheOneThing() throws {
        let harness = try Harness.osh()
        #expect(try harness.card("show golden-goal").title == "partner golden-goal")
        #expect(try harness.card("show KG-O").title == "region KG-O")
        #expect(try harness.card("show tip-2007").title == "project TIP-2007")
    }

    @Test func showAnUnknownIdSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("show partner golden-gaol")
        #expect(diagnostic.message == "no partner 'golden-gaol'")
        #expect(diagnostic.suggestion == "golden-goal")
        #expect(diagnostic.location.column == 14)
    }

    @Test func showAnAmbiguousIdAsksWhich() throws {
        let harness = try Harness.osh()
        try harness.run("add partner leilek name \"Leilek NGO\"")
        let diagnostic = try harness.diagnostic("show leilek")
        #expect(diagnostic.message.contains("names a partner and a region"))
        #expect(try harness.card("show partner leilek").field("name") == "Leilek NGO")
    }

    // MARK: progress

    @Test func progressOfAProject() throws {
        let harness = try Harness.osh()
        let table = try harness.table("progress TIP-2007")
        #expect(table.names == ["id", "title", "current", "target", "unit", "progress", "expected", "status", "last-recorded"])
        #expect(table.rows.count == 5)
        #expect(table.row("TIP-2007/trained")?["progress"] == "50%")
        #expect(table.row("TIP-2007/trained")?["expected"] == "88%")
        #expect(table.row("TIP-2007/trained")?["status"] == "off-track")
    }

    @Test func progressOfEverythingOrWhere() throws {
        let harness = try Harness.osh()
        #expect(try harness.table("progress").rows.count == 5)
        #expect(try harness.table("progress where status = off-track").column("id") == [
            "TIP-2007/awareness", "TIP-2007/campaign", "TIP-2007/groups", "TIP-2007/trained",
        ])
        #expect(try harness.table("progress where unit = groups").column("id") == ["TIP-2007/groups"])
    }

    @Test func progressAsOf() throws {
        let harness = try Harness.osh()
        let table = try harness.table("progress TIP-2007 as of 2007-10-01")
        #expect(table.row("TIP-2007/groups")?["expected"] == "57%")
        #expect(table.row("TIP-2007/groups")?["status"] == "at-risk")
        #expect(table.row("TIP-2007/trained")?["current"] == "0")
        #expect(try harness.table("progress as of 2007-10-01").rows.count == 5)
    }

    @Test func progressOfAnUnknownProjectSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        #expect(try harness.diagnostic("progress TIP-2070").suggestion == "TIP-2007")
    }

    // MARK: timeline

    @Test func timelineDrawsEveryProjectWithAStart() throws {
        let harness = try Harness.osh()
        let table = try harness.table("timeline")
        #expect(table.names.prefix(4) == ["id", "start", "end", "status"])
        #expect(table.names.last == "2004-01-01 … 2008-01-31")
        #expect(table.column("id") == ["TIP-2004", "TIP-RESEARCH-2006", "TIP-2007"])
        let bars = table.rows.map { $0[4].text }
        #expect(bars.allSatisfy { $0.count == 40 })
        #expect(bars[2].hasSuffix("█"))
        #expect(bars[2].contains("▓"))  // today lies inside TIP-2007
        #expect(bars[0].hasPrefix("█"))
    }

    @Test func timelineWhereAndAsOf() throws {
        let harness = try Harness.osh()
        #expect(try harness.table("timeline where status = closed").column("id") == ["TIP-2004", "TIP-RESEARCH-2006"])
        let earlier = try harness.table("timeline where id = TIP-2007 as of 2007-06-01")
        #expect(earlier.rows.first?[4].text.contains("▓") == true)
    }

    @Test func timelineWithoutDatesIsAPlainList() throws {
        let harness = try Harness()
        try harness.run("add project P title \"Undated\"")
        #expect(try harness.table("timeline").names == ["id", "start", "end", "status"])
    }

    // MARK: tree

    @Test func treeOfARegion() throws {
        let harness = try Harness.osh()
        let table = try harness.table("tree KG-B")
        #expect(table.texts == [
            ["Batken (KG-B)", "province", "1"],
            ["├─ Баткен (batken-town)", "city", "0"],
            ["├─ Kadamjay (kadamjay)", "district", "0"],
            ["└─ Leilek (leilek)", "district", "0"],
        ])
    }

    @Test func treeOfAnAreaMarksItsMembers() throws {
        let harness = try Harness.osh()
        let labels = try harness.table("tree ferghana-valley").column("region")
        #expect(labels.first == "Ferghana Valley (ferghana-valley)")
        #expect(labels.contains("├─ Osh (KG-O) ◇"))
        #expect(labels.contains("└─ Sughd (TJ-SU) ◇"))
    }

    @Test func theWholeTreeStartsFromCountriesAndEndsWithAreas() throws {
        let harness = try Harness.osh()
        let table = try harness.table("tree")
        let labels = table.column("region")
        #expect(labels.first == "Kyrgyzstan (KG)")
        #expect(labels.contains("├─ Batken (KG-B)"))
        #expect(labels.contains("Tajikistan (TJ)"))
        #expect(labels.contains("Uzbekistan (UZ)"))
        #expect(table.rows.first?[2].text == "3")
        let valley = try #require(labels.firstIndex(of: "Ferghana Valley (ferghana-valley)"))
        #expect(valley > (labels.firstIndex(of: "Uzbekistan (UZ)") ?? labels.count))
    }

    @Test func treeOfAnUnknownRegionSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        #expect(try harness.diagnostic("tree ferghana-vally").suggestion == "ferghana-valley")
    }

    // MARK: funding

    @Test func fundingTotalsByFunderAndCurrency() throws {
        let harness = try Harness.osh()
        #expect(try harness.rows("funding") == [["france", "Government of France", "", "1"]])
        try harness.run("""
            link TIP-2007 france as funder amount 85000 EUR
            add partner sida name "Sida" kind government country SE
            link TIP-2004 sida as funder amount 100000 SEK
            link TIP-RESEARCH-2006 sida as funder amount 20000 SEK
            link TIP-2007 sida as funder amount 5000 USD
            """)
        let table = try harness.table("funding")
        #expect(table.names == ["funder", "name", "amount", "projects"])
        #expect(table.texts == [
            ["france", "Government of France", "85000 EUR", "1"],
            ["sida", "Sida", "120000 SEK", "2"],
            ["sida", "Sida", "5000 USD", "1"],
        ])
        #expect(try harness.rows("funding where status = active") == [
            ["france", "Government of France", "85000 EUR", "1"], ["sida", "Sida", "5000 USD", "1"],
        ])
    }

    // MARK: history

    @Test func historyShowsTheJournal() throws {
        let harness = try Harness.osh(actor: "analyst")
        try harness.run("set TIP-2007 status finalising")
        let lines = try Harness.oshStatementLines()
        let table = try harness.table("history take 2")
        #expect(table.names == ["seq", "time", "actor", "origin", "statement"])
        #expect(table.column("seq") == ["\(lines.count)", "\(lines.count + 1)"])
        #expect(table.column("actor") == ["officer", "analyst"])
        #expect(table.column("origin") == ["osh-2007.fk:\(lines.last ?? 0)", "repl"])
        #expect(table.column("statement").last == "set TIP-2007 status finalising")
        #expect(try harness.table("history").rows.count == lines.count + 1)
    }

    @Test func historyOfOneThing() throws {
        let harness = try Harness.osh()
        #expect(try harness.table("history france").column("statement") == [
            "add partner france name \"Government of France\" kind government country FR",
            "link TIP-2007 france as funder",
        ])
        #expect(try harness.table("history partner scme take 1").column("statement") == ["link TIP-2007 scme as counterpart"])
        // An outcome's history is part of its project's.
        #expect(try harness.table("history TIP-2007/groups").rows.count == 2)
        #expect(try harness.table("history TIP-2007").rows.count > 10)
    }

    @Test func historyOfSomethingRemovedOrRenamed() throws {
        let harness = try Harness.osh()
        try harness.run("rename partner scme to smc")
        #expect(try harness.table("history smc").column("statement").last == "rename partner scme to smc")
        try harness.run("remove partner smc force")
        #expect(try harness.table("history smc").column("statement").last == "remove partner smc force")
    }

    @Test func historyAsASourceCanBeQueried() throws {
        let harness = try Harness.osh(actor: "analyst")
        try harness.run("set TIP-2007 status finalising; undo")
        let lines = try Harness.oshStatementLines()
        #expect(try harness.rows("history | count by actor") == [["analyst", "2"], ["officer", "\(lines.count)"]])
        #expect(try harness.rows("history where undoes is not empty | columns seq, statement, undoes")
            == [["\(lines.count + 2)", "undo", "\(lines.count + 1)"]])
        #expect(try harness.rows("history where origin ~ \"osh-2007.fk:\" | take 2 | columns origin")
            == [["osh-2007.fk:\(lines[0])"], ["osh-2007.fk:\(lines[1])"]])
        #expect(try harness.rows("history where origin = repl | columns statement") == [["set TIP-2007 status finalising"], ["undo"]])
    }
}

@Suite struct HistoryAcrossRenamesTests {
    @Test func historyFollowsAProjectThroughItsRenames() throws {
        let harness = try Harness.osh()
        try harness.session.runScript("rename TIP-2007 to TIP-07\nrename TIP-07 to TRAFFICKING-2007", name: "t")
        let statements = try harness.column("statement", of: "history TRAFFICKING-2007")
        #expect(statements.contains { $0.hasPrefix("add project TIP-2007") })
        #expect(statements.contains("rename TIP-2007 to TIP-07"))
        #expect(statements.contains("rename TIP-07 to TRAFFICKING-2007"))
        #expect(!statements.contains { $0.hasPrefix("add project TIP-2004") })
    }
}
