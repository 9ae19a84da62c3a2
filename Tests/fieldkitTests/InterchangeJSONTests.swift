import Foundation
import Testing

/// `export json` and `import json` through the binary, on the Osh scenario.
@Suite(.timeLimit(.minutes(3))) struct InterchangeJSONTests {
    let runner: CommandRunner

    init() throws {
        runner = try CommandRunner()
        let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/fieldkit/Resources/osh-2007.fk").standardizedFileURL
        let seeded = try runner.run(["--store", "osh.db", "--today", "2007-12-01", "-f", scenario.path])
        #expect(seeded.status == 0, "\(seeded.error)")
        let exported = try runner.run(["--store", "osh.db", "-c", "export json \"osh.json\""])
        #expect(exported.status == 0, "\(exported.error)")
        #expect(exported.output == "exported 3 projects to osh.json\n")
    }

    func run(_ store: String, _ statement: String, _ options: [String] = []) throws -> CommandRunner.Result {
        try runner.run(["--store", store, "--today", "2007-12-01"] + options + ["-c", statement])
    }

    func text(_ name: String) throws -> String {
        try String(contentsOf: runner.folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func exportImportExportIsByteIdenticalAndAnswersTheSame() throws {
        let imported = try run("copy.db", "import json \"osh.json\"")
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.hasPrefix("imported osh.json: add 14 regions"))
        #expect(try run("copy.db", "export json \"again.json\"").status == 0)
        #expect(try text("again.json") == text("osh.json"))
        for question in ["progress TIP-2007", "funding", "records | columns outcome, date, value, sex, note", "show golden-goal", "tree"] {
            #expect(try run("copy.db", question).output == run("osh.db", question).output, "\(question)")
        }
        #expect(try run("copy.db", ".check").status == 0)
    }

    @Test func importingAgainChangesNothing() throws {
        #expect(try run("copy.db", "import json \"osh.json\"").status == 0)
        let again = try run("copy.db", "import json \"osh.json\"")
        #expect(again.status == 0)
        #expect(again.output.hasPrefix("nothing to import from osh.json"))
        #expect(try run("copy.db", "history | count").output.contains("│     1 │"))
    }

    @Test func aConflictIsRefusedWithItsIdsUnlessReplaced() throws {
        let changed = try text("osh.json").replacingOccurrences(of: "\"status\": \"active\"", with: "\"status\": \"finalising\"")
        try runner.write("changed.json", changed)
        let refused = try run("osh.db", "import json \"changed.json\"")
        #expect(refused.status == 1)
        #expect(refused.error.contains("changed.json:"))
        #expect(refused.error.contains("project TIP-2007"))
        #expect(refused.error.contains("replace"))
        #expect(try run("osh.db", "projects where id = TIP-2007 | columns status").output.contains("active"))
        let dry = try run("osh.db", "import json \"changed.json\" replace", ["--dry-run"])
        #expect(dry.output.contains("would update 1 project (TIP-2007)"))
        #expect(try run("osh.db", "import json \"changed.json\" replace").status == 0)
        #expect(try run("osh.db", "projects where id = TIP-2007 | columns status").output.contains("finalising"))
    }

    @Test func anImportIsOneStatementThatUndoTakesBack() throws {
        let session = try runner.run(
            ["--store", "copy.db", "--today", "2007-12-01"], input: "import json \"osh.json\"\nundo\nprojects | count\n")
        #expect(session.status == 0, "\(session.error)")
        #expect(session.output.contains("│     0 │"))
        let history = try run("copy.db", "history | columns seq, statement, undoes")
        #expect(history.output.contains("import json \"osh.json\""))
        #expect(history.output.contains("│ undo      "), "\(history.output)")
    }

    @Test func aBadValueIsShownWhereItIsInTheFileAndNothingIsImported() throws {
        try runner.write("bad.json", try text("osh.json").replacingOccurrences(of: "\"start\": \"2007-04-24\"", with: "\"start\": \"2007-02-30\""))
        let line = try text("bad.json").components(separatedBy: "\n").firstIndex { $0.contains("2007-02-30") }.map { $0 + 1 } ?? 0
        let result = try run("copy.db", "import json \"bad.json\"")
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("bad.json:\(line):"), "\(result.error)")
        #expect(result.error.contains("February 2007 has 28 days"))
        #expect(try run("copy.db", "projects | count").output.contains("│     0 │"))
    }

    @Test func aRuleTheFileBreaksIsShownAtItsEntity() throws {
        // A record of a qualitative outcome with a number: the domain refuses it at commit.
        var json = try text("osh.json")
        json = json.replacingOccurrences(of: "\"measure\": \"count\"", with: "\"measure\": \"qualitative\"")
        try runner.write("rule.json", json)
        let result = try run("copy.db", "import json \"rule.json\"")
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("rule.json:"), "\(result.error)")
        #expect(result.error.contains("nothing was imported"))
        #expect(try run("copy.db", "regions | count").output.contains("│     0 │"))
    }

    @Test(arguments: [
        ("import json \"missing.json\"", "no file 'missing.json'"),
        ("import json \".\"", "is not a file"),
        ("import csv projects \"p.csv\"", "no file 'p.csv'"),
        ("import xml \"p.xml\"", "expected a format after import"),
        ("import iati \"missing.xml\"", "no file 'missing.xml'"),
        ("export iati \"osh.db\"", "the open store"),
        ("export csv \"p.csv\"", "export a query's rows with the stage: projects | export csv \"p.csv\""),
        ("export json \"osh.db\"", "the open store"),
    ])
    func whatCannotBeDoneIsSaid(_ statement: String, _ message: String) throws {
        let result = try run("osh.db", statement)
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func aScriptReadsWhatItExportedBeforeTheFileIsWritten() throws {
        try runner.write("move.fk", "export json \"moved.json\" where regions under KG-B\nremove TIP-2007 force\nimport json \"moved.json\"\n")
        let dry = try runner.run(["--store", "osh.db", "--dry-run", "-f", "move.fk"])
        #expect(dry.status == 0, "\(dry.error)")
        #expect(!runner.exists("moved.json"), "a dry run writes no file")
        let real = try runner.run(["--store", "osh.db", "-f", "move.fk"])
        #expect(real.status == 0, "\(real.error)")
        #expect(runner.exists("moved.json"))
        #expect(try run("osh.db", "progress TIP-2007 | columns id").output.contains("TIP-2007/groups"))
        #expect(try run("osh.db", ".check").status == 0)
    }

    @Test func someProjectsAreExportedWithWhatTheyReference() throws {
        #expect(try run("osh.db", "export json \"batken.json\" where regions under KG-B").output == "exported 1 project to batken.json\n")
        #expect(try run("part.db", "import json \"batken.json\"").status == 0)
        #expect(try run("part.db", "projects | columns id").output.contains("TIP-2007"))
        #expect(try run("part.db", "progress TIP-2007").output == run("osh.db", "progress TIP-2007").output)
    }
}
