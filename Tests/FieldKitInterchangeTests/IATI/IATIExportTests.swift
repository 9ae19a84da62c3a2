import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKitInterchange

/// `IATI.export`: valid IATI 2.03 by the schema, and read back to the same portfolio.
@Suite struct IATIExportTests {
    let gazetteer = try? Gazetteer.system.get()

    func imported(_ bytes: [UInt8]) throws -> Portfolio {
        var portfolio = Portfolio()
        for change in try IATI.importing(bytes, into: portfolio, gazetteer: gazetteer).changes { try portfolio.apply(change) }
        return portfolio
    }

    /// The JSON export without record ids, which each import makes anew.
    func comparable(_ portfolio: Portfolio) -> [String] {
        PortfolioJSON.export(portfolio).split(separator: "\n").map(String.init).filter { !$0.contains("\"id\": \"01") }
    }

    func validate(_ xml: String, _ name: String) throws {
        let folder = try TemporaryFolder(prefix: "fieldkit-iati")
        let file = URL(fileURLWithPath: folder.path(name))
        try Data(xml.utf8).write(to: file)
        let errors = try XMLLint.schemaErrors(file)
        #expect(errors == nil, "\(errors ?? "")")
    }

    @Test func theOshScenarioExportsAsValidIATI() throws {
        let (xml, warnings) = IATI.export(try OshScenario.portfolio())
        #expect(warnings.isEmpty)
        try validate(xml, "osh.xml")
        #expect(xml.contains("<iati-identifier>TIP-2007</iati-identifier>"))
        #expect(xml.contains("<participating-org ref=\"golden-goal\" role=\"4\" type=\"22\">") || xml.contains("<narrative>Golden Goal</narrative>"))
        // The same portfolio always gives the same bytes.
        #expect(IATI.export(try OshScenario.portfolio()).xml == xml)
    }

    @Test func theOshScenarioReadsBackWithItsIdsAndRecords() throws {
        let osh = try OshScenario.portfolio()
        let back = try imported(Array(IATI.export(osh).xml.utf8))
        #expect(Set(back.projects.keys) == Set(osh.projects.keys))
        #expect(Set(back.partners.keys).isSuperset(of: Set(osh.allParticipations.map(\.partner))))
        #expect(Set(back.outcomes.keys) == Set(osh.outcomes.keys))
        #expect(back.allMeasurements.count == osh.allMeasurements.count)
        #expect(back.projects["TIP-2007"]?.title == osh.projects["TIP-2007"]?.title)
    }

    /// Import, export, import: the same portfolio. Covid's two baselines without a year come
    /// back with one, which IATI requires.
    @Test(arguments: IATIImportTests.files)
    func eachRealFileExportsValidAndReadsBackTheSame(_ name: String) throws {
        let first = try imported(Array(try Data(contentsOf: XMLLint.data.appendingPathComponent(name))))
        let (xml, _) = IATI.export(first)
        try validate(xml, name)
        let second = try imported(Array(xml.utf8))
        let before = comparable(first)
        let after = comparable(second)
        let added = after.filter { !before.contains($0) }
        let lost = before.filter { !after.contains($0) }
        #expect(lost.isEmpty, "\(lost.prefix(10))")
        #expect(added.allSatisfy { $0.contains("\"baseline-date\"") }, "\(added.prefix(10))")
        #expect(added.count <= (name == "covid-dportal.xml" ? 2 : 0))
    }

    @Test func aProjectWithoutDatesOrPartnersIsWrittenWithWarnings() throws {
        var portfolio = Portfolio()
        try portfolio.apply(.addProject(Project(id: "P 1", title: "Five & <six>", budget: try Money(parsing: "10 EUR"))))
        let (xml, warnings) = IATI.export(portfolio)
        #expect(xml.contains("<narrative>Five &amp; &lt;six&gt;</narrative>"))
        #expect(warnings.count == 3, "\(warnings)")
    }
}
