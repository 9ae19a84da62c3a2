import Foundation
import Testing

/// `.set on-track-margin …` through the binary: kept in the store, moves the statuses, in
/// the journal and undone by undo, carried by `export json`, refused with a suggestion.
@Suite(.timeLimit(.minutes(2))) struct StoreSettingsTests {
    let runner: CommandRunner

    init() throws {
        runner = try CommandRunner()
        let osh = try String(contentsOf: BadInputCorpus.scenario, encoding: .utf8)
        try runner.write("osh.fk", osh)
        let seeded = try runner.run(["--store", "osh.db", "-f", "osh.fk"])
        #expect(seeded.status == 0, "\(seeded.error)")
    }

    func run(_ statements: String...) throws -> CommandRunner.Result {
        try runner.run(["--store", "osh.db", "--today", "2007-10-01", "--format", "csv"] + statements.flatMap { ["-c", $0] })
    }

    @Test func aMarginKeptInTheStoreMovesTheStatuses() throws {
        let groups = "progress TIP-2007/groups | columns status"
        #expect(try run(groups).output == "status\r\nat-risk\r\n")  // 24 points behind
        #expect(try run(".set on-track-margin 25").status == 0)
        // Notices go to standard error in a data format.
        #expect(try run(".set").error == "on-track-margin 25\nat-risk-margin 25\n")
        #expect(try run(groups).output == "status\r\non-track\r\n")
        #expect(try run(".check").status == 0)
        let history = try run("history take 1 | columns statement, changed")
        #expect(history.output.contains(".set on-track-margin 25,setting store on-track-margin: 10 → 25"))
        // Carried by the lossless format into another store.
        #expect(try run("export json \"osh.json\"").status == 0)
        let json = String(decoding: try Data(contentsOf: runner.folder.appendingPathComponent("osh.json")), as: UTF8.self)
        #expect(json.contains("\"settings\": {\n    \"on-track-margin\": 25,\n    \"at-risk-margin\": 25\n  }"))
        let copy = try runner.run(["--store", "copy.db", "--today", "2007-10-01", "--format", "csv", "-c", "import json \"osh.json\"", "-c", groups])
        #expect(copy.status == 0, "\(copy.error)")
        #expect(copy.output.hasSuffix("status\r\non-track\r\n"))
        #expect(try runner.run(["--store", "copy.db", "-c", "export json \"again.json\""]).status == 0)
        #expect(try Data(contentsOf: runner.folder.appendingPathComponent("again.json")) == Data(json.utf8))
    }

    @Test func aScriptThatSetsAMarginThenAsksSeesIt() throws {
        try runner.write("margins.fk", ".set on-track-margin 25\nprogress TIP-2007/groups | columns status\n")
        let result = try runner.run(["--store", "osh.db", "--today", "2007-10-01", "--format", "csv", "-f", "margins.fk"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "status\r\non-track\r\n")
        #expect(try run(".set").error == "on-track-margin 25\nat-risk-margin 25\n")
    }

    @Test func undoAndDryRunAndBadValues() throws {
        let dry = try runner.run(["--store", "osh.db", "--dry-run", "-c", ".set at-risk-margin 40"])
        #expect(dry.status == 0, "\(dry.error)")
        #expect(try run(".set").error == "on-track-margin 10\nat-risk-margin 25\n")
        let typo = try run(".set on-track-margn 5")
        #expect(typo.status == 1)
        #expect(typo.error.contains("-c:1:6: error: no setting 'on-track-margn'; the settings are on-track-margin, at-risk-margin (did you mean 'on-track-margin'?)"))
        let order = try run(".set on-track-margin 30")
        #expect(order.status == 1)
        #expect(order.error.contains("the at-risk margin is 25; it is from the on-track margin (30) to 100 percentage points"))
        #expect(try run(".set at-risk-margin 101").error.contains("-c:1:21: error: the at-risk margin is 101"))
        #expect(try run(".set at-risk-margin lots").error.contains("'lots' is not a number of percentage points"))
        #expect(try run(".set on-track-margin 5-10").error.contains("'5-10' is not a number of percentage points"))
        #expect(try run(".set on-track-margin 1.2.3").error.contains("'1.2.3' is not a number"))
        let percent = try run(".set on-track-margin 7.5%", "undo")
        #expect(percent.status == 0 && percent.error.contains("on-track-margin 7.5 (was 10)"))
        let undone = try run(".set at-risk-margin 30", "undo", ".set")
        #expect(undone.status == 0, "\(undone.error)")
        #expect(undone.error.hasSuffix("on-track-margin 10\nat-risk-margin 25\n"))
        // A read-only store answers .set alone, and refuses a change.
        #expect(try runner.run(["--store", "osh.db", "--read-only", "-c", ".set"]).status == 0)
        #expect(try runner.run(["--store", "osh.db", "--read-only", "-c", ".set at-risk-margin 30"]).status != 0)
    }
}
