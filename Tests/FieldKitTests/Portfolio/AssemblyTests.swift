import Foundation
import Testing

@testable import FieldKit

/// Building a portfolio from entity lists, as a store does when it loads its tables.
@Suite("Assembly from tables")
struct AssemblyTests {
    let portfolio: Portfolio

    init() throws { portfolio = try osh() }

    @Test func entitiesInAnyOrderGiveTheSamePortfolio() throws {
        let assembled = try Portfolio(
            regions: portfolio.regions.values.sorted { $0.id > $1.id },
            partners: portfolio.partners.values.sorted { $0.id > $1.id },
            projects: portfolio.projects.values.sorted { $0.id > $1.id },
            outcomes: portfolio.outcomes.values.sorted { $0.id > $1.id },
            participations: portfolio.allParticipations.reversed(),
            measurements: portfolio.allMeasurements.reversed(),
            notes: portfolio.allNotes.reversed())
        #expect(assembled == portfolio)
        #expect(try snapshot(assembled) == snapshot(portfolio))
    }

    @Test func aDuplicateRegionIsRefused() {
        let error = #expect(throws: ChangeError.self) {
            try Portfolio(
                regions: [Region(id: "KG", level: .country), Region(id: "kg", level: .country)], partners: [], projects: [],
                outcomes: [], participations: [], measurements: [], notes: [])
        }
        #expect(error?.code == .duplicate)
        #expect(error?.kind == .region)
    }

    @Test func aMissingReferenceIsNamed() {
        let error = #expect(throws: ChangeError.self) {
            try Portfolio(
                regions: [Region(id: "leilek", level: .district, parent: "KG-B")], partners: [], projects: [],
                outcomes: [], participations: [], measurements: [], notes: [])
        }
        #expect(error?.code == .notFound)
        #expect(error?.missingText == "region:KG-B")
    }
}
