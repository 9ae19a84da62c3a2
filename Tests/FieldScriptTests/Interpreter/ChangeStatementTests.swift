import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// Every change statement of LANGUAGE.md, run at the prompt against the Osh scenario.
@Suite struct ChangeStatementTests {
    // MARK: add

    @Test func addProjectWithEveryField() throws {
        let harness = try Harness.osh()
        try harness.run("""
            add project TIP-2009 title "Follow-up" summary "Second phase" status pipeline start 2009-01 end 2009-12-31 \
            actual-start 2009-02-01 actual-end 2010 budget 120000 EUR sectors 15190, 15160 target-groups students, "young people" \
            regions KG-J tags follow-up
            """)
        let project = try #require(harness.project("TIP-2009"))
        #expect(project.title == "Follow-up")
        #expect(project.summary == "Second phase")
        #expect(project.status == .pipeline)
        #expect(project.start == (try day("2009-01")))
        #expect(project.end == (try day("2009-12-31")))
        #expect(project.actualStart == (try day("2009-02-01")))
        #expect(project.actualEnd == (try day("2010")))
        #expect(project.budget == (try Money(amount: 120_000, currency: "EUR")))
        #expect(project.sectors == ["15190", "15160"])
        #expect(project.targetGroups == ["students", "young people"])
        #expect(project.regions == ["KG-J"])
        #expect(project.tags == ["follow-up"])
        #expect(harness.messages.last == "added project TIP-2009")
    }

    @Test func addPartnerWithEveryField() throws {
        let harness = try Harness.osh()
        try harness.run("""
            add partner unicef name "UNICEF" acronym UNICEF kind multilateral country kg ref XM-DAC-41122 \
            contact "Jane Doe, Child Protection Officer", "John Roe"
            """)
        let partner = try #require(harness.partner("unicef"))
        #expect(partner.name == "UNICEF")
        #expect(partner.acronym == "UNICEF")
        #expect(partner.kind == .multilateral)
        #expect(partner.country == "KG")
        #expect(partner.ref == "XM-DAC-41122")
        #expect(partner.contacts == [Contact(name: "Jane Doe", role: "Child Protection Officer"), Contact(name: "John Roe", role: nil)])
    }

    @Test func aCountryMustBeAnISOCode() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("add partner p name \"P\" country KGZ")
        #expect(diagnostic.message.contains("is not an ISO 3166-1 alpha-2 country code"))
        #expect(diagnostic.location.column == 32)
        #expect(harness.partner("p") == nil)
    }

    @Test func addRegionFromISO3166FillsNameLevelAndParent() throws {
        let harness = try Harness()
        try harness.run("add region KG-B")
        let batken = try #require(harness.region("KG-B"))
        #expect(batken.name == "Batken")
        #expect(batken.level == .province)
        #expect(batken.parent == "KG")
        // Its country comes with it, from the gazetteer.
        #expect(harness.region("KG")?.name == "Kyrgyzstan")
        #expect(harness.region("KG")?.level == .country)
        #expect(harness.messages == ["added region KG (Kyrgyzstan) from ISO 3166\nadded region KG-B"])
    }

    @Test func addRegionOfYourOwnNeedsALevel() throws {
        let harness = try Harness.osh()
        try harness.run("add region aravan name \"Aravan\" level district parent KG-O")
        #expect(harness.region("aravan") == Region(id: "aravan", name: "Aravan", level: .district, parent: "KG-O"))
        let diagnostic = try harness.diagnostic("add region nowhere name \"Nowhere\"")
        #expect(diagnostic.message.contains("is not an ISO 3166 code, so give its level"))
        #expect(diagnostic.location.column == 12)
    }

    @Test func addRegionAsAnAreaWithMembers() throws {
        let harness = try Harness.osh()
        try harness.run("add region south name \"South\" level area includes KG-O, KG-B")
        #expect(harness.region("south")?.includes == ["KG-O", "KG-B"])
        #expect(harness.region("south")?.level == .area)
    }

    @Test func addOutcomeWithEveryField() throws {
        let harness = try Harness.osh()
        try harness.run("""
            add outcome TIP-2007/hotline title "Hotline calls answered" level outcome unit calls measure level \
            baseline 10 baseline-date 2007-05 target 500 due 2008-01 direction up regions KG-O, KG-B dims sex, age
            """)
        let outcome = try #require(harness.outcome("TIP-2007/hotline"))
        #expect(outcome.title == "Hotline calls answered")
        #expect(outcome.level == .outcome)
        #expect(outcome.unit == "calls")
        #expect(outcome.measure == .level)
        #expect(outcome.baseline == 10)
        #expect(outcome.baselineDate == (try day("2007-05")))
        #expect(outcome.target == 500)
        #expect(outcome.due == (try day("2008-01")))
        #expect(outcome.direction == .up)
        #expect(outcome.regions == ["KG-O", "KG-B"])
        #expect(outcome.dims == ["sex", "age"])
    }

    @Test func addOutcomeOfAnUnknownProjectSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("add outcome TIP-2070/x title \"X\"")
        #expect(diagnostic.message == "no project 'TIP-2070'")
        #expect(diagnostic.suggestion == "TIP-2007")
    }

    @Test func addingWhatExistsIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("add partner france name \"France\"")
        #expect(diagnostic.message == "a partner 'france' already exists")
        #expect(diagnostic.location.column == 13)
    }

    // MARK: ISO 3166 regions

    @Test func anISOCodeReferencedAsAParentIsAdded() throws {
        let harness = try Harness.osh()
        try harness.run("add region bishkek-east name \"Bishkek East\" level district parent KG-GB")
        #expect(harness.region("KG-GB")?.name == "Bishkek Shaary")
        #expect(harness.messages.contains { $0.contains("added region KG-GB (Bishkek Shaary) from ISO 3166") })
        let entry = try #require(try harness.journal().last)
        let added = try #require(harness.region("KG-GB"))
        #expect(entry.changes.contains(.addRegion(added)))
    }

    @Test func anISOCodeReferencedInIncludesIsAdded() throws {
        let harness = try Harness.osh()
        try harness.run("add region north name \"North\" level area includes KG-C, KG-T")
        #expect(harness.region("KG-C") != nil)
        #expect(harness.region("KG-T") != nil)
    }

    @Test func anISOCodeReferencedInAProjectsRegionsIsAdded() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 regions + UZ-SU, TJ")
        #expect(harness.region("UZ-SU")?.parent == "UZ")
        #expect(harness.region("TJ")?.level == .country)
        #expect(harness.project("TIP-2007")?.regions.suffix(2) == ["UZ-SU", "TJ"])
        let entry = try #require(try harness.journal().last)
        #expect(entry.changes.count == 2)
        #expect(entry.statement == "set TIP-2007 regions + UZ-SU, TJ")
    }

    @Test func anISOCodeReferencedInAnOutcomesRegionsIsAdded() throws {
        let harness = try Harness.osh()
        try harness.run("set outcome TIP-2007/groups regions + KG-J, KZ")
        #expect(harness.region("KZ")?.name == "Kazakhstan")
    }

    @Test func anyOtherUnknownRegionIsAnError() throws {
        let harness = try Harness.osh()
        let before = harness.portfolio
        let diagnostic = try harness.diagnostic("set TIP-2007 regions + leilk")
        #expect(diagnostic.message.hasPrefix("no region 'leilk'"))
        #expect(diagnostic.suggestion == "leilek")
        #expect(diagnostic.location.column == 24)
        #expect(harness.portfolio == before)
    }

    // MARK: set and unset

    @Test func setSeveralFields() throws {
        let harness = try Harness.osh()
        try harness.run("set project TIP-2007 status finalising actual-end 2008-01-31 budget 85000 EUR")
        let project = try #require(harness.project("TIP-2007"))
        #expect(project.status == .finalising)
        #expect(project.actualEnd == (try day("2008-01-31")))
        #expect(project.budget?.currency == "EUR")
        #expect(harness.messages.last == "set project TIP-2007: status, actual-end, budget")
    }

    @Test(arguments: [
        ("set partner golden-goal acronym GG", "golden-goal"),
        ("set region leilek name \"Leilek district\"", "leilek"),
        ("set outcome TIP-2007/groups target 8 due 2008-03", "TIP-2007/groups"),
    ])
    func setEveryKind(source: String, id: String) throws {
        let harness = try Harness.osh()
        let before = try harness.journal().count
        try harness.run(source)
        #expect(try harness.journal().count == before + 1)
        #expect(harness.messages.last?.contains(id) == true)
    }

    @Test func setWithoutTheKindFindsTheOneThing() throws {
        let harness = try Harness.osh()
        try harness.run("set golden-goal acronym GG")
        #expect(harness.partner("golden-goal")?.acronym == "GG")
        try harness.run("set KG-B name \"Batken oblast\"")
        #expect(harness.region("KG-B")?.name == "Batken oblast")
        try harness.run("set TIP-2007/groups target 7")
        #expect(harness.outcome("TIP-2007/groups")?.target == 7)
    }

    @Test func anAmbiguousIdWithoutAKindIsAnError() throws {
        let harness = try Harness.osh()
        try harness.run("add partner kg-b name \"Batken partner\"")
        let diagnostic = try harness.diagnostic("set KG-B name \"x\"")
        #expect(diagnostic.message == "'KG-B' names a partner and a region; say which, as in 'partner KG-B'")
        #expect(diagnostic.location.column == 5)
        try harness.run("set region KG-B name \"Batken oblast\"")
        #expect(harness.region("KG-B")?.name == "Batken oblast")
        #expect(harness.partner("kg-b")?.name == "Batken partner")
    }

    @Test func anUnknownIdWithoutAKindSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("set golden-gaol acronym GG")
        #expect(diagnostic.message == "no project, partner, region or outcome has the id 'golden-gaol'")
        #expect(diagnostic.suggestion == "golden-goal")
    }

    @Test func settingTheSameValueChangesNothing() throws {
        let harness = try Harness.osh()
        let before = try harness.journal().count
        try harness.run("set TIP-2007 status active")
        #expect(try harness.journal().count == before)
        #expect(harness.messages.last == "project TIP-2007 already has that status")
    }

    @Test func unsetClearsOptionalFields() throws {
        let harness = try Harness.osh()
        try harness.run("unset TIP-2007 summary, tags")
        #expect(harness.project("TIP-2007")?.summary == nil)
        #expect(harness.project("TIP-2007")?.tags == [])
        try harness.run("unset partner osce-osh acronym")
        #expect(harness.partner("osce-osh")?.acronym == nil)
        try harness.run("unset region leilek parent")
        #expect(harness.region("leilek")?.parent == nil)
        try harness.run("unset outcome TIP-2007/groups due, regions")
        #expect(harness.outcome("TIP-2007/groups")?.due == nil)
        #expect(harness.messages.last == "unset outcome TIP-2007/groups: due, regions")
    }

    @Test func unsetRefusesRequiredFields() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("unset TIP-2007 title")
        #expect(diagnostic.message == "a project always has a title; set it instead")
        #expect(diagnostic.location.column == 16)
    }

    // MARK: link and unlink

    @Test func linkWithARoleAndAnAmount() throws {
        let harness = try Harness.osh()
        try harness.run("link TIP-2007 france as funder amount 85000 EUR")
        let links = harness.portfolio.participations(of: "TIP-2007").filter { $0.partner == "france" }
        #expect(links.map(\.role) == [.funder])
        #expect(links.first?.amount == (try Money(amount: 85000, currency: "EUR")))
        #expect(harness.messages.last == "linked france to TIP-2007 as funder (85000 EUR)")
        try harness.run("link TIP-2004 france as extending")
        #expect(harness.portfolio.participations(of: "TIP-2004").map(\.role).contains(.extending))
    }

    @Test func linkingTwiceInTheSameRoleIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("link TIP-2007 france as funder")
        #expect(diagnostic.message == "'france' is already linked to 'TIP-2007' as funder")
    }

    @Test func aBadRoleSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("link TIP-2007 scme as fundr")
        #expect(diagnostic.suggestion == "funder")
        #expect(diagnostic.location.column == 23)
    }

    @Test func unlinkEveryRoleOrOne() throws {
        let harness = try Harness.osh()
        try harness.run("link TIP-2007 osce-osh as extending")
        try harness.run("unlink TIP-2007 osce-osh as lead")
        #expect(harness.portfolio.participations(of: "TIP-2007").filter { $0.partner == "osce-osh" }.map(\.role) == [.extending])
        try harness.run("link TIP-2007 osce-osh as lead")
        try harness.run("unlink TIP-2007 osce-osh")
        #expect(harness.portfolio.participations(of: "TIP-2007").filter { $0.partner == "osce-osh" }.isEmpty)
        #expect(harness.messages.last == "unlinked osce-osh from TIP-2007")
    }

    @Test func unlinkingWhatIsNotLinkedIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("unlink TIP-2007 osce-osh as funder")
        #expect(diagnostic.message == "'osce-osh' is not linked to 'TIP-2007' as funder")
    }

    // MARK: record

    @Test func recordWithDateDimensionNoteAndSource() throws {
        let harness = try Harness.osh()
        try harness.run("record TIP-2007/trained 5 on 2007-11-20 sex=female note \"Osh court\" source \"training register\"")
        let outcome = try #require(OutcomeID("TIP-2007/trained"))
        let record = try #require(harness.portfolio.measurements(of: outcome).last)
        #expect(record.value == 5)
        #expect(record.date == (try day("2007-11-20")))
        #expect(record.dimensions == ["sex": "female"])
        #expect(record.note == "Osh court")
        #expect(record.source == "training register")
        #expect(harness.messages.last == "recorded 5 on TIP-2007/trained for 2007-11-20 (sex=female)")
    }

    @Test func recordDefaultsToToday() throws {
        let harness = try Harness.osh()
        try harness.run("record TIP-2007/groups 1")
        let outcome = try #require(OutcomeID("TIP-2007/groups"))
        let record = try #require(harness.portfolio.measurements(of: outcome).last)
        #expect(record.date == (try day("2007-12-01")))
    }

    @Test func aQualitativeOutcomeTakesANoteAndNoValue() throws {
        let harness = try Harness.osh()
        try harness.run("record TIP-2007/network on 2007-11-10 note \"Network charter signed\"")
        #expect(harness.messages.last == "recorded a note on TIP-2007/network for 2007-11-10")
        let diagnostic = try harness.diagnostic("record TIP-2007/network 3")
        #expect(diagnostic.message.contains("is qualitative"))
    }

    @Test func anUndeclaredDimensionIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("record TIP-2007/trained 5 sx=female")
        #expect(diagnostic.message == "'TIP-2007/trained' declares sex, not 'sx'")
        #expect(diagnostic.suggestion == "sex")
        #expect(diagnostic.location.column == 27)
    }

    @Test func anUnknownOutcomeSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("record TIP-2007/grups 1")
        #expect(diagnostic.message == "no outcome 'TIP-2007/grups'")
        #expect(diagnostic.suggestion == "TIP-2007/groups")
    }

    // MARK: note

    @Test func noteWithAndWithoutADate() throws {
        let harness = try Harness.osh()
        try harness.run("note TIP-2007 \"Mid-term review\" on 2007-10-10")
        try harness.run("note TIP-2007 \"Today's call\"")
        let notes = harness.portfolio.notes(of: "TIP-2007")
        #expect(notes.contains { $0.text == "Mid-term review" && $0.date == (try? day("2007-10-10")) })
        #expect(notes.contains { $0.text == "Today's call" && $0.date == (try? day("2007-12-01")) })
        #expect(harness.messages.last == "noted on TIP-2007 (2007-12-01)")
    }

    @Test func aNoteNeedsQuotedText() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("note TIP-2007 review")
        #expect(diagnostic.message.hasPrefix("expected the note's text in quotes"))
    }

    // MARK: rename

    @Test func renameAPartnerAndEveryReferenceFollows() throws {
        let harness = try Harness.osh()
        try harness.run("rename partner scme to state-migration-committee")
        #expect(harness.partner("scme") == nil)
        #expect(harness.partner("state-migration-committee")?.name == "State Committee on Migration and Employment")
        #expect(harness.portfolio.participations(of: "TIP-2007").contains { $0.partner == "state-migration-committee" })
        #expect(harness.messages.last == "renamed partner scme to state-migration-committee")
    }

    @Test func renameAProjectMovesItsOutcomes() throws {
        let harness = try Harness.osh()
        try harness.run("rename TIP-2007 to TIP-2007-KG")
        #expect(harness.project("TIP-2007") == nil)
        #expect(harness.outcome("TIP-2007-KG/groups") != nil)
    }

    @Test func renameARegionAndAnOutcome() throws {
        let harness = try Harness.osh()
        try harness.run("rename region leilek to leilek-district")
        #expect(harness.region("leilek-district")?.parent == "KG-B")
        try harness.run("rename TIP-2007/groups to community-groups")
        #expect(harness.outcome("TIP-2007/community-groups")?.title == "Community-based groups in remote areas of Batken")
    }

    @Test func renamingOntoATakenIdIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("rename partner scme to france")
        #expect(diagnostic.message == "a partner 'france' already exists")
    }

    // MARK: remove

    @Test func removeRefusesWhileReferenced() throws {
        let harness = try Harness.osh()
        let before = harness.portfolio
        let diagnostic = try harness.diagnostic("remove partner scme")
        #expect(diagnostic.message.contains("unlink it first, or use force"))
        #expect(harness.portfolio == before)
        #expect(harness.failure("remove TIP-2004") != nil)
        #expect(harness.failure("remove region KG-B") != nil)
    }

    @Test func removeWhatNothingRefersTo() throws {
        let harness = try Harness.osh()
        try harness.run("remove region kadamjay")
        #expect(harness.region("kadamjay") == nil)
        #expect(harness.messages.last == "removed region kadamjay")
    }

    @Test func removeWithForceTakesTheReferencesToo() throws {
        let harness = try Harness.osh()
        try harness.run("remove partner scme force")
        #expect(harness.partner("scme") == nil)
        #expect(harness.messages.last == "removed partner scme and 1 reference to it")
        try harness.run("remove TIP-2007 force")
        #expect(harness.project("TIP-2007") == nil)
        #expect(harness.portfolio.outcomes.isEmpty)
        #expect(harness.portfolio.allMeasurements.isEmpty)
        try harness.run("remove region KG-B force")
        #expect(harness.region("KG-B") == nil)
        #expect(harness.region("leilek")?.parent == nil)
        #expect(harness.region("ferghana-valley")?.includes.contains("KG-B") == false)
    }

    @Test func removeAnOutcomeWithItsRecords() throws {
        let harness = try Harness.osh()
        #expect(harness.failure("remove TIP-2007/groups") != nil)
        try harness.run("remove outcome TIP-2007/groups force")
        #expect(harness.outcome("TIP-2007/groups") == nil)
    }

    // MARK: undo

    @Test func undoRevertsThisSessionsLastChange() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 status closed")
        try harness.run("set TIP-2007 title \"Renamed\"")
        try harness.run("undo")
        #expect(harness.project("TIP-2007")?.title == "Combating human trafficking in south Kyrgyzstan")
        #expect(harness.project("TIP-2007")?.status == .closed)
        #expect(harness.messages.last == "undid: set TIP-2007 title \"Renamed\"")
        try harness.run("undo")
        #expect(harness.project("TIP-2007")?.status == .active)
    }

    @Test func undoIsItselfJournaled() throws {
        let harness = try Harness.osh()
        try harness.run("set TIP-2007 status closed")
        let changed = try #require(try harness.journal().last)
        try harness.run("undo")
        let undo = try #require(try harness.journal().last)
        #expect(undo.statement == "undo")
        #expect(undo.undoes == changed.sequence)
        #expect(undo.changes == changed.changes.reversed().map(\.inverse))
    }

    @Test func undoOfARemoveWithForceBringsEverythingBack() throws {
        let harness = try Harness.osh()
        let before = harness.portfolio
        try harness.run("remove TIP-2007 force")
        try harness.run("undo")
        #expect(harness.portfolio == before)
    }

    @Test func undoWithNothingToUndoIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic("undo")
        #expect(diagnostic.message == "nothing to undo: this session has made no changes")
    }

    // MARK: begin, commit, rollback

    @Test func beginAndCommitKeepEverything() throws {
        let harness = try Harness.osh()
        let before = try harness.journal().count
        try harness.run("begin")
        #expect(harness.session.isInTransaction)
        try harness.run("set TIP-2007 status finalising")
        try harness.run("record TIP-2007/groups 1 on 2007-12-01")
        // Nothing reaches the store before commit, but the session sees it.
        #expect(harness.project("TIP-2007")?.status == .active)
        #expect(try harness.session.portfolio.projects["TIP-2007"]?.status == .finalising)
        #expect(try harness.column("status", of: "projects where id = TIP-2007 | columns status") == ["finalising"])
        try harness.run("commit")
        #expect(!harness.session.isInTransaction)
        #expect(harness.project("TIP-2007")?.status == .finalising)
        #expect(try harness.journal().count == before + 2)
        #expect(harness.messages.last == "committed 2 statements")
    }

    @Test func beginAndRollbackDropEverything() throws {
        let harness = try Harness.osh()
        let before = harness.portfolio
        let journal = try harness.journal().count
        try harness.run("begin; remove TIP-2004 force; set TIP-2007 status closed")
        try harness.run("rollback")
        #expect(harness.portfolio == before)
        #expect(try harness.journal().count == journal)
        #expect(try harness.session.portfolio == before)
        #expect(harness.messages.last == "rolled back 2 statements")
    }

    @Test func commitAndRollbackWithoutBeginAreErrors() throws {
        let harness = try Harness.osh()
        #expect(try harness.diagnostic("commit").message == "commit without begin")
        #expect(try harness.diagnostic("rollback").message == "rollback without begin")
        try harness.run("begin")
        #expect(try harness.diagnostic("begin").message.hasPrefix("a transaction is already open"))
    }

    // MARK: The journal

    @Test func everyChangeIsJournaledWithActorOriginAndStatement() throws {
        let harness = try Harness.osh(actor: "jbouyjou")
        try harness.run("set TIP-2007 status finalising")
        let entry = try #require(try harness.journal().last)
        #expect(entry.actor == "jbouyjou")
        #expect(entry.origin == "repl")
        #expect(entry.statement == "set TIP-2007 status finalising")
    }
}
