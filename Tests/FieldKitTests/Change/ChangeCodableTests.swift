import Foundation
import Testing

@testable import FieldKit

/// One change of every case, built from the scenario.
enum ChangeCatalog {
    /// The case's name; the switch is exhaustive, so a new case must be added here.
    static func name(of change: Change) -> String {
        switch change {
        case .addProject: "addProject"
        case .updateProject: "updateProject"
        case .removeProject: "removeProject"
        case .renameProject: "renameProject"
        case .addPartner: "addPartner"
        case .updatePartner: "updatePartner"
        case .removePartner: "removePartner"
        case .renamePartner: "renamePartner"
        case .addRegion: "addRegion"
        case .updateRegion: "updateRegion"
        case .removeRegion: "removeRegion"
        case .renameRegion: "renameRegion"
        case .addOutcome: "addOutcome"
        case .updateOutcome: "updateOutcome"
        case .removeOutcome: "removeOutcome"
        case .renameOutcome: "renameOutcome"
        case .link: "link"
        case .unlink: "unlink"
        case .record: "record"
        case .unrecord: "unrecord"
        case .addNote: "addNote"
        case .removeNote: "removeNote"
        case .setThresholds: "setThresholds"
        }
    }

    /// The number of cases of ``Change``.
    static let caseCount = 23

    static func everyCase(in portfolio: Portfolio) throws -> [Change] {
        let project = try #require(portfolio.projects[tip])
        var project2 = project
        project2.status = .closed
        project2.actualStart = try day("2007-05")
        project2.actualEnd = try day("2008-01-31")
        project2.budget = try money("85000.10 EUR")
        let partner = try #require(portfolio.partners["osce-osh"])
        var partner2 = partner
        partner2.contacts.append(Contact(name: "Айгуль", role: nil))
        partner2.ref = "XM-DAC-928"
        let region = try #require(portfolio.regions["ferghana-valley"])
        var region2 = region
        region2.includes.removeLast()
        let outcome = try #require(portfolio.outcomes[awareness])
        var outcome2 = outcome
        outcome2.target = Decimal(string: "62.5")
        outcome2.direction = .down
        let link = try #require(portfolio.participations(of: tip).first { $0.amount != nil })
        let measurement = try #require(portfolio.measurements(of: trained).first)
        let qualitative = try #require(portfolio.measurements(of: network).first)
        let note = try #require(portfolio.notes(of: tip).first)
        return [
            .addProject(project), .updateProject(old: project, new: project2), .removeProject(project),
            .renameProject(from: tip, to: "TIP-07"),
            .addPartner(partner), .updatePartner(old: partner, new: partner2), .removePartner(partner),
            .renamePartner(from: "osce-osh", to: "osce"),
            .addRegion(region), .updateRegion(old: region, new: region2), .removeRegion(region),
            .renameRegion(from: "KG-B", to: "batken"),
            .addOutcome(outcome), .updateOutcome(old: outcome, new: outcome2), .removeOutcome(outcome),
            .renameOutcome(from: groups, to: OutcomeID(project: "TIP-2004", key: "groups")),
            .link(link), .unlink(link), .record(measurement), .unrecord(measurement), .record(qualitative),
            .addNote(note), .removeNote(note),
            .setThresholds(old: .standard, new: ProgressThresholds(onTrack: Decimal(string: "7.5") ?? 7, atRisk: 20)),
        ]
    }
}

@Suite("Change Codable")
struct ChangeCodableTests {
    let changes: [Change]

    init() throws { changes = try ChangeCatalog.everyCase(in: osh()) }

    @Test func theCatalogCoversEveryCase() {
        #expect(Set(changes.map(ChangeCatalog.name)).count == ChangeCatalog.caseCount)
    }

    @Test func everyCaseRoundTrips() throws {
        for change in changes {
            let data = try JSONEncoder().encode(change)
            let decoded = try JSONDecoder().decode(Change.self, from: data)
            #expect(decoded == change, "\(ChangeCatalog.name(of: change))")
            // Equal down to the spelling of every id and the digits of every number.
            #expect(try json(decoded) == json(change), "\(ChangeCatalog.name(of: change))")
        }
    }

    @Test func theWholeScenarioRoundTrips() throws {
        let scenario = try osh().changesFromEmpty
        let data = try JSONEncoder().encode(scenario)
        let decoded = try JSONDecoder().decode([Change].self, from: data)
        #expect(decoded == scenario)
        #expect(try Portfolio(applying: decoded) == osh())
        #expect(try snapshot(Portfolio(applying: decoded)) == snapshot(osh()))
    }

    @Test func theJSONIsFlatAndSaysTheOperation() throws {
        let expected: [String: (op: String, kind: String?)] = [
            "addProject": ("add", "project"), "updateProject": ("update", "project"), "removeProject": ("remove", "project"),
            "renameProject": ("rename", "project"), "addPartner": ("add", "partner"), "updatePartner": ("update", "partner"),
            "removePartner": ("remove", "partner"), "renamePartner": ("rename", "partner"), "addRegion": ("add", "region"),
            "updateRegion": ("update", "region"), "removeRegion": ("remove", "region"), "renameRegion": ("rename", "region"),
            "addOutcome": ("add", "outcome"), "updateOutcome": ("update", "outcome"), "removeOutcome": ("remove", "outcome"),
            "renameOutcome": ("rename", "outcome"), "link": ("link", nil), "unlink": ("unlink", nil),
            "record": ("record", nil), "unrecord": ("unrecord", nil), "addNote": ("note", nil), "removeNote": ("unnote", nil),
            "setThresholds": ("update", "setting"),
        ]
        for change in changes {
            let name = ChangeCatalog.name(of: change)
            let object = try #require(
                try JSONSerialization.jsonObject(with: JSONEncoder().encode(change)) as? [String: Any], "\(name)")
            let want = try #require(expected[name])
            #expect(object["op"] as? String == want.op, "\(name)")
            #expect(object["kind"] as? String == want.kind, "\(name)")
            switch want.op {
            case "update":
                #expect(Set(object.keys) == ["op", "kind", "old", "new"], "\(name)")
            case "rename":
                #expect(Set(object.keys) == ["op", "kind", "from", "to"], "\(name)")
                #expect(object["from"] is String && object["to"] is String, "\(name)")
            case "add", "remove":
                #expect(Set(object.keys) == ["op", "kind", "value"], "\(name)")
            default:
                #expect(Set(object.keys) == ["op", "value"], "\(name)")
            }
        }
    }

    @Test func theJournalFormReadsWell() throws {
        let rename = try json(Change.renameRegion(from: "KG-B", to: "batken"))
        #expect(rename == #"{"from":"KG-B","kind":"region","op":"rename","to":"batken"}"#)
        let budget = try #require(try osh().projects[tip]?.budget)
        let text = try json(Change.link(Participation(project: tip, partner: "france", role: .funder, amount: budget)))
        #expect(text == #"{"op":"link","value":{"amount":{"amount":"85000","currency":"EUR"},"partner":"france","project":"TIP-2007","role":"funder"}}"#)
    }

    @Test func decodesHandWrittenJSON() throws {
        let text = #"""
            [{"op": "add", "kind": "region", "value": {"id": "KG", "name": "Kyrgyzstan", "level": "country", "includes": []}},
             {"op": "rename", "kind": "region", "from": "KG", "to": "kg"}]
            """#
        let decoded = try JSONDecoder().decode([Change].self, from: Data(text.utf8))
        #expect(decoded == [.addRegion(Region(id: "KG", name: "Kyrgyzstan", level: .country)), .renameRegion(from: "KG", to: "kg")])
    }

    @Test(arguments: [
        #"{"op": "add", "kind": "link", "value": {}}"#,
        #"{"op": "rename", "kind": "record", "from": "a", "to": "b"}"#,
        #"{"op": "replace", "kind": "project", "value": {}}"#,
        #"{"kind": "project", "value": {"id": "X"}}"#,
        #"{"op": "add", "value": {"id": "X"}}"#,
        #"{"op": "add", "kind": "programme", "value": {"id": "X"}}"#,
        #"{"op": "update", "kind": "project", "old": {"id": "X", "title": "X", "status": "active"}}"#,
        #"{"op": "rename", "kind": "outcome", "from": "no-slash", "to": "TIP/x"}"#,
    ])
    func refusesMalformedJSON(_ text: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Change.self, from: Data(text.utf8)) }
    }

    @Test func journalEntriesRoundTrip() throws {
        let entry = JournalEntry(
            sequence: 7, time: Date(timeIntervalSince1970: 1_177_372_800), actor: "officer", origin: "monthly.fk:12",
            statement: "rename region KG-B to batken", changes: [.renameRegion(from: "KG-B", to: "batken")], undoes: 3)
        let decoded = try JSONDecoder().decode(JournalEntry.self, from: JSONEncoder().encode(entry))
        #expect(decoded == entry)
    }
}
