import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKitStore

@Suite struct JournalJSONTests {
    /// Every kind of change, with awkward text, optional fields set and unset.
    func changes() throws -> [Change] {
        var changes = try OshScenario.changes()
        let portfolio = try OshScenario.portfolio()
        let project = try #require(portfolio.projects["TIP-2007"])
        var edited = project
        edited.summary = nil
        edited.title = "Quotes \" and \\ backslashes,\nnewlines\tand \u{1} control — Баткен"
        edited.actualStart = try Day(parsing: "2007-05")
        changes.append(.updateProject(old: project, new: edited))
        var translated = edited
        translated.language = "en"
        translated.translations = [
            Translation(field: .title, language: "fr", text: "Lutte contre la traite \"humaine\""),
            Translation(field: .summary, language: "ky", text: "Баткен"),
        ]
        changes.append(.updateProject(old: edited, new: translated))
        var shared = translated
        shared.regionShares = [shared.regions[0]: Decimal(string: "62.5")!, shared.regions[1]: 37]
        changes.append(.updateProject(old: translated, new: shared))
        changes.append(.renameProject(from: "TIP-2007", to: "TIP-07"))
        changes.append(.renameOutcome(from: OutcomeID(project: "TIP-07", key: "groups"), to: OutcomeID(project: "TIP-07", key: "cbg")))
        let partner = try #require(portfolio.partners["golden-goal"])
        changes.append(.removePartner(partner))
        changes.append(.renameRegion(from: "KG-B", to: "kg-b"))
        changes.append(.renamePartner(from: "scme", to: "migration"))
        let outcome = try #require(portfolio.outcomes[OutcomeID(project: "TIP-2007", key: "awareness")])
        changes.append(.removeOutcome(outcome))
        let region = try #require(portfolio.regions["ferghana-valley"])
        changes.append(.updateRegion(old: region, new: region))
        changes.append(.unlink(try #require(portfolio.participations(of: "TIP-2007").first)))
        changes.append(.unrecord(try #require(portfolio.allMeasurements.first)))
        changes.append(.removeNote(try #require(portfolio.allNotes.first)))
        changes.append(.record(OutcomeRecord(
            outcome: OutcomeID(project: "P", key: "k"), date: try Day(parsing: "2007"), value: Decimal(string: "-12.125"),
            dimensions: ["age": "15-24", "sex": "female"], note: "n", source: nil)))
        return changes
    }

    @Test func handWrittenJSONDecodesToTheSameChanges() throws {
        let original = try changes()
        let text = JournalJSON.encode(original)
        let decoded = try JSONDecoder().decode([Change].self, from: Data(text.utf8))
        #expect(decoded == original)
        for (change, back) in zip(original, decoded) {
            #expect(change.subject == back.subject)
        }
    }

    @Test func itMatchesTheCodableEncodingKeyForKey() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for change in try changes() {
            let ours = try JSONSerialization.jsonObject(with: Data(JournalJSON.encode([change]).utf8)) as? NSArray
            let theirs = try JSONSerialization.jsonObject(with: try encoder.encode([change])) as? NSArray
            #expect(ours == theirs, "\(change)")
        }
    }
}
