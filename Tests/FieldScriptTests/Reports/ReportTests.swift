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
        #expect(card.sections.map(\.title) == ["partners", "regions", "outcomes", "notes"])
        let partners = try #require(card.section("partners"))
        // In IATI's order of roles: funding, accountable (lead), extending, implementing, then counterparts.
        #expect(partners.column("role") == ["funder", "lead", "implementer", "counterpart", "counterpart", "counterpart"])
        #expect(partners.column("partner").contains("golden-goal"))
        #expect(partners.column("name").contains("Government of France"))
        #expect(card.section("outcomes")?.rows.count == 5)
        // Outcomes with their bars: the progress column is drawn as one, marked at the expected.
        let outcomes = try #require(card.section("outcomes"))
        #expect(outcomes.columns.first { $0.name == "progress" }?.drawing == .bar(mark: "expected"))
        #expect(outcomes.column("outcome").contains("groups"))
        // Regions with their place in the hierarchy.
        #expect(card.section("regions")?.texts.first == ["KG-O", "Osh", "Kyrgyzstan", ""])
        #expect(card.section("regions")?.column("within").last == "area of 7 regions")
        // The latest notes first.
        #expect(card.section("notes")?.column("date") == ["2007-09-30", "2007-04-24"])
        // Who created it and who changed it last, from the journal.
        #expect(card.field("created")?.contains("by officer (osh-2007.fk:") == true)
        #expect(card.field("changed")?.contains("by officer (osh-2007.fk:") == true)
    }

    @Test func aProjectCardSaysWhoChangedItLast() throws {
        let harness = try Harness.osh(actor: "bishkek-office")
        try harness.run("set TIP-2007 status finalising")
        let card = try harness.card("show TIP-2007")
        #expect(card.field("created")?.contains("by officer (osh-2007.fk:") == true)
        #expect(card.field("changed")?.hasSuffix("by bishkek-office (repl)") == true)
    }

    @Test func showAPartner() throws {
        let harness = try Harness.osh()
        let card = try harness.card("show partner golden-goal")
        #expect(card.title == "partner golden-goal")
        #expect(card.field("name") == "Golden Goal")
        #expect(card.field("kind") == "national-ngo")
        #expect(card.section("projects")?.texts == [["implementer", "TIP-2007", "Combating human trafficking in south Kyrgyzstan", "active", ""]])
        #expect(card.section("money") == nil)  // no amounts
        try harness.run("link TIP-2007 france as funder amount 85000 EUR")
        let france = try harness.card("show partner france")
        #expect(france.section("money")?.texts == [["funder", "EUR", "85000 EUR", "1"]])
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
        #expect(card.section("projects under it")?.column("where") == ["here"])
        #expect(card.field("contains") == "Баткен, Kadamjay, Leilek")
        let country = try harness.card("show region KG")
        #expect(country.section("projects under it")?.column("where").contains("KG-O, KG-B") == true)
    }

    @Test func showAnOutcome() throws {
        let harness = try Harness.osh()
        let card = try harness.card("show TIP-2007/groups")
        #expect(card.title == "outcome TIP-2007/groups")
        #expect(card.field("current") == "2")
        #expect(card.field("progress") == "33%")
        #expect(card.field("status") == "off-track")
        #expect(card.section("records")?.texts == [["2007-09-30", "2", "Leilek and Kadamjay", ""]])
        #expect(card.fields.first { $0.name == "progress" }?.drawing == .bar(mark: "expected"))
    }

    @Test func anOutcomeCardHasAColumnPerDimensionAndASparkline() throws {
        let harness = try Harness.osh()
        try harness.run("""
            record TIP-2007/trained 5 on 2007-11-01 sex=female
            record TIP-2007/trained 7 on 2007-11-20 sex=male
            """)
        let card = try harness.card("show TIP-2007/trained")
        let records = try #require(card.section("records"))
        #expect(records.names == ["date", "value", "sex", "note", "source"])
        #expect(records.column("sex").suffix(2) == ["female", "male"])
        let history = try #require(card.fields.first { $0.name == "history" })
        #expect(history.drawing == .sparkline)
        // The running total after each day: a count adds up.
        guard case .list(let points) = history.value else { Issue.record("not a list"); return }
        #expect(points.map(\.text) == ["30", "35", "42"])
        let drawn = Renderer(format: .table, width: 80).render(.card(card))
        #expect(drawn.contains("history"))
        #expect(drawn.contains { "▁▂▃▄▅▆▇█".contains($0) })
        // Data formats carry the numbers, never the glyphs.
        let csv = Renderer(format: .csv).render(.card(card))
        #expect(!csv.contains { "▁▂▃▄▅▆▇█░".contains($0) })
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

    /// What completion offers after a report's `|` is what the report's rows hold.
    @Test func theColumnNamesCompletionKnowsAreTheReportsOwn() throws {
        let harness = try Harness.osh()
        for (statement, word, byProject) in [
            ("progress", "progress", false), ("timeline", "timeline", false), ("tree", "tree", false),
            ("funding", "funding", false), ("funding by project", "funding", true), ("history take 1", "history", false),
        ] {
            #expect(try harness.table(statement).names == Reports.columnNames(of: word, byProject: byProject), "\(statement)")
        }
    }

    // MARK: progress

    static let progressColumns = [
        "project", "project-title", "id", "outcome", "title", "baseline", "current", "target", "unit", "progress", "expected",
        "status", "last-recorded", "note",
    ]

    @Test func progressOfAProject() throws {
        let harness = try Harness.osh()
        let table = try harness.table("progress TIP-2007")
        #expect(table.names == ReportTests.progressColumns)
        #expect(table.rows.count == 5)
        let trained = try #require(table.row("TIP-2007/trained", in: "id"))
        #expect(trained["project"] == "TIP-2007")
        #expect(trained["project-title"] == "Combating human trafficking in south Kyrgyzstan")
        #expect(trained["outcome"] == "trained")
        #expect(trained["progress"] == "50%")
        #expect(trained["expected"] == "88%")
        #expect(trained["status"] == "off-track")
        #expect(table.row("TIP-2007/awareness", in: "id")?["baseline"] == "20")
    }

    @Test func progressOfEverythingOrWhere() throws {
        let harness = try Harness.osh()
        #expect(try harness.table("progress").rows.count == 5)
        #expect(try harness.table("progress where status = off-track").column("id") == [
            "TIP-2007/awareness", "TIP-2007/campaign", "TIP-2007/groups", "TIP-2007/trained",
        ])
        #expect(try harness.table("progress where unit = groups").column("id") == ["TIP-2007/groups"])
    }

    @Test func progressIsASourceForStages() throws {
        let harness = try Harness.osh()
        let table = try harness.table("progress TIP-2007 | where status = off-track | sort progress desc | columns outcome, progress")
        #expect(table.texts == [["campaign", "70%"], ["trained", "50%"], ["awareness", "38%"], ["groups", "33%"]])
        // The qualitative outcome has no status: it counts under an empty one.
        #expect(try harness.table("progress | count by status").texts == [["off-track", "4"], ["", "1"]])
        let diagnostic = try harness.diagnostic("progress | where staus = off-track")
        #expect(diagnostic.suggestion == "status")
        #expect(try harness.diagnostic("progress | where status = of-track").suggestion == "off-track")
    }

    @Test func progressAsOf() throws {
        let harness = try Harness.osh()
        let table = try harness.table("progress TIP-2007 as of 2007-10-01")
        #expect(table.row("TIP-2007/groups", in: "id")?["expected"] == "57%")
        #expect(table.row("TIP-2007/groups", in: "id")?["status"] == "at-risk")
        #expect(table.row("TIP-2007/trained", in: "id")?["current"] == "0")
        #expect(try harness.table("progress as of 2007-10-01").rows.count == 5)
        // `as of` may also come after the stages, as it does in a query.
        #expect(try harness.table("progress TIP-2007 | where outcome = groups as of 2007-10-01").column("status") == ["at-risk"])
    }

    @Test func progressByADimensionSplitsEachOutcomeThatDeclaresIt() throws {
        let harness = try Harness.osh()
        let table = try harness.table("progress TIP-2007/trained by sex")
        #expect(table.names.contains("sex"))
        #expect(table.column("sex") == ["female", "male"])
        let female = try #require(table.row("female", in: "sex"))
        let male = try #require(table.row("male", in: "sex"))
        // Each value's own current value; together they make the whole's.
        let whole = try harness.table("progress TIP-2007/trained").column("current").first
        #expect(Int(female["current"] ?? "") ?? 0 + (Int(male["current"] ?? "") ?? 0) > 0)
        #expect((Int(female["current"] ?? "") ?? 0) + (Int(male["current"] ?? "") ?? 0) == Int(whole ?? ""))
        // An outcome that does not declare it keeps one row, without a value.
        let all = try harness.table("progress TIP-2007 by sex")
        #expect(all.row("TIP-2007/groups", in: "id")?["sex"] == "")
        #expect(try harness.diagnostic("progress by sx").suggestion == "sex")
    }

    @Test func aDimensionNamedLikeAColumnGetsAColumnOfItsOwn() throws {
        let harness = try Harness.osh()
        try harness.run("""
            add outcome TIP-2007/displaced title "Displaced people reached" measure count target 100 dims status
            record TIP-2007/displaced 10 on 2007-10-01 status=idp
            record TIP-2007/displaced 5 on 2007-10-02 status=returnee
            """)
        let table = try harness.table("progress TIP-2007/displaced by status")
        #expect(table.names.contains("by-status"))
        #expect(table.column("by-status") == ["idp", "returnee"])
        #expect(Set(table.column("status")).isSubset(of: Set(OutcomeStatus.allCases.map(\.rawValue))))
    }

    @Test func historyKeepsLongValuesWholeInData() throws {
        let harness = try Harness.osh()
        let summary = String(repeating: "A long summary of the work in Batken. ", count: 4)
        try harness.run("set TIP-2007 summary \"\(summary)\"")
        let changed = try #require(try harness.table("history take 1").rows.first?[5])
        #expect(changed.text.contains(summary.trimmingCharacters(in: .whitespaces)))
        let drawn = Renderer(format: .table, width: 200).render(.table(try harness.table("history take 1 | columns changed")))
        #expect(drawn.contains("…"))
    }

    @Test func qualitativeOutcomesShowTheirLatestNoteAndNoBar() throws {
        let harness = try Harness.osh()
        try harness.run("""
            add outcome TIP-2007/cooperation title "Cooperation with the migration committee" measure qualitative
            record TIP-2007/cooperation on 2007-06-01 note "First meeting"
            record TIP-2007/cooperation on 2007-09-15 note "Joint plan signed"
            """)
        let row = try #require(try harness.table("progress TIP-2007").row("TIP-2007/cooperation", in: "id"))
        #expect(row["note"] == "Joint plan signed")
        #expect(row["last-recorded"] == "2007-09-15")
        #expect(row["progress"] == "")
        #expect(row["expected"] == "")
        #expect(row["status"] == "")
        let earlier = try #require(try harness.table("progress TIP-2007 as of 2007-07-01").row("TIP-2007/cooperation", in: "id"))
        #expect(earlier["note"] == "First meeting")
    }

    @Test func progressOfAnUnknownProjectSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        #expect(try harness.diagnostic("progress TIP-2070").suggestion == "TIP-2007")
    }

    // MARK: timeline

    @Test func timelineListsEveryProjectWithADateAndItsDates() throws {
        let harness = try Harness.osh()
        let table = try harness.table("timeline")
        #expect(table.names == ["id", "title", "status", "start", "end", "actual-start", "actual-end"])
        #expect(table.column("id") == ["TIP-2004", "TIP-RESEARCH-2006", "TIP-2007"])
        #expect(table.row("TIP-2007")?["start"] == "2007-04-24")
        #expect(table.row("TIP-2007")?["end"] == "2008-01")
        #expect(table.timeline?.today == harness.session.today)
    }

    @Test func timelineWhereAndAsOf() throws {
        let harness = try Harness.osh()
        #expect(try harness.table("timeline where status = closed").column("id") == ["TIP-2004", "TIP-RESEARCH-2006"])
        let earlier = try harness.table("timeline where id = TIP-2007 as of 2007-06-01")
        #expect(earlier.timeline?.today.description == "2007-06-01")
        #expect(try harness.table("timeline | where status = active").column("id") == ["TIP-2007"])
    }

    @Test func timelineWithoutDatesHasNoRows() throws {
        let harness = try Harness()
        try harness.run("add project P title \"Undated\"")
        #expect(try harness.table("timeline").rows.isEmpty)
    }

    // MARK: tree

    @Test func treeOfARegion() throws {
        let harness = try Harness.osh()
        let table = try harness.table("tree KG-B")
        #expect(table.names == ["region", "id", "level", "direct", "projects", "active", "depth", "parent"])
        #expect(table.texts == [
            ["Batken", "KG-B", "province", "1", "1", "1", "0", ""],
            ["Баткен", "batken-town", "city", "0", "0", "0", "1", "KG-B"],
            ["Kadamjay", "kadamjay", "district", "0", "0", "0", "1", "KG-B"],
            ["Leilek", "leilek", "district", "0", "0", "0", "1", "KG-B"],
        ])
    }

    @Test func treeOfAnAreaListsItsMembersAcrossBorders() throws {
        let harness = try Harness.osh()
        let table = try harness.table("tree ferghana-valley")
        #expect(table.column("region").first == "Ferghana Valley")
        #expect(table.row("Osh")?["parent"] == "ferghana-valley")
        #expect(table.row("Sughd")?["id"] == "TJ-SU")
        #expect(table.row("Sughd")?["depth"] == "1")
        // Members are listed, not walked again: their districts stay under their countries.
        #expect(!table.column("id").contains("leilek"))
    }

    @Test func theWholeTreeStartsFromCountriesAndEndsWithAreas() throws {
        let harness = try Harness.osh()
        let table = try harness.table("tree")
        let ids = table.column("id")
        #expect(ids.first == "KG")
        #expect(table.row("Kyrgyzstan")?["projects"] == "3")
        #expect(table.row("Kyrgyzstan")?["active"] == "1")
        #expect(table.row("Kyrgyzstan")?["direct"] == "0")
        #expect(ids.contains("TJ") && ids.contains("UZ"))
        let valley = try #require(ids.firstIndex(of: "ferghana-valley"))
        #expect(valley > (ids.firstIndex(of: "UZ") ?? ids.count))
    }

    @Test func treeOfAnUnknownRegionSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        #expect(try harness.diagnostic("tree ferghana-vally").suggestion == "ferghana-valley")
    }

    // MARK: funding

    @Test func fundingTotalsByFunderAndCurrency() throws {
        let harness = try Harness.osh()
        #expect(try harness.rows("funding") == [["france", "Government of France", "", "", "1", "TIP-2007"]])
        try harness.run("""
            link TIP-2007 france as funder amount 85000 EUR
            add partner sida name "Sida" kind government country SE
            link TIP-2004 sida as funder amount 100000 SEK
            link TIP-RESEARCH-2006 sida as funder amount 20000 SEK
            link TIP-2007 sida as funder amount 5000 USD
            """)
        let table = try harness.table("funding")
        #expect(table.names == ["funder", "name", "currency", "amount", "projects", "breakdown"])
        #expect(table.texts == [
            ["france", "Government of France", "EUR", "85000 EUR", "1", "TIP-2007 85000 EUR"],
            ["sida", "Sida", "SEK", "120000 SEK", "2", "TIP-2004 100000 SEK, TIP-RESEARCH-2006 20000 SEK"],
            ["sida", "Sida", "USD", "5000 USD", "1", "TIP-2007 5000 USD"],
        ])
        #expect(try harness.rows("funding where status = active | columns funder, amount") == [
            ["france", "85000 EUR"], ["sida", "5000 USD"],
        ])
        #expect(try harness.rows("funding | sort amount desc | take 1 | columns funder, amount") == [["sida", "5000 USD"]])
    }

    @Test func fundingByProjectSetsTheBudgetAgainstTheFunding() throws {
        let harness = try Harness.osh()
        try harness.run("""
            set TIP-2007 budget 100000 EUR
            link TIP-2007 france as funder amount 85000 EUR
            add partner sida name "Sida" kind government country SE
            link TIP-2007 sida as funder amount 5000 USD
            """)
        let table = try harness.table("funding where id = TIP-2007 by project")
        #expect(table.names == ["project", "title", "currency", "budget", "funded", "covered", "gap", "funders"])
        // Never added across currencies: a row for each.
        #expect(table.texts.map { Array($0[2...]) } == [
            ["EUR", "100000 EUR", "85000 EUR", "85%", "15000 EUR", "france"],
            ["USD", "", "5000 USD", "", "", "sida"],
        ])
    }

    // MARK: history

    @Test func historyShowsTheJournal() throws {
        let harness = try Harness.osh(actor: "analyst")
        try harness.run("set TIP-2007 status finalising")
        let lines = try Harness.oshStatementLines()
        let table = try harness.table("history take 2")
        #expect(table.names == ["seq", "time", "actor", "origin", "statement", "changed", "undoes"])
        #expect(table.column("seq") == ["\(lines.count)", "\(lines.count + 1)"])
        #expect(table.column("actor") == ["officer", "analyst"])
        #expect(table.column("origin") == ["osh-2007.fk:\(lines.last ?? 0)", "repl"])
        #expect(table.column("statement").last == "set TIP-2007 status finalising")
        #expect(table.column("changed").last == "project TIP-2007 status: active → finalising")
        #expect(try harness.table("history").rows.count == lines.count + 1)
    }

    @Test func historyShowsEachFieldOldAndNew() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 status closed end 2008-03 regions + KG-J")
        let changed = try #require(try harness.table("history take 1").rows.first?[5])
        guard case .list(let items) = changed else { Issue.record("not a list: \(changed)"); return }
        #expect(items.map(\.text) == [
            "project TIP-2007 status: active → closed", "project TIP-2007 end: 2008-01 → 2008-03",
            "project TIP-2007 regions: KG-O, KG-B, ferghana-valley → KG-O, KG-B, ferghana-valley, KG-J",
        ])
        guard case .change(let first) = items[0] else { Issue.record("not a change"); return }
        #expect(first.old == .text("active") && first.new == .text("closed") && first.field == "status")
    }

    @Test func historyFiltersByActorAndDates() throws {
        let harness = try Harness.osh(actor: "bishkek-office")
        try harness.run("set TIP-2007 status finalising")
        #expect(try harness.table("history by bishkek-office").column("statement") == ["set TIP-2007 status finalising"])
        #expect(try harness.table("history by BISHKEK-OFFICE take 5").rows.count == 1)
        #expect(try harness.table("history by nobody").rows.isEmpty)
        #expect(try harness.table("history since 2999-01-01").rows.isEmpty)
        #expect(try harness.table("history until 1999-12-31").rows.isEmpty)
        let lines = try Harness.oshStatementLines()
        #expect(try harness.table("history since 2000 until 2999").rows.count == lines.count + 1)
        #expect(try harness.table("history TIP-2007 by bishkek-office").rows.count == 1)
        #expect(try harness.table("history | where actor = officer | count").texts == [["\(lines.count)"]])
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
