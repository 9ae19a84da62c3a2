import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldScript

/// The Example block at the end of LANGUAGE.md (the contract), exactly as written there.
@Suite struct ContractExampleTests {
    static let example = ContractExample.script

    /// The example run as one script on an empty store; the four tables it shows.
    private func run() throws -> (harness: Harness, tables: [Table]) {
        let harness = try Harness()
        try harness.script(ContractExampleTests.example, name: "example.fk")
        let tables = harness.outputs.compactMap { output -> Table? in
            if case .table(let table) = output { return table }
            return nil
        }
        return (harness, tables)
    }

    @Test func theExampleRunsAsAScript() throws {
        let (harness, tables) = try run()
        #expect(tables.count == 4)
        #expect(try harness.journal().count == 12)
        #expect(try harness.journal().map(\.origin) == (1...12).map { "example.fk:\($0)" })
    }

    @Test func theExampleBuildsTheScenario() throws {
        let (harness, _) = try run()
        // KG-O, KG-B and KG are added; KG-J, the Uzbek and Tajik members and their countries come from ISO 3166.
        for code in ["KG", "KG-B", "KG-O", "KG-J", "UZ", "UZ-AN", "UZ-FA", "UZ-NG", "TJ", "TJ-SU"] {
            #expect(harness.region(code) != nil, "\(code) was not added")
        }
        #expect(harness.region("KG-B")?.name == "Batken")
        #expect(harness.region("ferghana-valley")?.includes.count == 7)
        #expect(harness.partner("osce-osh")?.contacts == [Contact(name: "Jerome Bouyjou", role: "Head of Office")])
        let project = try #require(harness.project("TIP-2007"))
        #expect(project.targetGroups == ["students", "young people", "lawyers", "judges"])
        #expect(project.sectors == ["15190"])
        #expect(project.end == (try day("2008-01")))
        #expect(harness.portfolio.participations(of: "TIP-2007").count == 3)
        #expect(harness.portfolio.allMeasurements.map(\.note) == ["Leilek and Kadamjay"])
    }

    @Test func projectsUnderBatkenThatAreActive() throws {
        let table = try run().tables[0]
        #expect(table.names == ["id", "title", "end"])
        #expect(table.texts == [["TIP-2007", "Combating human trafficking in south Kyrgyzstan", "2008-01"]])
    }

    @Test func projectsFundedByFrance() throws {
        let table = try run().tables[1]
        #expect(table.column("id") == ["TIP-2007"])
        #expect(table.names == ["id", "title", "status", "start", "end", "regions"])
        #expect(table.row("TIP-2007")?["regions"] == "KG-O, KG-B, ferghana-valley")
    }

    @Test func outcomesBehindHalfway() throws {
        let table = try run().tables[2]
        #expect(table.column("id") == ["TIP-2007/groups"])
        #expect(table.row("TIP-2007/groups")?["progress"] == "33%")
        #expect(table.row("TIP-2007/groups")?["current"] == "2")
        #expect(table.row("TIP-2007/groups")?["target"] == "6")
    }

    @Test func progressAsOfTheFirstOfOctober() throws {
        let table = try run().tables[3]
        #expect(table.texts == [[
            "TIP-2007", "Combating human trafficking in south Kyrgyzstan", "TIP-2007/groups", "groups",
            "Community-based groups in remote areas of Batken", "", "2", "6", "groups", "33%", "57%", "at-risk", "2007-09-30", "",
        ]])
    }

    @Test func theExampleRunsAtThePromptToo() throws {
        let harness = try Harness()
        try harness.run(ContractExampleTests.example)
        #expect(try harness.journal().count == 12)
        #expect(try harness.journal().allSatisfy { $0.origin == "repl" })
    }
}
