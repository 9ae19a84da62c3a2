// Uses FieldKit as an embedding tool would: public API only, no @testable. scripts/test also
// compiles these files without the package's name, so that a `package` declaration fails them.
import FieldKit
import FieldKitInterchange
import FieldKitStore
import Foundation
import Testing

@Suite struct EmbeddingTests {
    /// The Osh scenario, written with nothing but the public API.
    func oshChanges() throws -> [Change] {
        let gazetteer = try Gazetteer.system.get()
        struct UnknownCode: Error {}
        func iso(_ code: String) throws -> Change {
            guard let entry = gazetteer.entry(for: code) else { throw UnknownCode() }
            return .addRegion(Region(entry))
        }
        let tip: ProjectID = "TIP-2007"
        let members: [RegionID] = ["KG-O", "KG-J", "KG-B", "UZ-AN", "UZ-FA", "UZ-NG", "TJ-SU"]
        var changes: [Change] = try ["KG", "UZ", "TJ"].map(iso) + members.map { try iso($0.rawValue) }
        changes += [
            .addRegion(Region(id: "ferghana-valley", name: "Ferghana Valley", level: .area, includes: members)),
            .addPartner(Partner(
                id: "osce-osh", name: "OSCE Osh Field Office", kind: .multilateral, country: "KG",
                contacts: [Contact(parsing: "Jerome Bouyjou, Head of Office")])),
            .addPartner(Partner(id: "golden-goal", name: "Golden Goal", kind: .nationalNGO, country: "KG")),
            .addPartner(Partner(id: "france", name: "Government of France", kind: .government, country: "FR")),
            .addProject(Project(
                id: tip, title: "Combating human trafficking in south Kyrgyzstan", status: .active,
                start: try Day(parsing: "2007-04-24"), end: try Day(parsing: "2008-01"), sectors: ["15190"],
                targetGroups: ["students", "young people", "lawyers", "judges"],
                regions: ["KG-O", "KG-B", "ferghana-valley"])),
            .link(Participation(project: tip, partner: "osce-osh", role: .lead)),
            .link(Participation(project: tip, partner: "golden-goal", role: .implementer)),
            .link(Participation(project: tip, partner: "france", role: .funder)),
            .addOutcome(Outcome(
                id: OutcomeID(project: tip, key: "groups"), title: "Community-based groups in remote areas of Batken",
                unit: "groups", measure: .count, target: 6, due: try Day(parsing: "2008-01"), regions: ["KG-B"])),
            .record(OutcomeRecord(
                outcome: OutcomeID(project: tip, key: "groups"), date: try Day(parsing: "2007-09-30"), value: 2,
                note: "Leilek and Kadamjay")),
        ]
        return changes
    }

    @Test func buildSaveReopenAndRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldkit-embed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("osh.db").path

        let changes = try oshChanges()
        let built = try Portfolio(applying: changes)
        do {
            let store = try SQLiteStore(path: path)
            try store.commit(JournalDraft(actor: "dashboard", origin: "embedding", statement: "seed", changes: changes))
        }
        let store = try SQLiteReader(path: path)
        let portfolio = try store.portfolio
        #expect(portfolio == built)

        let tip = try #require(portfolio.projects["tip-2007"])
        #expect(tip.id.rawValue == "TIP-2007")
        #expect(portfolio.projects(under: "KG-B") == ["TIP-2007"])
        #expect(portfolio.projects(under: "UZ-FA").isEmpty)
        #expect(portfolio.regions(under: "ferghana-valley").contains("TJ-SU"))
        #expect(portfolio.participations(of: "TIP-2007").filter { $0.role == .funder }.map(\.partner) == ["france"])
        let progress = try #require(portfolio.progress(of: OutcomeID(project: "TIP-2007", key: "groups"), asOf: try Day(parsing: "2007-10-01")))
        #expect(progress.current == 2)
        #expect(portfolio.partners["osce-osh"]?.contacts.first?.role == "Head of Office")
        let entry = try #require(try store.journal().first)
        #expect(entry.actor == "dashboard")
        #expect(entry.changes.count == built.changesFromEmpty.count)
    }

    @Test func aPortfolioTravelsAsJSONAndBack() throws {
        let portfolio = try Portfolio(applying: oshChanges())
        let text = PortfolioJSON.export(portfolio)
        var copy = Portfolio()
        let plan = try PortfolioJSON.importing(Array(text.utf8), into: copy)
        #expect(plan.lines.count == plan.changes.count)
        try copy.apply(all: plan.changes)
        #expect(copy == portfolio)
        #expect(PortfolioJSON.export(copy) == text)
        #expect(throws: InterchangeError.self) { try PortfolioJSON.importing(Array("{}".utf8), into: copy) }
    }

    @Test func aPortfolioTravelsAsIATIAndBack() throws {
        let portfolio = try Portfolio(applying: oshChanges())
        let (xml, problems) = IATI.export(portfolio)
        #expect(problems.isEmpty)
        var copy = Portfolio()
        let plan = try IATI.importing(Array(xml.utf8), into: copy, gazetteer: try? Gazetteer.system.get())
        #expect(plan.warnings.isEmpty)
        #expect(plan.summary?.hasPrefix("1 activit") == true)
        try copy.apply(all: plan.changes)
        #expect(Set(copy.projects.keys) == Set(portfolio.projects.keys))
        #expect(copy.projects["TIP-2007"]?.title == portfolio.projects["TIP-2007"]?.title)
    }
}
