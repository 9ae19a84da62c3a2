import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// `.help .format .output .timer .read .echo .today .store .check .quit`.
@Suite struct SessionCommandTests {
    // MARK: .help

    @Test func helpWithoutATopicListsEveryTopic() throws {
        let harness = try Harness.osh()
        let text = try #require(try harness.messages(".help").first)
        #expect(text.hasPrefix("Statements end at a newline or ';'."))
        for topic in Help.topics {
            #expect(text.contains("  \(topic.name)"), "topic \(topic.name) is not listed")
        }
    }

    @Test func helpOnATopicShowsSyntaxAndExamples() throws {
        let harness = try Harness.osh()
        let text = try #require(try harness.messages(".help link").first)
        #expect(text.hasPrefix("link <project> <partner> as "))
        #expect(text.contains("Examples:"))
    }

    @Test(arguments: ["commit", "sort", "projects", "conditions", "date", "format"])
    func helpFollowsAliases(topic: String) throws {
        #expect(Help.text(for: topic) != nil)
    }

    @Test func helpOnAnUnknownTopicIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic(".help lnik")
        #expect(diagnostic.message == "no help on 'lnik'; .help lists the topics")
        #expect(diagnostic.suggestion == "link")
        #expect(diagnostic.location.column == 7)
    }

    @Test func everyStatementWordHasHelp() {
        for word in Grammar.changeStatements + Grammar.reportStatements + ["let", "where", "queries"] + Grammar.sessionCommands {
            #expect(Help.text(for: word) != nil, "no help for \(word)")
        }
    }

    // MARK: .format

    @Test(arguments: Format.allCases)
    func formatChoosesTheFormat(format: Format) throws {
        let harness = try Harness.osh()
        try harness.run(".format \(format.rawValue)")
        #expect(harness.session.settings.format == format)
    }

    @Test func formatWithoutAnArgumentSaysWhichIsInUse() throws {
        let harness = try Harness.osh()
        try harness.run(".format csv")
        #expect(try harness.messages(".format") == ["format csv"])
    }

    @Test func anUnknownFormatSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic(".format jsn")
        #expect(diagnostic.message == "no format 'jsn'; use table, vertical, csv, tsv, json, jsonl, markdown or html")
        #expect(diagnostic.suggestion == "json")
        #expect(harness.session.settings.format == .table)
    }

    // MARK: .output

    @Test func outputSendsResultsToAFileAndBack() throws {
        let harness = try Harness.osh()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        harness.session.directory = folder
        try harness.run(".output \"results.txt\"")
        let path = folder.appendingPathComponent("results.txt").path
        #expect(harness.session.settings.outputPath == path)
        #expect(FileManager.default.fileExists(atPath: path))
        try harness.run(".output")
        #expect(harness.session.settings.outputPath == nil)
    }

    @Test func outputToAFolderThatDoesNotExistIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic(".output \"/nonexistent-folder/x/results.txt\"")
        #expect(diagnostic.message.hasPrefix("cannot write to"))
        #expect(harness.session.settings.outputPath == nil)
    }

    // MARK: .timer and .echo

    @Test func timerOnShowsARunTimeAfterEachStatement() throws {
        let harness = try Harness.osh()
        try harness.run(".timer on")
        #expect(harness.session.settings.timer)
        let outputs = try harness.run("projects | count")
        guard case .message(let text)? = outputs.last else {
            Issue.record("no run time after the statement")
            return
        }
        #expect(text.hasPrefix("run time: "))
        #expect(text.hasSuffix(" ms"))
        try harness.run(".timer off")
        #expect(!harness.session.settings.timer)
        #expect(try harness.run("projects | count").count == 1)
    }

    @Test func echoOnShowsEachStatementBeforeItRuns() throws {
        let harness = try Harness.osh()
        try harness.run(".echo on")
        #expect(harness.session.settings.echo)
        let outputs = try harness.run("projects   | count # how many")
        #expect(outputs.first == .message("projects   | count"))
        try harness.run(".echo off")
        #expect(try harness.run("projects | count").count == 1)
    }

    @Test func onOffSuggestsTheNearest() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic(".echo of")
        #expect(diagnostic.message == ".echo takes on or off")
        #expect(diagnostic.suggestion == "off")
        #expect(try harness.diagnostic(".timer").message == ".timer needs on or off")
    }

    // MARK: .today

    @Test func todaySetsAndShowsTheDay() throws {
        let harness = try Harness.osh()
        #expect(try harness.messages(".today") == ["today is 2007-12-01 (set)"])
        #expect(try harness.messages(".today 2007-10-01") == [])
        #expect(try harness.messages(".today") == ["today is 2007-10-01 (set)"])
        #expect(harness.session.today == (try day("2007-10-01")))
        try harness.run("note TIP-2007 \"dated today\"")
        #expect(harness.portfolio.notes(of: "TIP-2007").last?.date == (try day("2007-10-01")))
    }

    @Test func todayChangesProgressAndStatus() throws {
        let harness = try Harness.osh()
        try harness.run(".today 2007-10-01")
        let early = try harness.column("expected", of: "outcomes where id = TIP-2007/groups | columns expected")
        try harness.run(".today 2008-01-31")
        let late = try harness.column("expected", of: "outcomes where id = TIP-2007/groups | columns expected")
        #expect(early == ["57%"])
        #expect(late == ["100%"])
    }

    @Test func aBadTodayIsAnError() throws {
        let harness = try Harness.osh()
        let diagnostic = try harness.diagnostic(".today 2007-02-30")
        #expect(diagnostic.message.hasPrefix("'2007-02-30' is not a date"))
        #expect(harness.session.today == (try day("2007-12-01")))
    }

    // MARK: .store and .check

    @Test func storeSaysWhereAndWhat() throws {
        let harness = try Harness.osh()
        let text = try #require(try harness.messages(".store").first)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "store memory")
        #expect(lines.last == "journal at entry \(try harness.journal().count)")
        #expect(text.contains("3 projects"))
        try harness.run("begin; set TIP-2007 status closed")
        #expect(try harness.messages(".store").first?.hasSuffix("transaction open with 1 statement(s)") == true)
    }

    @Test func checkReplaysTheJournal() throws {
        let harness = try Harness.osh()
        let count = try harness.journal().count
        #expect(try harness.messages(".check") == ["ok: \(count) journal entries replay to the stored state; every invariant holds"])
        try harness.run("begin; set TIP-2007 status closed")
        #expect(try harness.messages(".check").first?.contains("(and 1 statement not yet committed)") == true)
    }

    @Test func storeAndCheckWorkInsideAScript() throws {
        let harness = try Harness.osh()
        try harness.script("set TIP-2007 status closed\n.store\n.check")
        #expect(harness.messages.contains { $0.hasPrefix("store memory") })
        #expect(harness.messages.contains { $0.hasPrefix("ok: ") })
    }

    // MARK: .read

    @Test func readRunsAScriptFileAllOrNothing() throws {
        let harness = try Harness.osh()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        harness.session.directory = folder
        try Data("set TIP-2007 status finalising\nrecord TIP-2007/groups 1 on 2007-11-30\n".utf8)
            .write(to: folder.appendingPathComponent("monthly.fk"))
        try Data("set TIP-2007 status closed\nset TIP-2007 status actve\n".utf8)
            .write(to: folder.appendingPathComponent("broken.fk"))
        try harness.run(".read \"monthly.fk\"")
        #expect(harness.project("TIP-2007")?.status == .finalising)
        #expect(try harness.journal().suffix(2).map(\.origin) == ["monthly.fk:1", "monthly.fk:2"])
        let failure = try #require(harness.failure(".read \"broken.fk\""))
        #expect(failure.sourceName == "broken.fk")
        #expect(failure.diagnostic.location == FieldScript.SourceLocation(line: 2, column: 21))
        #expect(failure.diagnostic.suggestion == "active")
        #expect(harness.project("TIP-2007")?.status == .finalising)
    }

    @Test func readInsideAScriptJoinsItsTransaction() throws {
        let harness = try Harness.osh()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        harness.session.directory = folder
        try Data("set TIP-2007 status finalising\n".utf8).write(to: folder.appendingPathComponent("part.fk"))
        let before = harness.portfolio
        let failure = try #require(harness.scriptFailure(".read \"part.fk\"\nset TIP-2007 title \"\"\n", name: "main.fk"))
        #expect(failure.diagnostic.location.line == 2)
        #expect(harness.portfolio == before)
    }

    @Test func readOfAMissingFileIsAnError() throws {
        let harness = try Harness.osh()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        harness.session.directory = folder
        let diagnostic = try harness.diagnostic(".read \"missing.fk\"")
        #expect(diagnostic.message.hasPrefix("no file"))
        #expect(diagnostic.location.column == 7)
    }

    @Test func readCannotLoop() throws {
        let harness = try Harness.osh()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        harness.session.directory = folder
        try Data(".read \"loop.fk\"\n".utf8).write(to: folder.appendingPathComponent("loop.fk"))
        let failure = try #require(harness.failure(".read \"loop.fk\""))
        #expect(failure.diagnostic.message.contains("is already being read"))
    }

    // MARK: .quit

    @Test func quitStopsTheRestOfTheInput() throws {
        let harness = try Harness.osh()
        try harness.run(".quit\nset TIP-2007 status closed")
        #expect(harness.session.shouldQuit)
        #expect(harness.project("TIP-2007")?.status == .active)
    }

    @Test func quitInsideAScriptKeepsWhatCameBefore() throws {
        let harness = try Harness.osh()
        try harness.script("set TIP-2007 status finalising\n.quit\nset TIP-2007 status closed")
        #expect(harness.project("TIP-2007")?.status == .finalising)
    }
}
