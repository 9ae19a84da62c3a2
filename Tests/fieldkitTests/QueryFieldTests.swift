import Foundation
import Testing

/// The small things a user trips over in queries, through the binary on the Osh scenario:
/// dimensions as fields, two fields compared, derived fields, quarters, scripts from a pipe,
/// and messages that say what to do.
@Suite(.timeLimit(.minutes(2))) struct QueryFieldTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    func csv(_ statements: String...) throws -> CommandRunner.Result {
        try runner.run(["--demo", "--today", "2007-12-01", "--format", "csv"] + statements.flatMap { ["-c", $0] })
    }

    @Test func dimensionsAreFieldsAndAnObjectInJSON() throws {
        let female = try csv("records where sex = female | columns outcome, value, sex")
        #expect(female.output == "outcome,value,sex\r\nTIP-2007/trained,12,female\r\n", "\(female.error)")
        let split = try csv("records where outcome = TIP-2007/trained | stats sum(value) by outcome, sex")
        #expect(split.output == "outcome,sex,sum(value)\r\nTIP-2007/trained,female,12\r\nTIP-2007/trained,male,18\r\n")
        let json = try runner.run(["--demo", "--format", "jsonl", "-c", "records where outcome = TIP-2007/trained | sort value desc | columns value, dims"])
        #expect(json.output == "{\"value\":18,\"dims\":{\"sex\":\"male\"}}\n{\"value\":12,\"dims\":{\"sex\":\"female\"}}\n")
        let quoted = try csv("records where dims has \"sex=female\" | count")
        #expect(quoted.output == "count\r\n1\r\n")
    }

    @Test func twoFieldsOfARowCompare() throws {
        let late = try csv("outcomes where progress < expected | columns id")
        #expect(late.output == "id\r\nTIP-2007/awareness\r\nTIP-2007/campaign\r\nTIP-2007/groups\r\nTIP-2007/trained\r\n", "\(late.error)")
        let ahead = try csv("outcomes where progress >= expected | count")
        #expect(ahead.output == "count\r\n0\r\n")
        // Beside a text field a word is still a word.
        let words = try csv("regions where level = country | count")
        #expect(words.status == 0)
        #expect(words.output != "count\r\n0\r\n")
    }

    @Test func gapDaysLeftAndOverdueAreDerived() throws {
        let result = try csv("outcomes where id in (TIP-2007/campaign, TIP-2007/trained) | columns id, days-left, overdue")
        #expect(result.output == "id,days-left,overdue\r\nTIP-2007/campaign,-62,yes\r\nTIP-2007/trained,30,no\r\n", "\(result.error)")
        let gap = try csv("outcomes where gap > 40% | columns id")
        #expect(gap.output.contains("TIP-2007/groups"))
        #expect(try csv("outcomes where overdue = yes | count").output == "count\r\n1\r\n")
    }

    @Test func quartersArePeriods() throws {
        let q4 = try csv("records where date = 2007-Q4 | count")
        #expect(q4.output == "count\r\n4\r\n", "\(q4.error)")
        let stored = try csv("add project Q-1 title \"Quarterly\" start 2007-Q3 end 2008-Q2", "projects where id = Q-1 | columns start, end")
        #expect(stored.output == "start,end\r\n2007-Q3,2008-Q2\r\n", "\(stored.error)")
        let ending = try runner.run(["--demo", "--today", "2008-02-10", "--format", "csv", "-c", "projects where end = this-quarter | columns id"])
        #expect(ending.output == "id\r\nTIP-2007\r\n")
        let bad = try csv("records where date = 2007-Q5")
        #expect(bad.status == 1)
        #expect(bad.error.contains("'2007-Q5' is not a date: a quarter is Q1, Q2, Q3 or Q4"))
    }

    @Test func aScriptFromProcessSubstitutionIsReadAsAStream() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "\"$0\" --demo -f <(echo 'partners | count')", CommandRunner.binary.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("│     6 │"))
    }

    @Test func aBackslashEndingALineInAStringSaysWhatToDo() throws {
        try runner.write("bs.fk", "add partner x name \"abc\\\ndef\"\n")
        let result = try runner.run(["--demo", "-f", "bs.fk"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("bs.fk:1:24: error: '\\' at the end of a line inside a string; write \\n for a new line, or end the string first\n"))
    }

    @Test func theExportStatementPointsAtTheStage() throws {
        let result = try csv("export csv \"x.csv\"")
        #expect(result.status == 1)
        #expect(result.error.contains("export a query's rows with the stage: projects | export csv \"x.csv\""))
        #expect(try csv("projects | export csv \"x.csv\"").status == 0)
        #expect(runner.exists("x.csv"))
    }
}
