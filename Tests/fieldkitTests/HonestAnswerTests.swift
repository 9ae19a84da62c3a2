import Foundation
import Testing

/// Answers that must not mislead, through the binary on the Osh scenario on 1 December 2007:
/// overdue outcomes, records dated after today, errors that say the real rule, and
/// suggestions that are statements that run.
@Suite(.timeLimit(.minutes(2))) struct HonestAnswerTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    func run(_ statements: [String], today: String = "2007-12-01") throws -> CommandRunner.Result {
        try runner.run(["--demo", "--today", today, "--format", "csv"] + statements.flatMap { ["-c", $0] })
    }

    @Test func anOutcomePastItsDueDateShortOfItsTargetIsOffTrack() throws {
        // 29 of 30 sites is 97%, due 2007-09: close, but late.
        let result = try run([
            "record TIP-2007/campaign 8 on 2007-09-30",
            "outcomes where id = TIP-2007/campaign | columns id, progress, status",
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasSuffix("TIP-2007/campaign,0.966667,off-track\r\n"))
        let done = try run([
            "record TIP-2007/campaign 9 on 2007-09-30", "outcomes where id = TIP-2007/campaign | columns status",
        ])
        #expect(done.output.hasSuffix("status\r\nachieved\r\n"))
    }

    @Test func aRecordDatedAfterTodayIsKeptWithAWarningAndCountsFromItsDay() throws {
        let result = try run([
            "record TIP-2007/groups 2 on 2007-12-15 note \"Batken town and Isfana\"",
            "outcomes where id = TIP-2007/groups | columns current",
        ])
        #expect(result.status == 0)
        #expect(result.error.contains("-c:1:29: warning: 2007-12-15 is after today (2007-12-01): the record is kept, and counts from that day"))
        #expect(result.output.hasSuffix("current\r\n2\r\n"))
        let later = try run([
            "record TIP-2007/groups 2 on 2007-12-15", "progress TIP-2007/groups as of 2007-12-31",
        ])
        #expect(later.output.contains("TIP-2007/groups,groups,Community-based groups in remote areas of Batken,0,4,"))
        let past = try run(["record TIP-2007/groups 2 on 2007-11-28"])
        #expect(!past.error.contains("warning"))
    }

    @Test func stagesAfterAsOfAreToldTheRule() throws {
        let result = try run(["projects as of 2005-01-01 | columns id"])
        #expect(result.status == 1)
        #expect(result.error.contains("-c:1:27: error: 'as of' comes last, after every stage: write '… | columns id as of 2005-01-01'"))
        #expect(try run(["projects | columns id as of 2005-01-01"]).status == 0)
    }

    @Test func progressTakesAnOutcomeID() throws {
        let result = try run(["progress TIP-2007/trained"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.split(separator: "\r\n").count == 2)
        #expect(result.output.contains("TIP-2007/trained,trained,Lawyers and judges trained,,30,60,people,0.5,"))
        let typo = try run(["progress TIP-2007/traned"])
        #expect(typo.error.contains("no outcome 'TIP-2007/traned' (did you mean 'TIP-2007/trained'?)"))
    }

    @Test func anUnclosedBracketIsReportedWhereItOpened() throws {
        try runner.write("open.fk", "projects\nprojects where (status = active\n")
        let result = try runner.run(["--demo", "-f", "open.fk"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("open.fk:2:16: error: '(' is not closed"))
    }

    @Test func aLongLineInAnErrorIsShownAsAWindow() throws {
        let line = "projects where title = \"" + String(repeating: "x", count: 60_000) + "\" | bogus\n"
        try runner.write("long.fk", line)
        let result = try runner.run(["--demo", "-f", "long.fk"])
        #expect(result.status == 1)
        #expect(result.error.utf8.count < 1_000)
        #expect(result.error.contains("bogus"))
    }

    /// Each kind of suggestion, taken as given, is a statement that runs.
    @Test(arguments: [
        // (the mistake, the statement its suggestion leads to)
        ("links | stats sum(amount) by partner", "links | stats sum(amount) by partner, currency"),
        ("links | stats sum(amount)", "links | stats sum(amount) by currency"),
        ("show golden-gaol", "show golden-goal"),
        ("projcets", "projects"),
        ("projects where stauts = active", "projects where status = active"),
        ("projects | srot id", "projects | sort id"),
        ("projects where status = actve", "projects where status = active"),
        (".format jsn", ".format json"),
        ("set projcet TIP-2007 status active", "set project TIP-2007 status active"),
        ("progress TIP-2007/traned", "progress TIP-2007/trained"),
        ("show $nope", "let nope = TIP-2007; show $nope"),
        ("projects as of 2005-01-01 | columns id", "projects | columns id as of 2005-01-01"),
        ("select id from projects", "projects where status = active | columns id, title"),
        ("record TIP-2007/groups", "record TIP-2007/groups 2 on 2007-12-01"),
        ("export csv \"x.csv\"", "projects | export csv \"x.csv\""),
    ])
    func theSuggestionRuns(mistake: String, corrected: String) throws {
        let setup = ["link TIP-2004 france as funder amount 100 USD", "link TIP-2007 france as extending amount 5 EUR"]
        let wrong = try run(setup + [mistake])
        #expect(wrong.status == 1, "\(mistake) should fail")
        // The suggestion is in the error: the word, the stage, or the statement to write.
        let suggested = corrected.split(separator: " ").map(String.init).filter { !mistake.contains($0) }
        for word in suggested where !["let", "nope", "=", "show", "TIP-2007;"].contains(word) {
            #expect(wrong.error.contains(word), "\(mistake): \(wrong.error) should suggest \(word)")
        }
        let right = try run(setup + [corrected])
        #expect(right.status == 0, "\(corrected): \(right.error)")
    }
}

extension HonestAnswerTests {
    /// A script that fails keeps nothing, so it gives no warning about a record it did not keep.
    @Test func aFailingScriptGivesNoWarning() throws {
        try runner.write("monthly.fk", "record TIP-2007/groups 2 on 2007-12-15\nlink TIP-2007 golden-gaol as implementer\n")
        let failing = try runner.run(["--demo", "--today", "2007-12-01", "-f", "monthly.fk"])
        #expect(failing.status == 1)
        #expect(!failing.error.contains("warning"))
        try runner.write("good.fk", "record TIP-2007/groups 2 on 2007-12-15\n")
        let good = try runner.run(["--demo", "--today", "2007-12-01", "-f", "good.fk"])
        #expect(good.error.contains("good.fk:1:29: warning: 2007-12-15 is after today"))
    }

    /// Records made in one run keep the order they were made in, even within a millisecond.
    @Test func recordsOfOneDayKeepTheirOrder() throws {
        for _ in 0..<5 {
            let result = try runner.run(["--demo", "--format", "csv", "-c", "records where outcome = TIP-2007/trained | columns sex"])
            #expect(result.output == "sex\r\nfemale\r\nmale\r\n")
        }
    }
}
