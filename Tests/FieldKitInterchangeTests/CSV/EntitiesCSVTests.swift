import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKitInterchange

@Suite struct EntitiesCSVTests {
    func apply(_ kind: EntitiesCSV.Kind, _ text: String, to portfolio: inout Portfolio, replace: Bool = false) throws {
        let plan = try EntitiesCSV.importing(kind, Array(text.utf8), into: portfolio, replace: replace)
        #expect(plan.lines.count == plan.changes.count)
        try portfolio.apply(all: plan.changes)
        #expect(portfolio.invariantViolations().isEmpty)
    }

    func failure(_ kind: EntitiesCSV.Kind, _ text: String) -> InterchangeError? {
        do {
            _ = try EntitiesCSV.importing(kind, Array(text.utf8), into: try OshScenario.portfolio())
            return nil
        } catch {
            return error as? InterchangeError
        }
    }

    @Test func aPortfolioComesInKindByKind() throws {
        var portfolio = try Portfolio(applying: [.addRegion(Region(id: "KG", name: "Kyrgyzstan", level: .country))])
        try apply(.partners, "id,name,kind,country,contact\nunicef,UNICEF,multilateral,kg,\"Jane Doe, Officer; John Roe\"\nmoh,Ministry,government,KG,\n", to: &portfolio)
        try apply(.projects, "ID,Title,Status,Start,End,Budget,Regions,Sectors\nP1,\"Water, Osh\",active,2008-01,2008-12,120000 USD,KG,\"14030; 14031\"\n", to: &portfolio)
        try apply(.links, "project,partner,role,amount,currency\nP1,unicef,funder,100000,USD\nP1,moh,implementer,,\n", to: &portfolio)
        try apply(.outcomes, "project,key,title,measure,target,due,dims\nP1,wells,Wells dug,count,40,2008-12,Sex\n", to: &portfolio)
        #expect(portfolio.partners["unicef"]?.contacts == [Contact(name: "Jane Doe", role: "Officer"), Contact(name: "John Roe")])
        #expect(portfolio.partners["unicef"]?.country == "KG")
        #expect(portfolio.projects["P1"]?.title == "Water, Osh")
        #expect(portfolio.projects["P1"]?.sectors == ["14030", "14031"])
        #expect(portfolio.projects["P1"]?.budget == (try Money(parsing: "120000 USD")))
        #expect(portfolio.participations(of: "P1").first { $0.role == .funder }?.amount == (try Money(parsing: "100000 USD")))
        #expect(portfolio.outcomes[OutcomeID(project: "P1", key: "wells")]?.dims == ["sex"])
    }

    @Test func aRowChangesTheColumnsItHasAndKeepsTheRest() throws {
        var portfolio = try OshScenario.portfolio()
        let before = try #require(portfolio.projects["TIP-2007"])
        #expect(failure(.projects, "id,status\nTIP-2007,closed\n")?.message.contains("project TIP-2007 (line 2)") == true)
        try apply(.projects, "id,status\nTIP-2007,closed\n", to: &portfolio, replace: true)
        let after = try #require(portfolio.projects["TIP-2007"])
        #expect(after.status == .closed)
        #expect(after.title == before.title && after.regions == before.regions && after.end == before.end)
        // The same file again: the store already holds it.
        let again = try EntitiesCSV.importing(.projects, Array("id,status\nTIP-2007,closed\n".utf8), into: portfolio)
        #expect(again.changes.isEmpty && again.unchanged == 1)
    }

    @Test(arguments: [
        (EntitiesCSV.Kind.projects, "id,titel\nP,x\n", 1, "unknown column 'titel'"),
        (.projects, "id,title\nP,x\nP,y\n", 3, "repeats line 2"),
        (.projects, "id,status\nNEW,active\n", 2, "column 'title'"),
        (.projects, "id,title,start\nP,x,2007-13\n", 2, "column 'start'"),
        (.projects, "id,title,budget\nP,x,\"1,000 USD\"\n", 2, "column 'budget'"),
        (.partners, "id,kind\nnew,charity\n", 2, "is not a partner kind"),
        (.outcomes, "id,title,target\nTIP-2007,x,5\n", 2, "PROJECT/key"),
        (.outcomes, "id,title,target\nTIP-2007/x,x,\"1,5\"\n", 2, "not a number"),
        (.links, "project,partner\nTIP-2007,france\n", 2, "column 'role'"),
    ])
    func badRowsAreRefusedAtTheirCell(_ kind: EntitiesCSV.Kind, _ text: String, _ line: Int, _ message: String) throws {
        let error = try #require(failure(kind, text))
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func anHXLFileIsReadByItsTags() throws {
        var portfolio = try OshScenario.portfolio()
        try apply(.projects, "Code,Name,Donors\n#activity+code,#activity+name,#date+end\nTIP-2009,Next phase,2009-12\n", to: &portfolio)
        #expect(portfolio.projects["TIP-2009"]?.end?.description == "2009-12")
    }
}

@Suite struct SpreadsheetSafetyReadBackTests {
    @Test func theQuoteAnExportAddsIsTakenOffAgain() throws {
        var portfolio = try OshScenario.portfolio()
        let plan = try EntitiesCSV.importing(
            .partners, Array("id,name,acronym\nevil,\"'=HYPERLINK(\"\"x\"\")\",'Quoted\n".utf8), into: portfolio)
        try portfolio.apply(all: plan.changes)
        #expect(portfolio.partners["evil"]?.name == "=HYPERLINK(\"x\")")
        #expect(portfolio.partners["evil"]?.acronym == "'Quoted", "a quote before anything else is the text's own")
    }
}

/// Found by fuzz-csv: ids compare case-insensitively, and an import once kept the file's
/// spelling in a reference (`fraNce`), which broke the portfolio's invariant.
@Suite struct ReferenceSpellingTests {
    @Test func aReferenceTakesTheStoredSpellingOfWhatItNames() throws {
        var portfolio = try OshScenario.portfolio()
        let links = try EntitiesCSV.importing(.links, Array("project,partner,role\ntip-2007,fraNce,extending\n".utf8), into: portfolio)
        try portfolio.apply(all: links.changes)
        #expect(portfolio.participations(of: "TIP-2007").contains { $0.partner.rawValue == "france" && $0.role == .extending })
        let projects = try EntitiesCSV.importing(.projects, Array("id,title,regions\nNEW-1,New,\"kg-o, Ferghana-Valley\"\n".utf8), into: portfolio)
        try portfolio.apply(all: projects.changes)
        #expect(portfolio.projects["NEW-1"]?.regions.map(\.rawValue) == ["KG-O", "ferghana-valley"])
        let records = try RecordsCSV.importing(Array("outcome,date,value\ntip-2007/GROUPS,2007-12-01,1\n".utf8), into: portfolio)
        try portfolio.apply(all: records.changes)
        #expect(portfolio.invariantViolations().isEmpty)
    }

    @Test func soDoesAJSONImport() throws {
        var portfolio = try OshScenario.portfolio()
        let text = """
            {"format": "fieldkit-portfolio", "version": 1, "projects": [{"id": "tip-2007", "title": "Combating human trafficking in south Kyrgyzstan",
             "links": [{"partner": "GOLDEN-goal", "role": "extending"}], "outcomes": [{"key": "GROUPS", "title": "x",
             "records": [{"date": "2007-12-02", "value": 1}]}]}]}
            """
        let plan = try PortfolioJSON.importing(Array(text.utf8), into: portfolio, replace: true)
        try portfolio.apply(all: plan.changes)
        #expect(portfolio.invariantViolations().isEmpty, "\(portfolio.invariantViolations())")
        #expect(portfolio.participations(of: "TIP-2007").contains { $0.partner.rawValue == "golden-goal" && $0.role == .extending })
    }
}
