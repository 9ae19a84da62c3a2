import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct FieldKitCommandTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    @Test func versionAndHelp() throws {
        let version = try runner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.output.hasPrefix("fieldkit "))
        let help = try runner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("--dry-run"))
        #expect(help.output.contains("Exit codes"))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let result = try runner.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.output.contains("fieldkit"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try runner.run(["--bogus"]).status == 2)
        #expect(try runner.run(["--format", "xml", "-c", "projects"]).status == 2)
        #expect(try runner.run(["--today", "2007-02-30", "-c", "projects"]).status == 2)
        let missing = try runner.run(["-f", "missing.fk"])
        #expect(missing.status == 2)
        #expect(missing.error.contains("no file 'missing.fk'"))
    }

    @Test func aQueryWhereNoStoreIsSaysSoAndLeavesNoneBehind() throws {
        let result = try runner.run(["-c", "projects | count"])
        #expect(result.status == 3)
        #expect(result.error.contains("no store at fieldkit.db"))
        #expect(!runner.exists("fieldkit.db"))
        let mistyped = try runner.run(["--store", "nonexist.db", "-c", "projects"])
        #expect(mistyped.status == 3)
        #expect(mistyped.error.contains("error: no store at nonexist.db"))
        #expect(mistyped.output.isEmpty)
        #expect(!runner.exists("nonexist.db"))
        // Settings need no store; a change still creates one, and questions then work.
        #expect(try runner.run(["--store", "nonexist.db", "-c", ".format csv", "-c", ".help let"]).status == 0)
        let created = try runner.run(["--store", "new.db", "-c", "add partner p name \"P\"", "-c", "partners | count"])
        #expect(created.status == 0)
        #expect(runner.exists("new.db"))
    }

    @Test func theStoreIsCreatedOnFirstWriteAndEachDashCIsItsOwnTransaction() throws {
        let result = try runner.run([
            "-c", "add partner golden-goal name \"Golden Goal\" kind national-ngo",
            "-c", "add partner golden-goal name \"Again\"",
            "-c", "partners | count",
        ])
        #expect(result.status == 1)
        #expect(runner.exists("fieldkit.db"))
        #expect(result.error.contains("-c:1:13: error: a partner 'golden-goal' already exists"))
        let after = try runner.run(["--format", "csv", "-c", "partners | columns id, name"])
        #expect(after.output == "id,name\r\ngolden-goal,Golden Goal\r\n")
    }

    @Test func aFailingScriptKeepsNothingAndPointsAtTheTypo() throws {
        try runner.write("monthly.fk", """
            add partner golden-goal name "Golden Goal" kind national-ngo country KG
            add project TIP-2007 title "Combating human trafficking" status active
            link TIP-2007 golden-gaol as implementer
            """)
        let result = try runner.run(["-f", "monthly.fk"])
        #expect(result.status == 1)
        #expect(result.error == """
            monthly.fk:3:15: error: no partner 'golden-gaol' (did you mean 'golden-goal'?)
              link TIP-2007 golden-gaol as implementer
                            ^~~~~~~~~~~

            """)
        let count = try runner.run(["--format", "csv", "-c", "partners | count"])
        #expect(count.output == "count\r\n0\r\n")
    }

    @Test func standardInputIsAScript() throws {
        let result = try runner.run(["--format", "tsv"], input: "add project P1 title \"One\"\nprojects | columns id, title\n")
        #expect(result.status == 0)
        #expect(result.output == "id\ttitle\nP1\tOne\n")
        #expect(result.error.contains("stdin: committed 1 statement"))
    }

    @Test func dryRunShowsAndKeepsNothing() throws {
        let result = try runner.run(["--dry-run", "-c", "add project P1; add project P2"])
        #expect(result.status == 0)
        #expect(result.output.contains("dry run, nothing kept: would add 2 projects (P1, P2)"))
        #expect(try runner.run(["--format", "csv", "-c", "projects | count"]).output == "count\r\n0\r\n")
    }

    @Test func invalidUTF8AndNULBytesFailWithTheLine() throws {
        try runner.write("bad.fk", bytes: Array("projects\nadd project ".utf8) + [0xFF, 0xFE] + Array("\n".utf8))
        let bad = try runner.run(["-f", "bad.fk"])
        #expect(bad.status == 1)
        #expect(bad.error.hasPrefix("bad.fk:2:13: error: invalid UTF-8"))
        let nul = try runner.run([], input: "projects\u{0}\n")
        #expect(nul.status == 1)
        #expect(nul.error.hasPrefix("stdin:1:9: error: a NUL byte"))
    }

    @Test func storeErrorsExitWithThree() throws {
        try runner.write("notes.txt", "not a database\n")
        let result = try runner.run(["--store", "notes.txt", "-c", "projects"])
        #expect(result.status == 3)
        #expect(result.error.contains("not a FieldKit store"))
        #expect(try runner.run(["--store", "absent.db", "--read-only", "-c", "projects"]).status == 3)
    }

    @Test func readOnlyRefusesChanges() throws {
        _ = try runner.run(["-c", "add project P1"])
        let result = try runner.run(["--read-only", "-c", "add project P2"])
        #expect(result.status == 1)
        #expect(result.error.contains("read-only"))
    }

    @Test func variablesTodayAndActorReachTheJournal() throws {
        let result = try runner.run([
            "--set", "start=2007-04-24", "--today", "2007-10-01", "--actor", "jerome",
            "-c", "add project P1 start $start end today+90d",
            "--format", "csv", "-c", "projects | columns id, start, end",
            "-c", "history | columns actor, origin",
        ])
        #expect(result.status == 0)
        #expect(result.output.contains("P1,2007-04-24,2007-12-30"))
        #expect(result.output.contains("jerome,-c"))
    }

    @Test func theDemoHoldsTheOshScenario() throws {
        let result = try runner.run(["--demo", "--format", "csv", "-c", "projects where funders has france | columns id, end"])
        #expect(result.status == 0)
        #expect(result.output == "id,end\r\nTIP-2007,2008-01\r\n")
    }

    @Test func theDemoLeavesNothingBehind() throws {
        let scratch = runner.folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let answered = try runner.run(["--demo", "-c", "projects | count"], environment: ["TMPDIR": scratch.path])
        let failed = try runner.run(["--demo", "-c", "show project NOPE"], environment: ["TMPDIR": scratch.path])
        #expect(answered.status == 0)
        #expect(failed.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == [])
    }

    @Test func colourOnlyOnATerminal() throws {
        let result = try runner.run(["--demo", "-c", "projects"], environment: ["TERM": "xterm-256color"])
        #expect(!result.output.contains("\u{1B}["))
        #expect(result.output.contains("TIP-2007"))
    }
}


/// The command line a new user meets: completion scripts, `fieldkit help`, the init file
/// options, and prompt-only commands named as such in scripts.
@Suite(.timeLimit(.minutes(2))) struct CommandLineSurfaceTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    @Test func helpListsTheCompletionScriptAndTheNewOptions() throws {
        let help = try runner.run(["--help"])
        for option in ["--generate-completion-script", "--no-header", "--init <file>", "-X, --no-init", "vertical"] {
            #expect(help.output.contains(option), "\(option)")
        }
    }

    @Test func helpAsAWordShowsTheHelp() throws {
        let help = try runner.run(["help"])
        #expect(help.status == 0)
        #expect(help.output.contains("USAGE: fieldkit"))
    }

    @Test func bashCompletesFormatValuesAndFilesAfterFAndStore() throws {
        let script = try runner.run(["--generate-completion-script", "bash"]).output
        #expect(script.contains("-W 'table'$'\\n''vertical'$'\\n''csv'$'\\n''tsv'$'\\n''json'$'\\n''jsonl'$'\\n''markdown'"))
        for option in ["'-f'", "'--store'", "'--init'"] {
            let range = try #require(script.range(of: option + ")"))
            let body = script[range.upperBound...].prefix(200)
            #expect(body.hasPrefix("\n        __fieldkit_add_completions -f\n"), "\(option): \(body)")
        }
    }

    @Test func historyAndEditAreForThePrompt() throws {
        let result = try runner.run(["-c", ".history"])
        #expect(result.status == 1)
        #expect(result.error.contains("-c:1:1: error: .history works at the interactive prompt only"))
    }

    @Test func dotTodayWithADateSaysNothing() throws {
        let result = try runner.run(["-c", ".today 2007-10-01", "-c", ".today"])
        #expect(result.output == "today is 2007-10-01 (set)\n")
    }

    @Test func noInitAndInitContradict() throws {
        let result = try runner.run(["--init", "x.fk", "--no-init"])
        #expect(result.status == 2)
    }
}

extension CommandLineSurfaceTests {
    /// A read-only store refuses a transaction at its begin, not at its commit.
    @Test func beginOnAReadOnlyStoreIsRefused() throws {
        #expect(try runner.run(["--store", "ro.db", "-c", "add partner p name \"P\""]).status == 0)
        let result = try runner.run(["--store", "ro.db", "--read-only", "-c", "begin"])
        #expect(result.status == 1)
        #expect(result.error.contains("the store is open read-only; changes are refused"))
    }
}
