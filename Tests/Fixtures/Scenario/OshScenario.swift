import FieldKit
import Foundation

/// The scenario every release must carry (DESIGN.md), built through the public API:
/// the OSCE Osh Field Office's 2007 project against human trafficking in south Kyrgyzstan.
public enum OshScenario {
    /// The scenario as journal statements, in the order a programme officer would enter them.
    public static func statements() throws -> [JournalDraft] {
        let gazetteer = try Gazetteer.system.get()
        func iso(_ code: String) throws -> Region {
            guard let entry = gazetteer.entry(for: code) else { throw ScenarioError.missingCode(code) }
            return Region(entry)
        }
        func day(_ text: String) throws -> Day { try Day(parsing: text) }
        var drafts: [JournalDraft] = []
        func add(_ statement: String, _ changes: [Change]) {
            drafts.append(JournalDraft(actor: "officer", origin: "osh-2007.fk:\(drafts.count + 1)", statement: statement, changes: changes))
        }
        let tip: ProjectID = "TIP-2007"
        let ferghana = ["KG-O", "KG-J", "KG-B", "UZ-AN", "UZ-FA", "UZ-NG", "TJ-SU"]

        for country in ["KG", "UZ", "TJ", "FR"] {
            add("add region \(country)", [.addRegion(try iso(country))])
        }
        for code in ferghana {
            add("add region \(code)", [.addRegion(try iso(code))])
        }
        add("add region ferghana-valley", [
            .addRegion(Region(id: "ferghana-valley", name: "Ferghana Valley", level: .area, includes: ferghana.map { RegionID($0) }))
        ])
        add("add region leilek", [.addRegion(Region(id: "leilek", name: "Leilek", level: .district, parent: "KG-B"))])
        add("add region kadamjay", [.addRegion(Region(id: "kadamjay", name: "Kadamjay", level: .district, parent: "KG-B"))])
        add("add region batken-city", [.addRegion(Region(id: "batken-city", name: "Баткен", level: .city, parent: "KG-B"))])

        add("add partner osce-osh", [.addPartner(Partner(
            id: "osce-osh", name: "OSCE Osh Field Office", acronym: "OSCE", kind: .multilateral, country: "KG",
            contacts: [Contact(name: "Jerome Bouyjou", role: "Head of Office")]))])
        add("add partner golden-goal", [.addPartner(Partner(id: "golden-goal", name: "Golden Goal", kind: .nationalNGO, country: "KG"))])
        add("add partner france", [.addPartner(Partner(id: "france", name: "Government of France", kind: .government, country: "FR"))])
        add("add partner scme", [.addPartner(Partner(
            id: "scme", name: "State Committee on Migration and Employment", kind: .government, country: "KG"))])
        add("add partner batken-admin", [.addPartner(Partner(
            id: "batken-admin", name: "Баткенская областная администрация", kind: .localGovernment, country: "KG"))])

        add("add project TIP-2004", [.addProject(Project(
            id: "TIP-2004", title: "Support to anti-trafficking work in south Kyrgyzstan", status: .closed,
            start: try day("2004"), end: try day("2006"), sectors: ["15190"], regions: ["KG-O"]))])
        add("add project TIP-RESEARCH-2006", [.addProject(Project(
            id: "TIP-RESEARCH-2006", title: "Research on human trafficking in south Kyrgyzstan", status: .closed,
            start: try day("2006"), end: try day("2006-12"), sectors: ["15190"], regions: ["KG-O", "KG-J"]))])
        add("add project TIP-2007", [.addProject(Project(
            id: tip, title: "Combating human trafficking in south Kyrgyzstan",
            summary: "Awareness campaign for students and young people at bus stations, train stations and airports; "
                + "a stronger NGO network in the Ferghana Valley; work with the State Committee on Migration and "
                + "Employment and province and district administrations; training for lawyers and judges; "
                + "6 community-based groups in remote areas of Batken Province.",
            status: .active, start: try day("2007-04-24"), end: try day("2008-01"),
            budget: try Money(amount: 85_000, currency: "EUR"), sectors: ["15190"],
            targetGroups: ["students", "young people", "lawyers", "judges"], tags: ["trafficking", "awareness"],
            regions: ["KG-O", "KG-B", "ferghana-valley"]))])

        add("link TIP-2007 osce-osh as lead", [.link(Participation(project: tip, partner: "osce-osh", role: .lead))])
        add("link TIP-2007 golden-goal as implementer", [.link(Participation(project: tip, partner: "golden-goal", role: .implementer))])
        add("link TIP-2007 france as funder", [.link(Participation(
            project: tip, partner: "france", role: .funder, amount: try Money(amount: 85_000, currency: "EUR")))])
        add("link TIP-2007 scme as counterpart", [.link(Participation(project: tip, partner: "scme", role: .counterpart))])
        add("link TIP-2007 batken-admin as counterpart", [.link(Participation(project: tip, partner: "batken-admin", role: .counterpart))])
        add("link TIP-RESEARCH-2006 osce-osh as lead", [.link(Participation(project: "TIP-RESEARCH-2006", partner: "osce-osh", role: .lead))])
        add("link TIP-2004 osce-osh as lead", [.link(Participation(project: "TIP-2004", partner: "osce-osh", role: .lead))])

        add("add outcome TIP-2007/groups", [.addOutcome(Outcome(
            id: OutcomeID(project: tip, key: "groups"), title: "Community-based groups in remote areas of Batken",
            level: .output, unit: "groups", measure: .count, baseline: 0, target: 6, due: try day("2008-01"), regions: ["KG-B"]))])
        add("add outcome TIP-2007/trained", [.addOutcome(Outcome(
            id: OutcomeID(project: tip, key: "trained"), title: "Lawyers and judges trained", level: .output, unit: "people",
            measure: .count, target: 60, due: try day("2007-12"), regions: ["KG-O", "KG-B"], dims: ["sex"]))])
        add("add outcome TIP-2007/awareness", [.addOutcome(Outcome(
            id: OutcomeID(project: tip, key: "awareness"), title: "Students who know how to recognise trafficking",
            level: .outcome, unit: "%", measure: .percent, baseline: 20, baselineDate: try day("2007-04"), target: 60,
            due: try day("2008-01"), regions: ["ferghana-valley"]))])
        add("add outcome TIP-2007/network", [.addOutcome(Outcome(
            id: OutcomeID(project: tip, key: "network"), title: "A stronger NGO network in the Ferghana Valley",
            level: .outcome, measure: .qualitative, regions: ["ferghana-valley"]))])

        let groups = OutcomeID(project: tip, key: "groups")
        let trained = OutcomeID(project: tip, key: "trained")
        func id(_ n: UInt64) -> RecordID { RecordID(milliseconds: 1_190_000_000_000 + n, random: n) }
        add("record TIP-2007/groups 2 on 2007-09-30", [.record(OutcomeRecord(
            id: id(1), outcome: groups, date: try day("2007-09-30"), value: 2, note: "Leilek and Kadamjay"))])
        add("record TIP-2007/trained 12 on 2007-10-15 sex=female", [.record(OutcomeRecord(
            id: id(2), outcome: trained, date: try day("2007-10-15"), value: 12, dimensions: ["sex": "female"], source: "training register"))])
        add("record TIP-2007/trained 18 on 2007-10-15 sex=male", [.record(OutcomeRecord(
            id: id(3), outcome: trained, date: try day("2007-10-15"), value: 18, dimensions: ["sex": "male"], source: "training register"))])
        add("record TIP-2007/awareness 35% on 2007-11-30", [.record(OutcomeRecord(
            id: id(4), outcome: OutcomeID(project: tip, key: "awareness"), date: try day("2007-11-30"), value: 35,
            source: "student survey"))])
        add("record TIP-2007/network on 2007-10-01", [.record(OutcomeRecord(
            id: id(5), outcome: OutcomeID(project: tip, key: "network"), date: try day("2007-10-01"), value: nil,
            note: "NGOs from Osh, Andijan and Khujand met in Osh"))])
        add("note TIP-2007", [.addNote(Note(
            id: id(6), project: tip, date: try day("2007-04-24"),
            text: "Launched by the OSCE Osh Field Office and Golden Goal, financed by the French Government."))])
        add("note TIP-2007", [.addNote(Note(
            id: id(7), project: tip, date: try day("2007-09-30"),
            text: "Awareness materials placed at bus stations, train stations and airports."))])
        return drafts
    }

    /// Every change of the scenario in order.
    public static func changes() throws -> [Change] { try statements().flatMap(\.changes) }

    /// The scenario as a portfolio.
    public static func portfolio() throws -> Portfolio { try Portfolio(applying: changes()) }
}

/// The system gazetteer lacks a code the scenario needs.
public enum ScenarioError: Error {
    /// An ISO code that iso-codes does not list.
    case missingCode(String)
}
