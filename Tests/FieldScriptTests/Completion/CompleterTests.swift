import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldScript

@Suite struct CompleterTests {
    let completer: Completer

    init() throws {
        completer = Completer(portfolio: try OshScenario.portfolio(), directory: URL(fileURLWithPath: NSTemporaryDirectory()))
    }

    func candidates(_ text: String) -> [String] { completer.complete(text).candidates }

    @Test func statementWordsAndSources() {
        #expect(candidates("pro") == ["progress", "projects"])
        #expect(candidates("") .contains("add"))
        #expect(candidates(".fo") == [".format"])
        #expect(completer.complete("partn").replacing == 5)
    }

    @Test func historyAloneOffersItsWords() {
        // Found by the interpreter fuzzer: Tab after `history ` read a second word that was not there.
        #expect(candidates("history ").contains("take"))
        #expect(candidates("history ta") == ["take"])
        #expect(candidates("history TIP-2007 ").sorted() == ["by", "since", "take", "until", "|"])
        #expect(candidates("history by ") == [])
    }

    @Test func reportsOfferTheirWordsThenStagesOverTheirColumns() {
        #expect(candidates("progress TIP-2007 ").sorted() == ["as", "by", "|"])
        #expect(candidates("progress TIP-2007 by ") == ["sex"])
        #expect(candidates("progress TIP-2007 | ") == Grammar.stages.sorted())
        #expect(candidates("progress TIP-2007 | where st") == ["status"])
        #expect(candidates("progress | sort la") == ["last-recorded"])
        #expect(candidates("funding by ") == ["project"])
        #expect(candidates("funding | sort am") == ["amount"])
        #expect(candidates("funding by project | columns cov") == ["covered"])
        #expect(candidates("timeline | where actual-") == ["actual-end", "actual-start"])
        #expect(candidates("tree | where dep") == ["depth"])
        #expect(candidates("history | where act") == ["actor"])
        #expect(candidates("progress | export ").contains("html"))
        #expect(candidates(".set ") == ["at-risk-margin", "on-track-margin"])
    }

    /// Every prefix of every help example and of the Osh scenario completes without trapping:
    /// the sweep that would have found the `history` crash before a fuzzer did.
    @Test func everyPrefixOfEveryExampleCompletes() throws {
        let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/fieldkit/Resources/osh-2007.fk").standardizedFileURL
        let lines = try String(contentsOf: scenario, encoding: .utf8).split(separator: "\n").map(String.init)
        let statements = lines + Help.topics.flatMap(\.examples)
        #expect(statements.count > 40)
        for statement in statements {
            for end in statement.indices + [statement.endIndex] {
                _ = completer.complete(String(statement[..<end]))
            }
        }
    }

    @Test func idsFollowTheStatement() {
        #expect(candidates("show TIP-2007/gr") == ["TIP-2007/groups"])
        #expect(candidates("link TIP-2007 gold") == ["golden-goal"])
        #expect(candidates("link TIP-2007 golden-goal ") == ["as"])
        #expect(candidates("link TIP-2007 golden-goal as f") == ["funder"])
        #expect(candidates("tree KG-") == ["KG-B", "KG-J", "KG-O"])
        #expect(candidates("record TIP-2007/trained 5 ") == ["note", "on", "sex=", "source"])
    }

    @Test func fieldsAndValuesOfTheKindInHand() {
        #expect(candidates("set TIP-2007 sta") == ["start", "status"])
        #expect(candidates("set TIP-2007 status fin") == ["finalising"])
        #expect(candidates("add partner x kind nat") == ["national-ngo"])
        #expect(candidates("add outcome TIP-2007/x measure ") == ["count", "level", "percent", "qualitative"])
        // KG-B and KG-O are in the list already: only KG-J may be added.
        #expect(candidates("set TIP-2007 regions + KG-") == ["KG-J"])
        #expect(candidates("set TIP-2007 regions - KG-") == ["KG-B", "KG-O"])
        #expect(candidates("set TIP-2007 regions KG-J, KG-") == ["KG-B", "KG-O"])
        #expect(candidates("record TIP-2007/trained 4 sex=") == ["female", "male"])
        #expect(candidates("add region r level area includes KG-O, UZ-") == ["UZ-AN", "UZ-FA", "UZ-NG"])
    }

    @Test func queriesKnowTheirSourceFields() {
        #expect(candidates("projects where fun") == ["funders"])
        #expect(candidates("projects | ").contains("sort"))
        #expect(candidates("outcomes where status = of") == ["off-track"])
        #expect(candidates("projects where regions under KG-") == ["KG-B", "KG-J", "KG-O"])
        #expect(candidates("projects where funders has fr") == ["france"])
        #expect(candidates("projects | sort e") == ["end"])
        #expect(candidates("partners | columns id, na") == ["name"])
    }

    @Test func filePathsInsideQuotes() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fk-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try Data().write(to: folder.appendingPathComponent("monthly.fk"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = Completer(portfolio: Portfolio(), directory: folder)
        #expect(local.complete(".read \"mon").candidates == ["monthly.fk\""])
        let directory = local.complete(".read \"scr")
        #expect(directory.candidates == ["scripts/"])
        #expect(!directory.appendsSpace)
        #expect(local.complete("projects | export csv \"mo").candidates == ["monthly.fk\""])
        #expect(local.complete("import iati \"mo").candidates == ["monthly.fk\""])
        #expect(local.complete("import csv records \"mo").candidates == ["monthly.fk\""])
    }

    @Test func importAndExportOfferTheirFormatsKindsAndOptions() {
        #expect(candidates("import ") == ["csv", "iati", "json"])
        #expect(candidates("import csv ") == ["links", "outcomes", "partners", "projects", "records"])
        #expect(candidates("import json \"p.json\" ") == ["replace"])
        #expect(candidates("import csv records \"m.csv\" ") == ["replace"])
        #expect(candidates("import iati \"a.xml\" ").isEmpty)
        #expect(candidates("export ") == ["iati", "json"])
        #expect(candidates("export iati \"a.xml\" ") == ["reporting", "where"])
        #expect(candidates("export json \"a.json\" ") == ["where"])
    }

    @Test func aFinishedStatementStartsOver() {
        #expect(candidates("projects; pa") == ["partners"])
    }
}
