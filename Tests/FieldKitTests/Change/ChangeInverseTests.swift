import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKit

@Suite("Change inverses")
struct ChangeInverseTests {
    let portfolio: Portfolio

    init() throws { portfolio = try osh() }

    @Test func everyScenarioChangeIsUndoneByItsInverse() throws {
        var state = Portfolio()
        let changes = try OshScenario.changes()
        #expect(changes.count == 41)
        for change in changes {
            try expectInverseRestores(change, on: state)
            try state.apply(change)
        }
        #expect(state == portfolio)
    }

    @Test func undoingTheWholeScenarioNewestFirstEmptiesThePortfolio() throws {
        var state = portfolio
        for change in try OshScenario.changes().reversed() { try state.apply(change.inverse) }
        #expect(state == Portfolio())
        #expect(state.isEmpty)
        #expect(state.changesFromEmpty.isEmpty)
    }

    @Test func inverseOfInverseIsTheChange() throws {
        for change in try ChangeCatalog.everyCase(in: portfolio) {
            #expect(change.inverse.inverse == change)
            #expect(change.inverse.kind == change.kind)
        }
    }

    @Test func updatesAreUndone() throws {
        let project = try #require(portfolio.projects[tip])
        var closed = project
        closed.status = .closed
        closed.actualEnd = try day("2008-01-31")
        closed.regions = ["KG-O", "KG-J"]
        closed.budget = try money("90000.50 EUR")
        closed.tags = []
        try expectInverseRestores(.updateProject(old: project, new: closed), on: portfolio)

        let partner = try #require(portfolio.partners["golden-goal"])
        var renamed = partner
        renamed.name = "Золотой гол"
        renamed.contacts = [Contact(parsing: "Aida Sultanova, Director")]
        try expectInverseRestores(.updatePartner(old: partner, new: renamed), on: portfolio)

        let region = try #require(portfolio.regions["ferghana-valley"])
        var smaller = region
        smaller.includes = ["KG-O", "KG-J", "KG-B"]
        smaller.parent = "KG"
        try expectInverseRestores(.updateRegion(old: region, new: smaller), on: portfolio)

        let outcome = try #require(portfolio.outcomes[trained])
        var wider = outcome
        wider.dims = ["sex", "age"]
        wider.regions = ["ferghana-valley"]
        wider.target = 80
        try expectInverseRestores(.updateOutcome(old: outcome, new: wider), on: portfolio)
    }

    @Test(arguments: [
        ("TIP-2007", "TIP-07"), ("TIP-2007", "tip-2007"), ("TIP-2004", "OLD-2004"), ("TIP-RESEARCH-2006", "RESEARCH"),
    ])
    func projectRenamesAreUndone(_ from: String, _ to: String) throws {
        try expectInverseRestores(.renameProject(from: ProjectID(from), to: ProjectID(to)), on: portfolio)
    }

    @Test(arguments: [
        ("golden-goal", "zolotoy-gol"), ("osce-osh", "OSCE-Osh"), ("france", "aaa-france"), ("batken-admin", "zz-admin"),
    ])
    func partnerRenamesAreUndone(_ from: String, _ to: String) throws {
        try expectInverseRestores(.renamePartner(from: PartnerID(from), to: PartnerID(to)), on: portfolio)
    }

    @Test(arguments: [("KG-B", "batken"), ("KG", "kyrgyzstan"), ("ferghana-valley", "Fergana"), ("leilek", "Leilek"), ("UZ-AN", "andijan")])
    func regionRenamesAreUndone(_ from: String, _ to: String) throws {
        try expectInverseRestores(.renameRegion(from: RegionID(from), to: RegionID(to)), on: portfolio)
    }

    @Test func outcomeRenamesAreUndone() throws {
        try expectInverseRestores(.renameOutcome(from: groups, to: OutcomeID(project: tip, key: "community-groups")), on: portfolio)
        try expectInverseRestores(.renameOutcome(from: trained, to: OutcomeID(project: tip, key: "Trained")), on: portfolio)
        try expectInverseRestores(.renameOutcome(from: awareness, to: OutcomeID(project: "TIP-2004", key: "awareness")), on: portfolio)
    }

    @Test func everyUnlinkIsUndoneInPlace() throws {
        for link in portfolio.allParticipations {
            try expectInverseRestores(.unlink(link), on: portfolio)
        }
    }

    @Test func everyUnrecordIsUndone() throws {
        for measurement in portfolio.allMeasurements {
            try expectInverseRestores(.unrecord(measurement), on: portfolio)
        }
    }

    @Test func everyNoteRemovalIsUndone() throws {
        for note in portfolio.allNotes {
            try expectInverseRestores(.removeNote(note), on: portfolio)
        }
    }

    @Test func removalsAreUndone() throws {
        try expectInverseRestores(.removeRegion(try #require(portfolio.regions["FR"])), on: portfolio)
        try expectInverseRestores(.removeRegion(try #require(portfolio.regions["batken-city"])), on: portfolio)
        var emptied = portfolio
        try emptied.apply(.unlink(try #require(emptied.participations(of: "TIP-2004").first)))
        try expectInverseRestores(.removeProject(try #require(emptied.projects["TIP-2004"])), on: emptied)
        var unlinked = portfolio
        try unlinked.apply(.unlink(Participation(project: tip, partner: "batken-admin", role: .counterpart)))
        try expectInverseRestores(.removePartner(try #require(unlinked.partners["batken-admin"])), on: unlinked)
        let record = try #require(portfolio.measurements(of: network).first)
        var unrecorded = portfolio
        try unrecorded.apply(.unrecord(record))
        try expectInverseRestores(.removeOutcome(try #require(unrecorded.outcomes[network])), on: unrecorded)
    }

    @Test func renamingAProjectCarriesEverythingThatBelongsToIt() throws {
        var copy = portfolio
        try copy.apply(.renameProject(from: tip, to: "NEW"))
        #expect(copy.projects[tip] == nil)
        let renamed = try #require(copy.projects["NEW"])
        #expect(renamed.id.rawValue == "NEW")
        #expect(renamed.title == portfolio.projects[tip]?.title)
        // Outcomes become NEW/key, with their records.
        #expect(copy.outcomes(of: "NEW").map(\.id.rawValue) == ["NEW/awareness", "NEW/groups", "NEW/network", "NEW/trained"])
        #expect(copy.outcomes(of: tip).isEmpty)
        #expect(copy.outcomes[groups] == nil)
        let newGroups = OutcomeID(project: "NEW", key: "groups")
        #expect(copy.measurements(of: newGroups).map(\.outcome) == [newGroups])
        #expect(copy.measurements(of: newGroups).first?.value == 2)
        #expect(copy.measurements(of: groups).isEmpty)
        #expect(copy.measurements(of: OutcomeID(project: "NEW", key: "trained")).count == 2)
        #expect(copy.allMeasurements.count == 5)
        #expect(copy.progress(of: newGroups, asOf: try day("2008-01"))?.current == 2)
        // Links.
        #expect(copy.participations(of: "NEW").count == 5)
        #expect(copy.participations(of: "NEW").allSatisfy { $0.project.rawValue == "NEW" })
        #expect(copy.participations(of: tip).isEmpty)
        #expect(copy.projects(of: "france") == ["NEW"])
        #expect(copy.projects(of: "osce-osh") == ["NEW", "TIP-2004", "TIP-RESEARCH-2006"])
        // Notes.
        #expect(copy.notes(of: "NEW").count == 2)
        #expect(copy.notes(of: "NEW").allSatisfy { $0.project.rawValue == "NEW" })
        #expect(copy.notes(of: tip).isEmpty)
        // Regions still find it.
        #expect(copy.projects(in: "KG-B") == ["NEW"])
        #expect(copy.outcomes(under: "KG-B") == [newGroups, OutcomeID(project: "NEW", key: "trained")])
        // And it rebuilds from its own changes, and renames back exactly.
        #expect(try Portfolio(applying: copy.changesFromEmpty) == copy)
        try copy.apply(.renameProject(from: "NEW", to: tip))
        #expect(copy == portfolio)
        #expect(try snapshot(copy) == snapshot(portfolio))
    }

    @Test func renamingAPartnerCarriesItsLinks() throws {
        var copy = portfolio
        try copy.apply(.renamePartner(from: "osce-osh", to: "osce"))
        #expect(copy.partners["osce-osh"] == nil)
        #expect(copy.partners["osce"]?.name == "OSCE Osh Field Office")
        #expect(copy.projects(of: "osce") == ["TIP-2004", tip, "TIP-RESEARCH-2006"])
        #expect(copy.projects(of: "osce-osh").isEmpty)
        #expect(copy.participations(ofPartner: "osce").map(\.role) == [.lead, .lead, .lead])
        #expect(copy.participations(of: tip).contains { $0.partner.rawValue == "osce" && $0.role == .lead })
        #expect(try Portfolio(applying: copy.changesFromEmpty) == copy)
    }

    @Test func linksKeepOneOrderWhateverTheHistory() throws {
        // By role (funder, lead, extending, implementer, counterpart), then partner.
        let order: [(String, Role)] = [
            ("france", .funder), ("osce-osh", .lead), ("golden-goal", .implementer), ("batken-admin", .counterpart),
            ("scme", .counterpart),
        ]
        let links = portfolio.participations(of: tip)
        #expect(links.map(\.partner.rawValue) == order.map(\.0))
        #expect(links.map(\.role) == order.map(\.1))
        // Unlinking and linking again, in any order, gives the same list.
        var copy = portfolio
        for link in links { try copy.apply(.unlink(link)) }
        for link in links.reversed() { try copy.apply(.link(link)) }
        #expect(copy == portfolio)
        // A renamed partner takes its place in the order.
        try copy.apply(.renamePartner(from: "batken-admin", to: "zz-admin"))
        #expect(copy.participations(of: tip).map(\.partner.rawValue).suffix(2) == ["scme", "zz-admin"])
        #expect(try Portfolio(applying: copy.changesFromEmpty) == copy)
        #expect(try snapshot(Portfolio(applying: copy.changesFromEmpty)) == snapshot(copy))
    }

    @Test func renamingAnOutcomeCarriesItsRecords() throws {
        var copy = portfolio
        let renamed = OutcomeID(project: tip, key: "people-trained")
        try copy.apply(.renameOutcome(from: trained, to: renamed))
        #expect(copy.outcomes[trained] == nil)
        #expect(copy.outcomes[renamed]?.dims == ["sex"])
        #expect(copy.measurements(of: renamed).map(\.value) == [12, 18])
        #expect(copy.measurements(of: renamed).allSatisfy { $0.outcome == renamed })
        #expect(copy.outcomes(under: "KG-O").contains(renamed))
    }

    @Test func kindAndSubjectDescribeTheChange() throws {
        let link = Participation(project: tip, partner: "france", role: .funder)
        #expect(Change.link(link).kind == .link)
        #expect(Change.link(link).subject == "TIP-2007 france funder")
        #expect(Change.renameProject(from: tip, to: "NEW").subject == "NEW")
        #expect(Change.renameProject(from: tip, to: "NEW").kind == .project)
        #expect(Change.addRegion(Region(id: "KG", level: .country)).subject == "KG")
        let measurement = try #require(portfolio.measurements(of: groups).first)
        #expect(Change.record(measurement).subject == "TIP-2007/groups")
        #expect(Change.record(measurement).kind == .record)
        let note = try #require(portfolio.notes(of: tip).first)
        #expect(Change.addNote(note).kind == .note)
        #expect(Change.removeNote(note).subject == "TIP-2007")
    }
}
