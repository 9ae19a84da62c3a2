import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// Scripts are all or nothing; dry runs keep nothing; the journal says where each change
/// came from; bad bytes are reported, never crashed on.
@Suite struct ScriptTests {
    // MARK: All or nothing

    @Test func aFailingStatementLeavesTheStoreExactlyAsBefore() throws {
        let harness = try Harness.osh()
        let portfolio = harness.portfolio
        let journal = try harness.journal().count
        let failure = try #require(harness.scriptFailure("""
            add partner unicef name "UNICEF" kind multilateral
            set TIP-2007 status finalising
            link TIP-2007 golden-gaol as funder
            record TIP-2007/groups 1
            """, name: "monthly.fk"))
        #expect(failure.diagnostic.location == FieldScript.SourceLocation(line: 3, column: 15))
        #expect(failure.cause == .statement)
        #expect(harness.portfolio == portfolio)
        #expect(harness.portfolio.partners.count == portfolio.partners.count)
        #expect(try harness.journal().count == journal)
        #expect(harness.partner("unicef") == nil)
        #expect(harness.project("TIP-2007")?.status == .active)
    }

    @Test func aSyntaxErrorAnywhereRunsNothing() throws {
        let harness = try Harness.osh()
        let portfolio = harness.portfolio
        let failure = try #require(harness.scriptFailure("set TIP-2007 status closed\nprojects | srot id\n"))
        #expect(failure.diagnostic.location.line == 2)
        #expect(harness.portfolio == portfolio)
        #expect(harness.outputs.isEmpty)
    }

    @Test func aSuccessfulScriptKeepsEverythingAndReportsIt() throws {
        let harness = try Harness.osh()
        let journal = try harness.journal().count
        let report = try harness.script("set TIP-2007 status finalising\n\n# progress\nrecord TIP-2007/groups 1 on 2007-11-30\n", name: "monthly.fk")
        #expect(report.statements == 2)
        #expect(report.sequences == Int64(journal + 1)...Int64(journal + 2))
        #expect(Session.summary(of: report.tally) == "update 1 project (TIP-2007); add 1 record (TIP-2007/groups)")
        #expect(try harness.journal().count == journal + 2)
        #expect(harness.project("TIP-2007")?.status == .finalising)
    }

    @Test func theJournalRecordsOriginAsNameAndLineAndTheActor() throws {
        let harness = try Harness.osh(actor: "jbouyjou")
        try harness.script("set TIP-2007 status finalising\n\n# progress\nrecord TIP-2007/groups 1 on 2007-11-30\n", name: "monthly.fk")
        let entries = try harness.journal().suffix(2)
        #expect(entries.map(\.origin) == ["monthly.fk:1", "monthly.fk:4"])
        #expect(entries.map(\.actor) == ["jbouyjou", "jbouyjou"])
        #expect(entries.map(\.statement) == ["set TIP-2007 status finalising", "record TIP-2007/groups 1 on 2007-11-30"])
    }

    @Test func anExplicitOriginNamesEveryEntry() throws {
        let harness = try Harness.osh()
        try harness.session.runScript("set TIP-2007 status finalising", name: "-c", origin: "-c")
        #expect(try harness.journal().last?.origin == "-c")
    }

    @Test func theScenarioItselfIsJournaledLineByLine() throws {
        let harness = try Harness.osh()
        let journal = try harness.journal()
        let lines = try Harness.oshStatementLines()
        #expect(journal.map(\.origin) == lines.map { "osh-2007.fk:\($0)" })
        #expect(journal.first?.statement == "add region KG-B")
        #expect(journal.allSatisfy { $0.actor == "officer" })
    }

    // MARK: Dry runs

    @Test func aDryRunKeepsNothingAndSaysWhatWouldChange() throws {
        let harness = try Harness.osh()
        let portfolio = harness.portfolio
        let journal = try harness.journal().count
        let report = try harness.script("""
            add partner unicef name "UNICEF"
            set TIP-2007 status finalising
            """, dryRun: true)
        #expect(report == .nothing)
        #expect(harness.portfolio == portfolio)
        #expect(try harness.journal().count == journal)
        #expect(harness.messages.last == "dry run, nothing kept: would add 1 partner (unicef); update 1 project (TIP-2007)")
    }

    @Test func aDryRunThatChangesNothingSaysSo() throws {
        let harness = try Harness.osh()
        try harness.script("projects | count", dryRun: true)
        #expect(harness.messages.last == "dry run: nothing would change")
    }

    @Test func aDryRunStillReportsTheFirstError() throws {
        let harness = try Harness.osh()
        do {
            try harness.session.runScript("set TIP-2007 status actve", name: "t.fk", dryRun: true)
            Issue.record("the dry run did not fail")
        } catch {
            #expect(error.diagnostic.suggestion == "active")
        }
    }

    @Test func aDryRunForgetsItsVariables() throws {
        let harness = try Harness.osh()
        try harness.script("let month = 2007-09", dryRun: true)
        #expect(harness.session.variables["month"] == nil)
    }

    // MARK: Transactions inside a script

    @Test func rollbackInsideAScriptDropsWhatCameAfterBegin() throws {
        let harness = try Harness.osh()
        try harness.script("""
            set TIP-2007 status finalising
            begin
            remove TIP-2004 force
            rollback
            begin
            set TIP-2007 tags x
            commit
            """)
        #expect(harness.project("TIP-2007")?.status == .finalising)
        #expect(harness.project("TIP-2004") != nil)
        #expect(harness.project("TIP-2007")?.tags == ["x"])
    }

    @Test func rollbackWithoutBeginInAScriptIsAnError() throws {
        let harness = try Harness.osh()
        let failure = try #require(harness.scriptFailure("set TIP-2007 status closed\nrollback"))
        #expect(failure.diagnostic.message == "rollback without begin")
        #expect(failure.diagnostic.location.line == 2)
        #expect(harness.project("TIP-2007")?.status == .active)
    }

    @Test func undoInsideAScriptRevertsTheScriptsLastChange() throws {
        let harness = try Harness.osh()
        try harness.script("set TIP-2007 status closed\nset TIP-2007 title \"X\"\nundo")
        #expect(harness.project("TIP-2007")?.status == .closed)
        #expect(harness.project("TIP-2007")?.title == "Combating human trafficking in south Kyrgyzstan")
    }

    @Test func aScriptSeesItsOwnChanges() throws {
        let harness = try Harness.osh()
        try harness.script("add project P title \"P\" status active\nprojects where status = active | count")
        guard case .table(let table)? = harness.outputs.last else {
            Issue.record("no table")
            return
        }
        #expect(table.texts == [["2"]])
    }

    @Test func historyInsideAScriptSeesTheScriptsEntries() throws {
        let harness = try Harness.osh()
        try harness.script("set TIP-2007 status closed\nhistory take 1", name: "h.fk")
        guard case .table(let table)? = harness.outputs.last else {
            Issue.record("no table")
            return
        }
        #expect(table.column("origin") == ["h.fk:1"])
    }

    // MARK: Rendering a failure

    @Test func aFailureRendersFileLineColumnTheLineAndACaret() throws {
        let harness = try Harness.osh()
        let failure = try #require(harness.scriptFailure("""
            set TIP-2007 status finalising
            # the donor
            link TIP-2007 golden-gaol as funder
            """, name: "monthly.fk"))
        #expect(failure.description == "monthly.fk:3:15: no partner 'golden-gaol' (did you mean 'golden-goal'?)")
        #expect(failure.rendered() == """
            monthly.fk:3:15: error: no partner 'golden-gaol' (did you mean 'golden-goal'?)
              link TIP-2007 golden-gaol as funder
                            ^~~~~~~~~~~

            """)
    }

    @Test func aFailureRendersInColourOnlyWhenAsked() throws {
        let harness = try Harness.osh()
        let failure = try #require(harness.scriptFailure("projets"))
        #expect(!failure.rendered().contains("\u{1B}["))
        #expect(failure.rendered(color: true).contains("\u{1B}["))
    }

    // MARK: Bytes that are not a script

    @Test func invalidUTF8IsReportedAtItsLineAndColumn() throws {
        var bytes = Array("projects\nadd partner p name \"".utf8)
        bytes.append(0xFF)
        bytes += Array("\"\n".utf8)
        do {
            _ = try ScriptSource.decode(Data(bytes))
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.location == FieldScript.SourceLocation(line: 2, column: 21))
            #expect(error.message == "invalid UTF-8 (byte 0xFF); save the script as UTF-8")
        }
    }

    @Test func invalidUTF8AfterMultiByteLettersCountsCharacters() throws {
        var bytes = Array("add region б name \"Баткен ".utf8)
        bytes.append(0xC3)  // a lead byte without its continuation
        bytes += Array("\"".utf8)
        do {
            _ = try ScriptSource.decode(Data(bytes))
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.location == FieldScript.SourceLocation(line: 1, column: 27))
        }
    }

    @Test func aScriptFromAStreamWithBadBytesIsAFailureWithACaret() throws {
        var bytes = Array("projects\n  x".utf8)
        bytes.append(0xFE)
        do {
            _ = try ScriptSource.script(from: Data(bytes), name: "stdin")
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.cause == .statement)
            #expect(error.diagnostic.location == FieldScript.SourceLocation(line: 2, column: 4))
            #expect(error.rendered().hasPrefix("stdin:2:4: error: invalid UTF-8 (byte 0xFE)"))
        }
    }

    @Test func validUTF8DecodesWithoutItsByteOrderMark() throws {
        #expect(try ScriptSource.decode(Data("\u{FEFF}projects".utf8)) == "projects")
        #expect(try ScriptSource.decode(Data("Баткен".utf8)) == "Баткен")
    }

    @Test func aNULByteIsADiagnosticNotACrash() throws {
        let harness = try Harness.osh()
        let failure = try #require(harness.scriptFailure("projects\nadd partner p\u{0} name \"x\""))
        #expect(failure.diagnostic.message == "a NUL byte is not allowed in a script")
        #expect(failure.diagnostic.location == FieldScript.SourceLocation(line: 2, column: 14))
        let inString = try #require(harness.scriptFailure("add partner p name \"a\u{0}b\""))
        #expect(inString.diagnostic.message == "a NUL byte is not allowed in a script")
        #expect(inString.diagnostic.location == FieldScript.SourceLocation(line: 1, column: 22))
        #expect(harness.failure("\u{0}") != nil)
        #expect(harness.partner("p") == nil)
    }

    @Test func aNULByteRendersWithoutCrashing() throws {
        let harness = try Harness()
        let failure = try #require(harness.scriptFailure("projects\u{0}"))
        #expect(failure.rendered().hasPrefix("test.fk:1:9: error: a NUL byte is not allowed in a script\n"))
    }

    @Test func scriptFilesAreReadAndMissingOnesNamed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("monthly.fk").path
        try Data("projects\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try ScriptSource.script(atPath: path) == "projects\n")
        do {
            _ = try ScriptSource.script(atPath: folder.appendingPathComponent("missing.fk").path)
            Issue.record("a missing file was read")
        } catch {
            #expect(error.cause == .unreadableSource)
            #expect(error.diagnostic.message.hasPrefix("no file"))
        }
    }
}
