import Testing

@testable import FieldKit

@Suite("Spelling and vocabularies")
struct SpellingTests {
    let statuses = ProjectStatus.allCases.map(\.rawValue)

    @Test(arguments: [
        ("actve", "active"), ("acitve", "active"), ("Pipline", "pipeline"), ("CLOSED", "closed"),
        ("finalizing", "finalising"), ("suspnded", "suspended"), ("canceled", "cancelled"),
    ])
    func suggestsTheNearestStatus(_ typed: String, _ meant: String) {
        #expect(Spelling.nearest(to: typed, in: statuses) == meant)
    }

    @Test(arguments: ["xyz", "", "activated-long-ago", "p"])
    func suggestsNothingWhenNothingIsClose(_ typed: String) {
        #expect(Spelling.nearest(to: typed, in: statuses) == nil)
    }

    @Test func breaksTiesAlphabeticallyWhateverTheOrder() {
        #expect(Spelling.nearest(to: "cat", in: ["hat", "bat"]) == "bat")
        #expect(Spelling.nearest(to: "cat", in: ["bat", "hat"]) == "bat")
        // A closer candidate wins over an earlier one.
        #expect(Spelling.nearest(to: "golden-gaol", in: ["golden-goat", "golden-goal"]) == "golden-goal")
    }

    @Test func limitsTheDistanceToAThirdOfTheWord() {
        // "trained" has 7 letters: 2 edits are allowed, 3 are not.
        #expect(Spelling.nearest(to: "trainde", in: ["trained"]) == "trained")
        #expect(Spelling.nearest(to: "tranedx", in: ["trained"]) == "trained")
        #expect(Spelling.nearest(to: "xranedx", in: ["trained"]) == nil)
    }

    @Test func editDistanceCountsTranspositionsAsOneEdit() {
        #expect(Spelling.editDistance(Array("acitve"), Array("active"), limit: 5) == 1)
        #expect(Spelling.editDistance(Array("kitten"), Array("sitting"), limit: 5) == 3)
        #expect(Spelling.editDistance(Array(""), Array("abc"), limit: 5) == 3)
        #expect(Spelling.editDistance(Array("Баткен"), Array("Баткен"), limit: 1) == 0)
    }

    @Test func vocabularyWordsParseCaseInsensitively() throws {
        #expect(try ProjectStatus.parse("ACTIVE") == .active)
        #expect(try PartnerKind.parse("National-NGO") == .nationalNGO)
        #expect(try Role.parse("funder") == .funder)
        #expect(try RegionLevel.parse("area") == .area)
        #expect(try OutcomeStatus.parse("on-track") == .onTrack)
    }

    @Test func aMisspeltWordSaysWhatIsAllowedAndSuggests() {
        let error = #expect(throws: ValueError.self) { try ProjectStatus.parse("actve") }
        #expect(error?.text == "actve")
        #expect(error?.suggestion == "active")
        #expect(error?.reason == "a status is one of pipeline, active, finalising, closed, cancelled, suspended")
        #expect(error?.description.hasSuffix("(did you mean 'active'?)") == true)
        let far = #expect(throws: ValueError.self) { try Role.parse("sponsor") }
        #expect(far?.suggestion == nil)
    }

    @Test func iatiCodes() {
        #expect(ProjectStatus.pipeline.iatiCode == 1)
        #expect(ProjectStatus.closed.iatiCode == 4)
        #expect(ProjectStatus.suspended.iatiCode == 6)
        #expect(PartnerKind.nationalNGO.iatiCode == 22)
        #expect(PartnerKind.multilateral.iatiCode == 40)
        #expect(Role.funder.iatiCode == 1)
        #expect(Role.counterpart.iatiCode == 4)
        #expect(OutcomeLevel.impact.iatiCode == 3)
    }
}
