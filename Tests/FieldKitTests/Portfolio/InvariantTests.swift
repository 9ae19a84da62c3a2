import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKit

/// Every invariant `Portfolio.apply` enforces: a refused change throws a `ChangeError` that
/// says what is wrong, and leaves the portfolio byte-for-byte as it was.
@Suite("Portfolio invariants")
struct InvariantTests {
    let portfolio: Portfolio

    init() throws { portfolio = try osh() }

    // MARK: The scenario itself

    @Test func theScenarioBuilds() throws {
        #expect(portfolio.projects.count == 3)
        #expect(portfolio.partners.count == 5)
        #expect(portfolio.regions.count == 15)
        #expect(portfolio.outcomes.count == 4)
        #expect(portfolio.participationCount == 7)
        #expect(portfolio.measurementCount == 5)
        #expect(portfolio.noteCount == 2)
        #expect(!portfolio.isEmpty)
        #expect(Portfolio().isEmpty)
    }

    @Test func changesFromEmptyRebuildTheSamePortfolio() throws {
        let rebuilt = try Portfolio(applying: portfolio.changesFromEmpty)
        #expect(rebuilt == portfolio)
        #expect(try snapshot(rebuilt) == snapshot(portfolio))
        #expect(portfolio.changesFromEmpty.count == 15 + 5 + 3 + 4 + 7 + 5 + 2)
    }

    // MARK: Ids are unique, per kind, case-insensitively

    @Test func aProjectIDDiffersOnlyInCase() throws {
        let error = try expectRefused(.addProject(Project(id: "tip-2007")), on: portfolio)
        #expect(error?.code == .duplicate)
        #expect(error?.kind == .project)
        #expect(error?.id == "tip-2007")
        #expect(error?.field == nil)
        #expect(error?.missing == nil)
    }

    @Test func aPartnerIDDiffersOnlyInCase() throws {
        let error = try expectRefused(.addPartner(Partner(id: "Golden-Goal")), on: portfolio)
        #expect(error?.code == .duplicate)
        #expect(error?.kind == .partner)
        #expect(error?.id == "Golden-Goal")
    }

    @Test func aRegionIDDiffersOnlyInCase() throws {
        let error = try expectRefused(.addRegion(Region(id: "kg-b", level: .province, parent: "KG")), on: portfolio)
        #expect(error?.code == .duplicate)
        #expect(error?.kind == .region)
    }

    @Test func anOutcomeIDDiffersOnlyInCase() throws {
        let error = try expectRefused(.addOutcome(Outcome(id: OutcomeID(project: "tip-2007", key: "GROUPS"))), on: portfolio)
        #expect(error?.code == .duplicate)
        #expect(error?.kind == .outcome)
        #expect(error?.id == "tip-2007/GROUPS")
    }

    @Test func theSameIDMayServeDifferentKinds() throws {
        var copy = portfolio
        try copy.apply(.addPartner(Partner(id: "TIP-2007", name: "A partner named like a project")))
        try copy.apply(.addRegion(Region(id: "golden-goal", name: "A region named like a partner", level: .settlement, parent: "KG-B")))
        #expect(copy.partners["tip-2007"] != nil)
        #expect(copy.regions["GOLDEN-GOAL"] != nil)
    }

    @Test func aPartnerLinksOnceInARole() throws {
        let error = try expectRefused(.link(Participation(project: "tip-2007", partner: "FRANCE", role: .funder)), on: portfolio)
        #expect(error?.code == .duplicate)
        #expect(error?.kind == .link)
        #expect(error?.field == "role")
        // The same partner in another role is a different link.
        var copy = portfolio
        try copy.apply(.link(Participation(project: tip, partner: "france", role: .extending)))
        #expect(copy.participations(of: tip).filter { $0.partner == "france" }.count == 2)
    }

    @Test func recordsKeepDateOrderWhateverOrderTheyComeIn() throws {
        var copy = portfolio
        let before = copy.measurements(of: trained)
        // After the last, before the first, between two, and on a date already taken.
        let dates = ["2009-01-01", "2000-01-01", "2007-09-15", "2009-01-01", "2000-01-01"]
        for (n, date) in dates.enumerated() {
            try copy.apply(.record(OutcomeRecord(id: recordID(UInt64(900 + n)), outcome: trained, date: try day(date), value: 1)))
        }
        let after = copy.measurements(of: trained)
        #expect(after.count == before.count + dates.count)
        let keys = after.map { ($0.date, $0.id) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func aRecordIDIsUsedOnce() throws {
        let first = try #require(portfolio.measurements(of: groups).first)
        // The same record again.
        let again = try expectRefused(.record(first), on: portfolio)
        #expect(again?.code == .duplicate)
        #expect(again?.kind == .record)
        // The same id on another date of the same outcome.
        var moved = first
        moved.date = try day("2007-12-01")
        #expect(try expectRefused(.record(moved), on: portfolio)?.code == .duplicate)
        // The same id for another outcome: ids are unique across the portfolio.
        let elsewhere = OutcomeRecord(id: first.id, outcome: trained, date: try day("2007-12-01"), value: 3)
        #expect(try expectRefused(.record(elsewhere), on: portfolio)?.code == .duplicate)
    }

    @Test func aNoteIDIsUsedOnce() throws {
        let first = try #require(portfolio.notes(of: tip).first)
        #expect(try expectRefused(.addNote(first), on: portfolio)?.code == .duplicate)
        var moved = first
        moved.date = try day("2007-12-01")
        #expect(try expectRefused(.addNote(moved), on: portfolio)?.code == .duplicate)
        let elsewhere = Note(id: first.id, project: "TIP-2004", date: try day("2005"), text: "Another note")
        let error = try expectRefused(.addNote(elsewhere), on: portfolio)
        #expect(error?.code == .duplicate)
        #expect(error?.kind == .note)
    }

    @Test func renamingOntoATakenIDIsRefused() throws {
        let project = try expectRefused(.renameProject(from: "TIP-2004", to: "tip-2007"), on: portfolio)
        #expect(project?.code == .duplicate)
        #expect(project?.kind == .project)
        #expect(project?.id == "tip-2007")
        #expect(try expectRefused(.renamePartner(from: "france", to: "SCME"), on: portfolio)?.code == .duplicate)
        #expect(try expectRefused(.renameRegion(from: "leilek", to: "Kadamjay"), on: portfolio)?.code == .duplicate)
        let outcome = try expectRefused(.renameOutcome(from: groups, to: OutcomeID(project: tip, key: "Trained")), on: portfolio)
        #expect(outcome?.code == .duplicate)
        #expect(outcome?.kind == .outcome)
    }

    @Test func renamingToAnotherSpellingOfTheSameIDIsAllowed() throws {
        var copy = portfolio
        try copy.apply(.renameProject(from: "TIP-2007", to: "Tip-2007"))
        #expect(copy.projects[tip]?.id.rawValue == "Tip-2007")
        #expect(copy.outcomes(of: tip).map(\.id.project.rawValue) == Array(repeating: "Tip-2007", count: 4))
        try copy.apply(.renamePartner(from: "france", to: "France"))
        #expect(copy.partners["france"]?.id.rawValue == "France")
        try copy.apply(.renameRegion(from: "leilek", to: "Leilek"))
        #expect(copy.regions["leilek"]?.id.rawValue == "Leilek")
    }

    // MARK: References resolve

    @Test func aProjectNamesOnlyKnownRegions() throws {
        let error = try expectRefused(.addProject(Project(id: "NEW", regions: ["KG-B", "KG-X"])), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.kind == .project)
        #expect(error?.id == "NEW")
        #expect(error?.field == "regions")
        #expect(error?.missingText == "region:KG-X")
    }

    @Test func anUpdatedProjectNamesOnlyKnownRegions() throws {
        let old = try #require(portfolio.projects[tip])
        var new = old
        new.regions.append("UZ-XX")
        let error = try expectRefused(.updateProject(old: old, new: new), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.field == "regions")
        #expect(error?.missingText == "region:UZ-XX")
    }

    @Test func aRegionsParentMustExist() throws {
        let error = try expectRefused(.addRegion(Region(id: "aravan", level: .district, parent: "KG-Q")), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.kind == .region)
        #expect(error?.id == "aravan")
        #expect(error?.field == "parent")
        #expect(error?.missingText == "region:KG-Q")
    }

    @Test func anAreasMembersMustExist() throws {
        let area = Region(id: "south", level: .area, includes: ["KG-O", "nowhere"])
        let error = try expectRefused(.addRegion(area), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.field == "includes")
        #expect(error?.missingText == "region:nowhere")
    }

    @Test func onlyAnAreaIncludesRegions() throws {
        let error = try expectRefused(.addRegion(Region(id: "south", level: .province, includes: ["KG-O"])), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "includes")
    }

    @Test func aLinkNamesAnExistingProject() throws {
        let error = try expectRefused(.link(Participation(project: "TIP-2099", partner: "france", role: .funder)), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.kind == .link)
        #expect(error?.field == "project")
        #expect(error?.missingText == "project:TIP-2099")
    }

    @Test func aLinkNamesAnExistingPartner() throws {
        let error = try expectRefused(.link(Participation(project: tip, partner: "unicef", role: .funder)), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.kind == .link)
        #expect(error?.field == "partner")
        #expect(error?.missingText == "partner:unicef")
    }

    @Test func anOutcomeNamesOnlyKnownRegions() throws {
        let outcome = Outcome(id: OutcomeID(project: tip, key: "lawyers"), regions: ["KG-O", "UZ-ZZ"])
        let error = try expectRefused(.addOutcome(outcome), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.kind == .outcome)
        #expect(error?.field == "regions")
        #expect(error?.missingText == "region:UZ-ZZ")
    }

    @Test func aRecordNamesAnExistingOutcome() throws {
        let stray = OutcomeID(project: tip, key: "judges")
        let error = try expectRefused(
            .record(OutcomeRecord(id: recordID(1), outcome: stray, date: try day("2007-10"), value: 4)), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.kind == .record)
        #expect(error?.id == "TIP-2007/judges")
        #expect(error?.missingText == "outcome:TIP-2007/judges")
    }

    @Test func aNoteNamesAnExistingProject() throws {
        let error = try expectRefused(
            .addNote(Note(id: recordID(2), project: "TIP-2099", date: try day("2007"), text: "Lost")), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.kind == .note)
        #expect(error?.missingText == "project:TIP-2099")
    }

    @Test func changesToMissingEntitiesNameThem() throws {
        let ghost = Project(id: "GHOST")
        let update = try expectRefused(.updateProject(old: ghost, new: Project(id: "GHOST", title: "Boo")), on: portfolio)
        #expect(update?.code == .notFound)
        #expect(update?.missingText == "project:GHOST")
        #expect(try expectRefused(.removeProject(ghost), on: portfolio)?.code == .notFound)
        let rename = try expectRefused(.renamePartner(from: "nobody", to: "somebody"), on: portfolio)
        #expect(rename?.code == .notFound)
        #expect(rename?.kind == .partner)
        #expect(rename?.missingText == "partner:nobody")
        let region = try expectRefused(.removeRegion(Region(id: "atlantis", level: .country)), on: portfolio)
        #expect(region?.missingText == "region:atlantis")
        let outcome = try expectRefused(.removeOutcome(Outcome(id: OutcomeID(project: tip, key: "none"))), on: portfolio)
        #expect(outcome?.missingText == "outcome:TIP-2007/none")
        let unlink = try expectRefused(.unlink(Participation(project: tip, partner: "france", role: .lead)), on: portfolio)
        #expect(unlink?.code == .notFound)
        #expect(unlink?.kind == .link)
        let unrecord = try expectRefused(
            .unrecord(OutcomeRecord(id: recordID(3), outcome: groups, date: try day("2007-09-30"), value: 2)), on: portfolio)
        #expect(unrecord?.code == .notFound)
        #expect(unrecord?.kind == .record)
        let unnote = try expectRefused(
            .removeNote(Note(id: recordID(4), project: tip, date: try day("2007"), text: "Never written")), on: portfolio)
        #expect(unnote?.code == .notFound)
        #expect(unnote?.kind == .note)
    }

    // MARK: Regions form no cycles

    @Test func aCountryCannotMoveUnderItsOwnProvince() throws {
        let old = try #require(portfolio.regions["KG"])
        var new = old
        new.parent = "KG-B"
        let error = try expectRefused(.updateRegion(old: old, new: new), on: portfolio)
        #expect(error?.code == .cycle)
        #expect(error?.kind == .region)
        #expect(error?.id == "KG")
        #expect(error?.field == "parent")
    }

    @Test func aParentLoopThroughSeveralLevelsIsRefused() throws {
        let old = try #require(portfolio.regions["KG"])
        var new = old
        new.parent = "leilek"
        let error = try expectRefused(.updateRegion(old: old, new: new), on: portfolio)
        #expect(error?.code == .cycle)
        #expect(error?.field == "parent")
    }

    @Test func aRegionCannotBeItsOwnParent() throws {
        let old = try #require(portfolio.regions["leilek"])
        var new = old
        new.parent = "LEILEK"
        let update = try expectRefused(.updateRegion(old: old, new: new), on: portfolio)
        #expect(update?.code == .cycle)
        #expect(update?.field == "parent")
        // Adding a region whose parent is itself is a loop too, not a missing parent.
        let add = try expectRefused(.addRegion(Region(id: "aravan", level: .district, parent: "aravan")), on: portfolio)
        #expect(add?.code == .cycle)
        #expect(add?.kind == .region)
        #expect(add?.field == "parent")
    }

    @Test func anAreaCannotIncludeItself() throws {
        let old = try #require(portfolio.regions["ferghana-valley"])
        var new = old
        new.includes.append("Ferghana-Valley")
        let update = try expectRefused(.updateRegion(old: old, new: new), on: portfolio)
        #expect(update?.code == .cycle)
        #expect(update?.field == "includes")
        let add = try expectRefused(.addRegion(Region(id: "south", level: .area, includes: ["KG-O", "south"])), on: portfolio)
        #expect(add?.code == .cycle)
        #expect(add?.field == "includes")
    }

    @Test func anAreaCannotIncludeAnAncestorOfItself() throws {
        // An area inside Batken that includes Kyrgyzstan would lie under itself.
        let add = try expectRefused(
            .addRegion(Region(id: "batken-villages", level: .area, parent: "KG-B", includes: ["KG"])), on: portfolio)
        #expect(add?.code == .cycle)
        #expect(add?.kind == .region)
        #expect(add?.field == "includes")

        var copy = portfolio
        let area = Region(id: "batken-villages", level: .area, parent: "leilek", includes: ["kadamjay"])
        try copy.apply(.addRegion(area))
        var widened = area
        widened.includes = ["kadamjay", "KG"]
        let update = try expectRefused(.updateRegion(old: area, new: widened), on: copy)
        #expect(update?.code == .cycle)
        #expect(update?.field == "includes")
    }

    @Test func anAreaCannotMoveUnderOneOfItsMembers() throws {
        let old = try #require(portfolio.regions["ferghana-valley"])
        var new = old
        new.parent = "KG-B"
        let error = try expectRefused(.updateRegion(old: old, new: new), on: portfolio)
        #expect(error?.code == .cycle)
        #expect(error?.field == "parent")
    }

    @Test func twoAreasCannotIncludeEachOther() throws {
        var copy = portfolio
        let south = Region(id: "south", level: .area, includes: ["ferghana-valley"])
        try copy.apply(.addRegion(south))
        let old = try #require(copy.regions["ferghana-valley"])
        var new = old
        new.includes.append("south")
        let error = try expectRefused(.updateRegion(old: old, new: new), on: copy)
        #expect(error?.code == .cycle)
        #expect(error?.field == "includes")
    }

    @Test func aRegionMayBeUnderTwoRoutesWithoutALoop() throws {
        // Batken is a province of KG and a member of the valley; an area under KG may include it.
        var copy = portfolio
        try copy.apply(.addRegion(Region(id: "south-kg", level: .area, parent: "KG", includes: ["KG-B", "KG-O"])))
        #expect(copy.regions(under: "KG").contains("south-kg"))
        #expect(copy.regions(under: "south-kg").contains("leilek"))
    }

    // MARK: An end is not before its start

    @Test func aPlannedEndBeforeTheStartIsRefused() throws {
        let project = Project(id: "NEW", start: try day("2007-04-24"), end: try day("2007-03"))
        let error = try expectRefused(.addProject(project), on: portfolio)
        #expect(error?.code == .dateOrder)
        #expect(error?.kind == .project)
        #expect(error?.field == "end")
        #expect(error?.reason == "end 2007-03 is before start 2007-04-24")
    }

    @Test func anEndInTheStartsMonthMeansItsLastDay() throws {
        var copy = portfolio
        try copy.apply(.addProject(Project(id: "NEW", start: try day("2007-04-24"), end: try day("2007-04"))))
        try copy.apply(.addProject(Project(id: "SAME-DAY", start: try day("2007-04-24"), end: try day("2007-04-24"))))
        try copy.apply(.addProject(Project(id: "SAME-YEAR", start: try day("2007-12-31"), end: try day("2007"))))
        try copy.apply(.addProject(Project(id: "COARSE-START", start: try day("2007"), end: try day("2007-01-01"))))
        #expect(copy.projects.count == portfolio.projects.count + 4)
        let dayBefore = try expectRefused(
            .addProject(Project(id: "DAY-BEFORE", start: try day("2007-04-24"), end: try day("2007-04-23"))), on: portfolio)
        #expect(dayBefore?.code == .dateOrder)
    }

    @Test func anActualEndBeforeTheActualStartIsRefused() throws {
        let old = try #require(portfolio.projects[tip])
        var new = old
        new.actualStart = try day("2007-05-02")
        new.actualEnd = try day("2007-04")
        let error = try expectRefused(.updateProject(old: old, new: new), on: portfolio)
        #expect(error?.code == .dateOrder)
        #expect(error?.kind == .project)
        #expect(error?.field == "actual-end")
        new.actualEnd = try day("2007-05")
        var copy = portfolio
        try copy.apply(.updateProject(old: old, new: new))
        #expect(copy.projects[tip]?.actualEnd == (try day("2007-05")))
    }

    @Test func anOutcomeIsNotDueBeforeItsBaseline() throws {
        let outcome = Outcome(
            id: OutcomeID(project: tip, key: "late"), baseline: 0, baselineDate: try day("2008-02"), target: 1,
            due: try day("2008-01"))
        let error = try expectRefused(.addOutcome(outcome), on: portfolio)
        #expect(error?.code == .dateOrder)
        #expect(error?.kind == .outcome)
        #expect(error?.field == "due")
    }

    // MARK: An outcome belongs to an existing project

    @Test func anOutcomeNeedsItsProject() throws {
        let error = try expectRefused(.addOutcome(Outcome(id: OutcomeID(project: "TIP-2099", key: "groups"))), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.kind == .outcome)
        #expect(error?.id == "TIP-2099/groups")
        #expect(error?.field == "project")
        #expect(error?.missingText == "project:TIP-2099")
    }

    @Test func anOutcomeCannotMoveToAMissingProject() throws {
        let error = try expectRefused(.renameOutcome(from: groups, to: OutcomeID(project: "TIP-2099", key: "groups")), on: portfolio)
        #expect(error?.code == .notFound)
        #expect(error?.field == "project")
        #expect(error?.missingText == "project:TIP-2099")
    }

    @Test func anOutcomeMayMoveToAnotherProject() throws {
        var copy = portfolio
        let moved = OutcomeID(project: "TIP-2004", key: "groups")
        try copy.apply(.renameOutcome(from: groups, to: moved))
        #expect(copy.outcomes(of: "TIP-2004").map(\.id) == [moved])
        #expect(copy.measurements(of: moved).count == 1)
        #expect(copy.measurements(of: moved).first?.outcome == moved)
        #expect(copy.measurements(of: groups).isEmpty)
    }

    // MARK: Outcome values

    @Test func aQualitativeOutcomeHasNoNumbers() throws {
        let outcome = Outcome(id: OutcomeID(project: tip, key: "trust"), measure: .qualitative, target: 5)
        let error = try expectRefused(.addOutcome(outcome), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "target")
    }

    @Test func aPercentTargetLiesWithin0And100() throws {
        let outcome = Outcome(id: OutcomeID(project: tip, key: "share"), measure: .percent, baseline: -1, target: 50)
        #expect(try expectRefused(.addOutcome(outcome), on: portfolio)?.field == "baseline")
        let over = Outcome(id: OutcomeID(project: tip, key: "share"), measure: .percent, target: 150)
        #expect(try expectRefused(.addOutcome(over), on: portfolio)?.field == "target")
    }

    @Test func dimensionsAreLowerCaseAndListedOnce() throws {
        let upper = Outcome(id: OutcomeID(project: tip, key: "people"), dims: ["Sex"])
        let error = try expectRefused(.addOutcome(upper), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "dims")
        let twice = Outcome(id: OutcomeID(project: tip, key: "people"), dims: ["sex", "age", "sex"])
        #expect(try expectRefused(.addOutcome(twice), on: portfolio)?.field == "dims")
    }

    @Test func titlesAndNamesAreNotEmpty() throws {
        #expect(try expectRefused(.addProject(Project(id: "NEW", title: "  ")), on: portfolio)?.field == "title")
        #expect(try expectRefused(.addPartner(Partner(id: "new", name: "")), on: portfolio)?.field == "name")
        #expect(try expectRefused(.addRegion(Region(id: "new", name: " ", level: .area)), on: portfolio)?.field == "name")
        #expect(try expectRefused(.addOutcome(Outcome(id: OutcomeID(project: tip, key: "x"), title: "")), on: portfolio)?.field == "title")
        let note = Note(id: recordID(5), project: tip, date: try day("2007"), text: " \n")
        #expect(try expectRefused(.addNote(note), on: portfolio)?.field == "text")
    }

    @Test func aPartnersCountryIsAnISOCode() throws {
        let error = try expectRefused(.addPartner(Partner(id: "unicef", country: "Kyrgyzstan")), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "country")
        #expect(try expectRefused(.addPartner(Partner(id: "unicef", country: "kg")), on: portfolio)?.field == "country")
    }

    @Test func aListNamesARegionOnce() throws {
        let error = try expectRefused(.addProject(Project(id: "NEW", regions: ["KG-B", "kg-b"])), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "regions")
    }

    // MARK: A measurement fits its outcome

    @Test func aQualitativeRecordCarriesNoNumber() throws {
        let measurement = OutcomeRecord(id: recordID(10), outcome: network, date: try day("2007-11"), value: 3, note: "Three meetings")
        let error = try expectRefused(.record(measurement), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.kind == .record)
        #expect(error?.id == "TIP-2007/network")
        #expect(error?.field == "value")
    }

    @Test func aQualitativeRecordCarriesANote() throws {
        let measurement = OutcomeRecord(id: recordID(11), outcome: network, date: try day("2007-11"), value: nil)
        let error = try expectRefused(.record(measurement), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "note")
    }

    @Test func aCountRecordCarriesANumber() throws {
        let measurement = OutcomeRecord(id: recordID(12), outcome: groups, date: try day("2007-11"), value: nil, note: "Two more")
        let error = try expectRefused(.record(measurement), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.kind == .record)
        #expect(error?.field == "value")
    }

    @Test(arguments: ["-1", "100.5", "250"])
    func aPercentageLiesWithin0And100(_ value: String) throws {
        let number = try #require(Decimal(string: value))
        let measurement = OutcomeRecord(id: recordID(13), outcome: awareness, date: try day("2007-12"), value: number)
        let error = try expectRefused(.record(measurement), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "value")
    }

    @Test(arguments: ["0", "100", "42.5"])
    func aPercentageAtTheBoundsIsAccepted(_ value: String) throws {
        var copy = portfolio
        let number = try #require(Decimal(string: value))
        try copy.apply(.record(OutcomeRecord(id: recordID(14), outcome: awareness, date: try day("2007-12"), value: number)))
        #expect(copy.measurements(of: awareness).count == 2)
    }

    @Test func aRecordUsesOnlyDeclaredDimensions() throws {
        let age = OutcomeRecord(id: recordID(15), outcome: trained, date: try day("2007-11"), value: 4, dimensions: ["age": "18-25"])
        let error = try expectRefused(.record(age), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.kind == .record)
        #expect(error?.field == "age")
        let undeclared = OutcomeRecord(id: recordID(16), outcome: groups, date: try day("2007-11"), value: 1, dimensions: ["sex": "female"])
        #expect(try expectRefused(.record(undeclared), on: portfolio)?.field == "sex")
        let empty = OutcomeRecord(id: recordID(17), outcome: trained, date: try day("2007-11"), value: 4, dimensions: ["sex": ""])
        #expect(try expectRefused(.record(empty), on: portfolio)?.field == "sex")
    }

    @Test func anUpdateMustKeepExistingRecordsFitting() throws {
        let old = try #require(portfolio.outcomes[trained])
        var new = old
        new.dims = []
        let error = try expectRefused(.updateOutcome(old: old, new: new), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.kind == .outcome)
        #expect(error?.field == "sex")
        let oldGroups = try #require(portfolio.outcomes[groups])
        var qualitative = oldGroups
        qualitative.measure = .qualitative
        qualitative.baseline = nil
        qualitative.target = nil
        let measure = try expectRefused(.updateOutcome(old: oldGroups, new: qualitative), on: portfolio)
        #expect(measure?.code == .invalidValue)
        #expect(measure?.field == "value")
    }

    // MARK: Removal refuses while referenced

    @Test func aProjectWithOutcomesLinksAndNotesStays() throws {
        let project = try #require(portfolio.projects[tip])
        let error = try expectRefused(.removeProject(project), on: portfolio)
        #expect(error?.code == .referenced)
        #expect(error?.kind == .project)
        #expect(error?.reason.contains("4 outcomes") == true)
        #expect(error?.reason.contains("5 links") == true)
        #expect(error?.reason.contains("2 notes") == true)
        let linkedOnly = try #require(portfolio.projects["TIP-2004"])
        #expect(try expectRefused(.removeProject(linkedOnly), on: portfolio)?.reason.contains("1 link") == true)
    }

    @Test func aLinkedPartnerStays() throws {
        let partner = try #require(portfolio.partners["osce-osh"])
        let error = try expectRefused(.removePartner(partner), on: portfolio)
        #expect(error?.code == .referenced)
        #expect(error?.kind == .partner)
        #expect(error?.reason.contains("3 projects") == true)
    }

    @Test(arguments: ["KG", "KG-B", "KG-O", "TJ-SU", "UZ", "ferghana-valley"])
    func aReferencedRegionStays(_ id: String) throws {
        let region = try #require(portfolio.regions[RegionID(id)])
        let error = try expectRefused(.removeRegion(region), on: portfolio)
        #expect(error?.code == .referenced)
        #expect(error?.kind == .region)
        #expect(error?.id == region.id.rawValue)
    }

    @Test func anOutcomeWithRecordsStays() throws {
        let outcome = try #require(portfolio.outcomes[groups])
        let error = try expectRefused(.removeOutcome(outcome), on: portfolio)
        #expect(error?.code == .referenced)
        #expect(error?.kind == .outcome)
        #expect(error?.reason.contains("1 record") == true)
    }

    @Test func whatNothingRefersToCanGo() throws {
        var copy = portfolio
        try copy.apply(.removeRegion(try #require(copy.regions["FR"])))
        try copy.apply(.removeRegion(try #require(copy.regions["batken-city"])))
        #expect(copy.regions["FR"] == nil)
        #expect(copy.children(of: "KG-B") == ["kadamjay", "leilek"])
        // Empty a project, then remove it.
        let link = try #require(copy.participations(of: "TIP-2004").first)
        try copy.apply(.unlink(link))
        try copy.apply(.removeProject(try #require(copy.projects["TIP-2004"])))
        #expect(copy.projects["TIP-2004"] == nil)
        #expect(copy.projects(in: "KG-O") == [tip, "TIP-RESEARCH-2006"])
        #expect(copy.projects(of: "osce-osh") == ["TIP-2007", "TIP-RESEARCH-2006"])
    }

    // MARK: A stale `old` value is a conflict

    @Test func aStaleProjectIsAConflict() throws {
        let current = try #require(portfolio.projects[tip])
        var stale = current
        stale.title = "An earlier title"
        var new = current
        new.status = .finalising
        let error = try expectRefused(.updateProject(old: stale, new: new), on: portfolio)
        #expect(error?.code == .conflict)
        #expect(error?.kind == .project)
        #expect(error?.id == "TIP-2007")
        #expect(error?.missing == nil)
        #expect(try expectRefused(.removeProject(stale), on: portfolio)?.code == .conflict)
    }

    @Test func aStalePartnerIsAConflict() throws {
        let current = try #require(portfolio.partners["golden-goal"])
        var stale = current
        stale.acronym = "GG"
        let error = try expectRefused(.updatePartner(old: stale, new: current), on: portfolio)
        #expect(error?.code == .conflict)
        #expect(error?.kind == .partner)
    }

    @Test func aStaleRegionIsAConflict() throws {
        let current = try #require(portfolio.regions["leilek"])
        var stale = current
        stale.name = "Лейлек"
        let error = try expectRefused(.updateRegion(old: stale, new: stale), on: portfolio)
        #expect(error?.code == .conflict)
        #expect(error?.kind == .region)
        #expect(try expectRefused(.removeRegion(stale), on: portfolio)?.code == .conflict)
    }

    @Test func aStaleOutcomeIsAConflict() throws {
        let current = try #require(portfolio.outcomes[awareness])
        var stale = current
        stale.target = 80
        let error = try expectRefused(.updateOutcome(old: stale, new: current), on: portfolio)
        #expect(error?.code == .conflict)
        #expect(error?.kind == .outcome)
    }

    @Test func staleLinksRecordsAndNotesAreConflicts() throws {
        var link = try #require(portfolio.participations(of: tip).first { $0.partner == "france" })
        link.amount = try money("80000 EUR")
        let unlink = try expectRefused(.unlink(link), on: portfolio)
        #expect(unlink?.code == .conflict)
        #expect(unlink?.kind == .link)
        var measurement = try #require(portfolio.measurements(of: groups).first)
        measurement.value = 3
        let unrecord = try expectRefused(.unrecord(measurement), on: portfolio)
        #expect(unrecord?.code == .conflict)
        #expect(unrecord?.kind == .record)
        var note = try #require(portfolio.notes(of: tip).first)
        note.text += " Edited."
        let unnote = try expectRefused(.removeNote(note), on: portfolio)
        #expect(unnote?.code == .conflict)
        #expect(unnote?.kind == .note)
    }

    @Test func anUpdateCannotChangeTheID() throws {
        let current = try #require(portfolio.projects["TIP-2004"])
        var new = current
        new.id = "TIP-2005"
        let error = try expectRefused(.updateProject(old: current, new: new), on: portfolio)
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "id")
    }

    // MARK: Ids are well formed

    @Test(arguments: ["", "TIP  2007", "-tip", "_tip", ".tip", "/TIP", "tip\t2007", " TIP", "TIP ", "tip\n2007"])
    func aMalformedProjectIDIsRefused(_ id: String) throws {
        let error = try expectRefused(.addProject(Project(id: ProjectID(id), title: "A project")), on: portfolio)
        #expect(error?.code == .malformedID)
        #expect(error?.kind == .project)
        #expect(error?.id == id)
    }

    @Test func malformedIDsOfEveryKindAreRefused() throws {
        #expect(try expectRefused(.addPartner(Partner(id: "golden goal", name: "x")), on: portfolio)?.code == .malformedID)
        #expect(try expectRefused(.addRegion(Region(id: "KG B", level: .province)), on: portfolio)?.code == .malformedID)
        #expect(try expectRefused(.addRegion(Region(id: "a/b", level: .area)), on: portfolio)?.code == .malformedID)
        for key in ["", "a/b", "-x", "two words"] {
            let outcome = Outcome(id: OutcomeID(project: tip, key: key), title: "An outcome")
            let error = try expectRefused(.addOutcome(outcome), on: portfolio)
            #expect(error?.code == .malformedID, "key '\(key)'")
            #expect(error?.kind == .outcome)
        }
    }

    @Test func renamingToAMalformedIDIsRefused() throws {
        let project = try expectRefused(.renameProject(from: tip, to: "TIP 2007 "), on: portfolio)
        #expect(project?.code == .malformedID)
        #expect(project?.id == "TIP 2007 ")
        #expect(try expectRefused(.renamePartner(from: "france", to: "la france"), on: portfolio)?.code == .malformedID)
        #expect(try expectRefused(.renameRegion(from: "leilek", to: "KG-B/leilek"), on: portfolio)?.code == .malformedID)
        let empty = try expectRefused(.renameOutcome(from: groups, to: OutcomeID(project: tip, key: "")), on: portfolio)
        #expect(empty?.code == .malformedID)
        let slash = try expectRefused(.renameOutcome(from: groups, to: OutcomeID(project: tip, key: "a/b")), on: portfolio)
        #expect(slash?.code == .malformedID)
    }

    @Test func idsMayUseAnyScript() throws {
        var copy = portfolio
        try copy.apply(.addPartner(Partner(id: "баткен-админ", name: "Баткенская областная администрация")))
        try copy.apply(.addRegion(Region(id: "Лейлек.2", level: .district, parent: "KG-B")))
        #expect(copy.partners["БАТКЕН-АДМИН"] != nil)
    }

    // MARK: Several changes at once

    @Test func applyAllUndoesTheChangesBeforeAFailure() throws {
        let changes: [Change] = [
            .addProject(Project(id: "NEW", regions: ["KG-B"])),
            .unlink(try #require(portfolio.participations(of: tip).first { $0.partner == "golden-goal" })),
            .unrecord(try #require(portfolio.measurements(of: trained).first)),
            .renameRegion(from: "KG-B", to: "batken"),
            .renameProject(from: tip, to: "TIP-07"),
            .addProject(Project(id: "tip-07")),  // a duplicate: everything above is undone
        ]
        var copy = portfolio
        let error = #expect(throws: ChangeError.self) { try copy.apply(all: changes) }
        #expect(error?.code == .duplicate)
        #expect(copy == portfolio)
        #expect(try snapshot(copy) == snapshot(portfolio))
    }

    @Test func applyAllAppliesEverythingWhenNothingFails() throws {
        var copy = portfolio
        try copy.apply(all: [
            .addProject(Project(id: "NEW", regions: ["UZ-AN"])),
            .link(Participation(project: "NEW", partner: "golden-goal", role: .implementer)),
        ])
        #expect(copy.projects(of: "golden-goal") == ["NEW", tip])
    }

    @Test func buildingFromChangesStopsAtTheFirstFailure() {
        let error = #expect(throws: ChangeError.self) {
            try Portfolio(applying: [.addRegion(Region(id: "KG", level: .country)), .addRegion(Region(id: "kg", level: .country))])
        }
        #expect(error?.code == .duplicate)
    }
}
