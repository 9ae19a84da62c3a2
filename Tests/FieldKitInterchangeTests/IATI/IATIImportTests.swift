import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKitInterchange

/// `IATI.importing` on the real files of `../shared/data/iati` (copied as they are into `Tests/Fixtures/IATI`), and on a file
/// made to hold every kind of dirty value.
@Suite struct IATIImportTests {
    static let files = ["activity-standard-example-annotated.xml", "foodsecurity-dportal.xml", "covid-dportal.xml"]
    let gazetteer = try? Gazetteer.system.get()

    func imported(_ bytes: [UInt8], into start: Portfolio = Portfolio()) throws -> (Portfolio, ImportPlan) {
        let plan = try IATI.importing(bytes, into: start, gazetteer: gazetteer)
        var portfolio = start
        for change in plan.changes { try portfolio.apply(change) }
        #expect(portfolio.invariantViolations() == [])
        return (portfolio, plan)
    }

    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: XMLLint.data.appendingPathComponent(name))) }

    /// The copies in the repository are the shared files byte for byte, where those are at hand.
    @Test(arguments: files)
    func theCopiesAreTheSharedFiles(_ name: String) throws {
        let shared = XMLLint.root.appendingPathComponent("../shared/data/iati").standardizedFileURL.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        #expect(try Data(contentsOf: shared) == Data(bytes(name)))
    }

    /// Activities, indicators and numeric actuals, each counted by XPath over the same file.
    @Test(arguments: files)
    func countsMatchAnIndependentCount(_ name: String) throws {
        let file = XMLLint.data.appendingPathComponent(name)
        let (portfolio, plan) = try imported(try bytes(name))
        let activities = try XMLLint.count("//iati-activity", in: file)
        let indicators = try XMLLint.count("//iati-activity/result/indicator", in: file)
        let actuals = try XMLLint.count("//iati-activity/result/indicator/period/actual[@value]", in: file)
        #expect(activities > 0)
        #expect(portfolio.projects.count == activities)
        #expect(portfolio.outcomes.count == indicators)
        let numeric = portfolio.allMeasurements.filter { $0.value != nil }.count
        #expect(numeric == actuals)
        #expect(plan.summary?.hasPrefix("\(activities) activit") == true)
        #expect(!plan.warnings.contains { $0.reason == "changes refused by a rule" }, "\(plan.warnings.filter { $0.reason == "changes refused by a rule" })")
    }

    @Test func theCovidFilesDirtyLinesAreWarningsAtTheirLines() throws {
        let (_, plan) = try imported(try bytes("covid-dportal.xml"))
        let sector = try #require(plan.warnings.first { $0.reason == "sectors without code" })
        #expect(sector.line == 52895)
        #expect(sector.message == "sector without code; skipped")
        let lines = plan.warnings.map(\.line)
        #expect(lines == lines.sorted())
    }

    @Test func importingTheSameFileAgainChangesNothing() throws {
        for name in Self.files {
            let (portfolio, _) = try imported(try bytes(name))
            let again = try IATI.importing(try bytes(name), into: portfolio, gazetteer: gazetteer)
            #expect(again.changes.isEmpty, "\(name): \(again.changes.prefix(3))")
            #expect(again.unchanged > 0)
        }
    }

    @Test func theAnnotatedExampleIsReadFieldByField() throws {
        let (portfolio, _) = try imported(try bytes("activity-standard-example-annotated.xml"))
        let project = try #require(portfolio.projects["AA-AAA-123456789-ABC123"])
        #expect(project.title == "Activity title")
        #expect(project.language == "en")
        #expect(project.translations.contains { $0.field == .title && $0.language == "fr" })
        #expect(project.status == .active)
        #expect(project.start?.description == "2012-04-15")
        #expect(project.actualStart?.description == "2012-04-28")
        #expect(project.end?.description == "2015-12-31")
        #expect(project.sectors == ["2:111", "2:112", "A1"])
        #expect(project.regions.map(\.rawValue).contains("AF"))
        let roles = portfolio.participations(of: project.id).map { "\($0.partner):\($0.role.rawValue)" }
        #expect(roles.contains("BB-BBB-123456789:funder"))
        #expect(roles.contains("AA-AAA-123456789:extending"))
        let outcome = try #require(portfolio.outcomes(of: project.id).first)
        #expect(outcome.dims == ["sex", "age"])
        let record = try #require(portfolio.measurements(of: outcome.id).first)
        #expect(record.dimensions == ["sex": "female", "age": "adult"])
    }
}

@Suite struct CollapsingWhitespaceTests {
    @Test(arguments: [
        ("Water for Batken", "Water for Batken"), ("  Water \t for\n\nBatken  ", "Water for Batken"), ("", ""), (" \n\t ", ""),
        ("Вода  для\r\nБаткена", "Вода для Баткена"), ("a", "a"), (" a", "a"), ("a ", "a"), ("a\u{A0}b", "a\u{A0}b"),
    ])
    func runsOfSpaceBecomeOne(_ text: String, _ expected: String) {
        #expect(text.collapsingWhitespace == expected)
    }
}
