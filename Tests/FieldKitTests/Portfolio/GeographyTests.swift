import Foundation
import Testing

@testable import FieldKit

/// Region roll-up: "under X" is X, its descendants, and for an area its members and
/// their descendants, across borders.
@Suite("Geography")
struct GeographyTests {
    let portfolio: Portfolio

    init() throws { portfolio = try osh() }

    @Test func theFerghanaValleySpansThreeCountries() throws {
        let valley = try #require(portfolio.regions["ferghana-valley"])
        #expect(valley.level == .area)
        #expect(valley.parent == nil)
        #expect(valley.includes == ferghanaMembers)
        #expect(Set(valley.includes.compactMap { portfolio.regions[$0]?.parent }) == ["KG", "UZ", "TJ"])
    }

    @Test func underTheValleyAreItsMembersAndTheirDescendants() {
        let under = portfolio.regions(under: "ferghana-valley")
        let expected: Set<RegionID> = Set(ferghanaMembers).union(["ferghana-valley", "leilek", "kadamjay", "batken-city"])
        #expect(under == expected)
        #expect(under.contains("leilek"))
        #expect(!under.contains("KG"))
        #expect(!under.contains("UZ"))
        #expect(!under.contains("FR"))
        #expect(portfolio.isRegion("leilek", under: "ferghana-valley"))
        #expect(portfolio.isRegion("TJ-SU", under: "Ferghana-Valley"))
        #expect(!portfolio.isRegion("KG", under: "ferghana-valley"))
    }

    @Test func underACountryAreItsSubdivisionsAndTheirs() {
        #expect(portfolio.regions(under: "KG") == ["KG", "KG-O", "KG-J", "KG-B", "leilek", "kadamjay", "batken-city"])
        #expect(portfolio.regions(under: "UZ") == ["UZ", "UZ-AN", "UZ-FA", "UZ-NG"])
        #expect(portfolio.regions(under: "KG-B") == ["KG-B", "leilek", "kadamjay", "batken-city"])
        #expect(portfolio.regions(under: "leilek") == ["leilek"])
        #expect(portfolio.regions(under: "FR") == ["FR"])
        #expect(portfolio.regions(under: "atlantis").isEmpty)
        #expect(portfolio.isRegion("KG", under: "KG"))
    }

    @Test func projectsUnderBatkenProvince() {
        #expect(portfolio.projects(under: "KG-B") == [tip])
        #expect(portfolio.projects(under: "kg-b") == [tip])
        #expect(portfolio.projects(under: "leilek").isEmpty)
    }

    @Test func projectsUnderKyrgyzstanWorkInItsSubdivisions() {
        #expect(portfolio.projects(in: "KG").isEmpty)
        #expect(portfolio.projects(under: "KG") == [tip, "TIP-2004", "TIP-RESEARCH-2006"])
        #expect(portfolio.projects(under: "KG-J") == ["TIP-RESEARCH-2006"])
    }

    @Test func projectsUnderTheValley() {
        #expect(portfolio.projects(in: "ferghana-valley") == [tip])
        #expect(portfolio.projects(under: "ferghana-valley") == [tip, "TIP-2004", "TIP-RESEARCH-2006"])
    }

    @Test func noProjectWorksUnderUzbekistanUntilOneDoes() throws {
        #expect(portfolio.projects(under: "UZ").isEmpty)
        #expect(portfolio.projects(under: "TJ").isEmpty)
        var copy = portfolio
        try copy.apply(.addProject(Project(id: "ANDIJAN-2008", title: "Cross-border NGO exchange", regions: ["UZ-AN"])))
        #expect(copy.projects(under: "UZ") == ["ANDIJAN-2008"])
        #expect(copy.projects(under: "UZ-AN") == ["ANDIJAN-2008"])
        #expect(copy.projects(under: "ferghana-valley").contains("ANDIJAN-2008"))
        #expect(copy.projects(under: "TJ").isEmpty)
        #expect(!copy.projects(under: "KG").contains("ANDIJAN-2008"))
    }

    @Test func outcomesUnderARegion() {
        #expect(portfolio.outcomes(under: "KG-B") == [groups, trained])
        #expect(portfolio.outcomes(under: "KG") == [groups, trained])
        #expect(portfolio.outcomes(under: "ferghana-valley") == [groups, trained, awareness, network])
        #expect(portfolio.outcomes(under: "UZ").isEmpty)
    }

    @Test func childrenAreasAndAncestors() {
        #expect(portfolio.children(of: "KG-B") == ["batken-city", "kadamjay", "leilek"])
        #expect(portfolio.children(of: "KG") == ["KG-B", "KG-J", "KG-O"])
        #expect(portfolio.children(of: "ferghana-valley").isEmpty)
        #expect(portfolio.areas(including: "KG-B") == ["ferghana-valley"])
        #expect(portfolio.areas(including: "KG").isEmpty)
        #expect(portfolio.ancestors(of: "leilek") == ["KG-B", "KG"])
        #expect(portfolio.ancestors(of: "KG").isEmpty)
        #expect(portfolio.ancestors(of: "ferghana-valley").isEmpty)
    }

    @Test func regionsInDependencyOrderPutParentsAndMembersFirst() throws {
        let ordered = portfolio.regionsInDependencyOrder
        #expect(ordered.count == portfolio.regions.count)
        let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.id, $0) })
        for region in ordered {
            let own = try #require(position[region.id])
            for dependency in [region.parent].compactMap({ $0 }) + region.includes {
                let before = try #require(position[dependency])
                #expect(before < own, "\(dependency) comes after \(region.id)")
            }
        }
    }

    @Test func renamingARegionCarriesEveryReference() throws {
        var copy = portfolio
        try copy.apply(.renameRegion(from: "KG-B", to: "batken"))
        #expect(copy.regions["KG-B"] == nil)
        let batken = try #require(copy.regions["batken"])
        #expect(batken.id.rawValue == "batken")
        #expect(batken.name == "Batken")
        #expect(batken.parent == "KG")
        // Projects and outcomes that named it.
        #expect(copy.projects[tip]?.regions.map(\.rawValue) == ["KG-O", "batken", "ferghana-valley"])
        #expect(copy.outcomes[groups]?.regions.map(\.rawValue) == ["batken"])
        #expect(copy.outcomes[trained]?.regions.map(\.rawValue) == ["KG-O", "batken"])
        // The area that includes it, in the same position.
        #expect(copy.regions["ferghana-valley"]?.includes.map(\.rawValue) == ["KG-O", "KG-J", "batken", "UZ-AN", "UZ-FA", "UZ-NG", "TJ-SU"])
        // Its children.
        for child in ["leilek", "kadamjay", "batken-city"] {
            #expect(copy.regions[RegionID(child)]?.parent?.rawValue == "batken")
        }
        // And every index.
        #expect(copy.children(of: "batken") == ["batken-city", "kadamjay", "leilek"])
        #expect(copy.children(of: "KG-B").isEmpty)
        #expect(copy.children(of: "KG").contains("batken"))
        #expect(copy.areas(including: "batken") == ["ferghana-valley"])
        #expect(copy.projects(in: "batken") == [tip])
        #expect(copy.projects(under: "batken") == [tip])
        #expect(copy.outcomes(under: "batken") == [groups, trained])
        #expect(copy.regions(under: "ferghana-valley").contains("leilek"))
        #expect(copy.ancestors(of: "leilek") == ["batken", "KG"])
        // The renamed portfolio rebuilds from its own changes.
        #expect(try Portfolio(applying: copy.changesFromEmpty) == copy)
    }

    @Test func renamingAnAreaCarriesItsProjectsAndOutcomes() throws {
        var copy = portfolio
        try copy.apply(.renameRegion(from: "ferghana-valley", to: "fergana"))
        #expect(copy.projects[tip]?.regions.last?.rawValue == "fergana")
        #expect(copy.outcomes[awareness]?.regions.map(\.rawValue) == ["fergana"])
        #expect(copy.regions(under: "fergana").count == 11)
        #expect(copy.areas(including: "TJ-SU") == ["fergana"])
        #expect(copy.projects(in: "fergana") == [tip])
    }
}
