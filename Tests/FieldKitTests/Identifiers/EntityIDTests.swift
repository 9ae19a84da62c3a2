import Foundation
import Testing

@testable import FieldKit

@Suite("Entity ids")
struct EntityIDTests {
    @Test func comparesCaseInsensitivelyButKeepsItsSpelling() {
        let written: ProjectID = "TIP-2007"
        let lower = ProjectID("tip-2007")
        #expect(written == lower)
        #expect(written.hashValue == lower.hashValue)
        #expect(Set([written, lower]).count == 1)
        #expect(written.rawValue == "TIP-2007")
        #expect(lower.rawValue == "tip-2007")
        #expect(written.key == "tip-2007")
        #expect(written.description == "TIP-2007")
        #expect(ProjectID("TIP-2007") != ProjectID("TIP-2008"))
    }

    @Test func ordersCaseInsensitivelyThenBySpelling() {
        #expect(RegionID("kg-b") < RegionID("KG-O"))
        #expect(RegionID("KG") < RegionID("kg-b"))
        // Same key: the order is still total, by spelling.
        #expect(ProjectID("TIP") < ProjectID("tip"))
        #expect(!(ProjectID("tip") < ProjectID("TIP")))
        let sorted = [ProjectID("b"), ProjectID("A"), ProjectID("c"), ProjectID("a")].sorted().map(\.rawValue)
        #expect(sorted == ["A", "a", "b", "c"])
    }

    @Test(arguments: [
        "TIP-2007", "golden-goal", "KG-B", "ferghana_valley", "v1.2", "2007", "Баткен", "osh-2007.fk",
        "TIP-2007/groups",
    ])
    func wellFormed(_ id: String) {
        #expect(EntityID<Project>.isWellFormed(id))
    }

    @Test(arguments: ["", " ", "TIP 2007", "-x", "_x", ".x", "/x", "a,b", "a;b", "tip\t1", "a'b", "x\u{0}"])
    func malformed(_ id: String) {
        #expect(!EntityID<Project>.isWellFormed(id))
    }

    /// Identifiers as donors publish them, from `Tests/Fixtures/IATI`.
    @Test(arguments: [
        "XI-IATI-EC_INTPA-2021/429-054", "NL-KVK-27108436-A-05001-22:VN",
        "CH-FDJP-f7f0b51e-7432-4c0c-a6c0-7df1101d7983-FH-projet Covid H2H", "TIP-2007", "Проект (2007) №1",
    ])
    func wellFormedProject(_ id: String) {
        #expect(EntityID<Project>.isWellFormedProject(id))
    }

    @Test(arguments: ["", " ", " a", "a ", "a  b", "a\tb", "a\nb", "a\u{0}", "-x", "a\u{200B}b", "a\u{A0}b", "a\u{2028}"])
    func malformedProject(_ id: String) {
        #expect(!EntityID<Project>.isWellFormedProject(id))
    }

    @Test func aProjectIDWithSpacesAndSlashesCarriesOutcomes() throws {
        var portfolio = Portfolio()
        let id = ProjectID("XI-IATI-EC_INTPA-2021/429-054 phase 2")
        try portfolio.apply(.addProject(Project(id: id, title: "Food security")))
        let outcome = try #require(OutcomeID("\(id.rawValue)/1"))
        #expect(outcome.project == id)
        try portfolio.apply(.addOutcome(Outcome(id: outcome, title: "Households reached")))
        #expect(throws: ChangeError.self) { try portfolio.apply(.addPartner(Partner(id: "a b", name: "x"))) }
        #expect(throws: ChangeError.self) { try portfolio.apply(.addProject(Project(id: "a\tb", title: "x"))) }
        #expect(portfolio.invariantViolations() == [])
    }

    @Test func everyASCIICharacterIsJudgedAsTheRulesSay() {
        for value in 0..<128 {
            let c = Character(UnicodeScalar(UInt8(value)))
            let letterOrDigit = c.isASCII && (c.isLetter || c.isNumber)
            #expect(EntityID<Project>.isWellFormed("\(c)a") == letterOrDigit, "\(value) first")
            #expect(EntityID<Project>.isWellFormed("a\(c)") == (letterOrDigit || "_-./".contains(c)), "\(value) inside")
        }
    }

    @Test func codesAsItsWrittenForm() throws {
        let id: PartnerID = "Golden-Goal"
        #expect(try json(id) == #""Golden-Goal""#)
        let decoded = try JSONDecoder().decode(PartnerID.self, from: Data(#""Golden-Goal""#.utf8))
        #expect(decoded.rawValue == "Golden-Goal")
    }

    @Test func outcomeIDParsesProjectAndKey() throws {
        let id = try #require(OutcomeID("TIP-2007/groups"))
        #expect(id.project.rawValue == "TIP-2007")
        #expect(id.key.rawValue == "groups")
        #expect(id.rawValue == "TIP-2007/groups")
        #expect(id.description == "TIP-2007/groups")
        #expect(id == OutcomeID(project: "tip-2007", key: "GROUPS"))
        // The key follows the last slash.
        let nested = try #require(OutcomeID("a/b/c"))
        #expect(nested.project.rawValue == "a/b")
        #expect(nested.key.rawValue == "c")
        // Either side may be in any script.
        let cyrillic = try #require(OutcomeID("Баткен-2008/обучение"))
        #expect(cyrillic.project.rawValue == "Баткен-2008")
        #expect(cyrillic.key.rawValue == "обучение")
    }

    @Test(arguments: ["groups", "/groups", "TIP-2007/", "", "/"])
    func outcomeIDNeedsBothSides(_ text: String) {
        #expect(OutcomeID(text) == nil)
    }

    @Test func outcomeIDOrdersByProjectThenKey() {
        let ids = [
            OutcomeID(project: "TIP-2007", key: "trained"), OutcomeID(project: "TIP-2004", key: "zeta"),
            OutcomeID(project: "TIP-2007", key: "Awareness"),
        ]
        #expect(ids.sorted().map(\.rawValue) == ["TIP-2004/zeta", "TIP-2007/Awareness", "TIP-2007/trained"])
    }

    @Test func outcomeIDCodable() throws {
        let data = try JSONEncoder().encode([groups])
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
        #expect(text == #"["TIP-2007/groups"]"#)
        #expect(try JSONDecoder().decode([OutcomeID].self, from: data) == [groups])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([OutcomeID].self, from: Data(#"["no-slash"]"#.utf8))
        }
    }

    @Test func recordIDsAreFixedWidthAndTimeOrdered() {
        let id = RecordID(milliseconds: 1, random: 255)
        #expect(id.rawValue == "000000000001-00000000000000ff")
        #expect(RecordID(milliseconds: .max, random: .max).rawValue == "ffffffffffff-ffffffffffffffff")
        #expect(RecordID(milliseconds: 0x0123_4567_89ab, random: 0xfedc_ba98_7654_3210).rawValue == "0123456789ab-fedcba9876543210")
        #expect(RecordID(milliseconds: 2, random: 0) > RecordID(milliseconds: 1, random: .max))
        #expect(RecordID(milliseconds: 1, random: 2) > RecordID(milliseconds: 1, random: 1))
        let earlier = RecordID(now: Date(timeIntervalSince1970: 1_177_372_800))
        let later = RecordID(now: Date(timeIntervalSince1970: 1_177_372_801))
        #expect(earlier < later)
        #expect(earlier.rawValue.hasPrefix("011220e33400-"))
        #expect(earlier.rawValue.count == 29)
    }

    @Test func recordIDCodable() throws {
        let id = RecordID(milliseconds: 42, random: 7)
        let decoded = try JSONDecoder().decode(RecordID.self, from: JSONEncoder().encode(id))
        #expect(decoded == id)
    }
}

@Suite("Change errors")
struct ChangeErrorTests {
    @Test func describesKindIDFieldAndReason() {
        let error = ChangeError(.dateOrder, .project, "TIP-2007", field: "end", reason: "end 2007-01 is before start 2007-04-24")
        #expect(error.description == "project 'TIP-2007' end: end 2007-01 is before start 2007-04-24")
        let bare = ChangeError(.duplicate, .partner, "france", reason: "a partner with this id already exists")
        #expect(bare.description == "partner 'france': a partner with this id already exists")
        #expect(bare.missing == nil)
    }

    @Test func keepsTheMissingReference() {
        var error = ChangeError(.notFound, .link, "TIP-2007 nobody", field: "partner", reason: "no partner 'nobody'", missing: (.partner, "nobody"))
        #expect(error.missing?.kind == .partner)
        #expect(error.missing?.id == "nobody")
        error.missing = nil
        #expect(error.missing == nil)
        #expect(error == ChangeError(.notFound, .link, "TIP-2007 nobody", field: "partner", reason: "no partner 'nobody'"))
    }
}
